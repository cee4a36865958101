"""Which records a reviewer sees: filters, and a seeded sample spread over the actions.

One streaming pass with a reservoir per action keeps memory at ``n`` rows
per action on any run size, and the same seed gives the same sample.  An
unfiltered run is mostly unchanged records; taking the actions in turn
(neutralized, rejected, dead-letter, unchanged) puts the changes a reviewer
came for first.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cleaner.inspect.load import OUTPUTS, RunDir
from cleaner.inspect.view import Action, DeadLetterEntry, Entry, RecordDiff, entry

ORDER = (Action.NEUTRALIZED, Action.REJECTED, Action.DEADLETTER, Action.UNCHANGED)


@dataclass(frozen=True, slots=True)
class Filters:
    """Every given criterion must hold; within one criterion, any listed value will do."""

    actions: frozenset[Action] = frozenset()
    reasons: tuple[str, ...] = ()  # "drop_sentence" matches "drop_sentence.abuse"
    stages: tuple[str, ...] = ()  # "lexicon" matches "lexicon@1"
    langs: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    min_score: float | None = None
    max_score: float | None = None
    min_depth: int | None = None
    max_depth: int | None = None

    @property
    def record_only(self) -> bool:
        """Criteria a dead-letter unit cannot meet: it has no turns, spans or tags."""
        return bool(
            self.stages or self.langs or self.roles or self.min_score is not None or self.max_score is not None
            or self.min_depth is not None or self.max_depth is not None
        )

    def matches(self, e: Entry) -> bool:
        if self.actions and e.action not in self.actions:
            return False
        if self.reasons and not any(_prefix(r, p) for r in e.all_reasons for p in self.reasons):
            return False
        if isinstance(e, DeadLetterEntry):
            return not self.record_only
        return self._record(e)

    def _record(self, e: RecordDiff) -> bool:
        if self.stages:
            stages = {x.stage for x in e.edits} | {str(s.get("stage")) for s in e.spans}
            if not any(_stage(s, p) for s in stages for p in self.stages):
                return False
        if self.langs and e.lang not in self.langs:
            return False
        if self.roles:
            edited = [t for t in e.turns if t.edits] or list(e.turns)
            if not any(t.role in self.roles for t in edited):
                return False
        if self.min_score is not None or self.max_score is not None:
            lo = -float("inf") if self.min_score is None else self.min_score
            hi = float("inf") if self.max_score is None else self.max_score
            scores = [x.score for x in e.edits] + [float(s.get("score") or 0.0) for s in e.spans]
            if not any(lo <= s <= hi for s in scores):
                return False
        if self.min_depth is not None and e.max_depth < self.min_depth:
            return False
        return not (self.max_depth is not None and e.max_depth > self.max_depth)


def _prefix(value: str, want: str) -> bool:
    return value == want or value.startswith(want + ".")


def _stage(value: str, want: str) -> bool:
    return value == want or value.split("@", 1)[0] == want


@dataclass(slots=True)
class Reservoir:
    """Algorithm R: a uniform sample of ``n`` from a stream of unknown length."""

    n: int
    rng: random.Random
    seen: int = 0
    items: list[tuple[int, Entry]] = field(default_factory=list)

    def offer(self, item: Entry) -> None:
        self.seen += 1
        if len(self.items) < self.n:
            self.items.append((self.seen, item))
            return
        k = self.rng.randrange(self.seen)
        if k < self.n:
            self.items[k] = (self.seen, item)

    def in_order(self) -> list[Entry]:
        return [e for _, e in sorted(self.items, key=lambda x: x[0])]


def entries(run: RunDir) -> Iterable[Entry]:
    for output in OUTPUTS:
        for row in run.rows(output):
            yield entry(row, output)


def sample(
    stream: Iterable[Entry], filters: Filters, n: int, seed: int, observe: Callable[[Entry], None] | None = None
) -> list[Entry]:
    """Up to ``n`` matching entries; ``observe`` sees every entry (matching or not) on the way."""
    pools = {a: Reservoir(n, random.Random(f"{seed}:{a}")) for a in Action}
    for e in stream:
        if observe is not None:
            observe(e)
        if filters.matches(e):
            pools[e.action].offer(e)
    return interleave([pools[a].in_order() for a in ORDER], n)


def interleave(groups: list[list[Entry]], n: int) -> list[Entry]:
    """Round-robin over the groups, then regroup by action so a reader sees one kind at a time."""
    picked: list[tuple[int, int, Entry]] = []
    depth = 0
    while len(picked) < n and any(depth < len(g) for g in groups):
        for gi, g in enumerate(groups):
            if depth < len(g) and len(picked) < n:
                picked.append((gi, depth, g[depth]))
        depth += 1
    return [e for _, _, e in sorted(picked, key=lambda x: (x[0], x[1]))]
