"""The one text transform shared by ``cleaner train`` and the fastText stage.

A classifier is only as good as the agreement between what it was trained on
and what it sees at run time, so both sides call :class:`Preprocessor` and
the model's manifest records :meth:`Preprocessor.describe`; the stage rebuilds
the same preprocessor from the manifest and refuses a model whose recipe this
build cannot reproduce.

Steps, in order, on the ``Sentence.text`` the segmenter produced (code
already replaced by a placeholder):

1. URLs -> ``URL``, @mentions -> ``USER`` (first: the leetspeak fold would
   read "@bob" as "abob");
2. normalization: ``cleaner.lexicon.normalize.normalize`` when that module is
   importable (the lexicon stage's de-obfuscation); then, for models trained
   since the thirteenth session, the technical terms of
   ``lexicons/technical_terms.txt`` (垃圾回收, 垃圾邮件) -> ``term``, since
   their first word is an insult in the training data; then NFKC + casefold,
   and digit runs -> ``0``;
3. tokens: words (Latin script, apostrophes kept), runs of ``!``/``?``,
   single punctuation; every CJK character is its own token (word n-grams
   over characters give the character bigrams Chinese needs without a
   segmenter, measured as good as jieba and faster);
4. ``__caps__`` when a sentence shouts (mostly capitals over 12+ letters);
5. lexicon features ``__lex_<category>`` / ``__lexsev_<n>`` from the lexicon
   stage's matcher on the original sentence (lexicon_features.py).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from cleaner.classify.errors import PreprocessMismatch

RECIPE_VERSION = 1

_URL = re.compile(r"https?://\S+|www\.\S+")
# "@" not after a word character or another "@".  Written to start with the
# literal "@" (the look-behind checks the character before it): a pattern that
# starts with a look-behind has no prefix the regex engine can skip to, and
# ran at every position of the text, 40x slower.  A test holds it equal to the
# look-behind-first form.
_MENTION = re.compile(r"@(?<![\w@]@)[\w-]+")
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One CJK character | a run of other letters (apostrophe inside kept) | digits | !?-runs | ellipsis | a symbol.
# "Other letters" is one negated class (word characters but digits, _ and CJK): the same
# set as a CJK look-ahead before every letter, 1.5x faster (a test holds the two equal).
_TOKEN = re.compile(
    rf"[{_CJK_CLASS}]|[^\W\d_{_CJK_CLASS}]+(?:'[^\W\d_{_CJK_CLASS}]+)?|\d+|[!?]+|\.{{3}}|[^\w\s]"
)
_CJK = re.compile(f"[{_CJK_CLASS}]")


@cache
def _import_normalizer() -> Callable[[str], str] | None:
    try:
        from cleaner.lexicon.normalize import normalize
    except ImportError:
        return None
    return lambda text: normalize(text).text


@cache
def _import_lexicon_features() -> Callable[[str, str], list[str]] | None:
    try:
        from cleaner.classify.lexicon_features import lexicon_tokens
    except ImportError:
        return None
    return lexicon_tokens


def _lexicon_fingerprint() -> str | None:
    try:
        from cleaner.classify.lexicon_features import lexicon_fingerprint
    except ImportError:
        return None
    return lexicon_fingerprint()


@dataclass(frozen=True, slots=True)
class _Terms:
    pattern: re.Pattern[str] | None  # longest first, so 垃圾回收器 wins over 垃圾回收
    ascii: bool  # whether any term is ASCII (if not, ASCII text is skipped without a scan)
    fingerprint: str


@cache
def _technical_terms() -> _Terms:
    from cleaner.resources import lexicons_dir

    lines = (lexicons_dir() / "technical_terms.txt").read_text(encoding="utf-8").splitlines()
    terms = sorted({ln.strip().casefold() for ln in lines if ln.strip() and not ln.startswith("#")},
                   key=lambda t: (-len(t), t))
    pattern = re.compile("|".join(map(re.escape, terms))) if terms else None
    fingerprint = hashlib.sha256("\n".join(terms).encode()).hexdigest()[:16]
    return _Terms(pattern, any(t.isascii() for t in terms), fingerprint)


@dataclass(frozen=True, slots=True)
class Preprocessor:
    normalize: bool = True
    lexicon_features: bool = True
    # Technical terms to one neutral token (off for models whose manifest predates the step).
    technical_terms: bool = False

    @classmethod
    def available(cls) -> Preprocessor:
        """The richest recipe this build supports: what ``cleaner train`` uses."""
        return cls(
            normalize=_import_normalizer() is not None,
            lexicon_features=_import_lexicon_features() is not None,
            technical_terms=True,
        )

    @classmethod
    def from_manifest(cls, desc: dict[str, Any]) -> Preprocessor:
        if int(desc.get("version", 0)) != RECIPE_VERSION:
            raise PreprocessMismatch(
                f"model preprocessing version {desc.get('version')} != this build's {RECIPE_VERSION}; "
                "retrain it with `cleaner train`"
            )
        pre = cls(
            normalize=bool(desc["normalize"]),
            lexicon_features=bool(desc["lexicon_features"]),
            technical_terms=bool(desc.get("technical_terms", False)),
        )
        missing = [
            k
            for k, want, have in (
                ("normalize", pre.normalize, _import_normalizer() is not None),
                ("lexicon_features", pre.lexicon_features, _import_lexicon_features() is not None),
            )
            if want and not have
        ]
        if missing:
            raise PreprocessMismatch(f"model needs {', '.join(missing)}, which this build lacks")
        return pre

    def describe(self) -> dict[str, Any]:
        return {
            "version": RECIPE_VERSION,
            "normalize": self.normalize,
            "lexicon_features": self.lexicon_features,
            "lexicon_fingerprint": _lexicon_fingerprint() if self.lexicon_features else None,
            "technical_terms": self.technical_terms,
            "technical_terms_fingerprint": _technical_terms().fingerprint if self.technical_terms else None,
            "steps": "URL/USER -> normalize? -> technical terms? -> NFKC+casefold -> 0 -> word+CJK-char tokens"
            " -> __caps__ -> __lex_*",
        }

    def __call__(self, text: str, lang: str) -> str:
        """One fastText input line (no label, no newline) for one piece of prose."""
        shouting = _shouting(text)
        lex = _import_lexicon_features() if self.lexicon_features else None
        lex_tokens = lex(text, lang) if lex is not None else []
        tokens = _tokens(self._text(text.replace(_SEP, " ")))
        if shouting:
            tokens.append("__caps__")
        tokens.extend(lex_tokens)
        return " ".join(tokens)

    def many(self, texts: Sequence[str], lang: str) -> list[str]:
        """``[self(t, lang) for t in texts]``, in one pass over the texts joined.

        Sentences are short, so calling the steps once per sentence costs
        mostly call overhead; joined by a NUL between newlines, no step acts
        across the join (every rewrite stops at a newline, NUL is a token of
        its own and is taken out of the texts first), and the NUL tokens cut
        the one token line back into the sentences' lines.  The tests hold
        this equal to calling :meth:`__call__` per text.
        """
        lines = self.joined(texts) if len(texts) > 1 and not self.lexicon_features else None
        # None cannot happen (see above); if it did, never mix up two sentences' lines.
        return lines if lines is not None else [self(t, lang) for t in texts]

    def joined(self, texts: Sequence[str]) -> list[str] | None:
        """The lines of ``texts`` from one joined pass; None if the joins did not survive it.

        ASCII texts and the others go in two passes: one Chinese sentence or
        curly quote would put a whole batch on the slower Unicode tokenizer.
        """
        is_ascii = [t.isascii() for t in texts]
        ascii_idx = [i for i, a in enumerate(is_ascii) if a]
        if not 0 < len(ascii_idx) < len(texts):
            return self._joined(texts)
        other_idx = [i for i, a in enumerate(is_ascii) if not a]
        out = [""] * len(texts)
        for idx in (ascii_idx, other_idx):
            lines = self._joined([texts[i] for i in idx])
            if lines is None:
                return None
            for i, line in zip(idx, lines, strict=True):
                out[i] = line
        return out

    def _joined(self, texts: Sequence[str]) -> list[str] | None:
        joined = _JOIN.join(t.replace(_SEP, " ") for t in texts)
        line = _line(self._text(joined))
        parts = [p.strip(" ") for p in line.split(_SEP)]
        if len(parts) != len(texts):
            return None
        for i in _shouting_in(texts, joined):
            parts[i] = f"{parts[i]} __caps__" if parts[i] else "__caps__"
        return parts

    def _text(self, text: str) -> str:
        # Before normalizing: its leetspeak fold would read "@bob" as "abob".
        text = _MENTION.sub(" USER ", _URL.sub(" URL ", text))
        norm = _import_normalizer() if self.normalize else None
        if norm is not None:
            text = norm(text)
        if self.technical_terms:
            terms = _technical_terms()
            if terms.pattern is not None and (terms.ascii or not text.isascii()):
                text = terms.pattern.sub(" term ", text.casefold())
        return unicodedata.normalize("NFKC", text).casefold()


_SEP = "\x00"
_JOIN = f"\n{_SEP}\n"


# _TOKEN restricted to ASCII text, where it matches the same tokens about 1.3x
# faster (Unicode class lookups cost more than an ASCII range); most developer
# prose is ASCII.  A Hypothesis test holds the two equal.
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+|[!?]+|\.{3}|[^\w\s]")


_ASCII_DIGITS = re.compile(r"[0-9]+")
# _ASCII_TOKEN for what _tokens hands it after casefolding: no capitals, every digit run
# already "0".  Explicit ASCII classes instead of the \w/\s/\d category tests (\s
# includes \x1c-\x1f), the single symbol tried before the rarer runs: 23% fewer
# instructions than _ASCII_TOKEN (callgrind, 627k characters of prose).  A Hypothesis
# test holds _tokens equal to the plain pattern.
_LOWER_ASCII_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[^A-Za-z0-9_ \t\n\r\f\v\x1c-\x1f!?.]|0|[!?]+|\.(?:\.\.)?")
_ASCII_CAPITAL = re.compile("[A-Z]")



def _native_token_line() -> Callable[[str], str] | None:
    """The compiled build's tokenizer (cleaner/classify/_tokens.c), None in a pure install.

    It is :func:`_tokens_by_regex` in one pass of C, 16-23x faster: tokenizing
    was 14% of the cleaning stages' instructions.  A pure install tokenizes
    with the regexes; the two give the same lines.
    """
    try:
        from cleaner.classify._tokens import token_line
    except ImportError:
        return None
    return token_line


_token_line = _native_token_line()


def _tokens(text: str) -> list[str]:
    if _token_line is not None:
        line = _token_line(text)
        return line.split(" ") if line else []
    return _tokens_by_regex(text)


def _line(text: str) -> str:
    """``" ".join(_tokens(text))``: the native tokenizer writes it without token objects."""
    if _token_line is not None:
        return _token_line(text)
    return " ".join(_tokens_by_regex(text))


def _tokens_by_regex(text: str) -> list[str]:
    """The tokenizer's definition (and the pure build's tokenizer); the native one is held equal to it."""
    if text.isascii():
        # Digit runs are tokens of their own, so writing each as "0" first gives the
        # same tokens as mapping them afterwards, without a Python test per token.
        text = _ASCII_DIGITS.sub("0", text)
        if _ASCII_CAPITAL.search(text) is None:
            return _LOWER_ASCII_TOKEN.findall(text)
        return _ASCII_TOKEN.findall(text)
    return ["0" if word.isdigit() else word for word in _TOKEN.findall(text)]


# Shouting: at least this many characters and ASCII letters, this share of them capitals.
_SHOUT_MIN = 12
_SHOUT_SHARE = 0.6


def _shouting(text: str) -> bool:
    """Mostly capitals over a real stretch of text; acronyms (API, JSON, HTTP) alone never are."""
    if len(text) < _SHOUT_MIN:
        return False
    # Counts of ASCII capitals and small letters; UTF-8 never puts an ASCII byte inside another character.
    raw = text.encode("utf-8", "surrogatepass")
    upper = len(raw.translate(None, _NOT_UPPER))
    letters = upper + len(raw.translate(None, _NOT_LOWER))
    return letters >= _SHOUT_MIN and upper / letters >= _SHOUT_SHARE


def _shouting_in(texts: Sequence[str], joined: str) -> list[int]:
    """Indices of the texts that :func:`_shouting` calls shouting, from one pass over their join.

    ``joined`` is the texts joined by ``_JOIN`` with no NUL inside a text, so
    the NUL bytes of its UTF-8 cut it back into the texts, and a text's
    letters are counted in its own stretch (the join's newlines are not
    letters).  One vector pass instead of an encode and two translates per
    sentence; a test holds it equal to the per-text function.
    """
    raw = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    if not raw.size:  # one empty text
        return []
    # Each text's stretch starts at 0 or at its NUL; the join puts a newline on both
    # sides of every NUL, so no stretch is empty and reduceat sums each one.
    starts = np.concatenate(([0], np.flatnonzero(raw == 0)))
    upper = np.add.reduceat((raw - np.uint8(0x41) < 26).astype(np.int64), starts)
    letters = upper + np.add.reduceat((raw - np.uint8(0x61) < 26).astype(np.int64), starts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    with np.errstate(divide="ignore", invalid="ignore"):
        shout = (lengths >= _SHOUT_MIN) & (letters >= _SHOUT_MIN) & (upper / letters >= _SHOUT_SHARE)
    return np.flatnonzero(shout).tolist()


_NOT_UPPER = bytes(c for c in range(256) if not 0x41 <= c <= 0x5A)
_NOT_LOWER = bytes(c for c in range(256) if not 0x61 <= c <= 0x7A)


def cjk_share(text: str) -> float:
    """Share of CJK characters among the letters of ``text`` (0 when it has none)."""
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return 0.0
    return len(_CJK.findall(text)) / letters
