"""TableBuilder cuts tables of the asked size and keeps every row."""

import pyarrow as pa

from cleaner.rows import CLEANED_SCHEMA, DEADLETTER_SCHEMA, TableBuilder

from .rows_example import cleaned_row as _row


def test_table_builder_cuts_tables_of_rows_per_table_and_keeps_every_row():
    rows = [_row(i) for i in range(7)]
    b = TableBuilder(CLEANED_SCHEMA, rows_per_table=3, chunk=2)
    tables = [t for t in (b.add(r) for r in rows) if t is not None]
    last = b.flush()
    assert last is not None
    tables.append(last)
    assert [t.num_rows for t in tables] == [3, 3, 1]
    assert all(t.schema == CLEANED_SCHEMA for t in tables)
    assert [r for t in tables for r in t.to_pylist()] == pa.Table.from_pylist(rows, schema=CLEANED_SCHEMA).to_pylist()
    assert b.flush() is None


def test_table_builder_with_no_rows_gives_no_table():
    assert TableBuilder(DEADLETTER_SCHEMA, rows_per_table=10).flush() is None


def test_rows_in_arrow_batches_make_the_same_tables_as_row_by_row():
    rows = [_row(i) for i in range(11)]
    one = TableBuilder(CLEANED_SCHEMA, rows_per_table=4, chunk=3)
    expected = [t for t in (one.add(r) for r in rows) if t is not None] + [one.flush()]
    mixed = TableBuilder(CLEANED_SCHEMA, rows_per_table=4, chunk=3)
    tables = [t for t in (mixed.add(r) for r in rows[:2]) if t is not None]  # two rows still as dicts
    for lo, hi in [(2, 3), (3, 9), (9, 9), (9, 11)]:  # a batch of one, one across two tables, an empty one
        tables += mixed.add_batch(pa.RecordBatch.from_pylist(rows[lo:hi], schema=CLEANED_SCHEMA))
    tables.append(mixed.flush())
    assert [t.num_rows for t in tables] == [t.num_rows for t in expected] == [4, 4, 3]
    assert [t.to_pylist() for t in tables] == [t.to_pylist() for t in expected]
    assert mixed.flush() is None
