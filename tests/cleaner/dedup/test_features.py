"""The array form of a batch's band keys says what the per-record features say."""

from cleaner.dedup import DedupSettings
from cleaner.dedup.banding import band_key
from cleaner.dedup.features import Featurizer
from cleaner.dedup.synthetic import generate


def test_entries_equal_the_features_key_for_key():
    items = [*generate(n_pairs=5, n_singletons=3, seed=2).docs, ("empty", " \n"), ("zh", "完全不同的内容，和上面无关。")]
    featurize = Featurizer(DedupSettings())
    features = featurize(items)
    hashes, e = featurize.entries(items)
    assert hashes == [f.exact for f in features]
    by_row: dict[int, list[bytes]] = {}
    for row, band, digest in zip(e.rows.tolist(), e.bands.tolist(), e.digests.tolist(), strict=True):
        by_row.setdefault(row, []).append(band_key(band, digest))
    assert [by_row.get(i, []) for i in range(len(items))] == [list(f.band_keys) for f in features]
    assert features[-2].band_keys == () and len(features[-1].band_keys) == 20  # no shingles, no entries
