"""Segments and sentences: the split of one turn into code and prose.

Invariant: ``text[s.start:s.end]`` over the segments of a turn, in order,
concatenates to exactly the turn's text.  Every later stage sees only prose;
every edit is confined to prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    PROSE = "prose"
    CODE_BLOCK = "code_block"  # fenced, indented, <pre>, unfenced code regions
    INLINE_CODE = "inline_code"  # `x`, <code>, <kbd>, <samp>
    QUOTE = "quote"  # "> ..." quoted reply (prose of someone else)
    MARKUP = "markup"  # tags, list markers, fence lines: neither code nor prose

    @property
    def is_code(self) -> bool:
        return self in (Kind.CODE_BLOCK, Kind.INLINE_CODE)


@dataclass(frozen=True, slots=True)
class Segment:
    kind: Kind
    start: int
    end: int
    # e.g. {"lang": "python"} for fences, {"detector": "stacktrace"} for
    # unfenced code, {"author": "octocat"} for quotes.
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of prose, ``[start, end)`` in the turn's original text.

    ``text`` is the readable form used for scoring (HTML entities decoded,
    inline code replaced by a placeholder); ``offsets[i]`` maps ``text[i]``
    back to the original position so a span found in ``text`` maps back
    exactly.
    """

    start: int
    end: int
    text: str
    offsets: tuple[int, ...]
    quote: bool = False
