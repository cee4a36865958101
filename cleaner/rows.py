"""Output rows and their Parquet schemas: cleaned, rejected, dead-letter.

Rows are plain dicts so they cross Beam boundaries cheaply and map one to one
onto the pyarrow schemas below; the schemas are the documented output
contract (README, "Output schema").
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from cleaner.process import Outcome
from cleaner.readers.base import DeadLetter
from cleaner.record import Record

TURN = pa.struct(
    [("role", pa.string()), ("author", pa.string()), ("text", pa.string()), ("markup", pa.string())]
)
EDIT = pa.struct(
    [
        ("turn", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("before", pa.string()),
        ("after", pa.string()),
        ("reason", pa.string()),
        ("stage", pa.string()),
        ("score", pa.float64()),
    ]
)
SPAN = pa.struct(
    [
        ("turn", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("label", pa.string()),
        ("score", pa.float64()),
        ("stage", pa.string()),
        ("detail", pa.string()),
    ]
)

_RECORD_FIELDS = [
    ("id", pa.string()),
    ("source", pa.string()),
    ("format", pa.string()),
    ("turns", pa.list_(TURN)),
    ("edits", pa.list_(EDIT)),
    ("spans", pa.list_(SPAN)),
    ("meta", pa.string()),
    ("units", pa.int64()),
]

CLEANED_SCHEMA = pa.schema(_RECORD_FIELDS)
REJECTED_SCHEMA = pa.schema([*_RECORD_FIELDS, ("reasons", pa.list_(pa.string())), ("detail", pa.string())])
PAIRS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("record_id", pa.string()),
        ("turn", pa.int32()),
        ("context", pa.list_(pa.struct([("role", pa.string()), ("text", pa.string())]))),
        ("rejected", pa.string()),
        ("chosen", pa.string()),
        ("reasons", pa.list_(pa.string())),
        ("escalation_depth", pa.int32()),
    ]
)
DEADLETTER_SCHEMA = pa.schema(
    [
        ("source_file", pa.string()),
        ("offset", pa.int64()),
        ("raw", pa.binary()),
        ("raw_truncated", pa.bool_()),
        ("reason", pa.string()),
        ("error", pa.string()),
        ("units", pa.int64()),
    ]
)


def _record_row(record: Record, turns: list[dict[str, Any]], outcome: Outcome | None) -> dict[str, Any]:
    meta = dict(record.meta)
    if outcome is not None and outcome.tags:
        meta["tags"] = outcome.tags
    return {
        "id": record.id,
        "source": record.source,
        "format": record.format,
        "turns": turns,
        "edits": [e.to_dict() for e in outcome.edits] if outcome else [],
        "spans": [_span_row(s) for s in outcome.spans] if outcome else [],
        "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
        "units": record.units,
    }


def _span_row(s: Any) -> dict[str, Any]:
    d = s.to_dict()
    d["detail"] = json.dumps(d["detail"], ensure_ascii=False, sort_keys=True, default=str)
    return d


def cleaned_row(o: Outcome) -> dict[str, Any]:
    return _record_row(o.record, [t.to_dict() for t in o.turns], o)


def rejected_row(o: Outcome, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ORIGINAL record (its turns as read) with the reasons it was rejected."""
    row = _record_row(o.record, [t.to_dict() for t in o.record.turns], o)
    row["reasons"] = list(o.reasons)
    row["detail"] = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    return row


def rejected_record_row(record: Record, reasons: list[str], detail: dict[str, Any] | None = None) -> dict[str, Any]:
    row = _record_row(record, [t.to_dict() for t in record.turns], None)
    row["reasons"] = list(reasons)
    row["detail"] = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    return row


def duplicate_row(row: dict[str, Any], reason: str, kept_id: str) -> dict[str, Any]:
    """A cleaned row found to duplicate another: rejected with the kept record's id.

    Its turns are the cleaned ones; the edit trail reverts them to the original.
    """
    out = dict(row)
    out["reasons"] = [reason]
    out["detail"] = json.dumps({"kept_id": kept_id}, ensure_ascii=False, sort_keys=True)
    return out


def deadletter_row(d: DeadLetter) -> dict[str, Any]:
    return d.to_dict()


class TableBuilder:
    """Rows in, pyarrow Tables of ``rows_per_table`` rows out (one Parquet row group each).

    Rows are converted to Arrow every ``chunk`` rows, so at most ``chunk`` row
    dicts are held at a time (a row dict costs several times its Arrow form);
    the rest of a table waits as Arrow record batches.
    """

    def __init__(self, schema: pa.Schema, rows_per_table: int, chunk: int = 1000) -> None:
        self.schema = schema
        self.rows_per_table = max(1, rows_per_table)
        self.chunk = max(1, min(chunk, self.rows_per_table))
        self._rows: list[dict[str, Any]] = []
        self._batches: list[pa.RecordBatch] = []
        self._n = 0

    def add(self, row: dict[str, Any]) -> pa.Table | None:
        """Take one row; returns a full table when this row completes one."""
        self._rows.append(row)
        self._n += 1
        if len(self._rows) >= self.chunk or self._n >= self.rows_per_table:
            self._convert()
        return self._take() if self._n >= self.rows_per_table else None

    def add_batch(self, batch: pa.RecordBatch) -> list[pa.Table]:
        """Take rows already in Arrow form (this schema); returns the tables they complete.

        The tables are cut where ``add`` would cut them, so a row group holds
        ``rows_per_table`` rows whichever way its rows came in.
        """
        self._convert()  # rows added before this batch come first
        full: list[pa.Table] = []
        while batch.num_rows:
            take = min(batch.num_rows, self.rows_per_table - self._n)
            self._batches.append(batch.slice(0, take))
            self._n += take
            batch = batch.slice(take)
            if self._n >= self.rows_per_table:
                full.append(self._take())
        return full

    def flush(self) -> pa.Table | None:
        """The last, partial table (None when no row is waiting)."""
        self._convert()
        return self._take() if self._n else None

    def _convert(self) -> None:
        if self._rows:
            self._batches.append(pa.RecordBatch.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def _take(self) -> pa.Table:
        table = pa.Table.from_batches(self._batches, schema=self.schema)
        self._batches, self._n = [], 0
        return table


SCHEMAS = {"cleaned": CLEANED_SCHEMA, "rejected": REJECTED_SCHEMA, "deadletter": DEADLETTER_SCHEMA, "pairs": PAIRS_SCHEMA}
