"""Throughput and peak memory of the whole job, Beam against the same stages in-process.

    python benchmarks/bench_job.py [--mb 50] [--variants inprocess,in_memory,multi_processing] [--repeat 3]

Generates a GitHub/forum-like corpus (benchmarks/corpus.py), then runs each
variant in a fresh subprocess so its peak RSS is its own, and prints MB/s,
MB/s per core, CPU seconds (user + system, the process and its workers), peak
RSS and the Beam layer's cost relative to in-process.  The cost is given on
wall time and on CPU time: on a shared machine other load stretches wall time
far more than it stretches CPU time, so the CPU figure is the steadier one.

Each round also runs every variant on a tiny corpus (``--startup-mb``): the
Beam job pays a fixed startup the in-process loop does not (importing Beam,
starting the runner: about 5.5 CPU-s here), which is 10% of a 50 MB run and
nothing of a terabyte one, so the per-MB cost with startup taken out of both
sides is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleaner.compiled import describe

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _variant(name: str, corpus: Path, out: Path, workers: int) -> dict:
    from cleaner import config
    from cleaner.counters import DictCounter

    cfg = config.load(overrides=["output.progress_interval_s=0"])
    t0 = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = r0.ru_utime + r0.ru_stime
    if name == "inprocess":
        from cleaner.inprocess import run_job

        run_job(sorted(str(p) for p in corpus.glob("*.jsonl")), "auto", cfg, out, DictCounter())
    else:
        from cleaner.cli import main

        extra = ["--direct_running_mode", name]
        if name == "multi_processing":
            extra += ["--direct_num_workers", str(workers)]
        rc = main(["run", "--input", str(corpus), "--output", str(out), "--quiet", *extra])
        assert rc == 0, rc
    elapsed = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = max(me.ru_maxrss, kids.ru_maxrss)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime - cpu0
    return {"elapsed_s": elapsed, "cpu_s": cpu, "peak_rss_mb": rss / 1024}


def _subprocess(variant: str, corpus: Path, out: Path, workers: int) -> dict:
    """One variant in a fresh interpreter, so its peak RSS and CPU are its own."""
    cmd = [sys.executable, __file__, "--_run", variant, "--_corpus", str(corpus), "--_out", str(out),
           "--workers", str(workers)]
    out_text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out_text.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--heated", type=float, default=0.05,
                    help="share of hostile prose sentences in the corpus (default 0.05; 0.33 is the stress mix)")
    ap.add_argument("--dup", type=float, default=0.05, help="share of records repeating an earlier thread (default 0.05)")
    ap.add_argument("--variants", default="inprocess,in_memory,multi_processing")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of all variants, interleaved, every other round in reverse order; the median round "
                         "is reported per variant and the "
                         "Beam cost is the median of the per-round ratios (this machine's spread between runs is "
                         "up to 30%%, so one round rarely settles a few percent)")
    ap.add_argument("--startup-mb", type=float, default=0.1,
                    help="also run each variant on a corpus this small, every round, and report the Beam cost with "
                         "that fixed startup (imports, runner, model loading) taken out of both sides: what a large "
                         "job pays per MB (default 0.1; 0 skips it)")
    ap.add_argument("--_run", help=argparse.SUPPRESS)
    ap.add_argument("--_corpus", help=argparse.SUPPRESS)
    ap.add_argument("--_out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._run:
        print(json.dumps(_variant(args._run, Path(args._corpus), Path(args._out), args.workers)))
        return 0

    from corpus import generate

    with tempfile.TemporaryDirectory(prefix="bench-job-") as tmp:
        corpus = Path(tmp) / "corpus"
        paths = generate(corpus, args.mb, heated=args.heated, dup=args.dup)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        lines = sum(1 for p in paths for _ in p.open("rb"))
        print(f"corpus: {mb:.1f} MB, {lines:,} records in {len(paths)} files, heated {args.heated:.2f}, dup {args.dup:.2f}")
        print(f"build: {describe()}")
        tiny: Path | None = None
        if args.startup_mb > 0:
            tiny = Path(tmp) / "tiny"
            generate(tiny, args.startup_mb, heated=args.heated, dup=args.dup)
            tiny_mb = sum(p.stat().st_size for p in tiny.glob("*.jsonl")) / 1e6
        rounds: list[dict[str, dict]] = []
        startups: list[dict[str, dict]] = []
        for r in range(args.repeat):
            results = {}
            # Every other round runs the variants in reverse order (A B, B A, ...): the variant
            # that ran second in a round read up to 10 points slower here, whichever it was.
            order = args.variants.split(",")
            for v in order if r % 2 == 0 else order[::-1]:
                res = _subprocess(v, corpus, Path(f"{tmp}/out-{v}-{r}"), args.workers)
                cores = args.workers if v == "multi_processing" else 1
                res.update(mb_s=mb / res["elapsed_s"], mb_s_core=mb / res["elapsed_s"] / cores, cores=cores)
                results[v] = res
                tag = f"{v} [{r + 1}/{args.repeat}]" if args.repeat > 1 else v
                print(f"{tag:>23}: {res['elapsed_s']:7.1f} s  {res['mb_s']:6.2f} MB/s  {res['mb_s_core']:6.2f} MB/s/core"
                      f"  CPU {res['cpu_s']:7.1f} s ({mb / res['cpu_s']:.2f} MB per CPU-s)"
                      f"  peak RSS {res['peak_rss_mb']:7.0f} MB  ({cores} core{'s' if cores > 1 else ''})", flush=True)
            rounds.append(results)
            if tiny is not None:
                startups.append({v: _subprocess(v, tiny, Path(f"{tmp}/tiny-{v}-{r}"), args.workers)
                                 for v in args.variants.split(",")})
                print(f"{'startup':>23}: " + ", ".join(f"{v} CPU {res['cpu_s']:.1f} s" for v, res in startups[-1].items())
                      + f" on {tiny_mb:.2f} MB", flush=True)
        if args.repeat > 1:
            for v in rounds[0]:
                cpu = statistics.median(rd[v]["cpu_s"] for rd in rounds)
                wall = statistics.median(rd[v]["elapsed_s"] for rd in rounds)
                print(f"{v + ' median':>23}: {wall:7.1f} s  {mb / wall / rounds[0][v]['cores']:6.2f} MB/s/core"
                      f"  CPU {cpu:7.1f} s ({mb / cpu:.2f} MB per CPU-s)")
        if "inprocess" in rounds[0]:
            for v in rounds[0]:
                if v == "inprocess":
                    continue
                wall = [rd[v]["elapsed_s"] * rd[v]["cores"] / rd["inprocess"]["elapsed_s"] - 1 for rd in rounds]
                cpu = [rd[v]["cpu_s"] / rd["inprocess"]["cpu_s"] - 1 for rd in rounds]
                spread = f" (rounds: {', '.join(f'{c:+.0%}' for c in cpu)})" if args.repeat > 1 else ""
                print(f"Beam {v} cost over in-process: per core {statistics.median(wall):+.0%} (wall x cores),"
                      f" CPU {statistics.median(cpu):+.0%}{spread}")
                if startups:
                    steady = [(rd[v]["cpu_s"] - st[v]["cpu_s"]) / (rd["inprocess"]["cpu_s"] - st["inprocess"]["cpu_s"]) - 1
                              for rd, st in zip(rounds, startups, strict=True)]
                    fixed = statistics.median(st[v]["cpu_s"] - st["inprocess"]["cpu_s"] for st in startups)
                    print(f"Beam {v} cost over in-process per MB, startup excluded: CPU {statistics.median(steady):+.0%}"
                          f" (rounds: {', '.join(f'{c:+.0%}' for c in steady)}); its fixed startup costs {fixed:+.1f}"
                          f" CPU-s more than in-process's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
