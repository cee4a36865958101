"""The report in a real browser: it renders, and hostile input stays text.

Needs Debian's ``chromium`` (CI installs it with fonts-noto-cjk); skipped with
the reason when it is missing.
"""

import io
import re

import pytest

from cleaner.inspect.html import report
from cleaner.inspect.load import RunDir
from cleaner.inspect.sample import Filters, entries, sample
from cleaner.inspect.screenshot import chromium, dump_dom, screenshot
from cleaner.inspect.stats import RunStats

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium not installed (apt-get install chromium "
                                "fonts-noto-cjk); .ci/run installs it")


@pytest.fixture(scope="module")
def page(run_dir, tmp_path_factory):
    rd = RunDir.open(run_dir)
    stats = RunStats()
    picked = sample(entries(rd), Filters(), 20, 0, observe=stats.observe)
    out = tmp_path_factory.mktemp("report") / "report.html"
    out.write_text(report(rd.summary(), stats, picked, title="fixture"), encoding="utf-8")
    return out


def test_screenshot_is_not_blank(page, tmp_path):
    from PIL import Image  # a dependency of apache-beam, so always installed with the cleaner

    png = screenshot(page, tmp_path / "shot.png", 1280, 2000)
    img = Image.open(io.BytesIO(png.read_bytes())).convert("RGB").resize((320, 500))
    colours = img.getcolors(maxcolors=1 << 16) or []
    not_white = sum(n for n, c in colours if sum(c) < 3 * 240)
    assert img.size == (320, 500)
    assert len(colours) > 50 and not_white > 0.05 * 320 * 500


def test_hostile_input_shows_as_text_and_runs_nothing(page):
    dom = dump_dom(page)
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "PWNED" not in title and title.startswith("sft-cleaner report")
    assert "<img" not in dom.lower()
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=\"document.title='PWNED'\"&gt;" in dom
    # our own script did run: the filter bar counted the sample
    assert re.search(r'id="f-count"[^>]*>9 of 9 shown<', dom)


def test_the_marker_would_show_if_input_were_not_escaped(tmp_path, run_dir):
    """Control: the same payload, unescaped and without the CSP, does retitle the page."""
    from .fixture_run import IMG

    raw = tmp_path / "raw.html"
    raw.write_text(f"<!DOCTYPE html><html><head><title>ok</title></head><body>{IMG}</body></html>", encoding="utf-8")
    assert "<title>PWNED</title>" in dump_dom(raw)


def test_a_chinese_font_is_installed_so_chinese_is_not_drawn_as_boxes():
    import shutil
    import subprocess

    fc = shutil.which("fc-list")
    assert fc, "fontconfig missing"
    fonts = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    assert fonts.strip(), "no Chinese font: apt-get install fonts-noto-cjk"
