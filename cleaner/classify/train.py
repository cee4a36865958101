"""Train one classifier (fastText, or a hashed TF-IDF logreg) the way the stage will use it.

Everything that touches text goes through :mod:`cleaner.classify.scoring`
(segmenter -> routed sentences -> :class:`Preprocessor` -> turn line), so a
trained model sees at inference exactly what it saw in training.  The
candidate parameters are tried in order on the dev split, the best by F1 is
quantized, and calibration and the threshold are fitted on the *quantized*
model's dev scores, because quantization moves the probabilities.
Single-threaded with a fixed seed, so the same data and seed give the same
model bytes.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from cleaner.classify.calibrate import Platt
from cleaner.classify.data import DataSpec, Example, load_split, parse_key_values, read_examples, sha256_file
from cleaner.classify.logreg_fit import LogRegParams
from cleaner.classify.logreg_fit import fit as fit_logreg
from cleaner.classify.logreg_model import FORMAT as LOGREG_FORMAT
from cleaner.classify.logreg_model import LogRegModel
from cleaner.classify.metrics import best_threshold, confusion
from cleaner.classify.model import Classifier, manifest_path
from cleaner.classify.preprocess import Preprocessor
from cleaner.classify.pretrain import MIN_COUNT, SKIPGRAM_EPOCHS, write_vectors
from cleaner.classify.scoring import TurnLines, prose_sentences, score_prose, turn_line

TASKS = ("abuse", "emotion")
LANGS = ("en", "zh")
ALGOS = ("fasttext", "logreg")


@dataclass(frozen=True, slots=True)
class Params:
    epoch: int = 10
    lr: float = 0.2
    dim: int = 50
    wordNgrams: int = 2  # noqa: N815 (fastText's own spelling)
    minn: int = 2
    maxn: int = 5
    bucket: int = 500_000
    loss: str = "softmax"

    @classmethod
    def parse(cls, arg: str) -> Params:
        """``lr=0.05,epoch=5,wordNgrams=2``: one candidate for ``--params``."""
        return cls(**parse_key_values(cls, arg, "fastText"))


# Candidates tried in order, per language; measured on the locked-issues and
# COLD dev folds (docs_fragments/classifiers.md).  Low learning rate and few
# epochs win in English: the in-domain signal is weak and overfitting the
# tweets hurts; character n-grams (minn/maxn) made dev F1 swing by 0.15
# between seeds, so they are off.  Chinese: one token per character, so
# word bigrams are character bigrams.
DEFAULT_GRIDS: dict[str, tuple[Params, ...]] = {
    "en": (
        Params(lr=0.05, epoch=5, minn=0, maxn=0),
        Params(lr=0.1, epoch=5, minn=0, maxn=0),
        Params(lr=0.2, epoch=10, minn=0, maxn=0),
    ),
    "zh": (
        Params(lr=0.1, epoch=5, dim=100, wordNgrams=2, minn=0, maxn=0),
        Params(lr=0.1, epoch=5, dim=100, wordNgrams=3, minn=0, maxn=0),
    ),
}

# Quantization keeps this many rows of the input matrix (the most useful by
# norm) so a shipped model stays far below 10 MB.  No retraining after the
# cut: on the locked-issues dev fold retrain=True lost 0.05 F1, retrain=False
# lost nothing (0.510 -> 0.519).
QUANT_CUTOFF = 100_000


@dataclass(slots=True)
class TrainResult:
    model_path: Path
    manifest: dict[str, Any]
    log: list[str] = field(default_factory=list)


def _line(pre: Preprocessor, text: str, lang: str) -> str:
    return turn_line(pre, prose_sentences(text), lang)


def _sentence_lines(pre: Preprocessor, text: str, lang: str) -> list[str]:
    """Each routed sentence of a multi-sentence turn on its own line (none for a one-sentence turn)."""
    lines = TurnLines(prose_sentences(text)).lines(pre, lang)
    return [ln for ln in lines if ln] if len(lines) > 1 else []


def _training_lines(
    pre: Preprocessor,
    rows: Sequence[Example],
    lang: str,
    seed: int,
    negative_sentences: frozenset[str] = frozenset(),
) -> list[str]:
    """``__label__N line`` per training row (and per sentence of the named files' civil rows), shuffled."""
    lines = [f"__label__{e.label} {line}" for e in rows if (line := _line(pre, e.text, lang))]
    # A civil turn's sentences are civil on their own too; a hostile turn's are not all hostile,
    # so only label-0 rows of the named files add per-sentence lines.
    lines += [
        f"__label__0 {line}"
        for e in rows
        if e.label == 0 and Path(e.source).name in negative_sentences
        for line in _sentence_lines(pre, e.text, lang)
    ]
    random.Random(seed).shuffle(lines)
    return lines


def _unique_texts(train_texts: Sequence[str], unlabeled: Sequence[Path], lang: str) -> list[str]:
    """Training texts plus unlabelled ones (their labels unused), each once, in a fixed order."""
    seen: dict[str, None] = dict.fromkeys(train_texts)
    for path in unlabeled:
        for e in read_examples(path):
            if (e.lang or lang) == lang:
                seen.setdefault(e.text)
    return list(seen)


def _fit(train_file: Path, params: Params, seed: int, vectors: Path | None) -> Any:
    import fasttext

    extra = {"pretrainedVectors": str(vectors)} if vectors else {}
    return fasttext.train_supervised(
        str(train_file), thread=1, seed=seed, verbose=0, **asdict(params), **extra
    )


def _dev_scores(clf: Classifier, dev: Sequence[Example]) -> list[float]:
    return [score_prose(clf, prose_sentences(e.text)).turn for e in dev]


def _classifier(ft: Any, task: str, lang: str, pre: Preprocessor, platt: Platt, path: Path) -> Classifier:
    if isinstance(ft, LogRegModel):
        return Classifier(path, task, lang, pre, platt, 0.5, {}, None, ft)
    return Classifier(path, task, lang, pre, platt, 0.5, {}, ft)


def _fit_logreg(lines: Sequence[str], params: LogRegParams) -> LogRegModel:
    labels = [int(ln[len("__label__")]) for ln in lines]
    return fit_logreg([ln[len("__label__0 ") :] for ln in lines], labels, params)


def train(
    specs: list[DataSpec],
    task: str,
    lang: str,
    out: Path,
    *,
    dev_path: Path | None = None,
    dev_from: frozenset[str] | None = None,
    seed: int = 1,
    grid: Sequence[Params] | Sequence[LogRegParams] | None = None,
    algo: str = "fasttext",
    lexicon_features: bool = True,
    pretrain: bool = False,
    unlabeled: Sequence[Path] = (),
    quant_cutoff: int = QUANT_CUTOFF,
    negative_sentences: frozenset[str] = frozenset(),
    all_negative: frozenset[str] = frozenset(),
    command: str = "",
) -> TrainResult:
    if task not in TASKS or lang not in LANGS or algo not in ALGOS:
        raise ValueError(f"task must be one of {TASKS}, lang one of {LANGS} and algo one of {ALGOS}")
    want = Params if algo == "fasttext" else LogRegParams
    if grid and not all(isinstance(p, want) for p in grid):
        raise ValueError(f"--params for --algo {algo} must be {want.__name__}")
    if algo == "logreg" and pretrain:
        raise ValueError(
            "--pretrain makes word vectors for fastText; a logreg model has none (drop --pretrain)"
        )
    split = load_split(specs, lang, seed, dev_path, dev_from)
    if not split.train or not split.dev:
        raise ValueError(
            f"need both training and dev rows for lang={lang}: got {len(split.train)} / {len(split.dev)}"
        )
    if all_negative:
        # The file's own label means something else (negative sentiment, impoliteness): none of
        # its rows is abuse, so every one trains as a negative, weighted by its original class.
        split.train = [replace(e, label=0) if Path(e.source).name in all_negative else e for e in split.train]
    grid = grid or (DEFAULT_GRIDS[lang] if algo == "fasttext" else (LogRegParams(),))
    pre = Preprocessor.available()
    if not lexicon_features:
        pre = replace(pre, lexicon_features=False)
    gold = [bool(e.label) for e in split.dev]
    log: list[str] = []
    lines = _training_lines(pre, split.train, lang, seed, negative_sentences)
    n_lines = len(lines)
    with tempfile.TemporaryDirectory() as tmp:
        train_file = Path(tmp) / "train.txt"
        train_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        vectors: dict[int, Path] = {}
        if pretrain:
            texts = _unique_texts(split.pool, unlabeled, lang)
            corpus = [line for t in texts if (line := _line(pre, t, lang))]
            vectors = {d: write_vectors(corpus, d, Path(tmp)) for d in sorted({p.dim for p in grid})}
        best: tuple[float, Any, Any] | None = None
        for params in grid:
            if isinstance(params, LogRegParams):
                ft: Any = _fit_logreg(lines, params)
            else:
                ft = _fit(train_file, params, seed, vectors.get(params.dim))
            th, c = best_threshold(
                gold, _dev_scores(_classifier(ft, task, lang, pre, Platt(), out), split.dev)
            )
            log.append(f"{params}: dev F1 {c.f1:.4f} (raw threshold {th:.2f})")
            if best is None or c.f1 > best[0]:
                best = (c.f1, params, ft)
        assert best is not None
        _, params, ft = best
        if algo == "fasttext":
            ft.quantize(
                input=str(train_file), qnorm=True, retrain=False, cutoff=quant_cutoff, thread=1, verbose=0
            )
    raw = _dev_scores(_classifier(ft, task, lang, pre, Platt(), out), split.dev)
    platt = Platt.fit(raw, gold)
    cal = [platt(p) for p in raw]
    threshold, dev_c = best_threshold(gold, cal)
    out.parent.mkdir(parents=True, exist_ok=True)
    if algo == "fasttext":
        ft.save_model(str(out))
    else:
        ft.save(out)
    manifest = {
        "task": task,
        "lang": lang,
        "format": "fasttext-quantized" if algo == "fasttext" else LOGREG_FORMAT,
        "seed": seed,
        "command": command,
        "data": [s.describe() for s in specs],
        "dev": {"path": str(dev_path), "rows": len(split.dev)}
        if dev_path
        else {
            "carved_folds": "8,9, or the highest fold of a file without them",
            "from": sorted(dev_from) if dev_from else [s.path.name for s in specs],
            "rows": len(split.dev),
        },
        "train_rows": len(split.train),
        "train_lines": n_lines,
        "negative_sentences_from": sorted(negative_sentences),
        "all_negative": sorted(all_negative),
        "params": asdict(params),
        "pretrained_vectors": (
            {
                "skipgram_epochs": SKIPGRAM_EPOCHS,
                "min_count": MIN_COUNT,
                "unlabeled": [{"path": str(p), "sha256": sha256_file(p)} for p in unlabeled],
            }
            if pretrain
            else None
        ),
        "quantize": {"cutoff": quant_cutoff, "qnorm": True, "retrain": False} if algo == "fasttext" else None,
        "preprocess": pre.describe(),
        "calibration": platt.to_dict(),
        "threshold": threshold,
        "dev_metrics": {
            "at_threshold": dev_c.as_dict(),
            "at_0.5": confusion(gold, cal, 0.5).as_dict(),
            "grid": log,
        },
    }
    import json

    manifest_path(out).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return TrainResult(out, manifest, log)
