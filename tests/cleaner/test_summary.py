"""The run summary's table: its title names the build exactly when the summary does."""

from __future__ import annotations

from rich.console import Console

from cleaner.summary import build_summary, render


def _text(summary: dict) -> str:
    console = Console(record=True, width=120)
    console.print(render(summary))
    return console.export_text()


def _words(summary: dict) -> str:
    return " ".join(_text(summary).split())


def test_title_names_the_build_only_when_the_summary_does() -> None:
    io = {"input_units": 1}
    outputs = {"cleaned.rows": 1, "cleaned.units": 1}
    plain = build_summary(io, outputs, 1.0)
    named = build_summary(io, outputs, 1.0, {"build": "compiled with mypyc (9 hot modules)"})
    # rich pads the title and may wrap it: compare words
    assert "sft-cleaner run summary (compiled with mypyc (9 hot modules)) ┏" in _words(named)
    assert "sft-cleaner run summary ┏" in _words(plain)
    assert plain["conservation"]["ok"] and named["conservation"]["ok"]


def test_a_batch_counts_as_its_rows_do() -> None:
    import pyarrow as pa

    from cleaner.counters import DictCounter
    from cleaner.rows import CLEANED_SCHEMA, REJECTED_SCHEMA
    from cleaner.summary import count_output_batch, count_output_row

    from .rows_example import cleaned_row

    cleaned = [cleaned_row(i) for i in range(5)]
    cleaned[1]["edits"] = []
    cleaned[2]["units"] = 7
    rejected = [{**cleaned_row(i), "reasons": r, "detail": None} for i, r in enumerate(
        [["insult", "near_duplicate"], ["insult"], [], None])]
    for output, schema, rows in [("cleaned", CLEANED_SCHEMA, cleaned), ("rejected", REJECTED_SCHEMA, rejected)]:
        by_row, by_batch = DictCounter(), DictCounter()
        for row in rows:
            count_output_row(by_row, output, row)
        count_output_batch(by_batch, output, pa.RecordBatch.from_pylist(rows, schema=schema))
        count_output_batch(by_batch, output, pa.RecordBatch.from_pylist([], schema=schema))
        assert by_batch.as_dict() == by_row.as_dict()
    assert by_row.as_dict()["rejected/insult"] == 2
