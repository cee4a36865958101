"""The line regex reduced by first visible character gives the whole regex's group, and the analysis behind it."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.segment import codelines
from cleaner.segment.first_chars import can_start_with, first_char_tests

SAMPLES = Path(__file__).resolve().parents[3] / "samples"

# Openers of every detector, blanks and prose, so generated lines reach each alternative.
_PIECES = st.sampled_from(
    [
        *"ab ;{})(/*#\t>=.x_:-\r$[]'\"+?<|@%~0",
        "Traceback (most recent call last):", 'File "x.py", line 3', "    at a.b(C.java:1)", "at x (f.js:1:2)",
        "... 3 more", "goroutine 1 [running]:", "panic: ", "thread 'main' panicked at", "0: 0x1f - a::b",
        "java.lang.IllegalStateException: x", "Caused by: a.B", "Exception in thread \"", "a.go:12",
        "src/a.c:3:4: error", "error[E0308]: ", "--> a.rs:1:2", " | ", "12 | x", "a.cs(1,2): error CS1", "npm ERR! ",
        "2024-01-01 10:00:00", "APPLICATION FAILED TO START", "[INFO] x", "E0101 10:00:00", "$ ls", "PS C:\\> ",
        "user@host:~$ ls", ">>> ", "In [1]: ", "pip install x", "git status", "diff --git a b", "@@ -1,2 +1,2 @@",
        "--- a/x", "def f(x):", "class A:", "import os", "from a import b", "#include <x>", "public static int",
        "func f(", "fn main(", "let x = 1;", "return x", "if (x) {", "} else {", "});", "// c", "x.y = 1;", "f(x);",
        "@Override", "SELECT a FROM b", "\"k\": 1", "<?xml ", "<a href=\"x\">", "---", "{", "- item", "key: value",
        "+added", "-removed", "foo_bar(", "fooBar.", "TypeError: x", "note: ", "Note: ", "    ", "\u3000", "中文", "é",
        "Hello there, this is a sentence.", "> ", "  > quoted",
    ]
)
_LINES = st.lists(_PIECES, max_size=8).map("".join)


def _same(line: str) -> None:
    # classify_lines reads only the group that matched (all weak detectors share "weak")
    want = codelines._LINE_RE.match(line)
    assert codelines._line_group(line) == ((want.lastgroup or "weak") if want else None), line


@settings(max_examples=4000, deadline=None)
@given(_LINES)
def test_the_reduced_pattern_matches_as_the_whole_one(line: str) -> None:
    _same(line)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_the_reduced_pattern_matches_as_the_whole_one_on_any_text(line: str) -> None:
    _same(line)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_every_line_of_the_samples_gets_the_same_match() -> None:
    texts = []
    for path in sorted(SAMPLES.rglob("*")):
        if not path.is_file() or path.suffix == ".gz":
            continue
        for raw in path.read_text(errors="replace").split("\n"):
            texts.append(raw)
            with contextlib.suppress(ValueError):
                texts.extend(_strings(json.loads(raw)))  # the posts inside a JSON line
    lines = [line for text in texts for line in text.split("\n")]
    assert len(lines) > 1000
    for line in lines:
        _same(line)


@settings(max_examples=2000, deadline=None)
@given(_LINES)
def test_a_guarded_detector_never_matches_without_its_characters(line: str) -> None:
    for rx, chars in codelines._GUARDS.items():
        if re.match(f"^{codelines._QUOTE_PREFIX}(?:{codelines._line_safe(rx)})", line, re.MULTILINE):
            assert any(c in line for c in chars), (rx, line)


def test_line_group_checks_the_guard_characters_it_is_given() -> None:
    # _line_group writes the characters out for speed: they must be these, in this order.
    assert list(codelines._GUARDS.values()) == [";{}", "/#"]
    assert [p.pattern for p in codelines._GUARDED] == [
        f"^{codelines._QUOTE_PREFIX}(?:{codelines._line_safe(rx)})" for rx in codelines._GUARDS
    ]


def test_first_char_tests_read_the_alternatives() -> None:
    tests = first_char_tests(r"[ \t\r]*(?:let|const)[ \t\r]+x")
    assert can_start_with(tests, "l") and can_start_with(tests, "c")
    assert not can_start_with(tests, "x") and not can_start_with(tests, "")
    optional_first = first_char_tests(r"(?:[A-Z]\.)*[a-z]+")
    assert can_start_with(optional_first, "Q") and can_start_with(optional_first, "q")
    assert not can_start_with(optional_first, "1")
    looked_ahead = first_char_tests(r"(?=[a-z])\w")
    assert can_start_with(looked_ahead, "1")  # the look-ahead narrows nothing here: the consumed \w decides
    assert not can_start_with(looked_ahead, "-")


def test_what_the_analysis_cannot_bound_may_start_with_anything() -> None:
    assert first_char_tests(r"\s*x") is None  # \s also matches blanks other than " \t\r"
    assert first_char_tests(r"[ \t\r]*$") is None  # a match may hold blanks only
    assert first_char_tests(r"(a?)\1x") is None  # a back-reference where the first character may be
    assert first_char_tests(r"(?i:a)b") is None  # flags inside a group
    assert can_start_with(None, "")
