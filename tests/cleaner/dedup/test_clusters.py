import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dedup import DedupSettings
from cleaner.dedup.clusters import bucket_edges, labels, run_rounds, verified_bucket_edges


def _components(edges):
    """Union-find reference: node -> smallest id of its component."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u, v in edges:
        a, b = find(u), find(v)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {n: find(n) for n in parent}


ids = st.integers(0, 40).map(lambda i: f"r{i:02d}")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(ids, ids), max_size=60))
def test_rounds_find_the_connected_components(edges):
    kept, unsettled = labels(run_rounds(edges, rounds=6))
    expected = {n: root for n, root in _components(edges).items() if n != root}
    assert unsettled == 0
    assert kept == expected


def test_a_long_chain_in_random_id_order_converges_in_the_default_rounds():
    nodes = [f"n{i:04d}" for i in range(1000)]
    random.Random(3).shuffle(nodes)
    chain = list(zip(nodes, nodes[1:], strict=False))
    kept, unsettled = labels(run_rounds(chain, rounds=DedupSettings().cc_rounds))
    assert unsettled == 0
    assert set(kept.values()) == {"n0000"} and len(kept) == 999


def test_too_few_rounds_are_reported_not_hidden():
    chain = [("a", "d"), ("d", "b"), ("b", "e"), ("e", "c")]
    _, unsettled = labels(run_rounds(chain, rounds=0))
    assert unsettled > 0


def test_a_chain_is_one_cluster_kept_by_its_smallest_id():
    kept, _ = labels(run_rounds([("b", "c"), ("a", "b")], rounds=2))
    assert kept == {"b": "a", "c": "a"}


def test_bucket_stars_from_the_smallest_id_whatever_the_order():
    assert sorted(bucket_edges(["c", "a", "b", "a"])) == [("a", "b"), ("a", "c")]
    assert list(bucket_edges(["x"])) == []


def test_verification_drops_false_candidates_and_links_to_a_true_one():
    s = {
        k: np.array(v, dtype=np.uint32)
        for k, v in {"a": [1, 2, 3], "b": [7, 8, 9], "c": [7, 8, 9, 10]}.items()
    }
    edges = list(verified_bucket_edges(s.items(), threshold=0.7))
    assert edges == [("b", "c")]
