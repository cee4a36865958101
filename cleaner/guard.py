"""Serving-time guard: the batch job's judgement on one reply, before it is sent.

Same config, lexicons, models and policy as ``cleaner run``: the reply is
judged as the response turn of a chat record whose earlier turns are the
context, so a reply the guard passes is one the job would keep unchanged,
and a reply it neutralizes comes out exactly as the job would write it.
Load once; ``check`` is thread-safe and touches no network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleaner import config as config_mod
from cleaner.counters import NullCounter
from cleaner.edits import Edit
from cleaner.process import Cleaner
from cleaner.record import Markup, Record, Role, Turn
from cleaner.spans import Span

OK, NEUTRALIZE, BLOCK = "ok", "neutralize", "block"


@dataclass(slots=True)
class Verdict:
    verdict: str  # ok | neutralize | block
    text: str  # the reply as it may be sent (== the input when ok)
    reasons: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    escalation_depth: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "text": self.text,
            "reasons": self.reasons,
            "edits": [e.to_dict() for e in self.edits],
            "spans": [s.to_dict() for s in self.spans],
            "escalation_depth": self.escalation_depth,
        }


class Guard:
    def __init__(self, cfg: dict[str, Any] | None = None) -> None:
        self.cleaner = Cleaner(cfg if cfg is not None else config_mod.load())
        self.cleaner.setup()
        self._counter = NullCounter()

    def check(self, reply: str, context: Sequence[dict[str, str]] | None = None, lang: str | None = None) -> Verdict:
        """Judge ``reply`` as the assistant's answer after ``context`` ([{"role", "content"}], oldest first)."""
        turns = [Turn(Role(_role(m.get("role", "user"))), m.get("content") or "", None, Markup.MARKDOWN)
                 for m in context or []]
        turns.append(Turn(Role.ASSISTANT, reply, None, Markup.MARKDOWN))
        i = len(turns) - 1
        meta = {"lang": lang} if lang else {}
        o = self.cleaner.process(Record("guard", "guard", "chat", turns, meta), self._counter)
        edits = [e for e in o.edits if e.turn == i]
        spans = [s for s in o.spans if s.turn == i]
        depth = next((r["depth"] for r in o.tags.get("escalation", []) if r["turn"] == i), None)
        if i in o.turn_reasons:
            return Verdict(BLOCK, "", [o.turn_reasons[i]], edits, spans, depth)
        if edits:
            return Verdict(NEUTRALIZE, o.turns[i].text, sorted({e.reason for e in edits}), edits, spans, depth)
        return Verdict(OK, reply, [], [], spans, depth)


def _role(name: str) -> str:
    name = name.strip().lower()
    return {"human": "user", "gpt": "assistant", "developer": "system"}.get(name, name)
