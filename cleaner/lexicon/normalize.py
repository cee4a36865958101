"""Fold text to one canonical form for matching, keeping a map back to the original.

Obfuscated abuse ("Ｆ.Ｕ.Ｃ.Ｋ", "sh1t", "傻 逼", "幹你娘", "fuuuck") and its
plain form must hit the same lexicon entry, and a hit must still point at the
exact characters of the original so the policy can neutralize them.  Every
step below either maps one character to one character or deletes characters,
and ``offsets`` records where each surviving character came from.  The
lexicon files are folded with this same function, which is why terms are
written in their plain form.

The classifier reuses ``normalize`` for its features at training and at
inference time, so it is deterministic and depends on no lexicon.

Steps:

1. Per-character fold (one table, built once per process): NFKC (full-width
   to half-width, ligatures, compatibility forms), casefold, combining marks
   and invisible format characters (zero-width space, soft hyphen, variation
   selectors, skin-tone modifiers) removed, accents dropped from Latin
   letters (``fúck``), curly quotes to straight ones, angle brackets ⟨⟩〈〉 to <>,
   traditional to simplified Chinese by OpenCC ``t2s`` applied character by
   character (phrase-level conversions do not matter for matching); then
   runs of spaces and tabs down to one space (newlines stay: they separate
   sentences).
2. Leetspeak, only where a symbol or digit touches letters: ``$hit``/``a$$``
   (``$``→s), ``@ss``/``b@stard`` (``@``→a, not in ``@octocat``), ``sh!t``
   (``!``→i between letters), digit
   runs between letters ``sh1t``, ``a55hole`` (0→o 1→i 3→e 4→a 5→s 7→t
   8→b), and then a leading digit run of the same word (``1d10t``).
   ``h264``, ``x86``, ``Galaxy A55`` stay as they are.  ``#`` between letters
   becomes the mask ``*`` (``f#ck``); masks stay in the text for the matcher
   to resolve against the lexicon.
3. Deletions, all found on the text of step 2 and applied together:
   separators inside a word spelled as three or more single letters with one
   repeated separator (``f.u.c.k``, ``f u c k``, ``s-h-i-t``); up to three
   spaces or symbols between two Chinese characters (``傻 逼``, ``傻*逼``);
   runs of three or more of one letter inside a word down to one
   (``fuuuck``; ``www`` and ``xxx`` alone stay).  Repeated Chinese
   characters stay (滚滚滚: the rules skip repeats themselves).

Known limits, on purpose: doubled letters (``fuuck``) are not collapsed,
since that would turn ``ass`` into ``as``; "e.g. i.e." is left alone because
its separator is not repeated.

Speed: the text of most prose changes in step 1 only.  :data:`SIGNALS` lists
every substring at which steps 2-3 can change non-Chinese text; a caller that
already knows where they occur (the matcher finds them in the same automaton
pass as the terms) calls :func:`normalize_at` and pays only for those places.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from cleaner.startup_cache import cached, key_of

__all__ = [
    "CJK_RX",
    "SIGNALS",
    "SPLIT_SIGNALS",
    "Normalized",
    "fold",
    "is_cjk",
    "may_have_split_words",
    "normalize",
    "normalize_at",
    "normalize_reference",
]

_LEET_DIGITS = str.maketrans("0134578", "oieastb")
# Curly quotes, and angle brackets.
_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u27e8": "<",
    "\u27e9": ">",
    "\u3008": "<",
    "\u3009": ">",
}
_ASTRAL_DROP = re.compile("[\U0001f3fb-\U0001f3ff\U000e0000-\U000e0fff]")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LETTER_SET = frozenset(_LETTERS)
_NON_ASCII = re.compile("[^\x00-\x7f]")


def is_cjk(ch: str) -> bool:
    """A Han ideograph (the only script here whose words are not space-separated)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F or 0xF900 <= o <= 0xFAFF


class _Offsets(Sequence[int]):
    """Piecewise map from normalized index to original index.

    Deletions cut the text into kept runs; storing one (start, source) pair
    per run keeps normalization O(edits) instead of one Python int per
    character.
    """

    __slots__ = ("_base", "_n", "_src", "_starts")

    def __init__(self, starts: list[int], src: list[int], base: Sequence[int], n: int) -> None:
        self._starts, self._src, self._base, self._n = starts, src, base, n

    def __len__(self) -> int:
        return self._n

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(other) == self._n and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._base[self.to_fold(i)]

    def to_fold(self, i: int) -> int:
        k = bisect.bisect_right(self._starts, i) - 1
        return self._src[k] + i - self._starts[k]

    def from_fold(self, p: int) -> int:
        """Normalized index of folded position ``p`` (of the next kept character if deleted)."""
        k = bisect.bisect_right(self._src, p) - 1
        if k < 0:
            return 0
        run = (self._starts[k + 1] if k + 1 < len(self._starts) else self._n) - self._starts[k]
        return self._starts[k] + min(p - self._src[k], run)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Folded text plus, for each of its characters, the original index it came from.

    ``edits`` lists the positions of the folded text (before deletions) that
    steps 2-3 changed; the matcher rescans only around them.
    """

    text: str
    offsets: Sequence[int]
    edits: tuple[int, ...] = field(default=())
    # Normalized index -> index in fold()'s text, where steps 2-3 deleted something; None: the same.
    # Not ``offsets``: fold() itself deletes (space runs), so its offsets are not this map.
    fold_map: _Offsets | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering normalized ``[start, end)``."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def to_fold(self, i: int) -> int:
        """Position in :func:`fold`'s text of normalized index ``i``."""
        return self.fold_map.to_fold(i) if self.fold_map is not None else i

    def from_fold(self, p: int) -> int:
        return self.fold_map.from_fold(p) if self.fold_map is not None else p


# --- step 1: the per-character fold ---------------------------------------------------------------


class _FoldTable(dict):
    """``str.translate`` table: code point -> folded string ('' deletes).

    The BMP is filled on first use (0.6 s to fold, about 0.1 s to read back from
    the startup cache); astral code points are folded when first seen.
    ``irregular`` holds every code point whose fold is not exactly one
    character (or whose fold lower() would change again), the only ones
    that need the careful, offset-tracking path.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[int] = set()
        folds = cached("fold-table", _bmp_key(), _fold_bmp, _encode_folds, _decode_folds)
        lowers = []
        for cp, out in zip(_BMP, folds, strict=True):
            self._set(cp, out)
            ch = chr(cp)
            low = ch.lower()
            if out == low and len(low) == 1 and out.lower() == out:
                lowers.append(ch)
        # Characters whose fold is exactly what str.lower() gives (ASCII, Chinese, most letters).
        self.lowers = frozenset(lowers)

    def _set(self, cp: int, out: str) -> str:
        self[cp] = out
        if len(out) != 1 or out.lower() != out:  # the latter: Cherokee, whose casefold is upper case
            self.irregular.add(cp)
        return out

    def __missing__(self, cp: int) -> str:
        return self._set(cp, _fold_char(cp, None))


_BMP = [cp for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]


def _fold_char(cp: int, t2s: Any) -> str:
    ch = chr(cp)
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or _ASTRAL_DROP.match(ch):
        return ""
    if ch in _QUOTES:
        return _QUOTES[ch]
    out = unicodedata.normalize("NFKC", ch).casefold()
    out = "".join(c for c in out if unicodedata.category(c) not in ("Mn", "Me", "Cf"))
    bare = "".join(c for c in unicodedata.normalize("NFD", out) if unicodedata.category(c) != "Mn")
    if bare.isascii():  # fúck -> fuck; other scripts keep their letters whole
        out = bare
    if t2s is not None and len(out) == 1 and is_cjk(out):
        conv = t2s.convert(out)
        if len(conv) == 1:
            out = conv
    return out


def _fold_bmp() -> list[str]:
    # Imported here: OpenCC holds a C++ object that must never be created
    # at import time or travel inside anything Beam pickles.
    import opencc

    t2s = opencc.OpenCC("t2s")
    return [_fold_char(cp, t2s) for cp in _BMP]


def _bmp_key() -> str:
    """Everything the BMP folds derive from: Unicode's tables, OpenCC's, and this file."""
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return key_of(unicodedata.unidata_version, metadata.version("OpenCC"), source)


def _encode_folds(folds: list[str]) -> bytes:
    return json.dumps(folds).encode()


def _decode_folds(data: bytes) -> list[str]:
    folds = json.loads(data)
    if not (isinstance(folds, list) and len(folds) == len(_BMP) and all(type(f) is str for f in folds)):
        raise ValueError(f"expected {len(_BMP)} folded strings")
    return folds


_table: tuple[_FoldTable, re.Pattern[str], re.Pattern[str]] | None = None
_lock = threading.Lock()


def _fold_table() -> tuple[_FoldTable, re.Pattern[str], re.Pattern[str]]:
    """The table, a regex for characters that fold irregularly, and one for those lower() gets wrong."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                table = _FoldTable()
                # Astral characters all take the careful path: any of them may fold irregularly.
                irregular = re.compile(f"[{_ranges(table.irregular)}\U00010000-\U0010ffff]")
                odd = {
                    cp for cp in range(0x10000) if chr(cp) not in table.lowers and not 0xD800 <= cp <= 0xDFFF
                }
                _table = (table, irregular, re.compile(f"[{_ranges(odd)}]"))
    return _table


def _ranges(cps: set[int]) -> str:
    """A character-class body for ``cps``, as ranges so the pattern stays small."""
    out, run = [], []
    for cp in sorted(cps):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            out.append(_range(run[0], run[-1]))
        run = [cp]
    if run:
        out.append(_range(run[0], run[-1]))
    return "".join(out)


def _range(a: int, b: int) -> str:
    return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"


def _fold(text: str) -> tuple[str, Sequence[int]]:
    if text.isascii():
        # NFKC is the identity on ASCII and casefold equals lower there.
        return text.lower(), range(len(text))
    table, irregular, odd = _fold_table()
    if len(text.encode("utf-8")) - len(text) < len(text) // 4:
        # Mostly ASCII (English with a curly quote or an accent): look at
        # the few distinct non-ASCII characters only.
        chars = set(_NON_ASCII.findall(text))
        if any(ord(c) in table.irregular or ord(c) > 0xFFFF for c in chars):
            return _fold_irregular(text, table, irregular)
        bad = frozenset(c for c in chars if c not in table.lowers)
        if bad:
            text = _class(bad).sub(lambda m: table[ord(m.group())], text)
        return text.lower(), range(len(text))
    if irregular.search(text) is not None:
        return _fold_irregular(text, table, irregular)
    # str.translate looks every character up in a Python dict (a few MB/s on Chinese).
    # Instead only the characters lower() would not fold right (full-width forms,
    # traditional characters, curly quotes, accents) are replaced, found by one
    # character-class scan, and lower() does the rest.
    return odd.sub(lambda m: table[ord(m.group())], text).lower(), range(len(text))


@lru_cache(maxsize=512)
def _class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")


def _fold_irregular(text: str, table: _FoldTable, irregular: re.Pattern[str]) -> tuple[str, list[int]]:
    """Fold with a real offset list: some character becomes zero or several characters."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in irregular.finditer(text):
        i = m.start()
        parts.append(text[pos:i].translate(table))
        offsets.extend(range(pos, i))
        folded = text[i].translate(table)
        parts.append(folded)
        offsets.extend([i] * len(folded))
        pos = i + 1
    parts.append(text[pos:].translate(table))
    offsets.extend(range(pos, len(text)))
    return "".join(parts), offsets


def fold(text: str) -> Normalized:
    """Step 1 only: cheap, and equal to :func:`normalize` wherever no signal occurs."""
    t, off = _fold(text)
    return _collapse_spaces(t, off)


def _collapse_spaces(t: str, off: Sequence[int]) -> Normalized:
    """Runs of spaces and tabs down to one space (found with str.find: no regex pass over prose)."""
    if "\t" in t:
        dels = [(m.start() + 1, m.end()) for m in _SPACES.finditer(t)]
    else:
        dels = []
        i = t.find("  ")
        while i >= 0:
            e = i + 2
            while e < len(t) and t[e] == " ":
                e += 1
            dels.append((i + 1, e))
            i = t.find("  ", e)
    if not dels:
        return Normalized(t, off)
    n = _apply(t, off, dels, [])
    return Normalized(n.text, n.offsets)  # not an edit: the fold itself


# --- step 2: leetspeak (length-preserving) --------------------------------------------------------

_LEET_SEED = re.compile(r"[$@!#][a-z]|[a-z]\$|[0134578][a-z]")
_TOKEN_CHARS = frozenset(_LETTERS + "0123456789$@!#*")
_LEET_DOLLAR = re.compile(r"(?<=[a-z])\$+|\$+(?=[a-z])")
# @ inside a word (b@stard) or as the a of @ss; not the @ of a mention (@octocat).
_LEET_AT = re.compile(r"(?<=[a-z])@(?=[a-z])|@(?=ss)")
_LEET_BANG = re.compile(r"(?<=[a-z])[!#](?=[a-z])")
_LEET_DIGIT = re.compile(r"(?<=[a-z])[0134578]+(?=[a-z])")
_LEET_LEAD = re.compile(r"^[0134578]+(?=[a-z])")  # the token's start, only in a word already leet
_MAX_TOKEN = 64


def _leet_token(tok: str) -> str:
    tok = _LEET_DOLLAR.sub(lambda m: "s" * len(m.group()), tok)
    tok = _LEET_AT.sub("a", tok)
    tok = _LEET_BANG.sub(lambda m: "i" if m.group() == "!" else "*", tok)
    leet = _LEET_DIGIT.sub(lambda m: m.group().translate(_LEET_DIGITS), tok)
    if leet != tok:  # 1d10t -> idiot, but 3rd, 5ms, 8gb stay
        leet = _LEET_LEAD.sub(lambda m: m.group().translate(_LEET_DIGITS), leet)
    return leet


def _resolve_leet(t: str, seeds: Iterable[int]) -> tuple[str, list[int]]:
    """Rewrite the tokens around each seed position; returns the text and changed positions."""
    parts: list[str] = []
    changed: list[int] = []
    pos = 0
    n = len(t)
    for i in sorted(seeds):
        if i < pos:
            continue
        a = i
        while a > 0 and t[a - 1] in _TOKEN_CHARS and i - a < _MAX_TOKEN:
            a -= 1
        b = i + 1
        while b < n and t[b] in _TOKEN_CHARS and b - i < _MAX_TOKEN:
            b += 1
        a = max(a, pos)
        tok = t[a:b]
        new = _leet_token(tok)
        parts.append(t[pos:a])
        parts.append(new)
        changed.extend(a + j for j, (x, y) in enumerate(zip(tok, new, strict=True)) if x != y)
        pos = b
    parts.append(t[pos:])
    return "".join(parts), changed


# --- step 3: deletions ------------------------------------------------------------------------------

_SEP_CHARS = " .-_*·~/|+"
_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
CJK_RX = re.compile(_CJK)
_SPLIT_WORD = re.compile(r"(?<![a-z0-9])[a-z]([ .\-_*·~/|+])[a-z](?:\1[a-z])+(?![a-z0-9])")
_SPLIT_CJK = re.compile(rf"(?<={_CJK})[ .\-_*·~/|+]{{1,3}}(?={_CJK})")
_REPEAT = re.compile(r"([a-z])\1{2,}")
# _SPLIT_CJK for normalize_at, written to start on a rare character so the scan is fast.
_SPLIT_CJK_SEP = re.compile(rf"[ .\-_*·~/|+]{{1,3}}(?={_CJK})")
_SPACES = re.compile(r"[ \t]{2,}")


def _split_deletions(m: re.Match[str]) -> list[tuple[int, int]]:
    return [(i, i + 1) for i in range(m.start() + 1, m.end(), 2)]


def _apply(t: str, base: Sequence[int], dels: list[tuple[int, int]], edits: list[int]) -> Normalized:
    if not dels:
        return Normalized(t, base, tuple(sorted(set(edits))))
    dels.sort()
    merged: list[list[int]] = []
    for a, b in dels:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    parts, starts, src = [], [], []
    pos = out = 0
    for a, b in merged:
        if a > pos:
            parts.append(t[pos:a])
            starts.append(out)
            src.append(pos)
            out += a - pos
        edits.extend(range(a, b))
        pos = b
    if pos < len(t):
        parts.append(t[pos:])
        starts.append(out)
        src.append(pos)
        out += len(t) - pos
    if not starts:
        starts, src = [0], [0]
    offsets = _Offsets(starts, src, base, out)
    return Normalized("".join(parts), offsets, tuple(sorted(set(edits))), offsets)


# --- public ---------------------------------------------------------------------------------------------


def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching; see the module docstring for every step.

    Finds the signals with one automaton pass and rewrites only there;
    :func:`normalize_reference` is the same function written as plain regex
    passes, and the tests hold the two equal.
    """
    f = fold(text)
    auto = _signal_automaton(split=may_have_split_words(f.text))
    signals = [(last + 1 - length, sig) for last, (length, sig) in auto.iter(f.text)]
    return normalize_at(f, signals) if signals or not f.text.isascii() else f


def normalize_reference(text: str) -> Normalized:
    """:func:`normalize` as straightforward regex passes over the whole text (slower)."""
    f = fold(text)
    t, edits = _resolve_leet(f.text, (m.start() for m in _LEET_SEED.finditer(f.text)))
    dels: list[tuple[int, int]] = []
    for m in _SPLIT_WORD.finditer(t):
        dels.extend(_split_deletions(m))
    dels.extend(m.span() for m in _SPLIT_CJK.finditer(t))
    dels.extend((m.start() + 1, m.end()) for m in _REPEAT.finditer(t) if _in_word(t, m.start(), m.end()))
    return _apply(t, f.offsets, dels, edits)


def normalize_at(folded: Normalized, signals: Iterable[tuple[int, str]]) -> Normalized:
    """:func:`normalize`, given where :data:`SIGNALS` occur in the folded text.

    ``folded`` is :func:`fold` of the text; ``signals`` are (start, signal)
    pairs.  Equal to ``normalize(text)`` (a property the tests check), at a
    cost proportional to the signals instead of the text.
    """
    t, base = folded.text, folded.offsets
    by_kind: dict[str, list[int]] = {}
    for pos, sig in signals:
        by_kind.setdefault(_KIND[sig], []).append(pos)
    edits: list[int] = []
    if "leet" in by_kind:
        t, edits = _resolve_leet(t, by_kind["leet"])
        # A resolved symbol may complete a new repeat or split word ("a$$$" -> "asss"):
        # every such signal contains a changed character, so look around those only.
        auto = _signal_automaton()
        for p in edits:
            lo = max(p - 3, 0)
            # A slice: iter(t, lo, hi) would copy all of t on every call.
            for last, (length, sig) in auto.iter(t[lo : p + 4]):
                by_kind.setdefault(_KIND[sig], []).append(lo + last + 1 - length)
    dels = _deletions_at(t, by_kind)
    if not t.isascii() and CJK_RX.search(t):
        # Split Chinese characters are not signals (every character would be one).
        for m in _SPLIT_CJK_SEP.finditer(t):
            if m.start() > 0 and is_cjk(t[m.start() - 1]):
                dels.append(m.span())
    return _apply(t, base, dels, edits)


_signal_autos: dict[bool, Any] = {}


def _signal_automaton(split: bool = True) -> Any:
    """Every signal, or all but the split-word ones (for text where no single letters line up)."""
    if split not in _signal_autos:
        import ahocorasick

        auto = ahocorasick.Automaton()
        for sig, kind in _KIND.items():
            if split or kind != "split":
                auto.add_word(sig, (len(sig), sig))
        auto.make_automaton()
        _signal_autos[split] = auto
    return _signal_autos[split]


def _deletions_at(t: str, by_kind: dict[str, list[int]]) -> list[tuple[int, int]]:
    dels: list[tuple[int, int]] = []
    done = -1
    for p in sorted(by_kind.get("split", ())):
        if p - 1 < done:
            continue
        m = _SPLIT_WORD.match(t, p - 1) if p >= 1 else None
        if m is not None:
            dels.extend(_split_deletions(m))
            done = m.end()
    done = -1
    for p in sorted(by_kind.get("repeat", ())):
        if p < done:
            continue
        e = p + 1
        while e < len(t) and t[e] == t[p]:
            e += 1
        if _in_word(t, p, e):
            dels.append((p + 1, e))
        done = e
    return dels


def _in_word(t: str, s: int, e: int) -> bool:
    """A run ``t[s:e]`` of one letter with other letters beside it (fuuuck, not www or xxx)."""
    return (s > 0 and t[s - 1] in _LETTER_SET) or (e < len(t) and t[e] in _LETTER_SET)


def _signals() -> dict[str, str]:
    """Signal substring -> kind of rewrite it may trigger (non-Chinese text)."""
    out: dict[str, str] = {}
    for c in _LETTERS:
        out[c * 3] = "repeat"
    for s in _SEP_CHARS:
        for a in _LETTERS:
            for b in _LETTERS:
                out[s + a + s + b] = "split"
    digits = "0134578"
    for a in _LETTERS:
        out["$" + a] = out[a + "$"] = "leet"  # $hit a$$
        for b in _LETTERS:
            out[a + "!" + b] = out[a + "#" + b] = out[a + "@" + b] = "leet"  # sh!t f#ck b@stard
        for d in digits:
            for b in _LETTERS:
                out[a + d + b] = "leet"  # sh1t
            for e in digits:
                out[a + d + e] = "leet"  # a55hole: a longer digit run between letters
    out["@ss"] = "leet"  # @ss, @sshole
    return out


_KIND = _signals()
SIGNALS: tuple[str, ...] = tuple(sorted(_KIND))
SPLIT_SIGNALS: frozenset[str] = frozenset(s for s, k in _KIND.items() if k == "split")

# Letters -> "a", digits -> "d", anything else (UTF-8 bytes of other characters
# included) -> "s": a split word then always shows as "sasasas", one fast search.
_SHAPE = bytes(
    ord("a") if chr(c) in _LETTERS else ord("d") if chr(c).isdigit() and c < 128 else ord("s")
    for c in range(256)
)


def may_have_split_words(t: str) -> bool:
    """False when ``t`` cannot hold a word spelled in single letters (f.u.c.k).

    Most prose never does, and the split-word signals (single-letter words like
    "a" and "i" hit them everywhere) are then left out of the scan.
    """
    if "·" in t:  # the one separator outside ASCII
        return True
    return b"sasasas" in b"s" + t.encode("utf-8").translate(_SHAPE) + b"s"
