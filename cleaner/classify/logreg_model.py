"""A logistic regression over hashed TF-IDF word uni- and bigrams, predicted a batch at a time.

Why a second model kind next to fastText: on the locked-issues threads the
question is not the best F1 but the F1 at a threshold that leaves calm
developer prose alone.  Across the seven thread-keyed folds, with the same
preprocessed lines, this convex model reached a calm-safe F1 of 0.464
against 0.320 for fastText on the same mix (``benchmarks/cv_abuse_en.py``;
README, "A second model kind").  fastText's few SGD epochs over a 16-dim
bottleneck fit the weak in-domain signal differently on every seed; a
full-rank L2 fit does not.

Features are what :class:`TokenTable` already has for fastText: each token's
FNV-1a hash, and a bigram hashed from its two tokens' hashes the way
fastText hashes word n-grams, all reduced modulo ``buckets``.  A line's
vector is sublinear TF (1 + log count) times IDF, L2-normalized; the
probability is ``sigmoid(w . x + b)``.  Training (``cleaner train --algo
logreg``) builds its matrix with :func:`features`, the same function the
stage predicts with, so there is no second featurizer to drift.

The file is a NumPy ``.npz`` (no pickle): the kept bucket ids, their IDF and
weight, the bias and the bucket count.  Buckets seen in fewer than
``min_df`` training lines are not kept, so they weigh nothing in a line's
norm either, as in scikit-learn's ``TfidfVectorizer``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from cleaner.classify.linear_model import NGRAM_MUL, TokenTable

FORMAT = "logreg-hashed-tfidf"
DEFAULT_BUCKETS = 1 << 20


@dataclass(frozen=True, slots=True)
class Features:
    """A batch of lines as a sparse (lines x buckets) TF matrix, before IDF and norm."""

    line: np.ndarray  # int64, the line of each (line, bucket) entry, sorted
    bucket: np.ndarray  # int64
    count: np.ndarray  # float64, occurrences of the bucket in the line
    n_lines: int


def features(table: TokenTable, lines: Sequence[str], buckets: int) -> Features:
    """Unigram and bigram buckets of each line, with their counts.

    Bigrams never cross a line: the table ends every line with its
    end-of-line word, which itself is no feature.
    """
    n = len(lines)
    if not n:
        empty = np.zeros(0, dtype=np.int64)
        return Features(empty, empty, np.zeros(0), 0)
    ids = table.ids(lines)
    end = ids == table.eos
    line = np.cumsum(end) - end
    hashes = table.hashes[ids]
    mod = np.uint64(buckets)
    uni = (hashes % mod).astype(np.int64)
    pair = (hashes[:-1] * NGRAM_MUL + hashes[1:]) % mod
    inside = ~end[:-1] & ~end[1:]
    keys = np.concatenate(
        [
            line[~end] * buckets + uni[~end],
            line[:-1][inside] * buckets + pair[inside].astype(np.int64),
        ]
    )
    uniq, counts = np.unique(keys, return_counts=True)
    return Features(uniq // buckets, uniq % buckets, counts.astype(np.float64), n)


class LogRegModel:
    """P(positive) per preprocessed line; ``probability`` mirrors :class:`LinearModel`'s."""

    def __init__(
        self,
        keys: np.ndarray,
        idf: np.ndarray,
        coef: np.ndarray,
        bias: float,
        buckets: int,
        labels: Sequence[str] = ("__label__0", "__label__1"),
        table: TokenTable | None = None,
    ) -> None:
        if not (len(keys) == len(idf) == len(coef)):
            raise ValueError("keys, idf and coef must have the same length")
        if len(keys) and (keys.min() < 0 or keys.max() >= buckets):
            raise ValueError(f"bucket ids must lie in [0, {buckets})")
        self.buckets = int(buckets)
        self.keys = keys.astype(np.int64)
        self.bias = float(bias)
        self.labels = list(labels)
        self.table = table if table is not None else TokenTable()
        # Dense per-bucket tables: a gather per feature instead of a search.
        self.idf = np.zeros(self.buckets, dtype=np.float32)
        self.coef = np.zeros(self.buckets, dtype=np.float32)
        self.idf[self.keys] = idf
        self.coef[self.keys] = coef

    @classmethod
    def load(cls, path: str | Path, table: TokenTable | None = None) -> LogRegModel:
        with np.load(path, allow_pickle=False) as z:
            missing = {"keys", "idf", "coef", "bias", "buckets"} - set(z.files)
            if missing:
                raise ValueError(f"{path}: not a {FORMAT} model (missing {', '.join(sorted(missing))})")
            return cls(z["keys"], z["idf"], z["coef"], float(z["bias"]), int(z["buckets"]), table=table)

    def save(self, path: str | Path) -> None:
        with open(path, "wb") as f:  # np.savez_compressed would append ".npz" to a path without it
            np.savez_compressed(
                f,
                keys=self.keys.astype(np.int32),
                idf=self.idf[self.keys],
                coef=self.coef[self.keys],
                bias=np.float64(self.bias),
                buckets=np.int64(self.buckets),
            )

    def probability(self, lines: Sequence[str], label: str) -> np.ndarray:
        if label not in self.labels:
            return np.zeros(len(lines), dtype=np.float32)
        if not lines:
            return np.zeros(0, dtype=np.float32)
        f = features(self.table, lines, self.buckets)
        value, norm = _weights(f, self.idf)
        dot = np.bincount(f.line, weights=value * self.coef[f.bucket], minlength=f.n_lines)
        z = self.bias + dot / norm
        p = 1.0 / (1.0 + np.exp(-z))
        return (p if label == self.labels[1] else 1.0 - p).astype(np.float32)


def _weights(f: Features, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each entry's TF-IDF value and each line's L2 norm (1 for a line with no kept bucket)."""
    value = (1.0 + np.log(f.count)) * idf[f.bucket]
    norm = np.sqrt(np.bincount(f.line, weights=value * value, minlength=f.n_lines))
    norm[norm == 0] = 1.0
    return value, norm


def tfidf_matrix(f: Features, idf: np.ndarray) -> csr_matrix:
    """Lines x buckets; buckets with no IDF (not kept) are left out, not stored as zeros."""
    value, norm = _weights(f, idf)
    kept = value != 0
    line = f.line[kept]
    indptr = np.zeros(f.n_lines + 1, dtype=np.int64)
    np.cumsum(np.bincount(line, minlength=f.n_lines), out=indptr[1:])
    return csr_matrix((value[kept] / norm[line], f.bucket[kept], indptr), shape=(f.n_lines, len(idf)))


def document_frequency(f: Features, buckets: int) -> np.ndarray:
    """Lines each bucket occurs in (``features`` lists a bucket once per line)."""
    return np.bincount(f.bucket, minlength=buckets)


def smooth_idf(df: np.ndarray, n_lines: int, min_df: int) -> np.ndarray:
    """scikit-learn's smoothed IDF, ln((1 + n) / (1 + df)) + 1; 0 for a bucket under ``min_df``."""
    idf = np.log((1.0 + n_lines) / (1.0 + df)) + 1.0
    idf[df < min_df] = 0.0
    return idf.astype(np.float32)
