"""Dedup settings: the ``dedup:`` block of the config, checked once at launch.

Banding parameters interact (``bands * rows`` signature values are consumed),
so they are validated together here rather than trusted by each consumer: a
bad combination fails when the pipeline is built, not on a worker hours later.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


class DedupSettingsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class DedupSettings:
    enabled: bool = True
    num_perm: int = 160
    bands: int = 20
    rows: int = 8
    shingle_words: int = 5
    shingle_chars: int = 5
    # A record whose tokens are at least this share CJK characters is shingled by characters.
    cjk_share: float = 0.5
    verify: bool = False
    verify_threshold: float = 0.7
    cc_rounds: int = 8
    seed: int = 1

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> DedupSettings:
        d = dict(d or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - known)
        if unknown:
            raise DedupSettingsError(f"unknown dedup setting(s) {unknown}; valid: {sorted(known)}")
        s = cls(**d)
        s.check()
        return s

    def check(self) -> None:
        for name in ("num_perm", "bands", "rows", "shingle_words", "shingle_chars", "cc_rounds"):
            if int(getattr(self, name)) < 1:
                raise DedupSettingsError(f"dedup.{name} must be >= 1, got {getattr(self, name)!r}")
        if self.bands * self.rows > self.num_perm:
            raise DedupSettingsError(
                f"dedup.bands * dedup.rows ({self.bands} * {self.rows}) must not exceed dedup.num_perm ({self.num_perm})"
            )
        if not 0.0 <= self.verify_threshold <= 1.0:
            raise DedupSettingsError(
                f"dedup.verify_threshold must be in [0, 1], got {self.verify_threshold!r}"
            )
        if not 0.0 < self.cjk_share <= 1.0:
            raise DedupSettingsError(f"dedup.cjk_share must be in (0, 1], got {self.cjk_share!r}")
