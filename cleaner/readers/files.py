"""Iterate the units of one input file: JSON Lines (optionally gzipped), Parquet rows, Posts.xml lines.

The opener is injected so the Beam job can pass Beam's FileSystems (gs://)
and tests and the in-process runner can pass ``open``.  A file that ends
early (truncated gzip, corrupt Parquet) yields what it had and then one dead
letter that says where it broke; the job goes on.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from cleaner import reasons
from cleaner.readers.base import DeadLetter, UnitRef
from cleaner.readers.detect import format_from_name, format_of_object
from cleaner.readers.stackexchange import is_structural
from cleaner.readers.units import Unit, decode_json

Opener = Callable[[str], BinaryIO]

SNIFF_UNITS = 20


def _local_open(path: str) -> BinaryIO:
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def is_parquet(path: str) -> bool:
    return path.lower().endswith((".parquet", ".pq"))


def _lines(f: BinaryIO, path: str) -> BinaryIO:
    return gzip.GzipFile(fileobj=f) if path.lower().endswith(".gz") else f  # type: ignore[return-value]


def iter_units(path: str, opener: Opener = _local_open, raw_cap: int = 65536) -> Iterator[Unit | DeadLetter]:
    """Yield every unit of ``path`` (blank lines and XML wrapper lines are not units)."""
    n = 0
    try:
        with opener(path) as f:
            if is_parquet(path):
                yield from _parquet_units(f, path)
                return
            for n, line in enumerate(_lines(f, path), start=1):  # noqa: B007 - n is read in except
                body = line.rstrip(b"\r\n")
                if not body.strip():
                    continue
                if path.lower().endswith((".xml", ".xml.gz")) and _structural(body):
                    continue
                yield Unit(UnitRef(path, n), raw=body)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as e:
        yield DeadLetter.make(
            UnitRef(path, n + 1),
            None,
            reasons.TRUNCATED_FILE if n or isinstance(e, EOFError) else reasons.UNREADABLE_FILE,
            f"{path}: {type(e).__name__}: {e} (after line {n}); units before this point were read",
            raw_cap,
        )


def _structural(body: bytes) -> bool:
    try:
        return is_structural(body.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def _parquet_units(f: BinaryIO, path: str) -> Iterator[Unit | DeadLetter]:
    import pyarrow.parquet as pq

    row = 0
    try:
        pf = pq.ParquetFile(f)
        for batch in pf.iter_batches(batch_size=1024):
            for obj in batch.to_pylist():
                row += 1
                yield Unit(UnitRef(path, row), obj=obj)
    except Exception as e:  # pyarrow raises several types for corrupt files
        yield DeadLetter.make(
            UnitRef(path, row + 1),
            None,
            reasons.TRUNCATED_FILE if row else reasons.UNREADABLE_FILE,
            f"{path}: cannot read Parquet: {type(e).__name__}: {e} (after row {row})",
        )


def sniff_format(path: str, opener: Opener = _local_open) -> str | None:
    """Guess a file's format from its name, then from its first records."""
    by_name = format_from_name(path)
    if by_name:
        return by_name
    for seen, unit in enumerate(iter_units(path, opener), start=1):
        if isinstance(unit, DeadLetter):
            return None
        try:
            obj = unit.obj if unit.obj is not None else decode_json(unit.raw or b"")
        except Exception:
            obj = None
        fmt = format_of_object(obj)
        if fmt:
            return fmt
        if seen >= SNIFF_UNITS:
            break
    return None
