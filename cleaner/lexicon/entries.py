"""Load and validate the lexicon files shipped in ``lexicons/``.

The files are data edited by people who are not reading this code, so
everything a typo could break is checked here, on load, with the file and
line in the message: unknown category, language, rule or source, a
severity outside 1-3, a bare single Chinese character, a template that is
really a regex, a duplicate.  The format is documented in
``lexicons/README.md``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from cleaner.lexicon.normalize import is_cjk, normalize
from cleaner.lexicon.patterns import PatternError, expand
from cleaner.lexicon.rules import RULES

CATEGORIES_FILE = "categories.yaml"
ALLOWLIST_FILE = "allowlist.tsv"
TERM_COLUMNS = ("term", "lang", "category", "severity", "rules", "source")
ALLOW_COLUMNS = ("phrase", "lang", "blocks", "note")
LANGS = frozenset({"en", "zh"})


class LexiconError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Entry:
    """One literal term (a template expands into several entries)."""

    term: str  # as written, after template expansion
    key: str  # normalize(term).text: what the automaton looks for
    lang: str
    category: str
    severity: int
    rules: frozenset[str]
    source: str
    origin: str  # "file.tsv:12", for error messages and the report
    pattern: str  # the template this term was expanded from


@dataclass(frozen=True, slots=True)
class AllowEntry:
    """A technical phrase inside which no lexicon hit counts."""

    phrase: str
    key: str
    lang: str
    blocks: str  # the lexicon term it shields, checked by the tests
    note: str
    origin: str


@dataclass(frozen=True)
class Lexicon:
    categories: dict[str, str]
    sources: dict[str, str]
    entries: tuple[Entry, ...]
    allow: tuple[AllowEntry, ...]


def load(directory: Path | None = None) -> Lexicon:
    if directory is None:
        from cleaner.resources import lexicons_dir

        directory = lexicons_dir()
    meta = yaml.safe_load((directory / CATEGORIES_FILE).read_text(encoding="utf-8"))
    categories = {str(k): str(v) for k, v in meta["categories"].items()}
    sources = {str(k): str(v) for k, v in meta["sources"].items()}
    entries: list[Entry] = []
    for path in sorted(directory.glob("*.tsv")):
        if path.name != ALLOWLIST_FILE:
            entries.extend(_load_terms(path, categories, sources))
    _check_duplicates(entries)
    allow = list(_load_allow(directory / ALLOWLIST_FILE))
    return Lexicon(categories, sources, tuple(entries), tuple(allow))


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of a TSV whose '#' lines are comments (file-level provenance lives there)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    numbered = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")]
    if not numbered:
        return
    header = tuple(numbered[0][1].split("\t"))
    if header != columns:
        raise LexiconError(f"{path.name}: header must be {'<TAB>'.join(columns)}, got {'<TAB>'.join(header)}")
    for lineno, row in zip(
        (n for n, _ in numbered[1:]),
        csv.reader((ln for _, ln in numbered[1:]), delimiter="\t", quoting=csv.QUOTE_NONE),
        strict=True,
    ):
        origin = f"{path.name}:{lineno}"
        if len(row) != len(columns):
            raise LexiconError(f"{origin}: expected {len(columns)} tab-separated columns, got {len(row)}")
        yield origin, dict(zip(columns, (c.strip() for c in row), strict=True))


def _load_terms(path: Path, categories: dict[str, str], sources: dict[str, str]) -> Iterator[Entry]:
    for origin, row in _rows(path, TERM_COLUMNS):
        lang, category, source = row["lang"], row["category"], row["source"]
        if lang not in LANGS:
            raise LexiconError(f"{origin}: unknown lang {lang!r}; known: {', '.join(sorted(LANGS))}")
        if category not in categories:
            raise LexiconError(f"{origin}: unknown category {category!r}; known: {', '.join(categories)}")
        if source not in sources:
            raise LexiconError(f"{origin}: unknown source {source!r}; add it to {CATEGORIES_FILE}")
        if row["severity"] not in ("1", "2", "3"):
            raise LexiconError(f"{origin}: severity must be 1, 2 or 3, got {row['severity']!r}")
        rules = frozenset(r for r in row["rules"].split(",") if r and r != "-")
        unknown = rules - RULES.keys()
        if unknown:
            raise LexiconError(
                f"{origin}: unknown rule(s) {sorted(unknown)}; known: {', '.join(sorted(RULES))}"
            )
        try:
            terms = expand(row["term"])
        except PatternError as e:
            raise LexiconError(f"{origin}: {e}") from None
        for term in terms:
            key = normalize(term).text
            if len(key) == 1 and is_cjk(key):
                if "zh_clause_end" not in rules:
                    raise LexiconError(
                        f"{origin}: single Chinese character {term!r} needs the zh_clause_end rule"
                    )
            elif len(key) < 2:
                raise LexiconError(f"{origin}: term {term!r} is too short to match safely")
            yield Entry(term, key, lang, category, int(row["severity"]), rules, source, origin, row["term"])


def _load_allow(path: Path) -> Iterator[AllowEntry]:
    for origin, row in _rows(path, ALLOW_COLUMNS):
        if row["lang"] not in LANGS:
            raise LexiconError(f"{origin}: unknown lang {row['lang']!r}")
        yield AllowEntry(
            row["phrase"], normalize(row["phrase"]).text, row["lang"], row["blocks"], row["note"], origin
        )


def _check_duplicates(entries: list[Entry]) -> None:
    # One term, one category: a second row would emit a second span for the same words.
    seen: dict[str, str] = {}
    for e in entries:
        if e.key in seen:
            raise LexiconError(
                f"{e.origin}: {e.term!r} duplicates {seen[e.key]} (same normalized form {e.key!r})"
            )
        seen[e.key] = e.origin
