"""Who is being quoted: the attribution line GitHub, mail clients and forums put before a quote.

The policy drops a quote of abuse together with the abuse (a reply that
quotes "you're an idiot" teaches the same thing), and uses the author to tell
a quote of the opener from a quote of the maintainer.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"[ \t]*(?:"
    r"On [^\n]{3,200}?,? (?P<mail>(?!at |[AaPp]\.?[Mm]\.? )[^,\n<\d]{1,80}?)(?: <?[^\s<>@]*@[^\s<>]*>?)? wrote:"
    r"|\*{0,2}@(?P<gh>[\w](?:[\w-]{0,38}))\*{0,2} (?:wrote|commented|said|replied)(?: [^\n:]{0,80})?:"
    r"|(?P<name>[\w.@-]{1,40}) (?:wrote|said|commented):"
    r"|引用\s*@?(?P<zh1>[^\s的:：]{1,40})\s*(?:的(?:回复|帖子|发言)|发表的)?\s*[:：]?"
    r"|@?(?P<zh2>[^\s:：]{1,40})\s*(?:写道|说)\s*[:：]"
    r"|回复\s*@(?P<zh3>[^\s:：]{1,40})\s*[:：]?"
    r")[ \t]*\r?$"
)


def attribution(line: str) -> str | None:
    """The quoted author if ``line`` is an attribution line, else None."""
    if len(line) > 300:
        return None
    m = _ATTRIBUTION.match(line)
    if m is None:
        return None
    for g in ("gh", "mail", "name", "zh1", "zh2", "zh3"):
        v = m.group(g)
        if v:
            return v.strip().lstrip("@")
    return None
