"""Small fastText models trained in the test session, saved in each on-disk form the reader covers."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

WORDS = [
    "idiot",
    "stupid",
    "thanks",
    "build",
    "fails",
    "docs",
    "read",
    "fix",
    "please",
    "you",
    "the",
    "是",
    "傻",
    "逼",
]


def write_training_file(path: Path, n: int = 300, seed: int = 0) -> Path:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            words = rng.choices(WORDS, k=rng.randint(1, 8))
            f.write(f"__label__{i % 2} {' '.join(words)}\n")
    return path


def train(tmp: Path, name: str = "model", **params: Any) -> tuple[Any, Path]:
    """A model and its training file; ``params`` go to ``train_supervised``."""
    import fasttext

    data = write_training_file(tmp / f"{name}.train.txt")
    args = {
        "dim": 8,
        "wordNgrams": 3,
        "bucket": 1000,
        "epoch": 5,
        "minCount": 1,
        "thread": 1,
        "seed": 1,
        "verbose": 0,
    }
    return fasttext.train_supervised(str(data), **{**args, **params}), data


def saved(tmp: Path, name: str, quantize: dict[str, Any] | None = None, **params: Any) -> Path:
    """A model written to ``tmp/name``: plain, or quantized with ``quantize``'s arguments."""
    ft, data = train(tmp, name, **params)
    if quantize is not None:
        ft.quantize(input=str(data), thread=1, verbose=0, **quantize)
    path = tmp / name
    ft.save_model(str(path))
    return path
