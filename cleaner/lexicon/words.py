"""Chinese word boundaries from jieba, asked only around a candidate hit.

Chinese has no spaces, so "does this term sit inside an ordinary word" is a
segmentation question: 事逼 inside 这事逼得我 straddles 这事|逼, 滚 inside
回滚 is half of one word.  jieba answers it, but at a few MB/s and with a
second of dictionary loading, so it is loaded on first need and only ever
sees a short window of Chinese around a hit (a hit is rare).  The HMM for
unknown words stays on: dictionary-only segmentation splits everyday
phrases missing from the dictionary into single characters (这事 -> 这|事),
which would let 事逼 fire inside 这事逼得我; jieba's output is deterministic
for a given window either way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from cleaner.lexicon.normalize import is_cjk

WINDOW = 12  # Chinese characters of context on each side

_tokenizer: Any = None
_extra: tuple[str, ...] = ()
_lock = threading.Lock()


def teach(words: Iterable[str]) -> None:
    """Make jieba cut these words whole (the lexicon's Chinese terms and allowlist phrases).

    Without them HMM guesses glue a term to its neighbours (真是个事逼 ->
    个事|逼) and the term would look like it sat inside a word.
    """
    global _extra, _tokenizer
    new = tuple(sorted(set(_extra) | {w for w in words if any(is_cjk(c) for c in w)}))
    if new != _extra:
        with _lock:
            _extra, _tokenizer = new, None
            _boundaries.cache_clear()


def _jieba() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                # Its own cache file: jieba's default one in /tmp is shared by every process.
                tk.cache_file = "sft_cleaner_jieba.cache"
                tk.initialize()
                for w in _extra:
                    tk.add_word(w)
                _tokenizer = tk
    return _tokenizer


def warm() -> None:
    """Load jieba now: a batch worker pays the second once in setup, not inside its first Chinese record."""
    _jieba()


@lru_cache(maxsize=4096)
def _boundaries(window: str) -> frozenset[int]:
    cuts = {0}
    pos = 0
    for w in _jieba().cut(window, HMM=True):
        pos += len(w)
        cuts.add(pos)
    return frozenset(cuts)


def on_word_boundaries(t: str, s: int, e: int) -> bool:
    """True unless ``t[s:e]`` starts or ends inside a jieba word (only Chinese edges are checked)."""
    cjk_start, cjk_end = is_cjk(t[s]), is_cjk(t[e - 1])
    if not (cjk_start or cjk_end):
        return True
    left = s
    while left > 0 and s - left < WINDOW and is_cjk(t[left - 1]):
        left -= 1
    right = e
    while right < len(t) and right - e < WINDOW and is_cjk(t[right]):
        right += 1
    cuts = _boundaries(t[left:right])
    return (not cjk_start or (s - left) in cuts) and (not cjk_end or (e - left) in cuts)
