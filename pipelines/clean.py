"""The cleaning job: read -> parse -> score + act -> write, as labelled Beam steps.

Step labels are stable (the Dataflow dry-run test and the job graph rely on
them).  Every branch that can lose a unit has an output: dead letters from
reading, parsing, the Stack Exchange join and processing are flattened into
one dead-letter output, so ``input units = cleaned + rejected + dead-letter``
holds for every run and the summary checks it.
"""

from __future__ import annotations

from typing import Any

import apache_beam as beam
from apache_beam.io import fileio

from cleaner.config import to_json
from cleaner.inputs import beam_pattern
from cleaner.route import CLEANED, DEADLETTER, PAIRS, REJECTED
from cleaner.rows import SCHEMAS, duplicate_row
from pipelines.dedup import Dedup
from pipelines.transforms import (
    SE_POSTS,
    CleanRecords,
    CleanThreads,
    CountRows,
    FlattenRows,
    ParseUnits,
    ReadFileUnits,
    WriteRows,
)


def _path(metadata: Any) -> str:
    return metadata.path


def _duplicate(element: tuple[dict[str, Any], str, str]) -> dict[str, Any]:
    return duplicate_row(*element)


# Shards for dedup band keys on the local runner: 16 lists per batch at most (a shard
# holds 1/16 of the run's band keys in memory when it is bucketed, about 18 bytes and
# an id each).  Every list is a runner element, so more shards cost more than they save.
LOCAL_BAND_SHARDS = 16


def build(
    p: beam.Pipeline,
    inputs: list[str],
    output: str,
    fmt: str,
    cfg: dict[str, Any],
    reshuffle: bool = False,
    emit_pairs: bool = False,
) -> dict[str, beam.PCollection]:
    """Add the job to ``p``; returns the output PCollections (already being written).

    ``reshuffle`` is for distributed runners: it spreads files and units over
    workers and shuffles dedup band keys one by one.
    """
    cfg_json = to_json(cfg)
    raw_cap = int(cfg["output"]["deadletter_raw_cap"])
    max_bytes = int(cfg["input"]["max_record_bytes"])
    progress_s = float(cfg["output"]["progress_interval_s"])

    files = (
        p
        | "InputPatterns" >> beam.Create([beam_pattern(x) for x in inputs])
        | "MatchFiles" >> fileio.MatchAll()
        | "FilePaths" >> beam.Map(_path)
    )
    if reshuffle:
        files = files | "SpreadFiles" >> beam.Reshuffle()
    read = files | "ReadUnits" >> beam.ParDo(ReadFileUnits(fmt, raw_cap, progress_s)).with_outputs(
        DEADLETTER, main="units"
    )
    units = read.units
    if reshuffle:
        # One file fans out to millions of units: let the runner rebalance them.
        units = units | "SpreadUnits" >> beam.Reshuffle()
    parsed = units | "ParseRecords" >> beam.ParDo(ParseUnits(max_bytes, raw_cap)).with_outputs(
        DEADLETTER, SE_POSTS, main="records"
    )
    threads = (
        parsed[SE_POSTS]
        | "JoinAnswersToQuestions" >> beam.GroupByKey()
        | "CleanThreads"
        >> beam.ParDo(CleanThreads(cfg_json, emit_pairs)).with_outputs(REJECTED, DEADLETTER, PAIRS, main=CLEANED)
    )
    # Records come out of ParseRecords in batches (64 records, 256K characters at most,
    # cleaner.route.Batcher's rule): the stages run over a batch at a time (Cleaner.process_many).
    records = parsed.records | "CleanRecords" >> beam.ParDo(CleanRecords(cfg_json, emit_pairs)).with_outputs(
        REJECTED, DEADLETTER, PAIRS, main=CLEANED
    )
    # On a distributed runner (reshuffle) one element per band key spreads the buckets;
    # locally each element costs a runner round trip, so band keys travel in shard lists.
    # The two cleaned collections go in unflattened (see Dedup.expand).
    # Locally the kept rows come out as Arrow record batches (see Dedup), which CountRows and WriteRows take.
    # Locally the components are found in one step and the rows wait for their decisions
    # on local disk (see Dedup.__init__).
    kept, duplicates = (records[CLEANED], threads[CLEANED]) | "Dedup" >> Dedup(
        cfg["dedup"], band_shards=0 if reshuffle else LOCAL_BAND_SHARDS, local=not reshuffle, schema=SCHEMAS[CLEANED]
    )
    outs = {
        CLEANED: kept,
        REJECTED: (records[REJECTED], threads[REJECTED], duplicates | "DuplicateRows" >> beam.Map(_duplicate))
        | "FlattenRejected" >> FlattenRows(),
        DEADLETTER: (read[DEADLETTER], parsed[DEADLETTER], records[DEADLETTER], threads[DEADLETTER])
        | "FlattenDeadLetter" >> FlattenRows(),
    }
    if emit_pairs:
        outs[PAIRS] = (records[PAIRS], threads[PAIRS]) | "FlattenPairs" >> FlattenRows()
    for name in outs:
        title = name.capitalize()
        (
            outs[name]
            | f"Count{title}" >> beam.ParDo(CountRows(name))
            | f"Write{title}"
            >> WriteRows(f"{output.rstrip('/')}/{name}/part", SCHEMAS[name], int(cfg["output"]["row_group_size"]))
        )
    return outs
