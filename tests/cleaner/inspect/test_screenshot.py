import io
import re

from rich.console import Console
from rich.text import Text

from cleaner.inspect.screenshot import fix_wide_text, svg_size


def _svg(text):
    c = Console(record=True, force_terminal=True, color_system="truecolor", width=40, file=io.StringIO())
    c.print(Text(text))
    return c.export_svg()


def test_wide_characters_get_two_cells_and_narrow_runs_keep_one():
    svg = fix_wide_text(_svg("面试官 HashMap"))
    runs = re.findall(r'x="([0-9.]+)"[^>]*textLength="([0-9.]+)"[^>]*>([^<]*)</text>', svg)
    wide = next(r for r in runs if r[2] == "面试官")
    narrow = next(r for r in runs if "HashMap" in r[2])
    cell = float(narrow[1]) / len(narrow[2].replace("&#160;", " "))
    assert abs(float(wide[1]) - 6 * cell) < 0.01
    assert abs(float(narrow[0]) - (float(wide[0]) + 6 * cell)) < 0.01


def test_ascii_svg_is_left_alone():
    svg = _svg("plain ascii")
    assert fix_wide_text(svg) == svg
    w, h = svg_size(svg)
    assert w > 100 and h > 20
