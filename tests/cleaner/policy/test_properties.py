"""Properties of the whole decision on generated records mixing code, clean prose and abuse.

- edits apply to the original and revert exactly;
- every code span of the original is in the cleaned text, byte for byte, in order;
- no lexicon hit of severity >= 2 survives in a cleaned response turn.
"""

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.edits import apply_edits, revert_edits
from cleaner.process import Cleaner
from cleaner.record import Markup, Record, Role, Side, Turn
from cleaner.registry import create
from cleaner.segment import segment

LEX = Path(__file__).parents[2] / "fixtures" / "lexicon"


def _lines(name: str) -> list[str]:
    rows = [ln for ln in (LEX / name).read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    return [r.split("\t", 1)[1] for r in rows[1:]] if name.endswith(".tsv") else rows


CLEAN = _lines("clean_en.txt") + _lines("clean_zh.txt")
HOSTILE = _lines("hostile_en.tsv") + _lines("hostile_zh.tsv")
CODE_BLOCKS = [
    "```python\n# this fucking hack, wtf\nx = shit_count + 1\n```",
    "```\nTraceback (most recent call last):\n  File \"a.py\", line 1\nNameError: name 'idiot' is not defined\n```",
    "    $ rm -rf build  # stupid cache\n    $ make",
    "```js\nconst damn = () => { throw new Error('傻逼'); };\n```",
]
INLINE = ["`kill -9`", "`wtf()`", "`fuck_it = True`", "`os.path.join`", "`SB需求`"]


@cache
def _cleaner() -> Cleaner:
    return Cleaner(load(overrides=["stages=[length@1, lexicon@1]"]))


@cache
def _lexicon():
    s = create("lexicon@1", {})
    s.setup()
    return s


def _sentence(draw) -> str:
    text = draw(st.sampled_from(HOSTILE if draw(st.booleans()) else CLEAN))
    if draw(st.integers(0, 3)) == 0:
        words = text.split(" ")
        k = draw(st.integers(0, len(words)))
        text = " ".join([*words[:k], draw(st.sampled_from(INLINE)), *words[k:]])
    return text


@st.composite
def turn_texts(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(draw(st.sampled_from(CODE_BLOCKS)))
        elif kind == 1:
            parts.append("> " + _sentence(draw))
        else:
            parts.append(" ".join(_sentence(draw) for _ in range(draw(st.integers(1, 3)))))
    return "\n\n".join(parts)


@st.composite
def records(draw) -> Record:
    fmt = draw(st.sampled_from(["chat", "github"]))
    roles = [Role.USER, Role.ASSISTANT] if fmt == "chat" else [Role.OPENER, Role.MAINTAINER, Role.CONTRIBUTOR]
    n = draw(st.integers(1, 4))
    turns = [Turn(roles[i % len(roles)] if fmt == "chat" else (roles[0] if i == 0 else draw(st.sampled_from(roles[1:]))),
                  draw(turn_texts()), None, Markup.MARKDOWN) for i in range(n)]
    return Record("r", fmt, fmt, turns)


def _code_spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text, "markdown") if s.kind.is_code]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_edits_revert_code_survives_and_no_severe_hit_is_left(rec):
    o = _cleaner().process(rec, DictCounter())
    for i, (orig, out) in enumerate(zip(rec.turns, o.turns, strict=True)):
        mine = [e for e in o.edits if e.turn == i]
        assert apply_edits(orig.text, mine) == out.text
        assert revert_edits(out.text, mine) == orig.text
        pos = 0
        for code in _code_spans(orig.text):
            found = out.text.find(code, pos)
            assert found >= 0, f"code span lost in turn {i}: {code!r}"
            pos = found + len(code)
    if not o.kept:
        return
    cleaned = Record(rec.id, rec.format, rec.format, o.turns)
    doc = Document.build(cleaned)
    left = [
        s for s in _lexicon().score(doc, DictCounter())
        if doc.turns[s.turn].side is Side.RESPONSE and s.detail["severity"] >= 2
    ]
    assert left == [], [(cleaned.turns[s.turn].text[s.start : s.end], s.label) for s in left]
