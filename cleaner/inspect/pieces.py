"""Cut one turn's original text into what a diff shows: kept text, preserved code, edits.

Code ranges come from segmenting the ORIGINAL text (the same segmenter the
job used), so a reviewer sees which code the policy was bound to keep and
can check at a glance that no edit touched it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cleaner.edits import Edit
from cleaner.inspect.view import TurnDiff
from cleaner.segment import segment


class PieceKind(StrEnum):
    TEXT = "text"
    CODE = "code"
    EDIT = "edit"  # the original's ``before``; the cleaned side shows ``edit.after`` instead
    ELIDED = "elided"  # "⋯ N characters not shown ⋯" in the middle of a long unedited stretch


@dataclass(frozen=True, slots=True)
class Piece:
    kind: PieceKind
    text: str
    edit: Edit | None = None

    @property
    def neutralized(self) -> bool:
        """Words or a clause taken out of a sentence that stays, as opposed to a dropped sentence or turn."""
        return self.edit is not None and self.edit.reason.startswith("neutralize.")


def code_ranges(text: str, markup: str) -> list[tuple[int, int]]:
    try:
        segs = segment(text, markup)
    except ValueError:  # an unknown markup name in a hand-made file: show no code rather than fail
        segs = segment(text, "markdown")
    return [(s.start, s.end) for s in segs if s.kind.is_code]


def turn_pieces(turn: TurnDiff) -> list[Piece]:
    return pieces(turn.original, list(turn.edits), code_ranges(turn.original, turn.markup))


def pieces(original: str, edits: list[Edit], code: list[tuple[int, int]]) -> list[Piece]:
    """A tiling of ``original``; an edit wins over code if they ever overlap (then the diff shows the breach)."""
    out: list[Piece] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.extend(_plain(original, pos, e.start, code))
        out.append(Piece(PieceKind.EDIT, original[e.start : e.end], e))
        pos = e.end
    out.extend(_plain(original, pos, len(original), code))
    return out


def _plain(text: str, a: int, b: int, code: list[tuple[int, int]]) -> list[Piece]:
    out, pos = [], a
    for s, e in code:
        s, e = max(s, a), min(e, b)
        if s >= e:
            continue
        if s > pos:
            out.append(Piece(PieceKind.TEXT, text[pos:s]))
        out.append(Piece(PieceKind.CODE, text[s:e]))
        pos = e
    if pos < b:
        out.append(Piece(PieceKind.TEXT, text[pos:b]))
    return out


ELIDE_AT = 1500  # characters: a longer unedited stretch shows its head and tail only


def elide(ps: list[Piece], limit: int | None = ELIDE_AT) -> list[Piece]:
    """Shorten long unedited text and code so the edits, the reason a reviewer came, stay in view.

    Edits are never shortened.  ``limit=None`` keeps everything.
    """
    if limit is None:
        return ps
    out: list[Piece] = []
    head, tail = limit * 2 // 3, limit // 3
    for p in ps:
        if p.kind in (PieceKind.TEXT, PieceKind.CODE) and len(p.text) > limit:
            hidden = len(p.text) - head - tail
            out += [Piece(p.kind, p.text[:head]), Piece(PieceKind.ELIDED, f" \u22ef {hidden:,} characters not shown "
                                                                         "\u22ef "), Piece(p.kind, p.text[-tail:])]
        else:
            out.append(p)
    return out


def code_preserved(turn: TurnDiff, code: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """(code spans untouched by any edit, code spans an edit overlaps) in one turn."""
    code = code_ranges(turn.original, turn.markup) if code is None else code
    touched = sum(1 for s, e in code if any(ed.start < e and s < ed.end for ed in turn.edits))
    return len(code) - touched, touched
