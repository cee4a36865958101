"""Serving-time guard latency: model load time, p50/p99 per reply, short and long.

    python benchmarks/bench_guard.py [--n 2000]

Short replies are up to 200 characters, long ones about 4 KB with code, both
mixing calm, heated and Chinese text; one core (the process is pinned when
the OS allows it).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

SHORT = [
    "Use `xs[::-1]` for a reversed copy.",
    "this fucking function returns null when the list is empty.",
    "RTFM. Use `ls -la` to see hidden files.",
    "你这个SB需求改来改去，把第3行的 `foo()` 改成 `bar()`",
    "If the worker hangs, kill -9 it and abort the transaction.",
    "滚动条的属性设置不生效，回滚到上一个版本就好了。",
    "Are you even a programmer? The flag is `--force`.",
    "把 `timeout` 调大一点就行，重启一下 `nginx`。",
]
CODE = "```python\ndef handler(event, context):\n    items = event.get('items') or []\n    return sorted(items, key=lambda x: x['ts'])\n```\n"


def _long(rng: random.Random) -> str:
    parts = []
    while sum(map(len, parts)) < 4000:
        parts.append(rng.choice(SHORT) if rng.random() < 0.7 else CODE)
    return "\n\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t0 = time.perf_counter()
    from cleaner.guard import Guard

    guard = Guard()
    load_s = time.perf_counter() - t0
    rng = random.Random(3)
    print(f"load (import + lexicons + models): {load_s * 1000:.0f} ms; stages: {[s.name for s in guard.cleaner.stages]}")
    for name, make in (("short (<=200 chars)", lambda: rng.choice(SHORT)), ("long (~4 KB, code)", lambda: _long(rng))):
        replies = [make() for _ in range(args.n)]
        for r in replies[:50]:
            guard.check(r)  # warm-up
        times = []
        for r in replies:
            a = time.perf_counter()
            guard.check(r)
            times.append((time.perf_counter() - a) * 1000)
        times.sort()
        p50, p99 = statistics.median(times), times[int(len(times) * 0.99) - 1]
        print(f"{name:>20}: p50 {p50:.3f} ms  p99 {p99:.3f} ms  mean chars {sum(map(len, replies)) / len(replies):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
