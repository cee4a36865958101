"""Make hostile input harmless to look at: control and bidi characters become visible symbols.

An escape sequence in a dead-letter line would otherwise drive the reviewer's
terminal (clear it, retitle it), and a right-to-left override would reorder
what the reviewer reads ("Trojan Source").  Shown as symbols, they are both
defused and noticed.
"""

from __future__ import annotations

_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_TABLE[0x7F] = "\u2421"
_TABLE.update({c: f"\u27e8U+{c:04X}\u27e9" for c in range(0x80, 0xA0)})
_TABLE.update({c: f"\u27e8U+{c:04X}\u27e9" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)})


def visible(text: str) -> str:
    return text.translate(_TABLE)
