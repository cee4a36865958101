"""Accumulate segments left to right, so no segmenter can leave a gap or an overlap.

Every segmenter emits pieces through :class:`SegmentBuilder`; it refuses a
piece that does not start where the last one ended and merges neighbours of
the same kind and info, so the invariant (segments tile the text) holds by
construction rather than by each parser being careful.
"""

from __future__ import annotations

from typing import Any

from cleaner.segment.types import Kind, Segment


class SegmentBuilder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self._kinds: list[Kind] = []
        self._starts: list[int] = []
        self._infos: list[dict[str, Any]] = []

    def add(self, kind: Kind, end: int, info: dict[str, Any] | None = None) -> None:
        """Extend the tiling up to ``end`` with one piece of ``kind``."""
        if end < self.pos:
            raise ValueError(f"segment end {end} is before the current position {self.pos}")
        if end == self.pos:
            return
        info = info or {}
        if self._kinds and self._kinds[-1] is kind and self._infos[-1] == info:
            self.pos = end
            return
        self._kinds.append(kind)
        self._starts.append(self.pos)
        self._infos.append(info)
        self.pos = end

    def build(self) -> list[Segment]:
        if self.pos != len(self.text):
            raise ValueError(f"segments end at {self.pos}, text has {len(self.text)} characters")
        ends = self._starts[1:] + [self.pos]
        return [
            Segment(k, s, e, i)
            for k, s, e, i in zip(self._kinds, self._starts, ends, self._infos, strict=True)
        ]
