"""Split a turn into code and prose segments, and prose into sentences.

``segment`` tiles the text (no gaps, no overlaps, in order) with segments of
a :class:`Kind`; ``sentences`` reads only the prose and quote segments and
never runs across a code block.  Code segments include their delimiters
(fence lines, backticks, ``<pre>``/``<code>`` tags), so a policy that edits
prose only cannot break a fence or a tag.

How each markup is read:

- ``markdown``: a linear line scanner for fences, indented blocks, quotes,
  lists and HTML blocks (``cleaner.segment.markdown``; markdown-it-py is its
  test oracle), backtick code spans (``cleaner.segment.inline``), then the
  unfenced-code classifier on what is left (``cleaner.segment.codelines``).
- ``plain``: the same scanner without HTML blocks and headings: a chat turn
  labelled plain that holds a fence or backticks still keeps them as code.
- ``html``: tags walked on the source (``cleaner.segment.html``); prose
  segments carry ``info={"html": True}`` and their sentences decode entities.

Where a reading is unsure it errs towards code: marking prose as code costs
a missed edit, marking code as prose could cost the code.
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
