"""A per-user cache for tables the cleaner derives at startup and that never change between runs.

jieba's prefix dictionary and the lexicon's fold table together cost every
worker process about 1.8 CPU-s to build (jieba's own marshal cache is slower
still: 1.4 s).  Read back from flat files they cost about 0.5 s.

Cache files hold plain data, never pickles, so a file in the cache cannot run
code.  Each file is named by a key of everything its content derives from
(library versions, the Unicode version, the deriving source file).  It is
written to a temporary name and renamed, so a reader never sees half a file.
A file that fails to decode is rebuilt.  A missing or read-only cache
directory only costs the build.

The cache lives in ``$SFT_CLEANER_CACHE`` if set (an empty value switches it
off), else ``$XDG_CACHE_HOME/sft-cleaner``, else ``~/.cache/sft-cleaner``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
ENV = "SFT_CLEANER_CACHE"


def cache_dir() -> Path | None:
    """Where cache files go, or None when caching is switched off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sft-cleaner"


def key_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def cached(
    name: str,
    key: str,
    build: Callable[[], T],
    encode: Callable[[T], bytes],
    decode: Callable[[bytes], T],
) -> T:
    """``build()``'s value, read from the cache when a file for ``name`` and ``key`` decodes.

    ``decode`` raises on bytes that are not a whole, valid file; the value is
    then built again and the file rewritten.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.bin"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        try:
            return decode(data)
        except Exception as e:  # noqa: BLE001 - any decoding failure means: rebuild
            log.warning("rebuilding %s: cache file %s did not decode (%s)", name, path, e)
    value = build()
    _write(folder, path, encode(value))
    return value


def _write(folder: Path, path: Path, data: bytes) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as e:
        log.info("not caching %s (%s); set %s to a writable folder to cache it", path.name, e, ENV)
