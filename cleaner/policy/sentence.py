"""What to remove from one sentence, given its spans: the sentence-level half of the policy.

Works in ``Sentence.text`` coordinates (the scoring text) and returns
removals there; mapping them back to the original through
``Sentence.original_ranges`` guarantees that inline code is never touched.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from cleaner.policy import clauses as C
from cleaner.policy.settings import PolicySettings, SideRules
from cleaner.segment import Sentence
from cleaner.segment.types import CODE_PLACEHOLDER
from cleaner.spans import GUARDS, Span

LEXICON_PREFIX = "lexicon@"
AXES = ("abuse", "emotion")


@dataclass(slots=True)
class Removal:
    i: int
    j: int
    reason: str
    stage: str
    score: float
    after: str = ""  # replacement text (a capital letter); removals replace with nothing


@dataclass(slots=True)
class SentencePlan:
    flagged: bool = False
    dropped: bool = False
    axis: str | None = None
    removals: list[Removal] = field(default_factory=list)


def text_range(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """Map an original ``[start, end)`` onto ``sentence.text`` indices."""
    i = bisect_left(sentence.offsets, start)
    j = bisect_left(sentence.offsets, end)
    return (i, j) if i < j else None


def overlaps(span: Span, sentence: Sentence) -> bool:
    return span.start < sentence.end and sentence.start < span.end


def plan_sentence(sentence: Sentence, spans: list[Span], rules: SideRules, ps: PolicySettings) -> SentencePlan:
    plan = SentencePlan()
    text = sentence.text
    scores = {axis: (0.0, "") for axis in AXES}
    hits: list[tuple[int, int, Span]] = []
    judged: list[Span] = []
    guarded = False
    for s in spans:
        if s.stage.startswith(LEXICON_PREFIX):
            if s.label in GUARDS:
                guarded = True
                continue
            if int(s.detail.get("severity", 3)) < rules.min_severity:
                continue
            r = text_range(sentence, s.start, s.end)
            if r:
                hits.append((r[0], r[1], s))
        elif s.label in scores:
            judged.append(s)
            if s.score > scores[s.label][0]:
                scores[s.label] = (s.score, s.stage)
    # A sentence whose only insult is denied ("Not stupid at all, everyone hits this."),
    # or that apologizes or moderates ("I'm sorry you had a bad experience.", "Locking
    # this thread."): the classifiers read the insult or the complaint and miss what the
    # sentence does with it, so they must be sure (the drop bar) to act on it.
    sure_only = guarded and not hits
    flagged = any(
        s.score >= (rules.drop_sentence if sure_only else rules.threshold(s.label, s.detail.get("lang")))
        for s in judged
    )
    if not hits and not flagged:
        return plan
    plan.flagged = True
    top_axis = max(AXES, key=lambda a: scores[a][0])
    top_score, top_stage = scores[top_axis]
    if top_score >= rules.drop_sentence:
        return _drop(plan, text, f"drop_sentence.{top_axis}", top_stage, top_score, top_axis)

    whole = False  # a classifier's verdict covers the sentence, not only the hit's words
    for i, j, s in hits:
        cat = ps.category(s.label)
        a, b, words_only = _scope(text, i, j, "clause" if s.detail.get("noun") else cat.scope)
        plan.removals.append(Removal(a, b, f"neutralize.{s.label}", s.stage, s.score))
        fix = C.article_fix(text, a, b) if words_only else None
        if fix is not None:
            plan.removals.append(Removal(fix[0], fix[1], f"neutralize.{s.label}", s.stage, s.score, fix[2]))
        plan.axis = plan.axis or cat.axis
        # A clause-scope hit ("Learn the basics before posting here, this is
        # embarrassing.") in a sentence a classifier also flags: the words are not
        # all of it, and the clauses around them carry the same tone.  A word-scope
        # hit ("This stupid function crashes on None.") keeps the rest of its sentence.
        whole = whole or (flagged and cat.scope != "word")
    if whole:
        # Every clause without code goes too, under the reason of the hit that made the sentence a target.
        first = plan.removals[0]
        for a, b in C.clauses(text):
            if CODE_PLACEHOLDER not in text[a:b]:
                plan.removals.append(Removal(a, b, first.reason, first.stage, first.score))
    if not hits:
        # A classifier judges the whole sentence: keep only clauses that carry code.
        keep = [c for c in C.clauses(text) if CODE_PLACEHOLDER in text[c[0] : c[1]]]
        if not keep:
            return _drop(plan, text, f"drop_sentence.{top_axis}", top_stage, top_score, top_axis)
        for a, b in C.clauses(text):
            if (a, b) not in keep:
                plan.removals.append(Removal(a, b, f"neutralize.{top_axis}", top_stage, top_score))
        plan.axis = top_axis
    removed = [(r.i, r.j) for r in plan.removals]
    rest = C.remainder(text, removed)
    if CODE_PLACEHOLDER not in rest and C.content_words(
        rest, CODE_PLACEHOLDER, chinese_words=not C.cuts_inside_clause(text, removed)
    ) < ps.min_remaining_words:
        first = plan.removals[0]
        return _drop(plan, text, first.reason.replace("neutralize.", "drop_sentence."), first.stage, first.score,
                     plan.axis)
    _capitalize(plan, text)
    return plan


def _scope(text: str, i: int, j: int, scope: str) -> tuple[int, int, bool]:
    """What goes with a hit: the words, or the clause when they are aimed at someone or are the clause's point.

    The flag says the matched words alone go, so an article before them may have
    to agree with the word that now follows it (:func:`clauses.article_fix`).
    """
    if scope != "word":
        return (*C.clause_at(text, i, j), False)
    predicate = C.is_predicate(text, i, j)
    addressed = C.is_addressed(text, i, j)
    keep = C.wh_prefix(text, i, j)  # "What the fuck is x?" -> "What is x?"
    if keep and not predicate and not addressed:  # "What the hell were you thinking" is all insult
        return (*C.word_at(text, i + keep, j), False)
    opens = not text[:i].strip()  # "Shut up and read…", "Idiot, …": the sentence is built on it
    if opens or predicate or addressed or C.is_noun_head(text, i, j):
        return (*C.clause_at(text, i, j), False)
    return (*C.word_at(text, i, j), True)


def _capitalize(plan: SentencePlan, text: str) -> None:
    """A removal at the start of a capitalised sentence leaves it starting with a capital."""
    spans = sorted((r.i, r.j) for r in plan.removals if not r.after)
    if not spans or spans[0][0] != 0 or not text[:1].isupper():
        return
    k = C.merge(spans)[0][1]
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k].isascii() and text[k].islower():
        first = plan.removals[0]
        plan.removals.append(Removal(k, k + 1, first.reason, first.stage, first.score, text[k].upper()))


def _drop(plan: SentencePlan, text: str, reason: str, stage: str, score: float, axis: str | None) -> SentencePlan:
    plan.dropped = True
    plan.axis = axis
    plan.removals = [Removal(0, len(text), reason, stage, score)]
    return plan
