"""The policy step: spans + roles + config -> edits, record verdict, tags.

The only place that decides.  Per sentence it neutralizes (removes the
abusive words or clause) or drops; per turn it maps removals onto the
original text (prose only, so code survives byte for byte); per record it
drops what is no longer worth training on.  Every action carries a stable
reason code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from cleaner import reasons as R
from cleaner.document import Document, TurnView
from cleaner.edits import Edit
from cleaner.policy.escalation import bucket, depths
from cleaner.policy.sentence import Removal, SentencePlan, overlaps, plan_sentence
from cleaner.policy.settings import PolicySettings
from cleaner.record import Role, Side
from cleaner.segment import Kind
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
    prose_chars: int = 0
    removed_chars: int = 0
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
        mostly = r.prose_chars and r.removed_chars / r.prose_chars > ps.max_removed_share
        if not (hostile or mostly):
            continue
        reason = R.RESPONSE_HOSTILE if hostile else R.RESPONSE_MOSTLY_REMOVED
        turn_reasons[t.index] = reason
        if is_chat:
            reasons.append(reason)
        else:
            # In a thread one hostile reply goes, not the whole thread: remove all its prose.
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
    removals: list[tuple[int, int, Removal]] = []  # original ranges
    for sent in t.sentences:
        prose_len = sum(e - s for s, e in sent.prose)
        if not sent.quote:
            res.sentences += 1
            res.prose_chars += prose_len
        local = [s for s in spans if overlaps(s, sent)]
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
            for s, e in sent.original_ranges(rm.i, rm.j):
                removals.append((s, e, rm))
        if plan.dropped:
            res.removed_texts.append(_norm(sent.text))
            removals.extend(_trailing_space(t, sent.end, plan.removals[0]))
    res.edits = _to_edits(t, removals)
    res.removed_chars = sum(e.end - e.start for e in res.edits)
    return res


def _to_edits(t: TurnView, removals: list[tuple[int, int, Removal]]) -> list[Edit]:
    """Merge overlapping removals into non-overlapping edits; the first reason of a merged run wins."""
    out: list[Edit] = []
    for s, e, rm in sorted(removals, key=lambda x: (x[0], -x[1])):
        if out and s <= out[-1].end:
            last = out[-1]
            if e > last.end:
                out[-1] = Edit(t.index, last.start, e, t.text[last.start : e], "", last.reason, last.stage, last.score)
            continue
        if s < e:
            out.append(Edit(t.index, s, e, t.text[s:e], "", rm.reason, rm.stage, float(rm.score)))
    return out


def _trailing_space(t: TurnView, end: int, rm: Removal) -> list[tuple[int, int, Removal]]:
    """A dropped sentence takes the spaces after it on its line (they are prose)."""
    k = end
    while k < len(t.text) and t.text[k] in _SPACE:
        k += 1
    if k > end and _in_prose(t, end, k):
        return [(end, k, rm)]
    return []


def _in_prose(t: TurnView, s: int, e: int) -> bool:
    return any(seg.kind.is_prose and seg.start <= s and e <= seg.end for seg in t.segments)


def _remove_all_prose(t: TurnView, reason: str) -> list[Edit]:
    edits = []
    for seg in t.segments:
        if seg.kind in (Kind.PROSE, Kind.QUOTE) and t.text[seg.start : seg.end].strip():
            edits.append(Edit(t.index, seg.start, seg.end, t.text[seg.start : seg.end], "", f"drop_turn.{reason}",
                              "policy@1", 1.0))
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
            if sent.quote and any(q in x or x in q for x in removed for q in [_norm(sent.text)] if len(q) >= 8):
                rm = Removal(0, len(sent.text), R.DROP_QUOTE, "policy@1", 1.0)
                extra += [(s, e, rm) for s, e in sent.original_ranges(0, len(sent.text))]
        if extra:
            r = results[t.index]
            old = [(e.start, e.end, Removal(0, 0, e.reason, e.stage, e.score)) for e in r.edits]
            r.edits = _to_edits(t, old + extra)


def _any_response_left(doc: Document, results: dict[int, _TurnResult]) -> bool | None:
    """None when the record has no response turn at all (an unanswered issue is fine)."""
    from cleaner.edits import apply_edits

    responses = [t for t in doc.turns if t.side is Side.RESPONSE and t.role is not Role.BOT and t.text.strip()]
    if not responses:
        return None
    return any(apply_edits(t.text, results[t.index].edits).strip() for t in responses)


def _escalation(doc: Document, results: dict[int, _TurnResult]) -> dict[str, Any]:
    d = depths([t.role for t in doc.turns], [t.text for t in doc.turns])
    if not d:
        return {}
    rows = [{"turn": i, "depth": depth, "hostile": results[i].flagged > 0} for i, depth in sorted(d.items())]
    return {"escalation": rows, "max_depth": max(d.values()), "depth_buckets": [bucket(r["depth"]) for r in rows]}
