"""The shipped lexicon files: known categories, no duplicates, every term finds itself,
every allowlist entry load-bearing, and nothing in them can blow up."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cleaner.lexicon.entries import Entry, Lexicon, LexiconError, load
from cleaner.lexicon.matcher import Matcher
from cleaner.resources import lexicons_dir

REQUIRED = {"profanity", "insult", "identity_attack", "threat", "sexual", "dismissive", "frustration"}


def test_categories_are_the_stable_snake_case_codes(lexicon: Lexicon) -> None:
    assert set(lexicon.categories) >= REQUIRED
    assert all(c.isidentifier() and c == c.lower() for c in lexicon.categories)
    used = {(e.category, e.lang) for e in lexicon.entries}
    assert {(c, lang) for c in REQUIRED for lang in ("en", "zh")} <= used
    assert ("incident", "zh") in used


def test_no_two_entries_share_a_normalized_form(lexicon: Lexicon) -> None:
    dup = [k for k, n in Counter(e.key for e in lexicon.entries).items() if n > 1]
    assert dup == []
    assert len({a.key for a in lexicon.allow}) == len(lexicon.allow)


def _carrier(e: Entry) -> str:
    """A sentence in which the entry's context rules hold."""
    if "zh_near" in e.rules:
        return f"你是{e.term}吗"
    if "zh_clause_end" in e.rules:
        return f"{e.term}！"
    return e.term


def _span_of(text: str, e: Entry) -> tuple[int, int]:
    start = text.index(e.term)
    return start, start + len(e.term)


def test_every_term_matches_itself_after_normalization(lexicon: Lexicon, matcher: Matcher) -> None:
    missing = []
    for e in lexicon.entries:
        text = _carrier(e)
        if not any(
            m.entry.key == e.key and (m.start, m.end) == _span_of(text, e) for m in matcher.find(text)
        ):
            missing.append(f"{e.origin} {e.term!r}")
    assert missing == []


def test_every_allowlist_entry_blocks_a_would_be_match(
    lexicon: Lexicon, matcher: Matcher, unguarded: Matcher
) -> None:
    keys = {e.key: e for e in lexicon.entries}
    for a in lexicon.allow:
        assert a.blocks in keys, f"{a.origin}: {a.blocks!r} is not a lexicon term"
        assert keys[a.blocks].key in a.key, f"{a.origin}: {a.phrase!r} does not contain {a.blocks!r}"
        # zh_near terms need Chinese nearby to count at all: give them a Chinese sentence.
        text = a.phrase + " 的" if "zh_near" in keys[a.blocks].rules else a.phrase
        would = [m.entry.key for m in unguarded.find(text)]
        assert a.blocks in would, f"{a.origin}: without guards {text!r} does not match {a.blocks!r}"
        assert matcher.find(text) == [], f"{a.origin}: {text!r} still matches"


def test_single_chinese_characters_never_match_bare(lexicon: Lexicon) -> None:
    singles = [e for e in lexicon.entries if len(e.key) == 1]
    assert singles, "the lexicon has 滚 and 艹"
    assert all("zh_clause_end" in e.rules for e in singles)


def test_ldnoobw_single_characters_and_technical_words_are_left_out(lexicon: Lexicon) -> None:
    keys = {e.key for e in lexicon.entries}
    assert keys.isdisjoint({"性", "奶", "乳", "卵", "逼", "刚度", "gyp", "slave", "kill", "execute", "abort"})


def test_every_template_survives_adversarial_input(lexicon: Lexicon, matcher: Matcher) -> None:
    """Near misses, separator floods and repeated prefixes for every template: all finish, all sane."""
    by_pattern: dict[str, Entry] = {}
    for e in lexicon.entries:
        by_pattern.setdefault(e.pattern, e)
    for pattern, e in by_pattern.items():
        k = e.key
        near_miss = (k[:-1] + "\u0001") * 200
        flood = ".".join(k) * 50
        prefixes = "".join(k[:i] for i in range(len(k))) * 20
        masked = (k[0] + "*" * (len(k) - 1) + " ") * 100
        for text in (near_miss, flood, prefixes, masked, pattern * 50):
            for m in matcher.find(text):
                assert 0 <= m.start < m.end <= len(text), pattern


def _write(tmp: Path, body: str) -> Path:
    src = lexicons_dir()
    (tmp / "categories.yaml").write_text(
        (src / "categories.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp / "allowlist.tsv").write_text("phrase\tlang\tblocks\tnote\n", encoding="utf-8")
    (tmp / "x.tsv").write_text("term\tlang\tcategory\tseverity\trules\tsource\n" + body, encoding="utf-8")
    return tmp


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("idiot\ten\trude\t2\t-\tproject\n", "unknown category"),
        ("idiot\tfr\tinsult\t2\t-\tproject\n", "unknown lang"),
        ("idiot\ten\tinsult\t4\t-\tproject\n", "severity"),
        ("idiot\ten\tinsult\t2\tfuzzy\tproject\n", "unknown rule"),
        ("idiot\ten\tinsult\t2\t-\tinternet\n", "unknown source"),
        ("id(io|1o)+t\ten\tinsult\t2\t-\tproject\n", "not allowed"),
        ("滚\tzh\tinsult\t3\t-\tseed\n", "zh_clause_end"),
        ("idiot\ten\tinsult\t2\t-\tproject\nIDIOT\ten\tinsult\t2\t-\tproject\n", "duplicates"),
        ("idiot\ten\tinsult\n", "columns"),
    ],
)
def test_a_broken_lexicon_file_fails_on_load_with_its_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as info:
        load(_write(tmp_path, row))
    assert "x.tsv:" in str(info.value)


def test_a_wellformed_custom_lexicon_loads(tmp_path: Path) -> None:
    lx = load(_write(tmp_path, "bad word\ten\tinsult\t2\t-\tproject\n"))
    assert [e.term for e in lx.entries] == ["bad word"]
    assert Matcher(lx).find("such a bad word here")[0].entry.category == "insult"
