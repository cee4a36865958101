"""Throughput of the lexicon stage on prose, in MB/s of UTF-8 per core.

Measures CPU time of this process (not wall time), so other jobs on the
machine matter less.  Two figures:

- matcher: ``Matcher.find`` on each turn's text;
- stage: ``lexicon@1`` ``score`` on documents segmented beforehand (the
  segmenter has its own benchmark).

Input: ``--file PATH`` (UTF-8 text; paragraphs separated by blank lines are
turns, 8 turns a document), or by default a synthetic mix built from the
hand-written fixture sentences: mostly clean technical prose with a few
hostile sentences.  The fixture sentences are dense with collision words
(class, shell, 回滚, sb.append...), so the default is a hard case.

    python benchmarks/bench_lexicon.py [--file PATH] [--mb 4] [--hostile 0.05] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from cleaner import registry
from cleaner.counters import NullCounter
from cleaner.document import Document
from cleaner.lexicon.entries import load
from cleaner.lexicon.matcher import Matcher
from cleaner.record import Markup, Record, Role, Turn

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "lexicon"


def _lines(name: str) -> list[str]:
    rows = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [
        r.split("\t")[-1] for r in rows if r.strip() and not r.startswith("#") and r != "category\tsentence"
    ]


def synthetic_turns(mb: float, hostile_share: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    clean = _lines("clean_en.txt") + _lines("clean_zh.txt")
    hostile = _lines("hostile_en.tsv") + _lines("hostile_zh.tsv")
    turns, size = [], 0
    while size < mb * 1e6:
        n = rng.randint(3, 12)
        sents = [rng.choice(hostile) if rng.random() < hostile_share else rng.choice(clean) for _ in range(n)]
        t = " ".join(sents)
        turns.append(t)
        size += len(t.encode())
    return turns


def file_turns(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def rate(nbytes: int, seconds: float) -> str:
    return f"{nbytes / 1e6 / seconds:6.1f} MB/s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path)
    ap.add_argument("--mb", type=float, default=4.0, help="synthetic input size")
    ap.add_argument("--hostile", type=float, default=0.05, help="share of hostile sentences (synthetic)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure; the best is printed")
    args = ap.parse_args()

    turns = file_turns(args.file) if args.file else synthetic_turns(args.mb, args.hostile)
    nbytes = sum(len(t.encode()) for t in turns)
    print(
        f"input: {len(turns)} turns, {nbytes / 1e6:.2f} MB"
        + (f" from {args.file}" if args.file else " synthetic")
    )

    t0 = time.process_time()
    matcher = Matcher(load())
    matcher.find("warm up: 傻逼 sh1t")  # fold table, jieba
    print(f"setup: {time.process_time() - t0:.2f} s CPU (lexicon, automaton, fold table, jieba)")

    best, hits = best_of(args.repeat, lambda: sum(len(matcher.find(t)) for t in turns))
    print(f"matcher: {rate(nbytes, best)} per core, {hits} hits (best of {args.repeat})")

    docs = [
        Document.build(
            Record(
                str(i), "bench", "chat", [Turn(Role.USER, t, markup=Markup.PLAIN) for t in turns[i : i + 8]]
            )
        )
        for i in range(0, len(turns), 8)
    ]
    stage = registry.create("lexicon@1")
    stage.setup()
    counter = NullCounter()
    best, spans = best_of(args.repeat, lambda: sum(len(stage.score(d, counter)) for d in docs))
    print(f"stage:   {rate(nbytes, best)} per core, {spans} spans (best of {args.repeat})")


def best_of(n: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Least CPU time of n runs: other jobs on a shared machine only ever add time."""
    times, result = [], 0
    for _ in range(n):
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
    return min(times), result


if __name__ == "__main__":
    main()
