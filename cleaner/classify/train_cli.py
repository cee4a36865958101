"""``cleaner train``: build a model (fastText or logreg, plus manifest) the fastText stage can load.

Example (the shipped English abuse model; the exact commands are in each
manifest's ``command`` and in the README):

    cleaner train --task abuse --lang en --out cleaner/models/abuse_en.ftz \\
        --data ../shared/data/train/locked_issues_incivility.jsonl:3 ...
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from cleaner.classify.data import DataSpec
from cleaner.classify.logreg_fit import LogRegParams
from cleaner.classify.train import ALGOS, LANGS, TASKS, Params, train
from cleaner.classify.train_mean import train_mean


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        action="append",
        required=True,
        type=DataSpec.parse,
        metavar="FILE[:W | :W_POS,W_NEG]",
        help="labelled JSONL {text, label, lang?}; optional repeat weight, per class when two are given",
    )
    parser.add_argument("--task", choices=TASKS, required=True)
    parser.add_argument("--lang", choices=LANGS, required=True)
    parser.add_argument(
        "--algo",
        choices=(*ALGOS, "mean"),
        default="fasttext",
        help="fasttext: a quantized fastText model (.ftz); logreg: an L2 logistic regression over hashed "
        "TF-IDF word uni- and bigrams (.npz); mean: an ensemble (.json) of --member models already "
        "trained, calibrated on the dev rows of --data (the shipped English abuse model is one; "
        "default: fasttext)",
    )
    parser.add_argument(
        "--member",
        action="append",
        default=[],
        type=Path,
        metavar="MODEL",
        help="with --algo mean: a trained model (.ftz or .npz with its manifest) in --out's folder (2 or more)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="model path (.ftz, .npz; .json for --algo mean); the manifest goes next to it"
    )
    parser.add_argument("--dev", type=Path, help="dev JSONL; default: carved from --data by meta.fold10")
    parser.add_argument(
        "--dev-from",
        action="append",
        metavar="FILE_NAME",
        help="carve the dev split only from these --data files (by file name); the others train on every row",
    )
    parser.add_argument(
        "--negative-sentences",
        action="append",
        default=[],
        metavar="FILE_NAME",
        help="also train on each sentence of these --data files' label-0 rows on its own line (by file name)",
    )
    parser.add_argument(
        "--all-negative",
        action="append",
        default=[],
        metavar="FILE_NAME",
        help="every training row of these --data files is a negative, whatever its label means there "
        "(hard negatives: calm developer prose labelled for another task); weights still apply per original class",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pretrain",
        action="store_true",
        help="pretrain skipgram word vectors on the training texts (+ --unlabeled), labels ignored",
    )
    parser.add_argument(
        "--unlabeled",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="JSONL whose texts (not labels) join the pretraining corpus (repeatable)",
    )
    parser.add_argument(
        "--params",
        action="append",
        metavar="K=V,...",
        help="a candidate, e.g. lr=0.05,epoch=5,wordNgrams=2 for fasttext or C=10,min_df=2 for logreg "
        "(repeatable; the best on dev wins; default: per-language grid, or C=10 for logreg)",
    )
    parser.add_argument(
        "--no-lexicon-features",
        dest="lexicon_features",
        action="store_false",
        help="leave lexicon hits out of the features (they did not help the English abuse model on dev)",
    )


def run(args: argparse.Namespace) -> int:
    for spec in args.data:
        if not spec.path.is_file():
            print(f"cleaner train: --data {spec.path} does not exist", file=sys.stderr)
            return 2
    argv = getattr(args, "argv", None) or sys.argv[1:]
    if argv[:1] == ["train"]:  # run as `cleaner train ...`
        argv = argv[1:]
    command = "cleaner train " + shlex.join(argv)
    if args.algo == "mean":
        return _run_mean(args, command)
    if args.member:
        print("cleaner train: --member needs --algo mean", file=sys.stderr)
        return 2
    try:
        parse = Params.parse if args.algo == "fasttext" else LogRegParams.parse
        grid = [parse(p) for p in args.params] if args.params else None
        res = train(
            args.data,
            args.task,
            args.lang,
            args.out,
            **_dev_options(args),
            grid=grid,
            algo=args.algo,
            lexicon_features=args.lexicon_features,
            pretrain=args.pretrain,
            unlabeled=args.unlabeled,
            negative_sentences=frozenset(args.negative_sentences),
            all_negative=frozenset(args.all_negative),
            command=command,
        )
    except ValueError as e:
        print(f"cleaner train: {e}", file=sys.stderr)
        return 2
    for line in res.log:
        print(line)
    size = res.model_path.stat().st_size / 1e6
    _report(f"{res.model_path} ({size:.2f} MB)", res.manifest)
    return 0


def _run_mean(args: argparse.Namespace, command: str) -> int:
    if len(args.member) < 2:
        print("cleaner train: --algo mean needs two or more --member models", file=sys.stderr)
        return 2
    try:
        man = train_mean(
            args.member,
            args.data,
            args.task,
            args.lang,
            args.out,
            **_dev_options(args),
            command=command,
        )
    except (ValueError, FileNotFoundError) as e:
        print(f"cleaner train: {e}", file=sys.stderr)
        return 2
    _report(f"{args.out} (mean of {', '.join(x['file'] for x in man['members'])})", man)
    return 0


def _dev_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "dev_path": args.dev,
        "dev_from": frozenset(args.dev_from) if args.dev_from else None,
        "seed": args.seed,
    }


def _report(what: str, manifest: dict[str, Any]) -> None:
    m = manifest["dev_metrics"]["at_threshold"]
    print(
        f"wrote {what}: dev n={m['n']} precision={m['precision']} recall={m['recall']} "
        f"f1={m['f1']} at calibrated threshold {manifest['threshold']:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cleaner train", description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    args.argv = argv if argv is not None else sys.argv[1:]
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
