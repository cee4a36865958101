"""MinHash signatures of many texts at once, bit-identical to datasketch's.

datasketch's ``MinHash.update_batch`` hashes one value per Python call; here
the permutations of datasketch's default ``affine32`` scheme (the MurmurHash3
32-bit finalizer, then ``a * h + b mod 2^32`` with the same ``a, b`` drawn from
the same seed) are applied to a whole batch of shingle hashes as one matrix
and reduced per text with ``np.minimum.reduceat``.  A test holds the result
equal to ``datasketch.MinHash(...).update_batch(...)``, and
:meth:`MinHasher.lean` turns a row into a ``LeanMinHash`` for anything that
wants datasketch objects (serialization, ``jaccard``).

datasketch itself is imported only by :meth:`MinHasher.lean`: importing it
loads its LSH module, which imports ``scipy.integrate`` (0.5 CPU-s, half of
every worker's import time).  The permutations are drawn here exactly as
``MinHash._init_permutations`` draws them, and the tests hold the two equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cleaner.dedup.shingles import ShingleBatch

if TYPE_CHECKING:
    from datasketch import LeanMinHash

SCHEME = "affine32"
EMPTY = np.uint32(0xFFFFFFFF)
# Shingles per matrix chunk: bounds memory at CHUNK * num_perm * 4 bytes and
# keeps the matrix near cache size (measured: 4096-8192 is fastest).
CHUNK = 1 << 13


def fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


class MinHasher:
    """Holds the permutations for one (num_perm, seed): build once per worker."""

    def __init__(self, num_perm: int, seed: int) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self.a, self.b = permutations(num_perm, seed)

    def signatures(self, batch: ShingleBatch) -> np.ndarray:
        """(n_texts, num_perm) uint32; a text without shingles keeps the all-max empty signature."""
        n = len(batch.offsets) - 1
        out = np.full((n, self.num_perm), EMPTY, dtype=np.uint32)
        mixed = fmix32(batch.hashes)
        counts = np.diff(batch.offsets)
        doc = 0
        while doc < n:
            if counts[doc] == 0:
                doc += 1
                continue
            # Take whole texts until the chunk is full (at least one text).
            end = doc + 1
            while end < n and batch.offsets[end + 1] - batch.offsets[doc] <= CHUNK:
                end += 1
            lo, hi = batch.offsets[doc], batch.offsets[end]
            if hi - lo > CHUNK:  # one long text: a running minimum over slices
                acc = out[doc]
                for s in range(lo, hi, CHUNK):
                    np.minimum(acc, self._permute(mixed[s : min(s + CHUNK, hi)]).min(axis=1), out=acc)
            else:
                nonempty = np.flatnonzero(counts[doc:end]) + doc
                reduced = np.minimum.reduceat(
                    self._permute(mixed[lo:hi]), batch.offsets[nonempty] - lo, axis=1
                )
                out[nonempty] = reduced.T
            doc = end
        return out

    def _permute(self, mixed: np.ndarray) -> np.ndarray:
        """(num_perm, n) permuted hashes: permutation-major, so each row's reduction is contiguous."""
        phv = np.multiply.outer(self.a, mixed)
        phv += self.b[:, None]
        return phv

    def lean(self, signature: np.ndarray) -> LeanMinHash:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme=SCHEME)


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations``: odd ``a``, any ``b``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b
