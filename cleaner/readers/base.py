"""What a reader gets and what it gives back.

A reader is a pure function from one raw unit (a JSON line, a Parquet row, an
XML ``<row>`` line) to a Record.  Anything it cannot turn into a record it
reports as a :class:`ReadError` with a stable reason code, which the caller
turns into a dead-letter row: bad input is never a crash and never a silent
loss.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from cleaner import reasons


@dataclass(frozen=True, slots=True)
class UnitRef:
    """Where a unit came from: enough to trace any output row to its input."""

    source_file: str
    offset: int  # 1-based line number, or 1-based row number for Parquet

    @property
    def fallback_id(self) -> str:
        return f"{os.path.basename(self.source_file)}:{self.offset}"


class ReadError(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(slots=True)
class DeadLetter:
    source_file: str
    offset: int
    raw: bytes
    raw_truncated: bool
    reason: str
    error: str
    units: int = 1

    @classmethod
    def make(
        cls,
        ref: UnitRef,
        raw: bytes | str | None,
        reason: str,
        error: str,
        cap: int = 65536,
        units: int = 1,
    ) -> DeadLetter:
        if raw is None:
            data = b""
        elif isinstance(raw, str):
            data = raw.encode("utf-8", "surrogatepass")
        else:
            data = bytes(raw)
        return cls(ref.source_file, ref.offset, data[:cap], len(data) > cap, reason, error, units)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_file": self.source_file,
            "offset": self.offset,
            "raw": self.raw,
            "raw_truncated": self.raw_truncated,
            "reason": self.reason,
            "error": self.error,
            "units": self.units,
        }


# Field access helpers: every reader validates the same way, with the same reasons.


def need(obj: dict[str, Any], key: str, typ: type | tuple[type, ...], where: str = "") -> Any:
    if key not in obj or obj[key] is None:
        raise ReadError(reasons.MISSING_FIELD, f"missing field {where}{key!r}")
    return want(obj, key, typ, where)


def want(obj: dict[str, Any], key: str, typ: type | tuple[type, ...], where: str = "", default: Any = None) -> Any:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, typ) or (isinstance(value, bool) and bool not in _as_tuple(typ)):
        names = "/".join(t.__name__ for t in _as_tuple(typ))
        raise ReadError(
            reasons.WRONG_TYPE, f"field {where}{key!r} must be {names}, got {type(value).__name__}"
        )
    return value


def _as_tuple(typ: type | tuple[type, ...]) -> tuple[type, ...]:
    return typ if isinstance(typ, tuple) else (typ,)


def as_id(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | str):
        s = str(value).strip()
        return s or None
    return None
