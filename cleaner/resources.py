"""Where shipped data lives: lexicons and models inside the installed package.

An installed wheel (pip, a Dataflow worker) has ``cleaner/lexicons`` and
``cleaner/models`` as package data.  A source checkout keeps lexicons at the
top level (``lexicons/``), so that layout is the fallback.  Nothing is ever
downloaded.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def lexicons_dir() -> Path:
    # Installed (wheel, Dataflow worker): package data next to this file.
    # Source checkout or editable install: the top-level lexicons/ folder.
    for p in (_PKG / "lexicons", _PKG.parent / "lexicons"):
        if (p / "categories.yaml").is_file():
            return p
    raise FileNotFoundError(
        "lexicons not found: neither the package data cleaner/lexicons nor a source checkout's "
        "lexicons/ folder exists; reinstall sft-cleaner (pip install sft-cleaner)"
    )


def models_dir() -> Path:
    return _PKG / "models"


def resolve(path: str) -> Path:
    """Resolve a config path: ``pkg:lexicons/x.tsv`` / ``pkg:models/y.ftz`` or a plain path."""
    if path.startswith("pkg:lexicons/"):
        return lexicons_dir() / path.removeprefix("pkg:lexicons/")
    if path.startswith("pkg:models/"):
        return models_dir() / path.removeprefix("pkg:models/")
    return Path(path)
