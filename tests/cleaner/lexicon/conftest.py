from __future__ import annotations

import pytest

from cleaner.lexicon.entries import Lexicon, load
from cleaner.lexicon.matcher import Matcher


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load()


@pytest.fixture(scope="session")
def matcher(lexicon: Lexicon) -> Matcher:
    return Matcher(lexicon)


@pytest.fixture(scope="session")
def unguarded(lexicon: Lexicon) -> Matcher:
    """The matcher with the allowlist and jieba word boundaries switched off."""
    return Matcher(lexicon, guards=False)
