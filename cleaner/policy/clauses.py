"""Clauses and words inside one sentence's scoring text.

Neutralizing removes the smallest unit that carries the abuse: the matched
words for an intensifier ("this fucking function"), the clause around an
insult ("你这个SB需求改来改去，把第3行…").  These helpers find those units in
``Sentence.text`` coordinates and tidy the whitespace and punctuation that a
removal would otherwise leave behind.
"""

from __future__ import annotations

import re

from cleaner.lexicon.words import chinese_words_weight
from cleaner.segment.types import CODE_PLACEHOLDER

_SEP = re.compile(r"[,，;；:：、]+\s*|\s+[-–—]+\s+")
_TERMINAL = re.compile(r"[.!?。！？…~～]+[\"'”’)）]*\s*$")
_SPACE = " \t"
_CLAUSE_END = set(",，;；:：、.!?。！？…~～)）\"'”’")
# A word addressed at the reader ("you idiot", "are you fucking blind") is an
# insult aimed at someone: its whole clause goes, not just the word.
_ADDRESSED = re.compile(r"\b(you|your|you're|youre|u|ur|ya)\W+(\w+\W+)?$|你(这个?|们|真是|就是|是)?\s*$", re.I)
_WH = re.compile(r"(what|why|how|where|who|when)\b\s*", re.I)


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause ranges ``[a, b)``; each includes its trailing separator."""
    out, pos = [], 0
    for m in _SEP.finditer(text):
        if m.end() > pos:
            out.append((pos, m.end()))
            pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def clause_at(text: str, i: int, j: int) -> tuple[int, int]:
    """The clause(s) covering ``[i, j)``, tidied so the sentence still reads."""
    cs = clauses(text)
    a = next((c[0] for c in cs if c[0] <= i < c[1]), i)
    b = next((c[1] for c in cs if c[0] < j <= c[1]), j)
    if b == len(text):
        # Last clause: keep the sentence's terminal punctuation, take the separator before it.
        m = _TERMINAL.search(text, a)
        if m and m.start() > a:
            b = m.start()
        if a > 0:
            k = a
            while k > 0 and (text[k - 1] in _SPACE or _SEP.match(text, k - 1)):
                k -= 1
            a = k
    return a, b


def word_at(text: str, i: int, j: int) -> tuple[int, int]:
    """The matched words plus one side's whitespace, so no double space is left."""
    if j < len(text) and text[j] in _SPACE:
        while j < len(text) and text[j] in _SPACE:
            j += 1
    elif i > 0 and text[i - 1] in _SPACE:
        while i > 0 and text[i - 1] in _SPACE:
            i -= 1
    return i, j


_YOU_FIRST = re.compile(r"(you|your|you're|u|ur)\b|你", re.I)
_YOU_IN = re.compile(r"\b(you|your|you're)\b", re.I)
_COPULA = re.compile(r"\b(is|are|was|were|be|been|being|so|too|very|really|not|that's|it's|its|you're)\s+$", re.I)


def is_addressed(text: str, i: int, j: int | None = None) -> bool:
    """Aimed at the reader: "you idiot", "are you fucking blind", or a matched phrase with "you" in it."""
    if j is not None and (_YOU_FIRST.match(text, i, j) or _YOU_IN.search(text, i, j)):
        return True
    return bool(_ADDRESSED.search(text[max(0, i - 24) : i]))


# An article (or every, no) before the hit, at most one word between ("a total dick"),
# and after it no noun for the hit to modify (the end, punctuation other than inline
# code, or a function word): the hit is the noun itself, and removing the word alone
# leaves "Only an would write this." ("This shit is slow" keeps its word: "this"
# stands alone as "This is slow".)  In Chinese, a measure word (个, 这个, 这帮, ...) or
# 别 right before the hit: "这个傻x 又提了…" would leave "这个又提了…", "别扯淡了" "别了"
# (not 这种: "这种弱智八股" is "this kind of stupid question", an adjective).
_DETERMINER = re.compile(r"\b(a|an|the|every|no)\s+(?:[a-z]+\s+)?$", re.I)
_ZH_DETERMINER = re.compile(r"(这个|那个|这位|那位|这帮|那帮|这群|那群|个|别)\s*$")
_NO_NOUN_AFTER = re.compile(
    rf"\s*(?:$|(?!{re.escape(CODE_PLACEHOLDER)})[^\w\s]|(?:would|could|should|will|can|may|might|must|who|whom"
    r"|whose|that|which|is|are|was|were|has|have|had|does|did|do|in|on|at|of|for|with|and|or|but|to|from|by"
    r"|like|here|there|again|ever|about|into|onto|over|under|after|before|since|than|as|if|when|because|so"
    r"|then|around|all)\b)",
    re.I,
)


def is_noun_head(text: str, i: int, j: int) -> bool:
    """The hit is the noun a determiner introduces: "Only an idiot would…", "the moron who wrote this"."""
    before = text[max(0, i - 24) : i]
    if _ZH_DETERMINER.search(before):
        return True
    return bool(_DETERMINER.search(before)) and bool(_NO_NOUN_AFTER.match(text, j))


_ARTICLE = re.compile(r"\b(a|an|A|An)\s+$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]\w*)")
_VOWEL_SOUND = re.compile(r"[aeio]|u(?:n(?!i)|p|g|l|m)", re.I)


def article_fix(text: str, i: int, j: int) -> tuple[int, int, str] | None:
    """Removing ``[i, j)`` from "a stupid idea" leaves "a idea": the article to write instead, or None.

    ``(start, end, replacement)`` of the article before ``i``, when the word
    after ``j`` wants the other one (by its first letters: an idea, an
    undefined, a user, a unique).
    """
    m = _ARTICLE.search(text[max(0, i - 4) : i])
    nxt = _NEXT_WORD.match(text, j)
    if m is None or nxt is None:
        return None
    start = max(0, i - 4) + m.start(1)
    article = m.group(1)
    want = "an" if _VOWEL_SOUND.match(nxt.group(1)) else "a"
    if article.lower() == want:
        return None
    return start, start + len(article), want.capitalize() if article[0].isupper() else want


# "is a stupid idea;", "that's a dumb default." : a copula and an article before the hit,
# one word and the clause's end after it.  The clause says nothing but the verdict,
# and without its adjective it says the opposite ("Using eval here is an idea").
_COPULA_ARTICLE = re.compile(r"\b(is|are|was|were|be|that's|it's|this's)\s+(a|an|such an?)\s+$", re.I)
_ONE_WORD_THEN_END = re.compile(r"\s+\w+[ \t]*(?:$|[,，;；:：.!?。！？)）])")


def is_predicate(text: str, i: int, j: int) -> bool:
    """The word is what the clause says: "that's bullshit," / "your tests are crap." / "don't be stupid about it"."""
    k = j
    while k < len(text) and text[k] in _SPACE:
        k += 1
    if k == len(text) or text[k] in _CLAUSE_END or _COPULA.search(text[max(0, i - 12) : i]):
        return True
    return bool(_COPULA_ARTICLE.search(text[max(0, i - 16) : i])) and bool(_ONE_WORD_THEN_END.match(text, j))


def wh_prefix(text: str, i: int, j: int) -> int:
    """Length of a leading wh-word in ``text[i:j]`` ("What the fuck is x" keeps "What")."""
    m = _WH.match(text, i, j)
    return m.end() - i if m and m.end() < j else 0


def merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        elif a < b:
            out.append((a, b))
    return out


def remainder(text: str, removed: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for a, b in merge(removed):
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def content_words(text: str, placeholder: str, chinese_words: bool = True) -> float:
    """How much meaning is left: ASCII words count 1; Chinese is counted in jieba's words.

    A Chinese word of two or more characters counts one and a half (Chinese
    says with two words what English says with three: 先看日志 / "check the
    logs first", having no articles), a one-character word one (mostly
    particles, pronouns and light verbs: 好吧 stays a fragment, like "okay
    then").  Counting half a word per character instead dropped the advice
    left after 傻逼，先看日志 with the insult.  ``chinese_words=False`` keeps
    that stricter count, for a remainder cut out of the middle of a clause
    (这头像是[…]吧), which is far more often a fragment.
    """
    text = text.replace(placeholder, " ")
    n = float(len(_ASCII_WORD.findall(text)))
    for run in _CJK_RUN.findall(text):
        n += chinese_words_weight(run) if chinese_words else 0.5 * len(run)
    return n


_WORDISH = re.compile(r"[A-Za-z0-9_\u3400-\u9fff]")


def cuts_inside_clause(text: str, removed: list[tuple[int, int]]) -> bool:
    """Whether some clause both loses words to ``removed`` and keeps some."""
    for a, b in clauses(text):
        inside = [(max(i, a) - a, min(j, b) - a) for i, j in removed if i < b and j > a]
        if inside and _WORDISH.search(remainder(text[a:b], inside)):
            return True
    return False
