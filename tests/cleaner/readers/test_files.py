"""Whole files: every unit is either parsed or dead-lettered, whatever the damage."""

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq

from cleaner import reasons
from cleaner.readers import DeadLetter, iter_units, sniff_format

from .helpers import read_all

CHAT = {"id": "c1", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}


def _write_lines(path, lines):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_bad_lines_become_dead_letters_with_reasons(tmp_path):
    good = json.dumps(CHAT).encode()
    p = _write_lines(
        tmp_path / "mixed.jsonl",
        [good, b"{not json", b"", b"[1, 2]", b'{"id": "x", "messages": "nope"}', b'{"id": "\xff\xfe"}', good],
    )
    recs, bad = read_all(p, "chat")
    assert [r.id for r in recs] == ["c1", "c1"]
    assert [(d.offset, d.reason) for d in bad] == [
        (2, reasons.BAD_JSON),
        (4, reasons.NOT_AN_OBJECT),
        (5, reasons.WRONG_TYPE),
        (6, reasons.BAD_UTF8),
    ]
    assert bad[3].raw == b'{"id": "\xff\xfe"}'  # raw bytes kept exactly, even when not UTF-8
    assert all(d.source_file == str(p) and d.error for d in bad)


def test_truncated_gzip_keeps_what_was_read_and_says_where_it_broke(tmp_path):
    lines = [json.dumps({**CHAT, "id": f"c{i}"}).encode() for i in range(2000)]
    blob = gzip.compress(b"\n".join(lines) + b"\n")
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(blob[: len(blob) // 2])
    recs, bad = read_all(p, "chat")
    assert 0 < len(recs) < 2000
    assert [r.id for r in recs] == [f"c{i}" for i in range(len(recs))]
    (dl,) = bad
    assert dl.reason == reasons.TRUNCATED_FILE and "after line" in dl.error
    # the broken tail costs exactly one unit, so conservation still holds
    assert dl.units == 1


def test_whole_gzip_reads_every_line(tmp_path):
    p = tmp_path / "ok.jsonl.gz"
    p.write_bytes(gzip.compress(json.dumps(CHAT).encode() + b"\n"))
    recs, bad = read_all(p)
    assert len(recs) == 1 and bad == []


def test_not_gzip_at_all_is_unreadable(tmp_path):
    p = tmp_path / "fake.jsonl.gz"
    p.write_bytes(b"this is not gzip\n")
    (dl,) = list(iter_units(str(p)))
    assert isinstance(dl, DeadLetter) and dl.reason == reasons.UNREADABLE_FILE


def test_empty_file_has_no_units(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_bytes(b"")
    assert list(iter_units(str(p))) == []
    assert sniff_format(str(p)) is None


def test_five_megabyte_record_parses_and_oversized_one_is_dead_lettered(tmp_path):
    big = {"id": "big", "messages": [{"role": "user", "content": "x" * (5 << 20)}]}
    p = _write_lines(tmp_path / "big.jsonl", [json.dumps(big).encode()])
    (rec,), bad = read_all(p, "chat")
    assert bad == [] and len(rec.turns[0].text) == 5 << 20
    recs, (dl,) = read_all(p, "chat", max_bytes=1 << 20)
    assert recs == [] and dl.reason == reasons.RECORD_TOO_LARGE
    assert dl.raw_truncated and len(dl.raw) == 65536


def test_parquet_rows_are_units(tmp_path):
    rows = [CHAT, {"id": "c2", "messages": None}]
    p = tmp_path / "chat.parquet"
    pq.write_table(pa.Table.from_pylist(rows), p)
    recs, bad = read_all(p)
    assert [r.id for r in recs] == ["c1"]
    assert [(d.offset, d.reason) for d in bad] == [(2, reasons.MISSING_FIELD)]


def test_corrupt_parquet_is_unreadable(tmp_path):
    p = tmp_path / "bad.parquet"
    p.write_bytes(b"PAR1 garbage")
    (dl,) = list(iter_units(str(p)))
    assert dl.reason == reasons.UNREADABLE_FILE


def test_format_detection(fixtures, tmp_path):
    d = fixtures / "readers"
    assert sniff_format(str(d / "github.jsonl")) == "github"
    assert sniff_format(str(d / "Posts.xml")) == "stackexchange"
    assert sniff_format(str(d / "forum.jsonl")) == "forum"
    assert sniff_format(str(d / "chat.jsonl")) == "chat"
    p = _write_lines(tmp_path / "odd.jsonl", [b'{"foo": 1}'])
    assert sniff_format(str(p)) is None
    recs, (dl,) = read_all(p, "unknown")
    assert dl.reason == reasons.UNKNOWN_FORMAT and "--format" in dl.error
