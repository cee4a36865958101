"""Resolve masked words (f*ck, f**king, sh*t, a**hole, b***h) against the lexicon.

A mask hides letters, so no automaton key can match it; but masks are rare,
so each masked token is compared position by position with the English
one-word terms of the same length (with their inflections when the entry has
the ``stem`` rule).  A star stands for exactly one letter, so the resolved
word has the token's length and can be written over it without moving any
offset; the matcher then scans that text like any other, and phrases with a
masked word ("read the f*cking manual") match too.  When several terms fit,
the most severe wins, then the earliest in the files, so the result is
deterministic.  Tokens are found from each ``*`` outwards with a bounded
scan, never with a backtracking pattern.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from cleaner.lexicon.entries import Entry
from cleaner.lexicon.rules import STEM_SUFFIXES

MASKABLE = frozenset({"profanity", "insult", "sexual", "identity_attack"})
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_TOKEN = _LETTERS | {"*"}
_MAX = 24


class MaskIndex:
    def __init__(self, entries: Iterable[Entry]) -> None:
        # Keyed by (length, first letter): a masked token always shows its first letter.
        self._by_shape: dict[tuple[int, str], list[tuple[str, Entry]]] = defaultdict(list)
        for e in entries:
            if e.category not in MASKABLE or e.lang != "en" or not _LETTERS.issuperset(e.key):
                continue
            forms = [e.key] + ([e.key + s for s in STEM_SUFFIXES] if "stem" in e.rules else [])
            for f in forms:
                self._by_shape[len(f), f[0]].append((f, e))
        for lst in self._by_shape.values():
            lst.sort(key=lambda fe: -fe[1].severity)  # stable: file order among equals

    def resolve(self, token: str) -> tuple[str, Entry] | None:
        if len(token) < 3 or token[0] == "*" or "*" not in token:
            return None
        for form, entry in self._by_shape.get((len(token), token[0]), ()):
            if all(c == "*" or c == f for c, f in zip(token, form, strict=True)):
                return form, entry
        return None

    def substitute(self, t: str) -> str:
        """``t`` with every resolvable masked token replaced by its word (same length)."""
        parts, pos = [], 0
        for s, e, _, form in self.find(t):
            parts += [t[pos:s], form]
            pos = e
        return "".join(parts) + t[pos:] if parts else t

    def find(self, t: str) -> Iterator[tuple[int, int, Entry, str]]:
        """(start, end, entry, resolved form) for every masked token in ``t``."""
        i = t.find("*")
        while i >= 0:
            s = i
            while s > 0 and i - s < _MAX and t[s - 1] in _TOKEN:
                s -= 1
            e = i + 1
            while e < len(t) and e - i < _MAX and t[e] in _TOKEN:
                e += 1
            token = t[s:e]
            bounded = (s == 0 or not t[s - 1].isalnum()) and (e == len(t) or not t[e].isalnum())
            hit = self.resolve(token) if bounded else None
            if hit is not None:
                yield s, e, hit[1], hit[0]
            i = t.find("*", e)
