"""markdown-it-py as the oracle for where Markdown code is.

The segmenter scans lines itself for speed; markdown-it-py (CommonMark + GFM
tables) says where code really is.  Every line markdown-it puts in a fence or
an indented block, and every code span it finds, must come out as code.  The
reverse is allowed (the scanner errs towards code), so it is not asserted.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cleaner.segment import segment
from tests.cleaner.segment.strategies import Doc, markdown_doc

_MD = MarkdownIt("commonmark").enable("table")


def _code_lines_by_oracle(text: str) -> tuple[set[int], list[str]]:
    lines: set[int] = set()
    spans: list[str] = []
    for tok in _MD.parse(text):
        if tok.type in ("fence", "code_block") and tok.map:
            lines.update(range(tok.map[0], tok.map[1]))
        if tok.type == "html_block" and tok.map and tok.content.lstrip().lower().startswith("<pre"):
            lines.update(range(tok.map[0], tok.map[1]))
        for child in tok.children or []:
            if child.type == "code_inline" and child.content.strip():
                spans.append(child.content)
    return lines, spans


def _assert_agrees(text: str) -> None:
    segs = segment(text, "markdown")
    code = [(s.start, s.end) for s in segs if s.kind.is_code]
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    oracle_lines, oracle_spans = _code_lines_by_oracle(text)
    for ln in sorted(oracle_lines):
        if ln >= len(starts):
            continue
        s = starts[ln]
        e = starts[ln + 1] - 1 if ln + 1 < len(starts) else len(text)
        if s == e or not text[s:e].strip():
            continue
        assert any(cs <= s and e <= ce for cs, ce in code), f"line {ln} {text[s:e]!r} is code to markdown-it"
    # markdown-it drops container markers inside a multi-line code span; compare without them
    code_text = [_squash(text[s:e]) for s, e in code]
    for content in oracle_spans:
        norm = _squash(content)
        assert any(norm in c for c in code_text), f"code span {content!r} is code to markdown-it"


def _squash(s: str) -> str:
    return "".join(s.split()).replace(">", "")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_doc())
def test_generated_documents_agree_with_markdown_it(doc: Doc) -> None:
    _assert_agrees(doc.text)


# Derandomized: this noise reaches corners (lazy lines, nested containers on
# one line, tabs) where a rare disagreement would make a shared suite flaky.
@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="`~> -*1.\nab=", max_size=120))
def test_markdown_shaped_noise_agrees_with_markdown_it(text: str) -> None:
    _assert_agrees(text)
