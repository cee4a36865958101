"""Inline SVG charts for the report: no script, no external file, text escaped like the rest."""

from __future__ import annotations

from html import escape


def histogram(counts: list[int], overlay: list[int] | None = None, width: int = 360, height: int = 120,
              label: str = "") -> str:
    """Bars of ``counts`` over [0, 1]; ``overlay`` (e.g. the scores that led to an edit) drawn on top."""
    n = len(counts)
    top = max([*counts, *(overlay or []), 1])
    pad_l, pad_b, pad_t = 28, 18, 14
    plot_w, plot_h = width - pad_l - 4, height - pad_b - pad_t
    bw = plot_w / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hist" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">',
        f'<text x="{pad_l}" y="10" class="hl">{escape(label)}</text>',
        f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 4}" y2="{pad_t + plot_h}" class="axis"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" class="ht" text-anchor="end">{top}</text>',
    ]
    for series, cls in ((counts, "bar"), (overlay or [], "bar2")):
        for i, c in enumerate(series):
            if not c:
                continue
            h = max(1.0, plot_h * c / top)
            x, y = pad_l + i * bw + 1, pad_t + plot_h - h
            parts.append(f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bw - 2:.1f}" height="{h:.1f}">'
                         f"<title>{i / n:.2f}\u2013{(i + 1) / n:.2f}: {c}</title></rect>")
    for v in (0.0, 0.5, 1.0):
        x = pad_l + v * plot_w
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" class="ht" text-anchor="middle">{v:g}</text>')
    parts.append("</svg>")
    return "".join(parts)
