"""Sampled records as coloured diffs in the terminal (rich).

Input text always goes into ``rich.text.Text`` objects, never through rich's
markup parser, so a turn that contains ``[bold]`` or ``[/]`` prints as
written; control characters are made visible first (cleaner.inspect.safe).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.pager import Pager
from rich.panel import Panel
from rich.style import Style
from rich.text import Text

from cleaner.inspect.pieces import ELIDE_AT, Piece, PieceKind, code_preserved, code_ranges, elide, pieces
from cleaner.inspect.safe import visible
from cleaner.inspect.view import Action, DeadLetterEntry, Entry, RecordDiff, TurnDiff

CODE = Style(color="#7dd3fc", bgcolor="#1e293b")
DROPPED = Style(color="#f87171", strike=True)
NEUTRALIZED = Style(color="#1c1917", bgcolor="#facc15", strike=True)
INSERTED = Style(color="#4ade80", bold=True)
DROP_TAG = Style(color="#fca5a5", italic=True)
NEUTRALIZE_TAG = Style(color="#fde047", italic=True)
DIM = Style(dim=True)
ELIDED = Style(color="#a78bfa", italic=True)
ACTION_STYLE = {
    Action.UNCHANGED: "green",
    Action.NEUTRALIZED: "yellow",
    Action.REJECTED: "red",
    Action.DEADLETTER: "magenta",
}
RAW_LIMIT = 4000  # characters of a dead-letter unit shown; the Parquet row has the rest


def legend() -> Text:
    t = Text("legend: ", style=DIM)
    t.append("dropped", DROPPED).append("  ")
    t.append("neutralized", NEUTRALIZED).append("  ")
    t.append("inserted", INSERTED).append("  ")
    t.append("code (preserved)", CODE)
    return t


def tag(p: Piece) -> str:
    assert p.edit is not None
    return f" \u27e6{p.edit.reason} {p.edit.score:.2f} {p.edit.stage}\u27e7"


def turn_text(turn: TurnDiff, limit: int | None = ELIDE_AT) -> Text:
    code = code_ranges(turn.original, turn.markup)
    out = Text()
    for p in elide(pieces(turn.original, list(turn.edits), code), limit):
        if p.kind is PieceKind.TEXT:
            out.append(visible(p.text))
        elif p.kind is PieceKind.ELIDED:
            out.append(p.text, ELIDED)
        elif p.kind is PieceKind.CODE:
            out.append(visible(p.text), CODE)
        else:
            assert p.edit is not None
            out.append(visible(p.text), NEUTRALIZED if p.neutralized else DROPPED)
            if p.edit.after:
                out.append(visible(p.edit.after), INSERTED)
            out.append(tag(p), NEUTRALIZE_TAG if p.neutralized else DROP_TAG)
    return out


def turn_header(turn: TurnDiff, depth: int | None) -> Text:
    t = Text(f"[{turn.index}] ", style=DIM)
    t.append(visible(turn.role), "bold")
    if depth:
        t.append(f"  rejection depth {depth}", "magenta")
    if not turn.trail_ok:
        t.append("  edit trail does not fit this text: edits not shown", "bold red")
    if turn.edits:
        kept, touched = code_preserved(turn)
        t.append(f"  {len(turn.edits)} edit{'s' if len(turn.edits) != 1 else ''}", "yellow")
        if kept:
            t.append(f"  {kept} code span{'s' if kept != 1 else ''} preserved", CODE)
        if touched:
            t.append(f"  {touched} code span{'s' if touched != 1 else ''} TOUCHED", "bold red")
    return t


def record_panel(r: RecordDiff, limit: int | None = ELIDE_AT) -> Panel:
    depths = {int(row.get("turn", -1)): int(row.get("depth", 0)) for row in r.escalation}
    body: list[RenderableType] = []
    if r.reasons:
        body.append(Text("rejected: " + ", ".join(visible(x) for x in r.reasons), style="bold red"))
        if r.detail:
            body.append(Text(visible(json.dumps(r.detail, ensure_ascii=False)), style=DIM))
    for t in r.turns:
        body.append(turn_header(t, depths.get(t.index)))
        body.append(turn_text(t, limit))
    return Panel(Group(*body), title=_title(r.action, r.id, f"{r.source} \u00b7 {r.lang}"), title_align="left",
                 border_style=ACTION_STYLE[r.action])


def deadletter_panel(d: DeadLetterEntry) -> Panel:
    raw = d.raw[:RAW_LIMIT]
    more = len(d.raw) - len(raw)
    body = Text()
    body.append(visible(d.reason), "bold magenta").append("  ").append(visible(d.error)).append("\n")
    body.append(visible(raw), DIM)
    if more or d.raw_truncated:
        body.append(f"\n\u2026 {'more' if not more else f'{more:,} more characters'} not shown"
                    f"{' (truncated by the job)' if d.raw_truncated else ''}", "italic")
    return Panel(body, title=_title(d.action, d.id, ""), title_align="left", border_style=ACTION_STYLE[d.action])


def _title(action: Action, id_: str, extra: str) -> Text:
    t = Text(f" {action} ", style=f"bold reverse {ACTION_STYLE[action]}")
    t.append(" ").append(visible(id_), "bold")
    if extra:
        t.append(f"  {visible(extra)}", DIM)
    return t


def render(e: Entry, limit: int | None = ELIDE_AT) -> Panel:
    return deadletter_panel(e) if isinstance(e, DeadLetterEntry) else record_panel(e, limit)


def taller_than_screen(entries: Iterable[Entry], console: Console, limit: int | None = ELIDE_AT) -> bool:
    """Whether the sample would scroll off the screen: only then is a pager worth its keystroke."""
    lines = 1  # the legend
    for e in entries:
        lines += len(console.render_lines(render(e, limit), console.options, pad=False))
        if lines > console.height:
            return True
    return False


def show(entries: Iterable[Entry], console: Console, pager: Pager | None = None, limit: int | None = ELIDE_AT) -> int:
    """Print the sample, through ``pager`` when given (colours kept). Returns how many were shown."""
    items = list(entries)
    if pager is not None:
        with console.pager(pager, styles=True):
            _print(items, console, limit)
    else:
        _print(items, console, limit)
    return len(items)


def _print(items: list[Entry], console: Console, limit: int | None) -> None:
    console.print(legend())
    if not items:
        console.print(Text("no record matches the filters", style="yellow"))
    for e in items:
        console.print(render(e, limit))
