"""Binary and character-span metrics, shared by ``cleaner train`` and ``cleaner eval``.

One implementation so the numbers a manifest records at training time and
the numbers ``cleaner eval`` prints are computed the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.n)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "accuracy": round(self.accuracy, 4),
        }


def confusion(gold: Sequence[bool], scores: Sequence[float], threshold: float) -> Confusion:
    c = Confusion()
    for g, s in zip(gold, scores, strict=True):
        c.add(bool(g), s >= threshold)
    return c


def best_threshold(
    gold: Sequence[bool], scores: Sequence[float], grid: Iterable[float] | None = None
) -> tuple[float, Confusion]:
    """The threshold maximising F1 on a dev set (ties: the higher, more precise one)."""
    grid = list(grid) if grid is not None else [i / 100 for i in range(1, 100)]
    best = (0.5, confusion(gold, scores, 0.5))
    for th in grid:
        c = confusion(gold, scores, th)
        if c.f1 >= best[1].f1:
            best = (th, c)
    return best


@dataclass(slots=True)
class SpanOverlap:
    """Character-level agreement between predicted and gold removal ranges."""

    pred_chars: int = 0
    gold_chars: int = 0
    overlap_chars: int = 0

    def add(self, pred: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> None:
        p, g = _chars(pred), _chars(gold)
        self.pred_chars += len(p)
        self.gold_chars += len(g)
        self.overlap_chars += len(p & g)

    def as_dict(self) -> dict[str, float | int]:
        precision = _ratio(self.overlap_chars, self.pred_chars)
        recall = _ratio(self.overlap_chars, self.gold_chars)
        return {
            "pred_chars": self.pred_chars,
            "gold_chars": self.gold_chars,
            "overlap_chars": self.overlap_chars,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_f1(precision, recall), 4),
        }


def _chars(ranges: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in ranges:
        out.update(range(s, e))
    return out
