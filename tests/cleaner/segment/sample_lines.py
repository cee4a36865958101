"""Lines of the JSONL samples, each with what the segmenter and markdown-it-py make of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from cleaner.segment import segment

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
FILES = ("github_issues.jsonl", "github_issues_events.jsonl", "forum_posts.jsonl")
_MD = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Line:
    where: str  # file:line_number
    text: str
    code: bool  # entirely inside code segments
    fenced: bool  # markdown-it-py puts it in a fence or an indented block


def texts(name: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every Markdown body/text field of one sample file (broken lines skipped)."""
    for n, raw in enumerate((SAMPLES / name).read_text("utf-8").splitlines(), 1):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError:
            continue
        for t in _strings(obj):
            yield f"{name}:{n}", t


def _strings(x: object) -> Iterator[str]:
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ("body", "text", "content") and isinstance(v, str):
                yield v
            else:
                yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)


def lines(name: str) -> Iterator[Line]:
    for where, text in texts(name):
        segs = segment(text, "markdown")
        fenced: set[int] = set()
        for tok in _MD.parse(text):
            if tok.type in ("fence", "code_block") and tok.map:
                fenced.update(range(*tok.map))
        pos = 0
        si = 0
        for i, ln in enumerate(text.split("\n")):
            s, e = pos, pos + len(ln)
            pos = e + 1
            if not ln.strip():
                continue
            while si < len(segs) and segs[si].end <= s:
                si += 1
            k, covered = si, s
            while k < len(segs) and segs[k].start < e and segs[k].kind.is_code:
                covered = segs[k].end
                k += 1
            yield Line(where, ln, covered >= e, i in fenced)
