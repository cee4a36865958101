"""Context rules a lexicon entry can ask for, checked on the normalized text.

Each rule answers one question about a candidate hit ``t[s:e]`` and exists
because of a measured collision with developer text (see lexicons/README.md):

- ``stem``: English inflections count as the word (fuck -> fucking, fucked,
  fucker; shit -> shitty); without it the hit must end at a word boundary.
- ``zh_near``: a Latin abbreviation from Chinese slang (sb, nmsl, cnm, tmd)
  counts only next to Chinese characters and never as part of code:
  ``你是sb吗`` yes; ``USB``, ``sb.append(x)``, ``Windows NT`` no.
- ``zh_clause_end``: a short Chinese command or interjection (滚, 爬, 艹, 我靠)
  counts only where the clause ends after it or a particle follows
  (``滚！``, ``滚吧``), never when another character continues a word
  (``滚动条``, ``我靠自己``).
- ``asserted``: a mild English insult (stupid, dumb, idiot, stupid question)
  counts only when it is asserted, not denied or self-aimed: ``not stupid at
  all``, ``there are no stupid questions``, ``don't feel dumb``, ``I'm such an
  idiot`` and ``sorry if this is a stupid question`` are the kind replies and
  self-deprecating openers of forum threads, which the policy would otherwise
  cut out of a helpful answer ("There are no questions here").
- ``vented``: a frustration phrase (wasted three days, fed up, sick of this)
  counts as the speaker's own venting, not as sympathy or an apology in the
  same clause: ``I'm sorry you wasted three days on this``, ``sorry to hear
  you're fed up``, ``I understand you're sick of it`` are a kind answer, which
  the policy would otherwise cut down to its second half.
- ``zh_not_self``: a Chinese brush-off (自己调试去) counts only when 我 does not
  stand before it in its clause: ``我先自己调试去`` is the speaker's plan.
- ``noun``: no context check; it tells the policy that the term names a
  person (idiot, asshole), so its whole clause goes, not the word alone:
  "Some idiot pushed to main again." would read "Some pushed to main again.",
  "Only losers use tabs." "Only use tabs.".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cleaner.lexicon.normalize import is_cjk

ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
STEM_SUFFIXES = ("ings", "ing", "ers", "ed", "er", "es", "in", "s", "y", "ty", "tier", "tiest")
PARTICLES = frozenset("啊吧呀吗啦哦呢嘛么哇呗咯")  # not 了: 球滚了 is "the ball rolled"
_CODE_BEFORE = frozenset(".$@#/\\-:")
_CODE_AFTER = frozenset("([=_/\\{<")
_GAP = frozenset(" ,!?;:~")  # after folding, ，！？；： are these


def stem_end(t: str, e: int) -> int | None:
    """End of the word if ``t[e:]`` starts with an inflection followed by a boundary."""
    for suf in STEM_SUFFIXES:
        j = e + len(suf)
        if t.startswith(suf, e) and (j >= len(t) or t[j] not in ASCII_WORD):
            return j
    return None


def zh_near(t: str, s: int, e: int) -> bool:
    prev = t[s - 1] if s > 0 else ""
    nxt = t[e] if e < len(t) else ""
    if prev in _CODE_BEFORE and prev:
        return False
    if prev == " " and s >= 2 and t[s - 2].isascii() and t[s - 2].isalpha():
        return False  # the second word of an English name: Windows NT, Sound Blaster SB
    if nxt and (nxt in _CODE_AFTER or (nxt in ".-:" and e + 1 < len(t) and t[e + 1].isalnum())):
        return False
    return _cjk_within(t, s - 1, -1) or _cjk_within(t, e, 1)


def _cjk_within(t: str, i: int, step: int) -> bool:
    """A Chinese character at ``i``, or just past one space or punctuation mark (mmp，又挂了)."""
    for _ in range(2):
        if not 0 <= i < len(t):
            return False
        if is_cjk(t[i]):
            return True
        if t[i] not in _GAP:
            return False
        i += step
    return False


def zh_clause_end(t: str, s: int, e: int) -> bool:
    last = t[e - 1]
    j = e
    while j < len(t) and t[j] == last:  # 滚滚 (three or more are folded already)
        j += 1
    return j >= len(t) or not is_cjk(t[j]) or t[j] in PARTICLES


# ``asserted``: how far before a hit it looks (characters), and the words it reads there.
LOOKBACK = 40
_NEGATORS = frozenset(
    """not never nothing none nobody hardly neither nor without cannot
    isn't aren't wasn't weren't don't doesn't didn't won't wouldn't shouldn't can't couldn't ain't
    isnt arent wasnt werent dont doesnt didnt wont wouldnt shouldnt cant couldnt aint""".split()  # noqa: SIM905
)
# Words that may stand between the deciding word and the hit: articles, degree words,
# copulas of a question frame ("this is a"), "feel" ("don't feel dumb"), "being".
# Not "be": "don't be stupid" is an insult.
_FILLERS = frozenset(
    """a an the so such too that this it it's its is was really pretty very totally completely
    quite kinda bit little at all feel felt feeling being""".split()  # noqa: SIM905
)
_SELF = frozenset({"i", "i'm", "im", "am", "me", "myself"})
# These excuse a question only: "this might be a stupid question", "my dumb question",
# "there are no stupid questions"; "you might be stupid", "my stupid boss" and
# "no stupid descriptions" stay insults.
_HEDGES = frozenset({"if", "maybe", "probably", "perhaps", "possibly", "no", "my"})
_MODALS = frozenset({"may", "might", "could"})
_MAX_FILLERS = 4
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\"\n]|\bbut\b")
_WORD = re.compile(r"[a-z']+")
_NEXT_QUESTION = re.compile(r" ?question")


def _clause_words(t: str, s: int) -> list[str]:
    """The words before ``s`` in its clause, at most LOOKBACK characters back."""
    before = t[max(0, s - LOOKBACK) : s]
    clause_start = 0
    for m in _CLAUSE_END.finditer(before):
        clause_start = m.end()
    return _WORD.findall(before, clause_start)


def asserted(t: str, s: int, e: int) -> bool:
    """Read back from the hit over at most four filler words; the first other word decides."""
    words = _clause_words(t, s)
    question = "question" in t[s:e] or _NEXT_QUESTION.match(t, e) is not None
    skipped = 0
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _FILLERS and skipped < _MAX_FILLERS:
            skipped += 1
            continue
        if w in _NEGATORS or w in _SELF:
            return False
        hedged = w in _HEDGES or (w == "be" and i > 0 and words[i - 1] in _MODALS)
        return not (question and hedged)
    return True


# ``vented``: words before a frustration phrase, in its clause, that make it someone else's.
_SYMPATHY = frozenset({"sorry", "hear", "understand", "sympathize", "sympathise", "empathize", "empathise"})


def vented(t: str, s: int, e: int) -> bool:
    """No sympathy or apology word before the phrase in its clause ("sorry you wasted three days")."""
    return _SYMPATHY.isdisjoint(_clause_words(t, s))


# ``zh_not_self``: how far back in its clause it looks for the speaker, and where a clause starts.
_ZH_SELF_LOOKBACK = 6
_ZH_CLAUSE_MARKS = frozenset("，。！？；：、,.!?;:\n")


def zh_not_self(t: str, s: int, e: int) -> bool:
    """No hit when 我 stands before it in its clause: 我先自己调试去 is the speaker's plan, not a brush-off."""
    i = s - 1
    while i >= 0 and s - i <= _ZH_SELF_LOOKBACK and t[i] not in _ZH_CLAUSE_MARKS:
        if t[i] == "我":
            return False
        i -= 1
    return True


RULES: dict[str, Callable[[str, int, int], bool] | None] = {
    # stem changes where the hit ends, so the matcher applies it itself.
    "stem": None,
    # noun checks nothing: the lexicon stage passes it on to the policy (span detail "noun").
    "noun": None,
    "zh_near": zh_near,
    "zh_clause_end": zh_clause_end,
    "asserted": asserted,
    "vented": vented,
    "zh_not_self": zh_not_self,
}
