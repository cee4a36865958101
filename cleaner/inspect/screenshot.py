"""Headless Chromium for the report: screenshots (tests, README images) and the rendered DOM.

``python -m cleaner.inspect.screenshot RUN_DIR OUT_DIR`` remakes the README's
two images (``report.png`` and ``terminal.png``) from a run, so they can be
refreshed whenever the report changes.  Chromium is a development tool here,
never a runtime dependency of the cleaner.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def readme_images(run_dir: Path, out: Path, seed: int = 0) -> list[Path]:
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
        page.write_text(html.report(rd.summary(), stats, picked, title="out/ (cleaner run --input samples/)"),
                        encoding="utf-8")
        shots = [screenshot(page, out / "report.png", 1280, 2200)]
        edited = sample(entries(rd), Filters(actions=frozenset({Action.NEUTRALIZED, Action.REJECTED})), 3, seed)
        console = Console(record=True, force_terminal=True, color_system="truecolor", width=100, file=_Null())
        terminal.show(edited, console)
        svg = Path(tmp) / "terminal.svg"
        console.save_svg(str(svg), title="cleaner inspect out/ --action neutralized --action rejected --n 3")
        shots.append(screenshot(svg, out / "terminal.png", 1280, 1000))
    return shots


class _Null:
    def write(self, s: str) -> int:
        return len(s)

    def flush(self) -> None:
        return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("run_dir", type=Path)
    p.add_argument("out", type=Path, nargs="?", default=Path("docs/images"))
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    for f in readme_images(args.run_dir, args.out, args.seed):
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
