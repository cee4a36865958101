"""Markdown (and plain text) into code and prose: a linear line scanner.

Why not markdown-it-py on the hot path: it parses developer posts at about
0.5 MB/s (pure Python, full token tree), a third of the whole job's budget.
This scanner follows CommonMark/GFM only where code is decided (fences of
``` and ~~~ of any length with the closing rules, indented blocks, fences
inside blockquotes and list items, ``<pre>`` HTML blocks) and is tested
against markdown-it-py as the oracle (tests/cleaner/segment/test_oracle.py).
Where it cannot be exact it errs towards code: an unclosed fence runs to the
end of its container, a blank line never closes a fence, so a disagreement
can only keep prose, never expose code to deletion.

Plain text goes through the same scanner with HTML blocks and headings off:
a chat turn labelled plain that still holds a ``` fence or backticks keeps
them as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cleaner.segment.builder import SegmentBuilder
from cleaner.segment.codelines import classify_lines, find_regions
from cleaner.segment.html import segment_html
from cleaner.segment.inline import code_spans
from cleaner.segment.quotes import attribution
from cleaner.segment.types import Kind, Segment

_BLOCK_START = frozenset(" \t\r>-*+#`~<|_=0123456789")
_QUOTE = re.compile(r"(?:[ ]{0,3}>[ ]?)+")
_LIST = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_HR = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\r?$")
_SETEXT = re.compile(r"[ ]{0,3}(?:-+|=+)[ \t]*\r?$")  # underline: the paragraph above is a heading
_TABLE_DELIM = re.compile(r"[ ]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*\r?$")
_PRE_OPEN = re.compile(r"[ ]{0,3}<pre(?:[\s>]|$)", re.IGNORECASE)
_COMMENT_OPEN = re.compile(r"[ ]{0,3}<!--")
# CommonMark HTML block, type 6: these tags start a block that ends at a blank line.
_HTML_BLOCK_OPEN = re.compile(
    r"[ ]{0,3}</?(?:address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
    r"dir|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hr|html|iframe|legend|li|"
    r"main|menu|nav|ol|optgroup|option|p|section|summary|table|tbody|td|tfoot|th|thead|title|tr|ul)"
    r"(?:[\s/>]|$)",
    re.IGNORECASE,
)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w-]{0,30}(?:\s[^<>\n]{0,300})?/?>")


@dataclass(frozen=True, slots=True)
class Profile:
    html_blocks: bool = True
    headings: bool = True
    inline_tags: bool = True


MARKDOWN = Profile()
PLAIN = Profile(html_blocks=False, headings=False, inline_tags=False)


@dataclass(slots=True)
class _Block:
    first: int
    last: int  # inclusive
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Lines:
    """Per-line facts the scanner establishes (parallel lists, one entry per line)."""

    starts: list[int]
    ends: list[int]  # end of each line, its newline included (the next line's start)
    lines: list[str]
    code: list[int]  # index into blocks, or -1
    prefix: list[int]  # length of the markup prefix (quote / list / heading markers)
    depth: list[int]  # quote depth (lazy continuation lines inherit it)
    brk: list[bool]  # line opens a new block (sentences never run across it)
    markup_line: list[bool]  # the whole line is markup (hr, table delimiter, html comment)


def segment_markdown(text: str, profile: Profile = MARKDOWN) -> list[Segment]:
    lines = text.split("\n")
    starts = [0] * len(lines)
    pos = 0
    for i, ln in enumerate(lines):
        starts[i] = pos
        pos += len(ln) + 1
    st = _Lines(
        starts,
        [*starts[1:], len(text)],
        lines,
        [-1] * len(lines),
        [0] * len(lines),
        [0] * len(lines),
        [False] * len(lines),
        [False] * len(lines),
    )
    blocks = _scan_blocks(st, profile)
    _unfenced(st, blocks)
    return _emit(text, st, blocks, profile)


# ---------------------------------------------------------------- block scan


@cache
def _quote_strip(depth: int) -> re.Pattern[str]:
    return re.compile(rf"(?:[ ]{{0,3}}>[ ]?){{{depth}}}")


def _indent(s: str, col0: int = 0) -> int:
    """Width of the leading whitespace of ``s`` when it starts at column ``col0`` (tabs stop every 4)."""
    n = col0
    for c in s:
        if c == " ":
            n += 1
        elif c == "\t":
            n += 4 - n % 4
        else:
            break
    return n - col0


def _scan_blocks(st: _Lines, profile: Profile) -> list[_Block]:
    blocks: list[_Block] = []
    lines = st.lines
    n = len(lines)
    list_cols: list[int] = []
    prev_para = False  # previous line is paragraph text (indented code cannot interrupt it)
    prev_depth = 0
    i = 0
    while i < n:
        line = lines[i]
        if line and line[0] not in _BLOCK_START:
            # Fast path for the common line: one that starts with none of the
            # chars that open a block (marker, fence, quote, heading, indent, tag).
            list_cols.clear()
            lazy = prev_para and prev_depth > 0
            st.depth[i] = prev_depth if lazy else 0
            st.brk[i] = not prev_para or (prev_depth != 0 and not lazy)
            prev_para = True
            prev_depth = st.depth[i]
            i += 1
            continue
        qm = _QUOTE.match(line)
        depth = line[: qm.end()].count(">") if qm else 0
        qlen = qm.end() if qm else 0
        rest = line[qlen:]
        blank = not rest.strip()
        if blank:
            st.depth[i] = depth
            st.prefix[i] = qlen
            prev_para = False
            prev_depth = depth
            i += 1
            continue
        ind = _indent(rest)
        lazy_in_item = bool(list_cols) and ind < list_cols[-1]  # may be a lazy paragraph line
        while list_cols and ind < list_cols[-1]:
            list_cols.pop()
        col = list_cols[-1] if list_cols else 0
        content_at = 0  # offset in rest where the block's own content starts
        marker_brk = False
        lm = _LIST.match(rest)
        if lm and ind - col < 4 and not _HR.match(rest) and not (prev_para and _cannot_interrupt(rest, lm)):
            spaces = _indent(lm.group(3), qlen + len(lm.group(1)) + len(lm.group(2))) if lm.group(3) else 0
            width = len(lm.group(2)) + (spaces if 1 <= spaces <= 4 else 1)
            item_col = ind + width
            list_cols.append(item_col)
            content_at = lm.end() if 1 <= spaces <= 4 else lm.end(2) + min(len(lm.group(3)), 1)
            col = item_col
            ind = item_col + _indent(rest[content_at:])
            marker_brk = True
            # "- > quoted": a quote inside the item
            qm2 = _QUOTE.match(rest, content_at) if rest.startswith(">", content_at) else None
            if qm2 is not None:
                depth += rest[content_at : qm2.end()].count(">")
                qlen += qm2.end()  # the marker and the quote prefix
                rest = rest[qm2.end() :]
                content_at = 0
                ind = col + _indent(rest, qlen)
        body = rest[content_at:]
        rel = ind - col
        fm = _FENCE.match(body) if rel < 4 else None
        if fm and not (fm.group(2)[0] == "`" and "`" in fm.group(3)):
            last = _fence_end(st, i, depth, col, fm.group(2))
            info = {"fence": fm.group(2)}
            lang = fm.group(3).strip().split(" ", 1)[0]
            if lang:
                info["lang"] = lang
            if last == i or not _closes(lines[last], depth, col, fm.group(2)):
                info["unclosed"] = True
            blocks.append(_Block(i, last, info))
            i = _mark(st, i, last, len(blocks) - 1, depth)
            prev_para = False
            continue
        if rel >= 4 and (not prev_para or marker_brk):
            last = _indented_end(st, i, depth, col)
            blocks.append(_Block(i, last, {"indented": True}))
            i = _mark(st, i, last, len(blocks) - 1, depth)
            prev_para = False
            continue
        if profile.html_blocks and rel < 4 and _PRE_OPEN.match(body):
            last = _until(st, i, "</pre>")
            blocks.append(_Block(i, last, {"html": "pre"}))
            i = _mark(st, i, last, len(blocks) - 1, depth)
            prev_para = False
            continue
        if profile.html_blocks and rel < 4 and _HTML_BLOCK_OPEN.match(body):
            last = _until_blank(st, i)
            blocks.append(_Block(i, last, {"html": "block"}))
            i = _mark(st, i, last, len(blocks) - 1, depth)
            continue
        if profile.html_blocks and rel < 4 and _COMMENT_OPEN.match(body):
            last = _until(st, i, "-->")
            for k in range(i, last + 1):
                st.markup_line[k] = True
                st.brk[k] = True
                st.depth[k] = depth
            i = last + 1
            prev_para = False
            continue
        # a paragraph-ish line
        lazy = depth == 0 and prev_para and prev_depth > 0 and not marker_brk
        st.depth[i] = prev_depth if lazy else depth
        prefix = qlen + content_at
        brk = marker_brk or not prev_para or depth != prev_depth and not lazy
        if (
            _HR.match(body)
            or _TABLE_DELIM.match(body)
            or (prev_para and depth == prev_depth and not lazy_in_item and _SETEXT.match(body))
        ):
            st.markup_line[i] = True
            brk = True
            prev_para = False
        else:
            if profile.headings and "#" in body[:4]:
                hm = _HEADING.match(body)
                if hm:
                    prefix += hm.end()
                    brk = True
            # a heading is a block of one line: what follows starts anew
            prev_para = not brk or not (profile.headings and "#" in body[:4] and _HEADING.match(body))
        st.prefix[i] = prefix
        st.brk[i] = brk
        prev_depth = st.depth[i]
        i += 1
    return blocks


def _cannot_interrupt(rest: str, lm: re.Match[str]) -> bool:
    """CommonMark: an empty item, or an ordered one not numbered 1, cannot interrupt a paragraph."""
    marker = lm.group(2)
    return not rest[lm.end() :].strip() or (marker[0].isdigit() and marker[:-1] != "1")


def _mark(st: _Lines, first: int, last: int, block: int, depth: int) -> int:
    for k in range(first, last + 1):
        st.code[k] = block
        st.depth[k] = depth
    if last + 1 < len(st.lines):
        st.brk[last + 1] = True
    return last + 1


def _closes(line: str, depth: int, col: int, fence: str) -> bool:
    rest = line
    if depth:
        m = _quote_strip(depth).match(line)
        if m is None:
            return False
        rest = line[m.end() :]
    s = rest.rstrip(" \t\r")
    ind = _indent(s)
    if ind - col > 3:
        return False
    body = s.lstrip(" \t")
    ch = fence[0]
    return len(body) >= len(fence) and body.count(ch) == len(body)


def _fence_end(st: _Lines, i: int, depth: int, col: int, fence: str) -> int:
    """Last line of a fence opened on line ``i``: its closing line, or the last line of its container."""
    lines = st.lines
    n = len(lines)
    strip = _quote_strip(depth) if depth else None
    ch = fence[0]
    last = i
    for k in range(i + 1, n):
        line = lines[k]
        if not line.strip():
            continue  # a blank line never ends a fence here (see module docstring)
        rest = line
        if strip is not None:
            m = strip.match(line)
            if m is None:
                return last
            rest = line[m.end() :]
        if col:
            if _indent(rest) < col:
                return last  # the list item ends, and the fence with it
        elif rest.lstrip(" ")[:1] != ch:
            # Outside a list a closer starts with the fence char after at most
            # three spaces (a tab already indents 4): most code lines stop here.
            last = k
            continue
        if _closes(line, depth, col, fence):
            return k
        last = k
    return n - 1


def _indented_end(st: _Lines, i: int, depth: int, col: int) -> int:
    lines = st.lines
    strip = _quote_strip(depth) if depth else None
    last = i
    for k in range(i + 1, len(lines)):
        line = lines[k]
        rest = line
        if strip is not None:
            m = strip.match(line)
            if m is None:
                break
            rest = line[m.end() :]
        if not rest.strip():
            continue
        if _indent(rest) - col >= 4:
            last = k
        else:
            break
    return last


def _until_blank(st: _Lines, i: int) -> int:
    lines = st.lines
    for k in range(i + 1, len(lines)):
        if not lines[k].strip():
            return k - 1
    return len(lines) - 1


def _until(st: _Lines, i: int, closer: str) -> int:
    lines = st.lines
    if closer in lines[i].lower()[4:]:
        return i
    for k in range(i + 1, len(lines)):
        if closer in lines[k].lower():
            return k
    return len(lines) - 1


# ------------------------------------------------------------ unfenced code


def _unfenced(st: _Lines, blocks: list[_Block]) -> None:
    """Turn runs of prose lines that the line classifier calls code into code blocks."""
    n = len(st.lines)
    i = 0
    new: list[_Block] = []
    while i < n:
        if st.code[i] >= 0:
            i += 1
            continue
        j = i
        while j < n and st.code[j] < 0:
            j += 1
        contents = [
            "" if st.markup_line[k] else st.lines[k][st.prefix[k] :] if st.prefix[k] else st.lines[k]
            for k in range(i, j)
        ]
        for r in find_regions(classify_lines(contents), contents):
            new.append(_Block(i + r.first, i + r.last, {"detector": r.detector}))
        i = j
    for b in new:
        blocks.append(b)
        _mark(st, b.first, b.last, len(blocks) - 1, st.depth[b.first])
        if b.first < n:
            st.brk[b.first] = True


# --------------------------------------------------------------------- emit


def _emit(text: str, st: _Lines, blocks: list[_Block], profile: Profile) -> list[Segment]:
    out = SegmentBuilder(text)
    n = len(st.lines)
    quote_info: dict[str, Any] = {}
    i = 0
    while i < n:
        b = st.code[i]
        if b >= 0:
            blk = blocks[b]
            end = st.ends[blk.last]
            if blk.info.get("html") == "block":
                # raw HTML (a <details> from a bot, a <p> with a <code>): read it as HTML
                base = out.pos
                for seg in segment_html(text[base:end]):
                    out.add(seg.kind, base + seg.end, seg.info)
            else:
                out.add(Kind.CODE_BLOCK, end, blk.info)
            i = blk.last + 1
            continue
        if st.depth[i] > 0 and (i == 0 or st.depth[i - 1] == 0 or st.code[i - 1] >= 0):
            quote_info = _quote_info(st, i)
        # one paragraph: inline code never crosses a blank line or a new block
        blank = not st.lines[i][st.prefix[i] :].strip()
        j = i + 1
        if not blank:
            while (
                j < n
                and st.code[j] < 0
                and not st.brk[j]
                and (st.depth[j] > 0) == (st.depth[i] > 0)
                and st.lines[j][st.prefix[j] :].strip()
            ):
                j += 1
        _emit_prose(text, st, i, j, out, profile, quote_info if st.depth[i] > 0 else {})
        i = j
    return out.build()


def _emit_prose(
    text: str, st: _Lines, i: int, j: int, out: SegmentBuilder, profile: Profile, info: dict[str, Any]
) -> None:
    """Lines ``[i, j)``: markup prefixes, prose (or quote) content, inline code."""
    kind = Kind.QUOTE if st.depth[i] > 0 else Kind.PROSE
    start = st.starts[i]
    end = st.ends[j - 1]
    spans = code_spans(text, start, end)
    tags = (
        list(_TAG.finditer(text, start, end))
        if profile.inline_tags and text.find("<", start, end) >= 0
        else []
    )
    if not spans and not tags and not any(st.prefix[i:j]) and not any(st.markup_line[i:j]):
        out.add(kind, end, info)  # the common paragraph: plain text, however many lines
        return
    si = ti = 0
    for k, ps, pe, pk in _pieces(text, st, i, j, kind):
        if ps >= pe:
            continue
        pos = max(ps, out.pos)
        if pos >= pe:
            continue
        if pk is Kind.MARKUP:
            out.add(Kind.MARKUP, pe, {"break": True} if st.brk[k] else None)
            continue
        # overlay inline code spans and tags on this content piece
        while True:
            while si < len(spans) and spans[si][1] <= pos:
                si += 1
            while ti < len(tags) and tags[ti].end() <= pos:
                ti += 1
            nxt_code = spans[si] if si < len(spans) and spans[si][0] < pe else None
            nxt_tag = tags[ti] if ti < len(tags) and tags[ti].start() < pe else None
            if nxt_tag is not None and nxt_code is not None and nxt_code[0] <= nxt_tag.start():
                nxt_tag = None
            if nxt_code is not None:
                out.add(pk, max(pos, nxt_code[0]), info)
                out.add(Kind.INLINE_CODE, nxt_code[1])
                pos = nxt_code[1]
                si += 1
            elif nxt_tag is not None:
                out.add(pk, max(pos, nxt_tag.start()), info)
                out.add(Kind.MARKUP, nxt_tag.end())
                pos = nxt_tag.end()
                ti += 1
            else:
                out.add(pk, pe, info)
                break
            if pos >= pe:
                break


def _pieces(text: str, st: _Lines, i: int, j: int, kind: Kind) -> list[tuple[int, int, int, Kind]]:
    """(line, start, end, kind) of the markup prefixes and contents of lines ``[i, j)``.

    Consecutive lines without a prefix form one piece: most paragraphs are a
    single piece, however many lines they wrap over.
    """
    out: list[tuple[int, int, int, Kind]] = []
    for k in range(i, j):
        ls = st.starts[k]
        le = st.ends[k]
        if st.markup_line[k]:
            out.append((k, ls, le, Kind.MARKUP))
            continue
        p = st.prefix[k]
        if p:
            out.append((k, ls, ls + p, Kind.MARKUP))
            out.append((k, ls + p, le, kind))
        elif out and out[-1][3] is kind and out[-1][2] == ls:
            out[-1] = (out[-1][0], out[-1][1], le, kind)
        else:
            out.append((k, ls, le, kind))
    return out


def _quote_info(st: _Lines, i: int) -> dict[str, Any]:
    k = i - 1
    while k >= 0 and not st.lines[k].strip():
        k -= 1
    if k >= 0 and st.depth[k] == 0 and st.code[k] < 0:
        who = attribution(st.lines[k])
        if who:
            s = st.starts[k]
            return {"author": who, "attribution": [s, s + len(st.lines[k])]}
    return {}
