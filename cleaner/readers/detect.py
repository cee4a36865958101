"""Which input family a file holds: decided per file, from its name and first records.

Detection is a guess made once per file, never per line, so one odd record
cannot flip a file's format; ``--format`` overrides it.
"""

from __future__ import annotations

from typing import Any

from cleaner.readers.chat import chat_flavour

FORMATS = ("github", "stackexchange", "forum", "chat")


def format_from_name(path: str) -> str | None:
    name = path.lower()
    if name.endswith((".xml", ".xml.gz")):
        return "stackexchange"
    return None


def format_of_object(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    if chat_flavour(obj):
        return "chat"
    if "events" in obj or ("comments" in obj and ("user" in obj or "number" in obj)):
        return "github"
    if "user" in obj and "author_association" in obj:
        return "github"
    if "replies" in obj or ("title" in obj and "body" in obj):
        return "forum"
    return None
