"""The compiled build's C script counter against its definition (langid._script_counts_by_regex).

Runs in CI's compiled pass, where the kernel is built; a pure install has no
kernel and counts with the regexes themselves, so there is nothing to compare.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.classify import langid

native = pytest.importorskip("cleaner.classify._scripts", reason="the C kernel is built only by the compiled build")

_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from("\u3400\u4dbf\u4dc0\u4e00\u9fff\ua000\uf900\ufaff\ufb00\u33ff中文傻\u00bf\u00c0\u00d7\u024f\u0250éß"),
        st.characters(),
    ),
    max_size=80,
)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_the_kernel_counts_as_the_definition(text: str) -> None:
    assert native.script_counts(text) == langid._script_counts_by_regex(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_on_ascii_text_a_latin_word_is_what_the_regex_path_looks_for(text: str) -> None:
    # route() skips its ASCII shortcut when the kernel is built: the counts must decide alike.
    cjk, latin = native.script_counts(text)
    assert cjk == 0 and (latin > 0) == (langid._ASCII_WORD.search(text) is not None)


@pytest.mark.parametrize(
    ("text", "counts"),
    [("", (0, 0)), ("a b cd", (0, 1)), ("这个 bug 太傻了", (5, 1)), ("Ärger über ÜBER", (0, 3)), ("x中y", (1, 0))],
)
def test_known_counts(text: str, counts: tuple[int, int]) -> None:
    assert native.script_counts(text) == counts == langid._script_counts_by_regex(text)


def test_routing_uses_the_kernel_when_it_is_built() -> None:
    assert langid._native_counts is native.script_counts
    assert langid.route("这个 bug 太傻了, fix it please now") == ("en", "zh")


def test_anything_but_a_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="takes a str"):
        native.script_counts(b"bytes")  # type: ignore[arg-type]
