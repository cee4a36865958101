from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.lexicon.entries import Lexicon, load
from cleaner.lexicon.matcher import Matcher

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lexicon"


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


def fixture_lines(name: str) -> list[str]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def fixture_rows(name: str) -> list[tuple[str, str]]:
    rows = fixture_lines(name)
    assert rows[0] == "category\tsentence"
    return [tuple(r.split("\t", 1)) for r in rows[1:]]  # type: ignore[misc]
