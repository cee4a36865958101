"""The written suites: >= 300 clean technical sentences, >= 300 hostile ones."""

from __future__ import annotations

from collections import Counter

from cleaner.lexicon.matcher import Matcher
from cleaner.spans import CIVIL
from tests.cleaner.lexicon.suites import fixture_lines, fixture_rows

CLEAN = fixture_lines("clean_en.txt") + fixture_lines("clean_zh.txt")
HOSTILE = [(c, s, "en") for c, s in fixture_rows("hostile_en.tsv")] + [
    (c, s, "zh") for c, s in fixture_rows("hostile_zh.tsv")
]


def test_the_suites_are_big_enough_and_cover_every_category_in_both_languages() -> None:
    assert len(CLEAN) >= 300
    assert len(HOSTILE) >= 300
    per = Counter((c, lang) for c, _, lang in HOSTILE)
    cats = {"profanity", "insult", "identity_attack", "threat", "sexual", "dismissive", "frustration"}
    assert all(per[(c, lang)] >= 5 for c in cats for lang in ("en", "zh")), per
    assert per[("incident", "zh")] >= 5  # SB需求, 事逼, 滚


def test_clean_technical_sentences_have_zero_matches(matcher: Matcher) -> None:
    # Civil phrases (不好意思, I'm sorry) are no hits: they only guard their sentence.
    hits = {
        s: [(s[m.start : m.end], m.entry.category) for m in matcher.find(s) if m.entry.category != CIVIL]
        for s in CLEAN
    }
    assert {s: h for s, h in hits.items() if h} == {}


def test_hostile_sentences_yield_their_category(matcher: Matcher) -> None:
    missed = [(c, s) for c, s, _ in HOSTILE if c not in {m.entry.category for m in matcher.find(s)}]
    assert missed == []
