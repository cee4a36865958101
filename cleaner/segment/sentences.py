"""Prose into sentences, English and Chinese, with every character mapped back.

Why not pysbd: on developer text it splits URLs at ``?`` and runs at about
0.05 MB/s; Chinese needs its own segmenter object, so mixed text splits by
one language's rules.  The rules here are few and linear: CJK terminators
(。！？；…) end a sentence wherever they are; ``.!?`` end one only before
whitespace, CJK or the end, so ``3.11``, ``setup.py`` and URLs never split,
and a ``.`` after a known abbreviation (e.g., i.e., etc.) or before a
lower-case word does not either.  A blank line always ends a sentence; a
single newline does unless the next line starts lower-case (a soft wrap).

Sentences run across inline code (shown as ``CODE_PLACEHOLDER``) and inline
markup, and stop at code blocks and block markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

from cleaner.segment.types import CODE_PLACEHOLDER, Kind, Segment, Sentence

MAX_SENTENCE_CHARS = 2000

_CJK = "\u3400-\u9fff\uff01-\uff5e"
_CLOSE = "\"'”’」』）》)\\]"
# One match per boundary, whitespace after it included, so the next sentence
# starts at match end.  Every match starts with one char of a small set, so
# the regex engine skips ordinary text in a tight C loop; the look-behinds then
# tell which terminator it was.  Empty named groups mark where the sentence
# ends (before a newline, or right after its terminator).  Whatever a look-ahead
# can decide is decided here (a soft wrap, "3. it", "... and"); only "is the
# word before this dot an abbreviation" is left to Python.
_SPLIT = re.compile(
    r"[\n.!?。！？；…](?:"
    r"(?<=\n)[ \t\r]*\n\s*(?P<nl>)"  # blank line: always
    r"|(?<=\n)(?![ \t\r]*[a-z])\s*(?P<nl2>)"  # newline, unless a lower-case soft wrap follows
    rf"|(?<=[。！？；…])[。！？；…]*[{_CLOSE}]*(?P<t>)\s*"
    r"|(?<=[\u3400-\u9fff][!?])[!?]*(?P<t2>)\s*"  # ASCII ! ? after CJK, even before Latin
    rf"|(?<=[!?])[!?]*\.*[{_CLOSE}]*(?=\s|$|[{_CJK}])(?P<t3>)\s*"
    rf"|(?<=\.)\.+[{_CLOSE}]*(?=\s|$|[{_CJK}])(?!\s*[a-z])(?P<t4>)\s*"  # an ellipsis
    rf"|(?<=\.)[{_CLOSE}]*(?=\s|$|[{_CJK}])(?![ \t]*[a-z0-9])(?P<dot>)[ \t]*"  # newlines left to nl
    r")"
)
_LEADING_WS = re.compile(r"\s*")


def _skip_ws(s: str, pos: int = 0) -> int:
    """Index of the first non-whitespace character of ``s`` at or after ``pos``."""
    m = _LEADING_WS.match(s, pos)
    return m.end() if m is not None else pos  # \s* always matches


_ABBREV = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "al",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "fig",
        "figs",
        "approx",
        "eq",
        "eqs",
        "sec",
        "vol",
        "ch",
        "pp",
        "resp",
        "viz",
        "ca",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,8})$")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


@cache
def _unescape(entity: str) -> str:
    # a handful of entities (&lt; &gt; &amp; &quot; &#39;) make up nearly all of them
    return html.unescape(entity)


class _Flow:
    """Readable text of consecutive prose pieces, with a map back to the source.

    The per-char map is built only when a flow is more than one plain piece:
    most flows are a single run of prose whose map is a plain offset.
    """

    __slots__ = ("chars", "runs", "prose", "code", "quote", "decoded")

    def __init__(self, quote: bool | None) -> None:
        self.chars: list[str] = []
        # (source start, source end, n): n < 0 maps the run char for char,
        # n >= 0 maps n readable chars all to the source start (entity, placeholder)
        self.runs: list[tuple[int, int, int]] = []
        self.prose: list[tuple[int, int]] = []
        self.code: list[tuple[int, int]] = []
        self.quote = quote  # None until the first prose piece says
        self.decoded = False

    def add_prose(self, text: str, s: int, e: int, decode: bool) -> None:
        if s >= e:
            return
        self.prose.append((s, e))
        if not decode or text.find("&", s, e) < 0:
            self.chars.append(text[s:e])
            self.runs.append((s, e, -1))
            return
        self.decoded = True
        pos = s
        for m in _ENTITY.finditer(text, s, e):
            if m.start() > pos:
                self.chars.append(text[pos : m.start()])
                self.runs.append((pos, m.start(), -1))
            dec = _unescape(m.group())
            self.chars.append(dec)
            self.runs.append((m.start(), m.end(), len(dec)))
            pos = m.end()
        if pos < e:
            self.chars.append(text[pos:e])
            self.runs.append((pos, e, -1))

    def add_code(self, s: int, e: int) -> None:
        self.code.append((s, e))
        self.chars.append(CODE_PLACEHOLDER)
        self.runs.append((s, e, len(CODE_PLACEHOLDER)))

    def offsets(self) -> list[int]:
        offs: list[int] = []
        for s, e, n in self.runs:
            if n < 0:
                offs.extend(range(s, e))
            else:
                offs.extend([s] * n)
        return offs


def sentences(text: str, segments: list[Segment]) -> list[Sentence]:
    out: list[Sentence] = []
    flow: _Flow | None = None
    for seg in segments:
        kind = seg.kind
        if kind is Kind.PROSE or kind is Kind.QUOTE:
            quote = kind is Kind.QUOTE
            if flow is not None and flow.quote is not None and flow.quote != quote:
                _flush(text, flow, out)
                flow = None
            if flow is None:
                flow = _Flow(quote)
            flow.quote = quote
            flow.add_prose(text, seg.start, seg.end, bool(seg.info.get("html")))
        elif kind is Kind.INLINE_CODE:
            if flow is None:
                flow = _Flow(None)
            flow.add_code(seg.start, seg.end)
        elif kind is Kind.MARKUP and not seg.info.get("break"):
            continue
        else:  # code block or block markup
            if flow is not None:
                _flush(text, flow, out)
                flow = None
    if flow is not None:
        _flush(text, flow, out)
    return out


def _flush(text: str, flow: _Flow, out: list[Sentence]) -> None:
    if not flow.prose:
        return
    quote = bool(flow.quote)
    if len(flow.runs) == 1 and flow.runs[0][2] < 0:  # one plain piece of prose: offsets are a shift
        readable = flow.chars[0]
        base = flow.runs[0][0]
        for a, b in split(readable):
            s, e = base + a, base + b
            out.append(Sentence(s, e, readable[a:b], range(s, e), quote, ((s, e),), ()))
        return
    readable = "".join(flow.chars)
    offs = flow.offsets()
    prose, code = flow.prose, flow.code
    # sentences come in order, so one pointer per range list suffices
    pi = ci = 0
    for a, b in split(readable):
        start = offs[a]
        last = offs[b - 1]
        end = last + 1
        while ci < len(code) and code[ci][1] <= start:
            ci += 1
        cj = ci
        while cj < len(code) and code[cj][0] <= last:
            cj += 1
        if cj > ci and code[cj - 1][1] > end:
            end = code[cj - 1][1]  # the sentence ends in a placeholder: all of that code
        if flow.decoded and text[last] == "&":  # the sentence ends in a decoded entity
            m = _ENTITY.match(text, last)
            if m:
                end = max(end, m.end())
        while pi < len(prose) and prose[pi][1] <= start:
            pi += 1
        pj = pi
        sent_prose = []
        while pj < len(prose) and prose[pj][0] < end:
            ps, pe = prose[pj]
            sent_prose.append((ps if ps > start else start, pe if pe < end else end))
            pj += 1
        out.append(
            Sentence(
                start, end, readable[a:b], tuple(offs[a:b]), quote, tuple(sent_prose), tuple(code[ci:cj])
            )
        )


def split(s: str) -> list[tuple[int, int]]:
    """Sentence ranges ``[a, b)`` of ``s``, stripped of surrounding whitespace."""
    if _native_split is not None:
        return _native_split(s, MAX_SENTENCE_CHARS)
    return _split_by_regex(s)


def _split_by_regex(s: str) -> list[tuple[int, int]]:
    """The splitter's definition (and the pure build's splitter); the native one is held equal to it."""
    out: list[tuple[int, int]] = []
    prev = _skip_ws(s)
    for m in _SPLIT.finditer(s):
        kind = m.lastgroup
        if kind == "nl" or kind == "nl2":
            end = m.start()
            while end > prev and s[end - 1] in " \t\r":  # left by a skipped abbreviation dot
                end -= 1
        else:
            end = m.end(kind or 0)  # a terminator group always matched here
            if kind == "dot" and _abbreviation(s, m.start()):
                continue
        if end > prev and s[prev].isspace():
            prev = _skip_ws(s, prev)  # after a dot match that left a newline
        if end > prev:
            if end - prev > MAX_SENTENCE_CHARS:
                _cut(s, prev, end, out)
            else:
                out.append((prev, end))
        prev = m.end()
    prev = _skip_ws(s, prev)
    end = len(s.rstrip())
    if end > prev:
        _cut(s, prev, end, out)
    return out


def _load_native_split() -> Callable[[str, int], list[tuple[int, int]]] | None:
    """The compiled build's splitter (cleaner/segment/_split.c), None in a pure install.

    It is :func:`_split_by_regex` in one pass of C: the regex's alternatives
    in the regex's order, then the same rules for abbreviations, soft wraps
    and over-long sentences.  Splitting was 6% of the cleaning stages'
    instructions.
    """
    try:
        from cleaner.segment._split import split as native
    except ImportError:
        return None
    return native


_native_split = _load_native_split()


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _abbreviation(s: str, dot: int) -> bool:
    """The ``.`` at ``dot`` ends an abbreviation (e.g., etc.) or an initial, not a sentence."""
    # Two exits that settle most dots without the regex search (a third of split's time):
    # no word right before the dot ("v3.", "`x`."), or a word of 7+ letters, longer than
    # any abbreviation.  A test holds this equal to the search alone.
    tail = s[dot - 7 : dot] if dot >= 7 else s[:dot]
    if not tail or tail[-1] not in _WORD_CHARS:
        return False
    if len(tail) == 7 and tail.isascii() and tail.isalpha():
        return False
    return _abbreviation_by_search(s, dot)


def _abbreviation_by_search(s: str, dot: int) -> bool:
    """The rule itself: the letters and dots before the dot are a known abbreviation or a lone initial."""
    wm = _WORD_BEFORE.search(s, max(0, dot - 10), dot)
    if wm is None:
        return False
    word = wm.group(1).lower().rstrip(".")
    if word in _ABBREV:
        return True
    return len(word) == 1 and word.isalpha() and (wm.start() == 0 or not s[wm.start() - 1].isalnum())


def _cut(s: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    """Append ``[a, b)``, cut at spaces into pieces of at most MAX_SENTENCE_CHARS."""
    while b - a > MAX_SENTENCE_CHARS:
        cut = s.rfind(" ", a + MAX_SENTENCE_CHARS // 2, a + MAX_SENTENCE_CHARS)
        cut = a + MAX_SENTENCE_CHARS if cut <= a else cut
        out.append((a, cut))
        a = cut
        while a < b and s[a].isspace():
            a += 1
    if a < b:
        out.append((a, b))
