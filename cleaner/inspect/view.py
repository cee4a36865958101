"""One output row as a reviewer sees it: each turn's original, cleaned text and edits.

The original of a cleaned turn comes from ``revert_edits`` on the cleaned
text; a rejected row already holds the original, and ``apply_edits`` shows
what cleaning it would have left.  So the trail alone explains every change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cleaner import reasons as R
from cleaner.edits import Edit, apply_edits, revert_edits
from cleaner.inspect.lang import language

# Rejected rows hold the original turns, except duplicates: dedup runs after cleaning and
# rejects the cleaned row (cleaner.rows.duplicate_row).
HOLDS_CLEANED = frozenset({R.EXACT_DUPLICATE, R.NEAR_DUPLICATE})


class Action(StrEnum):
    """What the run did with a record (or unit)."""

    UNCHANGED = "unchanged"  # cleaned/, no edit
    NEUTRALIZED = "neutralized"  # cleaned/, with edits (words, clauses or sentences removed)
    REJECTED = "rejected"
    DEADLETTER = "deadletter"


@dataclass(frozen=True, slots=True)
class TurnDiff:
    index: int
    role: str
    markup: str
    original: str
    cleaned: str
    edits: tuple[Edit, ...]
    trail_ok: bool = True  # False: the edits did not fit the stored text, so they are not shown


@dataclass(frozen=True, slots=True)
class RecordDiff:
    action: Action
    id: str
    source: str
    format: str
    turns: tuple[TurnDiff, ...]
    reasons: tuple[str, ...]  # record-level reasons (rejected rows)
    meta: dict[str, Any]
    spans: tuple[dict[str, Any], ...]
    lang: str
    units: int = 1
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def edits(self) -> list[Edit]:
        return [e for t in self.turns for e in t.edits]

    @property
    def all_reasons(self) -> list[str]:
        return [*self.reasons, *(e.reason for e in self.edits)]

    @property
    def max_depth(self) -> int:
        tags = self.meta.get("tags")
        return int(tags.get("max_depth", 0)) if isinstance(tags, dict) else 0

    @property
    def escalation(self) -> list[dict[str, Any]]:
        tags = self.meta.get("tags")
        rows = tags.get("escalation", []) if isinstance(tags, dict) else []
        return [r for r in rows if isinstance(r, dict)]


@dataclass(frozen=True, slots=True)
class DeadLetterEntry:
    source_file: str
    offset: int
    reason: str
    error: str
    raw: str  # decoded with replacement characters: dead letters are often not valid UTF-8
    raw_truncated: bool
    units: int = 1
    action: Action = Action.DEADLETTER

    @property
    def id(self) -> str:
        return f"{self.source_file}:{self.offset}"

    @property
    def all_reasons(self) -> list[str]:
        return [self.reason]


Entry = RecordDiff | DeadLetterEntry


def record_diff(row: dict[str, Any], output: str) -> RecordDiff:
    """``output`` is "cleaned" or "rejected"; it (and the reasons) say whether ``turns`` hold cleaned or original text."""
    edits = [Edit.from_dict(e) for e in row.get("edits") or []]
    reasons = tuple(row.get("reasons") or ())
    holds_cleaned = output == "cleaned" or any(r in HOLDS_CLEANED for r in reasons)
    by_turn: dict[int, list[Edit]] = {}
    for e in edits:
        by_turn.setdefault(e.turn, []).append(e)
    turns = []
    for i, t in enumerate(row.get("turns") or []):
        turns.append(_turn(i, t, by_turn.get(i, []), holds_cleaned))
    meta = _json(row.get("meta"))
    action = (Action.NEUTRALIZED if edits else Action.UNCHANGED) if output == "cleaned" else Action.REJECTED
    return RecordDiff(
        action=action,
        id=str(row.get("id")),
        source=row.get("source") or "",
        format=row.get("format") or "",
        turns=tuple(turns),
        reasons=reasons,
        meta=meta,
        spans=tuple(row.get("spans") or ()),
        lang=language(meta, [t.original for t in turns]),
        units=int(row.get("units") or 1),
        detail=_json(row.get("detail")),
    )


def _turn(i: int, t: dict[str, Any], edits: list[Edit], holds_cleaned: bool) -> TurnDiff:
    text = t.get("text") or ""
    role, markup = t.get("role") or "", t.get("markup") or "markdown"
    # The stored text is tried as what the row says it is, then as the other side: a reviewer
    # tool should show a row a newer writer stored differently, not stop on it.
    for cleaned_side in (holds_cleaned, not holds_cleaned):
        try:
            if cleaned_side:
                return TurnDiff(i, role, markup, revert_edits(text, edits), text, tuple(edits))
            return TurnDiff(i, role, markup, text, apply_edits(text, edits), tuple(edits))
        except ValueError:
            continue
    return TurnDiff(i, role, markup, text, text, (), trail_ok=False)


def deadletter_entry(row: dict[str, Any]) -> DeadLetterEntry:
    raw = row.get("raw") or b""
    return DeadLetterEntry(
        source_file=row.get("source_file") or "",
        offset=int(row.get("offset") or 0),
        reason=row.get("reason") or "",
        error=row.get("error") or "",
        raw=raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw),
        raw_truncated=bool(row.get("raw_truncated")),
        units=int(row.get("units") or 1),
    )


def entry(row: dict[str, Any], output: str) -> Entry:
    return deadletter_entry(row) if output == "deadletter" else record_diff(row, output)


def _json(s: Any) -> dict[str, Any]:
    if isinstance(s, dict):
        return s
    try:
        v = json.loads(s) if s else {}
    except (TypeError, ValueError):
        return {}
    return v if isinstance(v, dict) else {}
