"""A record's language for grouping and filtering: the reader's word, else a cheap script count.

Readers of Chinese forums set ``meta["lang"]``; other sources do not, and a
review tool does not need a language identifier, only "mostly Chinese
characters or not".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
CJK_SHARE = 0.2  # Chinese prose mixed with English identifiers is still Chinese
SAMPLE_CHARS = 4000  # the opening of a record says its language; reading all of it doubled the scan time


def language(meta: dict[str, Any], texts: Iterable[str]) -> str:
    lang = meta.get("lang") or meta.get("language")
    if isinstance(lang, str) and lang.strip():
        return lang.strip().lower()
    head, n = [], 0
    for t in texts:
        head.append(t[: SAMPLE_CHARS - n])
        n += len(head[-1])
        if n >= SAMPLE_CHARS:
            break
    return script_language(" ".join(head))


def script_language(text: str) -> str:
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk + latin == 0:
        return "und"
    return "zh" if cjk / (cjk + latin) >= CJK_SHARE else "en"
