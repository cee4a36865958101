"""length@1: flags turns with no content, the cheapest possible scorer.

It exists so the score -> policy -> write path runs end to end from day one
and shows the stage contract at its smallest.
"""

from __future__ import annotations

from typing import Any

from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.registry import register
from cleaner.spans import Span

NAME = "length@1"


class LengthStage:
    name = NAME

    def __init__(self, settings: dict[str, Any]) -> None:
        self.min_chars = int(settings.get("min_chars", 1))

    def setup(self) -> None:
        return None

    def score(self, doc: Document, counter: Counter) -> list[Span]:
        spans = []
        for t in doc.turns:
            if self.min_chars <= 1 and t.text and not t.text.isspace():
                continue  # at least one non-space character: the common case, without counting them
            n = len("".join(t.text.split()))
            if n < self.min_chars:
                spans.append(Span(t.index, 0, len(t.text), "empty_turn", 1.0, NAME, {"chars": n}))
        return spans


@register(NAME)
def _factory(settings: dict[str, Any]) -> LengthStage:
    return LengthStage(settings)
