"""Which alternatives of a line pattern can match a line, read from the line's first visible character.

Why: the unfenced-code line regex (codelines._LINE_RE) tries its ~60
detectors one after another on every prose line, and nearly every prose
line matches none of them; that was 12% of the cleaning stages'
instructions under callgrind.  Most detectors can only start (after blanks)
with a few characters: a traceback frame with "at"/"File", a prompt with
"$", a keyword with its letter.  This reads each alternative's parse tree
(the regex module's own parser) and answers, per alternative, "can a match
start, after any ``[ \\t\\r]`` run, with this character?" as a one-character
pattern compiled from the alternative's own first items, so the answer uses
the regex engine's own character classes.  Dropping the alternatives that
cannot match leaves the first one that does unchanged, so a line gets the
same class from the reduced pattern as from the whole one
(tests/cleaner/segment/test_first_chars.py holds them equal).

The analysis is conservative: anything it does not understand (a class that
also matches a blank, a back-reference, flags inside a group, an alternative
that may match blanks only) makes the alternative "can start with anything".
"""

from __future__ import annotations

import re
import re._compiler as _compiler  # type: ignore[import-not-found]
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from typing import Any

# What the line-safe detectors write for \s: the blanks a caller skips before the first character it asks about.
BLANKS = " \t\r"
_BLANK_CODES = frozenset(map(ord, BLANKS))
_REPEATS = frozenset((_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT))  # possessive: Python 3.11+
_CLASS_OPS = frozenset((_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY))
_ZERO_WIDTH = frozenset((_c.AT, _c.ASSERT, _c.ASSERT_NOT))


class _Unknown(Exception):
    """The analysis gives up on this alternative: it may start with anything."""


def first_char_tests(pattern: str, flags: int = 0) -> list[re.Pattern[str]] | None:
    """One-character patterns, one of which the first non-blank character of every match passes.

    None when the pattern may start with anything (or match blanks only).
    Blanks are ``" "``, ``"\\t"`` and ``"\\r"``: what the line-safe detectors
    write for ``\\s``.
    """
    try:
        parsed = _parser.parse(pattern, flags)
        tests, transparent = _sequence(list(parsed.data), parsed.state)
    except _Unknown:
        return None
    if transparent:  # some match holds no non-blank character at all
        return None
    return tests


def _sequence(items: list[tuple[Any, Any]], state: Any) -> tuple[list[re.Pattern[str]], bool]:
    """(tests for the first non-blank character, whether a match of the items may hold none)."""
    tests: list[re.Pattern[str]] = []
    for item in items:
        item_tests, transparent = _item(item, state)
        tests.extend(item_tests)
        if not transparent:
            return tests, False
    return tests, True


def _item(item: tuple[Any, Any], state: Any) -> tuple[list[re.Pattern[str]], bool]:
    op, av = item
    if op in _ZERO_WIDTH:
        return [], True  # consumes nothing: the next item decides
    if op in _CLASS_OPS:
        if op == _c.LITERAL and av in _BLANK_CODES:
            return [], True
        if op == _c.IN and all(o == _c.LITERAL and v in _BLANK_CODES for o, v in av):
            return [], True
        test = _compiler.compile(_parser.SubPattern(state, [item]), 0)
        if any(test.fullmatch(b) for b in BLANKS):
            raise _Unknown  # a blank or something else: the first non-blank may come later
        return [test], False
    if op in _REPEATS:
        low, _high, body = av
        tests, transparent = _sequence(list(body), state)
        return tests, transparent or low == 0
    if op == _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags or del_flags:
            raise _Unknown
        return _sequence(list(body), state)
    if op == _c.BRANCH:
        _, alternatives = av
        tests = []
        transparent = False
        for alt in alternatives:
            alt_tests, alt_transparent = _sequence(list(alt), state)
            tests.extend(alt_tests)
            transparent = transparent or alt_transparent
        return tests, transparent
    raise _Unknown  # back-references, conditionals, atomic groups: not analysed


def can_start_with(tests: list[re.Pattern[str]] | None, char: str) -> bool:
    """Whether an alternative with these tests may match a line whose first non-blank character is ``char``.

    ``char`` is "" for a line of blanks only.
    """
    if tests is None:
        return True
    return bool(char) and any(t.match(char) is not None for t in tests)
