"""Stack Exchange ``Posts.xml``: one ``<row .../>`` per line, HTML bodies.

Rows are parsed one line at a time (the dumps are far too large for a DOM),
and answers are joined to their question by ``ParentId``.  The join itself
is a keyed operation: a CoGroupByKey in Beam, a dict in-process; this module
only supplies the pure pieces on either side of it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from cleaner import reasons
from cleaner.readers.base import ReadError, UnitRef
from cleaner.record import Markup, Record, Role, Turn

FORMAT = "stackexchange"
QUESTION = "1"
ANSWER = "2"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(slots=True)
class Post:
    id: str
    post_type: str
    ref: UnitRef
    body: str = ""
    title: str | None = None
    parent_id: str | None = None
    owner: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def thread_key(self) -> str:
        return self.parent_id if self.post_type == ANSWER and self.parent_id else self.id


def is_structural(line: str) -> bool:
    """The XML declaration and the ``<posts>`` wrapper are not units."""
    s = line.strip()
    return not s or s.startswith("<?xml") or s in ("<posts>", "</posts>")


def parse_row(line: str, ref: UnitRef) -> Post:
    s = line.strip()
    if not s.startswith("<row"):
        raise ReadError(reasons.BAD_XML, "expected a <row .../> element")
    try:
        el = etree.fromstring(s.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as e:
        raise ReadError(reasons.BAD_XML, f"malformed <row>: {e}") from None
    if el.tag != "row":
        raise ReadError(reasons.BAD_XML, f"expected a <row .../> element, got <{el.tag}>")
    a = dict(el.attrib)
    pid, ptype = a.get("Id"), a.get("PostTypeId")
    if not pid:
        raise ReadError(reasons.MISSING_FIELD, "row has no Id")
    if not ptype:
        raise ReadError(reasons.MISSING_FIELD, f"row {pid} has no PostTypeId")
    keep = ("CreationDate", "Score", "AcceptedAnswerId", "Tags", "ContentLicense", "ViewCount")
    return Post(
        id=pid,
        post_type=ptype,
        ref=ref,
        body=a.get("Body", ""),
        title=a.get("Title"),
        parent_id=a.get("ParentId"),
        owner=a.get("OwnerUserId") or a.get("OwnerDisplayName"),
        attrs={k: a[k] for k in keep if k in a},
    )


def _answer_order(p: Post) -> tuple[str, int]:
    return (p.attrs.get("CreationDate", ""), int(p.id) if p.id.isdigit() else 0)


def build_thread(key: str, posts: Iterable[Post]) -> tuple[Record | None, list[Post]]:
    """Join one question with its answers.

    Returns the thread record (None when the question is missing) and the
    posts that could not be placed (orphan answers), which the caller
    dead-letters.
    """
    questions = [p for p in posts if p.post_type == QUESTION and p.id == key]
    answers = sorted((p for p in posts if p.post_type == ANSWER), key=_answer_order)
    if not questions:
        return None, answers
    q = questions[0]
    title = q.title or ""
    # The title is prose; escaping keeps the turn valid HTML for the segmenter.
    text = f"<h1>{html.escape(title, quote=False)}</h1>\n{q.body}" if title else q.body
    turns = [Turn(Role.OPENER, text, q.owner, Markup.HTML)]
    for a in answers:
        role = Role.OPENER if a.owner and a.owner == q.owner else Role.CONTRIBUTOR
        turns.append(Turn(role, a.body, a.owner, Markup.HTML))
    meta: dict[str, object] = dict(q.attrs)
    meta["answer_ids"] = [a.id for a in answers]
    rec = Record(q.id, "stackexchange", FORMAT, turns, meta, 1 + len(answers), q.ref.source_file, q.ref.offset)
    return rec, questions[1:]


def single_post_record(p: Post) -> Record:
    """A post that is neither question nor answer (tag wiki, moderator note), kept for the rejected output."""
    return Record(
        p.id, "stackexchange", FORMAT, [Turn(Role.OPENER, p.body, p.owner, Markup.HTML)],
        {"PostTypeId": p.post_type, **p.attrs},
        1,
        p.ref.source_file,
        p.ref.offset,
    )
