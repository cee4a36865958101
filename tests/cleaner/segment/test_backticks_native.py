"""The compiled build's C backtick-span finder against its definition (inline._backtick_spans_by_regex).

Runs in CI's compiled pass, where the kernel is built; a pure install has no
kernel and finds the spans with the regex itself, so there is nothing to compare.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.segment import inline

native = pytest.importorskip("cleaner.segment._backticks", reason="the C kernel is built only by the compiled build")

_TEXT = st.text(alphabet=st.sampled_from("```\\\\ ab\n中"), max_size=60)


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.data())
def test_the_kernel_finds_the_definitions_spans(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert native.backtick_spans(text, start, end) == inline._backtick_spans_by_regex(text, start, end)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", []),
        ("run `pip` now", [(4, 9)]),
        ("``a ` b`` and `c`", [(0, 9), (14, 17)]),
        ("\\`not` code`", [(5, 12)]),  # an escaped backtick opens nothing: the next one does
        ("\\``x` y", [(2, 5)]),  # an escaped double loses its first backtick and closes as a single
        ("``` unclosed", []),
    ],
)
def test_known_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert native.backtick_spans(text, 0, len(text)) == spans == inline._backtick_spans_by_regex(text, 0, len(text))


def test_many_unmatched_backticks_stay_fast_and_equal() -> None:
    text = "` `` " * 20_000
    assert native.backtick_spans(text, 0, len(text)) == inline._backtick_spans_by_regex(text, 0, len(text))


def test_the_segmenter_uses_the_kernel_when_it_is_built() -> None:
    assert inline._native_backtick_spans is native.backtick_spans


def test_bad_arguments_are_errors_not_crashes() -> None:
    with pytest.raises(ValueError, match="start <= end"):
        native.backtick_spans("abc", 2, 1)
    with pytest.raises(ValueError):
        native.backtick_spans("abc", 0, 9)
    with pytest.raises(TypeError):
        native.backtick_spans(b"abc", 0, 1)  # type: ignore[arg-type]
