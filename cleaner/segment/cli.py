"""`cleaner segment FILE`: see how a turn splits into code and prose before trusting the job with it.

The text is printed whole, coloured by segment kind, so a code line read as
prose (or a sentence read as code) stands out; ``--sentences`` lists the
sentences exactly as scorers will see them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cleaner.segment import Kind, Segment, segment, sentences

STYLES: dict[Kind, str] = {
    Kind.PROSE: "",
    Kind.QUOTE: "italic cyan",
    Kind.CODE_BLOCK: "green on grey11",
    Kind.INLINE_CODE: "bold green",
    Kind.MARKUP: "dim magenta",
}
_BY_SUFFIX = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".txt": "plain"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="text file to segment ('-' reads stdin)")
    parser.add_argument(
        "--markup",
        choices=["markdown", "html", "plain"],
        help="how to read FILE (default: from its extension, else markdown)",
    )
    parser.add_argument("--sentences", action="store_true", help="also list the sentences scorers see")
    parser.add_argument("--no-color", action="store_true", help="plain output, kinds shown as [kind] tags")


def run(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"cleaner segment: cannot read {args.file}: {e}", file=sys.stderr)
        return 2
    markup = args.markup or _BY_SUFFIX.get(Path(args.file).suffix.lower(), "markdown")
    console = Console(no_color=args.no_color, highlight=False, soft_wrap=True)
    segs = segment(text, markup)
    console.print(render(text, segs, tags=args.no_color), end="")
    console.print()
    console.print(_summary(text, segs, markup))
    if args.sentences:
        table = Table("#", "start", "end", "quote", "sentence", show_lines=False)
        for i, s in enumerate(sentences(text, segs)):
            table.add_row(str(i), str(s.start), str(s.end), "yes" if s.quote else "", s.text)
        console.print(table)
    return 0


def render(text: str, segs: list[Segment], tags: bool = False) -> Text:
    """The text with each segment styled by kind (or wrapped in [kind]...[/kind] tags)."""
    out = Text()
    for s in segs:
        piece = text[s.start : s.end]
        if tags and s.kind is not Kind.PROSE:
            out.append(f"[{s.kind}]{piece}[/{s.kind}]")
        else:
            out.append(piece, style=STYLES[s.kind])
    return out


def _summary(text: str, segs: list[Segment], markup: str) -> Text:
    chars: Counter[str] = Counter()
    for s in segs:
        chars[str(s.kind)] += s.end - s.start
    legend = Text(f"{markup}, {len(text)} chars: ")
    for kind in Kind:
        legend.append(f"{kind} {chars[str(kind)]}", style=STYLES[kind] or "bold")
        legend.append("  ")
    return legend
