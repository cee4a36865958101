"""A generated corpus with planted near-duplicates at measured Jaccard similarities.

Recall and false positives of LSH can only be measured against pairs whose
true similarity is known, and real corpora do not say.  So: draw base
documents (English prose with code lines, Chinese prose with code
identifiers), derive one variant of each by a growing number of random token
edits, and stop at the edit count whose *exact* shingle-set Jaccard (under
the same shingling dedup uses) is closest to a target.  Used by the tests
(small, fixed seed) and ``benchmarks/bench_dedup.py`` (large).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cleaner.dedup.settings import DedupSettings
from cleaner.dedup.shingles import jaccard, shingle_batch, shingle_set
from cleaner.dedup.text import normalize

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "ta",
    "so",
    "pe",
    "vi",
    "da",
    "gu",
    "ri",
    "mo",
    "be",
    "ze",
    "fa",
    "chi",
    "xo",
    "ul",
    "an",
    "er",
    "in",
    "on",
    "st",
    "tr",
]
_CODE = [
    "def",
    "return",
    "import",
    "self",
    "np",
    "array",
    "for",
    "in",
    "if",
    "else",
    "print",
    "range",
    "len",
    "dict",
    "list",
    "none",
    "true",
    "false",
]


@dataclass(frozen=True, slots=True)
class PlantedPair:
    base_id: str
    variant_id: str
    jaccard: float
    lang: str


@dataclass(frozen=True, slots=True)
class Corpus:
    docs: list[tuple[str, str]]
    pairs: list[PlantedPair]


def _english_vocab(rng: random.Random, n: int = 4000) -> list[str]:
    words = {"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(n * 2)}
    return sorted(words)[:n]


def _chinese_vocab() -> list[str]:
    return [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def _render(tokens: list[str], lang: str) -> str:
    if lang == "zh":
        # CJK characters run together; code identifiers keep their spaces.
        return "".join(t if len(t) == 1 and t >= "\u4e00" else f" {t} " for t in tokens)
    lines, line = [], []
    for i, t in enumerate(tokens):
        line.append(t)
        if i % 12 == 11:
            lines.append(" ".join(line) + ".")
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def _draw(rng: random.Random, vocab: list[str], n: int, lang: str) -> list[str]:
    out = []
    for _ in range(n):
        # One token in ten is code, so code and prose are both shingled.
        out.append(rng.choice(_CODE) + "_" + rng.choice(vocab) if rng.random() < 0.1 else rng.choice(vocab))
    return out


def _edit(rng: random.Random, tokens: list[str], vocab: list[str], n_edits: int) -> list[str]:
    out = list(tokens)
    for _ in range(n_edits):
        op = rng.random()
        pos = rng.randrange(len(out))
        if op < 0.6:
            out[pos] = rng.choice(vocab)
        elif op < 0.8 and len(out) > 2:
            del out[pos]
        else:
            out.insert(pos, rng.choice(vocab))
    return out


def _similarity(a: str, b: str, s: DedupSettings) -> float:
    batch = shingle_batch([normalize(a), normalize(b)], s.shingle_words, s.shingle_chars, s.cjk_share)
    return jaccard(shingle_set(batch.of(0)), shingle_set(batch.of(1)))


def _variant(rng: random.Random, tokens, vocab, lang, target, s) -> tuple[str, float]:
    """Bisect the number of edits (one fixed edit sequence) for the Jaccard nearest the target."""
    base = _render(tokens, lang)
    seed = rng.random()
    lo, hi = 1, len(tokens)
    best: tuple[float, str, float] | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        text = _render(_edit(random.Random(seed), tokens, vocab, mid), lang)
        j = _similarity(base, text, s)
        if best is None or abs(j - target) < best[0]:
            best = (abs(j - target), text, j)
        if j > target:
            lo = mid + 1
        else:
            hi = mid - 1
    assert best is not None
    return best[1], best[2]


def generate(
    n_pairs: int,
    n_singletons: int,
    seed: int = 7,
    settings: DedupSettings | None = None,
    min_jaccard: float = 0.3,
    max_jaccard: float = 0.98,
) -> Corpus:
    """``n_pairs`` planted pairs and ``n_singletons`` unrelated documents per language."""
    s = settings or DedupSettings()
    rng = random.Random(seed)
    vocabs = {"en": _english_vocab(rng), "zh": _chinese_vocab()}
    lengths = {"en": (80, 300), "zh": (150, 500)}
    docs: list[tuple[str, str]] = []
    pairs: list[PlantedPair] = []
    for lang, vocab in vocabs.items():
        for i in range(n_pairs + n_singletons):
            tokens = _draw(rng, vocab, rng.randint(*lengths[lang]), lang)
            base_id = f"{lang}-{i:06d}"
            docs.append((base_id, _render(tokens, lang)))
            if i < n_pairs:
                target = rng.uniform(min_jaccard, max_jaccard)
                text, j = _variant(rng, tokens, vocab, lang, target, s)
                docs.append((f"{base_id}-v", text))
                pairs.append(PlantedPair(base_id, f"{base_id}-v", j, lang))
    return Corpus(docs, pairs)
