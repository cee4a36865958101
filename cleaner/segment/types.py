"""Segments and sentences: the split of one turn into code and prose.

Invariant: ``text[s.start:s.end]`` over the segments of a turn, in order,
concatenates to exactly the turn's text.  Every later stage sees only prose;
every edit is confined to prose.

Code segments include their delimiters (the fence lines of a fenced block,
the backticks of inline code, the ``<pre>``/``<code>`` tags): a policy that
may delete anything that is not code can then never leave half a fence or an
unbalanced tag behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Stands in for inline code inside ``Sentence.text``: scorers see that there
# was code there without reading it (code may swear; prose is what we judge).
# ASCII on purpose: one non-ASCII character makes Python store the whole
# string in two bytes per character, and every regex over it (sentence split,
# language routing, lexicon, tokens) then runs the slower UCS-2 matcher; going
# from the earlier "⟨code⟩" to this cut the stages' instructions by 3%.  It is
# what the lexicon's fold made of "⟨code⟩" anyway, so scorers read the same text.
CODE_PLACEHOLDER = "<code>"


class Kind(StrEnum):
    PROSE = "prose"
    CODE_BLOCK = "code_block"  # fenced (with its fence lines), indented, <pre>, unfenced code regions
    INLINE_CODE = "inline_code"  # `x` (with its backticks), <code>/<kbd>/<samp> (with their tags)
    QUOTE = "quote"  # "> ..." quoted reply (prose of someone else)
    MARKUP = "markup"  # tags, list / quote / heading markers: neither code nor prose

    @property
    def is_code(self) -> bool:
        return self in (Kind.CODE_BLOCK, Kind.INLINE_CODE)

    @property
    def is_prose(self) -> bool:
        """Prose a policy may edit: our author's own words or a quoted author's."""
        return self in (Kind.PROSE, Kind.QUOTE)


# Segments and sentences are the hottest allocations of the job (one or more
# per line of prose) and are never changed once built; they are not declared
# frozen because a frozen dataclass's __init__ sets each field through
# object.__setattr__, 5.7x the cost of a plain slots __init__ (1.4 us vs
# 0.25 us per Segment, measured).  Treat them as immutable.
@dataclass(slots=True)
class Segment:
    kind: Kind
    start: int
    end: int
    # e.g. {"lang": "python", "fence": "```"} for fences, {"detector": "stacktrace"}
    # for unfenced code, {"author": "octocat", "attribution": [s, e]} for quotes.
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Sentence:
    """A sentence of prose, ``[start, end)`` in the turn's original text.

    ``text`` is the readable form used for scoring (HTML entities decoded,
    tags stripped, inline code replaced by :data:`CODE_PLACEHOLDER`);
    ``offsets[i]`` maps ``text[i]`` back to the original position so a span
    found in ``text`` maps back exactly.  Every character of one placeholder
    maps to the start of its inline code; every character of one decoded
    entity maps to the ``&`` of the entity.

    ``prose`` lists the original ranges inside ``[start, end)`` that are prose
    (deletable); ``code`` the inline-code ranges that must survive any edit.
    Whatever is in neither (tags, quote markers) is markup.  Use
    :meth:`original_ranges` to turn a ``text`` span into the prose ranges to
    edit.
    """

    start: int
    end: int
    text: str
    # A range when the sentence is one plain piece of prose (the common case):
    # O(1) instead of one int object per character.
    offsets: range | tuple[int, ...]
    quote: bool = False
    prose: tuple[tuple[int, int], ...] = ()
    code: tuple[tuple[int, int], ...] = ()

    def original_ranges(self, i: int, j: int) -> list[tuple[int, int]]:
        """Prose ranges of the original covered by ``text[i:j]``, code excluded.

        An edit built from these ranges can never touch inline code, even when
        the span a scorer reported runs over a placeholder.
        """
        if i >= j or not self.text:
            return []
        lo = self.offsets[i]
        hi = self.source_end(j - 1)
        out = []
        for s, e in self.prose:
            s2, e2 = max(s, lo), min(e, hi)
            if s2 < e2:
                out.append((s2, e2))
        return out

    def source_end(self, k: int) -> int:
        """Original end of ``text[k]`` (exclusive): past the whole entity or inline code it stands for.

        ``offsets[k] + 1`` is wrong for those: ``&amp;`` is one char in ``text``
        and five in the source.
        """
        o = self.offsets[k]
        for s, e in self.code:
            if s == o:
                return e  # a placeholder char: all of its inline code
        nxt = self.offsets[k + 1] if k + 1 < len(self.offsets) else self.end
        for s, e in self.prose:
            if s <= o < e:
                # up to the next char, but never past this prose range (a tag may follow)
                return min(max(nxt, o + 1), e)
        return o + 1
