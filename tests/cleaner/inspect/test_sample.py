from cleaner.inspect.load import RunDir
from cleaner.inspect.sample import Filters, entries, interleave, sample
from cleaner.inspect.view import Action, DeadLetterEntry


def _ids(es):
    return [e.id for e in es]


def _dl(i):
    return DeadLetterEntry("f.jsonl", i, "bad_json", "", "", False)


def test_sample_is_seeded_and_spread_over_actions(run_dir):
    rd = RunDir.open(run_dir)
    a = sample(entries(rd), Filters(), 4, seed=1)
    assert _ids(a) == _ids(sample(entries(rd), Filters(), 4, seed=1))
    assert [e.action for e in a] == [Action.NEUTRALIZED, Action.REJECTED, Action.DEADLETTER, Action.UNCHANGED]


def test_seed_changes_the_sample():
    stream = [_dl(i) for i in range(500)]
    picks = {tuple(e.offset for e in sample(stream, Filters(), 5, seed=s)) for s in range(5)}
    assert len(picks) == 5
    assert all(len(p) == 5 for p in picks)


def test_every_entry_is_observed_even_when_filtered_out(run_dir):
    seen = []
    got = sample(entries(RunDir.open(run_dir)), Filters(actions=frozenset({Action.DEADLETTER})), 10, 0, seen.append)
    assert len(seen) == 9 and _ids(got) == ["in.jsonl:7"]


def _pick(run_dir, **kw):
    return sorted(_ids(sample(entries(RunDir.open(run_dir)), Filters(**kw), 50, 0)))


def test_filters(run_dir):
    assert _pick(run_dir, reasons=("drop_sentence",)) == ["chat-hostile"]
    assert _pick(run_dir, reasons=("neutralize.incident",)) == ["csdn-1"]
    assert _pick(run_dir, reasons=("bad_json",)) == ["in.jsonl:7"]
    assert _pick(run_dir, stages=("fasttext",)) == ["chat-hostile"]
    assert _pick(run_dir, stages=("lexicon@1",)) == ["chat-profanity", "chat-profanity-dup", "csdn-1", "gh-code",
                                                     "gh-drop"]
    assert _pick(run_dir, reasons=("near_duplicate",)) == ["chat-profanity-dup"]
    assert _pick(run_dir, langs=frozenset({"zh"})) == ["csdn-1"]
    assert _pick(run_dir, roles=frozenset({"contributor"})) == ["csdn-1"]
    assert _pick(run_dir, min_score=0.9, max_score=0.96) == ["chat-hostile"]
    assert _pick(run_dir, min_depth=1) == ["chat-hostile"]
    assert "chat-hostile" not in _pick(run_dir, max_depth=0)
    assert _pick(run_dir, actions=frozenset({Action.REJECTED}), reasons=("response_hostile",)) == ["chat-hostile"]


def test_record_filters_exclude_dead_letters():
    assert not Filters(langs=frozenset({"en"})).matches(_dl(1))
    assert Filters(reasons=("bad",)).matches(_dl(1)) is False  # a prefix stops at a dot, not mid-word
    assert Filters(reasons=("bad_json",)).matches(_dl(1))


def test_interleave_takes_turns_then_groups_by_kind():
    got = interleave([["a1", "a2", "a3"], ["b1"], [], ["d1", "d2"]], 5)
    assert got == ["a1", "a2", "b1", "d1", "d2"]
    assert interleave([["a1"]], 0) == []
