from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lexicon import normalize as normalize_module
from cleaner.lexicon.normalize import SIGNALS, fold, normalize, normalize_at, normalize_reference
from cleaner.startup_cache import ENV


def _check_offsets(text: str) -> None:
    n = normalize(text)
    assert len(n.offsets) == len(n.text)
    prev = -1
    for i in range(len(n.text)):
        o = n.offsets[i]
        assert 0 <= o < len(text)
        assert o >= prev  # order is kept
        prev = o


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # Unicode: NFKC, full-width, case folding, invisible characters, marks
        ("Ｆｕｃｋ ＹＯＵ", "fuck you"),
        ("ＳＢ需求！", "sb需求!"),
        ("f\u200buck", "fuck"),
        ("sh\u00adit", "shit"),
        ("fúck", "fuck"),
        ("ﬁle", "file"),
        ("It’s", "it's"),
        # traditional -> simplified
        ("幹你娘", "干你娘"),
        ("滾動條", "滚动条"),
        # separators and repeats
        ("f.u.c.k", "fuck"),
        ("f u c k off", "fuck off"),
        ("s-h-i-t", "shit"),
        ("f_u_c_k", "fuck"),
        ("fuuuuuck", "fuck"),
        ("shiiiiit", "shit"),
        ("傻 逼", "傻逼"),
        ("傻*逼", "傻逼"),
        ("傻..逼", "傻逼"),
        ("滚滚滚", "滚滚滚"),
        ("a   b\tc", "a b\tc"),
        # leetspeak and masks
        ("sh1t", "shit"),
        ("$hit", "shit"),
        ("a$$", "ass"),
        ("@ss", "ass"),
        ("sh!t", "shit"),
        ("a55hole", "asshole"),
        ("b1tch", "bitch"),
        ("1d10t", "idiot"),
        ("f#ck", "f*ck"),
        ("f*ck", "f*ck"),
        # emoji stand-ins keep their emoji, skin tones and variation selectors go
        ("🖕🏻", "🖕"),
        ("你🐴\ufe0f的", "你🐴的"),
    ],
)
def test_obfuscation_classes_fold_to_the_plain_form(raw: str, want: str) -> None:
    assert normalize(raw).text == want
    _check_offsets(raw)


@pytest.mark.parametrize(
    "text",
    [
        "h264 x86 Galaxy A55 utf8",
        "e.g. i.e. U.S.",
        "shit! wow!",
        "C# and F#",
        "2**10 and a*b",
        "md5 sha1 k8s",
    ],
)
def test_technical_tokens_are_left_alone(text: str) -> None:
    # Everything stays except case (and 'k8s' -> 'kbs', harmless): no term can appear.
    assert normalize(text).text in (text.lower(), text.lower().replace("k8s", "kbs"))


def test_offsets_map_each_character_back_exactly() -> None:
    text = "Oi, Ｆ.Ｕ.Ｃ.Ｋ   you, sh1t!  傻 逼"
    n = normalize(text)
    s = n.text.index("fuck")
    assert n.source_span(s, s + 4) == (text.index("Ｆ"), text.index("Ｋ") + 1)
    s = n.text.index("shit")
    assert text[slice(*n.source_span(s, s + 4))] == "sh1t"
    s = n.text.index("傻逼")
    assert text[slice(*n.source_span(s, s + 2))] == "傻 逼"


def test_fold_equals_normalize_without_signals() -> None:
    text = "This is plain prose about the class loader and the shell. It has no signals at all."
    assert not any(sig in fold(text).text for sig in SIGNALS)
    assert fold(text).text == normalize(text).text


_alphabet = st.sampled_from(
    list("abcfkstuhi .-_*$@!#0134578\t'傻逼滚") + ["  ", "’", "Ｆ", "é", "\u200b", "\n", "幹", "ﬁ", "🖕🏻"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=60).map("".join))
def test_signal_driven_normalize_equals_the_regex_reference(text: str) -> None:
    f = fold(text)
    signals = [(i, s) for s in SIGNALS for i in _occurrences(f.text, s)]
    ref = normalize_reference(text)
    for fast in (normalize_at(f, signals), normalize(text)):
        assert fast.text == ref.text
        assert list(fast.offsets) == list(ref.offsets)


def _occurrences(t: str, s: str) -> list[int]:
    out, i = [], t.find(s)
    while i >= 0:
        out.append(i)
        i = t.find(s, i + 1)
    return out


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_offsets_are_valid_for_any_text(text: str) -> None:
    _check_offsets(text)
    assert normalize(text) == normalize(text)  # deterministic


def test_adversarial_inputs_for_the_normalizer_patterns() -> None:
    # Patterns behind the deletions and leetspeak, fed their worst cases; all linear.
    assert normalize("a." * 20000 + "a").text == "a" * 20001  # one long split word (no second pass)
    assert normalize("ab " * 20000).text == "ab " * 19999 + "ab "
    assert normalize("f" + "u" * 50000 + "ck!").text == "fuck!"
    assert normalize("a" * 50000 + "!").text == "a" * 50000 + "!"  # a run alone is not a word
    assert normalize("$a" * 20000).text == "sa" * 20000
    assert normalize("1a" * 20000).text.startswith("ia")
    assert normalize("傻 " * 20000).text == "傻" * 20000 + " "  # separators go, repeats are seen before
    assert len(normalize("*" * 50000 + "x").text) == 50001


def test_normalized_value_pickles() -> None:
    n = normalize("f.u.c.k sh1t")
    assert pickle.loads(pickle.dumps(n)).text == n.text


def test_fold_table_read_from_the_startup_cache_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "")
    fresh = normalize_module._FoldTable()
    monkeypatch.setenv(ENV, str(tmp_path))
    written = normalize_module._FoldTable()
    assert len(list(tmp_path.iterdir())) == 1
    monkeypatch.setattr(normalize_module, "_fold_bmp", lambda: pytest.fail("folded again instead of read"))
    read = normalize_module._FoldTable()
    for table in (written, read):
        assert dict(table) == dict(fresh)
        assert (table.irregular, table.lowers) == (fresh.irregular, fresh.lowers)
    assert fresh[ord("Ｆ")] == "f" and fresh[ord("說")] == "说" and fresh[0x200B] == ""


def test_a_fold_table_file_of_the_wrong_length_does_not_decode() -> None:
    with pytest.raises(ValueError):
        normalize_module._decode_folds(b'["a", "b"]')
