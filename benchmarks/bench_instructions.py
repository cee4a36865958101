"""Instructions the cleaning stages execute, counted by valgrind: a figure that does not move with machine load.

Usage::

    python benchmarks/bench_instructions.py                      # this checkout, 0.5 MB
    python benchmarks/bench_instructions.py --baseline 807da75   # and a commit, side by side
    python benchmarks/bench_instructions.py --job --mb 1         # the Beam job against the same job in-process

CPU seconds on a shared machine drift by 30% between identical runs, which
hides a 5% change.  This runs the job's stages (``Cleaner.process_many`` over
the job's batches, plus building the Parquet rows) on a generated corpus
under ``valgrind --tool=callgrind`` with instrumentation switched on only
around that loop, and prints the instructions executed: the same code and
corpus give the same count to within 0.01%.  Instructions are not time
(a cache miss costs more than an add), so confirm a change with
``bench_stages.py`` or ``bench_job.py``; but the count says whether it
did less work.  Needs ``valgrind`` (``apt-get install valgrind``); about a
minute per run for 0.5 MB.

``--job`` counts whole processes instead: ``cleaner run`` (Beam, the default
local runner) and the in-process job (``cleaner.inprocess``, the same
readers, Cleaner, dedup and Parquet writer), each on the generated corpus
and on a tiny one.  The difference is each side's cost per MB with its fixed
startup (imports, pipeline construction, model loading) taken out, so the
Beam layer's cost per MB and its extra startup come out as two steady
numbers instead of CPU-second ratios that a shared machine moves by 30%.
About four minutes for 1 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(mb: float) -> None:
    """Runs inside valgrind: set up, then count only the stages loop."""
    sys.path.insert(0, str(HERE))
    from corpus import generate

    from cleaner import config
    from cleaner.counters import DictCounter
    from cleaner.gc_tuning import tune_for_job
    from cleaner.process import Cleaner
    from cleaner.readers import iter_units, parse_unit, sniff_format
    from cleaner.route import BATCH_RECORDS
    from cleaner.rows import cleaned_row

    cfg = config.load()
    cleaner = Cleaner(cfg)
    cleaner.setup()
    counter = DictCounter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp) / "corpus", mb)
        records = [parse_unit(u, sniff_format(str(p)), 1 << 30) for p in paths for u in iter_units(str(p))]
    tune_for_job()
    _toggle("on")
    for i in range(0, len(records), BATCH_RECORDS):
        for outcome in cleaner.process_many(records[i : i + BATCH_RECORDS], counter):
            cleaned_row(outcome)
    _toggle("off")


def _child_inprocess(corpus: str, out: str) -> None:
    """Runs inside valgrind: the whole job without Beam, as bench_job.py's in-process variant."""
    from cleaner import config
    from cleaner.counters import DictCounter
    from cleaner.inprocess import run_job

    cfg = config.load(overrides=["output.progress_interval_s=0"])
    run_job(sorted(str(p) for p in Path(corpus).glob("*.jsonl")), "auto", cfg, out, DictCounter())


def _build(pythonpath: Path) -> str:
    """Which build the counted processes import (the checkout's, by PYTHONPATH), not this process's."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    code = "from cleaner.compiled import describe; print(describe())"
    run = subprocess.run([sys.executable, "-c", code], env=env, cwd=pythonpath, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def _toggle(state: str) -> None:
    subprocess.run(["callgrind_control", "-i", state, str(os.getpid())], check=True, capture_output=True)


def _count(pythonpath: Path, mb: float) -> int:
    """Instructions of the stages loop with ``cleaner`` imported from ``pythonpath``."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [str(Path(__file__).resolve()), "--child", "--mb", str(mb)]
        return _callgrind(args, pythonpath, Path(tmp), "--instr-atstart=no")


def _callgrind(args: list[str], pythonpath: Path, tmp: Path, *options: str) -> int:
    """Instructions callgrind collects running ``python *args`` (the whole process unless ``options`` say)."""
    out = tmp / "callgrind.out"
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    cmd = ["valgrind", "--tool=callgrind", *options, f"--callgrind-out-file={out}", sys.executable, *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp)
    if proc.returncode != 0:
        raise SystemExit(f"valgrind run failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    for line in out.read_text().splitlines():
        if line.startswith("totals:"):  # "summary:" stays 0 when instrumentation starts off
            return int(line.split()[1])
    raise SystemExit("no instruction total in callgrind's output")


def _job(repo: Path, mb: float, tiny_mb: float) -> None:
    """Beam job against in-process job, per MB with startup taken out of both."""
    sys.path.insert(0, str(HERE))
    from corpus import generate

    with tempfile.TemporaryDirectory(prefix="bench-instr-") as name:
        tmp = Path(name)
        sizes = {}
        for label, size in (("corpus", mb), ("tiny", tiny_mb)):
            paths = generate(tmp / label, size)
            sizes[label] = sum(p.stat().st_size for p in paths) / 1e6
        counts: dict[tuple[str, str], int] = {}
        for label in ("corpus", "tiny"):
            corpus = str(tmp / label)
            counts["inprocess", label] = _callgrind(
                [str(Path(__file__).resolve()), "--child-inprocess", corpus, str(tmp / f"out-i-{label}")], repo, tmp
            )
            counts["beam", label] = _callgrind(
                ["-m", "cleaner.cli", "run", "--input", corpus, "--output", str(tmp / f"out-b-{label}"), "--quiet"],
                repo,
                tmp,
            )
    per_mb = {}
    for side in ("inprocess", "beam"):
        per_mb[side] = (counts[side, "corpus"] - counts[side, "tiny"]) / (sizes["corpus"] - sizes["tiny"])
        print(
            f"{side:>9}: {counts[side, 'corpus'] / 1e9:6.2f}G on {sizes['corpus']:.2f} MB, "
            f"{counts[side, 'tiny'] / 1e9:6.2f}G on {sizes['tiny']:.2f} MB (startup); "
            f"{per_mb[side] / 1e9:.2f}G per MB without it"
        )
    extra = counts["beam", "tiny"] - counts["inprocess", "tiny"]
    print(
        f"Beam layer: {per_mb['beam'] / per_mb['inprocess'] - 1:+.1%} instructions per MB, "
        f"startup {extra / 1e9:+.2f}G ({_build(repo)})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=0.5, help="generated corpus size in MB (default 0.5)")
    ap.add_argument("--baseline", metavar="REV", help="also count a git revision of this repository, side by side")
    ap.add_argument("--job", action="store_true",
                    help="count the whole Beam job against the whole in-process job (startup taken out of both)")
    ap.add_argument("--startup-mb", type=float, default=0.01,
                    help="with --job: the tiny corpus whose count is each side's fixed startup (default 0.01)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child-inprocess", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.mb)
        return 0
    if args.child_inprocess:
        _child_inprocess(*args.child_inprocess)
        return 0
    for tool in ("valgrind", "callgrind_control"):
        if shutil.which(tool) is None:
            print(f"bench_instructions: {tool} not found; install valgrind (e.g. apt-get install valgrind)", file=sys.stderr)
            return 2
    repo = HERE.parent
    if args.job:
        _job(repo, args.mb, args.startup_mb)
        return 0
    here = _count(repo, args.mb)
    print(f"this checkout ({_build(repo)}): {here:,} instructions for {args.mb} MB ({here / args.mb / 1e9:.2f}G per MB)")
    if args.baseline:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "baseline"
            subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", "-q", str(tree), args.baseline], check=True)
            try:
                base = _count(tree, args.mb)
            finally:
                subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)], check=False)
        print(f"{args.baseline}: {base:,} instructions ({base / args.mb / 1e9:.2f}G per MB)")
        print(f"this checkout / {args.baseline}: {here / base:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
