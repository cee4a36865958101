"""`cleaner inspect DIR`: review a run as sampled diffs in the terminal, or as an HTML report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.pager import SystemPager

from cleaner.inspect import html, terminal
from cleaner.inspect.load import RunDir
from cleaner.inspect.pieces import ELIDE_AT
from cleaner.inspect.sample import Filters, entries, sample
from cleaner.inspect.stats import RunStats
from cleaner.inspect.view import Action


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="a run's output directory (cleaner run --output DIR)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report here instead of printing")
    p.add_argument("--n", type=int, default=20, help="records to sample (default 20)")
    p.add_argument("--seed", type=int, default=0, help="sampling seed: the same seed shows the same records")
    f = p.add_argument_group("filters (repeat a flag to allow several values)")
    f.add_argument("--action", action="append", choices=[str(a) for a in Action], default=[],
                   help="unchanged, neutralized (cleaned with edits), rejected or deadletter")
    f.add_argument("--reason", action="append", default=[],
                   help="an edit or record reason; a prefix up to a dot works (drop_sentence)")
    f.add_argument("--stage", action="append", default=[], help="a stage that scored or edited it (lexicon, fasttext@1)")
    f.add_argument("--lang", action="append", default=[], help="language: meta 'lang', else zh/en by script")
    f.add_argument("--role", action="append", default=[], help="role of an edited turn (any turn if none was edited)")
    f.add_argument("--min-score", type=float, help="some edit or span scored at least this")
    f.add_argument("--max-score", type=float, help="some edit or span scored at most this")
    f.add_argument("--min-depth", type=int, help="escalation: at least this many rejections before a response")
    f.add_argument("--max-depth", type=int, help="escalation: at most this many")
    p.add_argument("--no-pager", action="store_true", help="never page (paging is on when stdout is a terminal)")
    p.add_argument("--full", action="store_true",
                   help=f"show long unedited text and code in full (default: stretches over {ELIDE_AT:,} characters "
                   "show their head and tail)")


def filters_from(args: argparse.Namespace) -> Filters:
    return Filters(
        actions=frozenset(Action(a) for a in args.action),
        reasons=tuple(args.reason),
        stages=tuple(args.stage),
        langs=frozenset(x.lower() for x in args.lang),
        roles=frozenset(args.role),
        min_score=args.min_score,
        max_score=args.max_score,
        min_depth=args.min_depth,
        max_depth=args.max_depth,
    )


def describe(args: argparse.Namespace) -> str:
    """The filters as the command line that gave them, for the report's header."""
    parts = [f"--n {args.n}", f"--seed {args.seed}"]
    for name in ("action", "reason", "stage", "lang", "role"):
        parts += [f"--{name} {v}" for v in getattr(args, name)]
    for name in ("min_score", "max_score", "min_depth", "max_depth"):
        if getattr(args, name) is not None:
            parts.append(f"--{name.replace('_', '-')} {getattr(args, name)}")
    return " ".join(parts)


def run(args: argparse.Namespace, console: Console | None = None) -> int:
    try:
        rd = RunDir.open(args.dir)
    except FileNotFoundError as e:
        print(f"cleaner inspect: {e}", file=sys.stderr)
        return 2
    if args.n < 0:
        print("cleaner inspect: --n must be 0 or more", file=sys.stderr)
        return 2
    filters = filters_from(args)
    limit = None if args.full else ELIDE_AT
    if args.html:
        stats = RunStats()
        picked = sample(entries(rd), filters, args.n, args.seed, observe=stats.observe)
        page = html.report(rd.summary(), stats, picked, title=str(rd.path), filters=describe(args), limit=limit)
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"wrote {args.html}: {len(picked)} sampled entries of {sum(stats.actions.values()):,}", file=sys.stderr)
        return 0
    console = console or Console()
    picked = sample(entries(rd), filters, args.n, args.seed)
    # rich's system pager runs $PAGER (pydoc's choice when unset); `less -R` keeps the colours.
    paged = console.is_terminal and not args.no_pager and terminal.taller_than_screen(picked, console, limit)
    pager = SystemPager() if paged else None
    terminal.show(picked, console, pager, limit)
    return 0
