"""Headless Chromium for the report: screenshots (tests, README images) and the rendered DOM.

``python -m cleaner.inspect.screenshot RUN_DIR OUT_DIR`` remakes the README's
two images (``report.png`` and ``terminal.png``) from a run, so they can be
refreshed whenever the report changes.  Chromium is a development tool here,
never a runtime dependency of the cleaner.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.cells import cell_len

CHROMIUM = "/usr/bin/chromium"
# Everything that would make Chromium reach the network or touch a profile, off.
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which("chromium")


def _run(extra: list[str], url: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory(prefix="cleaner-chromium-") as profile:
        cmd = [exe, *_FLAGS, f"--user-data-dir={profile}", *extra, url]
        return subprocess.run(cmd, capture_output=True, timeout=timeout, check=True)


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 2000, timeout: float = 60) -> Path:
    _run([f"--screenshot={png}", f"--window-size={width},{height}"], page.resolve().as_uri(), timeout)
    return png


def dump_dom(page: Path, timeout: float = 60) -> str:
    """The DOM after scripts ran: what a visitor's browser would hold."""
    return _run(["--dump-dom"], page.resolve().as_uri(), timeout).stdout.decode("utf-8", errors="replace")


def readme_images(run_dir: Path, out: Path, seed: int = 0, terminal_seed: int = 8) -> list[Path]:
    """``report.png``: the report with a 12-entry sample; ``terminal.png``: 3 neutralized records."""
    from rich.console import Console

    from cleaner.inspect import html, terminal
    from cleaner.inspect.load import RunDir
    from cleaner.inspect.sample import Filters, entries, sample
    from cleaner.inspect.stats import RunStats
    from cleaner.inspect.view import Action

    rd = RunDir.open(run_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cleaner-shots-") as tmp:
        stats = RunStats()
        picked = sample(entries(rd), Filters(), 12, seed, observe=stats.observe)
        page = Path(tmp) / "report.html"
        title = f"out/ (cleaner run --input samples/) · cleaner inspect out/ --html report.html --n 12 --seed {seed}"
        page.write_text(html.report(rd.summary(), stats, picked, title=title), encoding="utf-8")
        shots = [screenshot(page, out / "report.png", 1280, 2200)]
        edited = sample(entries(rd), Filters(actions=frozenset({Action.NEUTRALIZED})), 3, terminal_seed)
        console = Console(record=True, force_terminal=True, color_system="truecolor", width=110, file=_Null())
        terminal.show(edited, console)
        svg = Path(tmp) / "terminal.svg"
        text = console.export_svg(title=f"cleaner inspect out/ --action neutralized --n 3 --seed {terminal_seed}")
        svg.write_text(fix_wide_text(text), encoding="utf-8")
        width, height = svg_size(text)
        shots.append(screenshot(svg, out / "terminal.png", width, height))
    for png in shots:
        _shrink(png)
    return shots


def _shrink(png: Path) -> None:
    """256 colours are plenty for a screenshot and make the README's images a third of the size."""
    from PIL import Image  # installed with apache-beam

    with Image.open(png) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


_TEXT = re.compile(r'<text([^>]*?) x="([0-9.]+)"([^>]*?) textLength="([0-9.]+)"([^>]*)>([^<]*)</text>')
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def fix_wide_text(svg: str) -> str:
    """Lay wide (Chinese) characters over two terminal cells in rich's SVG.

    rich sizes each text run by ``len(text)`` cells, which squeezes Chinese
    into half its width; each run is split where the cell width changes and
    every piece stretched to its own cells.
    """

    def fix(m: re.Match[str]) -> str:
        head, x, mid, length, tail, body = m.groups()
        text = html.unescape(body)
        if cell_len(text) <= len(text):  # no wide character in this run
            return m.group(0)
        cw = float(length) / len(text)
        out, pos = [], float(x)
        for piece in _by_width(text):
            w = cell_len(piece) * cw
            out.append(f'<text{head} x="{pos:g}"{mid} textLength="{w:g}"{tail}>{html.escape(piece)}</text>')
            pos += w
        return "".join(out)

    return _TEXT.sub(fix, svg)


def _by_width(text: str) -> list[str]:
    runs: list[str] = []
    for ch in text:
        if runs and cell_len(runs[-1][-1]) == cell_len(ch):
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


def svg_size(svg: str) -> tuple[int, int]:
    m = _VIEWBOX.search(svg)
    return (int(float(m.group(1))) + 1, int(float(m.group(2))) + 1) if m else (1280, 1000)


class _Null:
    def write(self, s: str) -> int:
        return len(s)

    def flush(self) -> None:
        return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("run_dir", type=Path)
    p.add_argument("out", type=Path, nargs="?", default=Path("docs/images"))
    p.add_argument("--seed", type=int, default=0, help="sample seed of the report")
    p.add_argument("--terminal-seed", type=int, default=8, help="sample seed of the terminal image")
    args = p.parse_args(argv)
    for f in readme_images(args.run_dir, args.out, args.seed, args.terminal_seed):
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
