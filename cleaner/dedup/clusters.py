"""Cluster resolution: connected components by alternating large-star and small-star.

Candidate pairs come from buckets (records sharing a band key, or an exact
hash).  Each bucket contributes a star of edges from its smallest id to its
other members, and the clusters are the connected components of the union of
those stars: a chain A~B~C ends up as one cluster even when A and C are not
similar themselves, which is the usual near-dup semantics (BigCode, datatrove).

Components are found with the large-star / small-star algorithm of Kiveris et
al., "Connected Components in MapReduce and Beyond" (SoCC 2014): each step is
one group-by-node followed by the pure reducers below, so the Beam job runs a
fixed number of rounds of GroupByKey with no worker holding the graph, and
the in-process mode runs the very same reducers over dicts.  At the fixed
point every component is a star centred on its smallest id; that id is kept
and every other member points at it.  The rounds are unrolled (Beam pipelines
have no data-dependent loops), so :func:`label` also reports whether a node
still sits on a path rather than a star: a non-zero ``dedup_unconverged`` count
means ``cc_rounds`` was too small for that graph and some kept ids point at a
record that is itself a duplicate (the decision to drop is still right).

Ids compare as Python strings (code point order).  Every reducer depends only
on the *set* of its inputs, never their order, so the result is the same with
any number of workers and across runs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from cleaner.dedup.shingles import jaccard

Edge = tuple[str, str]

UNCONVERGED = "dedup_unconverged"
# With verification, a member is checked against at most this many smaller members of its bucket.
MAX_VERIFY_CHECKS = 32


def bucket_edges(ids: Iterable[str]) -> Iterator[Edge]:
    """A star from the bucket's smallest id to each other member."""
    members = set(ids)
    if len(members) < 2:
        return
    root = min(members)
    for m in sorted(members):
        if m != root:
            yield (root, m)


def verified_bucket_edges(members: Iterable[tuple[str, np.ndarray]], threshold: float) -> Iterator[Edge]:
    """Like :func:`bucket_edges`, but a member only links to a smaller member it truly resembles.

    Each member links to the smallest smaller member whose exact shingle-set
    Jaccard reaches ``threshold`` (first ``MAX_VERIFY_CHECKS`` tried, in id
    order), so a false candidate from a band collision never joins a cluster.
    """
    by_id = dict(members)
    ordered = sorted(by_id)
    for i, m in enumerate(ordered[1:], start=1):
        for other in ordered[: min(i, MAX_VERIFY_CHECKS)]:
            if jaccard(by_id[other], by_id[m]) >= threshold:
                yield (other, m)
                break


def large_star(node: str, neighbours: Iterable[str]) -> Iterator[Edge]:
    """Link every larger neighbour to the smallest of the node's closed neighbourhood."""
    nbrs = set(neighbours)
    m = min(nbrs | {node})
    for v in nbrs:
        if v > node:
            yield (v, m)


def small_star(node: str, smaller_or_equal: Iterable[str]) -> Iterator[Edge]:
    """Link the node and its smaller neighbours to the smallest of them."""
    nbrs = set(smaller_or_equal) | {node}
    m = min(nbrs)
    for v in nbrs:
        if v != m:
            yield (v, m)


def large_star_keys(edge: Edge) -> Iterator[Edge]:
    u, v = edge
    yield (u, v)
    yield (v, u)


def small_star_key(edge: Edge) -> Edge:
    u, v = edge
    return (u, v) if v <= u else (v, u)


def label(node: str, neighbours: Iterable[str]) -> tuple[str, bool]:
    """(smallest id of the closed neighbourhood, whether the node is settled in a star)."""
    nbrs = set(neighbours)
    m = min(nbrs | {node})
    settled = m == node or len(nbrs) == 1
    return m, settled


def _grouped(pairs: Iterable[Edge]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for k, v in pairs:
        groups[k].add(v)
    return groups


def _step(edges: Iterable[Edge], keys: Callable[[Edge], Iterable[Edge]], reduce) -> set[Edge]:
    pairs = (p for e in edges for p in keys(e))
    return {e for node, vals in _grouped(pairs).items() for e in reduce(node, vals) if e[0] != e[1]}


def run_rounds(edges: Iterable[Edge], rounds: int) -> set[Edge]:
    """The in-process twin of the Beam rounds: same reducers, dicts for GroupByKey."""
    current = set(edges)
    for _ in range(rounds):
        current = _step(current, large_star_keys, large_star)
        current = _step(current, lambda e: [small_star_key(e)], small_star)
    return current


def labels(edges: Iterable[Edge]) -> tuple[dict[str, str], int]:
    """Map each non-kept node to its kept id; also count unsettled nodes."""
    kept: dict[str, str] = {}
    unsettled = 0
    for node, nbrs in _grouped(p for e in edges for p in large_star_keys(e)).items():
        m, settled = label(node, nbrs)
        unsettled += not settled
        if m != node:
            kept[node] = m
    return kept, unsettled
