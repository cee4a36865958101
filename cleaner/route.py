"""Where each unit and record ends up: cleaned, rejected or dead-letter.

Every lossy branch has an output.  A record whose processing raises (a stage
bug, a pathological input) becomes a dead-letter row carrying the record, so
one bad record costs one row, never the job, and is never lost silently.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from cleaner import reasons
from cleaner.counters import Counter, DictCounter
from cleaner.policy.pairs import preference_pairs
from cleaner.process import Cleaner, Outcome
from cleaner.readers.base import DeadLetter, UnitRef
from cleaner.readers.stackexchange import ANSWER, QUESTION, Post, build_thread, single_post_record
from cleaner.record import Record
from cleaner.rows import cleaned_row, deadletter_row, rejected_record_row, rejected_row

CLEANED = "cleaned"
REJECTED = "rejected"
DEADLETTER = "deadletter"
OUTPUTS = (CLEANED, REJECTED, DEADLETTER)
PAIRS = "pairs"  # an extra view of cleaned and rejected records, outside the unit accounting

Routed = tuple[str, dict[str, Any]]

# A ``route_records`` batch: at most 64 records and about 256K characters of text.
# 64 records of the generated corpus (about 150 KB) keep the stages' tables hot;
# larger batches measured no faster.  The character cap bounds a batch's memory
# when records are large (up to input.max_record_bytes each): a record over it
# goes alone.
BATCH_RECORDS = 64
BATCH_CHARS = 1 << 18


def batch_weight(record: Record) -> int:
    """A record's share of a batch: its characters, and at least 1/BATCH_RECORDS of one."""
    return max(sum(len(t.text) for t in record.turns), BATCH_CHARS // BATCH_RECORDS)


class Batcher:
    """Groups records into batches whose weights sum to at most BATCH_CHARS (a heavier record alone).

    The in-process job and the Beam job's ``ParseUnits`` both batch with it.
    """

    def __init__(self) -> None:
        self.batch: list[Record] = []
        self.size = 0

    def add(self, record: Record) -> list[Record]:
        """Add ``record``; returns the batch it closed (empty when it still fit)."""
        w = batch_weight(record)
        done: list[Record] = []
        if self.batch and self.size + w > BATCH_CHARS:
            done = self.take()
        self.batch.append(record)
        self.size += w
        return done

    def take(self) -> list[Record]:
        """The pending batch (possibly empty), which is then cleared."""
        done, self.batch, self.size = self.batch, [], 0
        return done


def route_record(
    cleaner: Cleaner, record: Record, counter: Counter, raw_cap: int = 65536, emit_pairs: bool = False
) -> Iterator[Routed]:
    """The record's one row (cleaned, rejected or dead-letter), then its preference pairs if asked."""
    try:
        o = cleaner.process(record, counter)
    except Exception as e:
        counter.inc(reasons.PROCESS_ERROR)
        tb = traceback.format_exception_only(type(e), e)[-1].strip()
        raw = json.dumps(record.to_dict(), ensure_ascii=False)
        ref = UnitRef(record.origin_file, record.origin_offset)
        dl = DeadLetter.make(ref, raw, reasons.PROCESS_ERROR, f"record {record.id}: {tb}", raw_cap, record.units)
        yield DEADLETTER, deadletter_row(dl)
        return
    yield from _routed_outcome(o, counter, emit_pairs)


def route_records(
    cleaner: Cleaner, records: Sequence[Record], counter: Counter, raw_cap: int = 65536, emit_pairs: bool = False
) -> Iterator[Routed]:
    """:func:`route_record` of each record, processed as one batch (``Cleaner.process_many``).

    When the batch raises, its counts are discarded and every record goes
    through :func:`route_record` alone, so the bad one becomes a dead letter
    and nothing is counted twice.
    """
    if not records:
        return
    if len(records) == 1:
        yield from route_record(cleaner, records[0], counter, raw_cap, emit_pairs)
        return
    local = DictCounter()
    try:
        outcomes = cleaner.process_many(records, local)
    except Exception:
        for record in records:
            yield from route_record(cleaner, record, counter, raw_cap, emit_pairs)
        return
    for name, n in local.as_dict().items():
        counter.inc(name, n)
    for o in outcomes:
        yield from _routed_outcome(o, counter, emit_pairs)


def _routed_outcome(o: Outcome, counter: Counter, emit_pairs: bool) -> Iterator[Routed]:
    yield (CLEANED, cleaned_row(o)) if o.kept else (REJECTED, rejected_row(o))
    if emit_pairs:
        for pair in preference_pairs(o.record, o.turns, o.edits, o.tags):
            counter.inc("pairs")
            yield PAIRS, pair


def route_deadletter(dl: DeadLetter, counter: Counter) -> Routed:
    counter.inc(dl.reason)
    return DEADLETTER, deadletter_row(dl)


def route_thread(
    cleaner: Cleaner,
    key: str,
    posts: Iterable[Post],
    counter: Counter,
    raw_cap: int = 65536,
    emit_pairs: bool = False,
) -> Iterator[Routed]:
    """A Stack Exchange thread after the join: the record, plus dead letters for posts left over."""
    posts = list(posts)
    record, leftovers = build_thread(key, [p for p in posts if p.post_type in (QUESTION, ANSWER)])
    if record is not None:
        yield from route_record(cleaner, record, counter, raw_cap, emit_pairs)
    for p in leftovers:
        reason = reasons.ORPHAN_ANSWER if p.post_type == ANSWER else reasons.DUPLICATE_ID
        msg = (
            f"answer {p.id}: its question {p.parent_id} is not in the input"
            if p.post_type == ANSWER
            else f"post Id {p.id} appears more than once"
        )
        yield route_deadletter(DeadLetter.make(p.ref, p.body, reason, msg, raw_cap), counter)
    for p in posts:
        if p.post_type not in (QUESTION, ANSWER):
            counter.inc(reasons.UNSUPPORTED_POST_TYPE)
            yield REJECTED, rejected_record_row(
                single_post_record(p),
                [reasons.UNSUPPORTED_POST_TYPE],
                {"PostTypeId": p.post_type},
            )
