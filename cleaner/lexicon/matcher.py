"""Find lexicon terms in text: one automaton pass, then boundary, context and guard checks.

Order of decisions for each candidate (a term key found in normalized text):

1. Boundaries: a Latin edge must sit at a word boundary (``ass`` never in
   ``class``); ``stem`` entries may run on into an inflection.
2. Context rules of the entry (``zh_near``, ``zh_clause_end``; rules.py).
3. Guards against ordinary words: the technical allowlist (a hit inside an
   allowlisted phrase such as ``dependency hell`` or ``Windows NT`` does not
   count) and, for Chinese edges, jieba word boundaries (words.py).
   ``guards=False`` turns both off, which is how the tests prove each
   allowlist entry is load-bearing.

Speed: most prose has nothing to find, and normalizing changes little of
it.  One automaton holds the terms, the allowlist and the normalizer's
signal substrings (normalize.SIGNALS), and one pass over the cheap fold
finds all three.  Without signals (the common case) that pass is the whole
job.  Otherwise the text is normalized at the signals only and rescanned in
windows around the characters that changed; hits away from the changes are
taken from the first pass.  Text without Chinese uses "narrow" automata
without Chinese terms and zh_near abbreviations, and without the split-word
signals unless single letters line up (normalize.may_have_split_words).
The result always equals a full scan of ``normalize(text)``
(:meth:`Matcher.find_unoptimized`; the tests hold this).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from cleaner.lexicon.entries import AllowEntry, Entry, Lexicon
from cleaner.lexicon.masks import MaskIndex
from cleaner.lexicon.normalize import (
    SIGNALS,
    SPLIT_SIGNALS,
    Normalized,
    fold,
    may_have_split_words,
    normalize_at,
    normalize_reference,
)
from cleaner.lexicon.rules import ASCII_WORD, LOOKBACK, RULES, stem_end
from cleaner.lexicon.words import on_word_boundaries, teach


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # in the original text
    end: int
    entry: Entry
    normalized: str  # the normalized text that matched (the resolved form for masks)
    obfuscated: bool  # the original differs from the plain lower-cased form
    # The term is there but denied or self-aimed (the ``asserted`` rule said no): reported
    # only by a Matcher built with ``denied=True``, for a policy that wants to know.
    denied: bool = False


# An accepted hit in the coordinates of the text it was found in: start, end, entry,
# the matched form, denied.
_Hit = tuple[int, int, Entry, str, bool]


@dataclass(slots=True)
class _Slot:
    length: int
    entries: tuple[Entry, ...] = ()
    allow: tuple[AllowEntry, ...] = ()


_SLACK = 4  # characters a rule looks past a hit (boundaries, stem suffixes, zh_near)
_BACK = max(_SLACK, LOOKBACK)  # ... and before it (the asserted rule reads the clause before)


class Matcher:
    def __init__(self, lexicon: Lexicon, *, guards: bool = True, denied: bool = False) -> None:
        self.lexicon = lexicon
        self.guards = guards
        self.denied = denied
        slots = _slots(lexicon.entries, lexicon.allow)
        # Text without Chinese (or the other non-ASCII characters of some term) keeps
        # none through normalization, so Chinese terms and the zh_near abbreviations
        # (nt, sb: thousands of raw hits in int, want, usb) cannot match there; a
        # "narrow" automaton without them spares those hits.
        ascii_slots = _slots(
            [e for e in lexicon.entries if e.key.isascii() and "zh_near" not in e.rules],
            [a for a in lexicon.allow if a.key.isascii()],
        )
        # Text without any of these characters can only match the ASCII terms.
        wide = {c for e in lexicon.entries for c in e.key if not c.isascii()} - {
            *map(chr, range(0x4E00, 0xA000))
        }
        self._wide = re.compile(
            "[" + "".join(map(re.escape, sorted(wide))) + "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
        )
        self._terms = {False: _automaton(slots), True: _automaton(ascii_slots)}
        self._first = {False: _automaton(slots, SIGNALS), True: _automaton(ascii_slots, SIGNALS)}
        self._first_no_split = _automaton(ascii_slots, [s for s in SIGNALS if s not in SPLIT_SIGNALS])
        # A rescan window reaches this far past a change: any hit or allowlist phrase touching it fits.
        self._reach = max(len(k) for k in [*slots, *SIGNALS]) + _BACK
        self._masks = MaskIndex(lexicon.entries)
        teach([e.key for e in lexicon.entries] + [a.key for a in lexicon.allow])

    def find(self, text: str) -> list[Match]:
        if not text:
            return []
        f = fold(text)
        narrow = f.text.isascii() or self._wide.search(f.text) is None
        first = self._first_no_split if narrow and not may_have_split_words(f.text) else self._first[narrow]
        hits, allows, signals = _scan(first, f.text, 0, len(f.text))
        n = normalize_at(f, signals) if signals or not narrow else f
        if "*" in n.text:
            unmasked = self._masks.substitute(n.text)
            if unmasked != n.text:  # rare: scan the whole text with the words written in
                n = Normalized(unmasked, n.offsets, n.edits, n.fold_map)
                hits, allows, _ = _scan(self._terms[narrow], n.text, 0, len(n.text))
                return self._finish(text, n, self._accept_all(n.text, hits, allows))
        if not n.edits:
            return self._finish(text, n, self._accept_all(n.text, hits, allows))
        windows = _merge([(p - self._reach, p + self._reach) for p in n.edits])
        starts = [a for a, _ in windows]
        kept = [h for h in hits if not _touches(windows, starts, h[0] - _BACK, h[1] + _SLACK)]
        accepted = [(h, f) for h in self._accept_all(f.text, kept, allows)]
        for a, b in windows:
            na, nb = n.from_fold(max(a, 0)), n.from_fold(min(b, len(f.text)))
            lo, hi = max(na - self._reach, 0), min(nb + self._reach, len(n.text))
            whits, wallows, _ = _scan(self._terms[narrow], n.text, lo, hi)
            for h in self._accept_all(n.text, whits, wallows):
                fs, fe = n.to_fold(h[0]), n.to_fold(h[1] - 1) + 1
                if a < fe + _SLACK and fs - _BACK < b:
                    accepted.append((h, n))
        return self._finish_mixed(text, n, accepted)

    def find_unoptimized(self, text: str) -> list[Match]:
        """Reference for :meth:`find`: normalize everything, scan everything (tests compare the two)."""
        if not text:
            return []
        n = normalize_reference(text)
        if "*" in n.text:
            n = Normalized(self._masks.substitute(n.text), n.offsets, n.edits, n.fold_map)
        hits, allows, _ = _scan(self._terms[False], n.text, 0, len(n.text))
        return self._finish(text, n, self._accept_all(n.text, hits, allows))

    def _accept_all(
        self, t: str, hits: list[tuple[int, int, tuple[Entry, ...]]], allows: list[tuple[int, int]]
    ) -> list[_Hit]:
        out = []
        for s, e, entries in hits:
            for entry in entries:
                got = self._accept(t, s, e, entry, allows)
                if got is not None:
                    end, denied = got
                    out.append((s, end, entry, t[s:end], denied))
        return out

    def _accept(
        self, t: str, s: int, e: int, entry: Entry, allows: list[tuple[int, int]]
    ) -> tuple[int, bool] | None:
        """End of the accepted hit (``stem`` may extend it) and whether it is denied, or None."""
        if t[s] in ASCII_WORD and s > 0 and t[s - 1] in ASCII_WORD:
            return None
        if t[e - 1] in ASCII_WORD and e < len(t) and t[e] in ASCII_WORD:
            end = stem_end(t, e) if "stem" in entry.rules else None
            if end is None:
                return None
            e = end
        denied = False
        for rule in entry.rules:
            check = RULES[rule]
            if check is not None and not check(t, s, e):
                if rule != "asserted" or not self.denied:
                    return None
                denied = True
        if self.guards:
            if any(a <= s and e <= b for a, b in allows):
                return None
            if not on_word_boundaries(t, s, e):
                return None
        return e, denied

    def _finish(self, text: str, n: Normalized, hits: list[_Hit]) -> list[Match]:
        return self._finish_mixed(text, n, [(h, n) for h in hits])

    def _finish_mixed(self, text: str, n: Normalized, hits: list[tuple[_Hit, Normalized]]) -> list[Match]:
        """Map hits (each in the coordinates of its own text) to the original and tidy them."""
        spans: list[_Hit] = []
        for (s, e, entry, form, denied), where in hits:
            os_, oe = where.source_span(s, e)
            spans.append((os_, oe, entry, form, denied))
        return [
            Match(s, e, entry, form, text[s:e].lower() != form, denied)
            for s, e, entry, form, denied in _drop_nested(spans)
        ]


def _slots(entries: Iterable[Entry], allow: Iterable[AllowEntry]) -> dict[str, _Slot]:
    slots: dict[str, _Slot] = {}
    for e in entries:
        s = slots.setdefault(e.key, _Slot(len(e.key)))
        s.entries += (e,)
    for a in allow:
        s = slots.setdefault(a.key, _Slot(len(a.key)))
        s.allow += (a,)
    return slots


def _automaton(slots: dict[str, _Slot], signals: Iterable[str] = ()) -> Any:
    auto: Any = ahocorasick.Automaton()
    for key, slot in slots.items():
        auto.add_word(key, (slot.length, slot.entries, bool(slot.allow), False, key))
    for sig in signals:
        sig_slot = slots.get(sig)
        entries = sig_slot.entries if sig_slot else ()
        auto.add_word(sig, (len(sig), entries, bool(sig_slot and sig_slot.allow), True, sig))
    auto.make_automaton()
    return auto


def _scan(
    auto: Any, t: str, lo: int, hi: int
) -> tuple[list[tuple[int, int, tuple[Entry, ...]]], list[tuple[int, int]], list[tuple[int, str]]]:
    hits: list[tuple[int, int, tuple[Entry, ...]]] = []
    allows: list[tuple[int, int]] = []
    signals: list[tuple[int, str]] = []
    # A slice, not iter(t, lo, hi): pyahocorasick copies the whole string on every call.
    window = t if lo == 0 and hi == len(t) else t[lo:hi]
    for last, (length, entries, allow, signal, key) in auto.iter(window):
        end = last + 1 + lo
        if entries:
            hits.append((end - length, end, entries))
        if allow:
            allows.append((end - length, end))
        if signal:
            signals.append((end - length, key))
    return hits, allows, signals


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(windows):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _touches(windows: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Does ``[s, e)`` overlap one of the sorted, disjoint ``windows`` (whose starts are ``starts``)?"""
    k = bisect.bisect_left(starts, e)  # windows starting at or after e cannot overlap
    return k > 0 and windows[k - 1][1] > s


def _drop_nested(hits: list[_Hit]) -> list[_Hit]:
    """Drop a hit inside a longer (or equal) hit of the same category ("fuck" inside "fuck off").

    Denied hits nest among themselves only: a denial never hides a real hit.
    """
    hits.sort(key=lambda h: (h[0], -h[1]))
    reach: dict[tuple[str, bool], int] = {}  # (category, denied) -> furthest end of a kept hit
    keep = []
    for h in hits:
        cat = (h[2].category, h[4])
        if reach.get(cat, -1) >= h[1]:
            continue
        reach[cat] = max(reach.get(cat, -1), h[1])
        keep.append(h)
    return keep
