"""lexicon@1: curated word and phrase lists, the cheap and explainable first line.

Scores prose only (the sentences of each turn: code is masked before this
stage sees anything), and says why: every span carries the category, the
severity, the lexicon term and the normalized text that matched it.  The
lexicon is loaded in ``setup`` (once per worker), never when the stage is
created or pickled.

Settings (``stage_settings.lexicon``):
- ``path``: lexicon folder, default the shipped ``pkg:lexicons/``.
- ``min_severity``: ignore entries below this severity (1-3), default 1.

A term the ``asserted`` rule rejects ("not stupid at all", "I'm such an
idiot") is still reported, as a span labelled :data:`DENIED` with score 0:
bag-of-words classifiers read the word and miss the negation, and the policy
uses the denial to hold their flags on that sentence to its drop bar.
"""

from __future__ import annotations

import bisect
from typing import Any

from cleaner.counters import Counter
from cleaner.document import Document, TurnView
from cleaner.lexicon import words
from cleaner.lexicon.entries import load
from cleaner.lexicon.matcher import Match, Matcher
from cleaner.registry import register
from cleaner.resources import resolve
from cleaner.spans import CIVIL, DENIED, Span

NAME = "lexicon@1"
# A lexicon hit is certain about the words, not about the intent: even a
# severity-3 term stays below 1.0 so that a classifier can still outvote it.
SEVERITY_SCORE = {1: 0.5, 2: 0.75, 3: 0.95}
SEPARATOR = "\n"  # between sentences apart in the original: a boundary no term crosses


class LexiconStage:
    name = NAME

    def __init__(self, settings: dict[str, Any]) -> None:
        self.path = str(settings.get("path", "pkg:lexicons/"))
        self.min_severity = int(settings.get("min_severity", 1))
        if self.min_severity not in (1, 2, 3):
            raise ValueError(f"lexicon: min_severity must be 1, 2 or 3, got {self.min_severity}")
        self._matcher: Matcher | None = None

    def setup(self) -> None:
        if self._matcher is None:
            self._matcher = Matcher(load(resolve(self.path)), denied=True)
            words.warm()

    def __getstate__(self) -> dict[str, Any]:
        # The automaton is rebuilt by setup() on the worker, not shipped.
        return {"path": self.path, "min_severity": self.min_severity, "_matcher": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def score(self, doc: Document, counter: Counter) -> list[Span]:
        """Match the prose of the whole document in one call: per-call cost dominates short turns.

        Sentences that touch in the original are joined as they stand (a splitter
        may cut "Ｆ.Ｕ.Ｃ.Ｋ" at its dots); all others, and turns, are joined by a
        newline, a boundary no term crosses.  Where each sentence sits in the
        joined text is worked out only for documents with a match (few).
        """
        self.setup()
        assert self._matcher is not None
        turns = [t for t in doc.turns if t.sentences]
        matches = self._matcher.find(SEPARATOR.join(map(_join_turn, turns)))
        if not matches:
            return []
        owners = [(turn, sent) for turn in turns for sent in turn.sentences]
        starts, pos, prev = [], 0, None
        for turn, sent in owners:
            if prev is not None:
                pos += 0 if prev == (turn.index, sent.start) else len(SEPARATOR)
            starts.append(pos)
            pos += len(sent.text)
            prev = (turn.index, sent.end)
        spans = []
        for m in matches:
            if m.entry.severity < self.min_severity:
                continue
            first = bisect.bisect_right(starts, m.start) - 1
            last = bisect.bisect_right(starts, m.end - 1) - 1
            turn, sent = owners[first]
            start = sent.offsets[m.start - starts[first]]
            # source_end: a match ending on a decoded entity or a code placeholder covers all of it
            end = owners[last][1].source_end(m.end - 1 - starts[last])
            spans.append(self._span(turn.index, start, end, m, sent.quote))
            counter.inc(f"lexicon_{DENIED if m.denied else m.entry.category}")
        return spans

    @staticmethod
    def _span(turn: int, start: int, end: int, m: Match, quote: bool) -> Span:
        e = m.entry
        detail: dict[str, Any] = {
            "category": e.category,
            "severity": e.severity,
            "term": e.term,
            "normalized": m.normalized,
            "lang": e.lang,
            "obfuscated": m.obfuscated,
            "source": e.source,
        }
        if quote:
            detail["quote"] = True
        if "noun" in e.rules:
            detail["noun"] = True  # the policy takes the clause (cleaner/lexicon/rules.py)
        if m.denied:
            return Span(turn, start, end, DENIED, 0.0, NAME, detail)
        if e.category == CIVIL:
            return Span(turn, start, end, CIVIL, 0.0, NAME, detail)
        return Span(turn, start, end, e.category, SEVERITY_SCORE[e.severity], NAME, detail)


def _join_turn(turn: TurnView) -> str:
    sents = turn.sentences
    if all(a.end != b.start for a, b in zip(sents, sents[1:], strict=False)):
        return SEPARATOR.join(s.text for s in sents)
    gaps = ("" if a.end == b.start else SEPARATOR for a, b in zip(sents, sents[1:], strict=False))
    return sents[0].text + "".join(g + s.text for g, s in zip(gaps, sents[1:], strict=True))


@register(NAME)
def _factory(settings: dict[str, Any]) -> LexiconStage:
    return LexiconStage(settings)
