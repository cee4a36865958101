"""Hypothesis strategies: Markdown and HTML documents that mix code and prose.

Each strategy draws a document and the code pieces it put in, so tests can
check that every piece comes out inside code, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

WORDS = st.sampled_from(
    [
        "the",
        "build",
        "fails",
        "when",
        "I",
        "run",
        "it",
        "this",
        "is",
        "stupid",
        "RTFM",
        "wtf",
        "why",
        "does",
        "not",
        "work",
        "again",
        "e.g.",
        "setup.py",
        "3.11",
        "https://x.io/a?b=1",
        "这个",
        "函数",
        "傻逼",
        "报错",
        "了",
        "怎么",
        "办",
        "fix",
        "please",
    ]
)
ENDS = st.sampled_from([".", "?", "!", "。", "？", "！", "；", "", "..."])
CODE_CHARS = st.text(alphabet="abcxyz_()[]{};=+-*/<>&'\"#$ 0123456789", min_size=1, max_size=20)


@dataclass
class Doc:
    text: str
    code: list[str]  # code pieces the generator put in, in order


@st.composite
def sentence(draw: st.DrawFn, inline: bool = True) -> tuple[str, list[str]]:
    words = draw(st.lists(WORDS, min_size=1, max_size=8))
    code: list[str] = []
    if inline and draw(st.booleans()):
        ticks = "`" * draw(st.integers(1, 3))
        body = draw(CODE_CHARS).replace("`", "")
        piece = f"{ticks} {body} {ticks}" if body.strip() else f"{ticks}x{ticks}"
        words.insert(draw(st.integers(0, len(words))), piece)
        code.append(piece)
    return " ".join(words) + draw(ENDS), code


@st.composite
def paragraph(draw: st.DrawFn, inline: bool = True) -> tuple[str, list[str]]:
    parts = draw(st.lists(sentence(inline), min_size=1, max_size=4))
    return " ".join(p for p, _ in parts), [c for _, cs in parts for c in cs]


@st.composite
def code_lines(draw: st.DrawFn) -> list[str]:
    lines = draw(st.lists(CODE_CHARS, min_size=0, max_size=5))
    # a code line never starts with a fence char, so it cannot close the fence
    return ["x" + ln.replace("`", "'").replace("~", "-") for ln in lines]


@st.composite
def fence(draw: st.DrawFn, indent: str = "", quote: str = "") -> tuple[str, list[str]]:
    ch = draw(st.sampled_from("`~"))
    n = draw(st.integers(3, 5))
    info = draw(st.sampled_from(["", "python", "js title=x", "c++"]))
    body = draw(code_lines())
    closer = ch * draw(st.integers(n, n + 2))
    lines = [ch * n + info, *body, closer]
    block = "\n".join(quote + indent + ln for ln in lines)
    return block, [block]


@st.composite
def markdown_doc(draw: st.DrawFn) -> Doc:
    blocks: list[str] = []
    code: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(
                ["para", "fence", "quote", "quote_fence", "list", "list_fence", "indented", "pre"]
            )
        )
        if kind == "para":
            t, c = draw(paragraph())
        elif kind == "fence":
            t, c = draw(fence())
        elif kind == "quote":
            p, c = draw(paragraph())
            t = "> " + p
        elif kind == "quote_fence":
            t, c = draw(fence(quote="> "))
        elif kind == "list":
            items = draw(st.lists(paragraph(), min_size=1, max_size=3))
            t = "\n".join("- " + p for p, _ in items)
            c = [x for _, cs in items for x in cs]
        elif kind == "list_fence":
            p, c0 = draw(paragraph(inline=False))
            f, c = draw(fence(indent="   "))
            t = "1. " + p + "\n" + f
            c = c0 + c
        elif kind == "indented":
            body = draw(code_lines()) or ["x = 1"]
            t = "\n".join("    " + ln for ln in body)
            c = [t]
            t = "Code:\n\n" + t  # a paragraph first: after a list the block would be the item's
        else:
            body = draw(code_lines())
            t = "<pre>\n" + "\n".join(body) + "\n</pre>"
            c = [t]
        blocks.append(t)
        code.extend(c)
    if draw(st.booleans()):  # a fence opened and never closed
        body = draw(code_lines())
        t = "```\n" + "\n".join(body)
        blocks.append(t)
        code.append(t)
    return Doc("\n\n".join(blocks) + draw(st.sampled_from(["", "\n"])), code)


ENTITY_TEXT = st.sampled_from(
    ["a &amp; b", "x &lt; y", "don&#39;t", "&quot;q&quot;", "plain", "傻逼 &gt;", "RTFM!"]
)


@st.composite
def html_doc(draw: st.DrawFn) -> Doc:
    parts: list[str] = []
    code: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "pre", "quote"]))
        if kind == "pre":
            body = "\n".join(draw(code_lines())).replace("<", "&lt;").replace(">", "&gt;")
            t = f"<pre><code>{body}\n</code></pre>"
            parts.append(t)
            code.append(t)
            continue
        words = draw(st.lists(ENTITY_TEXT, min_size=1, max_size=5))
        if draw(st.booleans()):
            tag = draw(st.sampled_from(["code", "kbd", "samp"]))
            inner = draw(CODE_CHARS).replace("<", "&lt;").replace(">", "&gt;").replace("&", "&amp;")
            piece = f"<{tag}>{inner}</{tag}>"
            words.insert(draw(st.integers(0, len(words))), piece)
            code.append(piece)
        body = " ".join(words) + draw(ENDS)
        t = f"<p>{body}</p>"
        parts.append(f"<blockquote>{t}</blockquote>" if kind == "quote" else t)
    return Doc("\n".join(parts), code)
