from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.edits import Edit
from cleaner.inspect.pieces import PieceKind, code_preserved, code_ranges, elide, pieces, turn_pieces
from cleaner.inspect.view import TurnDiff


def _edit(text, sub, reason="neutralize.profanity", after=""):
    s = text.index(sub)
    return Edit(0, s, s + len(sub), sub, after, reason, "lexicon@1", 0.5)


def test_pieces_tile_the_original_and_mark_code_and_edits():
    text = "this damn `x()` call fails"
    e = _edit(text, "damn ")
    ps = pieces(text, [e], code_ranges(text, "markdown"))
    assert "".join(p.text for p in ps) == text
    assert [(p.kind, p.text) for p in ps] == [
        (PieceKind.TEXT, "this "), (PieceKind.EDIT, "damn "), (PieceKind.CODE, "`x()`"), (PieceKind.TEXT, " call fails"),
    ]
    assert ps[1].neutralized


def test_dropped_sentence_is_not_neutralized():
    text = "Go away. Fine."
    (p, _) = pieces(text, [_edit(text, "Go away. ", "drop_sentence.abuse")], [])
    assert p.kind is PieceKind.EDIT and not p.neutralized


def test_code_preserved_counts_fenced_and_inline_code_and_reports_a_breach():
    text = "Use `a` here:\n\n```py\nx = 1\n```\n\nbad word."
    t = TurnDiff(0, "assistant", "markdown", text, text, (_edit(text, "bad "),))
    assert code_preserved(t) == (2, 0)
    breach = TurnDiff(0, "assistant", "markdown", text, text, (_edit(text, "`a`"),))
    assert code_preserved(breach) == (1, 1)
    assert [p.kind for p in turn_pieces(breach)][:3] == [PieceKind.TEXT, PieceKind.EDIT, PieceKind.TEXT]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab `\n傻", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5)),
                                                           max_size=4))
def test_pieces_always_tile_the_original(text, cuts):
    edits, pos = [], 0
    for start, length in sorted(cuts):
        s = max(start, pos)
        e = min(len(text), s + length)
        if s > len(text):
            break
        edits.append(Edit(0, s, e, text[s:e], "", "drop_sentence.abuse", "x@1", 1.0))
        pos = max(e, s + 1)
    ps = pieces(text, edits, code_ranges(text, "markdown"))
    assert "".join(p.text for p in ps) == text
    assert sum(p.kind is PieceKind.EDIT for p in ps) == len(edits)


def test_long_unedited_stretches_are_elided_but_edits_never():
    text = "x" * 5000 + " damn " + "```\n" + "y" * 3000 + "\n```\n"
    ps = pieces(text, [_edit(text, "damn ")], code_ranges(text, "markdown"))
    short = elide(ps, 600)
    kinds = [p.kind for p in short]
    assert kinds.count(PieceKind.ELIDED) == 2 and PieceKind.EDIT in kinds
    assert next(p for p in short if p.kind is PieceKind.EDIT).text == "damn "
    marker = next(p for p in short if p.kind is PieceKind.ELIDED).text
    assert "4,401 characters not shown" in marker  # 5000 x and the space before the edit
    assert short[0].text == "x" * 400 and short[2].text == "x" * 199 + " "
    assert elide(ps, None) == ps
