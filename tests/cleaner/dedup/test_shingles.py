import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dedup import shingles as sh
from cleaner.dedup.shingles import jaccard, shingle_batch, shingle_set

M64 = (1 << 64) - 1


def _fmix64(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & M64
    return h ^ (h >> 33)


def _reference(tokens: list[str], k: int) -> list[int]:
    """Scalar Python version of the vectorized shingle hash, token list given."""
    base = int(sh._BASE)
    tok = []
    for t in tokens:
        h = 0
        for c in t:
            h = (h * base + ord(c)) & M64
        tok.append(_fmix64(h))
    mult = [int(m) for m in sh._POSITION_MULTIPLIERS]
    windows = [tok[i : i + k] for i in range(len(tok) - k + 1)] if len(tok) >= k else [tok]
    return [_fmix64(sum(h * mult[i] for i, h in enumerate(w)) & M64) >> 32 for w in windows if w]


def test_shingle_hashes_match_a_scalar_reference():
    batch = shingle_batch(["def foo_bar(x): return x + 1 # fix", "two words"], 3, 3)
    assert batch.of(0).tolist() == _reference(["def", "foo_bar", "x", "return", "x", "1", "fix"], 3)
    assert batch.of(1).tolist() == _reference(["two", "words"], 3)


def test_chinese_is_shingled_by_characters_and_code_tokens_stay_words():
    batch = shingle_batch(["这个需求不合理 np_array 吧"], 5, 3)
    assert batch.cjk.tolist() == [True]
    assert batch.of(0).tolist() == _reference(list("这个需求不合理") + ["np_array", "吧"], 3)


def test_punctuation_and_spacing_only_separate_tokens():
    a, b = shingle_batch(["foo(bar, baz) qux quux", "foo bar baz\n\tqux ... quux"], 2, 2).hashes.reshape(
        2, -1
    )
    assert a.tolist() == b.tolist()


def test_text_without_tokens_has_no_shingles():
    batch = shingle_batch(["", "... !!! ---", "word"], 5, 5)
    assert np.diff(batch.offsets).tolist() == [0, 0, 1]


texts = st.lists(
    st.text(alphabet=st.sampled_from(list("ab c_(\n") + ["中", "文", "é", "😀", "𠀀"]), max_size=40),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_a_texts_shingles_do_not_depend_on_its_batch(batch_texts):
    together = shingle_batch(batch_texts, 3, 2)
    for i, t in enumerate(batch_texts):
        alone = shingle_batch([t], 3, 2)
        assert together.of(i).tolist() == alone.of(0).tolist()
        assert together.cjk[i] == alone.cjk[0]


def test_jaccard_of_sets():
    a, b = shingle_set(np.array([3, 1, 2, 2], np.uint32)), shingle_set(np.array([2, 3, 4], np.uint32))
    assert jaccard(a, b) == 0.5
    assert jaccard(a[:0], b[:0]) == 1.0
