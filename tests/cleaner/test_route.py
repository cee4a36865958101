from types import SimpleNamespace

from cleaner import reasons
from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.process import Cleaner
from cleaner.record import Record, Role, Turn
from cleaner.route import CLEANED, DEADLETTER, REJECTED, route_record, route_records


def _stage(name, score):
    """A scoring stage for a test: ``score(doc, counter) -> spans``, nothing to set up."""
    return SimpleNamespace(name=name, setup=lambda: None, score=score)


def _rec(*texts):
    return Record("r1", "chat", "chat", [Turn(Role.USER, t) for t in texts], origin_file="f.jsonl", origin_offset=4)


def test_kept_record_goes_to_cleaned_with_empty_edit_trail():
    [(tag, row)] = route_record(Cleaner(load()), _rec("how do I sort?"), DictCounter())
    assert tag == CLEANED and row["edits"] == [] and row["turns"][0]["text"] == "how do I sort?"


def test_all_empty_record_is_rejected_with_reason():
    counter = DictCounter()
    [(tag, row)] = route_record(Cleaner(load()), _rec(" ", ""), counter)
    assert tag == REJECTED and row["reasons"] == [reasons.ALL_TURNS_EMPTY]
    assert counter[reasons.ALL_TURNS_EMPTY] == 1


def test_pairs_follow_the_row_when_asked():
    from cleaner.route import PAIRS
    from cleaner.spans import Span

    def swears(doc, counter):
        t = doc.turns[1].text
        i = t.index("damn")
        return [Span(1, i, i + 4, "profanity", 0.9, "lexicon@1", {"severity": 2})]

    c = Cleaner(load())
    c.stages.append(_stage("swears@1", swears))
    rec = Record("r2", "chat", "chat", [Turn(Role.USER, "still wrong"), Turn(Role.ASSISTANT, "Use the damn `sorted()` call.")])
    routed = list(route_record(c, rec, DictCounter(), emit_pairs=True))
    assert [tag for tag, _ in routed] == [CLEANED, PAIRS]
    pair = routed[1][1]
    assert pair["rejected"] == "Use the damn `sorted()` call." and pair["chosen"] == "Use the `sorted()` call."
    assert pair["context"] == [{"role": "user", "text": "still wrong"}] and pair["escalation_depth"] == 1
    assert [tag for tag, _ in route_record(c, rec, DictCounter())] == [CLEANED]


def test_a_crashing_stage_costs_one_dead_letter_not_the_job():
    def boom(doc, counter):
        raise RuntimeError("kaboom")

    c = Cleaner(load())
    c.stages.append(_stage("boom@1", boom))
    counter = DictCounter()
    [(tag, row)] = route_record(c, _rec("a", "b"), counter)
    assert tag == DEADLETTER and row["reason"] == reasons.PROCESS_ERROR
    assert "kaboom" in row["error"] and row["source_file"] == "f.jsonl" and row["offset"] == 4
    assert counter[reasons.PROCESS_ERROR] == 1 and row["units"] == 1


def test_a_crashing_record_in_a_batch_costs_its_own_dead_letter_and_no_double_counts():
    def boom_on_crash(doc, counter):
        counter.inc("boom_scored")
        if "crash" in doc.turns[0].text:
            raise RuntimeError("kaboom")
        return []

    c = Cleaner(load())
    c.stages.append(_stage("boom@1", boom_on_crash))
    recs = [Record(f"r{i}", "chat", "chat", [Turn(Role.USER, t)]) for i, t in enumerate(["fine", "crash here", "also fine"])]
    counter = DictCounter()
    routed = list(route_records(c, recs, counter))
    assert [tag for tag, _ in routed] == [CLEANED, DEADLETTER, CLEANED]
    assert [row["id"] for tag, row in routed if tag == CLEANED] == ["r0", "r2"]
    # The failed batch's counts are discarded; the one-by-one retry counts each record once.
    assert counter["boom_scored"] == 3 and counter[reasons.PROCESS_ERROR] == 1


def test_batches_hold_64_small_records_or_256k_chars_and_a_big_record_alone():
    from cleaner.route import BATCH_CHARS, BATCH_RECORDS, Batcher

    def rec(i, n):
        return Record(f"r{i}", "chat", "chat", [Turn(Role.USER, "x" * n)])

    records = [rec(i, 100) for i in range(100)] + [rec(100, BATCH_CHARS * 2)] + [rec(101 + i, 40_000) for i in range(8)]
    b = Batcher()
    batches = [x for r in records if (x := b.add(r))] + [b.take()]
    assert [len(x) for x in batches] == [BATCH_RECORDS, 36, 1, 6, 2]
    assert [r.id for x in batches for r in x] == [r.id for r in records]  # all of them, in order
    assert b.take() == []
