"""Rejection phrases: the automaton finds exactly what a search for any phrase finds."""

from __future__ import annotations

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.policy.escalation import depths, is_rejection
from cleaner.record import Role
from cleaner.resources import lexicons_dir

_PHRASES = sorted(
    {
        p.lower()
        for lang in yaml.safe_load((lexicons_dir() / "escalation.yaml").read_text(encoding="utf-8"))[
            "rejection_phrases"
        ].values()
        for p in lang
    }
)
_REFERENCE = re.compile("|".join(re.escape(p) for p in _PHRASES))
_WORDS = st.sampled_from([*_PHRASES, "the", "build", "still", "fails", "还是", "İ", "ẞ", " ", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=12), st.booleans())
def test_is_rejection_equals_a_search_for_any_phrase(words: list[str], upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    assert is_rejection(text) == bool(_REFERENCE.search(text.lower()))


def test_depth_counts_rejecting_prompts_before_each_response() -> None:
    phrase = _PHRASES[0]
    roles = [Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT]
    texts = ["fix my loop", "here", f"{phrase} again", "try this", f"{phrase.upper()}!", "sorry"]
    assert depths(roles, texts) == {1: 0, 3: 1, 5: 2}
