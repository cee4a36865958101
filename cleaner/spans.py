"""What scoring stages say about a record: spans, never edits.

Score first, act later: stages only describe (turn, range, label, score); the
policy alone turns spans into actions, so a threshold change never needs a
re-score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Label of a lexicon span whose term is there but denied or self-aimed ("not stupid
# at all", "I'm such an idiot"): evidence for the policy, never a hit.
DENIED = "denied"
# Label of a lexicon span for a civil phrase (an apology, sympathy, a moderation
# notice: "I'm sorry you", "locking this thread", 抱歉): never a hit either, and the
# classifiers must be sure (the drop bar) to act on its sentence, since they read
# the complaint it answers.  Lexicon category ``civil``.
CIVIL = "civil"
# Lexicon labels that guard a sentence instead of flagging it.
GUARDS = frozenset({DENIED, CIVIL})


@dataclass(frozen=True, slots=True)
class Span:
    """A scored range of one turn's original text.

    ``start``/``end`` are offsets into ``Record.turns[turn].text`` (Python str
    indices), ``stage`` is the ``name@version`` that produced it, and
    ``detail`` carries stage-specific facts (matched term, category, severity,
    language, ...) as JSON-serialisable values.
    """

    turn: int
    start: int
    end: int
    label: str
    score: float
    stage: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        # Explicit, not dataclasses.asdict: asdict deep-copies every value and
        # was a fifth of the whole job's time (one call per span per record).
        return {
            "turn": self.turn,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": self.score,
            "stage": self.stage,
            "detail": dict(self.detail),
        }
