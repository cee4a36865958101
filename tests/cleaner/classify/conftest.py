"""A tiny model trained once per session on hand-written lines, never on real data."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cleaner.classify.data import DataSpec
from cleaner.classify.train import Params, train

HOSTILE = [
    "you are an idiot",
    "this is stupid garbage",
    "read the docs you moron",
    "what a useless pile of crap",
    "are you even a programmer",
    "shut up and fix it",
]
CIVIL = [
    "thanks for the report",
    "kill the process and restart it",
    "the build fails on windows",
    "please add a test for this",
    "I updated the docs",
    "abort the transaction when the lock fails",
]
TINY_GRID = (Params(epoch=25, lr=0.5, dim=8, wordNgrams=2, minn=0, maxn=0, bucket=2000),)


def write_tiny(path: Path, n: int = 160, seed: int = 0) -> Path:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            label = i % 2
            text = f"{rng.choice(HOSTILE if label else CIVIL)}. {rng.choice(CIVIL)}."
            f.write(json.dumps({"text": text, "label": label, "lang": "en"}) + "\n")
    return path


def train_tiny(tmp: Path, seed: int = 1) -> Path:
    data = write_tiny(tmp / "tiny.jsonl")
    out = tmp / "abuse_en.ftz"
    train([DataSpec(data)], "abuse", "en", out, seed=seed, grid=TINY_GRID, quant_cutoff=500)
    return out


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny(tmp_path_factory.mktemp("tiny_model"))
