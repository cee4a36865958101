"""Run-wide figures for the report, gathered in the same pass that samples.

Counts come from the rows themselves (not only ``summary.json``) so the
report can break them down by language, stage and role, which the job's
counters do not.  Code spans are counted in edited turns only: those are the
turns where an edit could have touched code, and segmenting every untouched
turn again would make the report as slow as the job.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from cleaner.inspect.pieces import code_preserved
from cleaner.inspect.view import Action, DeadLetterEntry, Entry, RecordDiff
from cleaner.policy.escalation import bucket

BINS = 20


def _bins() -> list[int]:
    return [0] * BINS


@dataclass(slots=True)
class Histogram:
    """Scores in [0, 1] in ``BINS`` equal bins; anything outside is clamped to the edge bins."""

    counts: list[int] = field(default_factory=_bins)

    def add(self, score: float) -> None:
        self.counts[min(BINS - 1, max(0, int(score * BINS)))] += 1

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(slots=True)
class RunStats:
    actions: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # reason -> action -> n
    langs: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # lang -> action -> n
    edits_by_stage: Counter[str] = field(default_factory=Counter)
    spans_by_stage: Counter[str] = field(default_factory=Counter)
    edits_by_role: Counter[str] = field(default_factory=Counter)
    turns_by_role: Counter[str] = field(default_factory=Counter)
    span_scores: dict[str, Histogram] = field(default_factory=lambda: defaultdict(Histogram))  # stage -> scores
    edit_scores: dict[str, Histogram] = field(default_factory=lambda: defaultdict(Histogram))
    escalation: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # depth bucket -> n
    edits: int = 0
    chars_removed: int = 0
    code_preserved: int = 0
    code_touched: int = 0
    trails_broken: int = 0

    def observe(self, e: Entry) -> None:
        self.actions[e.action] += 1
        for r in e.all_reasons:
            self.reasons[r][e.action] += 1
        if isinstance(e, DeadLetterEntry):
            return
        self._record(e)

    def _record(self, e: RecordDiff) -> None:
        self.langs[e.lang][e.action] += 1
        for s in e.spans:
            stage = str(s.get("stage"))
            self.spans_by_stage[stage] += 1
            self.span_scores[stage].add(float(s.get("score") or 0.0))
        for t in e.turns:
            self.turns_by_role[t.role] += 1
            self.trails_broken += not t.trail_ok
            if not t.edits:
                continue
            kept, touched = code_preserved(t)
            self.code_preserved += kept
            self.code_touched += touched
            for x in t.edits:
                self.edits += 1
                self.chars_removed += len(x.before)
                self.edits_by_stage[x.stage] += 1
                self.edits_by_role[t.role] += 1
                self.edit_scores[x.stage].add(x.score)
        for row in e.escalation:
            b = bucket(int(row.get("depth", 0)))
            self.escalation[b]["responses"] += 1
            self.escalation[b]["hostile"] += bool(row.get("hostile"))

    def escalation_rows(self) -> list[dict[str, Any]]:
        rows = []
        for depth in sorted(self.escalation, key=lambda d: int(d.rstrip("+"))):
            c = self.escalation[depth]
            share = c["hostile"] / c["responses"] if c["responses"] else 0.0
            rows.append({"depth": depth, "responses": c["responses"], "hostile": c["hostile"], "hostile_share": share})
        return rows

    @property
    def records(self) -> int:
        return sum(n for a, n in self.actions.items() if a != Action.DEADLETTER)
