"""Per-record dedup features for a batch: exact hash, band keys, shingle set.

This is the only costly step (tokenize, hash shingles, permute), so it works
on batches to keep the numpy arrays long; what comes out for one record never
depends on which batch it was in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cleaner.dedup.banding import band_hashes, band_keys
from cleaner.dedup.settings import DedupSettings
from cleaner.dedup.shingles import ShingleBatch, shingle_batch, shingle_set
from cleaner.dedup.signatures import MinHasher
from cleaner.dedup.text import exact_hash, normalize

# Records per Featurizer call in the jobs: long enough numpy arrays, little memory.
BATCH = 256


@dataclass(frozen=True, slots=True)
class Features:
    id: str
    exact: str
    # One key per band; empty for a text without tokens (only exact dedup applies).
    band_keys: tuple[bytes, ...]
    # Sorted unique shingle hashes, only when candidates are verified.
    shingles: np.ndarray | None


@dataclass(frozen=True, slots=True)
class BandEntries:
    """A batch's band keys as arrays, one entry per (record, band): record ``rows[k]`` has key (``bands[k]``, ``digests[k]``).

    What :class:`Features` holds as bytes, for callers that group keys with
    arrays (:func:`cleaner.dedup.banding.shared_keys`).  A record without
    shingles has no entries, as it has no band keys.
    """

    rows: np.ndarray  # int64, index into the batch
    bands: np.ndarray  # uint16
    digests: np.ndarray  # uint64


class Featurizer:
    def __init__(self, settings: DedupSettings) -> None:
        self.s = settings
        self.hasher = MinHasher(settings.num_perm, settings.seed)

    def __call__(self, items: Sequence[tuple[str, str]]) -> list[Features]:
        """``items`` are (id, dedup text) pairs; texts are normalized here."""
        norm, batch, digests = self._digested(items)
        keys_of = band_keys(digests)
        out = []
        for i, (rid, _) in enumerate(items):
            has_shingles = batch.offsets[i + 1] > batch.offsets[i]
            keys = tuple(keys_of[i]) if has_shingles else ()
            shingles = shingle_set(batch.of(i)) if self.s.verify else None
            out.append(Features(rid, exact_hash(norm[i]), keys, shingles))
        return out

    def entries(self, items: Sequence[tuple[str, str]]) -> tuple[list[str], BandEntries]:
        """The batch's exact hashes (one per item) and its band keys as arrays: ``__call__`` without an object per key."""
        norm, batch, digests = self._digested(items)
        rows = np.flatnonzero(np.diff(batch.offsets) > 0)
        n_bands = digests.shape[1]
        entries = BandEntries(
            rows=np.repeat(rows, n_bands),
            bands=np.tile(np.arange(n_bands, dtype=np.uint16), len(rows)),
            digests=digests[rows].reshape(-1),
        )
        return [exact_hash(t) for t in norm], entries

    def _digested(self, items: Sequence[tuple[str, str]]) -> tuple[list[str], ShingleBatch, np.ndarray]:
        """The normalized texts, their shingles and their (n, bands) band digests: what both forms start from."""
        norm = [normalize(text) for _, text in items]
        batch = shingle_batch(norm, self.s.shingle_words, self.s.shingle_chars, self.s.cjk_share)
        return norm, batch, band_hashes(self.hasher.signatures(batch), self.s.bands, self.s.rows)
