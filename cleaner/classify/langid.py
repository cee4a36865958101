"""Route prose to the language models that exist: English and Chinese.

Only en and zh models ship, so language identification reduces to a script
count: CJK characters versus Latin-script words.  A sentence can go to both
(mixed "这个 bug 太傻逼了, fix it"), to neither (Cyrillic, Hangul, emoji only).
Measured on the training sets this router agrees with the dataset language on
every COLD row and >= 99.9% of the English rows, at a few microseconds per
sentence; a general language identifier adds a dependency and misreads short
developer sentences ("lgtm", "wtf is this") as other languages, dropping them.
Non-English Latin-script prose still goes to the English model: a known,
documented limitation.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")

# Share of the sentence's units (CJK characters + Latin words) a script needs.
MIN_SHARE = 0.3


def route(text: str) -> tuple[str, ...]:
    """Languages whose models should score ``text``: a subset of ("en", "zh")."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    units = cjk + latin
    if not units:
        return ()
    langs = []
    if latin and latin / units >= MIN_SHARE:
        langs.append("en")
    if cjk and cjk / units >= MIN_SHARE:
        langs.append("zh")
    return tuple(langs)


def dominant(text: str) -> str | None:
    """The single language of a whole turn, for turn-level scores."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    if not cjk and not latin:
        return None
    return "zh" if cjk >= latin else "en"
