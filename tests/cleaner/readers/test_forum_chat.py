import pytest

from cleaner import reasons
from cleaner.readers.base import ReadError, UnitRef
from cleaner.readers.chat import parse_chat
from cleaner.readers.forum import parse_forum
from cleaner.record import Role

from .helpers import read_all

REF = UnitRef("chat.jsonl", 7)


def test_forum_post_with_replies(fixtures):
    (rec,), bad = read_all(fixtures / "readers" / "forum.jsonl")
    assert bad == [] and rec.id == "csdn-1001" and rec.source == "forum:csdn"
    assert [t.role for t in rec.turns] == [Role.OPENER, Role.CONTRIBUTOR, Role.OPENER]
    assert "```java\n@Autowired" in rec.turns[0].text


def test_chat_flavours(fixtures):
    recs, bad = read_all(fixtures / "readers" / "chat.jsonl")
    assert bad == []
    messages, sharegpt, alpaca, parts = recs
    assert [t.role for t in messages.turns] == [Role.SYSTEM, Role.USER, Role.ASSISTANT]
    assert [t.role for t in sharegpt.turns] == [Role.USER, Role.ASSISTANT]
    assert alpaca.id == "chat.jsonl:3"
    assert alpaca.turns[0].text == "Write SQL to count rows\n\ntable users"
    assert [t.text for t in parts.turns] == ["hi", "", "42"]
    assert parts.turns[2].role is Role.TOOL
    assert messages.meta["chat_format"] == "messages" and alpaca.meta["chat_format"] == "alpaca"


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"id": "x"}, reasons.MISSING_FIELD),
        ({"messages": []}, reasons.MISSING_FIELD),
        ({"messages": "hello"}, reasons.WRONG_TYPE),
        ({"messages": [{"role": "wizard", "content": "x"}]}, reasons.WRONG_TYPE),
        ({"messages": [{"content": "x"}]}, reasons.MISSING_FIELD),
        ({"messages": [{"role": "user", "content": 5}]}, reasons.WRONG_TYPE),
        ({"conversations": [{"from": "human"}], "id": 1}, reasons.MISSING_FIELD),
        ({"instruction": 3, "output": "x"}, reasons.WRONG_TYPE),
    ],
)
def test_bad_chat(obj, reason):
    with pytest.raises(ReadError) as e:
        parse_chat(obj, REF)
    assert e.value.reason == reason


def test_bad_forum():
    with pytest.raises(ReadError) as e:
        parse_forum({"title": "t", "replies": [{"author": "x"}]}, REF)
    assert e.value.reason == reasons.MISSING_FIELD
