"""Instructions the cleaning stages execute, counted by valgrind: a figure that does not move with machine load.

Usage::

    python benchmarks/bench_instructions.py                      # this checkout, 0.5 MB
    python benchmarks/bench_instructions.py --baseline 807da75   # and a commit, side by side

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
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cleaner.compiled import describe

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


def _toggle(state: str) -> None:
    subprocess.run(["callgrind_control", "-i", state, str(os.getpid())], check=True, capture_output=True)


def _count(pythonpath: Path, mb: float) -> int:
    """Instructions of the stages loop with ``cleaner`` imported from ``pythonpath``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = {**os.environ, "PYTHONPATH": str(pythonpath)}
        cmd = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
            sys.executable, str(Path(__file__).resolve()), "--child", "--mb", str(mb),
        ]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp)
        if proc.returncode != 0:
            raise SystemExit(f"valgrind run failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        for line in out.read_text().splitlines():
            if line.startswith("totals:"):  # "summary:" stays 0 when instrumentation starts off
                return int(line.split()[1])
    raise SystemExit("no instruction total in callgrind's output")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=0.5, help="generated corpus size in MB (default 0.5)")
    ap.add_argument("--baseline", metavar="REV", help="also count a git revision of this repository, side by side")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.mb)
        return 0
    for tool in ("valgrind", "callgrind_control"):
        if shutil.which(tool) is None:
            print(f"bench_instructions: {tool} not found; install valgrind (e.g. apt-get install valgrind)", file=sys.stderr)
            return 2
    repo = HERE.parent
    here = _count(repo, args.mb)
    print(f"this checkout ({describe()}): {here:,} instructions for {args.mb} MB ({here / args.mb / 1e9:.2f}G per MB)")
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
