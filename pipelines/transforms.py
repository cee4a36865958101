"""DoFns: thin wrappers that call the pure core and route its results.

No logic lives here that a unit test of ``cleaner`` would need: each DoFn
builds its core object in ``setup()`` (models cannot be pickled) and maps
the core's routed outputs onto tagged outputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.pvalue import TaggedOutput
from apache_beam.transforms.window import GlobalWindows

from cleaner.arrow_pool import use_system_allocator
from cleaner.gc_tuning import tune_for_job
from cleaner.inputs import is_supported
from cleaner.packing import pack, unpack
from cleaner.process import thread_cleaner
from cleaner.readers import DeadLetter, Unit, iter_units, parse_unit, sniff_format
from cleaner.readers.stackexchange import Post
from cleaner.record import Record
from cleaner.route import CLEANED, DEADLETTER, Batcher, route_deadletter, route_records, route_thread
from cleaner.rows import TableBuilder
from cleaner.summary import count_output_batch, count_output_row
from pipelines.counters import BeamCounter
from pipelines.progress import Progress

SE_POSTS = "se_posts"


def _open_raw(path: str):  # type: ignore[no-untyped-def]
    # Decompression is the reader's job, so a truncated gzip is reported, not raised.
    return FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)


class ReadFileUnits(beam.DoFn):
    """File path -> (format, Unit) for every unit; dead letters for unreadable parts."""

    def __init__(self, fmt: str, raw_cap: int, progress_s: float) -> None:
        self.fmt = fmt
        self.raw_cap = raw_cap
        self.progress_s = progress_s

    def setup(self) -> None:
        self.counter = BeamCounter()
        self.progress = Progress(self.progress_s)

    def process(self, path: str) -> Iterator[Any]:
        if not is_supported(path):
            self.counter.inc("files_skipped")
            return
        self.counter.inc("files_read")
        fmt = self.fmt if self.fmt != "auto" else (sniff_format(path, _open_raw) or "unknown")
        self.progress.add(files=1)
        for unit in iter_units(path, _open_raw, self.raw_cap):
            self.counter.inc("input_units")
            if isinstance(unit, DeadLetter):
                yield TaggedOutput(DEADLETTER, route_deadletter(unit, self.counter)[1])
                continue
            self.progress.add(units=1, nbytes=len(unit.raw) if unit.raw is not None else 0)
            yield fmt, unit

    def teardown(self) -> None:
        if getattr(self, "progress", None) and self.progress.units:
            self.progress.emit()


class ParseUnits(beam.DoFn):
    """(format, Unit) -> batches of Records (main), Stack Exchange posts (keyed by thread, packed), or dead letters.

    Records are batched here, by ``cleaner.route.Batcher`` (the in-process
    job's batches, within a bundle), rather than by a ``beam.BatchElements``
    step after this one: on the local runner every step an element passes
    costs a runner round trip, and BatchElements runs its bookkeeping in
    Python per record.
    """

    def __init__(self, max_bytes: int, raw_cap: int) -> None:
        self.max_bytes = max_bytes
        self.raw_cap = raw_cap

    def setup(self) -> None:
        self.counter = BeamCounter()

    def start_bundle(self) -> None:
        self.batcher = Batcher()

    def process(self, element: tuple[str, Unit]) -> Iterator[Any]:
        fmt, unit = element
        out = parse_unit(unit, fmt, self.max_bytes, self.raw_cap)
        if isinstance(out, DeadLetter):
            yield TaggedOutput(DEADLETTER, route_deadletter(out, self.counter)[1])
        elif isinstance(out, Post):
            yield TaggedOutput(SE_POSTS, (out.thread_key, pack(out)))
        else:
            batch = self.batcher.add(out)
            if batch:
                yield batch

    def finish_bundle(self) -> Iterator[Any]:
        batch = self.batcher.take()
        if batch:
            yield GlobalWindows.windowed_value_at_end_of_window(batch)


class _CleanerDoFn(beam.DoFn):
    def __init__(self, config_json: str, emit_pairs: bool = False) -> None:
        self.config_json = config_json
        self.emit_pairs = emit_pairs

    def setup(self) -> None:
        # Models load here, not in the first bundle.
        self.raw_cap = int(thread_cleaner(self.config_json).cfg["output"]["deadletter_raw_cap"])
        tune_for_job()  # worker-process-wide: see cleaner/gc_tuning.py
        use_system_allocator()  # worker-process-wide: see cleaner/arrow_pool.py
        self.counter = BeamCounter()

    @staticmethod
    def _tag(routed: tuple[str, dict[str, Any]]) -> Any:
        tag, row = routed
        return row if tag == CLEANED else TaggedOutput(tag, row)


class CleanRecords(_CleanerDoFn):
    """A batch of Records (from ``ParseUnits``) -> cleaned rows (main) | rejected rows | dead-letter rows."""

    def process(self, records: list[Record]) -> Iterator[Any]:
        cleaner = thread_cleaner(self.config_json)
        for routed in route_records(cleaner, records, self.counter, self.raw_cap, self.emit_pairs):
            yield self._tag(routed)


class CleanThreads(_CleanerDoFn):
    """(question Id, posts) after the join -> the thread's routed rows."""

    def process(self, element: tuple[str, Any]) -> Iterator[Any]:
        key, packed = element
        posts = (unpack(p) for p in packed)
        cleaner = thread_cleaner(self.config_json)
        for routed in route_thread(cleaner, key, posts, self.counter, self.raw_cap, self.emit_pairs):
            yield self._tag(routed)


class CountRows(beam.DoFn):
    """Counts rows, units and reasons per output: the numbers the summary and its conservation check use.

    Elements are row dicts or Arrow record batches of rows; they pass through unchanged.
    """

    def __init__(self, output: str) -> None:
        self.output = output

    def setup(self) -> None:
        self.counter = BeamCounter("cleaner.outputs")

    def process(self, row: dict[str, Any] | pa.RecordBatch) -> Iterator[dict[str, Any] | pa.RecordBatch]:
        if isinstance(row, pa.RecordBatch):  # rows already in Arrow form (the local dedup's kept rows)
            count_output_batch(self.counter, self.output, row)
        else:
            count_output_row(self.counter, self.output, row)
        yield row


class FlattenRows(beam.PTransform):
    """``beam.Flatten`` for row dicts, carrying them packed (``cleaner.packing.pack``) across it.

    A Flatten whose inputs come from different stages is a stage boundary: the
    local FnApiRunner holds the whole flattened collection in memory (more than
    once while it hands it over), so packed rows there cost about a quarter of
    what row dicts do.  Outputs are the same rows.
    """

    def expand(self, pcolls: Any) -> beam.PCollection:
        packed = [pc | f"Pack{i}" >> beam.Map(pack) for i, pc in enumerate(pcolls)]
        return packed | "Flatten" >> beam.Flatten() | "Unpack" >> beam.Map(unpack)


class _RowsToTables(beam.DoFn):
    def __init__(self, schema: Any, rows_per_group: int) -> None:
        self.schema = schema
        self.rows_per_group = rows_per_group

    def setup(self) -> None:
        use_system_allocator()  # a worker may write without having cleaned: see cleaner/arrow_pool.py

    def start_bundle(self) -> None:
        self.builder = TableBuilder(self.schema, self.rows_per_group)

    def process(self, row: dict[str, Any] | pa.RecordBatch) -> Iterator[Any]:
        if isinstance(row, pa.RecordBatch):
            yield from self.builder.add_batch(row)
            return
        table = self.builder.add(row)
        if table is not None:
            yield table

    def finish_bundle(self) -> Iterator[Any]:
        table = self.builder.flush()
        if table is not None:
            yield GlobalWindows.windowed_value_at_end_of_window(table)


class WriteRows(beam.PTransform):
    """Row dicts (or Arrow record batches of rows) -> Parquet files ``<prefix>-SSSSS-of-NNNNN.parquet``, ``rows_per_group`` rows per row group.

    Used instead of ``WriteToParquet``, which holds ``record_batch_size`` row
    dicts and then up to 64 MB of Arrow batches per bundle before it writes;
    here at most 1,000 row dicts wait (``cleaner.rows.TableBuilder``) and a row
    group is written as soon as it has its rows.
    """

    def __init__(self, prefix: str, schema: Any, rows_per_group: int) -> None:
        super().__init__()
        self.prefix = prefix
        self.schema = schema
        self.rows_per_group = rows_per_group

    def expand(self, rows: beam.PCollection) -> Any:
        return (
            rows
            | "ToTables" >> beam.ParDo(_RowsToTables(self.schema, self.rows_per_group))
            | "Write" >> beam.io.WriteToParquetBatched(self.prefix, self.schema, file_name_suffix=".parquet")
        )
