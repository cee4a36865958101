"""Inline code inside a Markdown paragraph: backtick code spans and HTML code tags.

CommonMark's rule: a run of N backticks opens a code span that the next run
of exactly N backticks closes; an opener without a closer is literal text.
Finding "the next run of the same length" with per-length position lists
keeps this linear even on 100k unmatched backticks, where the naive scan is
quadratic.  A backslash escapes the first backtick of an opener but is
literal inside code, so it never weakens a closer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

_RUN = re.compile(r"`+")
_HTML_CODE_OPEN = re.compile(r"<(code|kbd|samp|tt)(?:\s[^<>]{0,200})?>", re.IGNORECASE)


def code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans (delimiters included) inside ``text[start:end]``, in order."""
    if text.find("`", start, end) < 0:
        spans: list[tuple[int, int]] = []
    else:
        spans = _backtick_spans(text, start, end)
    if text.find("<", start, end) >= 0:
        spans = _merge(spans, _html_code_spans(text, start, end, spans))
    return spans


def _load_native() -> Callable[[str, int, int], list[tuple[int, int]]] | None:
    """The compiled build's kernel (cleaner/segment/_backticks.c), None in a pure install.

    It is :func:`_backtick_spans_by_regex` in one pass of C; finding backtick
    spans was 4% of the cleaning stages' instructions.
    """
    try:
        from cleaner.segment._backticks import backtick_spans
    except ImportError:
        return None
    return backtick_spans


_native_backtick_spans = _load_native()


def _backtick_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if _native_backtick_spans is not None:
        return _native_backtick_spans(text, start, end)
    return _backtick_spans_by_regex(text, start, end)


def _backtick_spans_by_regex(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The definition (and the pure build's path); the native kernel is held equal to it."""
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text, start, end)]
    by_len: dict[int, list[int]] = {}
    for idx, (s, e) in enumerate(runs):
        by_len.setdefault(e - s, []).append(idx)
    out = []
    i = 0
    n = len(runs)
    while i < n:
        s, e = runs[i]
        if _escaped(text, s, start):
            s += 1
        length = e - s
        if length == 0:
            i += 1
            continue
        same = by_len.get(length, ())
        k = bisect_right(same, i)
        if k == len(same):
            i += 1
            continue
        j = same[k]
        out.append((s, runs[j][1]))
        i = j + 1
    return out


def _escaped(text: str, pos: int, floor: int) -> bool:
    n = 0
    while pos - n - 1 >= floor and text[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _html_code_spans(text: str, start: int, end: int, avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    lower = text[start:end].lower()
    missing: set[str] = set()
    pos = start
    av = 0
    while True:
        m = _HTML_CODE_OPEN.search(text, pos, end)
        if m is None:
            break
        while av < len(avoid) and avoid[av][1] <= m.start():
            av += 1
        if av < len(avoid) and avoid[av][0] <= m.start():
            pos = avoid[av][1]
            continue
        tag = m.group(1).lower()
        if tag in missing:
            pos = m.end()
            continue
        close = lower.find(f"</{tag}", m.end() - start)
        if close < 0:
            missing.add(tag)
            pos = m.end()
            continue
        gt = lower.find(">", close)
        stop = start + (gt + 1 if gt >= 0 else len(lower))
        out.append((m.start(), stop))
        pos = stop
    return out


def _merge(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not b:
        return a
    out: list[tuple[int, int]] = []
    for s, e in sorted(a + b):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
