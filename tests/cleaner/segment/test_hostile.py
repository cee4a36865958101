"""Hostile shapes complete and round-trip (time is measured by the benchmark, never here)."""

from __future__ import annotations

import pytest

from cleaner.segment import Kind, segment, sentences

SHAPES = {
    "5 MB single line": ("markdown", lambda: "word, and more " * 350_000),
    "5 MB single line of symbols": ("plain", lambda: "{a:[1,2],b:'x'};" * 330_000),
    "100k backticks": ("markdown", lambda: "`" * 100_000),
    "100k backtick runs of growing length": (
        "markdown",
        lambda: " ".join("`" * (i % 300 + 1) for i in range(20_000)),
    ),
    "10k nested quotes": ("markdown", lambda: "> " * 10_000 + "deep\n" + "> " * 10_000 + "```\ncode"),
    # 10k levels by indentation would be 100 MB of spaces; 2k levels is 4 MB
    "2k nested list levels by indentation": (
        "markdown",
        lambda: "".join(" " * (2 * i) + "- x\n" for i in range(2000)),
    ),
    "10k list markers on one line": ("markdown", lambda: "- " * 10_000 + "x"),
    "unterminated html": ("html", lambda: "<p><code>" + "<a href='" * 50_000),
    "100k lone less-thans": ("html", lambda: "<" * 100_000),
    "unclosed comment": ("html", lambda: "<p>x</p><!--" + "a" * 100_000),
    "100k unclosed code tags": ("html", lambda: "<code>x " * 100_000),
    "fence opened and never closed": ("markdown", lambda: "text\n```\n" + "line of code\n" * 100_000),
    "many lines of one char": ("plain", lambda: "x\n" * 200_000),
}


@pytest.mark.parametrize("name", list(SHAPES))
def test_hostile_shape_completes_and_round_trips(name: str) -> None:
    markup, make = SHAPES[name]
    text = make()
    segs = segment(text, markup)
    assert "".join(text[s.start : s.end] for s in segs) == text
    sents = sentences(text, segs)
    assert all(s.end <= len(text) for s in sents)


def test_unclosed_fence_keeps_everything_after_it_as_code() -> None:
    text = "text\n```\n" + "you are stupid\n" * 1000
    segs = segment(text, "markdown")
    assert segs[-1].kind is Kind.CODE_BLOCK
    assert segs[-1].start == len("text\n")
    assert segs[-1].info.get("unclosed") is True


def test_long_sentence_is_cut_so_no_sentence_is_unbounded() -> None:
    text = "word " * 100_000
    sents = sentences(text, segment(text, "plain"))
    assert len(sents) > 1
    assert max(len(s.text) for s in sents) <= 2000
