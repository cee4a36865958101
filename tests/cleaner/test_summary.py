"""The run summary's table: the build row appears exactly when the summary names the build."""

from __future__ import annotations

from rich.console import Console

from cleaner.summary import build_summary, render


def _text(summary: dict) -> str:
    console = Console(record=True, width=120)
    console.print(render(summary))
    return console.export_text()


def test_build_row_only_when_the_summary_names_the_build() -> None:
    io = {"input_units": 1}
    outputs = {"cleaned.rows": 1, "cleaned.units": 1}
    plain = build_summary(io, outputs, 1.0)
    named = build_summary(io, outputs, 1.0, {"build": "compiled with mypyc (9 hot modules)"})
    assert "compiled with mypyc" in _text(named)
    assert "build" not in _text(plain).replace("sft-cleaner run summary", "")
    assert plain["conservation"]["ok"] and named["conservation"]["ok"]
