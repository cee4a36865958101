"""Labelled examples for ``cleaner train`` / ``cleaner eval``: reading, weighting, dev carving.

Input lines are ``{"text", "label", "lang"?, "spans"?, "meta"?}``.  The dev
split is carved from the training pool by ``meta.fold10`` so that tuning
never touches anyone's test data: folds 8-9 by default; a file that lacks
them (the locked-issues set ships thread-keyed folds 0-6 only) gives its
highest fold instead, so each thread stays entirely on one side.  Rows with
no fold get one from the hash of their text, so duplicates share a side.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_DEV_FOLDS = frozenset({8, 9})


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: int
    lang: str | None
    fold: int
    source: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class DataSpec:
    """One ``--data`` argument: ``PATH`` or ``PATH:W`` or ``PATH:W_POS,W_NEG``.

    A weight is a repeat factor (2 = every row twice, 0.25 = a seeded quarter
    of the rows), per class when two are given, so a skewed set (Davidson:
    83% positive tweets) can be rebalanced without editing the file.
    """

    path: Path
    w_pos: float = 1.0
    w_neg: float = 1.0

    @classmethod
    def parse(cls, arg: str) -> DataSpec:
        path, sep, weights = arg.rpartition(":")
        if not sep or not _is_weights(weights):
            return cls(Path(arg))
        ws = [float(w) for w in weights.split(",")]
        return cls(Path(path), ws[0], ws[-1])

    def describe(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "sha256": sha256_file(self.path),
            "weight_pos": self.w_pos,
            "weight_neg": self.w_neg,
        }


def _is_weights(s: str) -> bool:
    try:
        return all(float(w) >= 0 for w in s.split(",")) and 1 <= len(s.split(",")) <= 2
    except ValueError:
        return False


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def text_fold(text: str) -> int:
    return int(hashlib.sha1(text.strip().encode("utf-8")).hexdigest(), 16) % 10


def read_examples(path: Path) -> Iterator[Example]:
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, label = row["text"], int(row["label"])
            except (ValueError, KeyError, TypeError) as e:
                raise ValueError(f"{path}:{lineno}: expected {{'text', 'label'}} JSON ({e})") from None
            meta = row.get("meta") or {}
            fold = meta.get("fold10")
            yield Example(
                text=text,
                label=1 if label else 0,
                lang=row.get("lang"),
                fold=int(fold) if fold is not None else text_fold(text),
                source=str(path),
                spans=tuple((int(s), int(e)) for s, e in row.get("spans") or ()),
            )


def dev_folds(examples: Iterable[Example]) -> frozenset[int]:
    folds = {e.fold for e in examples}
    return DEFAULT_DEV_FOLDS if folds >= DEFAULT_DEV_FOLDS else frozenset({max(folds, default=9)})


@dataclass(slots=True)
class Split:
    train: list[Example] = field(default_factory=list)  # weighted: rows repeated or sampled
    dev: list[Example] = field(default_factory=list)
    pool: list[str] = field(default_factory=list)  # every non-dev text once, unweighted (for pretraining)


def load_split(
    specs: list[DataSpec],
    lang: str,
    seed: int,
    dev_path: Path | None = None,
    dev_from: frozenset[str] | None = None,
) -> Split:
    """Training rows (weighted) and dev rows (unweighted) for one language.

    ``dev_from`` names the files (by file name) that give dev rows; the others
    train on all their rows.  Tuning on a mix would calibrate the threshold
    to whatever set is largest (Davidson's tweets), not to developer text.
    """
    split = Split()
    rng = random.Random(seed)
    for spec in specs:
        rows = [e for e in read_examples(spec.path) if (e.lang or lang) == lang]
        carve = dev_path is None and (dev_from is None or spec.path.name in dev_from)
        held = dev_folds(rows) if carve else frozenset()
        for e in rows:
            if e.fold in held:
                split.dev.append(e)
            else:
                split.pool.append(e.text)
                split.train.extend([e] * _repeats(spec.w_pos if e.label else spec.w_neg, rng))
    if dev_path is not None:
        split.dev = [e for e in read_examples(dev_path) if (e.lang or lang) == lang]
    return split


def _repeats(weight: float, rng: random.Random) -> int:
    whole = int(weight)
    return whole + (1 if rng.random() < weight - whole else 0)


def parse_key_values(cls: type, arg: str, what: str) -> dict[str, Any]:
    """``k=v,k=v`` into keyword arguments for dataclass ``cls``, each value cast to its default's type."""
    types = {f.name: type(f.default) for f in fields(cls)}
    kw: dict[str, Any] = {}
    for item in filter(None, arg.split(",")):
        key, _, value = item.partition("=")
        if key not in types:
            raise ValueError(f"unknown {what} parameter {key!r}; valid: {', '.join(types)}")
        kw[key] = types[key](value)
    return kw
