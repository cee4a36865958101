"""Dedup without Beam: the same decisions as ``pipelines.dedup.Dedup``, in one process.

For benchmarks, tests and small runs.  It groups with dicts where the Beam
job groups with GroupByKey, and calls the same pure functions in the same
order, so the two agree by construction (a test checks they do).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from cleaner import reasons
from cleaner.counters import Counter, NullCounter
from cleaner.dedup.banding import shared_keys
from cleaner.dedup.clusters import (
    UNCONVERGED,
    Edge,
    bucket_edges,
    labels,
    run_rounds,
    verified_bucket_edges,
)
from cleaner.dedup.features import BATCH, BandEntries, Featurizer
from cleaner.dedup.settings import DedupSettings


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a record is dropped and which record of its cluster is kept instead."""

    reason: str
    kept_id: str


def exact_group(ids: Iterable[str]) -> tuple[list[Edge], list[str]]:
    """Records with one exact hash: a star to the smallest id, and the ids that are exact copies."""
    edges = list(bucket_edges(ids))
    return edges, [m for _, m in edges]


def decide(edges: Iterable[Edge], exact_dups: set[str], rounds: int) -> tuple[dict[str, Decision], int]:
    kept, unsettled = labels(run_rounds(edges, rounds))
    return {
        rid: Decision(reasons.EXACT_DUPLICATE if rid in exact_dups else reasons.NEAR_DUPLICATE, k)
        for rid, k in kept.items()
    }, unsettled


def _batched(items: Iterable[tuple[str, str]], n: int) -> Iterator[list[tuple[str, str]]]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


def dedup(
    items: Iterable[tuple[str, str]],
    settings: DedupSettings,
    counter: Counter | None = None,
    batch_size: int = BATCH,
) -> dict[str, Decision]:
    """Decisions for the duplicates among (id, dedup text) pairs; absent ids are kept."""
    counter = counter or NullCounter()
    featurize = Featurizer(settings)
    exact: dict[str, set[str]] = defaultdict(set)
    edges: list[Edge] = []
    if settings.verify:
        buckets: dict[bytes, list] = defaultdict(list)
        for batch in _batched(items, batch_size):
            for f in featurize(batch):
                exact[f.exact].add(f.id)
                for key in f.band_keys:
                    buckets[key].append((f.id, f.shingles))
        for members in buckets.values():
            if len(members) > 1:
                edges += verified_bucket_edges(members, settings.verify_threshold)
    else:
        # Band keys as arrays: only the few keys two records share become Python objects.
        ids: list[str] = []
        parts: list[BandEntries] = []
        for batch in _batched(items, batch_size):
            hashes, entries = featurize.entries(batch)
            for (rid, _), h in zip(batch, hashes, strict=True):
                exact[h].add(rid)
            parts.append(BandEntries(entries.rows + len(ids), entries.bands, entries.digests))
            ids += [rid for rid, _ in batch]
        if parts:
            rows = np.concatenate([e.rows for e in parts])
            bands = np.concatenate([e.bands for e in parts])
            digests = np.concatenate([e.digests for e in parts])
            for group in shared_keys(bands, digests):
                edges += bucket_edges([ids[r] for r in rows[group].tolist()])
    exact_edges: list[Edge] = []
    exact_dups: set[str] = set()
    for members in exact.values():
        e, dups = exact_group(members)
        exact_edges += e
        exact_dups.update(dups)
    decisions, unsettled = decide(exact_edges + edges, exact_dups, settings.cc_rounds)
    for d in decisions.values():
        counter.inc(d.reason)
    if unsettled:
        counter.inc(UNCONVERGED, unsettled)
    return decisions
