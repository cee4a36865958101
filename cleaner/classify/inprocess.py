"""The in-process decision ``cleaner eval`` measures: configured stages over a Document, then :func:`decide`.

Same stages, same settings and same policy the job runs, so what ``eval``
reports is what ``run`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cleaner import config, registry
from cleaner.classify.decide import AxisDecision, decide
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.record import Markup, Record, Role, Turn
from cleaner.registry import Stage

CLASSIFIER_STAGE = "fasttext@1"


@dataclass(slots=True)
class Decider:
    cfg: dict[str, Any]
    stages: list[Stage]

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> Decider:
        names = list(cfg.get("stages", []))
        if CLASSIFIER_STAGE not in names:
            # eval exists to measure the classifiers: they always run.
            names.append(CLASSIFIER_STAGE)
        stages = [registry.create(n, config.stage_settings(cfg, n)) for n in names]
        for st in stages:
            st.setup()
        return cls(cfg, stages)

    def decide_text(self, text: str, counter: Counter) -> dict[str, AxisDecision]:
        """One response-side Markdown turn, as ``cleaner eval`` treats each line."""
        record = Record("eval", "eval", "eval", [Turn(Role.ASSISTANT, text, markup=Markup.MARKDOWN)])
        doc = Document.build(record)
        spans = [s for st in self.stages for s in st.score(doc, counter)]
        return decide(doc, spans, self.cfg)


def flagged(decisions: dict[str, AxisDecision], axis: str) -> bool:
    if axis == "any":
        return any(d.flagged for d in decisions.values())
    return decisions[axis].flagged


def removed_ranges(decisions: dict[str, AxisDecision], axis: str) -> Iterable[tuple[int, int]]:
    axes = decisions.values() if axis == "any" else [decisions[axis]]
    return sorted({(s, e) for d in axes for _, s, e in d.ranges})
