"""The one-process job: its dedup step keeps and rejects like the Beam job's Dedup."""

from __future__ import annotations

import json

from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.inprocess import dedup_routed, write_parquet

TEXT = "The build fails on Windows with a long path error when the cache folder is nested deeply."


def _row(rid: str, text: str) -> dict:
    return {"id": rid, "turns": [{"role": "user", "author": None, "text": text}]}


def test_dedup_routed_rejects_the_copy_and_passes_the_rest() -> None:
    routed = [
        ("cleaned", _row("b", TEXT)),
        ("rejected", {"id": "r", "reasons": ["too_short"]}),
        ("cleaned", _row("a", TEXT)),
        ("cleaned", _row("c", "Something else entirely: the import works after upgrading pip to 24.")),
    ]
    out = list(dedup_routed(routed, load(), DictCounter()))
    assert len(out) == len(routed)  # nothing lost
    assert sorted(r["id"] for t, r in out if t == "cleaned") == ["a", "c"]
    dup = next(r for t, r in out if t == "rejected" and r["id"] == "b")
    assert dup["reasons"] == ["exact_duplicate"] and json.loads(dup["detail"])["kept_id"] == "a"


def test_dedup_off_keeps_every_row() -> None:
    routed = [("cleaned", _row("b", TEXT)), ("cleaned", _row("a", TEXT))]
    out = list(dedup_routed(routed, load(overrides=["dedup.enabled=false"]), DictCounter()))
    assert [t for t, _ in out] == ["cleaned", "cleaned"]


def test_write_parquet_writes_row_groups_and_an_empty_file_per_output(tmp_path) -> None:
    import pyarrow.parquet as pq

    from .rows_example import cleaned_row

    counter = DictCounter()
    write_parquet([("cleaned", cleaned_row(i)) for i in range(5)], tmp_path, counter, batch=2)
    cleaned = pq.ParquetFile(tmp_path / "cleaned" / "part-00000-of-00001.parquet")
    assert (cleaned.metadata.num_rows, cleaned.metadata.num_row_groups) == (5, 3)
    assert pq.read_table(tmp_path / "cleaned").column("id").to_pylist() == [f"github:{i}" for i in range(5)]
    assert pq.ParquetFile(tmp_path / "rejected" / "part-00000-of-00001.parquet").metadata.num_rows == 0
    assert not (tmp_path / "pairs").exists()


def test_write_parquet_adds_no_empty_row_group_when_the_rows_fill_the_last_one(tmp_path) -> None:
    import pyarrow.parquet as pq

    from .rows_example import cleaned_row

    write_parquet([("cleaned", cleaned_row(i)) for i in range(4)], tmp_path, DictCounter(), batch=2)
    meta = pq.ParquetFile(tmp_path / "cleaned" / "part-00000-of-00001.parquet").metadata
    assert (meta.num_rows, meta.num_row_groups) == (4, 2)
