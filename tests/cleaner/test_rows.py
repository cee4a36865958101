"""Packed rows round-trip exactly."""

import math

import pytest

from cleaner.rows import pack_row, unpack_row


def _row(i: int) -> dict:
    return {
        "id": f"github:{i}",
        "source": "issues.jsonl",
        "format": "github",
        "turns": [{"role": "opener", "author": None, "text": "升级之后报错 " * i, "markup": "markdown"}],
        "edits": [
            {"turn": 0, "start": 0, "end": 3, "before": "SB ", "after": "", "reason": "insult", "stage": "lexicon",
             "score": 0.1 + i / 3}
        ],
        "spans": [],
        "meta": '{"tags": ["x"]}',
        "units": 1,
    }


@pytest.mark.parametrize(
    "row",
    [
        _row(3),
        {"source_file": "a.jsonl.gz", "offset": 7, "raw": b"\xff\x00{", "raw_truncated": False, "reason": "bad_utf8",
         "error": "invalid UTF-8", "units": 1},
        {"id": "x", "score": math.inf, "nested": [[{"a": None}], []], "empty": ""},
    ],
)
def test_packed_row_unpacks_to_an_equal_row(row):
    packed = pack_row(row)
    assert isinstance(packed, bytes)
    back = unpack_row(packed)
    assert back == row
    assert [type(v) for v in back.values()] == [type(v) for v in row.values()]


def test_packed_rows_are_smaller_than_their_text():
    row = _row(200)
    assert len(pack_row(row)) < len(row["turns"][0]["text"].encode("utf-8")) / 4

