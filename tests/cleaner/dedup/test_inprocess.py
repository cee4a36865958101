from functools import cache

from cleaner import reasons
from cleaner.counters import DictCounter
from cleaner.dedup import Decision, DedupSettings, dedup
from cleaner.dedup.synthetic import generate

PROSE = "Have you read the manual before asking? The install step is described in section two of the guide"


def test_exact_copies_keep_the_smallest_id_and_count_the_reason():
    counter = DictCounter()
    items = [("b", PROSE), ("a", "  " + PROSE.upper()), ("c", PROSE + "\n")]
    decisions = dedup(items, DedupSettings(), counter)
    assert decisions == {
        "b": Decision(reasons.EXACT_DUPLICATE, "a"),
        "c": Decision(reasons.EXACT_DUPLICATE, "a"),
    }
    assert counter[reasons.EXACT_DUPLICATE] == 2


def test_near_copy_with_code_points_at_the_kept_record():
    code = "\n```python\nimport numpy as np\nx = np.zeros(3)\nprint(x.sum())\n```"
    items = [("q1", PROSE + code), ("q2", PROSE + " please" + code), ("z", "完全不同的内容，和上面无关。")]
    assert dedup(items, DedupSettings()) == {"q2": Decision(reasons.NEAR_DUPLICATE, "q1")}


def test_empty_texts_are_exact_duplicates_of_each_other_only():
    decisions = dedup([("a", ""), ("b", " \n"), ("c", PROSE)], DedupSettings())
    assert decisions == {"b": Decision(reasons.EXACT_DUPLICATE, "a")}


def test_an_exact_copy_of_a_near_duplicate_points_at_the_cluster_root():
    # 'c' is an exact copy of 'b', and 'b' a near copy of 'a': both point at 'a'.
    items = [("a", PROSE + " again"), ("b", PROSE), ("c", PROSE.lower())]
    decisions = dedup(items, DedupSettings())
    assert decisions == {
        "b": Decision(reasons.NEAR_DUPLICATE, "a"),
        "c": Decision(reasons.EXACT_DUPLICATE, "a"),
    }


@cache
def _corpus():
    return generate(n_pairs=60, n_singletons=30, seed=11)


def _rates(decisions, pairs):
    def caught(p):
        d = decisions.get(p.variant_id)
        return d is not None and d.kept_id == p.base_id

    high = [caught(p) for p in pairs if p.jaccard >= 0.8]
    low = [caught(p) for p in pairs if p.jaccard < 0.5]
    return sum(high) / len(high), sum(low) / len(low), len(high), len(low)


def test_recall_and_false_positives_on_planted_pairs():
    corpus = _corpus()
    decisions = dedup(corpus.docs, DedupSettings())
    recall, fpr, n_high, n_low = _rates(decisions, corpus.pairs)
    assert n_high >= 15 and n_low >= 15
    # S-curve of 20 bands x 8 rows: >= 0.975 at 0.8, <= 0.075 at 0.5.
    assert recall >= 0.9
    assert fpr <= 0.1
    # Unrelated documents never merge.
    assert all(d.kept_id.removesuffix("-v") == rid.removesuffix("-v") for rid, d in decisions.items())


def test_verification_removes_false_positives_below_the_threshold():
    corpus = _corpus()
    decisions = dedup(corpus.docs, DedupSettings(verify=True, verify_threshold=0.6))
    recall, fpr, _, _ = _rates(decisions, corpus.pairs)
    assert recall >= 0.9
    assert fpr == 0.0


def test_decisions_do_not_depend_on_batching():
    docs = _corpus().docs[:120]
    assert dedup(docs, DedupSettings(), batch_size=7) == dedup(
        reversed(docs), DedupSettings(), batch_size=500
    )
