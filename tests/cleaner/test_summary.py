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
