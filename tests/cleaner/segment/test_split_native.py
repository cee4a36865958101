"""The compiled build's C sentence splitter against the splitter's definition (the regex).

Runs in CI's compiled pass, where the kernel is built; a pure install has no
kernel and splits with the regex itself, so there is nothing to compare.
"""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sentences = importlib.import_module("cleaner.segment.sentences")  # the package re-exports a function of that name
native = pytest.importorskip("cleaner.segment._split", reason="the C kernel is built only by the compiled build")

_CHARS = (
    "abcXYZ iI09 .!?\n\n \t\r\x0b\x1c\u00a0\u2028"
    "。！？；…\"'”’」』）》)]\\中文\uff10\uff5e\u3400\u9fff\u33ff"  # terminators, closers, the CJK look-ahead's edges
)
_PIECES = [
    "e.g.", "etc.", "Mr.", "A.", "b.", "word", "Hello", "world!", "what?!", "ok...", "wait.)", "（注）", "好。",
    "吗？", "？！", "\n", "\n\n", " \n", "\n  x", " ", "\t", ". ", "...", "?）", ".”", "）", "。”", "vs.", "Fig.",
    "3.", "v2.", "end.\n", "i.e.", "abcdefgh.", "U.S.A.", "a.b.c.d.e.f.g.h.i.j.", "x.\ny", "!.)", "中!?", "é.",
]
_TEXT = st.one_of(
    st.text(alphabet=st.one_of(st.sampled_from(_CHARS), st.characters(max_codepoint=127), st.characters()), max_size=120),
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_the_kernel_splits_as_the_definition(text: str) -> None:
    assert native.split(text, sentences.MAX_SENTENCE_CHARS) == sentences._split_by_regex(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "longer words here", "中文" * 7]), max_size=60).map(" ".join))
def test_over_long_sentences_are_cut_where_the_definition_cuts_them(text: str) -> None:
    # A small limit makes every text "over-long": the cut at spaces is exercised on each.
    limit = 16
    old = sentences.MAX_SENTENCE_CHARS
    sentences.MAX_SENTENCE_CHARS = limit
    try:
        expected = sentences._split_by_regex(text)
    finally:
        sentences.MAX_SENTENCE_CHARS = old
    assert native.split(text, limit) == expected


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("", []),
        ("Use e.g. pip. Then run it!", ["Use e.g. pip.", "Then run it!"]),
        ("setup.py fails on 3.11. Why?", ["setup.py fails on 3.11.", "Why?"]),
        ("第一句。第二句！", ["第一句。", "第二句！"]),
        ("wrapped\nline. New\n\nparagraph", ["wrapped\nline.", "New", "paragraph"]),
        # The closer run gives "）" back: a full-width bracket is also CJK to the look-ahead.
        ("Really?）x", ["Really?", "）x"]),
    ],
)
def test_known_splits(text: str, parts: list[str]) -> None:
    got = native.split(text, sentences.MAX_SENTENCE_CHARS)
    assert got == sentences._split_by_regex(text)
    assert [text[a:b] for a, b in got] == parts


def test_the_segmenter_uses_the_kernel_when_it_is_built() -> None:
    assert sentences._native_split is native.split
    assert sentences.split("One. Two.") == [(0, 4), (5, 9)]


def test_bad_arguments_are_errors_not_crashes() -> None:
    with pytest.raises(TypeError):
        native.split(b"bytes", 10)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 2"):
        native.split("text", 1)
