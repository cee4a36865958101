"""Preprocess in batches: the job's fast path must give exactly the per-sentence lines."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.classify.preprocess import _ASCII_TOKEN, _MENTION, _TOKEN, Preprocessor, _shouting, _tokens

# Every character class a normalization or tokenization rule looks at: letters, leet
# symbols and digits, split-word separators, CJK (simplified, traditional, full-width),
# combining marks, zero-width and NUL characters, newlines, URL and mention starts.
ALPHABET = list("aAbBfFuUcCkKsSiIxX013458$@!#*. -_~/|+·\t\n\r\x00") + list("傻逼滚幹你娘这个需求ＦＵＣＫ。！？") + [
    "\u0301",
    "\u200b",
    "é",
    "’",
    "⟨code⟩",
    "https://x.io/a?b=1",
    "www.ex.com",
    "@bob",
    " f.u.c.k ",
    " s h i t ",
    "fuuuck",
    "傻 逼",
    "a$$",
    "垃圾回收",
    "垃圾回收器",
    "垃 圾邮件",
]
TEXT = st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=6), lang=st.sampled_from(["en", "zh"]), terms=st.booleans())
def test_many_equals_one_at_a_time(texts: list[str], lang: str, terms: bool) -> None:
    pre = Preprocessor(normalize=True, lexicon_features=False, technical_terms=terms)
    assert pre.joined(texts) == [pre(t, lang) for t in texts]  # the joined pass itself, no fallback


def test_technical_terms_read_as_one_neutral_token_only_when_the_recipe_says_so() -> None:
    with_terms = Preprocessor(normalize=True, lexicon_features=False, technical_terms=True)
    without = Preprocessor(normalize=True, lexicon_features=False)
    assert with_terms("垃圾回收器会自动处理。", "zh") == "term 会 自 动 处 理 。"  # the longest term wins
    assert with_terms("把這些垃圾郵件刪掉", "zh") == "把 这 些 term 删 掉"  # after traditional -> simplified
    assert with_terms("你这个垃圾", "zh") == without("你这个垃圾", "zh") == "你 这 个 垃 圾"
    assert without("垃圾回收", "zh") == "垃 圾 回 收"


def test_a_manifest_without_the_technical_terms_step_keeps_it_off() -> None:
    desc = Preprocessor(normalize=True, lexicon_features=False, technical_terms=True).describe()
    assert Preprocessor.from_manifest(desc).technical_terms
    old = {k: v for k, v in desc.items() if not k.startswith("technical_terms")}
    assert not Preprocessor.from_manifest(old).technical_terms


def test_many_on_real_shapes() -> None:
    pre = Preprocessor(normalize=True, lexicon_features=False)
    texts = [
        "THIS IS COMPLETELY BROKEN AGAIN",
        "@bob see https://x.io/a?b=1 in 2024!!!",
        "",
        "这个SB需求, f u c k",
        "Are you even a programmer?",
    ]
    lines = pre.many(texts, "en")
    assert lines == pre.joined(texts) == [pre(t, "en") for t in texts]
    assert lines[0].endswith("__caps__") and lines[2] == "" and "fuck" in lines[3].split()


def test_shouting_counts_ascii_letters_only() -> None:
    assert _shouting("THIS IS COMPLETELY BROKEN")
    assert not _shouting("the API returns JSON over HTTP")
    assert not _shouting("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉ ok")  # capitals outside ASCII never counted
    assert not _shouting("SHORT CAPS")


# The token definition written plainly: a letter run is letters each not CJK (a look-ahead per letter).
_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_REFERENCE = re.compile(
    rf"[{_CJK_RANGES}]|(?:(?![{_CJK_RANGES}])[^\W\d_])+(?:'(?:(?![{_CJK_RANGES}])[^\W\d_])+)?"
    r"|\d+|[!?]+|\.{3}|[^\w\s]"
)
_MIXED = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from("\u3400\u4dbf\u4e00\u9fff\uf900\ufaff\u3401\u4e2d\u3002\uff01é’⟨⟩²٣_Ⅻ𝐀한ё"),
        st.characters(),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_token_pattern_equals_the_unicode_one_on_ascii_text(text: str) -> None:
    assert _ASCII_TOKEN.findall(text) == _TOKEN.findall(text) == _REFERENCE.findall(text)


@settings(max_examples=500, deadline=None)
@given(_MIXED)
def test_token_pattern_equals_its_plain_definition(text: str) -> None:
    assert _TOKEN.findall(text) == _REFERENCE.findall(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("@@@a_-1 .\n"), st.characters()), max_size=40))
def test_mention_pattern_equals_its_look_behind_first_form(text: str) -> None:
    reference = re.compile(r"(?<![\w@])@[\w-]+")
    assert _MENTION.sub(" USER ", text) == reference.sub(" USER ", text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=80), _MIXED))
def test_tokens_write_every_digit_run_as_0(text: str) -> None:
    assert _tokens(text) == ["0" if w.isdigit() else w for w in _TOKEN.findall(text)]


_LOWER_ASCII = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcxyz 0123456789 '.!?_-\t\n\x0b\x0c\r\x1c\x1f\x00@#(),;:\"`~/\\"),
        st.characters(max_codepoint=127).filter(lambda c: not c.isupper()),
    ),
    max_size=80,
)


@settings(max_examples=1000, deadline=None)
@given(_LOWER_ASCII)
def test_tokens_of_casefolded_ascii_equal_the_plain_pattern(text: str) -> None:
    # What the preprocessor tokenizes: casefolded, so the capital-free fast pattern runs.
    assert _tokens(text) == ["0" if w.isdigit() else w for w in _REFERENCE.findall(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("AABBCCDDEEFFabc ÉÀ傻\n!x"), max_size=30), min_size=1, max_size=8))
def test_shouting_in_a_join_equals_shouting_per_text(texts: list[str]) -> None:
    from cleaner.classify.preprocess import _JOIN, _shouting_in

    assert _shouting_in(texts, _JOIN.join(texts)) == [i for i, t in enumerate(texts) if _shouting(t)]
