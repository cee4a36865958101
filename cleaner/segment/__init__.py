"""Split a turn into code and prose segments, and prose into sentences.

``segment`` tiles the text (no gaps, no overlaps, in order) with segments of
a :class:`Kind`; ``sentences`` reads only the prose and quote segments.  Code
segments include their delimiters, so a policy that edits prose only cannot
break a fence or a tag.  See ``cleaner/segment/README.md`` for the kinds and
how each markup is read.
"""

from __future__ import annotations

from cleaner.segment.html import segment_html
from cleaner.segment.markdown import MARKDOWN, PLAIN, segment_markdown
from cleaner.segment.sentences import sentences
from cleaner.segment.types import CODE_PLACEHOLDER, Kind, Segment, Sentence

__all__ = ["CODE_PLACEHOLDER", "Kind", "Segment", "Sentence", "segment", "sentences"]


def segment(text: str, markup: str = "markdown") -> list[Segment]:
    """Segments of ``text`` read as ``markup`` ("markdown", "html" or "plain")."""
    if not text:
        return []
    if markup == "html":
        return segment_html(text)
    if markup == "plain":
        return segment_markdown(text, PLAIN)
    if markup == "markdown":
        return segment_markdown(text, MARKDOWN)
    raise ValueError(f"unknown markup {markup!r}; expected markdown, html or plain")
