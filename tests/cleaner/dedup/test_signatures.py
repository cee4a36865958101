import numpy as np
import pytest
from datasketch import MinHash

from cleaner.dedup import signatures
from cleaner.dedup.shingles import shingle_batch
from cleaner.dedup.signatures import EMPTY, MinHasher

TEXTS = ["the quick brown fox jumps over the lazy dog", "", "这个需求不合理，别再提了", "x = foo(1)"]


def _datasketch(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=int)
    m.update_batch(hashes.tolist())
    return m.hashvalues


def test_signatures_equal_datasketch_update_batch():
    batch = shingle_batch(TEXTS, 3, 2)
    sigs = MinHasher(64, seed=5).signatures(batch)
    for i in (0, 2, 3):
        assert sigs[i].tolist() == _datasketch(batch.of(i), 64, 5).tolist()
    assert (sigs[1] == EMPTY).all()


@pytest.mark.parametrize(("num_perm", "seed"), [(160, 1), (7, 0), (64, 12345)])
def test_permutations_are_datasketchs(num_perm, seed):
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=signatures.SCHEME).permutations
    mine = signatures.permutations(num_perm, seed)
    assert mine[0].dtype == mine[1].dtype == np.uint32
    assert mine[0].tolist() == a.tolist() and mine[1].tolist() == b.tolist()


def test_long_texts_are_chunked_without_changing_the_signature(monkeypatch):
    batch = shingle_batch(TEXTS, 1, 1)
    whole = MinHasher(32, seed=1).signatures(batch)
    monkeypatch.setattr(signatures, "CHUNK", 3)
    assert (MinHasher(32, seed=1).signatures(batch) == whole).all()


def test_lean_minhash_estimates_jaccard():
    hasher = MinHasher(128, seed=1)
    sigs = hasher.signatures(shingle_batch([TEXTS[0], TEXTS[0] + " again"], 1, 1))
    a, b = hasher.lean(sigs[0]), hasher.lean(sigs[1])
    assert a.jaccard(b) == pytest.approx(9 / 10, abs=0.1)
