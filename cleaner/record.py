"""The canonical record every reader produces and every later step speaks.

One shape for GitHub threads, Stack Exchange threads, forum posts and chat SFT
data, so that segmentation, scoring, policy, dedup and output never branch on
where a record came from.  Who speaks matters (the policy holds the response
side to a stricter bar), so every turn carries a role and every role a side.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Markup(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    PLAIN = "plain"


class Role(StrEnum):
    # chat
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"  # tool / function results fed back to the model
    # threads (GitHub issues, Stack Exchange, forums)
    OPENER = "opener"
    MAINTAINER = "maintainer"
    CONTRIBUTOR = "contributor"
    BOT = "bot"


class Side(StrEnum):
    """Prompt side is what a model reads; response side is what it learns to say."""

    PROMPT = "prompt"
    RESPONSE = "response"


ROLE_SIDE: dict[Role, Side] = {
    Role.SYSTEM: Side.PROMPT,
    Role.USER: Side.PROMPT,
    Role.TOOL: Side.PROMPT,
    Role.OPENER: Side.PROMPT,
    Role.ASSISTANT: Side.RESPONSE,
    Role.MAINTAINER: Side.RESPONSE,
    Role.CONTRIBUTOR: Side.RESPONSE,
    # Bot comments are templated noise a model should not imitate: judge them as responses.
    Role.BOT: Side.RESPONSE,
}


def side_of(role: Role | str) -> Side:
    return ROLE_SIDE[Role(role)]


@dataclass(slots=True)
class Turn:
    role: Role
    text: str
    author: str | None = None
    markup: Markup = Markup.MARKDOWN

    @property
    def side(self) -> Side:
        return ROLE_SIDE[self.role]

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": str(self.role),
            "author": self.author,
            "text": self.text,
            "markup": str(self.markup),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Turn:
        return cls(
            role=Role(d["role"]),
            text=d["text"],
            author=d.get("author"),
            markup=Markup(d.get("markup") or Markup.MARKDOWN),
        )


@dataclass(slots=True)
class Record:
    """One conversation or thread.

    ``units`` counts the input units (lines, rows) folded into this record, so
    that the run summary can prove conservation when several lines (a Stack
    Exchange question and its answers) become one record.
    """

    id: str
    source: str
    format: str
    turns: list[Turn]
    meta: dict[str, Any] = field(default_factory=dict)
    units: int = 1
    # Where the record starts in the input (file, 1-based line or row), for
    # dead-letter rows of records that fail later in the job.
    origin_file: str = ""
    origin_offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "turns": [t.to_dict() for t in self.turns],
            "meta": json.dumps(self.meta, ensure_ascii=False, sort_keys=True, default=str),
            "units": self.units,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        meta = d.get("meta") or {}
        if isinstance(meta, str):
            meta = json.loads(meta)
        return cls(
            id=d["id"],
            source=d["source"],
            format=d["format"],
            turns=[Turn.from_dict(t) for t in d["turns"]],
            meta=meta,
            units=int(d.get("units", 1)),
        )
