"""Classifier cascade throughput: segmentation, lexicon, language ID, fastText; Detoxify when installed.

Usage::

    nice python benchmarks/bench_classify.py                 # ~5 MB generated corpus
    nice python benchmarks/bench_classify.py --jsonl ../shared/data/train/locked_issues_incivility.jsonl
    nice python benchmarks/bench_classify.py --detoxify      # + a bert-base-sized random Detoxify model

Prints, per step, sentences/s and MB/s per core (UTF-8 input bytes per CPU
second of this one process), and the share of sentences the cascade would
send to Detoxify at the default gate.  The Detoxify figure uses a
randomly-initialised model of bert-base size (same compute as the real
``original`` checkpoint, nothing downloaded).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from cleaner import config, registry
from cleaner.classify.cascade import uncertain
from cleaner.classify.langid import route
from cleaner.classify.model import Classifier
from cleaner.compiled import describe
from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.gc_tuning import tune_for_job
from cleaner.record import Record, Role, Turn
from cleaner.resources import resolve
from cleaner.route import BATCH_RECORDS
from cleaner.stages.detoxify_stage import DEFAULT_GATE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import _post  # noqa: E402


def _texts(args: argparse.Namespace) -> list[str]:
    if args.jsonl:
        with open(args.jsonl, encoding="utf-8") as f:
            return [json.loads(line)["text"] for line in f][: args.limit]
    rng = random.Random(7)
    out, size = [], 0
    while size < args.mb * 1e6:
        out.append(_post(rng, zh=rng.random() < 0.3, heated=args.heated))
        size += len(out[-1].encode())
    return out


def _cpu(fn) -> tuple[float, object]:
    t = time.process_time()
    res = fn()
    return time.process_time() - t, res


def _row(name: str, secs: float, n_sent: int, mb: float) -> None:
    print(f"{name:34} {secs:8.2f} s  {n_sent / secs:12,.0f} sentences/s  {mb / secs:8.2f} MB/s per core")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--heated", type=float, default=0.05,
                    help="share of hostile prose sentences in the generated texts (0.33 is the stress mix)")
    ap.add_argument("--jsonl", type=Path, help="benchmark on the texts of a JSONL file instead")
    ap.add_argument("--limit", type=int, default=20000)
    ap.add_argument("--detoxify", action="store_true", help="also time a bert-base-sized Detoxify model")
    ap.add_argument("--detoxify-sentences", type=int, default=200)
    args = ap.parse_args()

    cfg = config.load()
    texts = _texts(args)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    records = [Record(str(i), "bench", "bench", [Turn(Role.CONTRIBUTOR, t)]) for i, t in enumerate(texts)]
    counter = DictCounter()
    print(f"{len(texts):,} turns, {mb:.2f} MB; build: {describe()}")

    lex = registry.create("lexicon@1", config.stage_settings(cfg, "lexicon@1"))
    lex.setup()
    ft = registry.create("fasttext@1", config.stage_settings(cfg, "fasttext@1"))
    ft.setup()
    tune_for_job()  # as the job's workers do after setup

    seg_s, docs = _cpu(lambda: [Document.build(r) for r in records])
    sents = [s for d in docs for t in d.turns for s in t.sentences]
    _row("segmentation + sentences", seg_s, len(sents), mb)
    lex_s, _ = _cpu(lambda: [lex.score(d, counter) for d in docs])
    _row("lexicon@1", lex_s, len(sents), mb)
    lid_s, _ = _cpu(lambda: [route(s.text) for s in sents])
    _row("language routing", lid_s, len(sents), mb)
    # In batches of BATCH_RECORDS turns' documents, as the job scores them (Cleaner.process_many).
    ft_s, _ = _cpu(lambda: [ft.score_many(docs[i : i + BATCH_RECORDS], counter) for i in range(0, len(docs), BATCH_RECORDS)])
    _row("fasttext@1 (preprocess + models)", ft_s, len(sents), mb)
    _row("cheap cascade total", seg_s + lex_s + ft_s, len(sents), mb)

    gate = {**DEFAULT_GATE, **(config.stage_settings(cfg, "detoxify@1").get("gate") or {})}
    low, high = float(gate["low"]), float(gate["high"])
    gate_models = [Classifier.load(resolve(p)) for p in gate["models"].values()]
    sent_on = sum(len(uncertain(d, gate_models, low, high)) for d in docs)
    print(f"share of sentences sent to Detoxify at gate [{low}, {high}): {sent_on / max(len(sents), 1):.1%}")

    if args.detoxify:
        _bench_detoxify([s.text for s in sents[: args.detoxify_sentences]])
    return 0


def _bench_detoxify(texts: list[str]) -> None:
    try:
        import torch
        import transformers
        from detoxify import Detoxify
    except ImportError:
        print("detoxify: not installed (pip install 'sft-cleaner[detoxify]'), skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        words = sorted({w.lower() for t in texts for w in t.split()})[:20000]
        (folder / "vocab.txt").write_text(
            "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]) + "\n"
        )
        transformers.BertTokenizer.from_pretrained(str(folder), local_files_only=True).save_pretrained(str(folder))
        cfg = transformers.BertConfig(vocab_size=30522, num_labels=6)  # bert-base-uncased shape
        cfg.save_pretrained(str(folder))
        model = transformers.BertForSequenceClassification(cfg)
        classes = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
        arch = {
            "model_type": str(folder),
            "model_name": "BertForSequenceClassification",
            "tokenizer_name": "BertTokenizer",
            "num_classes": 6,
        }
        torch.save(
            {
                "config": {"arch": {"args": arch}, "dataset": {"args": {"classes": classes}}},
                "state_dict": model.state_dict(),
            },
            folder / "m.ckpt",
        )
        torch.set_num_threads(1)
        detox = Detoxify(checkpoint=str(folder / "m.ckpt"), huggingface_config_path=str(folder))
        t = time.perf_counter()
        for i in range(0, len(texts), 32):
            detox.predict(texts[i : i + 32])
        secs = time.perf_counter() - t
        mb = sum(len(x.encode()) for x in texts) / 1e6
        print(
            f"{'detoxify (bert-base, 1 thread)':34} {secs:8.2f} s  {len(texts) / secs:12,.1f} sentences/s  "
            f"{mb / secs:8.4f} MB/s per core"
        )


if __name__ == "__main__":
    raise SystemExit(main())
