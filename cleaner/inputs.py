"""Which files a run reads: globs and folders in, supported data files out.

Anything else a glob catches (a README beside the data) is skipped with a
message, not parsed into a thousand dead letters.
"""

from __future__ import annotations

import glob
import os

SUPPORTED_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson", ".parquet", ".pq", ".xml", ".xml.gz")


def is_supported(path: str) -> bool:
    return path.lower().endswith(SUPPORTED_SUFFIXES)


def is_remote(pattern: str) -> bool:
    return "://" in pattern


def beam_pattern(pattern: str) -> str:
    """A local folder means every file below it."""
    if not is_remote(pattern) and os.path.isdir(pattern):
        return os.path.join(pattern, "**")
    return pattern


def expand_local(patterns: list[str]) -> tuple[list[str], list[str]]:
    """(supported files, skipped files) for local patterns, sorted, without duplicates."""
    found: set[str] = set()
    for pat in patterns:
        pat = beam_pattern(pat)
        hits = glob.glob(pat, recursive=True) if glob.has_magic(pat) else ([pat] if os.path.exists(pat) else [])
        found.update(h for h in hits if os.path.isfile(h))
    files = sorted(found)
    return [f for f in files if is_supported(f)], [f for f in files if not is_supported(f)]
