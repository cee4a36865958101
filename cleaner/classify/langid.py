"""Route prose to the language models that exist: English and Chinese.

Only en and zh models ship, so language identification reduces to a script
count: CJK characters versus Latin-script words.  A sentence can go to both
(mixed "这个 bug 太傻逼了, fix it"), to neither (Cyrillic, Hangul, emoji only).
Measured on the sentences of the training sets (real segmenter), the
router sends 99.3% of COLD sentences, 97.9% of locked-issues, 98.9% of
Senti4SD, 99.6% of STRUDEL and 98.4% of Davidson sentences to their set's
language; almost all the rest go nowhere (emoji, numbers, a lone letter),
and 0.5% or less only to the other language (Chinese quoted in an English
issue).  About 10-20 us per sentence.  py3langid (offline, 97 languages), on
the sentences of the first 3,000 rows of each set, gets the set's language
right for 94.9% (COLD), 89.6% (locked issues) and 94.1% (Senti4SD) at
150-350 us per sentence: short developer sentences read as other languages.
Non-English Latin-script prose still goes to the English model: a known,
documented limitation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
_ASCII_WORD = re.compile(r"[A-Za-z]{2}")
_EN = ("en",)

# Share of the sentence's units (CJK characters + Latin words) a script needs.
MIN_SHARE = 0.3
# In a mixed sentence, this many Latin words before English models see it:
# Chinese prose names things in English ("请看 README", "用 docker compose").
MIN_LATIN_WORDS_IN_MIXED = 3


def _script_counts_by_regex(text: str) -> tuple[int, int]:
    """(CJK characters, Latin words of two or more letters): the definition, and the pure build's path."""
    return len(_CJK.findall(text)), len(_LATIN_WORD.findall(text))


def _load_native() -> Callable[[str], tuple[int, int]] | None:
    """The compiled build's counter (cleaner/classify/_scripts.c), None in a pure install.

    It is :func:`_script_counts_by_regex` in one pass of C; routing was 4% of
    the cleaning stages' instructions.
    """
    try:
        from cleaner.classify._scripts import script_counts
    except ImportError:
        return None
    return script_counts


_native_counts = _load_native()


def route(text: str) -> tuple[str, ...]:
    """Languages whose models should score ``text``: a subset of ("en", "zh")."""
    if _native_counts is not None:
        cjk, latin = _native_counts(text)  # on ASCII text: no CJK, and Latin words decide as below
    elif text.isascii():  # most developer prose: no CJK to count, one Latin word decides
        return _EN if _ASCII_WORD.search(text) else ()
    else:
        cjk, latin = _script_counts_by_regex(text)
    units = cjk + latin
    if not units:
        return ()
    langs = []
    if latin and latin / units >= MIN_SHARE and (not cjk or latin >= MIN_LATIN_WORDS_IN_MIXED):
        langs.append("en")
    if cjk and cjk / units >= MIN_SHARE:
        langs.append("zh")
    return tuple(langs)


def dominant(text: str) -> str | None:
    """The single language of a whole turn, for turn-level scores."""
    cjk, latin = _native_counts(text) if _native_counts is not None else _script_counts_by_regex(text)
    if not cjk and not latin:
        return None
    return "zh" if cjk >= latin else "en"
