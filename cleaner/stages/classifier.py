"""fasttext@1: every prose sentence, and each turn's prose as a whole, scored by the shipped classifiers.

Models are named in config (``stage_settings.fasttext.models``, ``pkg:`` paths
or plain paths), so any of them can be swapped for one built with ``cleaner
train``.  Each sentence goes only to the models of the languages the router
gives it; a turn-scope span carries the score of the turn's routed prose as a
whole, which is what decides (see :mod:`cleaner.classify.scoring`), and the
sentence-scope spans say where in the turn the tone sits.
"""

from __future__ import annotations

from typing import Any

from cleaner.classify.model import Classifier
from cleaner.classify.scoring import score_prose
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.registry import register
from cleaner.resources import resolve
from cleaner.spans import Span

NAME = "fasttext@1"

DEFAULT_MODELS = {
    "abuse_en": "pkg:models/abuse_en.ftz",
    "abuse_zh": "pkg:models/abuse_zh.ftz",
    "emotion_en": "pkg:models/emotion_en.ftz",
}


class FastTextStage:
    name = NAME

    def __init__(self, settings: dict[str, Any]) -> None:
        # Paths only: fastText objects cannot be pickled, so they are built in setup().
        self.model_paths: dict[str, str] = dict(settings.get("models") or DEFAULT_MODELS)
        self.min_score = float(settings.get("min_score", 0.0))
        self.classifiers: list[Classifier] = []

    def setup(self) -> None:
        if not self.classifiers:
            self.classifiers = [Classifier.load(resolve(p)) for p in self.model_paths.values() if p]

    def score(self, doc: Document, counter: Counter) -> list[Span]:
        self.setup()
        spans: list[Span] = []
        for turn in doc.turns:
            if not turn.sentences:
                continue
            for clf in self.classifiers:
                scores = score_prose(clf, turn.sentences)
                if not scores.sentences:
                    continue
                counter.inc(f"classify_{clf.task}_{clf.lang}_turns")
                detail = {"model": clf.path.name, "lang": clf.lang, "operating_point": clf.threshold}
                first, last = scores.sentences[0][0], scores.sentences[-1][0]
                if scores.turn >= self.min_score:
                    spans.append(
                        Span(
                            turn.index,
                            first.start,
                            last.end,
                            clf.task,
                            round(scores.turn, 4),
                            NAME,
                            {**detail, "scope": "turn"},
                        )
                    )
                for sent, s in scores.sentences:
                    if s >= self.min_score:
                        spans.append(
                            Span(
                                turn.index,
                                sent.start,
                                sent.end,
                                clf.task,
                                round(s, 4),
                                NAME,
                                {**detail, "scope": "sentence"},
                            )
                        )
        return spans


@register(NAME)
def _factory(settings: dict[str, Any]) -> FastTextStage:
    return FastTextStage(settings)
