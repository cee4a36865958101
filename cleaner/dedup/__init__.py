"""Exact and near-duplicate removal: the pure core (no Beam here).

``text`` defines what is compared, ``shingles`` + ``signatures`` + ``banding``
turn a batch of texts into LSH band keys, ``clusters`` resolves candidate
buckets into clusters with a fixed number of group-by rounds, and
``inprocess.dedup`` runs it all without Beam.  ``pipelines/dedup.py`` wires
the same functions into GroupByKeys.
"""

from cleaner.dedup.inprocess import Decision, dedup
from cleaner.dedup.settings import DedupSettings, DedupSettingsError
from cleaner.dedup.text import dedup_text, exact_hash, normalize

__all__ = [
    "Decision",
    "DedupSettings",
    "DedupSettingsError",
    "dedup",
    "dedup_text",
    "exact_hash",
    "normalize",
]
