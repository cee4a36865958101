"""Throughput and peak memory of the whole job, Beam against the same stages in-process.

    python benchmarks/bench_job.py [--mb 50] [--variants inprocess,in_memory,multi_processing]

Generates a GitHub/forum-like corpus (benchmarks/corpus.py), then runs each
variant in a fresh subprocess so its peak RSS is its own, and prints MB/s,
MB/s per core, CPU seconds (user + system, the process and its workers), peak
RSS and the Beam layer's cost relative to in-process.  The cost is given on
wall time and on CPU time: on a shared machine other load stretches wall time
far more than it stretches CPU time, so the CPU figure is the steadier one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
        from cleaner.inprocess import dedup_routed, iter_routed, write_parquet

        paths = sorted(str(p) for p in corpus.glob("*.jsonl"))
        counter = DictCounter()
        write_parquet(dedup_routed(iter_routed(paths, "auto", cfg, counter), cfg, counter), out, counter)
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--heated", type=float, default=0.05,
                    help="share of hostile prose sentences in the corpus (default 0.05; 0.33 is the stress mix)")
    ap.add_argument("--dup", type=float, default=0.05, help="share of records repeating an earlier thread (default 0.05)")
    ap.add_argument("--variants", default="inprocess,in_memory,multi_processing")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
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
        results = {}
        for v in args.variants.split(","):
            cmd = [sys.executable, __file__, "--_run", v, "--_corpus", str(corpus), "--_out", f"{tmp}/out-{v}",
                   "--workers", str(args.workers)]
            res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
            cores = args.workers if v == "multi_processing" else 1
            res.update(mb_s=mb / res["elapsed_s"], mb_s_core=mb / res["elapsed_s"] / cores, cores=cores)
            results[v] = res
            print(f"{v:>17}: {res['elapsed_s']:7.1f} s  {res['mb_s']:6.2f} MB/s  {res['mb_s_core']:6.2f} MB/s/core"
                  f"  CPU {res['cpu_s']:7.1f} s ({mb / res['cpu_s']:.2f} MB per CPU-s)"
                  f"  peak RSS {res['peak_rss_mb']:7.0f} MB  ({cores} core{'s' if cores > 1 else ''})")
        if "inprocess" in results:
            base = results["inprocess"]
            for v, r in results.items():
                if v != "inprocess":
                    print(f"Beam {v} cost over in-process: per core {r['elapsed_s'] * r['cores'] / base['elapsed_s'] - 1:+.0%}"
                          f" (wall x cores), CPU {r['cpu_s'] / base['cpu_s'] - 1:+.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
