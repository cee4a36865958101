"""One record through score -> act: the in-process core the Beam job wraps.

``Cleaner`` is built from config, loads its stages' models in ``setup()``
(once per worker) and turns a Record into an Outcome.  The Beam DoFn, the
in-process runner, ``cleaner eval`` and the serving-time guard all call this
same object, so what is measured is what runs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleaner import config as config_mod
from cleaner import registry
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.edits import Edit, apply_edits
from cleaner.policy import Decision, PolicySettings, decide
from cleaner.record import Record, Turn
from cleaner.spans import Span


@dataclass(slots=True)
class Outcome:
    record: Record  # the original, untouched
    kept: bool
    turns: list[Turn]  # cleaned turns (== original turns when nothing changed)
    edits: list[Edit] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    tags: dict[str, Any] = field(default_factory=dict)
    turn_reasons: dict[int, str] = field(default_factory=dict)


def stage_spans(stage: Any, docs: Sequence[Document], counter: Counter) -> list[list[Span]]:
    """One stage's spans for each document: its ``score_many`` if it has one, else ``score`` per document."""
    many = getattr(stage, "score_many", None)
    return many(docs, counter) if many is not None else [stage.score(d, counter) for d in docs]


class Cleaner:
    def __init__(self, cfg: dict[str, Any]) -> None:
        self.cfg = cfg
        self.stages = [registry.create(n, config_mod.stage_settings(cfg, n)) for n in cfg["stages"]]
        self.policy = PolicySettings.from_config(cfg)
        self._ready = False
        self._lock = threading.Lock()

    def setup(self) -> None:
        with self._lock:
            if not self._ready:
                for s in self.stages:
                    s.setup()
                self._ready = True

    def process(self, record: Record, counter: Counter) -> Outcome:
        return self.process_many([record], counter)[0]

    def process_many(self, records: Sequence[Record], counter: Counter) -> list[Outcome]:
        """``[process(r) for r in records]``, each stage over the whole batch in turn.

        Equal outcomes (a test holds it); cheaper, because a stage's code and
        tables stay hot in the CPU cache across the batch and a stage with
        ``score_many`` (fasttext@1) predicts the batch in a few calls.  On an
        exception nothing of the batch is returned: callers retry record by
        record to isolate the bad one (``route_records``).
        """
        self.setup()
        docs = [Document.build(r) for r in records]
        spans: list[list[Span]] = [[] for _ in docs]
        for stage in self.stages:
            for acc, got in zip(spans, stage_spans(stage, docs, counter), strict=True):
                if got:
                    counter.inc(f"spans:{stage.name}", len(got))
                    acc.extend(got)
        return [self._outcome(r, d, sp, counter) for r, d, sp in zip(records, docs, spans, strict=True)]

    def _outcome(self, record: Record, doc: Document, spans: list[Span], counter: Counter) -> Outcome:
        decision: Decision = decide(doc, spans, self.cfg, self.policy)
        turns = _cleaned_turns(record, decision.edits)
        for r in decision.reasons:
            counter.inc(r)
        for e in decision.edits:
            counter.inc(e.reason)
        for row, b in zip(decision.tags.get("escalation", []), decision.tags.get("depth_buckets", []), strict=True):
            counter.inc(f"escalation.depth={b}.responses")
            if row["hostile"]:
                counter.inc(f"escalation.depth={b}.hostile")
        return Outcome(
            record, decision.keep, turns, decision.edits, spans, decision.reasons, decision.tags, decision.turn_reasons
        )


_THREAD = threading.local()


def thread_cleaner(config_json: str) -> Cleaner:
    """The calling thread's set-up :class:`Cleaner` for this config (JSON text), built on first use.

    Why: Beam holds one instance of each DoFn per worker thread, and the
    job's two cleaning DoFns (records, and Stack Exchange threads after
    their join) each built their own Cleaner, so every worker thread loaded
    the models and the lexicon twice.  One per thread and config loads them
    once and keeps the stages' caches (``TokenTable``) single-threaded, as
    they require.  Callers look it up per call, not once in ``setup()``: a
    runner may hand a DoFn instance to another thread between bundles.
    """
    cache: dict[str, Cleaner] | None = getattr(_THREAD, "cleaners", None)
    if cache is None:
        cache = _THREAD.cleaners = {}
    cleaner = cache.get(config_json)
    if cleaner is None:
        cleaner = Cleaner(json.loads(config_json))
        cleaner.setup()
        cache[config_json] = cleaner
    return cleaner


def _cleaned_turns(record: Record, edits: list[Edit]) -> list[Turn]:
    if not edits:
        return list(record.turns)
    by_turn: dict[int, list[Edit]] = {}
    for e in edits:
        by_turn.setdefault(e.turn, []).append(e)
    out = []
    for i, t in enumerate(record.turns):
        text = apply_edits(t.text, by_turn[i]) if i in by_turn else t.text
        out.append(Turn(t.role, text, t.author, t.markup))
    return out
