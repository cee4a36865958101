"""HTML bodies (Stack Exchange) into code and prose, with exact source offsets.

lxml and selectolax build trees without source offsets, and the contract is
that code comes out as the original source bytes (entities and all), so this
walks the tags with one regex over the source instead.  Only what decides
code needs structure: ``<pre>`` is a code block from its open tag to its
close tag, ``<code>``/``<kbd>``/``<samp>``/``<tt>`` outside it inline code,
``<blockquote>`` quotes, ``<script>``/``<style>``/comments markup.  Entities
in prose are decoded later, per sentence, with offsets kept
(``cleaner.segment.sentences``).

Every search for a closing tag remembers a miss, so unterminated markup (a
``<code>`` never closed, a ``<`` with no ``>``) costs linear time.
"""

from __future__ import annotations

import re

from cleaner.segment.builder import SegmentBuilder
from cleaner.segment.types import Kind, Segment

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]{0,40})((?:\s[^>]*)?)>")
_INLINE_CODE = frozenset({"code", "kbd", "samp", "tt"})
_RAW = frozenset({"script", "style", "textarea"})
_BLOCK = frozenset(
    {
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "dd",
        "dt",
        "dl",
        "section",
        "article",
        "header",
        "footer",
        "details",
        "summary",
        "figure",
        "figcaption",
        "pre",
    }
)
_BLOCK_CLOSE = re.compile(r"</(?:p|li|div|td|th|blockquote|h[1-6]|dd|dt|ul|ol|table)\s*>", re.IGNORECASE)
PROSE_INFO = {"html": True}


class _Finder:
    """``lower.find`` that remembers misses: after one miss, later searches miss too."""

    def __init__(self, lower: str) -> None:
        self.lower = lower
        self._missing: set[str] = set()

    def find(self, needle: str, pos: int) -> int:
        if needle in self._missing:
            return -1
        k = self.lower.find(needle, pos)
        if k < 0:
            self._missing.add(needle)
        return k

    def close_tag_end(self, tag: str, pos: int) -> int:
        """End of the ``</tag ...>`` after ``pos``, or -1."""
        k = self.find("</" + tag, pos)
        if k < 0:
            return -1
        gt = self.lower.find(">", k)
        return len(self.lower) if gt < 0 else gt + 1


def segment_html(text: str) -> list[Segment]:
    out = SegmentBuilder(text)
    lower = text.lower()
    finder = _Finder(lower)
    n = len(text)
    quote = 0
    pos = 0
    next_gt = 0
    next_block_close = -2
    while pos < n:
        lt = text.find("<", pos)
        if lt < 0:
            break
        if next_gt < lt:
            next_gt = text.find(">", lt)
            if next_gt < 0:
                break  # no tag can end anywhere after here
        if text.startswith("<!--", lt):
            end = finder.find("-->", lt + 4)
            end = n if end < 0 else end + 3
            out.add(_prose(quote), lt, PROSE_INFO)
            out.add(Kind.MARKUP, end)
            pos = end
            continue
        if text.startswith("<!", lt) or text.startswith("<?", lt):
            out.add(_prose(quote), lt, PROSE_INFO)
            out.add(Kind.MARKUP, next_gt + 1)
            pos = next_gt + 1
            continue
        m = _TAG.match(text, lt)
        if m is None:
            pos = lt + 1
            continue
        closing = m.group(1) == "/"
        name = m.group(2).lower()
        out.add(_prose(quote), lt, PROSE_INFO)
        if not closing and name == "pre":
            end = finder.close_tag_end("pre", m.end())
            out.add(Kind.CODE_BLOCK, n if end < 0 else end, {"html": "pre"})
            pos = out.pos
            continue
        if not closing and name in _INLINE_CODE:
            end = finder.close_tag_end(name, m.end())
            if end < 0:
                if next_block_close != -1 and next_block_close < m.end():
                    bm = _BLOCK_CLOSE.search(text, m.end())
                    next_block_close = bm.start() if bm else -1
                end = n if next_block_close < 0 else next_block_close
            out.add(Kind.INLINE_CODE, end, {"html": name})
            pos = out.pos
            continue
        if not closing and name in _RAW:
            end = finder.close_tag_end(name, m.end())
            out.add(Kind.MARKUP, n if end < 0 else end)
            pos = out.pos
            continue
        if name == "blockquote":
            quote = quote - 1 if closing else quote + 1
            quote = max(quote, 0)
        out.add(Kind.MARKUP, m.end(), {"break": True} if name in _BLOCK else None)
        pos = m.end()
    out.add(_prose(quote), n, PROSE_INFO)
    return out.build()


def _prose(quote: int) -> Kind:
    return Kind.QUOTE if quote else Kind.PROSE
