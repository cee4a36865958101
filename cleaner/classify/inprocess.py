"""The in-process decision ``cleaner eval`` measures: stages over a Document, then :func:`decide`.

Same stages, same settings and same decision function the job runs, so what
``eval`` reports is what ``run`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cleaner import config, registry
from cleaner.classify.decide import AXES, AxisDecision, Thresholds, decide
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.record import Markup, Record, Role, Turn
from cleaner.registry import Stage
from cleaner.spans import Span

CLASSIFIER_STAGE = "fasttext@1"
DEFAULT_AXIS_LABELS: dict[str, tuple[str, ...]] = {"abuse": ("abuse",), "emotion": ("emotion",)}


@dataclass(slots=True)
class Decider:
    stages: list[Stage]
    thresholds: dict[str, Thresholds]
    axis_labels: dict[str, tuple[str, ...]]

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> Decider:
        names = list(cfg.get("stages", []))
        if CLASSIFIER_STAGE not in names:
            # eval exists to measure the classifiers: they always run.
            names.append(CLASSIFIER_STAGE)
        stages = [registry.create(n, config.stage_settings(cfg, n)) for n in names]
        for st in stages:
            st.setup()
        ft = config.stage_settings(cfg, CLASSIFIER_STAGE)
        thresholds = {a: Thresholds.from_settings((ft.get("thresholds") or {}).get(a)) for a in AXES}
        labels = {a: tuple(v) for a, v in (ft.get("axis_labels") or DEFAULT_AXIS_LABELS).items()}
        return cls(stages, thresholds, labels)

    def spans(self, doc: Document, counter: Counter) -> list[Span]:
        return [s for st in self.stages for s in st.score(doc, counter)]

    def decide_text(self, text: str, counter: Counter) -> dict[str, AxisDecision]:
        """One response-side Markdown turn, as ``cleaner eval`` treats each line."""
        record = Record("eval", "eval", "eval", [Turn(Role.ASSISTANT, text, markup=Markup.MARKDOWN)])
        return decide(self.spans(Document.build(record), counter), self.thresholds, self.axis_labels)


def flagged(decisions: dict[str, AxisDecision], axis: str) -> bool:
    if axis == "any":
        return any(d.flagged for d in decisions.values())
    return decisions[axis].flagged


def removed_ranges(decisions: dict[str, AxisDecision], axis: str) -> Iterable[tuple[int, int]]:
    axes = decisions.values() if axis == "any" else [decisions[axis]]
    return [(s, e) for d in axes for _, s, e in d.ranges]
