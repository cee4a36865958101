"""Cleaner.process_many: the batch path equals the record-by-record path."""

from __future__ import annotations

from pathlib import Path

from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.process import Cleaner
from cleaner.readers import DeadLetter, iter_units, parse_unit, sniff_format
from cleaner.readers.stackexchange import Post
from cleaner.record import Record
from cleaner.route import route_record, route_records

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _sample_records() -> list[Record]:
    out = []
    for path in sorted(SAMPLES.glob("*.jsonl")):
        fmt = sniff_format(str(path))
        for unit in iter_units(str(path)):
            if isinstance(unit, DeadLetter):
                continue
            rec = parse_unit(unit, fmt, 1 << 30)
            if not isinstance(rec, DeadLetter | Post):
                out.append(rec)
    return out


def test_process_many_equals_process_on_every_sample_record() -> None:
    records = _sample_records()
    assert len(records) > 100
    cleaner = Cleaner(load())
    one, many = DictCounter(), DictCounter()
    singles = [cleaner.process(r, one) for r in records]
    batched = cleaner.process_many(records, many)
    assert [(o.kept, o.turns, o.edits, o.spans, o.reasons) for o in batched] == [
        (o.kept, o.turns, o.edits, o.spans, o.reasons) for o in singles
    ]
    assert many.as_dict() == one.as_dict()
    assert sum(bool(o.edits) for o in batched) > 10  # the samples exercise the classifier and the policy


def test_route_records_equals_route_record_with_pairs() -> None:
    records = _sample_records()[:40]
    cleaner = Cleaner(load())
    singles = [x for r in records for x in route_record(cleaner, r, DictCounter(), emit_pairs=True)]
    assert list(route_records(cleaner, records, DictCounter(), emit_pairs=True)) == singles


def test_thread_cleaner_is_one_per_thread_and_config() -> None:
    import threading

    from cleaner.config import to_json
    from cleaner.process import thread_cleaner

    cfg = to_json(load())
    other = to_json(load(overrides=["policy.response.abuse_threshold=0.5"]))
    first = thread_cleaner(cfg)
    assert thread_cleaner(cfg) is first  # the job's two cleaning DoFns share it
    assert first._ready  # set up: models loaded before the first bundle
    assert thread_cleaner(other) is not first
    elsewhere: list[object] = []
    t = threading.Thread(target=lambda: elsewhere.append(thread_cleaner(cfg)))
    t.start()
    t.join()
    assert elsewhere and elsewhere[0] is not first  # never shared across threads: the stages' caches are not thread-safe
