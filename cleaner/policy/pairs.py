"""Preference pairs: the original hostile response against its calm, cleaned version.

For every response turn the policy changed, the context up to it (prompt
turns as written, so the user's pressure stays in; earlier responses as
cleaned) with ``rejected`` = the original response and ``chosen`` = the
neutralized one: data for DPO or a reward model that teaches "stay calm when
the user keeps asking for changes".
"""

from __future__ import annotations

from typing import Any

from cleaner.edits import Edit
from cleaner.record import Record, Side, Turn


def preference_pairs(record: Record, cleaned: list[Turn], edits: list[Edit], tags: dict[str, Any]) -> list[dict[str, Any]]:
    changed: dict[int, list[str]] = {}
    for e in edits:
        changed.setdefault(e.turn, []).append(e.reason)
    depth = {row["turn"]: row["depth"] for row in tags.get("escalation", [])}
    pairs = []
    for i, turn in enumerate(record.turns):
        if i not in changed or turn.side is not Side.RESPONSE or not cleaned[i].text.strip():
            continue
        context = [
            {"role": str(t.role), "text": t.text if t.side is Side.PROMPT else cleaned[j].text}
            for j, t in enumerate(record.turns[:i])
        ]
        pairs.append(
            {
                "id": f"{record.id}#{i}",
                "record_id": record.id,
                "turn": i,
                "context": context,
                "rejected": turn.text,
                "chosen": cleaned[i].text,
                "reasons": sorted(set(changed[i])),
                "escalation_depth": depth.get(i, 0),
            }
        )
    return pairs
