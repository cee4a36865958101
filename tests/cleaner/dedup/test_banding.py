import numpy as np
import pytest

from cleaner.dedup.banding import band_hashes, band_key, band_keys, catch_probability, threshold


def test_bands_agree_exactly_where_the_signature_rows_agree():
    sig = np.arange(24, dtype=np.uint32).reshape(1, 24)
    other = sig.copy()
    other[0, 9] += 1  # row 1 of band 1 (rows=8)
    a, b = band_hashes(sig, 3, 8), band_hashes(other, 3, 8)
    assert (a[0] == b[0]).tolist() == [True, False, True]


def test_equal_rows_in_different_bands_give_different_keys():
    sig = np.zeros((1, 16), dtype=np.uint32)
    h = band_hashes(sig, 2, 8)[0]
    assert h[0] != h[1]
    assert len(band_key(1, int(h[1]))) == 10


def test_s_curve():
    assert catch_probability(1.0, 20, 8) == 1.0
    assert catch_probability(0.8, 20, 8) == pytest.approx(0.975, abs=0.001)
    assert catch_probability(0.5, 20, 8) == pytest.approx(0.075, abs=0.001)
    assert threshold(20, 8) == pytest.approx(0.688, abs=0.001)


def test_vectorized_keys_equal_the_scalar_key():
    digests = band_hashes(np.arange(48, dtype=np.uint32).reshape(2, 24), 3, 8)
    assert band_keys(digests) == [[band_key(b, int(d)) for b, d in enumerate(row)] for row in digests]


def test_shared_keys_groups_exactly_the_entries_a_dict_of_keys_would():
    from collections import defaultdict

    from cleaner.dedup.banding import shared_keys

    rng = np.random.default_rng(3)
    for n in (0, 1, 2, 50, 2000):
        # few distinct values, so keys collide, and equal digests in different bands must not
        bands = rng.integers(0, 3, n).astype(np.uint16)
        digests = rng.integers(0, 40, n).astype(np.uint64) * np.uint64(1 << 60 | 12345)
        by_key = defaultdict(list)
        for k in range(n):
            by_key[band_key(int(bands[k]), int(digests[k]))].append(k)
        expected = sorted(ks for ks in by_key.values() if len(ks) > 1)
        groups = [g.tolist() for g in shared_keys(bands, digests)]
        assert all(g == sorted(g) for g in groups)  # entry order within a group
        assert sorted(groups) == expected
