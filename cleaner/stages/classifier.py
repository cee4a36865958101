"""fasttext@1: every prose sentence scored by each shipped classifier of its language.

Models are named in config (``stage_settings.fasttext.models``, ``pkg:`` paths
or plain paths), so any of them can be swapped for one built with ``cleaner
train``.  Each sentence goes only to the models of the languages the router
gives it.  A span's score is the sentence's attributed score (see
:meth:`ProseScores.attributed`): the whole turn's tone lands on its most
hostile sentence, so a sentence-level policy acts on what the turn-level
model measured; ``detail`` keeps the sentence's own and the turn's scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleaner.classify.linear_model import TokenTable
from cleaner.classify.model import Classifier
from cleaner.classify.scoring import TurnLines, score_prose_many
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.registry import register
from cleaner.resources import resolve
from cleaner.spans import Span

NAME = "fasttext@1"

DEFAULT_MODELS = {
    "abuse_en": "pkg:models/abuse_en.json",
    "abuse_zh": "pkg:models/abuse_zh.json",
    "emotion_en": "pkg:models/emotion_en.ftz",
}


def floors(settings: dict[str, Any]) -> dict[str, float]:
    """``min_score`` per label (task): a span scored below its label's floor is never emitted.

    Floors are per label because the labels' thresholds are far apart (abuse
    0.395, emotion 0.7 by default): a floor that suits one wastes the other's
    sentence predictions.  ``config.load`` refuses a policy threshold below
    its floor, so re-tuning down to the floor never needs a re-score.
    """
    raw = settings.get("min_score", 0.0)
    if isinstance(raw, dict):
        return {str(k): float(v) for k, v in raw.items()}
    return {"abuse": float(raw), "emotion": float(raw)}


class FastTextStage:
    name = NAME

    def __init__(self, settings: dict[str, Any]) -> None:
        # Paths only: fastText objects cannot be pickled, so they are built in setup().
        self.model_paths: dict[str, str] = dict(settings.get("models") or DEFAULT_MODELS)
        self.floors = floors(settings)
        self.classifiers: list[Classifier] = []

    def setup(self) -> None:
        if not self.classifiers:
            tokens = TokenTable()  # the models read the same lines: each batch's tokens are looked up once
            self.classifiers = [Classifier.load(resolve(p), tokens) for p in self.model_paths.values() if p]

    def score(self, doc: Document, counter: Counter) -> list[Span]:
        return self.score_many([doc], counter)[0]

    def score_many(self, docs: Sequence[Document], counter: Counter) -> list[list[Span]]:
        """Spans of each document; each model predicts all of their turns in two calls."""
        self.setup()
        turns = [(d, turn, TurnLines(turn.sentences)) for d, doc in enumerate(docs) for turn in doc.turns if turn.sentences]
        lines = [t for _, _, t in turns]
        floors = [self.floors.get(clf.task, 0.0) for clf in self.classifiers]
        per_model = [
            (clf, floor, score_prose_many(clf, lines, floor=floor))
            for clf, floor in zip(self.classifiers, floors, strict=True)
        ]
        spans: list[list[Span]] = [[] for _ in docs]
        for k, (d, turn, _) in enumerate(turns):
            for clf, floor, scored in per_model:
                scores = scored[k]
                if not scores.routed:
                    continue
                counter.inc(f"classify_{clf.task}_{clf.lang}_turns")
                detail = {"model": clf.path.name, "lang": clf.lang, "turn_score": round(scores.turn, 4)}
                own = dict((id(sent), sc) for sent, sc in scores.sentences)
                for sent, sc in scores.attributed():
                    if sc >= floor:
                        spans[d].append(
                            Span(
                                turn.index,
                                sent.start,
                                sent.end,
                                clf.task,
                                round(sc, 4),
                                NAME,
                                {**detail, "sentence_score": round(own[id(sent)], 4)},
                            )
                        )
        return spans


@register(NAME)
def _factory(settings: dict[str, Any]) -> FastTextStage:
    return FastTextStage(settings)
