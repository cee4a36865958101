from cleaner.inspect.load import RunDir
from cleaner.inspect.sample import entries
from cleaner.inspect.stats import Histogram, RunStats


def test_run_stats_from_the_fixture_run(run_dir):
    s = RunStats()
    for e in entries(RunDir.open(run_dir)):
        s.observe(e)
    assert dict(s.actions) == {"neutralized": 4, "rejected": 3, "deadletter": 1, "unchanged": 1}
    assert s.records == 8
    assert s.reasons["neutralize.incident"] == {"neutralized": 1}
    assert s.reasons["response_hostile"] == {"rejected": 1}
    assert s.langs["zh"]["neutralized"] == 1
    # gh-drop is a thread reply: neutralized by the lexicon, not dropped whole by the policy
    assert s.edits_by_stage["lexicon@1"] == 5 and s.edits_by_stage["fasttext@1"] == 1
    assert s.edits_by_role["contributor"] == 1
    # chat-profanity and its duplicate 1 each, csdn-1 2, gh-drop 1, gh-code 1 (the fenced block): none touched
    assert (s.code_preserved, s.code_touched, s.trails_broken) == (6, 0, 0)
    rows = {r["depth"]: r for r in s.escalation_rows()}
    assert rows["1"]["responses"] == 1 and rows["1"]["hostile"] == 1 and rows["1"]["hostile_share"] == 1.0
    assert s.span_scores["fasttext@1"].total == 3 and s.edit_scores["fasttext@1"].total == 1


def test_histogram_clamps_out_of_range_scores():
    h = Histogram()
    for x in (-1.0, 0.0, 0.5, 1.0, 7.0):
        h.add(x)
    assert h.counts[0] == 2 and h.counts[10] == 1 and h.counts[-1] == 2 and h.total == 5
