import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.edits import Edit, apply_edits, revert_edits


def _edit(text, start, end, after):
    return Edit(0, start, end, text[start:end], after, "r", "s@1", 1.0)


def test_apply_and_revert_example():
    text = "this fucking function returns null"
    e = _edit(text, 5, 13, "")
    assert apply_edits(text, [e]) == "this function returns null"
    assert revert_edits("this function returns null", [e]) == text


def test_overlapping_or_stale_edits_are_refused():
    text = "abcdef"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(text, [_edit(text, 0, 3, ""), _edit(text, 2, 4, "")])
    with pytest.raises(ValueError, match="does not match"):
        apply_edits(text, [Edit(0, 0, 2, "zz", "", "r", "s@1", 1.0)])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.data())
def test_apply_then_revert_is_identity(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(_edit(text, a, b, data.draw(st.text(max_size=3))))
    # zero-width insertions at the same point would be ambiguous: keep starts distinct
    seen, uniq = set(), []
    for e in edits:
        if e.start not in seen:
            uniq.append(e)
            seen.add(e.start)
    cleaned = apply_edits(text, uniq)
    assert revert_edits(cleaned, uniq) == text
