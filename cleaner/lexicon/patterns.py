"""Term templates: literal text with ``(a|b|)`` alternation groups, nothing else.

Lexicon files are data that people edit, so they must not be able to carry
a regular expression that backtracks forever.  A template has no quantifier,
class, anchor or escape: it expands, on load, into a bounded set of plain
strings that the Aho-Corasick automaton matches in linear time.  An empty
alternative makes a group optional: ``learn (how |)to code``.
"""

from __future__ import annotations

import itertools

# Regex syntax a contributor might reach for; refused so nobody believes it works.
_FORBIDDEN = set("*+?{}[]\\^$.")
MAX_EXPANSIONS = 256


class PatternError(ValueError):
    pass


def expand(template: str, limit: int = MAX_EXPANSIONS) -> list[str]:
    """All literal strings a template stands for, in order, without duplicates."""
    bad = sorted(_FORBIDDEN.intersection(template))
    if bad:
        raise PatternError(
            f"{template!r}: {' '.join(bad)} not allowed; terms are literals with (a|b|) groups only"
        )
    pieces: list[list[str]] = []
    literal: list[str] = []
    i = 0
    while i < len(template):
        c = template[i]
        if c == ")" or (c == "|"):
            raise PatternError(f"{template!r}: {c!r} outside a group at column {i}")
        if c != "(":
            literal.append(c)
            i += 1
            continue
        close = template.find(")", i)
        if close < 0:
            raise PatternError(f"{template!r}: unclosed group at column {i}")
        body = template[i + 1 : close]
        if "(" in body:
            raise PatternError(f"{template!r}: nested groups are not supported")
        if "|" not in body:
            raise PatternError(f"{template!r}: group without alternatives at column {i}")
        pieces.append(["".join(literal)])
        literal = []
        pieces.append(body.split("|"))
        i = close + 1
    pieces.append(["".join(literal)])
    total = 1
    for p in pieces:
        total *= len(p)
        if total > limit:
            raise PatternError(f"{template!r}: expands to more than {limit} strings")
    out: list[str] = []
    seen: set[str] = set()
    for combo in itertools.product(*pieces):
        s = " ".join("".join(combo).split())  # an empty alternative must not leave a double space
        if s and s not in seen:
            seen.add(s)
            out.append(s)
    if not out:
        raise PatternError(f"{template!r}: expands to nothing")
    return out
