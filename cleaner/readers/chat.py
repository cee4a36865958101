"""Chat-format SFT data: OpenAI ``messages``, ShareGPT ``conversations``, Alpaca."""

from __future__ import annotations

from typing import Any

from cleaner import reasons
from cleaner.readers.base import ReadError, UnitRef, as_id, need, want
from cleaner.record import Record, Role, Turn

FORMAT = "chat"

_OPENAI_ROLES = {
    "system": Role.SYSTEM,
    "developer": Role.SYSTEM,
    "user": Role.USER,
    "assistant": Role.ASSISTANT,
    "tool": Role.TOOL,
    "function": Role.TOOL,
}
_SHAREGPT_ROLES = {
    "system": Role.SYSTEM,
    "human": Role.USER,
    "user": Role.USER,
    "gpt": Role.ASSISTANT,
    "assistant": Role.ASSISTANT,
    "chatgpt": Role.ASSISTANT,
    "bing": Role.ASSISTANT,
    "bard": Role.ASSISTANT,
    "model": Role.ASSISTANT,
    "function_call": Role.ASSISTANT,
    "observation": Role.TOOL,
    "tool": Role.TOOL,
}


def chat_flavour(obj: dict[str, Any]) -> str | None:
    if "messages" in obj:
        return "messages"
    if "conversations" in obj:
        return "sharegpt"
    if "instruction" in obj and "output" in obj:
        return "alpaca"
    return None


def parse_chat(obj: dict[str, Any], ref: UnitRef) -> Record:
    flavour = chat_flavour(obj)
    if flavour == "messages":
        turns = _turns(need(obj, "messages", list), "messages", "role", "content", _OPENAI_ROLES)
    elif flavour == "sharegpt":
        turns = _turns(need(obj, "conversations", list), "conversations", "from", "value", _SHAREGPT_ROLES)
    elif flavour == "alpaca":
        instruction = need(obj, "instruction", str)
        extra = want(obj, "input", str, default="")
        prompt = f"{instruction}\n\n{extra}" if extra.strip() else instruction
        turns = [Turn(Role.USER, prompt), Turn(Role.ASSISTANT, need(obj, "output", str))]
    else:
        raise ReadError(
            reasons.MISSING_FIELD,
            "chat record needs 'messages' (OpenAI), 'conversations' (ShareGPT) or 'instruction'+'output' (Alpaca)",
        )
    if not turns:
        raise ReadError(reasons.MISSING_FIELD, f"chat record has an empty {flavour} list")
    meta: dict[str, Any] = {"chat_format": flavour}
    for k in ("source", "lang", "category", "system"):
        if isinstance(obj.get(k), str | int | float):
            meta[k] = obj[k]
    return Record(as_id(obj.get("id")) or ref.fallback_id, "chat", FORMAT, turns, meta)


def _turns(items: list[Any], field: str, role_key: str, text_key: str, roles: dict[str, Role]) -> list[Turn]:
    turns = []
    for i, m in enumerate(items):
        where = f"{field}[{i}]."
        if not isinstance(m, dict):
            raise ReadError(reasons.WRONG_TYPE, f"{where[:-1]} must be an object, got {type(m).__name__}")
        role_name = need(m, role_key, str, where)
        role = roles.get(role_name.strip().lower())
        if role is None:
            raise ReadError(
                reasons.WRONG_TYPE,
                f"{where}{role_key} {role_name!r} is not a known role ({', '.join(sorted(roles))})",
            )
        turns.append(Turn(role, _content(m, text_key, where), m.get("name") if isinstance(m.get("name"), str) else None))
    return turns


def _content(m: dict[str, Any], key: str, where: str) -> str:
    if key not in m:
        raise ReadError(reasons.MISSING_FIELD, f"missing field {where}{key!r}")
    value = m[key]
    if value is None:
        # OpenAI assistant messages that only call tools have content null.
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # OpenAI content parts
        parts = []
        for part in value:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
            elif isinstance(part, str):
                parts.append(part)
        return "\n".join(parts)
    raise ReadError(reasons.WRONG_TYPE, f"field {where}{key!r} must be a string or a list of parts")
