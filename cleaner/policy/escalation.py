"""Escalation: how many times the user has rejected the answer before each response.

The incident this project answers happened deep in a repeatedly-rejected
conversation, so every record is tagged with the rejection depth before each
response, and the run summary shows how often responses turn hostile as the
depth grows.  The phrases are data (``lexicons/escalation.yaml``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from cleaner.record import Role, Side
from cleaner.resources import lexicons_dir

MAX_DEPTH_BUCKET = 5


@cache
def _automaton() -> Any:
    """Every phrase, lower-cased, in one Aho-Corasick automaton.

    Phrases are literals, matched anywhere in the text (a data file cannot
    hold a pattern that backtracks).  One automaton pass costs a third of a
    regex alternation of the same literals (41 vs 109 us on a 1.7 KB turn),
    which tries the phrases at each position.
    """
    import ahocorasick

    data = yaml.safe_load((lexicons_dir() / "escalation.yaml").read_text(encoding="utf-8"))
    auto = ahocorasick.Automaton()
    for phrase in {p.lower() for lang in data["rejection_phrases"].values() for p in lang}:
        auto.add_word(phrase, phrase)
    auto.make_automaton()
    return auto


def is_rejection(text: str) -> bool:
    return next(_automaton().iter(text.lower()), None) is not None


def depths(roles: list[Role], texts: list[str]) -> dict[int, int]:
    """Turn index of each response -> number of rejecting prompt turns before it."""
    depth, out = 0, {}
    for i, (role, text) in enumerate(zip(roles, texts, strict=True)):
        if role is Role.BOT:
            continue
        side = Side.RESPONSE if role in (Role.ASSISTANT, Role.MAINTAINER, Role.CONTRIBUTOR) else Side.PROMPT
        if side is Side.PROMPT:
            if role in (Role.USER, Role.OPENER) and is_rejection(text):
                depth += 1
        else:
            out[i] = depth
    return out


def bucket(depth: int) -> str:
    return f"{depth}" if depth < MAX_DEPTH_BUCKET else f"{MAX_DEPTH_BUCKET}+"
