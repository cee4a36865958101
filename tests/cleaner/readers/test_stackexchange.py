import pytest

from cleaner import reasons
from cleaner.counters import DictCounter
from cleaner.readers.base import ReadError, UnitRef
from cleaner.readers.stackexchange import build_thread, parse_row
from cleaner.record import Markup, Role

from .helpers import read_all


def test_rows_parse_and_join_in_answer_order(fixtures):
    posts, bad = read_all(fixtures / "readers" / "Posts.xml")
    assert bad == []
    assert len(posts) == 5  # declaration and <posts> wrapper are not units
    thread = [p for p in posts if p.thread_key == "101"]
    record, leftovers = build_thread("101", thread)
    assert leftovers == []
    assert record.id == "101" and record.units == 3
    assert [t.role for t in record.turns] == [Role.OPENER, Role.CONTRIBUTOR, Role.CONTRIBUTOR]
    assert all(t.markup is Markup.HTML for t in record.turns)
    # answers in creation order, the source HTML of bodies kept exactly (entities and all)
    assert record.turns[1].text == "<p>Did you even search?</p>"
    assert "<pre><code>&lt;xsl:value-of select=\"a &amp;lt; b\"/&gt;\n</code></pre>" in record.turns[0].text
    assert record.turns[0].text.startswith("<h1>Escaping &lt; in XSLT</h1>\n")
    assert record.meta["answer_ids"] == ["102", "103"]


def test_orphan_answer_has_no_thread(fixtures):
    posts, _ = read_all(fixtures / "readers" / "Posts.xml")
    orphan = [p for p in posts if p.thread_key == "555"]
    record, leftovers = build_thread("555", orphan)
    assert record is None and [p.id for p in leftovers] == ["104"]


def test_route_thread_dead_letters_orphans_and_rejects_other_post_types(fixtures):
    from cleaner.config import load
    from cleaner.process import Cleaner
    from cleaner.route import DEADLETTER, REJECTED, route_thread

    posts, _ = read_all(fixtures / "readers" / "Posts.xml")
    c, counter = Cleaner(load()), DictCounter()
    routed = [r for key in ("555", "105") for r in route_thread(c, key, [p for p in posts if p.thread_key == key], counter)]
    assert [(tag, row.get("reason") or row.get("reasons")) for tag, row in routed] == [
        (DEADLETTER, reasons.ORPHAN_ANSWER),
        (REJECTED, [reasons.UNSUPPORTED_POST_TYPE]),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('<row Id="1" PostTypeId="1" Body="x"', reasons.BAD_XML),
        ("<rowx/>", reasons.BAD_XML),
        ('<row PostTypeId="1" Body="x" />', reasons.MISSING_FIELD),
        ('<row Id="1" Body="x" />', reasons.MISSING_FIELD),
        ("just text", reasons.BAD_XML),
        ('<row Id="1" PostTypeId="1" Body="&bogus;" />', reasons.BAD_XML),
    ],
)
def test_bad_rows(line, reason):
    with pytest.raises(ReadError) as e:
        parse_row(line, UnitRef("Posts.xml", 9))
    assert e.value.reason == reason
