"""LSH banding: one key per band, and the S-curve those keys imply.

Two texts share a band key when their signatures agree on all ``rows`` values
of that band, which happens with probability ``s ** rows`` for Jaccard
similarity ``s``; being caught in at least one of ``bands`` bands is then
``1 - (1 - s ** rows) ** bands``.  The keys are what the Beam job groups by,
so no worker ever holds an index of the whole corpus.
"""

from __future__ import annotations

import struct

import numpy as np

from cleaner.dedup.shingles import fmix64

_ROW_MULTIPLIERS = np.random.RandomState(0xBA7D).randint(0, 1 << 62, 256, dtype=np.uint64) * np.uint64(
    2
) + np.uint64(1)


def band_hashes(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n_texts, bands) uint64: a 64-bit digest of each band's ``rows`` values."""
    if rows > len(_ROW_MULTIPLIERS):
        raise ValueError(f"rows must be <= {len(_ROW_MULTIPLIERS)}")
    sig = signatures[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    mixed = (sig * _ROW_MULTIPLIERS[:rows]).sum(axis=2, dtype=np.uint64)
    return fmix64(mixed + np.arange(bands, dtype=np.uint64))


_KEY = np.dtype([("band", ">u2"), ("digest", ">u8")])
KEY_SIZE = _KEY.itemsize


def band_key(band: int, digest: int) -> bytes:
    """The shuffle key: band index and digest, 10 bytes."""
    return struct.pack(">HQ", band, digest)


def band_keys(digests: np.ndarray) -> list[list[bytes]]:
    """:func:`band_key` for a whole (n_texts, bands) digest array at once."""
    n, bands = digests.shape
    rec = np.empty((n, bands), dtype=_KEY)
    rec["band"] = np.arange(bands)
    rec["digest"] = digests
    buf = rec.tobytes()
    row = bands * KEY_SIZE
    return [[buf[o : o + KEY_SIZE] for o in range(i * row, (i + 1) * row, KEY_SIZE)] for i in range(n)]


def shared_keys(bands: np.ndarray, digests: np.ndarray) -> list[np.ndarray]:
    """Entries that share a band key: for each key held by two or more entries, their indices.

    Entry ``k`` has the key (``bands[k]``, ``digests[k]``), the same pair
    :func:`band_key` packs.  Nearly every key belongs to one record only, so
    finding the shared ones by sorting the keys as arrays spares a Python
    object and a dict entry per key.  Groups come in key order, each in
    entry order.
    """
    if len(digests) < 2:
        return []
    order = np.lexsort((digests, bands))
    b, d = bands[order], digests[order]
    starts = np.flatnonzero(np.concatenate(([True], (b[1:] != b[:-1]) | (d[1:] != d[:-1]))))
    ends = np.append(starts[1:], len(order))
    shared = (ends - starts) > 1
    return [order[lo:hi] for lo, hi in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True)]


def catch_probability(similarity: float, bands: int, rows: int) -> float:
    return 1.0 - (1.0 - similarity**rows) ** bands


def threshold(bands: int, rows: int) -> float:
    """The similarity where the S-curve is steepest, about ``(1 / bands) ** (1 / rows)``."""
    return (1.0 / bands) ** (1.0 / rows)
