"""Packed rows and posts unpack to equal values, and are small."""

import math

import pytest

from cleaner.packing import pack, unpack
from cleaner.readers.base import UnitRef
from cleaner.readers.stackexchange import Post

from .rows_example import cleaned_row as _row


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
    packed = pack(row)
    assert isinstance(packed, bytes)
    back = unpack(packed)
    assert back == row
    assert [type(v) for v in back.values()] == [type(v) for v in row.values()]


def test_packed_post_unpacks_to_an_equal_post():
    post = Post("7", "2", UnitRef("Posts.xml", 120), body="<p>see <code>x</code></p>", parent_id="3", attrs={"Score": "1"})
    assert unpack(pack(post)) == post


def test_packed_rows_are_smaller_than_their_text():
    row = _row(200)
    assert len(pack(row)) < len(row["turns"][0]["text"].encode("utf-8")) / 4

