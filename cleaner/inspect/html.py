"""The HTML report: one self-contained static page a reviewer can open anywhere.

Every string that came from the run goes through :func:`esc` (control
characters made visible, then HTML-escaped, quotes included, so it is safe
in text and in attribute values alike).  The inputs are hostile by nature; a
CSP that allows only the page's own script (by hash) backs the escaping up.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from cleaner.inspect import assets, svg
from cleaner.inspect.pieces import ELIDE_AT, PieceKind, code_ranges, elide, pieces
from cleaner.inspect.safe import visible
from cleaner.inspect.sample import ORDER
from cleaner.inspect.stats import RunStats
from cleaner.inspect.view import DeadLetterEntry, Entry, RecordDiff, TurnDiff

RAW_LIMIT = 8000


def esc(s: Any) -> str:
    return html.escape(visible(str(s)), quote=True)


def report(summary: dict[str, Any], stats: RunStats, entries: list[Entry], title: str, filters: str = "",
           limit: int | None = ELIDE_AT) -> str:
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src {assets.script_hash()}; img-src data:"
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "".join(
        [
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>sft-cleaner report: {esc(title)}</title><style>{assets.CSS}</style></head><body>",
            f"<header><h1>sft-cleaner run report</h1><div class=\"sub\">{esc(title)} \u00b7 generated {generated}"
            f"{' · sample filters: ' + esc(filters) if filters else ''}</div></header><main>",
            _cards(summary, stats),
            _breakdowns(summary, stats),
            '<div class="grid2">',
            _scores(stats),
            _escalation(stats),
            "</div>",
            _sample(entries, limit),
            f"</main><script>{assets.JS}</script></body></html>\n",
        ]
    )


def _cards(summary: dict[str, Any], stats: RunStats) -> str:
    cons = summary.get("conservation", {})
    ok = cons.get("ok")
    items = [
        ("input units", summary.get("input_units", "\u2013"), ""),
        ("records", stats.records, ""),
        ("unchanged", stats.actions.get("unchanged", 0), ""),
        ("neutralized", stats.actions.get("neutralized", 0), ""),
        ("rejected", stats.actions.get("rejected", 0), ""),
        ("dead-letter", stats.actions.get("deadletter", 0), ""),
        ("edits", stats.edits, f"{stats.chars_removed:,} characters removed"),
        ("code spans preserved", stats.code_preserved,
         "in edited turns, " + (f"{stats.code_touched} TOUCHED" if stats.code_touched else "none touched")),
        *([("preference pairs", summary["pairs"], "in pairs/ (--emit-pairs)")] if summary.get("pairs") else []),
        *([("edit trails broken", stats.trails_broken, "turns whose edits do not fit their text")]
          if stats.trails_broken else []),
        ("conservation", "ok" if ok else ("MISMATCH" if ok is False else "\u2013"),
         "in = cleaned + rejected + dead-letter"),
    ]
    out = ["<h2>Run</h2><div class=\"cards\">"]
    for label, n, note in items:
        cls = " ok" if n == "ok" else (" bad" if n == "MISMATCH" or label == "edit trails broken" or (label.startswith("code") and stats.code_touched)
                                        else "")
        shown = f"{n:,}" if isinstance(n, int) else esc(n)
        out.append(f'<div class="card"><div class="n{cls}">{shown}</div><div class="l">{esc(label)}'
                   f"{'<br>' + esc(note) if note else ''}</div></div>")
    out.append("</div>")
    return "".join(out)


def _bar_table(title: str, head: list[str], rows: list[tuple[str, list[int]]]) -> str:
    top = max([sum(v) for _, v in rows] + [1])
    out = [f"<div><h2>{esc(title)}</h2><table><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in head]
    out.append('<th class="barc"></th></tr>')
    for label, values in rows:
        cells = "".join(f'<td class="num">{v:,}</td>' for v in values)
        width = 100 * sum(values) / top
        out.append(f'<tr><td>{esc(label)}</td>{cells}<td class="barc"><div class="bar" style="width:{width:.1f}%">'
                   "</div></td></tr>")
    if not rows:
        out.append(f'<tr><td colspan="{len(head) + 1}" class="count">none</td></tr>')
    out.append("</table></div>")
    return "".join(out)


def _breakdowns(summary: dict[str, Any], stats: RunStats) -> str:
    acts = [str(a) for a in ORDER]
    reasons = sorted(stats.reasons.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    changed = acts[:3]  # an unchanged record has no reason by definition
    reason_rows = [(r, [c.get(a, 0) for a in changed]) for r, c in reasons]
    langs = sorted(stats.langs.items(), key=lambda kv: -sum(kv[1].values()))
    lang_rows = [(lang, [c.get(a, 0) for a in acts]) for lang, c in langs]
    stages = sorted(set(stats.spans_by_stage) | set(stats.edits_by_stage))
    stage_rows = [(s, [stats.spans_by_stage.get(s, 0), stats.edits_by_stage.get(s, 0)]) for s in stages]
    roles = sorted(stats.turns_by_role, key=lambda r: -stats.turns_by_role[r])
    role_rows = [(r, [stats.turns_by_role[r], stats.edits_by_role.get(r, 0)]) for r in roles]
    files = f"{summary.get('files_read', 0)} files read, {summary.get('files_skipped', 0)} skipped" if summary else ""
    return "".join(
        [
            '<div class="grid2">',
            _bar_table("Reasons (edits and verdicts)", ["reason", *changed], reason_rows),
            "<div>",
            _bar_table("Languages (records)", ["language", *acts], lang_rows),
            _bar_table("Stages", ["stage", "spans", "edits"], stage_rows),
            _bar_table("Roles", ["role", "turns", "edits"], role_rows),
            f'<p class="count">{esc(files)}</p>' if files else "",
            "</div></div>",
        ]
    )


def _scores(stats: RunStats) -> str:
    stages = sorted(set(stats.span_scores) | set(stats.edit_scores))
    out = ['<div><h2>Scores</h2><p class="key"><i style="background:#0969da;opacity:.55"></i>all spans'
           '<i style="background:#cf222e"></i>scores behind an edit</p><div class="hists">']
    for s in stages:
        spans, edits = stats.span_scores.get(s), stats.edit_scores.get(s)
        base = spans.counts if spans else [0] * len(edits.counts if edits else [])
        out.append(svg.histogram(base, edits.counts if edits else None, label=f"{s}: {spans.total if spans else 0} "
                                 f"spans, {edits.total if edits else 0} edits"))
    if not stages:
        out.append('<p class="count">no scored spans in this run</p>')
    out.append("</div></div>")
    return "".join(out)


def _escalation(stats: RunStats) -> str:
    rows = stats.escalation_rows()
    out = ["<div><h2>Escalation: hostile responses by rejection depth</h2><table><tr><th>depth</th><th>responses</th>"
           '<th>hostile</th><th>share</th><th class="barc"></th></tr>']
    for r in rows:
        out.append(f"<tr><td>{esc(r['depth'])}</td><td class=\"num\">{r['responses']:,}</td>"
                   f"<td class=\"num\">{r['hostile']:,}</td><td class=\"num\">{r['hostile_share']:.0%}</td>"
                   f'<td class="barc"><div class="bar" style="width:{100 * r["hostile_share"]:.1f}%;background:#cf222e">'
                   "</div></td></tr>")
    if not rows:
        out.append('<tr><td colspan="5" class="count">no escalation tags in this run</td></tr>')
    out.append("</table></div>")
    return "".join(out)


def _options(id_: str, label: str, values: Iterable[str]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in sorted(set(values)))
    return f'<label>{esc(label)} <select id="{id_}"><option value="">all</option>{opts}</select></label>'


def _sample(entries: list[Entry], limit: int | None) -> str:
    records = [e for e in entries if isinstance(e, RecordDiff)]
    out = [
        f"<h2>Sample ({len(entries)} {'entry' if len(entries) == 1 else 'entries'})</h2><div class=\"filters\">",
        _options("f-action", "action", (str(e.action) for e in entries)),
        _options("f-reason", "reason", (r for e in entries for r in e.all_reasons)),
        _options("f-lang", "language", (e.lang for e in records)),
        _options("f-role", "role", (t.role for e in records for t in e.turns)),
        '<label>text <input id="f-text" type="search" placeholder="contains\u2026"></label>',
        '<span id="f-count" class="count"></span></div>',
    ]
    out += [_deadletter(e) if isinstance(e, DeadLetterEntry) else _record(e, limit) for e in entries]
    return "".join(out)


def _attrs(e: Entry, lang: str, roles: Iterable[str]) -> str:
    return (f'class="rec {esc(e.action)}" data-action="{esc(e.action)}" '
            f'data-reasons="{esc(" ".join(sorted(set(e.all_reasons))))}" data-lang="{esc(lang)}" '
            f'data-roles="{esc(" ".join(sorted(set(roles))))}"')


def _record(r: RecordDiff, limit: int | None) -> str:
    depths = {int(x.get("turn", -1)): int(x.get("depth", 0)) for x in r.escalation}
    out = [f"<section {_attrs(r, r.lang, (t.role for t in r.turns))}><div class=\"rh\">",
           f'<span class="badge {esc(r.action)}">{esc(r.action)}</span><span class="rid">{esc(r.id)}</span>',
           f'<span class="meta">{esc(r.source)} \u00b7 {esc(r.format)} \u00b7 {esc(r.lang)} \u00b7 '
           f"{len(r.turns)} turns \u00b7 max rejection depth {r.max_depth}</span></div>"]
    if r.reasons:
        detail = f" \u2014 {json.dumps(r.detail, ensure_ascii=False)}" if r.detail else ""
        out.append(f'<div class="why">rejected: {esc(", ".join(r.reasons))}{esc(detail)}</div>')
    for t in r.turns:
        out.append(_turn(t, depths.get(t.index), limit))
    out.append("</section>")
    return "".join(out)


def _turn(t: TurnDiff, depth: int | None, limit: int | None) -> str:
    code = code_ranges(t.original, t.markup)
    ps = elide(pieces(t.original, list(t.edits), code), limit)
    head = (f'<div class="th">[{t.index}] <b>{esc(t.role)}</b>{f" · rejection depth {depth}" if depth else ""}'
            f" \u00b7 {_n(len(t.edits), 'edit')} \u00b7 {_n(len(code), 'code span')}"
            f"{'' if t.trail_ok else ' · <b class=bad>edit trail does not fit this text: edits not shown</b>'}</div>")
    if not t.edits:
        return f'<div class="turn">{head}<div class="col"><pre class="txt">{_side(ps, False)}</pre></div></div>'
    return (f'<div class="turn">{head}<div class="sbs"><div class="col"><h4>original</h4><pre class="txt">'
            f'{_side(ps, False)}</pre></div><div class="col"><h4>cleaned</h4><pre class="txt">{_side(ps, True)}'
            "</pre></div></div></div>")


def _n(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _side(ps: list[Any], cleaned: bool) -> str:
    out = []
    for p in ps:
        if p.kind is PieceKind.TEXT:
            out.append(esc(p.text))
        elif p.kind is PieceKind.ELIDED:
            out.append(f'<span class="elided">{esc(p.text)}</span>')
        elif p.kind is PieceKind.CODE:
            out.append(f'<span class="code" title="code: preserved byte for byte">{esc(p.text)}</span>')
        elif cleaned:
            if p.edit.after:
                out.append(f'<ins title="{esc(p.edit.reason)}">{esc(p.edit.after)}</ins>')
        else:
            cls = "neu" if p.neutralized else "drop"
            why = f"{p.edit.reason} {p.edit.score:.2f} {p.edit.stage}"
            out.append(f'<del class="{cls}" title="{esc(why)}">{esc(p.text)}</del>'
                       f'<span class="tag {cls}">{esc(p.edit.reason)} {p.edit.score:.2f}</span>')
    return "".join(out)


def _deadletter(d: DeadLetterEntry) -> str:
    raw = d.raw[:RAW_LIMIT]
    more = len(d.raw) - len(raw)
    note = f"\n\u2026 {more:,} more characters" if more else ""
    note += "\n(truncated by the job)" if d.raw_truncated else ""
    return (f"<section {_attrs(d, '', ())}><div class=\"rh\"><span class=\"badge deadletter\">dead-letter</span>"
            f'<span class="rid">{esc(d.id)}</span></div><div class="why">{esc(d.reason)}: {esc(d.error)}</div>'
            f'<div class="col"><pre class="txt">{esc(raw)}{esc(note)}</pre></div></section>')
