"""The run summary: counts per output and reason, and the conservation check.

Built from counters alone (Beam metrics or an in-process DictCounter), so the
same function serves the local runner, Dataflow and the in-process runner.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa

from cleaner import reasons as R
from cleaner.counters import Counter
from cleaner.route import OUTPUTS

EDIT_PREFIXES = ("neutralize.", "drop_sentence.", "drop_turn.", R.DROP_QUOTE)

def count_output_row(counter: Counter, output: str, row: dict[str, Any]) -> None:
    """Count one written row: the ``<output>.rows/.units/.edited`` and ``<output>/<reason>`` keys read below."""
    counter.inc(f"{output}.rows")
    counter.inc(f"{output}.units", int(row.get("units", 1)))
    if row.get("edits"):
        counter.inc(f"{output}.edited")
    for r in row.get("reasons") or ([row["reason"]] if "reason" in row else []):
        counter.inc(f"{output}/{r}")


def count_output_batch(counter: Counter, output: str, batch: pa.RecordBatch) -> None:
    """:func:`count_output_row` for every row of ``batch`` (rows in Arrow form), in a few array operations."""
    import pyarrow.compute as pc  # not at import: the CLI's every start would pay for it

    n = batch.num_rows
    if not n:
        return
    names = batch.schema.names
    counter.inc(f"{output}.rows", n)
    units = pc.sum(pc.fill_null(batch.column("units"), 1)).as_py() if "units" in names else n
    counter.inc(f"{output}.units", int(units))
    if "edits" in names:
        edited = pc.sum(pc.greater(pc.fill_null(pc.list_value_length(batch.column("edits")), 0), 0)).as_py()
        if edited:
            counter.inc(f"{output}.edited", int(edited))
    if "reasons" in names:
        counts = pc.value_counts(pc.list_flatten(batch.column("reasons")))
    elif "reason" in names:
        counts = pc.value_counts(batch.column("reason"))
    else:
        return
    for item in counts.to_pylist():
        if item["values"] is not None:
            counter.inc(f"{output}/{item['values']}", int(item["counts"]))


# Conservation holds in units: a Stack Exchange thread is one record made of many lines.


def build_summary(
    io: dict[str, int], outputs: dict[str, int], elapsed_s: float, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``io``: counters of namespace ``cleaner``; ``outputs``: of ``cleaner.outputs``."""
    rows = {o: int(outputs.get(f"{o}.rows", 0)) for o in OUTPUTS}
    units = {o: int(outputs.get(f"{o}.units", 0)) for o in OUTPUTS}
    by_output: dict[str, dict[str, int]] = defaultdict(dict)
    flat: dict[str, int] = defaultdict(int)
    for key, n in outputs.items():
        if "/" in key:
            out, reason = key.split("/", 1)
            by_output[out][reason] = int(n)
            if out in OUTPUTS:  # pairs repeat the reasons of edits already counted
                flat[reason] += int(n)
    input_units = int(io.get("input_units", 0))
    accounted = sum(units.values())
    process_errors = by_output.get("deadletter", {}).get(R.PROCESS_ERROR, 0)
    summary: dict[str, Any] = {
        "input_units": input_units,
        "records": rows["cleaned"] + rows["rejected"] + process_errors,
        "cleaned": rows["cleaned"],
        "neutralized": int(outputs.get("cleaned.edited", 0)),
        "rejected": rows["rejected"],
        "deadletter": rows["deadletter"],
        "units": units,
        "conservation": {
            "ok": input_units == accounted,
            "input_units": input_units,
            "cleaned_plus_rejected_plus_deadletter_units": accounted,
        },
        "reasons": dict(sorted(flat.items())),
        "reasons_by_output": {k: dict(sorted(v.items())) for k, v in sorted(by_output.items())},
        "pairs": int(outputs.get("pairs.rows", 0)),
        "edits": {k: int(v) for k, v in sorted(io.items()) if k.startswith(EDIT_PREFIXES)},
        "files_read": int(io.get("files_read", 0)),
        "files_skipped": int(io.get("files_skipped", 0)),
        "counters": dict(sorted((k, int(v)) for k, v in io.items())),
        "elapsed_s": round(elapsed_s, 3),
    }
    summary["escalation"] = escalation_table(io)
    if extra:
        summary.update(extra)
    return summary


def escalation_table(io: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of (rejection depth, responses, hostile responses, hostile share), by depth."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"responses": 0, "hostile": 0})
    for key, n in io.items():
        if key.startswith("escalation.depth="):
            depth, what = key.removeprefix("escalation.depth=").split(".", 1)
            table[depth][what] += int(n)
    rows = []
    for depth in sorted(table, key=lambda d: int(d.rstrip("+"))):
        r = table[depth]
        share = r["hostile"] / r["responses"] if r["responses"] else 0.0
        rows.append({"depth": depth, "responses": r["responses"], "hostile": r["hostile"], "hostile_share": round(share, 3)})
    return rows


def render(summary: dict[str, Any]) -> Any:
    """A rich renderable of the summary for the terminal."""
    from rich.table import Table

    ok = summary["conservation"]["ok"]
    title = "sft-cleaner run summary"
    if "build" in summary:  # a long phrase: the title has room, a count cell does not
        title += f" ({summary['build']})"
    t = Table(title=title, show_header=True, header_style="bold")
    t.add_column("what")
    t.add_column("count", justify="right")
    t.add_column("units", justify="right")
    t.add_row("input units", f"{summary['input_units']:,}", "")
    t.add_row("records", f"{summary['records']:,}", "")
    for out, style in (("cleaned", "green"), ("rejected", "yellow"), ("deadletter", "red")):
        t.add_row(f"[{style}]{out}[/]", f"{summary[out]:,}", f"{summary['units'][out]:,}")
        if out == "cleaned":
            t.add_row("  of which neutralized", f"{summary['neutralized']:,}", "")
    verdict = "[green]ok[/]" if ok else "[bold red]MISMATCH[/]"
    t.add_row(
        "in = cleaned + rejected + dead-letter",
        verdict,
        f"{summary['conservation']['cleaned_plus_rejected_plus_deadletter_units']:,}",
    )
    for out, rs in summary["reasons_by_output"].items():
        if out not in ("rejected", "deadletter"):
            continue
        for reason, n in rs.items():
            t.add_row(f"  {out} / {reason}", f"{n:,}", "")
    for reason, n in summary["edits"].items():
        t.add_row(f"  edit / {reason}", f"{n:,}", "")
    if summary["pairs"]:
        t.add_row("preference pairs", f"{summary['pairs']:,}", "")
    t.add_row("elapsed", f"{summary['elapsed_s']:.1f} s", "")
    if not summary.get("escalation"):
        return t
    from rich.console import Group

    e = Table(title="hostile responses by rejection depth")
    for col in ("depth", "responses", "hostile", "share"):
        e.add_column(col, justify="right")
    for r in summary["escalation"]:
        e.add_row(r["depth"], f"{r['responses']:,}", f"{r['hostile']:,}", f"{r['hostile_share']:.0%}")
    return Group(t, e)
