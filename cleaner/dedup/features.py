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
from cleaner.dedup.shingles import shingle_batch, shingle_set
from cleaner.dedup.signatures import MinHasher
from cleaner.dedup.text import exact_hash, normalize


@dataclass(frozen=True, slots=True)
class Features:
    id: str
    exact: str
    # One key per band; empty for a text without tokens (only exact dedup applies).
    band_keys: tuple[bytes, ...]
    # Sorted unique shingle hashes, only when candidates are verified.
    shingles: np.ndarray | None


class Featurizer:
    def __init__(self, settings: DedupSettings) -> None:
        self.s = settings
        self.hasher = MinHasher(settings.num_perm, settings.seed)

    def __call__(self, items: Sequence[tuple[str, str]]) -> list[Features]:
        """``items`` are (id, dedup text) pairs; texts are normalized here."""
        norm = [normalize(text) for _, text in items]
        batch = shingle_batch(norm, self.s.shingle_words, self.s.shingle_chars, self.s.cjk_share)
        keys_of = band_keys(band_hashes(self.hasher.signatures(batch), self.s.bands, self.s.rows))
        out = []
        for i, (rid, _) in enumerate(items):
            has_shingles = batch.offsets[i + 1] > batch.offsets[i]
            keys = tuple(keys_of[i]) if has_shingles else ()
            shingles = shingle_set(batch.of(i)) if self.s.verify else None
            out.append(Features(rid, exact_hash(norm[i]), keys, shingles))
        return out
