"""`cleaner segment FILE` prints the text with its kinds."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cleaner.segment import cli


def _run(path: Path, *extra: str) -> int:
    p = argparse.ArgumentParser()
    cli.add_arguments(p)
    return cli.run(p.parse_args([str(path), "--no-color", *extra]))


def test_prints_kinds_and_sentences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "post.md"
    f.write_text("Run `make` now.\n\n```\nrm -rf build\n```\n", encoding="utf-8")
    assert _run(f, "--sentences") == 0
    out = capsys.readouterr().out
    assert "[inline_code]`make`[/inline_code]" in out
    assert "[code_block]```\nrm -rf build\n```\n[/code_block]" in out
    assert "Run <code> now." in out


def test_markup_from_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "body.html"
    f.write_text("<p>a <code>b</code></p>", encoding="utf-8")
    assert _run(f) == 0
    assert "[inline_code]<code>b</code>[/inline_code]" in capsys.readouterr().out


def test_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path / "nope.md") == 2
    assert "cannot read" in capsys.readouterr().err
