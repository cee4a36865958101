"""lexicon@1 through the registry and a real Document: prose only, spans on the original text."""

from __future__ import annotations

import pickle

import pytest

from cleaner import registry
from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.record import Markup, Record, Role, Turn
from cleaner.spans import CIVIL, DENIED
from cleaner.stages.lexicon import NAME, SEVERITY_SCORE, LexiconStage


@pytest.fixture(scope="module")
def stage() -> LexiconStage:
    s = registry.create(NAME)
    s.setup()
    assert isinstance(s, LexiconStage)
    return s


def _record(*turns: tuple[Role, str]) -> Record:
    return Record("r1", "test", "chat", [Turn(role, text, markup=Markup.MARKDOWN) for role, text in turns])


def test_registered_under_its_versioned_name() -> None:
    assert NAME in registry.available()


def test_spans_point_at_the_original_turn_text(stage: LexiconStage) -> None:
    rec = _record(
        (Role.USER, "How do I stop a worker? I tried `kill -9` already."),
        (Role.ASSISTANT, "RTFM. You are an idiot.\n\n你是sb吗？这个SB需求谁提的？滚！"),
    )
    counter = DictCounter()
    spans = stage.score(Document.build(rec), counter)
    got = [(s.turn, rec.turns[s.turn].text[s.start : s.end], s.label) for s in spans]
    assert got == [
        (1, "RTFM", "dismissive"),
        (1, "You are an idiot", "insult"),
        (1, "sb", "insult"),
        (1, "SB需求", "incident"),
        (1, "SB", "insult"),  # nested, but another category: both are said
        (1, "滚", "incident"),
    ]
    first = spans[0]
    assert first.stage == NAME
    assert first.score == SEVERITY_SCORE[first.detail["severity"]]
    assert first.detail == {
        "category": "dismissive",
        "severity": 2,
        "term": "rtfm",
        "normalized": "rtfm",
        "lang": "en",
        "obfuscated": False,
        "source": "seed",
    }
    assert counter.as_dict() == {"lexicon_dismissive": 1, "lexicon_insult": 3, "lexicon_incident": 2}


def test_code_is_never_scored(stage: LexiconStage) -> None:
    text = (
        "Here is the fix:\n\n```python\nshit = kill(dummy)  # fuck\n```\n\nand `f*ck()` is a function name."
    )
    spans = stage.score(Document.build(_record((Role.ASSISTANT, text))), DictCounter())
    assert spans == []


def test_obfuscated_hit_maps_back_through_the_sentence(stage: LexiconStage) -> None:
    text = "Well.   Ｆ.Ｕ.Ｃ.Ｋ   this sh1t!"
    spans = stage.score(Document.build(_record((Role.USER, text))), DictCounter())
    assert [(text[s.start : s.end], s.detail["normalized"], s.detail["obfuscated"]) for s in spans] == [
        ("Ｆ.Ｕ.Ｃ.Ｋ   this", "fuck this", True),
        ("sh1t", "shit", True),
    ]


def test_min_severity_filters_mild_entries() -> None:
    strict = registry.create(NAME, {"min_severity": 2})
    doc = Document.build(_record((Role.USER, "Damn, what an idiot.")))
    assert [s.detail["term"] for s in strict.score(doc, DictCounter())] == ["idiot"]
    with pytest.raises(ValueError, match="min_severity"):
        registry.create(NAME, {"min_severity": 5})


def test_pickles_without_its_automaton_and_rebuilds_in_setup(stage: LexiconStage) -> None:
    copy = pickle.loads(pickle.dumps(stage))
    assert copy._matcher is None
    doc = Document.build(_record((Role.USER, "lmgtfy")))
    assert [s.label for s in copy.score(doc, DictCounter())] == ["dismissive"]


def test_a_denied_term_is_reported_as_evidence_not_as_a_hit(stage: LexiconStage) -> None:
    rec = _record((Role.ASSISTANT, "Not stupid at all, everyone hits this. You idiot."))
    counter = DictCounter()
    spans = stage.score(Document.build(rec), counter)
    got = [(rec.turns[0].text[s.start : s.end], s.label, s.score) for s in spans]
    assert got == [("stupid", DENIED, 0.0), ("idiot", "insult", SEVERITY_SCORE[2])]
    assert counter.counts["lexicon_denied"] == 1 and "lexicon_insult" in counter.counts


def test_a_term_that_names_a_person_says_so_to_the_policy(stage: LexiconStage) -> None:
    rec = _record((Role.ASSISTANT, "Some idiot pushed this stupid change to main."))
    spans = stage.score(Document.build(rec), DictCounter())
    got = {rec.turns[0].text[s.start : s.end]: s.detail.get("noun", False) for s in spans}
    assert got == {"idiot": True, "stupid": False}


def test_a_civil_phrase_is_reported_as_a_guard_with_no_score(stage: LexiconStage) -> None:
    rec = _record((Role.MAINTAINER, "Sorry to hear that. Locking this thread as it has become too heated."))
    counter = DictCounter()
    spans = stage.score(Document.build(rec), counter)
    got = [(rec.turns[0].text[s.start : s.end], s.label, s.score) for s in spans]
    assert got == [("Sorry to hear", CIVIL, 0.0), ("Locking this thread", CIVIL, 0.0)]
    assert counter.counts["lexicon_civil"] == 2
