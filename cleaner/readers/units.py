"""From one raw unit to a Record, a Stack Exchange post, or a dead letter.

This is the single entry point both the Beam job and the in-process runner
call, so a unit is parsed the same way everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cleaner import reasons
from cleaner.readers.base import DeadLetter, ReadError, UnitRef
from cleaner.readers.chat import parse_chat
from cleaner.readers.detect import FORMATS
from cleaner.readers.forum import parse_forum
from cleaner.readers.github import parse_github
from cleaner.readers.stackexchange import Post, parse_row
from cleaner.record import Record

_OBJECT_READERS = {"github": parse_github, "forum": parse_forum, "chat": parse_chat}


@dataclass(slots=True)
class Unit:
    """One input unit: raw bytes of a line, or an already-decoded Parquet row."""

    ref: UnitRef
    raw: bytes | None = None
    obj: dict[str, Any] | None = None

    def raw_bytes(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return json.dumps(self.obj, ensure_ascii=False, default=str).encode("utf-8")


def decode_json(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReadError(reasons.BAD_UTF8, f"invalid UTF-8 at byte {e.start}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(reasons.BAD_JSON, f"malformed JSON: {e.msg} at column {e.colno}") from None
    except RecursionError:
        raise ReadError(reasons.BAD_JSON, "JSON nested too deeply") from None


def parse_unit(unit: Unit, fmt: str, max_bytes: int, raw_cap: int = 65536) -> Record | Post | DeadLetter:
    try:
        out = _parse(unit, fmt, max_bytes)
        if isinstance(out, Record):
            out.origin_file, out.origin_offset = unit.ref.source_file, unit.ref.offset
        return out
    except ReadError as e:
        return DeadLetter.make(unit.ref, unit.raw_bytes(), e.reason, e.message, raw_cap)
    except Exception as e:  # a reader bug must cost one unit, not the job
        return DeadLetter.make(
            unit.ref, unit.raw_bytes(), reasons.PROCESS_ERROR, f"{type(e).__name__}: {e}", raw_cap
        )


def _parse(unit: Unit, fmt: str, max_bytes: int) -> Record | Post:
    if fmt not in FORMATS:
        raise ReadError(
            reasons.UNKNOWN_FORMAT,
            f"could not tell the input format of {unit.ref.source_file}; pass --format "
            f"({'|'.join(FORMATS)})",
        )
    if unit.raw is not None and len(unit.raw) > max_bytes:
        raise ReadError(
            reasons.RECORD_TOO_LARGE,
            f"unit is {len(unit.raw):,} bytes, over input.max_record_bytes={max_bytes:,}",
        )
    if fmt == "stackexchange":
        if unit.raw is None:
            raise ReadError(reasons.WRONG_TYPE, "Stack Exchange input must be Posts.xml lines")
        try:
            line = unit.raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ReadError(reasons.BAD_UTF8, f"invalid UTF-8 at byte {e.start}") from None
        return parse_row(line, unit.ref)
    obj = unit.obj if unit.obj is not None else decode_json(unit.raw or b"")
    if not isinstance(obj, dict):
        raise ReadError(reasons.NOT_AN_OBJECT, f"expected a JSON object, got {type(obj).__name__}")
    return _OBJECT_READERS[fmt](obj, unit.ref)
