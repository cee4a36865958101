"""Properties that make the code-survives promise hold on any mix of code and prose."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.segment import CODE_PLACEHOLDER, Segment, Sentence, segment, sentences
from tests.cleaner.segment.strategies import Doc, html_doc, markdown_doc

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _code_ranges(segs: list[Segment]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in segs if s.kind.is_code]


def _inside_code(doc: Doc, segs: list[Segment]) -> None:
    ranges = _code_ranges(segs)
    pos = 0
    for piece in doc.code:
        at = doc.text.find(piece, pos)
        assert at >= 0
        covered = sum(max(0, min(e, at + len(piece)) - max(s, at)) for s, e in ranges)
        assert covered == len(piece), f"code piece {piece!r} is not all code"
        pos = at + len(piece)


def _delete(text: str, sents: list[Sentence], chosen: list[bool]) -> str:
    cut = sorted(r for s, keep in zip(sents, chosen, strict=False) if not keep for r in s.prose)
    out, pos = [], 0
    for s, e in cut:
        out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:])
    return "".join(out)


def _check(doc: Doc, markup: str, data: st.DataObject) -> None:
    text = doc.text
    segs = segment(text, markup)
    assert "".join(text[s.start : s.end] for s in segs) == text
    assert all(a.end == b.start for a, b in zip(segs, segs[1:], strict=False))
    _inside_code(doc, segs)
    sents = sentences(text, segs)
    code = _code_ranges(segs)
    for sent in sents:
        assert len(sent.offsets) == len(sent.text)
        for s, e in sent.prose:
            assert sent.start <= s < e <= sent.end
            assert not any(s < ce and cs < e for cs, ce in code), "a prose range overlaps code"
        for i, ch in enumerate(sent.text):
            o = sent.offsets[i]
            assert text[o] == ch or ch in CODE_PLACEHOLDER or text[o] == "&"
    chosen = data.draw(st.lists(st.booleans(), min_size=len(sents), max_size=len(sents)))
    edited = _delete(text, sents, chosen)
    pos = 0
    for s in segs:
        if s.kind.is_code:
            at = edited.find(text[s.start : s.end], pos)
            assert at >= 0, f"code segment {text[s.start : s.end]!r} lost after deleting prose"
            pos = at + (s.end - s.start)


@SETTINGS
@given(markdown_doc(), st.data())
def test_markdown_code_survives_any_prose_deletion(doc: Doc, data: st.DataObject) -> None:
    _check(doc, "markdown", data)


@SETTINGS
@given(markdown_doc(), st.data())
def test_plain_code_survives_any_prose_deletion(doc: Doc, data: st.DataObject) -> None:
    # plain reads the same fences and backticks (a chat turn may hold them)
    doc = Doc(doc.text, [c for c in doc.code if not c.startswith(("<pre>", "    "))])
    _check(doc, "plain", data)


@SETTINGS
@given(html_doc(), st.data())
def test_html_code_survives_any_prose_deletion(doc: Doc, data: st.DataObject) -> None:
    _check(doc, "html", data)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="`~>-*# \n\tab<>/&;pre1.", max_size=200), st.sampled_from(["markdown", "plain", "html"])
)
def test_any_text_tiles_exactly(text: str, markup: str) -> None:
    segs = segment(text, markup)
    assert "".join(text[s.start : s.end] for s in segs) == text
    for sent in sentences(text, segs):
        assert all(sent.start <= o < sent.end for o in sent.offsets)
