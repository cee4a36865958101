"""Hand-made spans, so policy tests do not depend on any model or lexicon version."""

from cleaner.config import load
from cleaner.document import Document
from cleaner.edits import apply_edits, revert_edits
from cleaner.policy import decide
from cleaner.record import Markup, Record, Role, Turn
from cleaner.spans import Span


def lex(turn, text, term, category, severity=2, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(term, start + 1)
    return Span(turn, start, start + len(term), category, severity / 3, "lexicon@1",
                {"category": category, "severity": severity, "term": term})


def cls(turn, text, sentence, label, score):
    start = text.index(sentence)
    return Span(turn, start, start + len(sentence), label, score, "fasttext@1", {})


def run(turns, spans, fmt="chat", overrides=()):
    rec = Record("r", fmt, fmt, [Turn(role, text, None, Markup.MARKDOWN) for role, text in turns])
    doc = Document.build(rec)
    d = decide(doc, spans, load(overrides=list(overrides)))
    cleaned = []
    for i, t in enumerate(rec.turns):
        mine = [e for e in d.edits if e.turn == i]
        out = apply_edits(t.text, mine)
        assert revert_edits(out, mine) == t.text
        cleaned.append(out)
    return d, cleaned


A, U = Role.ASSISTANT, Role.USER
