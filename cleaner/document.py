"""The view of a record that scoring stages read: turns with their segments.

Segmentation happens once per record, here, and every stage reads the same
segments and sentences, so no stage can score code by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.record import Markup, Record, Role, Side
from cleaner.segment import Segment, Sentence, segment, sentences


@dataclass(slots=True)
class TurnView:
    index: int
    role: Role
    side: Side
    text: str
    markup: Markup
    segments: list[Segment]
    sentences: list[Sentence]


@dataclass(slots=True)
class Document:
    record: Record
    turns: list[TurnView]

    @classmethod
    def build(cls, record: Record) -> Document:
        views = []
        for i, t in enumerate(record.turns):
            segs = segment(t.text, str(t.markup))
            views.append(TurnView(i, t.role, t.side, t.text, t.markup, segs, sentences(t.text, segs)))
        return cls(record, views)
