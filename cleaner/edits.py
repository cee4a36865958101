"""The edit trail: every change to a turn, exact enough to replay and revert.

Offsets are into the ORIGINAL turn text.  Applying a turn's edits to the
original gives the cleaned text; reverting them on the cleaned text gives the
original back, so reviewers and the diff tool never need a second copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    turn: int
    start: int
    end: int
    before: str
    after: str
    reason: str
    stage: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        # Explicit rather than dataclasses.asdict, whose per-field deepcopy is slow.
        return {
            "turn": self.turn,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "stage": self.stage,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edit:
        return cls(**{k: d[k] for k in cls.__slots__})  # type: ignore[attr-defined]


def _ordered(edits: Iterable[Edit]) -> list[Edit]:
    out = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in zip(out, out[1:], strict=False):
        if b.start < a.end:
            raise ValueError(f"overlapping edits {a.start}-{a.end} and {b.start}-{b.end} in turn {a.turn}")
    return out


def apply_edits(original: str, edits: Iterable[Edit]) -> str:
    parts, pos = [], 0
    for e in _ordered(edits):
        if original[e.start : e.end] != e.before:
            raise ValueError(f"edit {e.start}-{e.end} does not match the original text")
        parts.append(original[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(original[pos:])
    return "".join(parts)


def revert_edits(cleaned: str, edits: Iterable[Edit]) -> str:
    parts, pos, shift = [], 0, 0
    for e in _ordered(edits):
        start = e.start + shift
        if cleaned[start : start + len(e.after)] != e.after:
            raise ValueError(f"edit at {e.start} does not match the cleaned text")
        parts.append(cleaned[pos:start])
        parts.append(e.before)
        pos = start + len(e.after)
        shift += len(e.after) - (e.end - e.start)
    parts.append(cleaned[pos:])
    return "".join(parts)
