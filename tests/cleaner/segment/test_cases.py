"""The hand-written tricky cases in tests/fixtures/segment/cases.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cleaner.segment import Kind, segment, sentences

CASES = yaml.safe_load((Path(__file__).parents[2] / "fixtures" / "segment" / "cases.yaml").read_text("utf-8"))


def merged(text: str, segs: list[Any]) -> list[list[str]]:
    out: list[list[str]] = []
    for s in segs:
        piece = text[s.start : s.end]
        if out and out[-1][0] == str(s.kind):
            out[-1][1] += piece
        else:
            out.append([str(s.kind), piece])
    return out


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    segs = segment(text, case["markup"])
    assert "".join(text[s.start : s.end] for s in segs) == text
    got = merged(text, segs)
    if "segments" in case:
        assert got == case["segments"]
    if "code" in case:
        assert [p for p in got if Kind(p[0]).is_code] == case["code"]
    sents = sentences(text, segs)
    if "sentences" in case:
        assert [s.text for s in sents] == case["sentences"]
    if "authors" in case:
        by_start = {s.start: s for s in segs}
        authors = []
        for sent in sents:
            if sent.quote:
                seg = max((s for s in by_start.values() if s.start <= sent.start), key=lambda s: s.start)
                authors.append(seg.info.get("author", ""))
        assert authors == case["authors"]
