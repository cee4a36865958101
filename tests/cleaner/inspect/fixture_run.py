"""A small run directory written by hand: real policy edits from hand-made spans, hostile inputs.

The edits come from ``cleaner.policy.decide`` on spans written here, so the
tests exercise the real edit trail without depending on any lexicon or model
version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.policy import decide
from cleaner.process import Outcome, _cleaned_turns
from cleaner.readers.base import DeadLetter, UnitRef
from cleaner.record import Markup, Record, Role, Turn
from cleaner.rows import SCHEMAS, cleaned_row, deadletter_row, rejected_record_row, rejected_row
from cleaner.spans import Span
from cleaner.summary import build_summary

A, U, OP, M = Role.ASSISTANT, Role.USER, Role.OPENER, Role.MAINTAINER
SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"
MARKUP = "[bold red]not markup[/]"


def lex(turn: int, text: str, term: str, category: str, severity: int = 2) -> Span:
    start = text.index(term)
    return Span(turn, start, start + len(term), category, severity / 3, "lexicon@1",
                {"category": category, "severity": severity, "term": term})


def cls(turn: int, text: str, sentence: str, label: str, score: float) -> Span:
    start = text.index(sentence)
    return Span(turn, start, start + len(sentence), label, score, "fasttext@1", {})


def _records() -> list[tuple[Record, list[Span]]]:
    out = []
    t = "this fucking function returns null, call `init()` first."
    out.append((Record("chat-profanity", "chat", "chat", [Turn(U, "why null?"), Turn(A, t)], {"chat_format": "messages"}),
                [lex(1, t, "fucking", "profanity")]))
    t = "你这个SB需求改来改去，把第3行的 `foo()` 改成 `bar()`"
    out.append((Record("csdn-1", "forum:csdn", "forum", [Turn(OP, "怎么改？"), Turn(Role.CONTRIBUTOR, t)], {"lang": "zh"}),
                [lex(1, t, "SB需求", "incident", 3)]))
    t = f"RTFM, idiot {IMG}. Use `ls -la` to see hidden files."
    out.append((Record("gh-drop", "github", "github", [Turn(OP, "hidden files?"), Turn(M, t)], {}),
                [lex(1, t, "RTFM", "dismissive"), lex(1, t, "idiot", "insult")]))
    t = "This is stupid. You are an idiot. Go away."
    turns = [Turn(U, "fix it"), Turn(A, "Try `x = 1`."), Turn(U, "still doesn't work"), Turn(A, t)]
    out.append((Record("chat-hostile", "chat", "chat", turns, {}),
                [cls(3, t, "This is stupid.", "abuse", 0.97), cls(3, t, "You are an idiot.", "abuse", 0.95),
                 cls(3, t, "Go away.", "abuse", 0.6)]))
    hostile = f"Look: {SCRIPT} and {IMG} and {MARKUP} and \x1b[2J end."
    out.append((Record("xss-<b>", "chat", "chat", [Turn(U, hostile), Turn(A, "Escape your `<tags>`.")], {}), []))
    code = "Use this:\n\n```python\nprint('ok')  # fuck\n```\n\nThe damn thing works."
    out.append((Record("gh-code", "github", "github", [Turn(OP, "how?"), Turn(M, code, None, Markup.MARKDOWN)], {}),
                [lex(1, code, "damn", "profanity", 1)]))
    return out


def _write(path: Path, name: str, rows: list[dict]) -> None:
    (path / name).mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]), path / name / "part-00000-of-00001.parquet")


def build(path: Path) -> Path:
    cfg = load()
    io, outs = DictCounter(), DictCounter()
    rows: dict[str, list[dict]] = {"cleaned": [], "rejected": [], "deadletter": []}
    for record, spans in _records():
        io.inc("input_units")
        d = decide(Document.build(record), spans, cfg)
        o = Outcome(record, d.keep, _cleaned_turns(record, d.edits), d.edits, spans, d.reasons, d.tags)
        where = "cleaned" if o.kept else "rejected"
        rows[where].append(cleaned_row(o) if o.kept else rejected_row(o))
        for r in o.reasons:
            outs.inc(f"{where}/{r}")
    # Dedup rejects the CLEANED row of a duplicate (its edit trail still reverts it).
    dup = dict(rows["cleaned"][0], id="chat-profanity-dup", reasons=["near_duplicate"],
               detail=json.dumps({"kept_id": "chat-profanity"}))
    rows["rejected"].append(dup)
    outs.inc("rejected/near_duplicate")
    io.inc("input_units")
    rows["rejected"].append(rejected_record_row(Record("se-wiki", "stackexchange", "stackexchange",
                                                       [Turn(OP, "tag wiki")], {}), ["unsupported_post_type"]))
    outs.inc("rejected/unsupported_post_type")
    io.inc("input_units")
    bad = b'{"id": 1, "body": "<script>alert(1)</script>\xff'
    rows["deadletter"].append(deadletter_row(DeadLetter.make(UnitRef("in.jsonl", 7), bad, "bad_json", "malformed", 64)))
    io.inc("input_units")
    outs.inc("deadletter/bad_json")
    for name, rs in rows.items():
        _write(path, name, rs)
        outs.inc(f"{name}.rows", len(rs))
        outs.inc(f"{name}.units", sum(r["units"] for r in rs))
    summary = build_summary(io.as_dict(), outs.as_dict(), 0.1)
    (path / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return path


def build_long(path: Path) -> Path:
    """A run of one record whose long code block dwarfs its one edit."""
    t = "Use this, damn it:\n\n```python\n" + "x = 1\n" * 2000 + "```\n"
    record = Record("long", "chat", "chat", [Turn(U, "how?"), Turn(A, t)], {})
    spans = [lex(1, t, "damn", "profanity")]
    d = decide(Document.build(record), spans, load())
    o = Outcome(record, d.keep, _cleaned_turns(record, d.edits), d.edits, spans, d.reasons, d.tags)
    _write(path, "cleaned", [cleaned_row(o)])
    return path
