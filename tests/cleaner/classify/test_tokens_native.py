"""The compiled build's C tokenizer against the tokenizer's definition (the regexes).

Runs in CI's compiled pass, where the kernel is built; a pure install has no
kernel and tokenizes with the regexes themselves, so there is nothing to compare.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.classify import preprocess

native = pytest.importorskip("cleaner.classify._tokens", reason="the C kernel is built only by the compiled build")


def _definition(text: str) -> str:
    return " ".join(preprocess._tokens_by_regex(text))


_TRICKY = (
    "\u3400\u4dbf\u4e00\u9fff\uf900\ufaff\u33ff\u4dc0\ufb00\u3002\uff01\uff10"  # CJK range edges, fullwidth
    "é’⟨⟩²³¹٣۹०_Ⅻⅻ𝐀𝟘한ёß\u0345\u00aa\u00b5"  # letters, non-decimal digits, decimals of other scripts
    "'.!?\x00 \t\n\r\x0b\x0c\x1c\x1f\u00a0\u2028\u3000\ufeff\ud800"  # separators, NUL, a lone surrogate
)
_TEXT = st.text(
    alphabet=st.one_of(st.characters(max_codepoint=127), st.sampled_from(_TRICKY), st.characters()), max_size=80
)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_the_kernel_writes_the_definitions_tokens(text: str) -> None:
    assert native.token_line(text) == _definition(text)


def test_every_code_point_is_classed_as_the_regexes_class_it() -> None:
    # Each character alone, inside a word, after a digit run and doubled: its class
    # (letter, decimal, digit-but-not-decimal, CJK, symbol, space) decides all four.
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if c % 7 == 0 or c < 0x3000)
    for c in chars:
        for text in (c, f"a{c}b", f"1{c}", f"{c}{c}'{c}"):
            assert native.token_line(text) == _definition(text), (hex(ord(c)), text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", ""),
        ("don't stop!!! ... ok?", "don't stop !!! ... ok ?"),
        ("v3.11 has 2 bugs²", "v 0 . 0 has 0 bugs²"),
        ("²³ and ٣٤", "0 and 0"),
        ("垃圾 code_x", "垃 圾 code x"),
        ("a\x00b", "a \x00 b"),
    ],
)
def test_known_lines(text: str, line: str) -> None:
    assert native.token_line(text) == line == _definition(text)


def test_the_preprocessor_uses_the_kernel_when_it_is_built() -> None:
    assert preprocess._token_line is native.token_line
    assert preprocess._tokens("it's 42!") == ["it's", "0", "!"]


def test_anything_but_a_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="takes a str"):
        native.token_line(b"bytes")  # type: ignore[arg-type]
