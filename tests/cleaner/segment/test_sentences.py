"""Sentence splitting (English, Chinese, mixed) and the map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.segment import CODE_PLACEHOLDER, segment, sentences
from cleaner.segment.sentences import split


def _texts(s: str) -> list[str]:
    return [s[a:b] for a, b in split(s)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Use e.g. pip, i.e. the tool, etc. and go.", ["Use e.g. pip, i.e. the tool, etc. and go."]),
        (
            "Python 3.11.2 ships setup.py and __init__.py files.",
            ["Python 3.11.2 ships setup.py and __init__.py files."],
        ),
        (
            "Open https://docs.python.org/3/library/re.html?x=1#y now. Then go.",
            ["Open https://docs.python.org/3/library/re.html?x=1#y now.", "Then go."],
        ),
        ("Wait... what? OK.", ["Wait... what?", "OK."]),
        ('He said "no." Then left.', ['He said "no."', "Then left."]),
        ("J. Smith wrote it. Fine.", ["J. Smith wrote it.", "Fine."]),
        ("你好。你是谁？我很好！", ["你好。", "你是谁？", "我很好！"]),
        ("先这样；再那样…然后呢", ["先这样；", "再那样…", "然后呢"]),
        ("他说：“滚。”然后走了。", ["他说：“滚。”", "然后走了。"]),
        ("太烂了!你们修吗?Yes.", ["太烂了!", "你们修吗?", "Yes."]),
        ("This is stupid. 真的很烦。OK", ["This is stupid.", "真的很烦。", "OK"]),
        ("line one\nLine two", ["line one", "Line two"]),
        ("wrapped line\ncontinues here.", ["wrapped line\ncontinues here."]),
        ("para one\n\nthe second", ["para one", "the second"]),
        ("   ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_offsets_map_every_char_back() -> None:
    text = "Fix `foo()` now, you idiot. Then 重新运行 `make`。"
    sents = sentences(text, segment(text, "markdown"))
    assert [s.text for s in sents] == [
        f"Fix {CODE_PLACEHOLDER} now, you idiot.",
        f"Then 重新运行 {CODE_PLACEHOLDER}。",
    ]
    for s in sents:
        for i, ch in enumerate(s.text):
            if ch not in CODE_PLACEHOLDER:
                assert text[s.offsets[i]] == ch
    first = sents[0]
    assert first.code == ((4, 11),)
    assert first.prose == ((0, 4), (11, 27))
    i = first.text.index("you idiot")
    assert first.original_ranges(i, i + len("you idiot")) == [
        (text.index("you idiot"), text.index("you idiot") + 9)
    ]


def test_original_ranges_never_cover_inline_code() -> None:
    text = "stupid `rm -rf` stupid"
    (s,) = sentences(text, segment(text, "markdown"))
    ranges = s.original_ranges(0, len(s.text))
    assert ranges == [(0, 7), (15, 22)]
    assert "".join(text[a:b] for a, b in ranges) == "stupid  stupid"


def test_html_entities_decoded_with_offsets_into_the_source() -> None:
    text = "<p>Don&#39;t use &lt;br&gt; you moron.</p>"
    (s,) = sentences(text, segment(text, "html"))
    assert s.text == "Don't use <br> you moron."
    j = s.text.index("'")
    assert text[s.offsets[j] : s.offsets[j] + 5] == "&#39;"
    k = s.text.index("moron")
    assert s.original_ranges(k, k + 5) == [(text.index("moron"), text.index("moron") + 5)]
    # an entity at the edge of a span maps to the whole entity
    lt = s.text.index("<")
    assert s.original_ranges(lt, lt + 1) == [(text.index("&lt;"), text.index("&lt;") + 4)]
    assert s.end == text.index("</p>")
    assert s.source_end(lt) == text.index("&lt;") + 4


def test_source_end_stops_at_tags_and_covers_inline_code() -> None:
    text = "<p>a<b>c</b> <code>x</code></p>"
    (s,) = sentences(text, segment(text, "html"))
    assert s.text == f"ac {CODE_PLACEHOLDER}"
    assert s.source_end(0) == text.index("<b>")
    assert s.source_end(3) == text.index("</p>")
    assert s.original_ranges(0, 2) == [(3, 4), (7, 8)]


def test_sentences_never_cross_a_code_block() -> None:
    text = "I ran\n```\nls\n```\nand it failed."
    sents = sentences(text, segment(text, "markdown"))
    assert [s.text for s in sents] == ["I ran", "and it failed."]


def test_quote_sentences_are_marked() -> None:
    text = "> you are dumb\n\nno"
    sents = sentences(text, segment(text, "markdown"))
    assert [(s.text, s.quote) for s in sents] == [("you are dumb", True), ("no", False)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab A.!?。\n \t\r…e.g”", max_size=80))
def test_split_covers_every_visible_char_once_and_strips(text: str) -> None:
    prev = 0
    for a, b in split(text):
        assert prev <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        prev = b
    covered = "".join(text[a:b] for a, b in split(text))
    assert "".join(covered.split()) == "".join(text.split())


def test_a_sentence_that_is_one_entity_maps_to_the_whole_entity() -> None:
    text = "<p>&amp;</p>"
    (s,) = sentences(text, segment(text, "html"))
    assert (s.text, s.start, s.end, s.prose) == ("&", 3, 8, ((3, 8),))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*"aeEgiIxZ. 1é_", "etc", "e.g", "approx", "Travis", "snippet", "Prof"]), max_size=12).map("".join), st.data())
def test_abbreviation_exits_agree_with_the_search(text: str, data: st.DataObject) -> None:
    from cleaner.segment.sentences import _abbreviation, _abbreviation_by_search

    s = text + "."
    dot = data.draw(st.sampled_from([i for i, c in enumerate(s) if c == "."]))
    assert _abbreviation(s, dot) == _abbreviation_by_search(s, dot)
