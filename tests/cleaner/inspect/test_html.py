import re

from cleaner.inspect import assets
from cleaner.inspect.html import esc, report
from cleaner.inspect.load import RunDir
from cleaner.inspect.sample import Filters, entries, sample
from cleaner.inspect.stats import RunStats

from .fixture_run import IMG, SCRIPT


def _page(run_dir, n=20):
    rd = RunDir.open(run_dir)
    stats = RunStats()
    picked = sample(entries(rd), Filters(), n, 0, observe=stats.observe)
    return report(rd.summary(), stats, picked, title="<b>run</b>", filters="--n 20")


def test_every_input_is_escaped(run_dir):
    page = _page(run_dir)
    assert len(re.findall(r"<script", page, re.I)) == 1  # ours, at the end
    assert "<img" not in page
    assert esc(SCRIPT) in page and esc(IMG) in page
    assert "&lt;b&gt;run&lt;/b&gt;" in page  # the title too
    assert 'data-reasons="' in page and "xss-&lt;b&gt;" in page


def test_escape_covers_attribute_quotes_and_control_characters():
    assert esc("a\"b'c<d>&") == "a&quot;b&#x27;c&lt;d&gt;&amp;"
    assert esc("\x1b") == "\u241b"


def test_page_is_self_contained_and_allows_only_its_own_script(run_dir):
    page = _page(run_dir)
    # No tag loads anything: no src/href attribute at all, no url() in the styles, no @import.
    assert not re.search(r"<[a-z]+[^>]*\s(src|href)\s*=", page, re.I)
    assert "url(" not in assets.CSS and "@import" not in assets.CSS
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and assets.script_hash() in csp and "unsafe-inline" not in csp.split("script-src")[1]
    assert f"<script>{assets.JS}</script>" in page


def test_report_has_summary_sections_histograms_and_side_by_side_diffs(run_dir):
    page = _page(run_dir)
    for heading in ("Reasons (edits and verdicts)", "Languages (records)", "Stages", "Roles", "Scores",
                    "Escalation: hostile responses by rejection depth", "Sample (9 entries)"):
        assert f">{heading}<" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="hist"') == 2  # fasttext, lexicon
    assert '<del class="neu" title="neutralize.profanity 0.67 lexicon@1">fucking </del>' in page
    assert '<del class="drop"' in page and "<h4>original</h4>" in page and "<h4>cleaned</h4>" in page
    assert '<span class="code" title="code: preserved byte for byte">`init()`</span>' in page
    assert ">6</div><div class=\"l\">code spans preserved" in page
    assert "rejected: response_hostile" in page and "你这个SB需求改来改去" in page


def test_an_empty_run_still_renders_and_pairs_are_counted_when_written():
    page = report({"pairs": 3}, RunStats(), [], title="empty")
    assert "no scored spans in this run" in page and "no escalation tags in this run" in page
    assert '>3</div><div class="l">preference pairs' in page and "Sample (0 entries)" in page
    assert "preference pairs" not in report({}, RunStats(), [], title="empty")
