"""Chinese word boundaries from jieba, asked only around a candidate hit.

Chinese has no spaces, so "does this term sit inside an ordinary word" is a
segmentation question: 事逼 inside 这事逼得我 straddles 这事|逼, 滚 inside
回滚 is half of one word.  jieba answers it, but at a few MB/s and with a
dictionary to load (0.3 s from the startup cache), so it only ever
sees a short window of Chinese around a hit (a hit is rare).  The HMM for
unknown words stays on: dictionary-only segmentation splits everyday
phrases missing from the dictionary into single characters (这事 -> 这|事),
which would let 事逼 fire inside 这事逼得我; jieba's output is deterministic
for a given window either way.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
import threading
from array import array
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from cleaner.lexicon.normalize import is_cjk
from cleaner.startup_cache import cached, key_of

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
                tk.FREQ, tk.total = _prefix_dict(jieba, tk)
                tk.initialized = True
                for w in _extra:
                    tk.add_word(w)
                _tokenizer = tk
    return _tokenizer


def _prefix_dict(jieba: Any, tk: Any) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary (every word and word prefix with its count) and the total count.

    Built by jieba itself, cached by us: jieba's marshal cache takes 1.4 s
    to load, longer than building from dict.txt (1.2 s); words and counts
    read back from flat arrays take 0.3 s.
    """
    dict_txt = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    st = os.stat(dict_txt)
    key = key_of(jieba.__version__, str(st.st_size), str(st.st_mtime_ns), sys.byteorder)
    return cached("jieba-prefix-dict", key, lambda: tk.gen_pfdict(tk.get_dict_file()), _encode, _decode)


_HEAD = struct.Struct("<qqq")  # number of words, total count, bytes of words


def _encode(value: tuple[dict[str, int], int]) -> bytes:
    freq, total = value
    text = "\n".join(freq).encode()
    return _HEAD.pack(len(freq), total, len(text)) + array("q", freq.values()).tobytes() + text


def _decode(data: bytes) -> tuple[dict[str, int], int]:
    if len(data) < _HEAD.size:
        raise ValueError(f"{len(data)} bytes, shorter than the head")
    n, total, text_bytes = _HEAD.unpack_from(data)
    if len(data) != _HEAD.size + 8 * n + text_bytes:
        raise ValueError(f"{len(data)} bytes, not the {_HEAD.size + 8 * n + text_bytes} its head says")
    counts = array("q")
    counts.frombytes(data[_HEAD.size : _HEAD.size + 8 * n])
    words = data[_HEAD.size + 8 * n :].decode().split("\n") if n else []
    return dict(zip(words, counts, strict=True)), total


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


@lru_cache(maxsize=4096)
def chinese_words_weight(run: str) -> float:
    """jieba's words in a run of Chinese characters, one-character words 1, longer ones 1.5.

    How much a remainder still says (cleaner.policy.clauses.content_words).
    """
    return sum(1.0 if len(w) == 1 else 1.5 for w in _jieba().cut(run, HMM=True))
