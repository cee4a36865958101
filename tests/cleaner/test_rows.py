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
