"""The hand-written sentence suites under tests/fixtures/lexicon/."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lexicon"


def fixture_lines(name: str) -> list[str]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def fixture_rows(name: str) -> list[tuple[str, str]]:
    rows = fixture_lines(name)
    assert rows[0] == "category\tsentence"
    return [tuple(r.split("\t", 1)) for r in rows[1:]]  # type: ignore[misc]
