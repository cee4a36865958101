"""A stand-in for the policy: per axis, would the cleaner act on this record, and on which characters?

``cleaner eval`` needs a decision before the real policy (cleaner/policy)
exists; this is the smallest honest one, kept in one function so the policy
can replace it.  A turn is flagged on an axis when its turn-scope classifier
score reaches the axis threshold, or any sentence-scope span (a classifier
sentence, a lexicon hit, a Detoxify score) reaches the sentence threshold.
What would be removed: the sentences over the sentence threshold, or, when
only the turn score fired, the turn's highest-scoring sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cleaner.spans import Span

AXES = ("abuse", "emotion")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """``turn`` None means each model's own dev-tuned operating point (from its manifest)."""

    turn: float | None = None
    sentence: float = 0.9

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> Thresholds:
        s = settings or {}
        turn = s.get("turn")
        return cls(turn=None if turn is None else float(turn), sentence=float(s.get("sentence", 0.9)))


@dataclass(slots=True)
class AxisDecision:
    flagged: bool = False
    score: float = 0.0
    ranges: list[tuple[int, int, int]] = field(default_factory=list)  # (turn, start, end)


def axis_of(span: Span, axis_labels: dict[str, Iterable[str]]) -> str | None:
    for axis, labels in axis_labels.items():
        if span.label in labels:
            return axis
    return None


def decide(
    spans: Iterable[Span],
    thresholds: dict[str, Thresholds],
    axis_labels: dict[str, Iterable[str]] | None = None,
) -> dict[str, AxisDecision]:
    axis_labels = axis_labels or {a: (a,) for a in AXES}
    out = {axis: AxisDecision() for axis in axis_labels}
    best_sentence: dict[tuple[str, int], Span] = {}
    fired_turns: set[tuple[str, int]] = set()
    for span in spans:
        axis = axis_of(span, axis_labels)
        if axis is None:
            continue
        th = thresholds.get(axis, Thresholds())
        d = out[axis]
        d.score = max(d.score, span.score)
        if span.detail.get("scope") == "turn":
            turn_th = th.turn if th.turn is not None else float(span.detail.get("operating_point", 0.5))
            if span.score >= turn_th:
                d.flagged = True
                fired_turns.add((axis, span.turn))
            continue
        key = (axis, span.turn)
        if key not in best_sentence or span.score > best_sentence[key].score:
            best_sentence[key] = span
        if span.score >= th.sentence:
            d.flagged = True
            d.ranges.append((span.turn, span.start, span.end))
    for axis, turn in fired_turns:
        d = out[axis]
        if not any(r[0] == turn for r in d.ranges) and (axis, turn) in best_sentence:
            s = best_sentence[(axis, turn)]
            d.ranges.append((s.turn, s.start, s.end))
    for d in out.values():
        d.ranges = sorted(set(d.ranges))
    return out
