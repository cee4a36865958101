"""fastText's supervised prediction for a whole batch of lines, in numpy.

A supervised fastText model is linear: a line's hidden vector is the mean of
the input rows of its words and hashed word n-grams, and the label
probabilities are a softmax over the output matrix times it.  The binding
runs that per line behind a Python/C++ boundary whose fixed cost (a string
stream, label strings, a numpy array per line) is larger than the
arithmetic; here the batch's tokens are looked up once and every line is
summed in a few array operations.

Only what the shipped recipe uses is covered: softmax loss and no character
n-grams (``maxn`` 0).  :func:`unsupported` says why another model is not, and
the caller keeps the binding for it.  Tokenization, word ids, n-gram hashing
and pruning follow ``Dictionary::getLine`` exactly; the sums differ from the
binding's only in float rounding (summation order, BLAS, numpy's exp): the
tests hold the probabilities within 1e-5 of the binding's (measured at most
1.6e-6 on the shipped models).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from cleaner.classify.ftz import LABEL_PREFIX, FastTextArgs, FastTextFile

EOS = "</s>"
NGRAM_MUL = np.uint64(116049371)  # Dictionary::addWordNgrams; logreg_model hashes bigrams with it too
# fastText splits words on these and nothing else (Dictionary::readWord).
_FT_SPLIT = re.compile("[ \n\r\t\v\f\x00]+")
# Characters on which str.split() and fastText disagree (a test recomputes the set from
# str.isspace): a batch holding one of them takes the exact per-line path.
_DISAGREE = re.compile("[\x00\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_ASCII_DISAGREE = "\x00\x1c\x1d\x1e\x1f"
# Distinct tokens a table remembers before it starts over (a corpus has no end of
# rare words; out-of-vocabulary ones still feed n-gram hashes, so each is kept with its hash).
MAX_TOKENS = 1 << 20
RECENT_BATCHES = 4


def fnv1a(token: str) -> int:
    """fastText's ``Dictionary::hash`` of the token's UTF-8 bytes, as the int32 it stores.

    fastText xors each byte as a *signed* char (bytes over 0x7f sign-extended),
    so this is not textbook FNV-1a for non-ASCII text.
    """
    h = 2166136261
    for b in token.encode("utf-8", "surrogatepass"):
        h = ((h ^ (b | 0xFFFFFF00 if b > 0x7F else b)) * 16777619) & 0xFFFFFFFF
    return h - (1 << 32) if h > 0x7FFFFFFF else h


def unsupported(args: FastTextArgs, words: Sequence[str] | None = None) -> str | None:
    """Why :class:`LinearModel` cannot reproduce this model's predictions, or None.

    ``words`` (the dictionary) adds its one check; without it the answer
    needs only the file's head (:func:`read_args`).
    """
    if args.model != "sup":
        return f"a {args.model} model is not a classifier"
    if args.loss != "softmax":
        return f"loss {args.loss} (only softmax is covered)"
    if args.maxn > 0:
        return "character n-grams (maxn > 0)"
    if args.word_ngrams < 1:
        return f"wordNgrams {args.word_ngrams}"
    if words is not None and EOS not in words:
        return "no end-of-line word"
    return None


class TokenTable(dict):
    """Token -> id, with each token's fastText hash, shared by the models of one stage.

    The English abuse and emotion models read the same preprocessed lines,
    so the second model's lookup of a batch is the first one's, remembered
    (looking tokens up is most of a prediction's cost).  Ids are the table's,
    not a model's: each model maps them to its own rows.  Unknown tokens are
    added on first sight, so a batch costs one dict access per token
    (``map(table.__getitem__, tokens)``).  Not thread-safe: one per stage
    instance, as Beam calls a DoFn's instance from one thread at a time.
    """

    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[str] = []
        self.hashes = np.zeros(16, dtype=np.uint64)  # int32 hashes sign-extended, as fastText's n-gram step reads them
        self.is_label = np.zeros(16, dtype=bool)
        self.generation = 0  # bumped when the table is cleared: models drop their id -> row maps
        self._recent: dict[str, np.ndarray] = {}  # the last few batches' ids, by their joined lines
        self.eos = self[EOS]

    def __missing__(self, token: str) -> int:
        i = len(self.tokens)
        if i == len(self.hashes):
            self.hashes = np.resize(self.hashes, 2 * i)
            self.is_label = np.resize(self.is_label, 2 * i)
        self.hashes[i] = fnv1a(token) & 0xFFFFFFFFFFFFFFFF
        self.is_label[i] = token.startswith(LABEL_PREFIX)
        self.tokens.append(token)
        self[token] = i
        return i

    def ids(self, lines: Sequence[str]) -> np.ndarray:
        """The batch's token ids, each line ending in the end-of-line word, label tokens removed."""
        joined = f" {EOS} ".join(lines)
        recent = self._recent.get(joined)
        if recent is not None:
            return recent
        if "\n" in joined:
            raise ValueError("predict processes one line at a time (remove '\\n')")
        if len(self.tokens) > MAX_TOKENS:
            self._clear()
        if joined.count(EOS) == len(lines) - 1 and not _disagrees(joined):
            tokens = f"{joined} {EOS}".split()
        else:  # a literal end-of-line word or a space only one side splits on: line by line
            tokens = [t for line in lines for t in _line_tokens(line)]
        ids = np.fromiter(map(self.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        ids = ids[~self.is_label[ids]]
        # A stage asks for a batch's turns and then its flagged sentences, model after
        # model: the second model's questions are among the last few.
        if len(self._recent) >= RECENT_BATCHES:
            del self._recent[next(iter(self._recent))]
        self._recent[joined] = ids
        return ids

    def _clear(self) -> None:
        """Forget every token (a corpus has no end of rare words); ids are exact again on next sight."""
        self.clear()
        self.tokens.clear()
        self.generation += 1
        self._recent.clear()
        self.eos = self[EOS]


class LinearModel:
    """P(label) for lines, from a :class:`FastTextFile` that :func:`unsupported` accepts."""

    def __init__(self, model: FastTextFile, table: TokenTable | None = None) -> None:
        why = unsupported(model.args, model.words)
        if why is not None:
            raise ValueError(f"{model.path}: cannot predict in numpy: {why}")
        self.labels = model.labels
        self.input = model.input
        self.output = model.output
        self.n = model.args.word_ngrams
        self.bucket = np.uint64(model.args.bucket)
        self.table = table if table is not None else TokenTable()
        self._generation = self.table.generation
        self.word_rows = {w: i for i, w in enumerate(model.words)}
        self._rows = np.zeros(16, dtype=np.int64)  # table id -> input row, -1 for a word the model lacks
        self._known = 0  # table ids mapped so far
        if model.pruned:
            lut = np.full(model.args.bucket, -1, dtype=np.int32)
            lut[model.prune[:, 0]] = model.prune[:, 1] + model.nwords
        else:
            lut = np.arange(model.nwords, model.nwords + model.args.bucket, dtype=np.int32)
        self.ngram_rows = lut

    def probability(self, lines: Sequence[str], label: str) -> np.ndarray:
        """P(``label``) per line, as ``predict(lines, k=-1)`` reports it (0.0 for a label the model lacks)."""
        if label not in self.labels:
            return np.zeros(len(lines), dtype=np.float32)
        if not lines:
            return np.zeros(0, dtype=np.float32)
        ids = self.table.ids(lines)
        return self._probabilities(ids, len(lines))[:, self.labels.index(label)]

    def _rows_of(self, ids: np.ndarray) -> np.ndarray:
        table = self.table
        if self._generation != table.generation:
            self._known, self._generation = 0, table.generation
        size = len(table.tokens)
        if self._known < size:
            if size > len(self._rows):
                self._rows = np.resize(self._rows, 2 * size)
            get = self.word_rows.get
            self._rows[self._known : size] = [get(t, -1) for t in table.tokens[self._known : size]]
            self._known = size
        return self._rows[ids]

    def _probabilities(self, ids: np.ndarray, n_lines: int) -> np.ndarray:
        rows = self._rows_of(ids)
        hashes = self.table.hashes[ids]
        end = ids == self.table.eos
        line = np.cumsum(end) - end  # the line of each token
        t = len(ids)
        feats = np.full((t, self.n), -1, dtype=np.int64)
        feats[:, 0] = rows
        h = hashes
        for k in range(1, self.n):
            # the n-gram of tokens i..i+k, inside one line
            h = h[:-1] * NGRAM_MUL + hashes[k:]
            same = line[k:] == line[: t - k]
            feats[: t - k, k] = np.where(same, self.ngram_rows[(h % self.bucket).astype(np.int64)], -1)
        flat = feats.ravel()
        keep = flat >= 0
        feat_rows = flat[keep]
        counts = np.bincount(np.repeat(line, self.n)[keep], minlength=n_lines)
        # Sum each line's rows as a sparse (lines x rows) 0/1 matrix times the input
        # matrix: one pass over the features, 3-4x faster than a gather and reduceat.
        indptr = np.zeros(n_lines + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        ones = np.ones(len(feat_rows), dtype=np.float32)
        sums = csr_matrix((ones, feat_rows, indptr), shape=(n_lines, len(self.input))) @ self.input
        # Every line has a feature: its end-of-line word, which unsupported() requires in the dictionary.
        hidden = sums * (1.0 / counts).astype(np.float32)[:, None]
        logits = hidden @ self.output.T
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        # predict() reports exp(log(p + 1e-5)) (FastText::predictLine over Loss::findKBest)
        return np.exp(np.log(logits + np.float32(1e-5)))


def _disagrees(text: str) -> bool:
    """Whether ``str.split()`` would split ``text`` differently from fastText."""
    if text.isascii():  # a few substring tests are much cheaper than a regex scan
        return any(c in text for c in _ASCII_DISAGREE)
    return _DISAGREE.search(text) is not None


def _line_tokens(line: str) -> list[str]:
    """One line's words as ``Dictionary::getLine`` reads them: up to and with the first end-of-line word."""
    tokens = [t for t in _FT_SPLIT.split(line) if t]
    if EOS in tokens:
        return tokens[: tokens.index(EOS) + 1]
    return [*tokens, EOS]
