"""Split a turn into code and prose segments, and prose into sentences.

Placeholder implementation (whole turn is prose, naive sentence split); the
real Markdown / HTML / plain segmenter replaces it behind the same API.
"""

from __future__ import annotations

import re

from cleaner.segment.types import Kind, Segment, Sentence

__all__ = ["Kind", "Segment", "Sentence", "segment", "sentences"]

_SENT = re.compile(r"[^.!?。！？；\n]+[.!?。！？；]*\s*|\n+")


def segment(text: str, markup: str = "markdown") -> list[Segment]:
    if not text:
        return []
    return [Segment(Kind.PROSE, 0, len(text))]


def sentences(text: str, segments: list[Segment]) -> list[Sentence]:
    out: list[Sentence] = []
    for seg in segments:
        if seg.kind is not Kind.PROSE:
            continue
        for m in _SENT.finditer(text, seg.start, seg.end):
            s, e = m.start(), m.end()
            if text[s:e].strip():
                out.append(Sentence(s, e, text[s:e], tuple(range(s, e))))
    return out
