"""Lexicon hits as classifier tokens: ``__lex_insult``, ``__lexsev_3``.

A few thousand labelled comments cannot teach fastText every obfuscated
spelling the lexicon already knows ("sh1t", "傻 逼"); one token per hit
category and severity lets the model weigh the curated lists against the
context.  The matcher is the lexicon stage's own (same allowlist and
guards), built once per process on first use.
"""

from __future__ import annotations

import hashlib
from functools import cache

from cleaner.lexicon.entries import load
from cleaner.lexicon.matcher import Matcher
from cleaner.resources import lexicons_dir


@cache
def _matcher() -> Matcher:
    return Matcher(load(lexicons_dir()))


@cache
def lexicon_fingerprint() -> str:
    """Hash of the shipped lexicon files: a model trained on other lists sees other tokens."""
    h = hashlib.sha256()
    for p in sorted(lexicons_dir().glob("*.tsv")) + sorted(lexicons_dir().glob("*.yaml")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def lexicon_tokens(text: str, lang: str) -> list[str]:
    out: list[str] = []
    for m in _matcher().find(text):
        out.append(f"__lex_{m.entry.category}")
        out.append(f"__lexsev_{m.entry.severity}")
    return out
