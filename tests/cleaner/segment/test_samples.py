"""On the GitHub and forum samples: no code line read as prose, no sentence read as code.

The expected reading of lines no fence marks is in
tests/fixtures/segment/samples_unfenced.yaml (with the ambiguous ones and why).
Stack Exchange bodies are checked against lxml: the text of every <pre> and
<code> element must come out inside code.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from lxml import etree
from lxml import html as lxml_html

from cleaner.segment import segment
from tests.cleaner.segment.sample_lines import FILES, SAMPLES, lines

EXPECT = yaml.safe_load(
    (Path(__file__).parents[2] / "fixtures" / "segment" / "samples_unfenced.yaml").read_text("utf-8")
)
CODE = set(EXPECT["code"])
AMBIGUOUS = {a["line"] for a in EXPECT["ambiguous"]}

pytestmark = pytest.mark.skipif(not (SAMPLES / FILES[0]).exists(), reason="samples/ not present")


@pytest.mark.parametrize("name", FILES)
def test_no_code_line_is_prose_and_no_sentence_is_code(name: str) -> None:
    wrong = []
    for ln in lines(name):
        if (
            ln.text in AMBIGUOUS or "<issue_comment>" in ln.text
        ):  # the-stack's joined thread: mixed on one line
            continue
        expected = ln.fenced or ln.text in CODE
        if ln.code != expected:
            wrong.append(
                f"{ln.where}: {'code' if expected else 'prose'} read as {'code' if ln.code else 'prose'}: {ln.text!r}"
            )
    assert not wrong, "\n".join(wrong)


def test_every_expected_unfenced_code_line_is_in_the_samples() -> None:
    seen = {ln.text for name in FILES for ln in lines(name)}
    assert seen >= CODE  # a stale fixture would make the test above vacuous


def _rows() -> list[str]:
    bodies = []
    for raw in (SAMPLES / "stackexchange" / "Posts.xml").read_text("utf-8").splitlines():
        if not raw.lstrip().startswith("<row"):
            continue
        try:
            row = etree.fromstring(raw)
        except etree.XMLSyntaxError:
            continue
        if row.get("Body"):
            bodies.append(row.get("Body"))
    return bodies


@pytest.mark.skipif(not (SAMPLES / "stackexchange" / "Posts.xml").exists(), reason="no Posts.xml")
def test_stack_exchange_pre_and_code_text_is_code() -> None:
    bodies = _rows()
    assert bodies
    for body in bodies:
        segs = segment(body, "html")
        code_text = " ".join(_readable(body[s.start : s.end]) for s in segs if s.kind.is_code)
        for el in lxml_html.fragment_fromstring(body, create_parent="div").iter("pre", "code", "kbd", "samp"):
            want = " ".join(el.text_content().split())
            assert want in code_text, f"{want!r} is code in the HTML but not in the segments"


def _readable(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())
