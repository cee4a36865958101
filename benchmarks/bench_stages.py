"""Where the time goes: CPU seconds per stage on one core, and worker-seconds per GB.

    python benchmarks/bench_stages.py [--mb 20]

Runs each step of the job in-process on a generated GitHub/forum corpus
(benchmarks/corpus.py), timing parse, segmentation, every configured scoring
stage, the policy, dedup signatures and Parquet writing separately.  Records
go in the job's batches (``cleaner.route.Batcher``), each step over a whole batch, as the job
runs them (``Cleaner.process_many``).  The
per-GB figures feed the README's Dataflow cost note.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from cleaner.compiled import describe

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--heated", type=float, default=0.05,
                    help="share of hostile prose sentences in the corpus (default 0.05; 0.33 is the stress mix)")
    ap.add_argument("--dup", type=float, default=0.05, help="share of records repeating an earlier thread (default 0.05)")
    args = ap.parse_args()

    import pyarrow as pa
    import pyarrow.parquet as pq
    from corpus import generate

    from cleaner import config
    from cleaner.counters import DictCounter
    from cleaner.dedup import DedupSettings, dedup, dedup_text
    from cleaner.document import Document
    from cleaner.gc_tuning import tune_for_job
    from cleaner.policy import decide
    from cleaner.process import Cleaner, stage_spans
    from cleaner.readers import iter_units, parse_unit, sniff_format
    from cleaner.route import Batcher
    from cleaner.rows import CLEANED_SCHEMA, cleaned_row

    cfg = config.load()
    cleaner = Cleaner(cfg)
    t = defaultdict(float)
    t0 = time.process_time()
    cleaner.setup()
    load_s = time.process_time() - t0
    tune_for_job()  # as the job's workers do after setup
    counter = DictCounter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp) / "c", args.mb, heated=args.heated, dup=args.dup)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        rows, texts = [], []
        records = []
        for path in paths:
            fmt = sniff_format(str(path))
            for unit in iter_units(str(path)):
                a = time.process_time()
                records.append(parse_unit(unit, fmt, 1 << 30))
                t["parse"] += time.process_time() - a
        # The job's batches (cleaner.route.Batcher), each step over a whole batch, as Cleaner.process_many does.
        batcher = Batcher()
        for batch in [full for r in records if (full := batcher.add(r))] + [batcher.take()]:
            b = time.process_time()
            docs = [Document.build(rec) for rec in batch]
            t["segment (Document.build)"] += time.process_time() - b
            spans: list[list] = [[] for _ in docs]
            for stage in cleaner.stages:
                s0 = time.process_time()
                got = stage_spans(stage, docs, counter)
                t[f"stage {stage.name}"] += time.process_time() - s0
                for acc, g in zip(spans, got, strict=True):
                    acc.extend(g)
            d = time.process_time()
            for doc, sp in zip(docs, spans, strict=True):
                decide(doc, sp, cfg, cleaner.policy)
            t["policy"] += time.process_time() - d
            for o in cleaner.process_many(batch, counter):
                rows.append(cleaned_row(o))
                texts.append((o.record.id, dedup_text(rows[-1])))
        a = time.process_time()
        dedup(texts, DedupSettings.from_dict(cfg["dedup"]))
        t["dedup (signatures + clusters)"] = time.process_time() - a
        a = time.process_time()
        pq.write_table(pa.Table.from_pylist(rows, schema=CLEANED_SCHEMA), Path(tmp) / "out.parquet")
        t["parquet write"] = time.process_time() - a
    total = sum(t.values())
    print(f"corpus: {mb:.1f} MB, {len(rows):,} records, heated {args.heated:.2f}, dup {args.dup:.2f}; model/lexicon load {load_s:.2f} s (once per worker)")
    print(f"build: {describe()}")
    print(f"{'step':<34}{'CPU s':>8}{'MB/s':>9}{'worker-s per GB':>18}")
    for k, v in sorted(t.items(), key=lambda kv: -kv[1]):
        print(f"{k:<34}{v:8.2f}{mb / v if v else float('inf'):9.1f}{v / mb * 1000:18.0f}")
    print(f"{'total':<34}{total:8.2f}{mb / total:9.2f}{total / mb * 1000:18.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
