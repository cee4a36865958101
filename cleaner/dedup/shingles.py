"""Shingle hashes for a batch of normalized texts, computed in numpy.

Hashing shingles one Python string at a time is what makes MinHash slow (about
0.3 MB/s in datatrove with its word tokenizer), so a whole batch is encoded to
one array of code points and everything after that is array arithmetic:

- a *token* is a run of letters/digits/underscore, or one CJK character;
  punctuation and whitespace only separate tokens, so code and prose are
  both shingled, and ``foo(bar)`` and ``foo( bar )`` agree;
- a token's hash is a polynomial hash of its code points, taken from one
  prefix sum over the batch (``sum c_j * B^-j``), hence position-independent
  and identical whether a text is hashed alone or in any batch;
- a shingle is ``k`` consecutive tokens of one text (``k = shingle_words`` for
  mostly-Latin text, ``shingle_chars`` for mostly-CJK text, where a token is a
  character), hashed by an order-sensitive mix of its token hashes.  A text
  with fewer than ``k`` tokens gets one shingle of all of them.

All arithmetic is modulo 2^64 (numpy's wrapping uint64), finished with the
MurmurHash3 64-bit finalizer, and the high 32 bits are the shingle hash fed to
the MinHash permutations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

SEPARATOR, WORD, CJK = 0, 1, 2

# Fixed constants: changing any of them changes every signature (bump the
# dedup version if you do).
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd, so invertible mod 2^64
_BASE_INV = np.uint64(pow(int(_BASE), -1, 1 << 64))
_MAX_K = 64
_POSITION_MULTIPLIERS = np.random.RandomState(0x5EED).randint(
    0, 1 << 62, _MAX_K, dtype=np.uint64
) * np.uint64(2) + np.uint64(1)

_CJK_RANGES = (
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # extensions B and later
)


@cache
def _bmp_classes() -> np.ndarray:
    """Class of every BMP code point; astral ones are classed on the fly."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for c in range(0x10000):
        ch = chr(c)
        if ch.isalnum() or ch == "_":
            table[c] = WORD
    for lo, hi in _CJK_RANGES:
        if lo < 0x10000:
            table[lo : hi + 1] = CJK
    return table


def classify(cps: np.ndarray) -> np.ndarray:
    cls = _bmp_classes()[np.minimum(cps, 0xFFFF)]
    astral = cps > 0xFFFF
    if astral.any():
        # Emoji and other astral symbols join words; CJK extensions are CJK.
        cls[astral] = np.where((cps[astral] >= 0x20000) & (cps[astral] <= 0x3FFFF), CJK, WORD)
    return cls


class _Powers:
    """Growable tables of B^i and B^-i mod 2^64."""

    def __init__(self) -> None:
        self.pow = np.ones(1, dtype=np.uint64)
        self.inv = np.ones(1, dtype=np.uint64)

    def ensure(self, n: int) -> None:
        if len(self.pow) >= n:
            return
        size = max(n, 2 * len(self.pow))
        self.pow = _power_table(_BASE, size)
        self.inv = _power_table(_BASE_INV, size)


def _power_table(base: np.uint64, size: int) -> np.ndarray:
    steps = np.full(size, base, dtype=np.uint64)
    steps[0] = 1
    return np.cumprod(steps, dtype=np.uint64)


_POWERS = _Powers()


def fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


@dataclass(frozen=True, slots=True)
class ShingleBatch:
    """Shingle hashes of a batch: ``hashes[offsets[i]:offsets[i+1]]`` belong to text i.

    ``cjk`` says which texts were shingled by characters.
    """

    hashes: np.ndarray  # uint32
    offsets: np.ndarray  # int64, len(texts) + 1
    cjk: np.ndarray  # bool, len(texts)

    def of(self, i: int) -> np.ndarray:
        return self.hashes[self.offsets[i] : self.offsets[i + 1]]


def shingle_batch(
    texts: Sequence[str], shingle_words: int, shingle_chars: int, cjk_share: float = 0.5
) -> ShingleBatch:
    """Shingle hashes of normalized texts (see :func:`cleaner.dedup.text.normalize`)."""
    if not 1 <= shingle_words <= _MAX_K or not 1 <= shingle_chars <= _MAX_K:
        raise ValueError(f"shingle sizes must be in [1, {_MAX_K}]")
    n_docs = len(texts)
    if n_docs == 0:
        return ShingleBatch(np.zeros(0, np.uint32), np.zeros(1, np.int64), np.zeros(0, bool))
    # One separator between texts so no token spans two of them.
    cps = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    char_starts = np.zeros(n_docs, dtype=np.int64)
    np.cumsum([len(t) + 1 for t in texts[:-1]], out=char_starts[1:])

    cls = classify(cps)
    prev = np.concatenate([[SEPARATOR], cls[:-1]])
    nxt = np.concatenate([cls[1:], [SEPARATOR]])
    is_tok = cls != SEPARATOR
    starts = np.flatnonzero(is_tok & ((cls == CJK) | (prev != cls)))
    ends = np.flatnonzero(is_tok & ((cls == CJK) | (nxt != cls))) + 1

    # Position-independent polynomial hash of each token from one prefix sum.
    n = len(cps)
    _POWERS.ensure(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(cps * _POWERS.inv[:n], out=prefix[1:])
    tok = fmix64((prefix[ends] - prefix[starts]) * _POWERS.pow[ends - 1])

    tok_doc = np.searchsorted(char_starts, starts, side="right") - 1
    tok_count = np.bincount(tok_doc, minlength=n_docs)
    tok_offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(tok_count, out=tok_offsets[1:])
    cjk_count = np.bincount(tok_doc, weights=(cls[starts] == CJK), minlength=n_docs)
    is_cjk = (tok_count > 0) & (cjk_count >= cjk_share * np.maximum(tok_count, 1))
    k_of_doc = np.where(is_cjk, shingle_chars, shingle_words)

    docs_out: list[np.ndarray] = []
    hashes_out: list[np.ndarray] = []
    for k in np.unique(k_of_doc):
        k = int(k)
        m = len(tok) - k + 1
        if m <= 0:
            continue
        mixed = np.zeros(m, dtype=np.uint64)
        for i in range(k):
            mixed += tok[i : i + m] * _POSITION_MULTIPLIERS[i]
        win_doc = tok_doc[:m]
        valid = (win_doc == tok_doc[k - 1 :]) & (k_of_doc[win_doc] == k)
        docs_out.append(win_doc[valid])
        hashes_out.append(mixed[valid])
    # Texts shorter than their shingle size: one shingle of all their tokens.
    for d in np.flatnonzero((tok_count > 0) & (tok_count < k_of_doc)):
        lo, hi = tok_offsets[d], tok_offsets[d + 1]
        docs_out.append(np.array([d], dtype=np.int64))
        hashes_out.append(np.array([np.sum(tok[lo:hi] * _POSITION_MULTIPLIERS[: hi - lo])], dtype=np.uint64))

    if hashes_out:
        docs = np.concatenate(docs_out)
        order = np.argsort(docs, kind="stable")
        hashes = (fmix64(np.concatenate(hashes_out)[order]) >> np.uint64(32)).astype(np.uint32)
        counts = np.bincount(docs, minlength=n_docs)
    else:
        hashes = np.zeros(0, np.uint32)
        counts = np.zeros(n_docs, np.int64)
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return ShingleBatch(hashes, offsets, is_cjk)


def shingle_set(hashes: np.ndarray) -> np.ndarray:
    """Sorted unique shingle hashes: the set an exact Jaccard check compares."""
    return np.unique(hashes)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted-unique hash arrays (32-bit collisions aside)."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)
