from dataclasses import asdict

from cleaner.edits import Edit
from cleaner.spans import Span


def test_span_to_dict_matches_every_field_and_copies_detail():
    s = Span(turn=1, start=2, end=9, label="abuse", score=0.5, stage="fasttext@1", detail={"lang": "en"})
    d = s.to_dict()
    assert d == asdict(s)  # a new field that to_dict forgets fails here
    d["detail"]["lang"] = "zh"
    assert s.detail == {"lang": "en"}


def test_edit_to_dict_matches_every_field_and_round_trips():
    e = Edit(turn=0, start=3, end=7, before="shit", after="", reason="neutralize_insult", stage="lexicon@1", score=1.0)
    assert e.to_dict() == asdict(e)
    assert Edit.from_dict(e.to_dict()) == e
