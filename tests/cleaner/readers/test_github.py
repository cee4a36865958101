import pytest

from cleaner import reasons
from cleaner.readers.base import ReadError, UnitRef
from cleaner.readers.github import parse_github
from cleaner.record import Role, Side

from .helpers import read_all

REF = UnitRef("data/issues.jsonl", 3)


def test_rest_issue_becomes_thread_with_roles(fixtures):
    (rest, events), bad = read_all(fixtures / "readers" / "github.jsonl")
    assert bad == []
    assert rest.id == "1873409921" and rest.format == "github"
    assert rest.turns[0].text.startswith("ImportError after upgrading to 2.3\n\nAfter `pip install -U widget`")
    roles = [t.role for t in rest.turns]
    assert roles == [Role.OPENER, Role.MAINTAINER, Role.OPENER, Role.BOT, Role.CONTRIBUTOR]
    assert [t.side for t in rest.turns][:2] == [Side.PROMPT, Side.RESPONSE]
    assert rest.meta["labels"] == ["bug"] and rest.meta["number"] == 4821
    assert rest.origin_file.endswith("github.jsonl") and rest.origin_offset == 1


def test_events_form_skips_empty_events_and_keeps_opener(fixtures):
    (_, events), _ = read_all(fixtures / "readers" / "github.jsonl")
    assert events.id == "998877"
    assert [t.role for t in events.turns] == [Role.OPENER, Role.CONTRIBUTOR]
    assert events.turns[0].text.startswith("Crash on start\n\nCrash on start:")
    assert events.meta["repo"] == "acme/widget"


def test_id_falls_back_to_file_and_line():
    rec = parse_github({"title": "t", "body": "b"}, REF)
    assert rec.id == "issues.jsonl:3"


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"id": 1}, reasons.MISSING_FIELD),
        ({"title": "t", "comments": "3"}, reasons.WRONG_TYPE),
        ({"title": "t", "comments": [{"user": {"login": "x"}}]}, reasons.MISSING_FIELD),
        ({"title": "t", "comments": [5]}, reasons.WRONG_TYPE),
        ({"title": 5}, reasons.WRONG_TYPE),
        ({"title": "t", "user": "octocat"}, reasons.WRONG_TYPE),
        ({"events": []}, reasons.MISSING_FIELD),
        ({"events": ["x"]}, reasons.WRONG_TYPE),
    ],
)
def test_bad_github_objects_raise_with_reason(obj, reason):
    with pytest.raises(ReadError) as e:
        parse_github(obj, REF)
    assert e.value.reason == reason
