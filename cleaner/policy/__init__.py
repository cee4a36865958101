"""The policy: the only place that turns spans into actions.

This first version keeps every record unchanged unless every turn is empty;
the role-aware keep / neutralize / drop policy replaces ``decide`` behind the
same signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner import reasons
from cleaner.document import Document
from cleaner.edits import Edit
from cleaner.spans import Span


@dataclass(slots=True)
class Decision:
    keep: bool
    edits: list[Edit] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    tags: dict[str, Any] = field(default_factory=dict)


def decide(doc: Document, spans: list[Span], cfg: dict[str, Any]) -> Decision:
    policy = cfg["policy"]
    empty = {s.turn for s in spans if s.label == "empty_turn"}
    if policy["drop_empty_records"] and doc.turns and len(empty) == len(doc.turns):
        return Decision(False, reasons=[reasons.ALL_TURNS_EMPTY])
    return Decision(True)
