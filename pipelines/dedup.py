"""Exact and near-duplicate removal as a Beam PTransform.

Every step is a GroupByKey over small keys (exact hashes, band keys, ids), so
the job scales out: no worker ever holds an index of the corpus.

    rows ─BatchElements─▶ Featurize ─┬─ (exact hash, id) ─GBK─▶ exact stars ─┐
                                     └─ (band key, id)  ─GBK─▶ bucket stars ─┴▶ edges
    edges ─(large-star, small-star) × cc_rounds─▶ stars ─GBK by id─▶ (id, kept id)
    packed rows, (id, kept id), exact ids ─CoGroupByKey on id─▶ kept | duplicates

On the local runner (``local=True``) the last two lines run in one process:

    edges ─ToList─▶ the same rounds in one step ─▶ (id, kept id)
    (id, kept id), exact ids ─CoGroupByKey on id─▶ decisions
    rows ─packed to local disk─▶ files ─Split, decisions as a side input─▶ kept | duplicates

Semantics (the same as ``cleaner.dedup.dedup`` in-process, see
``cleaner/dedup/clusters.py``): a cluster is a connected component of
"shares a band key or an exact hash"; its smallest id is kept; every other
member is a duplicate whose ``kept_id`` is that smallest id and whose reason is
``exact_duplicate`` when a smaller id has the same normalized text, else
``near_duplicate``.  Rows must have distinct ids.

Exact copies also emit band keys (they land in their original's buckets):
simpler than joining exact results back before banding, at the price of a
larger band shuffle when a corpus is full of verbatim copies.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from apache_beam.metrics import Metrics
from apache_beam.pvalue import PCollection, TaggedOutput
from apache_beam.transforms.window import GlobalWindows

from cleaner import reasons
from cleaner.dedup.banding import KEY_SIZE, shared_keys
from cleaner.dedup.clusters import (
    UNCONVERGED,
    Edge,
    bucket_edges,
    label,
    labels,
    large_star,
    large_star_keys,
    run_rounds,
    small_star,
    small_star_key,
    verified_bucket_edges,
)
from cleaner.dedup.features import BATCH, Featurizer
from cleaner.dedup.inprocess import exact_group
from cleaner.dedup.settings import DedupSettings
from cleaner.dedup.text import dedup_text
from cleaner.packing import pack, unpack
from cleaner.rows import TableBuilder
from pipelines.transforms import FlattenRows

NAMESPACE = "cleaner"


class _Featurize(beam.DoFn):
    """Rows in, (exact hash, id) and band entries out, a batch of ``BATCH`` rows at a time.

    It batches the rows itself, within a bundle, rather than after a
    ``beam.BatchElements`` step: on the local runner every step an element
    passes costs a runner round trip.  Features never depend on the batch.

    Band entries are ``(band key, member)``, or with ``shards`` one
    ``(shard, pack([(band key, member), ...]))`` per shard the batch touches:
    each record has ``bands`` keys, nearly all of them in no other record's
    bucket, and on the local runner every element costs a runner round trip,
    so a batch's keys travel in a few lists.  Packed, a list is one bytes
    object in the runner's grouping table instead of three Python objects per
    entry (``cleaner run``'s peak RSS: 695-713 MB -> 610 MB on 60 MB, 844 MB ->
    699 MB on 100 MB).  The buckets come out the same.

    Without ``verify`` a shard's list is three arrays' worth instead,
    ``pickle.dumps((bands, digests, ids))`` (the arrays' bytes), entry k being key
    (``bands[k]``, ``digests[k]``) of record ``ids[k]``: the keys never become Python
    objects, here or where the shard is bucketed (:func:`_bucket_shard_arrays`).
    """

    def __init__(self, settings: DedupSettings, shards: int = 0) -> None:
        self.settings = settings
        self.shards = shards

    def setup(self) -> None:
        self.featurize = Featurizer(self.settings)

    def start_bundle(self) -> None:
        self._rows: list[dict[str, Any]] = []

    def process(self, row: dict[str, Any]) -> Iterator[TaggedOutput]:
        self._rows.append(row)
        if len(self._rows) >= BATCH:
            yield from self._batch()

    def finish_bundle(self) -> Iterator[TaggedOutput]:
        for out in self._batch():
            yield TaggedOutput(out.tag, GlobalWindows.windowed_value_at_end_of_window(out.value))

    def _batch(self) -> Iterator[TaggedOutput]:
        batch, self._rows = self._rows, []
        if not batch:
            return
        items = [(row["id"], dedup_text(row)) for row in batch]
        if self.shards and not self.settings.verify:
            yield from self._arrays(items)
            return
        by_shard: dict[int, list[tuple[bytes, Any]]] = {}
        for f in self.featurize(items):
            yield TaggedOutput("exact", (f.exact, f.id))
            member = (f.id, f.shingles.tobytes()) if f.shingles is not None else f.id
            for key in f.band_keys:
                if self.shards:
                    by_shard.setdefault(_shard(key, self.shards), []).append((key, member))
                else:
                    yield TaggedOutput("bands", (key, member))
        for shard, entries in by_shard.items():
            yield TaggedOutput("bands", (shard, pack(entries)))

    def _arrays(self, items: list[tuple[str, str]]) -> Iterator[TaggedOutput]:
        hashes, e = self.featurize.entries(items)
        for (rid, _), h in zip(items, hashes, strict=True):
            yield TaggedOutput("exact", (h, rid))
        shard = e.digests % np.uint64(self.shards)
        order = np.argsort(shard, kind="stable")
        shard, bands, digests = shard[order], e.bands[order], e.digests[order]
        ids = np.array([rid for rid, _ in items], dtype=object)[e.rows[order]].tolist()
        starts = np.flatnonzero(np.concatenate(([True], shard[1:] != shard[:-1]))).tolist()
        for lo, hi in zip(starts, [*starts[1:], len(order)], strict=True):
            # Raw bytes, pickled, not packed: digests are random bits, which zstd spends time on for nothing.
            entries = (bands[lo:hi].tobytes(), digests[lo:hi].tobytes(), ids[lo:hi])
            yield TaggedOutput("bands", (int(shard[lo]), pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)))


def _shard(key: bytes, shards: int) -> int:
    """A band key's shard: its digest (the key's last 8 bytes, big-endian) modulo ``shards``, as ``_arrays`` computes it."""
    return int.from_bytes(key[KEY_SIZE - 8 :], "big") % shards


def _exact_group(kv: tuple[str, Iterable[str]]) -> Iterator[Any]:
    edges, dups = exact_group(kv[1])
    yield from edges
    for d in dups:
        yield TaggedOutput("exact_ids", (d, True))


def _bucket(kv: tuple[bytes, Iterable[Any]], settings: DedupSettings) -> Iterator[Edge]:
    if settings.verify:
        members = [(rid, np.frombuffer(b, dtype=np.uint32)) for rid, b in kv[1]]
        yield from verified_bucket_edges(members, settings.verify_threshold)
    else:
        yield from bucket_edges(kv[1])


def _bucket_shard(kv: tuple[int, Iterable[bytes]], settings: DedupSettings) -> Iterator[Edge]:
    """The buckets of one shard's band entries (packed lists), each as :func:`_bucket` gives it."""
    buckets: dict[bytes, list[Any]] = {}
    for entries in map(unpack, kv[1]):
        for key, member in entries:
            buckets.setdefault(key, []).append(member)
    for key, members in buckets.items():
        if len(members) > 1:
            yield from _bucket((key, members), settings)


def _bucket_shard_arrays(kv: tuple[int, Iterable[bytes]]) -> Iterator[Edge]:
    """:func:`_bucket_shard` for shard lists in array form (see ``_Featurize``; never with ``verify``)."""
    parts = [pickle.loads(p) for p in kv[1]]
    ids = [rid for _, _, part_ids in parts for rid in part_ids]
    bands = np.frombuffer(b"".join(b for b, _, _ in parts), dtype=np.uint16)
    digests = np.frombuffer(b"".join(d for _, d, _ in parts), dtype=np.uint64)
    for group in shared_keys(bands, digests):
        yield from bucket_edges([ids[k] for k in group.tolist()])


def _no_loops(edges: Iterator[Edge]) -> Iterator[Edge]:
    return (e for e in edges if e[0] != e[1])


class _StarRound(beam.PTransform):
    """One large-star then one small-star step: two GroupByKeys."""

    def expand(self, edges: PCollection) -> PCollection:
        return (
            edges
            | "LargeKeys" >> beam.FlatMap(large_star_keys)
            | "LargeGroup" >> beam.GroupByKey()
            | "LargeStar" >> beam.FlatMap(lambda kv: _no_loops(large_star(*kv)))
            | "SmallKey" >> beam.Map(small_star_key)
            | "SmallGroup" >> beam.GroupByKey()
            | "SmallStar" >> beam.FlatMap(lambda kv: _no_loops(small_star(*kv)))
        )


class _Label(beam.DoFn):
    def __init__(self) -> None:
        self.unconverged = Metrics.counter(NAMESPACE, UNCONVERGED)

    def process(self, kv: tuple[str, Iterable[str]]) -> Iterator[tuple[str, str]]:
        node, nbrs = kv
        kept, settled = label(node, nbrs)
        if not settled:
            self.unconverged.inc()
        if kept != node:
            yield (node, kept)


def _decision(kv: tuple[str, dict[str, Iterable[Any]]]) -> tuple[str, str] | None:
    """(reason, kept id) for a row id joined with its label and exact-copy mark; None keeps the row."""
    _, g = kv
    kept_ids = list(g["kept"])
    if not kept_ids:
        return None
    return (reasons.EXACT_DUPLICATE if list(g["exact"]) else reasons.NEAR_DUPLICATE), kept_ids[0]


def _decisions(kv: tuple[str, dict[str, Iterable[Any]]]) -> Iterator[tuple[str, tuple[str, str]]]:
    decision = _decision(kv)
    if decision is not None:
        yield kv[0], decision


class _LabelAll(beam.DoFn):
    """Every edge at once: the star rounds and labels as ``cleaner.dedup.inprocess`` runs them."""

    def __init__(self, rounds: int) -> None:
        self.rounds = rounds
        self.unconverged = Metrics.counter(NAMESPACE, UNCONVERGED)

    def process(self, edges: list[Edge]) -> Iterator[tuple[str, str]]:
        kept, unsettled = labels(run_rounds(edges, self.rounds))
        if unsettled:
            self.unconverged.inc(unsettled)
        yield from kept.items()


class _Route(beam.DoFn):
    """Kept rows out main, (row, reason, kept_id) to ``duplicates``, counted by reason."""

    def __init__(self) -> None:
        self.counters = {
            r: Metrics.counter(NAMESPACE, r) for r in (reasons.EXACT_DUPLICATE, reasons.NEAR_DUPLICATE)
        }

    def _route(self, row: dict[str, Any], decision: tuple[str, str] | None) -> Iterator[Any]:
        if decision is None:
            yield row
        else:
            self.counters[decision[0]].inc()
            yield TaggedOutput("duplicates", (row, *decision))


class _Split(_Route):
    """Packed rows joined by id with their decision (the ``row_tags`` inputs of the join)."""

    def __init__(self, row_tags: list[str]) -> None:
        super().__init__()
        self.row_tags = row_tags

    def process(self, kv: tuple[str, dict[str, Iterable[Any]]]) -> Iterator[Any]:
        decision = _decision(kv)
        for packed in (p for tag in self.row_tags for p in kv[1][tag]):
            yield from self._route(unpack(packed), decision)


class _StageRows(beam.DoFn):
    """Rows to an Arrow file on local disk (lz4), one file per bundle; out goes the file's path.

    For the local runner, where rows waiting for the dedup decisions would
    otherwise wait in memory.  The file is in the temp folder (``$TMPDIR``).
    Rows are staged in the output's own Arrow form, which the writer needs
    anyway: most of them (all but the duplicates) never become dicts again,
    and the file is about half the size of the same rows pickled and
    compressed.
    """

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema

    def start_bundle(self) -> None:
        self._writer: Any = None
        self._sink: Any = None
        self._path = ""
        self._tables = TableBuilder(self.schema, STAGE_CHUNK)

    def process(self, row: dict[str, Any]) -> None:
        if self._writer is None:
            self._open()
        self._write(self._tables.add(row))

    def _open(self) -> None:
        try:
            fd, self._path = tempfile.mkstemp(prefix="sft-cleaner-rows-", suffix=".arrow")
            os.close(fd)
            self._sink = pa.OSFile(self._path, "wb")
            self._writer = pa.ipc.new_file(self._sink, self.schema, options=_STAGE_OPTIONS)
        except OSError as e:
            if self._path:  # made, but not opened for writing: nothing will read or delete it
                with contextlib.suppress(OSError):
                    os.unlink(self._path)
            raise _staging_error(e) from e

    def _write(self, table: pa.Table | None) -> None:
        if table is None:
            return
        try:
            self._writer.write_table(table)
        except OSError as e:
            raise _staging_error(e) from e

    def finish_bundle(self) -> Iterator[Any]:
        if self._writer is not None:
            self._write(self._tables.flush())
            try:
                self._writer.close()
                self._sink.close()
            except OSError as e:
                raise _staging_error(e) from e
            self._writer = None
            yield GlobalWindows.windowed_value_at_end_of_window(self._path)

    def teardown(self) -> None:
        if getattr(self, "_writer", None) is not None:  # a failed bundle: its file is never read
            self._sink.close()
            os.unlink(self._path)


# Rows converted to Arrow and written at a time while staging: bounds the row dicts a bundle holds.
STAGE_CHUNK = 1000
_STAGE_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")


def _staging_error(e: OSError) -> OSError:
    return OSError(
        f"cannot stage cleaned rows in the temp folder {tempfile.gettempdir()} ({e}): the local "
        "runner keeps them there until dedup decides (about 0.3x the input's size); set TMPDIR "
        "to a writable folder with room"
    )


def staged_batches(path: str) -> Iterator[pa.RecordBatch]:
    """The record batches of one staged file, in order; the file is deleted once read whole.

    An Arrow file ends with a footer, so a file cut short anywhere is an error here, never fewer rows.
    """
    try:
        with pa.OSFile(path, "rb") as f:
            reader = pa.ipc.open_file(f)
            for i in range(reader.num_record_batches):
                yield reader.get_batch(i)
    except pa.ArrowInvalid as e:
        raise OSError(f"{path}: staged rows file is truncated or damaged (was the temp folder cleaned mid-run?): {e}") from e
    os.unlink(path)


class _SplitStaged(_Route):
    """Staged row files, each row routed by a side input of the decisions (one per duplicate).

    Kept rows go out as Arrow record batches, as they were staged (the
    writer and the counts take batches as well as rows); duplicates go out as
    rows, like every rejected row.
    """

    def setup(self) -> None:
        self._for: Any = None
        self._ids: Any = None

    def process(self, path: str, decisions: dict[str, tuple[str, str]]) -> Iterator[Any]:  # type: ignore[override]
        if decisions is not self._for:
            self._for, self._ids = decisions, pa.array(list(decisions), pa.string())
        for batch in staged_batches(path):
            duplicate = pc.is_in(batch.column("id"), value_set=self._ids)
            if pc.any(duplicate).as_py():
                for row in batch.filter(duplicate).to_pylist():
                    yield from self._route(row, decisions[row["id"]])
                batch = batch.filter(pc.invert(duplicate))
            if batch.num_rows:
                yield batch


class Dedup(beam.PTransform):
    """Remove exact and near duplicates from cleaned rows.

    ``Dedup(settings)`` takes the ``dedup:`` config block as a plain dict (see
    :class:`cleaner.dedup.DedupSettings`).  Applied to a PCollection of row
    dicts, or a tuple of them (deduplicated together), it returns a tuple
    ``(kept, duplicates)``: ``kept`` holds the rows that survive, unchanged;
    ``duplicates`` holds ``(row, reason, kept_id)`` with ``reason``
    ``exact_duplicate`` or ``near_duplicate`` and ``kept_id`` the id of the
    row kept for its cluster.  Counters of the same names count
    them in namespace ``cleaner``; ``dedup_unconverged`` > 0 means
    ``cc_rounds`` was too few for some cluster (drops stay right, a few
    ``kept_id`` may then name another duplicate).  With ``enabled: false``
    every row is kept.

    With ``local=True`` (and dedup enabled) ``kept`` holds the surviving rows
    as Arrow record batches of ``schema`` instead of row dicts: that is how
    they waited on disk, and the job's counting and writing steps take both.
    """

    def __init__(
        self,
        settings: dict[str, Any] | None = None,
        band_shards: int = 0,
        local: bool = False,
        schema: pa.Schema | None = None,
    ) -> None:
        """``band_shards`` > 0 groups band keys into that many shards (for the local runner, see ``_Featurize``).

        0 (the default, and what a distributed runner wants) shuffles one
        element per band key, so no worker holds more than one bucket.

        ``local`` is for the local runner too, where every collection lives in
        one process anyway.  The connected components are found in one step
        over all edges (the same star rounds, ``cleaner.dedup.clusters.run_rounds``,
        in one process) instead of ``cc_rounds`` pairs of GroupByKeys: on the
        local runner every step costs a fixed setup.  And the rows wait for
        their decisions on local disk (``_StageRows``, in ``$TMPDIR``), not in
        the runner's memory, grouped by id with their decisions, which held
        them several times over; the decisions (one per duplicate) reach them
        as a side input.  A distributed runner wants neither: all edges or a
        side input of every duplicate id would have to fit on one worker.

        ``schema`` (needed with ``local``) is the rows' Arrow schema, which
        they are staged in.
        """
        super().__init__()
        self.settings = DedupSettings.from_dict(settings)
        self.band_shards = int(band_shards)
        self.local = local
        if local and schema is None:
            raise ValueError("Dedup(local=True) stages rows in Arrow form: pass their schema (schema=...)")
        self.schema = schema

    def expand(self, rows: PCollection | tuple[PCollection, ...]) -> tuple[PCollection, PCollection]:
        # Several inputs are never flattened into one collection of rows: on the local
        # runner a Flatten of collections from different stages holds all of its rows in
        # memory.  Each input is featurized and packed where it is produced; the rows
        # meet only where they are split into kept and duplicates.
        parts = list(rows) if isinstance(rows, (tuple, list)) else [rows]
        s = self.settings
        if not s.enabled:
            kept = parts[0] if len(parts) == 1 else tuple(parts) | "KeepAll" >> FlattenRows()
            return kept, kept | "NoDuplicates" >> beam.Filter(lambda _: False)
        feats = [
            part | f"Featurize{_suffix(i)}" >> beam.ParDo(_Featurize(s, self.band_shards)).with_outputs("exact", "bands")
            for i, part in enumerate(parts)
        ]
        exact = (
            _flat([f.exact for f in feats], "AllExact")
            | "GroupExact" >> beam.GroupByKey()
            | "ExactStars" >> beam.FlatMap(_exact_group).with_outputs("exact_ids", main="edges")
        )
        bucket_stars = (
            _flat([f.bands for f in feats], "AllBands")
            | "GroupBands" >> beam.GroupByKey()
            | "BucketStars" >> self._bucket_stars()
        )
        edges = (exact.edges, bucket_stars) | "AllEdges" >> beam.Flatten()
        if self.local:
            return self._split_local(parts, edges, exact.exact_ids)
        return self._split_shuffled(parts, edges, exact.exact_ids)

    def _bucket_stars(self) -> beam.PTransform:
        if not self.band_shards:
            return beam.FlatMap(_bucket, settings=self.settings)
        if self.settings.verify:
            return beam.FlatMap(_bucket_shard, settings=self.settings)
        return beam.FlatMap(_bucket_shard_arrays)

    def _split_local(
        self, parts: list[PCollection], edges: PCollection, exact_ids: PCollection
    ) -> tuple[PCollection, PCollection]:
        kept_of = (
            edges
            | "CollectEdges" >> beam.combiners.ToList()
            | "LabelAll" >> beam.ParDo(_LabelAll(self.settings.cc_rounds))
        )
        decisions = (
            {"kept": kept_of, "exact": exact_ids}
            | "JoinDecisions" >> beam.CoGroupByKey()
            | "Decisions" >> beam.FlatMap(_decisions)
        )
        staged = [part | f"StageRows{_suffix(i)}" >> beam.ParDo(_StageRows(self.schema)) for i, part in enumerate(parts)]
        split = _flat(staged, "AllStaged") | "Split" >> beam.ParDo(
            _SplitStaged(), beam.pvalue.AsDict(decisions)
        ).with_outputs("duplicates", main="kept")
        return split.kept, split.duplicates

    def _split_shuffled(
        self, parts: list[PCollection], edges: PCollection, exact_ids: PCollection
    ) -> tuple[PCollection, PCollection]:
        for i in range(self.settings.cc_rounds):
            edges = edges | f"StarRound{i}" >> _StarRound()
        kept_of = (
            edges
            | "LabelKeys" >> beam.FlatMap(large_star_keys)
            | "LabelGroup" >> beam.GroupByKey()
            | "Label" >> beam.ParDo(_Label())
        )
        keyed = {
            f"row{i}": part | f"KeyById{_suffix(i)}" >> beam.Map(lambda r: (r["id"], pack(r)))
            for i, part in enumerate(parts)
        }
        split = (
            {**keyed, "kept": kept_of, "exact": exact_ids}
            | "JoinDecisions" >> beam.CoGroupByKey()
            | "Split" >> beam.ParDo(_Split(list(keyed))).with_outputs("duplicates", main="kept")
        )
        return split.kept, split.duplicates


def _suffix(i: int) -> str:
    """Step labels of the first input stay as they were with one input ("Batch", "Featurize", ...)."""
    return "" if i == 0 else str(i)


def _flat(pcolls: list[PCollection], label: str) -> PCollection:
    return pcolls[0] if len(pcolls) == 1 else tuple(pcolls) | label >> beam.Flatten()
