"""Internal pieces of decide.py that the golden cases only reach indirectly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.policy.decide import _by_sentence
from cleaner.policy.sentence import overlaps
from cleaner.segment.types import Sentence
from cleaner.spans import Span


@st.composite
def sentences_and_spans(draw: st.DrawFn) -> tuple[list[Sentence], list[Span]]:
    cuts = sorted(set(draw(st.lists(st.integers(0, 200), max_size=16))))
    sents = [Sentence(a, b, "x" * (b - a), tuple(range(a, b))) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    spans = []
    for _ in range(draw(st.integers(0, 12))):
        a = draw(st.integers(0, 210))
        spans.append(Span(0, a, a + draw(st.integers(0, 60)), "abuse", 0.5, "t@1"))
    return sents, spans


@given(sentences_and_spans())
def test_spans_by_sentence_equal_the_pairwise_overlap_test(case: tuple[list[Sentence], list[Span]]) -> None:
    sents, spans = case
    assert _by_sentence(sents, spans) == [[s for s in spans if overlaps(s, sent)] for sent in sents]
