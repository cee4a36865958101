"""Golden cases: exact cleaned text and reasons for hand-written chats and threads (EN and ZH)."""

from pathlib import Path

import pytest
import yaml

from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.edits import apply_edits, revert_edits
from cleaner.process import Cleaner
from cleaner.record import Markup, Record, Role, Turn

CASES = yaml.safe_load((Path(__file__).parents[2] / "fixtures" / "policy" / "golden.yaml").read_text())


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner(load(overrides=["stages=[length@1, lexicon@1]"]))


def test_there_are_enough_cases_in_both_languages():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 80
    assert sum(i.startswith("zh-") for i in ids) >= 25 and sum(i.startswith("en-") for i in ids) >= 40
    assert {c.get("format", "chat") for c in CASES} == {"chat", "github", "forum"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden(cleaner, case):
    fmt = case.get("format", "chat")
    rec = Record(case["id"], fmt, fmt, [Turn(Role(r), t, None, Markup.MARKDOWN) for r, t in case["turns"]])
    o = cleaner.process(rec, DictCounter())
    exp = case["expect"]
    assert o.kept == exp["keep"]
    assert o.reasons == exp["reasons"]
    assert sorted({e.reason for e in o.edits}) == exp["edit_reasons"]
    cleaned = exp.get("cleaned", {})
    for i, (turn, out) in enumerate(zip(rec.turns, o.turns, strict=True)):
        assert out.text == cleaned.get(i, turn.text), f"turn {i}"
        mine = [e for e in o.edits if e.turn == i]
        assert apply_edits(turn.text, mine) == out.text
        assert revert_edits(out.text, mine) == turn.text
