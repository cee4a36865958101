"""The same job without Beam: one process, same readers, same Cleaner, same rows.

For benchmarks (the Beam layer's overhead is measured against this), for
tests that compare decisions record by record, and for small inputs where a
runner is overkill.  The Stack Exchange join is an in-memory dict here, so
this is not the path for terabytes; the Beam job is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cleaner.arrow_pool import use_system_allocator
from cleaner.counters import Counter
from cleaner.dedup import DedupSettings, dedup, dedup_text
from cleaner.gc_tuning import tune_for_job
from cleaner.process import Cleaner
from cleaner.readers import DeadLetter, iter_units, parse_unit, sniff_format
from cleaner.readers.stackexchange import Post
from cleaner.route import (
    CLEANED,
    OUTPUTS,
    REJECTED,
    Batcher,
    Routed,
    route_deadletter,
    route_records,
    route_thread,
)
from cleaner.rows import duplicate_row


def iter_routed(
    paths: Iterable[str], fmt: str, cfg: dict[str, Any], counter: Counter, emit_pairs: bool = False
) -> Iterator[Routed]:
    cleaner = Cleaner(cfg)
    cleaner.setup()
    tune_for_job()
    use_system_allocator()
    raw_cap = int(cfg["output"]["deadletter_raw_cap"])
    max_bytes = int(cfg["input"]["max_record_bytes"])
    threads: dict[str, list[Post]] = defaultdict(list)
    batcher = Batcher()

    def flush() -> Iterator[Routed]:
        # Rows come out in input order: a dead letter first flushes the records before it.
        yield from route_records(cleaner, batcher.take(), counter, raw_cap, emit_pairs)

    for path in paths:
        counter.inc("files_read")
        file_fmt = fmt if fmt != "auto" else (sniff_format(path) or "unknown")
        for unit in iter_units(path, raw_cap=raw_cap):
            counter.inc("input_units")
            if isinstance(unit, DeadLetter):
                yield from flush()
                yield route_deadletter(unit, counter)
                continue
            out = parse_unit(unit, file_fmt, max_bytes, raw_cap)
            if isinstance(out, DeadLetter):
                yield from flush()
                yield route_deadletter(out, counter)
            elif isinstance(out, Post):
                threads[out.thread_key].append(out)
            else:
                yield from route_records(cleaner, batcher.add(out), counter, raw_cap, emit_pairs)
    yield from flush()
    for key in sorted(threads):
        yield from route_thread(cleaner, key, threads[key], counter, raw_cap, emit_pairs)


def dedup_routed(routed: Iterable[Routed], cfg: dict[str, Any], counter: Counter) -> Iterator[Routed]:
    """The job's Dedup step in one process: cleaned rows are held, then kept or rejected as duplicates.

    Everything else passes straight through.  Holds every cleaned row in
    memory, like the Stack Exchange join here: small inputs only.
    """
    settings = DedupSettings.from_dict(cfg["dedup"])
    held: list[dict[str, Any]] = []
    for tag, row in routed:
        if tag == CLEANED and settings.enabled:
            held.append(row)
        else:
            yield tag, row
    decisions = dedup(((r["id"], dedup_text(r)) for r in held), settings, counter)
    for row in held:
        d = decisions.get(row["id"])
        yield (CLEANED, row) if d is None else (REJECTED, duplicate_row(row, d.reason, d.kept_id))


def write_parquet(routed: Iterable[Routed], out_dir: str | Path, counter: Counter, batch: int = 10000) -> None:
    """Write routed rows like the Beam job does (``batch`` rows per row group), counting rows/units/reasons."""
    import pyarrow.parquet as pq

    from cleaner.rows import SCHEMAS, TableBuilder
    from cleaner.summary import count_output_row

    out = Path(out_dir)
    writers: dict[str, Any] = {}
    builders = {name: TableBuilder(schema, batch) for name, schema in SCHEMAS.items()}

    def write(name: str, table: Any) -> None:
        if name not in writers:
            (out / name).mkdir(parents=True, exist_ok=True)
            writers[name] = pq.ParquetWriter(out / name / "part-00000-of-00001.parquet", SCHEMAS[name])
        writers[name].write_table(table)

    for tag, row in routed:
        count_output_row(counter, tag, row)
        table = builders[tag].add(row)
        if table is not None:
            write(tag, table)
    for name, builder in builders.items():
        table = builder.flush()
        if table is not None:
            write(name, table)
        elif name in OUTPUTS and name not in writers:
            write(name, SCHEMAS[name].empty_table())  # every output gets its file, even with no rows
        if name in writers:
            writers[name].close()


def run_job(paths: Iterable[str], fmt: str, cfg: dict[str, Any], out_dir: str | Path, counter: Counter) -> None:
    """The whole job on ``paths``: clean, dedup, write Parquet under ``out_dir`` (what the benchmarks time)."""
    write_parquet(dedup_routed(iter_routed(paths, fmt, cfg, counter), cfg, counter), out_dir, counter)
