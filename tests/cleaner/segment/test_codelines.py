"""The unfenced-code line classifier: code lines are code, sentences are never code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.segment.codelines import _LINE_RE, LineClass, classify_lines, find_regions, line_pattern

CODE_LINES = [
    "Traceback (most recent call last):",
    '  File "/usr/lib/python3.11/json/decoder.py", line 355, in raw_decode',
    "\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:1306)",
    "    at Object.<anonymous> (/app/index.js:3:9)",
    "Caused by: java.io.IOException: Broken pipe",
    "goroutine 7 [chan receive]:",
    "thread 'tokio-runtime-worker' panicked at src/lib.rs:10:5:",
    "src/main.c:12:3: error: expected ';' before 'return'",
    "error[E0308]: mismatched types",
    "2024-03-01T12:00:00Z WARN  pool exhausted",
    "[ERROR] Failed to execute goal org.apache.maven.plugins",
    "$ docker compose up -d",
    "PS C:\\work> dotnet build",
    ">>> df.groupby('a').sum()",
    "diff --git a/src/app.ts b/src/app.ts",
    "@@ -10,7 +10,8 @@ def main():",
    "def load_config(path: str) -> dict:",
    "from typing import Any, Optional",
    "#include <stdio.h>",
    "public static void main(String[] args) {",
    "func (s *Server) Start(ctx context.Context) error {",
    "const result = await fetch(url);",
    "    return self._cache[key];",
    "});",
    '  "dependencies": {',
    "SELECT u.id, u.name FROM users u WHERE u.active = 1;",
    "npm ERR! code ENOENT",
    "System.NullReferenceException: Object reference not set to an instance of an object.",
    "pip install -r requirements.txt",
]

PROSE_LINES = [
    "I tried everything and it still does not work.",
    "This is stupid, RTFM before you open an issue.",
    "Return to the docs; they explain it.",
    "Import the module again and see what happens.",
    "Error handling in this library is a joke.",
    "Select the file from the menu and click open.",
    "Thanks in advance!",
    "Any idea why this happens?",
    "The function returns None when the list is empty, which is weird.",
    "See the log below for details:",
    "From what I can tell, this started after the 2.0 upgrade.",
    "At least it compiles now.",
    "Steps to reproduce:",
    "我试了很多次还是不行，求助。",
    "你们的文档写得太烂了，简直是垃圾！",
    "请问这个问题在3.11版本修复了吗？",
    "这个需求太SB了，谁提的？",
    "用 pip 安装以后运行就报错，怎么办？",
]


@pytest.mark.parametrize("line", CODE_LINES)
def test_code_line_is_strong(line: str) -> None:
    assert classify_lines([line])[0][0] is LineClass.STRONG


@pytest.mark.parametrize("line", PROSE_LINES)
def test_sentence_is_never_strong_code(line: str) -> None:
    assert classify_lines([line])[0][0] is not LineClass.STRONG


def test_prose_lines_around_code_stay_out_of_the_region() -> None:
    lines = [*PROSE_LINES[:3], *CODE_LINES[:3], *PROSE_LINES[3:6]]
    regions = find_regions(classify_lines(lines), lines)
    assert [(r.first, r.last) for r in regions] == [(3, 5)]
    assert regions[0].detector == "stacktrace"


def test_a_page_of_sentences_has_no_region() -> None:
    assert find_regions(classify_lines(PROSE_LINES), PROSE_LINES) == []


def test_three_weak_lines_make_a_region_without_keywords() -> None:
    lines = ["Here it is", "x_total = compute(a, b)", "    y = x_total * 2", "    print_it(y)", "That is all"]
    regions = find_regions(classify_lines(lines), lines)
    assert [(r.first, r.last) for r in regions] == [(1, 3)]


def test_command_output_follows_the_prompt() -> None:
    lines = ["$ ls build", "main.o  app", "", "Nothing else is there, you see."]
    regions = find_regions(classify_lines(lines), lines)
    assert [(r.first, r.last, r.detector) for r in regions] == [(0, 1, "shell")]


_PLAIN_LINE_RE = re.compile(line_pattern(plain=True), re.MULTILINE)
_LINE_CHARS = st.sampled_from(
    [*"ab ;{})(/*#\t>=.x_:-\r$[]'\"+?<", "//", "/*", "> ", "    ", "return ", "傻", "x.y", "a.b.c", "+=", "??", "<<", ">>", "f(", ");",
     "Error", "Type", "rror", ": ", "E2", "é"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_LINE_CHARS, max_size=24).map("".join))
def test_fast_rewrites_match_what_their_plain_forms_match(line: str) -> None:
    got, want = _LINE_RE.match(line), _PLAIN_LINE_RE.match(line)
    assert (got and got.lastgroup) == (want and want.lastgroup)


_NAMES = st.sampled_from(["x", "x.y", "a.b.c", "$v", "a[0]", "'k'", '"k"', "x.", ".x", "a..b", "x.y1", "é", "f(x).g"])
_CODE_SHAPED = st.one_of(
    st.builds(
        "{}{}{}{}".format,
        st.sampled_from(["", " ", "> "]),
        st.sampled_from(["Error", "TypeError", "Typerror", "Errors", "myError", "E2Error", "ÉError", "_Error", "Error1", "X"]),
        st.sampled_from([": ", ":", " : ", "", ": : "]),
        st.sampled_from(["x", "", " "]),
    ),
    st.builds(
        "{}{}{}{}={}{}{}".format,
        st.sampled_from(["", " ", "\t", "> "]),
        _NAMES,
        st.sampled_from(["", " "]),
        st.sampled_from(["", "+", "-", "??", "<<", ">>", "|", "=", "!"]),
        st.sampled_from(["", " "]),
        st.sampled_from(["1", "f(x)", "a;b", "=2", "(1)", "", "x // c"]),
        st.sampled_from([";", "; ", ";;", "", " // c", "{", " # c"]),
    ),
    st.builds(
        "{}{}({}){}".format,
        st.sampled_from(["", " ", "> "]),
        _NAMES,
        st.sampled_from(["", "a", "f(b)", "(", "a, (b)"]),
        st.sampled_from([";", "; ", ");", "", " // c", " {"]),
    ),
)


@settings(max_examples=3000, deadline=None)
@given(_CODE_SHAPED)
def test_fast_rewrites_match_their_plain_forms_on_code_shaped_lines(line: str) -> None:
    got, want = _LINE_RE.match(line), _PLAIN_LINE_RE.match(line)
    assert (got and got.lastgroup) == (want and want.lastgroup)
