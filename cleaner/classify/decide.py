"""Per axis, would the cleaner act on this record, and on which characters?

``cleaner eval`` must measure the product, so the edits come from the real
policy (:func:`cleaner.policy.decide`) at the configured thresholds.  The
policy's edits do not say which axis they serve once a whole turn is
dropped, so this function re-derives, with the policy's own settings, which
sentences are flagged on which axis (classifier score at or over the
response-side threshold of that axis, or a lexicon hit at or over the
minimum severity whose category belongs to the axis) and attributes each
edit to the axes of the sentences it touches.  Replaceable in one place when
the policy grows an axis on its edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Document
from cleaner.policy import PolicySettings
from cleaner.policy import decide as policy_decide
from cleaner.policy.sentence import LEXICON_PREFIX
from cleaner.policy.settings import SideRules
from cleaner.spans import GUARDS, Span

AXES = ("abuse", "emotion")


@dataclass(slots=True)
class AxisDecision:
    flagged: bool = False
    score: float = 0.0
    ranges: list[tuple[int, int, int]] = field(default_factory=list)  # (turn, start, end) removed


def span_axis(span: Span, rules: SideRules, ps: PolicySettings) -> str | None:
    """The axis a span flags under the policy's rules, or None when it is below them."""
    if span.stage.startswith(LEXICON_PREFIX):
        if span.label in GUARDS or int(span.detail.get("severity", 3)) < rules.min_severity:
            return None
        return ps.category(span.label).axis
    threshold = {"abuse": rules.abuse, "emotion": rules.emotion}.get(span.label)
    return span.label if threshold is not None and span.score >= threshold else None


def decide(doc: Document, spans: Iterable[Span], cfg: dict[str, Any]) -> dict[str, AxisDecision]:
    spans = list(spans)
    ps = PolicySettings.from_config(cfg)
    decision = policy_decide(doc, spans, cfg, ps)
    out = {a: AxisDecision() for a in AXES}
    flagged: dict[str, list[tuple[int, int, int]]] = {a: [] for a in AXES}
    for span in spans:
        if span.label in AXES:
            out[span.label].score = max(out[span.label].score, span.score)
        rules = ps.sides[doc.turns[span.turn].side]
        axis = span_axis(span, rules, ps)
        if axis in flagged and rules.act:
            flagged[axis].append((span.turn, span.start, span.end))
    for axis, hits in flagged.items():
        d = out[axis]
        d.ranges = sorted(
            {
                (e.turn, e.start, e.end)
                for e in decision.edits
                if any(t == e.turn and s < e.end and e.start < en for t, s, en in _sentences_of(doc, hits))
            }
        )
        d.flagged = bool(d.ranges) or (bool(hits) and not decision.keep)
    return out


def _sentences_of(doc: Document, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Widen each flagged span to its sentence: a dropped turn's edits cover sentences, not spans."""
    out = []
    for t, s, e in hits:
        sents = [x for x in doc.turns[t].sentences if x.start < e and s < x.end]
        out.extend((t, x.start, x.end) for x in sents) if sents else out.append((t, s, e))
    return out
