"""GitHub issue threads, in the two shapes corpora ship them.

1. The REST issue object with ``comments`` holding the list of REST comment
   objects (instead of GitHub's count).
2. The ``events`` list of the-stack-github-issues (``action``, ``author``,
   ``text``, ``type``, ...).

Title and body form the opener's turn; every comment is a turn.
"""

from __future__ import annotations

from typing import Any

from cleaner import reasons
from cleaner.readers.base import ReadError, UnitRef, as_id, need, want
from cleaner.readers.roles import is_bot, thread_role
from cleaner.record import Markup, Record, Role, Turn

FORMAT = "github"


def opener_text(title: str | None, body: str | None) -> str:
    parts = [p for p in ((title or "").strip(), body or "") if p.strip()]
    return "\n\n".join(parts)


def parse_github(obj: dict[str, Any], ref: UnitRef) -> Record:
    if "events" in obj:
        return _parse_events(obj, ref)
    return _parse_rest(obj, ref)


def _login(obj: dict[str, Any], where: str) -> tuple[str | None, str | None]:
    user = want(obj, "user", dict, where)
    if user is None:
        return None, None
    return want(user, "login", str, where + "user."), want(user, "type", str, where + "user.")


def _parse_rest(obj: dict[str, Any], ref: UnitRef) -> Record:
    if "title" not in obj and "body" not in obj:
        raise ReadError(reasons.MISSING_FIELD, "GitHub issue needs 'title' or 'body'")
    title = want(obj, "title", str)
    body = want(obj, "body", str)
    opener, opener_type = _login(obj, "")
    comments = want(obj, "comments", list, default=[])
    turns = [
        Turn(
            Role.BOT if is_bot(opener, opener_type) else Role.OPENER,
            opener_text(title, body),
            opener,
            Markup.MARKDOWN,
        )
    ]
    for i, c in enumerate(comments):
        where = f"comments[{i}]."
        if not isinstance(c, dict):
            raise ReadError(reasons.WRONG_TYPE, f"{where[:-1]} must be an object, got {type(c).__name__}")
        text = need(c, "body", str, where)
        login, acct = _login(c, where)
        assoc = want(c, "author_association", str, where)
        turns.append(Turn(thread_role(login, opener, assoc, acct), text, login, Markup.MARKDOWN))
    meta = {
        k: obj[k]
        for k in ("number", "html_url", "repository_url", "state", "created_at", "author_association")
        if k in obj and obj[k] is not None
    }
    labels = obj.get("labels")
    if isinstance(labels, list):
        meta["labels"] = [lb.get("name") if isinstance(lb, dict) else lb for lb in labels]
    return Record(as_id(obj.get("id")) or ref.fallback_id, "github", FORMAT, turns, meta)


def _parse_events(obj: dict[str, Any], ref: UnitRef) -> Record:
    events = need(obj, "events", list)
    title = want(obj, "title", str)
    turns: list[Turn] = []
    opener: str | None = None
    for i, ev in enumerate(events):
        where = f"events[{i}]."
        if not isinstance(ev, dict):
            raise ReadError(reasons.WRONG_TYPE, f"{where[:-1]} must be an object, got {type(ev).__name__}")
        text = want(ev, "text", str, where, default="")
        author = want(ev, "author", str, where)
        is_opening = ev.get("action") == "opened" and not turns
        if is_opening:
            opener = author
            ev_title = want(ev, "title", str, where) or title
            turns.append(
                Turn(
                    Role.BOT if is_bot(author) else Role.OPENER,
                    opener_text(ev_title, text),
                    author,
                    Markup.MARKDOWN,
                )
            )
        elif text.strip():
            turns.append(Turn(thread_role(author, opener), text, author, Markup.MARKDOWN))
    if not turns:
        raise ReadError(reasons.MISSING_FIELD, "GitHub events thread has no event with text")
    meta = {
        k: obj[k]
        for k in ("repo", "org", "issue_number", "bot_issue", "modified_by_bot")
        if k in obj and obj[k] is not None
    }
    if obj.get("pull_request"):
        meta["pull_request"] = True
    rid = as_id(obj.get("issue_id")) or as_id(obj.get("id")) or ref.fallback_id
    return Record(rid, "github", FORMAT, turns, meta)
