"""Score a turn's prose with one classifier: per sentence and for the turn as a whole.

Tone often lives in no single sentence ("I asked three times. Still
nothing. Great."): on the locked-issues dev folds the score of the whole
prose of a turn reaches F1 0.52 where the best sentence's score reaches 0.47
(same model; taking the max with the sentences' own scores drops it to
0.47), so the turn score decides whether a turn is flagged and the sentence
scores say where the tone sits: see :meth:`ProseScores.attributed`.  ``cleaner train`` uses this
same function to build its training lines and to score its dev split, so the
numbers it reports are the numbers the stage produces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.classify.langid import route
from cleaner.classify.model import Classifier
from cleaner.classify.preprocess import Preprocessor
from cleaner.segment import Sentence, segment, sentences


@dataclass(frozen=True, slots=True)
class ProseScores:
    """Calibrated scores; ``sentences`` pairs each routed sentence with its score."""

    sentences: tuple[tuple[Sentence, float], ...]  # empty when no sentence is routed, or below the floor
    turn: float  # 0.0 when no sentence is routed to this model's language
    routed: int = 0  # sentences routed to this model's language

    def attributed(self) -> list[tuple[Sentence, float]]:
        """Sentence scores a sentence-level policy can act on, whose maximum is the turn score.

        The turn's score goes to its most hostile sentence; every other
        sentence keeps min(own score, turn score), so it crosses a threshold
        only when both it and its turn do.
        """
        if not self.sentences:
            return []
        top = max(range(len(self.sentences)), key=lambda i: self.sentences[i][1])
        return [
            (sent, self.turn if i == top else min(own, self.turn))
            for i, (sent, own) in enumerate(self.sentences)
        ]


_UNROUTED = ProseScores((), 0.0)  # a turn with no sentence in the model's language


class TurnLines:
    """One turn's sentence routes and preprocessed lines, computed once for every model.

    Preprocessing is most of the stage's cost; models that share a recipe
    and a language (abuse_en and emotion_en) share the lines.
    """

    def __init__(self, sents: Sequence[Sentence]) -> None:
        self.sents = list(sents)
        self._routes = [route(s.text) for s in self.sents]
        self._lines: dict[tuple[Preprocessor, str], list[str]] = {}
        self._index: dict[str, list[int]] = {}

    def routed(self, lang: str) -> list[int]:
        if lang not in self._index:
            self._index[lang] = [i for i, r in enumerate(self._routes) if lang in r]
        return self._index[lang]

    def lines(self, pre: Preprocessor, lang: str) -> list[str]:
        key = (pre, lang)
        if key not in self._lines:
            self._lines[key] = pre.many([self.sents[i].text for i in self.routed(lang)], lang)
        return self._lines[key]

    @staticmethod
    def fill(turns: Sequence[TurnLines], pre: Preprocessor, lang: str) -> None:
        """Compute :meth:`lines` of many turns in one ``Preprocessor.many`` pass.

        ``many`` equals preprocessing each text alone, so the lines are the
        same; one pass over a batch's prose instead of one per turn saves the
        normalizer's fixed cost per call.
        """
        key = (pre, lang)
        todo = [t for t in turns if key not in t._lines and t.routed(lang)]
        if len(todo) < 2:
            return
        texts = [t.sents[i].text for t in todo for i in t.routed(lang)]
        lines = pre.many(texts, lang)
        k = 0
        for t in todo:
            n = len(t.routed(lang))
            t._lines[key] = lines[k : k + n]
            k += n


def routed(sents: Sequence[Sentence], lang: str) -> list[Sentence]:
    return [s for s in sents if lang in route(s.text)]


def turn_line(pre: Preprocessor, sents: Sequence[Sentence], lang: str) -> str:
    """The training/inference line of a whole turn: its routed sentences, preprocessed, joined."""
    return " ".join(TurnLines(sents).lines(pre, lang))


def prose_sentences(text: str, markup: str = "markdown") -> list[Sentence]:
    return sentences(text, segment(text, markup))


def score_prose(clf: Classifier, sents: Sequence[Sentence] | TurnLines, floor: float | None = None) -> ProseScores:
    """Score the turn line first; the sentences only when the turn reaches ``floor``.

    Every attributed score is at most the turn score, so a caller that
    ignores scores below ``floor`` loses nothing when the sentences of a
    calmer turn are never scored: one prediction per turn instead of one per
    sentence plus one, for the calm majority.  Prediction calls cost mostly
    per line, not per token, so this is most of the stage's model time.
    """
    return score_prose_many(clf, [sents if isinstance(sents, TurnLines) else TurnLines(sents)], floor)[0]


def score_prose_many(clf: Classifier, turns: Sequence[TurnLines], floor: float | None = None) -> list[ProseScores]:
    """:func:`score_prose` of each turn, with two prediction calls for all of them.

    fastText scores each line on its own, so batching changes no score; it
    saves the per-call cost and keeps the model's tables hot in the CPU cache
    between turns (measured: one call per model is 15-30% cheaper than one
    call per turn for the same lines).
    """
    out = [_UNROUTED] * len(turns)
    cal = clf.calibration
    TurnLines.fill(turns, clf.preprocess, clf.lang)
    todo = [k for k, turn in enumerate(turns) if turn.routed(clf.lang)]
    turn_lines = [" ".join(turns[k].lines(clf.preprocess, clf.lang)) for k in todo]
    more: list[int] = []  # multi-sentence turns at or above the floor: their sentences get scored
    sentence_lines: list[str] = []
    for k, raw in zip(todo, clf.raw(turn_lines), strict=True):
        turn = turns[k]
        idx = turn.routed(clf.lang)
        score = cal(raw)
        if len(idx) == 1:
            out[k] = ProseScores(((turn.sents[idx[0]], score),), score, 1)
            continue
        out[k] = ProseScores((), score, len(idx))  # sentences filled in below if the turn reaches the floor
        if floor is None or score >= floor:
            more.append(k)
            sentence_lines.extend(turn.lines(clf.preprocess, clf.lang))
    raws = iter(clf.raw(sentence_lines))
    for k in more:
        turn = turns[k]
        idx = turn.routed(clf.lang)
        own = tuple((turn.sents[i], cal(next(raws))) for i in idx)
        out[k] = ProseScores(own, out[k].turn, len(idx))
    return out
