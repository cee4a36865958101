from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleaner import registry
from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.record import Record, Role, Turn
from cleaner.stages.classifier import FastTextStage, floors


def _doc(*texts: str) -> Document:
    return Document.build(Record("r", "test", "test", [Turn(Role.CONTRIBUTOR, t) for t in texts]))


@pytest.fixture
def stage(tiny_model: Path) -> FastTextStage:
    st = registry.create("fasttext@1", {"models": {"abuse_en": str(tiny_model)}})
    assert isinstance(st, FastTextStage)
    return st


def test_stage_pickles_before_setup(stage: FastTextStage) -> None:
    clone = pickle.loads(pickle.dumps(stage))
    clone.setup()
    assert len(clone.classifiers) == 1


def test_every_english_prose_sentence_gets_a_span(stage: FastTextStage) -> None:
    text = "You are an idiot. Please add a test for this.\n\n```\nidiot = kill(proc)\n```\n"
    counter = DictCounter()
    spans = stage.score(_doc(text), counter)
    assert [text[s.start : s.end].strip() for s in spans] == [
        "You are an idiot.",
        "Please add a test for this.",
    ]
    assert all(s.label == "abuse" and s.stage == "fasttext@1" and s.detail["lang"] == "en" for s in spans)
    hostile, civil = spans
    # The turn's score lands on its most hostile sentence; the other keeps min(own, turn).
    assert hostile.score == hostile.detail["turn_score"] > civil.score
    assert counter["classify_abuse_en_turns"] == 1


def test_chinese_prose_is_not_sent_to_an_english_model(stage: FastTextStage) -> None:
    assert stage.score(_doc("谢谢你的回复，这个问题已经修复了。"), DictCounter()) == []


def test_missing_model_fails_at_setup_with_the_path(tmp_path: Path) -> None:
    st = FastTextStage({"models": {"abuse_en": str(tmp_path / "absent.ftz")}})
    with pytest.raises(FileNotFoundError, match="absent.ftz"):
        st.setup()


def test_floor_skips_sentence_scores_of_calm_turns_only(stage: FastTextStage) -> None:
    from cleaner.classify.scoring import TurnLines, score_prose

    stage.setup()
    clf = stage.classifiers[0]
    for text in (
        "Thanks for the report. I updated the docs. Please add a test for this.",
        "You are an idiot. What a useless pile of crap. Please add a test for this.",
    ):
        sents = _doc(text).turns[0].sentences
        full = score_prose(clf, TurnLines(sents))
        for floor in (0.0, full.turn - 1e-6, full.turn + 1e-6, 1.0):
            gated = score_prose(clf, TurnLines(sents), floor=floor)
            assert (gated.turn, gated.routed) == (full.turn, len(sents))
            # nothing at or above the floor is ever lost
            kept = [(s.start, sc) for s, sc in full.attributed() if sc >= floor]
            assert [(s.start, sc) for s, sc in gated.attributed() if sc >= floor] == kept
            assert bool(gated.sentences) == (floor <= full.turn)


def test_the_scoring_floor_is_per_label(tiny_model: Path) -> None:
    doc = _doc("You are an idiot. Please add a test for this.")
    spans_at = {
        label: registry.create("fasttext@1", {"models": {"abuse_en": str(tiny_model)}, "min_score": {label: 1.0}}).score(
            doc, DictCounter()
        )
        for label in ("abuse", "emotion")
    }
    assert spans_at["abuse"] == []  # no abuse score reaches 1.0
    assert len(spans_at["emotion"]) == 2  # the emotion floor does not bind an abuse model
    assert floors({"min_score": 0.2}) == {"abuse": 0.2, "emotion": 0.2}


def test_score_many_equals_scoring_each_document(tiny_model: Path) -> None:
    docs = [
        _doc("You are an idiot. Please add a test for this. Did you even read the docs?"),
        _doc("谢谢你的回复。"),
        _doc("Thanks, that fixed it.", "Works now. Closing."),
        _doc("```\ncode only\n```"),
    ]
    for floor in (0.0, 0.5, 1.0):  # every turn above, some, none: sentence scoring gated differently
        st = registry.create("fasttext@1", {"models": {"abuse_en": str(tiny_model)}, "min_score": {"abuse": floor}})
        one, many = DictCounter(), DictCounter()
        assert st.score_many(docs, many) == [st.score(d, one) for d in docs]
        assert many.as_dict() == one.as_dict()


def test_turn_lines_filled_in_one_pass_equal_each_turns_own(tiny_model: Path) -> None:
    from cleaner.classify.model import Classifier
    from cleaner.classify.scoring import TurnLines

    pre = Classifier.load(tiny_model).preprocess
    docs = [
        _doc("You are an IDIOT!!! Read https://x.io/a?b=1 @bob", "Fixed in 3.11. Thanks."),
        _doc("谢谢。这个 bug 太傻了, fix it please now.", "```\ncode\n```"),
        _doc("Works &amp; ships. `x = 1` is fine."),
    ]
    turns = [TurnLines(t.sentences) for d in docs for t in d.turns if t.sentences]
    TurnLines.fill(turns, pre, "en")
    filled = [t.lines(pre, "en") for t in turns]
    assert filled == [TurnLines(t.sents).lines(pre, "en") for t in turns]
    assert sum(map(len, filled)) >= 5
