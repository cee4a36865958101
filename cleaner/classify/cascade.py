"""Which sentences are worth a slow model: the cheap cascade's uncertain band.

Shared by the Detoxify stage and the benchmark that reports the share of
sentences the cascade sends on.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.classify.model import Classifier
from cleaner.classify.scoring import TurnLines, score_prose
from cleaner.document import Document
from cleaner.segment import Sentence


def uncertain(
    doc: Document, classifiers: Sequence[Classifier], low: float, high: float
) -> list[tuple[int, Sentence]]:
    """(turn, sentence) pairs whose best attributed fastText score is in ``[low, high)``."""
    best: dict[tuple[int, int], tuple[Sentence, float]] = {}
    for turn in doc.turns:
        lines = TurnLines(turn.sentences)
        for clf in classifiers:
            for sent, score in score_prose(clf, lines, floor=low).attributed():
                key = (turn.index, sent.start)
                if key not in best or score > best[key][1]:
                    best[key] = (sent, score)
    return [(t, s) for (t, _), (s, sc) in sorted(best.items()) if low <= sc < high]
