"""Find code pasted without fences: a line classifier plus a region smoother.

GitHub issues, code reviews and CSDN posts paste stack traces, shell sessions
and source lines straight into prose.  Each line gets a class from one
line-anchored regex of all the detectors, matched at each line's start
(searching the joined lines instead costs 1.7x: the engine then tries every
position, not only line starts), then a smoother grows regions from lines that are certainly
code over neighbouring lines that merely look like code.  The bias is deliberate: a line that is certainly prose
(a sentence of words, or mostly CJK) is never pulled into code by its
neighbours, because marking prose as code only costs cleaning, while the
reverse would let the policy delete code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from cleaner.segment.first_chars import BLANKS, can_start_with, first_char_tests

_HEAD = 400


class LineClass(IntEnum):
    BLANK = 0
    PROSE = 1  # looks like a sentence: never code
    NEUTRAL = 2  # no signal either way
    WEAK = 3  # looks a bit like code (indentation, symbols)
    STRONG = 4  # certainly code (traceback frame, prompt, diff header, ...)


# Patterns written for speed, each with the plain form it must equal: the
# tests build the line pattern from the plain forms too and compare the two.
# The engine backtracks into a greedy repeat at every character of every prose
# line; a possessive repeat (*+, ++) never gives characters back, and where
# only the longest run can lead to a match (the character after a shorter one
# could not start what follows), it matches exactly what the plain form does.
# `x.y = 1;`: only the whole dotted name can be followed by an operator or "=".
_ASSIGNMENT = r"\s*[\w.$\[\]'\"]++\s*(?:[-+*/|&^%]|\?\?|<<|>>)?=\s*[^=\s][^;]*;\s*$"
# `foo.bar(x);`: only the whole dotted name can be followed by "(".
_CALL_STATEMENT = r"\s*[\w.$]++\([^()]*(?:\([^()]*\)[^()]*)*\);\s*$"
# ends in ; { or } ("x = 1;", "} else {", "});"): chunks up to the last such character.
_ENDS_LIKE_CODE = r"(?:[^;{}]*+[;{}])++\s*+$"
# code, then a trailing comment: only lines with a / or # get to the chunks up
# to the first ; { } or ) that a comment follows.
_TRAILING_COMMENT = r"(?=[^/#]*+[/#])(?:[^;{})]*+[;{})](?![ \t]*+(?://|/\*|#)))*+[^;{})]*+[;{})][ \t]*+(?://|/\*|#)"
# "TypeError: x", "Error: x": the first word ends in Error (possessive: no backtracking over it).
_ERROR_MESSAGE = r"\s*[A-Z]\w*+(?<=Error): "
PLAIN_FORMS = {
    _ASSIGNMENT: r"\s*[\w.$\[\]'\"]+(?:\.\w+)*\s*(?:[-+*/|&^%]|\?\?|<<|>>)?=\s*[^=\s][^;]*;\s*$",
    _CALL_STATEMENT: r"\s*[\w.$]+(?:\.\w+)*\([^()]*(?:\([^()]*\)[^()]*)*\);\s*$",
    _ENDS_LIKE_CODE: r".*(?:[;{}]|\);|\};)\s*$",
    _TRAILING_COMMENT: r".*[;{})][ \t]*(?://|/\*|#)",
    _ERROR_MESSAGE: r"\s*(?:[A-Z]\w*)?Error: ",
}

# Strong patterns: (detector, regex).  Each is anchored at the start of the
# line and has at most one unbounded repeat, so matching is linear.
_STRONG: list[tuple[str, str]] = [
    ("stacktrace", r"Traceback \(most recent call last\):"),
    ("stacktrace", r"\s*File \"[^\"]+\", line \d+"),
    ("stacktrace", r"\s+at [\w$.<>/\\\[\]`' -]+\([^)]*\)"),  # Java / C# / JS frame
    ("stacktrace", r"\s+at [\w$.<>/-]+ \([^)]*:\d+(?::\d+)?\)"),  # JS / Node
    ("stacktrace", r"\s+at (?:async )?(?:file|node|https?):[^\s]*:\d+"),  # bare Node frame
    ("stacktrace", r"\s*at [\w$.]+\.[\w$<>]+\([\w$]+\.(?:java|kt|scala|groovy):\d+\)"),
    ("stacktrace", r"Exception in thread \""),
    ("stacktrace", r"Caused by: [\w$.]+"),
    ("stacktrace", r"\s*\.\.\. \d+ more\s*$"),
    ("stacktrace", r"goroutine \d+ \[[\w ]+\]:"),
    ("stacktrace", r"panic: "),
    ("stacktrace", r"\s+/[\w./-]+\.go:\d+"),
    ("stacktrace", r"thread '[^']*' panicked at"),
    ("stacktrace", r"\s*\d+: (?:0x[0-9a-f]+ - )?[\w:<>]+::[\w<>]"),  # Rust backtrace
    ("stacktrace", r"(?:[A-Za-z_][\w]*\.)*[A-Z]\w*(?:Error|Exception|Warning)(?:\[\w+\])?: \S"),
    ("stacktrace", r"(?:[A-Za-z_][\w]*\.)+[A-Z]\w*(?:Error|Exception)\s*$"),
    ("compiler", r"[\w./\\:-]+\.\w{1,5}:\d+(?::\d+)?:? (?:fatal )?(?:error|warning|note)\b"),
    ("compiler", r"(?:error|warning)(?:\[[A-Z]?\d{3,5}\])?: .*"),
    ("compiler", r"\s*--> [\w./\\-]+:\d+:\d+"),
    ("compiler!", r"[ \t]+\|(?:[ \t]*$|[ \t]+[-^~|])"),  # rustc gutter
    ("compiler!", r"[ \t]*\d+[ \t]+\|[ \t]"),  # rustc / clang source line with number
    ("compiler", r"[\w./\\-]+\(\d+,\d+\): (?:error|warning) [A-Z]+\d+"),
    ("compiler", r"npm (?:ERR!|WARN) "),
    ("log", r"\[?\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d"),
    ("log!", r"APPLICATION FAILED TO START\s*$"),  # Spring Boot failure banner
    ("log", r"\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|CRITICAL)\]?[: ] ?\S"),
    ("log", r"[EWIDF]\d{4} \d\d:\d\d:\d\d"),
    ("shell", r"\s*(?:\$|%|#|PS(?: [A-Z]:\\[^>]*)?>|[A-Z]:\\[^>\s]*>|[\w.@-]+@[\w.-]+:[^$#\s]*[$#]) \S"),
    ("shell", r"\s*(?:>>>|\.\.\.)(?: |$)"),
    ("shell", r"In \[\d+\]: |Out\[\d+\]: "),
    (
        "shell",
        r"(?:sudo|pip3?|npm|yarn|pnpm|cargo|go|git|docker|kubectl|make|cmake|gcc|g\+\+|clang|python3?|node|java|javac|mvn|gradle|dotnet|conda|apt(?:-get)?|brew|curl|wget) [\w-]+(?: [\w./=:@-]+)*\s*$",
    ),
    (
        "diff",
        r"diff --git |index [0-9a-f]{7,}\.\.[0-9a-f]{7,}|--- (?:a/|/dev/null)|\+\+\+ (?:b/|/dev/null)|@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@",
    ),
    ("source!", r"\s*(?:def|async def) \w+\(.*\)(?:\s*->\s*[^:]+)?:\s*$"),
    ("source!", r"\s*class \w+(?:\([\w., =]*\))?:\s*$"),
    ("source!", r"\s*(?:from [\w.]+ import [\w., *()]+|import [\w.]+(?: as \w+)?(?:, [\w.]+)*)\s*$"),
    ("source!", r"\s*#\s*(?:include\s*[<\"]|define \w|ifn?def \w|endif|pragma )"),
    (
        "source!",
        r"\s*(?:public|private|protected|internal|static|final|abstract|override)\s+[\w<>\[\], ]+[({=;]",
    ),
    ("source!", r"\s*(?:func|fn|function|def|sub|proc)\s+[\w.]+\s*[<(]"),
    ("source!", r"\s*func\s*\([^)]*\)\s*\w+\s*\("),  # Go method
    (
        "source",
        r"\s*(?:let|const|var|val|auto|int|char|float|double|bool|string|String|void)\s+[\w*&\[\]]+\s*(?::\s*[\w<>\[\]]+\s*)?(?:=|;)",
    ),
    ("source", r"\s*(?:return|yield|await|throw|raise)\b[^!?。！？]*(?:;|\)|\]|\w)\s*$"),
    ("source", r"\s*(?:if|for|while|switch|catch|elif|else if)\s*\(.*\)\s*\{?\s*$"),
    ("source", r"\s*(?:}\s*(?:else|catch|finally)\b.*|try\s*\{|else\s*\{|do\s*\{)\s*$"),
    ("source", r"\s*[)}\]]+[;,)]*\s*$"),
    ("source", r"\s*(?://|/\*|\*/|<!--)"),
    ("source", _ASSIGNMENT),
    ("source", _CALL_STATEMENT),
    ("source", r"\s*@\w+(?:\([^)]*\))?\s*$"),  # decorator / annotation
    (
        "sql!",
        r"\s*(?:SELECT\s+[\w*.,\s()]+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|VIEW|DATABASE)|ALTER\s+TABLE|DROP\s+(?:TABLE|INDEX))\b",
    ),
    ("data", r"\s*\"[^\"\n]{1,80}\"\s*:\s*(?:[\[{\"]|-?\d|true|false|null)"),
    ("data", r"\s*<\?xml |\s*<(/?)[\w:-]+(?:\s+[\w:-]+=\"[^\"]*\")*\s*/?>\s*(?:[^<]*</[\w:-]+>)?\s*$"),
    ("data", r"\s*[{\[]\s*$"),
    ("data", r"\s*-{3}\s*$"),
]


def _line_safe(rx: str) -> str:
    """Make a per-line pattern safe to run over many lines at once: no match may cross a newline."""
    out = []
    i = 0
    in_class = False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            tok = rx[i : i + 2]
            out.append("[ \\t\\r]" if tok == "\\s" and not in_class else tok)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            if rx.startswith("[^", i):
                out.append("[^\\n")
                i += 2
                continue
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


_QUOTE_PREFIX = r"(?:[ ]{0,3}>[ ]?)*"

# Weak signals: indentation, trailing code punctuation, identifiers with _ or
# camelCase next to brackets, YAML keys, diff bodies.
_WEAK: list[str] = [
    r"(?:\t|    )\S",  # indented
    _ENDS_LIKE_CODE,
    _TRAILING_COMMENT,
    r"\s*[a-z_][\w.-]*:(?: [\w\"'./:@${}-]*)?\s*$",  # yaml key: scalar ("Steps:" is prose)
    r"\s*- [\w\"'./:@${}-]+(?:: .*)?$",  # yaml list item
    r"[+-](?![-+ ]*$)[^+-]",  # diff body
    r"\s*[\w.]+\([^)]*\)\s*$",  # bare call
    r"\s*\w+(?:_\w+|[a-z][A-Z]\w*)\s*[=(.\[]",  # snake_case / camelCase use
    _ERROR_MESSAGE,  # message lines of a trace
    r"(?:note|help|hint|caused by): ",
]


def _alternatives(plain: bool = False) -> list[tuple[str, str]]:
    """(group, line-safe regex) of every detector, strong ones first ("weak" for each weak one).

    ``plain`` takes each pattern's :data:`PLAIN_FORMS` instead of its fast rewrite.
    """

    def form(rx: str) -> str:
        return PLAIN_FORMS.get(rx, rx) if plain else rx

    strong = [(f"{name.rstrip('!')}{i}", _line_safe(form(rx))) for i, (name, rx) in enumerate(_STRONG)]
    return strong + [("weak", _line_safe(form(rx))) for rx in _WEAK]


def _assemble(alternatives: Sequence[tuple[str, str]], prefix: str) -> str:
    """One line-anchored pattern of these detectors, in order: each strong one its own group, the weak ones one."""
    strong = [f"(?P<{group}>{rx})" for group, rx in alternatives if group != "weak"]
    weak = [rx for group, rx in alternatives if group == "weak"]
    if weak:
        strong.append(f"(?P<weak>{'|'.join(weak)})")
    return f"^{prefix}(?:{'|'.join(strong)})"


def line_pattern(plain: bool = False) -> str:
    """All detectors in one line-anchored pattern: strong ones first, then weak.

    The first alternative that matches names the line's class.  ``plain``
    builds it from :data:`PLAIN_FORMS` instead of the fast rewrites.
    """
    return _assemble(_alternatives(plain), _QUOTE_PREFIX)


_LINE_RE = re.compile(line_pattern(), re.MULTILINE)


_ALTERNATIVES = _alternatives()
# Per detector, what the first non-blank character of a line it matches must be (None: anything).
_FIRST_TESTS = [first_char_tests(rx) for _, rx in _ALTERNATIVES]
# Two weak detectors may start with anything but need one of these characters somewhere in
# the line (each pattern's only way to match goes through one; a test holds this).  They
# are left out of the reduced patterns and tried last, only on lines holding the characters:
# all weak detectors share the group "weak", so which of them matches changes nothing.
_GUARDS: dict[str, str] = {_ENDS_LIKE_CODE: ";{}", _TRAILING_COMMENT: "/#"}
_GUARDED = [re.compile(f"^{_QUOTE_PREFIX}(?:{_line_safe(rx)})", re.MULTILINE) for rx in _GUARDS]
_GUARDED_INDEX = frozenset(len(_STRONG) + _WEAK.index(rx) for rx in _GUARDS)
_by_first: dict[str, re.Pattern[str] | None] = {}
_by_alternatives: dict[tuple[int, ...], re.Pattern[str] | None] = {}


def _reduced(first: str) -> re.Pattern[str] | None:
    """:data:`_LINE_RE` with only the detectors a line starting (after blanks) with ``first`` can match.

    In its order and with its group names; the guarded weak detectors are
    left out (see :data:`_GUARDS`); None when no other detector can match.
    Each distinct set of detectors is compiled once per process: about 2M
    instructions each, some 50 sets on the generated corpus (40 ms).
    """
    found = tuple(
        i for i, tests in enumerate(_FIRST_TESTS) if i not in _GUARDED_INDEX and can_start_with(tests, first)
    )
    if found not in _by_alternatives:
        # no quote prefix: _line_group sends the lines that may have one to the whole pattern
        reduced = _assemble([_ALTERNATIVES[i] for i in found], "")
        _by_alternatives[found] = re.compile(reduced, re.MULTILINE) if found else None
    pattern = _by_alternatives[found]
    if len(_by_first) < 65536:  # distinct first characters; a pathological corpus only re-derives
        _by_first[first] = pattern
    return pattern


def _line_group(line: str) -> str | None:
    """The group of :data:`_LINE_RE` that matches ``line`` (a detector's name or "weak"), or None.

    Tries only the detectors the line's first visible character allows
    (first_chars.py), in the pattern's order, so the first that matches is
    the pattern's: on prose lines, which match none, trying all of them was
    most of the cost of classifying lines.
    """
    if ">" in line[:4]:  # a quote prefix may match: the detectors are tried after it too
        m = _LINE_RE.match(line)
        return (m.lastgroup or "weak") if m is not None else None
    first = line[:1]
    if first in BLANKS:
        first = line.lstrip(BLANKS)[:1]
    pattern = _by_first[first] if first in _by_first else _reduced(first)
    if pattern is not None:
        m = pattern.match(line)
        if m is not None:
            return m.lastgroup or "weak"
    # the _GUARDS characters, written out: a loop over them costs more than the detectors it skips
    if (";" in line or "{" in line or "}" in line) and _GUARDED[0].match(line) is not None:
        return "weak"
    if ("/" in line or "#" in line) and _GUARDED[1].match(line) is not None:
        return "weak"
    return None


# A sentence: starts with a word, has at least four plain words in a row and
# ends like a sentence or with a word.  Matched against the line's head only.
_SENTENCE_RE = re.compile(
    r"\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?[\"'(]?[A-Za-z][a-z']*,?(?: [A-Za-z][a-z'’]*[,:]?){3,}"
)
_SHORT_SENTENCE_RE = re.compile(r"\s*[A-Za-z][a-z'’]*(?: [A-Za-z][a-z'’]*,?){1,}[.?!:]\s*$")
_CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_SYMBOLS = frozenset("{}[]()<>;=+-*/\\|&^%$#@`~\"'_:")


def classify_lines(lines: Sequence[str]) -> list[tuple[LineClass, str | None]]:
    """Class of each line (without newlines) and, for strong code, which detector fired.

    Lines with no code signal come back NEUTRAL; whether such a line is
    prose only matters next to code, so :func:`find_regions` asks then.
    """
    classes: list[tuple[LineClass, str | None]] = [
        (LineClass.NEUTRAL, None) if ln and not ln.isspace() else (LineClass.BLANK, None) for ln in lines
    ]
    for i, line in enumerate(lines):
        group = _line_group(line)
        if group is None:
            continue
        if group == "weak":
            classes[i] = (LineClass.WEAK, None)
            continue
        detector = group.rstrip("0123456789")
        if group in _STRICT or not _prose_despite(lines[i][:_HEAD], detector):
            classes[i] = (LineClass.STRONG, detector)
    return classes


def classify_line(line: str) -> tuple[LineClass, str | None]:
    return classify_lines([line])[0]


# Patterns marked "!" are specific enough that a line matching them is code
# even when it reads like a sentence ("from typing import Any, Optional").
_STRICT = frozenset(f"{name.rstrip('!')}{i}" for i, (name, _) in enumerate(_STRONG) if name.endswith("!"))

# Detectors whose patterns are loose enough that an ordinary sentence can
# trip them ("return to the docs; it's fine", "import it again").
_LOOSE = frozenset({"source", "log", "shell", "data"})


def _prose_despite(head: str, detector: str) -> bool:
    if detector not in _LOOSE:
        return False
    if detector == "log" and head[:1].isdigit():
        return False
    return _is_prose(head)


def _is_prose(head: str) -> bool:
    cjk = len(_CJK_RE.findall(head))
    if cjk >= 4 and cjk * 3 >= len(head.strip()) * 1:
        return True
    m = _SENTENCE_RE.match(head)
    if m is None:
        return _SHORT_SENTENCE_RE.match(head) is not None
    stripped = head.rstrip()
    if stripped.endswith((";", "{", "}", ")", "(", ",", "=")) and _symbol_ratio(head) > 0.08:
        return False
    return _symbol_ratio(head) < 0.12


def _symbol_ratio(s: str) -> float:
    n = len(s.strip())
    if n == 0:
        return 0.0
    return sum(1 for c in s if c in _SYMBOLS) / n


@dataclass(frozen=True, slots=True)
class Region:
    """Lines ``[first, last]`` (inclusive) form one code region."""

    first: int
    last: int
    detector: str


def find_regions(
    classes: Sequence[tuple[LineClass, str | None]],
    lines: Sequence[str] | None = None,
    max_blank_gap: int = 1,
) -> list[Region]:
    """Grow code regions from strong lines over adjacent weak ones.

    Weak lines join a region only through contiguity with a strong line (or a
    run of at least three weak lines: an unfenced snippet with no keyword we
    know).  A neutral line joins when it is dense with symbols, or when it
    follows a prompt or log line and is not a sentence (command output).
    Blank lines are absorbed only between two code lines, at most
    ``max_blank_gap`` of them.
    """
    n = len(classes)
    is_code = [False] * n
    detector: list[str | None] = [None] * n
    for i, (c, d) in enumerate(classes):
        if c is LineClass.STRONG:
            is_code[i] = True
            detector[i] = d
    i = 0
    while i < n:
        if classes[i][0] is LineClass.WEAK:
            j = i
            while j < n and classes[j][0] in (LineClass.WEAK, LineClass.STRONG):
                j += 1
            if j - i >= 3:
                for k in range(i, j):
                    if not is_code[k]:
                        is_code[k] = True
                        detector[k] = "source"
            i = j
        else:
            i += 1
    if not any(is_code):
        return []
    joins = _joiner(classes, lines)
    for forward, rng in ((True, range(n)), (False, range(n - 1, -1, -1))):
        prev: int | None = None
        for i in rng:
            if is_code[i]:
                prev = i
            elif classes[i][0] is LineClass.BLANK:
                continue
            elif prev is not None and abs(i - prev) == 1 and joins(i, forward, detector[prev]):
                is_code[i] = True
                detector[i] = detector[prev]
                prev = i
            else:
                prev = None
    return _runs(classes, is_code, detector, max_blank_gap)


def _joiner(
    classes: Sequence[tuple[LineClass, str | None]], lines: Sequence[str] | None
) -> Callable[[int, bool, str | None], bool]:
    def joins(i: int, forward: bool, det: str | None) -> bool:
        c = classes[i][0]
        if c is LineClass.WEAK:
            return True
        if c is not LineClass.NEUTRAL or lines is None:
            return False
        head = lines[i][:_HEAD]
        if _is_prose(head):
            return False
        return _symbol_ratio(head) > 0.25 or (forward and det in ("shell", "log"))

    return joins


def _runs(
    classes: Sequence[tuple[LineClass, str | None]],
    is_code: list[bool],
    detector: list[str | None],
    max_blank_gap: int,
) -> list[Region]:
    out: list[Region] = []
    n = len(is_code)
    i = 0
    while i < n:
        if not is_code[i]:
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < n:
            if is_code[j]:
                last = j
                j += 1
                continue
            if classes[j][0] is LineClass.BLANK:
                k = j
                while k < n and classes[k][0] is LineClass.BLANK:
                    k += 1
                if k < n and is_code[k] and k - j <= max_blank_gap:
                    j = k
                    continue
            break
        strong = next(
            (detector[k] for k in range(first, last + 1) if classes[k][0] is LineClass.STRONG), None
        )
        out.append(Region(first, last, strong or detector[first] or "source"))
        i = last + 1
    return out
