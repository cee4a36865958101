import pytest

from cleaner import registry
from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.record import Record, Role, Turn


def test_unknown_stage_lists_valid_names():
    with pytest.raises(registry.UnknownStageError) as e:
        registry.create("lexicn@1")
    assert "length@1" in str(e.value)


def test_names_must_carry_a_version():
    with pytest.raises(ValueError, match="name@version"):
        registry.register("lexicon")


def test_length_stage_flags_empty_turns_only():
    stage = registry.create("length@1", {"min_chars": 1})
    rec = Record("r", "chat", "chat", [Turn(Role.USER, "  \n"), Turn(Role.ASSISTANT, "ok")])
    spans = stage.score(Document.build(rec), DictCounter())
    assert [(s.turn, s.label, s.stage) for s in spans] == [(0, "empty_turn", "length@1")]


@pytest.mark.parametrize("min_chars", [0, 1, 2, 4])
def test_length_stage_counts_non_space_characters_against_min_chars(min_chars: int):
    stage = registry.create("length@1", {"min_chars": min_chars})
    texts = ["", " \t\n", "a", " a b ", "abc d", "\u3000x\u3000"]
    rec = Record("r", "chat", "chat", [Turn(Role.USER, t) for t in texts])
    spans = stage.score(Document.build(rec), DictCounter())
    want = [i for i, t in enumerate(texts) if len("".join(t.split())) < min_chars]
    assert [s.turn for s in spans] == want
    assert all(s.detail["chars"] == len("".join(texts[s.turn].split())) for s in spans)
