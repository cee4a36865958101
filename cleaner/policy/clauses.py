"""Clauses and words inside one sentence's scoring text.

Neutralizing removes the smallest unit that carries the abuse: the matched
words for an intensifier ("this fucking function"), the clause around an
insult ("你这个SB需求改来改去，把第3行…").  These helpers find those units in
``Sentence.text`` coordinates and tidy the whitespace and punctuation that a
removal would otherwise leave behind.
"""

from __future__ import annotations

import re

_SEP = re.compile(r"[,，;；:：、]+\s*|\s+[-–—]+\s+")
_TERMINAL = re.compile(r"[.!?。！？…~～]+[\"'”’)）]*\s*$")
_SPACE = " \t"


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause ranges ``[a, b)``; each includes its trailing separator."""
    out, pos = [], 0
    for m in _SEP.finditer(text):
        if m.end() > pos:
            out.append((pos, m.end()))
            pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def clause_at(text: str, i: int, j: int) -> tuple[int, int]:
    """The clause(s) covering ``[i, j)``, tidied so the sentence still reads."""
    cs = clauses(text)
    a = next((c[0] for c in cs if c[0] <= i < c[1]), i)
    b = next((c[1] for c in cs if c[0] < j <= c[1]), j)
    if b == len(text):
        # Last clause: keep the sentence's terminal punctuation, take the separator before it.
        m = _TERMINAL.search(text, a)
        if m and m.start() > a:
            b = m.start()
        if a > 0:
            k = a
            while k > 0 and (text[k - 1] in _SPACE or _SEP.match(text, k - 1)):
                k -= 1
            a = k
    return a, b


def word_at(text: str, i: int, j: int) -> tuple[int, int]:
    """The matched words plus one side's whitespace, so no double space is left."""
    if j < len(text) and text[j] in _SPACE:
        while j < len(text) and text[j] in _SPACE:
            j += 1
    elif i > 0 and text[i - 1] in _SPACE:
        while i > 0 and text[i - 1] in _SPACE:
            i -= 1
    return i, j


def merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        elif a < b:
            out.append((a, b))
    return out


def remainder(text: str, removed: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for a, b in merge(removed):
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


_WORD = re.compile(r"[A-Za-z0-9_]+|[\u3400-\u9fff]")


def content_words(text: str, placeholder: str) -> float:
    """Roughly how much meaning is left: ASCII words count 1, CJK characters 1/2."""
    text = text.replace(placeholder, " ")
    n = 0.0
    for m in _WORD.finditer(text):
        n += 0.5 if len(m.group()) == 1 and ord(m.group()) > 0x3000 else 1.0
    return n
