"""``cleaner eval``: precision / recall / F1 of the full in-process decision on labelled lines.

Each ``{"text", "label", "lang"?, "spans"?}`` line is one response-side
Markdown turn; predicted positive means the cleaner would act on it on the
chosen axis.  Counts are broken down per language and per input file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from cleaner import config
from cleaner.classify.data import read_examples
from cleaner.classify.inprocess import Decider, flagged, removed_ranges
from cleaner.classify.langid import dominant
from cleaner.classify.metrics import Confusion, SpanOverlap
from cleaner.counters import DictCounter


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", action="append", required=True, type=Path, help="labelled JSONL (repeatable)"
    )
    parser.add_argument("--config", type=Path, help="config YAML merged over the defaults")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override")
    parser.add_argument("--axis", choices=("abuse", "emotion", "any"), default="any")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def evaluate(decider: Decider, paths: list[Path], axis: str) -> dict[str, Any]:
    overall, span = Confusion(), SpanOverlap()
    by_lang: dict[str, Confusion] = defaultdict(Confusion)
    by_data: dict[str, Confusion] = defaultdict(Confusion)
    has_spans = False
    counter = DictCounter()
    for path in paths:
        for ex in read_examples(path):
            decisions = decider.decide_text(ex.text, counter)
            pred = flagged(decisions, axis)
            for c in (overall, by_lang[ex.lang or dominant(ex.text) or "und"], by_data[path.name]):
                c.add(bool(ex.label), pred)
            if ex.spans or ex.label == 0:
                has_spans = has_spans or bool(ex.spans)
                span.add(removed_ranges(decisions, axis) if pred else [], ex.spans)
    out: dict[str, Any] = {"axis": axis, **overall.as_dict()}
    out["by_lang"] = {k: v.as_dict() for k, v in sorted(by_lang.items())}
    out["by_data"] = {k: v.as_dict() for k, v in sorted(by_data.items())}
    if has_spans:
        out["span"] = span.as_dict()
    return out


def _print_table(res: dict[str, Any]) -> None:
    cols = ("n", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "accuracy")
    print(f"axis: {res['axis']}")
    print(f"{'':24}" + "".join(f"{c:>10}" for c in cols))
    rows = [("overall", res)] + [(f"lang={k}", v) for k, v in res["by_lang"].items()]
    rows += [(f"data={k}", v) for k, v in res["by_data"].items()]
    for name, r in rows:
        print(f"{name[:24]:24}" + "".join(f"{r[c]:>10}" for c in cols))
    if "span" in res:
        s = res["span"]
        print(f"span (characters): precision {s['precision']} recall {s['recall']} f1 {s['f1']}")


def _unreadable(paths: list[Path]) -> str | None:
    """What is wrong with the data files (missing, not UTF-8, a line without text or label), or None.

    Checked before the models load, so a typo in line 6,000 costs seconds, not a traceback.
    """
    try:
        for path in paths:
            for _ in read_examples(path):
                pass
    except (OSError, ValueError) as e:  # UnicodeDecodeError is a ValueError
        return str(e)
    return None


def run(args: argparse.Namespace) -> int:
    try:
        cfg = config.load(args.config, args.set)
    except config.ConfigError as e:
        print(f"cleaner eval: {e}", file=sys.stderr)
        return 2
    bad = _unreadable(args.data)
    if bad is not None:
        print(f"cleaner eval: {bad}", file=sys.stderr)
        return 2
    res = evaluate(Decider.from_config(cfg), args.data, args.axis)
    if args.json:
        print(json.dumps(res, sort_keys=True))
    else:
        _print_table(res)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cleaner eval", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
