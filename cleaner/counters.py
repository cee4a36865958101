"""Counters injected into the pure core.

The core never imports Beam; it increments counters through this protocol.
The Beam layer passes an adapter over ``beam.metrics.Metrics.counter`` and
unit tests pass a :class:`DictCounter`.  Counter names are reason codes, so
the same string shows up in Beam's UI, the summary and the tests.
"""

from __future__ import annotations

from collections import Counter as _Counter
from typing import Protocol


class Counter(Protocol):
    def inc(self, name: str, n: int = 1) -> None: ...


class DictCounter:
    """In-process counter: a plain dict of name -> count."""

    def __init__(self) -> None:
        self.counts: _Counter[str] = _Counter()

    def inc(self, name: str, n: int = 1) -> None:
        self.counts[name] += n

    def __getitem__(self, name: str) -> int:
        return self.counts[name]

    def as_dict(self) -> dict[str, int]:
        return dict(self.counts)


class NullCounter:
    def inc(self, name: str, n: int = 1) -> None:
        return None
