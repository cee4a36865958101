"""The policy step: spans + roles + config -> edits, record verdict, tags.

The only place that decides.  Per sentence it neutralizes (removes the
abusive words or clause) or drops; per turn it maps removals onto the
original text (prose only, so code survives byte for byte); per record it
drops what is no longer worth training on.  Every action carries a stable
reason code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleaner import reasons as R
from cleaner.document import Document, TurnView
from cleaner.edits import Edit, apply_edits
from cleaner.policy.escalation import bucket, depths
from cleaner.policy.sentence import Removal, SentencePlan, overlaps, plan_sentence
from cleaner.policy.settings import PolicySettings
from cleaner.record import Role, Side
from cleaner.segment import Kind, Sentence
from cleaner.spans import Span

_WS = re.compile(r"\s+")
_SPACE = " \t"


@dataclass(slots=True)
class Decision:
    keep: bool
    edits: list[Edit] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    tags: dict[str, Any] = field(default_factory=dict)
    # Which response turns caused a record-level reason (the serving guard
    # judges one reply, so it needs to know whether that reply was the cause).
    turn_reasons: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class _TurnResult:
    edits: list[Edit]
    sentences: int = 0
    flagged: int = 0
    text_chars: int = 0  # non-space characters of the turn, code included (counted only when edited)
    removed_chars: int = 0  # non-space characters the edits remove
    removed_texts: list[str] = field(default_factory=list)


def decide(doc: Document, spans: list[Span], cfg: dict[str, Any], ps: PolicySettings | None = None) -> Decision:
    ps = ps or PolicySettings.from_config(cfg)
    by_turn: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        by_turn[s.turn].append(s)
    empty = {s.turn for s in spans if s.label == "empty_turn"}
    if ps.drop_empty_records and doc.turns and len(empty) == len(doc.turns):
        return Decision(False, reasons=[R.ALL_TURNS_EMPTY])

    results = {t.index: _turn(t, by_turn.get(t.index, []), ps) for t in doc.turns}
    if ps.drop_quotes_of_removed:
        _drop_quotes(doc, results)

    reasons: list[str] = []
    turn_reasons: dict[int, str] = {}
    is_chat = doc.record.format == "chat"
    for t in doc.turns:
        r = results[t.index]
        if t.side is not Side.RESPONSE or not r.sentences:
            continue
        hostile = r.flagged >= 2 and r.flagged / r.sentences >= ps.hostile_share
        mostly = r.removed_chars and r.removed_chars / r.text_chars > ps.max_removed_share
        if not (hostile or mostly):
            continue
        reason = R.RESPONSE_HOSTILE if hostile else R.RESPONSE_MOSTLY_REMOVED
        turn_reasons[t.index] = reason
        if is_chat:
            reasons.append(reason)
        elif hostile:
            # In a thread one hostile reply goes, not the whole thread: remove all its prose.
            # (A reply mostly removed keeps what is left: it is one voice among several.)
            r.edits = _remove_all_prose(t, reason)

    edits = [e for t in doc.turns for e in results[t.index].edits]
    tags = _escalation(doc, results)
    if not reasons:
        cleaned_has_response = _any_response_left(doc, results)
        if cleaned_has_response is False:
            reasons.append(R.NO_RESPONSE_LEFT)
    return Decision(not reasons, edits, sorted(set(reasons)), tags, turn_reasons)


def _turn(t: TurnView, spans: list[Span], ps: PolicySettings) -> _TurnResult:
    rules = ps.sides[t.side]
    res = _TurnResult(edits=[])
    if not spans:  # most turns: no finding at all, so only the sentence count matters
        res.sentences = sum(not sent.quote for sent in t.sentences)
        return res
    removals: list[tuple[int, int, Removal]] = []  # original ranges
    for sent, local in zip(t.sentences, _by_sentence(t.sentences, spans), strict=True):
        if not sent.quote:
            res.sentences += 1
        if not local:
            continue
        plan: SentencePlan = plan_sentence(sent, local, rules, ps)
        if not plan.flagged:
            continue
        if not sent.quote:
            res.flagged += 1
        if not rules.act:
            continue
        for rm in plan.removals:
            if rm.after:  # a replacement (capital letter): exactly the one original character
                ranges = sent.original_ranges(rm.i, rm.j)
                if len(ranges) == 1 and t.text[ranges[0][0] : ranges[0][1]] == sent.text[rm.i : rm.j]:
                    removals.append((ranges[0][0], ranges[0][1], rm))
                continue
            for s, e in sent.original_ranges(rm.i, rm.j):
                removals.append((s, e, rm))
        if plan.dropped:
            res.removed_texts.append(_norm(sent.text))
            removals.extend(_surroundings(t, sent, plan.removals[0]))
    res.edits = _trim_ends(t, _to_edits(t, removals))
    if res.edits:  # the share removed matters only when something is; counting is a pass over the turn
        res.removed_chars = sum(_nonspace(e.before) for e in res.edits)
        res.text_chars = _nonspace(t.text)
    return res


def _by_sentence(sents: Sequence[Sentence], spans: list[Span]) -> list[list[Span]]:
    """The spans overlapping each sentence, in their original order: bisection, not sentences x spans."""
    starts = [s.start for s in sents]
    ends = [s.end for s in sents]
    if ends != sorted(ends) or starts != sorted(starts):
        return [[s for s in spans if overlaps(s, sent)] for sent in sents]  # never seen: sentences come in order
    out: list[list[Span]] = [[] for _ in sents]
    for span in spans:
        for k in range(bisect_right(ends, span.start), bisect_left(starts, span.end)):
            out[k].append(span)
    return out


def _nonspace(text: str) -> int:
    return len("".join(text.split()))


def _to_edits(t: TurnView, removals: list[tuple[int, int, Removal]]) -> list[Edit]:
    """Merge overlapping deletions into non-overlapping edits; the first reason of a merged run wins.

    A replacement (a capital letter) never merges: it stays its own one-character edit,
    and is dropped if a deletion covers its character.
    """
    out: list[Edit] = []
    for s, e, rm in sorted(removals, key=lambda x: (x[0], -x[1], x[2].after)):
        touching = out and (s < out[-1].end or (s == out[-1].end and not rm.after and not out[-1].after))
        if touching:
            last = out[-1]
            if rm.after or last.after:
                continue
            if e > last.end:
                out[-1] = Edit(t.index, last.start, e, t.text[last.start : e], "", last.reason, last.stage, last.score)
            continue
        if s < e:
            out.append(Edit(t.index, s, e, t.text[s:e], rm.after, rm.reason, rm.stage, float(rm.score)))
    return out


def _surroundings(t: TurnView, sent: Any, rm: Removal) -> list[tuple[int, int, Removal]]:
    """What a dropped sentence takes with it so no stray space, quote marker or blank line is left.

    The spaces after it on its line (or before it, at the end of a line); a
    quote marker ("> ") whose whole line it was; and, at the very start of the
    turn, the blank lines after it.  All of it is prose or markup, never code.
    """
    text, out = t.text, []
    start, end = sent.start, sent.end
    k = end
    while k < len(text) and text[k] in _SPACE:
        k += 1
    line_ends = k == len(text) or text[k] == "\n"
    if k > end and not line_ends and _editable(t, end, k):
        out.append((end, k, rm))
    else:
        j = start
        while j > 0 and text[j - 1] in _SPACE:
            j -= 1
        line_start = text.rfind("\n", 0, j) + 1
        marker = text[line_start:j]
        if line_ends and marker.strip(" >\t") == "" and not sent.code and _editable(t, line_start, j):
            # the sentence was the whole line (no inline code stays on it): its quote
            # marker, trailing spaces and newline go too
            out.append((line_start, j, rm))
            stop = k + 1 if k < len(text) else k
            if _editable(t, end, stop):
                out.append((end, stop, rm))
        elif j < start and _editable(t, j, start) and line_ends:
            out.append((j, start, rm))
    return out


def _trim_ends(t: TurnView, edits: list[Edit]) -> list[Edit]:
    """Whitespace that deletions leave at the very start or end of a turn goes too."""
    if not edits:
        return edits
    text = t.text
    removed = bytearray(len(text))
    for e in edits:
        if not e.after:
            removed[e.start : e.end] = b"\x01" * (e.end - e.start)
    extra: list[tuple[int, int]] = []
    for order in (range(len(text)), range(len(text) - 1, -1, -1)):
        for k in order:
            if removed[k]:
                continue
            if not text[k].isspace() or not _editable(t, k, k + 1):
                break
            extra.append((k, k + 1))
    if not extra:
        return edits
    first = edits[0]
    rm = Removal(0, 0, first.reason, first.stage, first.score)
    return _to_edits(t, _reopen(edits) + [(a, b, rm) for a, b in extra])


def _reopen(edits: list[Edit]) -> list[tuple[int, int, Removal]]:
    """Edits back into removals, replacements included, so more removals can be merged in."""
    return [(e.start, e.end, Removal(0, 0, e.reason, e.stage, e.score, e.after)) for e in edits]


def _editable(t: TurnView, s: int, e: int) -> bool:
    """Inside prose, quote or markup segments: anything but code."""
    if s >= e:
        return False
    return all(not seg.kind.is_code for seg in t.segments if seg.start < e and s < seg.end)


def _remove_all_prose(t: TurnView, reason: str) -> list[Edit]:
    """Every prose word of the turn, keeping the whitespace around each run so code blocks stay on their own lines."""
    edits = []
    for seg in t.segments:
        chunk = t.text[seg.start : seg.end]
        if seg.kind not in (Kind.PROSE, Kind.QUOTE) or not chunk.strip():
            continue
        s = seg.start + len(chunk) - len(chunk.lstrip())
        e = seg.end - (len(chunk) - len(chunk.rstrip()))
        edits.append(Edit(t.index, s, e, t.text[s:e], "", f"drop_turn.{reason}", "policy@1", 1.0))
    return edits


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def _drop_quotes(doc: Document, results: dict[int, _TurnResult]) -> None:
    removed = [x for r in results.values() for x in r.removed_texts if len(x) >= 8]
    if not removed:
        return
    for t in doc.turns:
        extra = []
        for sent in t.sentences:
            if not sent.quote:
                continue
            q = _norm(sent.text)
            if len(q) >= 8 and any(q in x or x in q for x in removed):
                rm = Removal(0, len(sent.text), R.DROP_QUOTE, "policy@1", 1.0)
                extra += [(s, e, rm) for s, e in sent.original_ranges(0, len(sent.text))]
                extra += _surroundings(t, sent, rm)  # its quote marker and line go as for any dropped sentence
        if extra:
            r = results[t.index]
            r.edits = _trim_ends(t, _to_edits(t, _reopen(r.edits) + extra))


def _any_response_left(doc: Document, results: dict[int, _TurnResult]) -> bool | None:
    """None when the record has no response turn at all (an unanswered issue is fine)."""
    responses = [t for t in doc.turns if t.side is Side.RESPONSE and t.role is not Role.BOT and t.text.strip()]
    if not responses:
        return None
    # an unedited response is left as it was, and it was not blank
    return any(not results[t.index].edits or apply_edits(t.text, results[t.index].edits).strip() for t in responses)


def _escalation(doc: Document, results: dict[int, _TurnResult]) -> dict[str, Any]:
    d = depths([t.role for t in doc.turns], [t.text for t in doc.turns])
    if not d:
        return {}
    rows = [{"turn": i, "depth": depth, "hostile": results[i].flagged > 0} for i, depth in sorted(d.items())]
    return {"escalation": rows, "max_depth": max(d.values()), "depth_buckets": [bucket(r["depth"]) for r in rows]}
