"""Forum posts (CSDN, V2EX, SegmentFault, Discourse): title, body, replies in Markdown."""

from __future__ import annotations

from typing import Any

from cleaner import reasons
from cleaner.readers.base import ReadError, UnitRef, as_id, need, want
from cleaner.readers.github import opener_text
from cleaner.readers.roles import thread_role
from cleaner.record import Markup, Record, Role, Turn

FORMAT = "forum"


def parse_forum(obj: dict[str, Any], ref: UnitRef) -> Record:
    if "title" not in obj and "body" not in obj:
        raise ReadError(reasons.MISSING_FIELD, "forum post needs 'title' or 'body'")
    author = want(obj, "author", str)
    turns = [
        Turn(Role.OPENER, opener_text(want(obj, "title", str), want(obj, "body", str)), author, Markup.MARKDOWN)
    ]
    for i, r in enumerate(want(obj, "replies", list, default=[])):
        where = f"replies[{i}]."
        if not isinstance(r, dict):
            raise ReadError(reasons.WRONG_TYPE, f"{where[:-1]} must be an object, got {type(r).__name__}")
        text = need(r, "body", str, where)
        login = want(r, "author", str, where)
        role = Role.OPENER if r.get("is_op") is True else thread_role(login, author)
        turns.append(Turn(role, text, login, Markup.MARKDOWN))
    meta = {k: obj[k] for k in ("site", "url", "lang", "created_at", "tags") if obj.get(k) is not None}
    site = meta.get("site")
    source = f"forum:{site}" if isinstance(site, str) and site else "forum"
    return Record(as_id(obj.get("id")) or ref.fallback_id, source, FORMAT, turns, meta)
