"""The Disqus importer on small exports written for these tests."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState, ImportReport, Repair
from threadkit.importers import disqus

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
EXPORT = DATA / "disqus_export.xml"


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def disqus_extra(anonymous: bool, **more: object) -> dict[str, object]:
    return {"disqus": {"author": {"isAnonymous": anonymous}, **more}}


RITA = Author(name="Rita", id="rita_r")
CATEGORY = {"dsq:id": "10", "forum": "harbourtimes", "title": "News"}
EXPECTED = [
    Article(
        title="Bridge vote passes",
        body="The council voted 7 to 2.",
        authors=(Author(name="Harbour Editor", id="harbour_editor"),),
        published=utc(2023, 3, 1, 9, 0, 0),
        url="https://harbour.example/bridge-vote",
        site="harbourtimes",
        extra={
            "disqus": {
                "dsq:id": "100",
                "id": "bridge-vote",
                "author": {"email": "editor@harbour.example", "isAnonymous": False},
                "isClosed": False,
                "isDeleted": False,
                "category": CATEGORY,
            }
        },
        comments=(
            Comment(
                text="Good news.\n\nLong overdue.\nReally.",
                author=RITA,
                id="1001",
                published=utc(2023, 3, 1, 10, 0, 0),
                extra={
                    "disqus": {
                        "author": {"email": "rita@example.org", "isAnonymous": False},
                        "ipAddress": "192.0.2.1",
                    }
                },
                replies=(
                    Comment(
                        text="Reply that comes first &lt;in the file&gt;.",
                        author=Author(name="Guest"),
                        id="1002",
                        published=utc(2023, 3, 1, 10, 5, 0),
                        extra=disqus_extra(True, ipAddress="192.0.2.7"),
                    ),
                ),
            ),
            Comment(
                text="",
                author=Author(name="Sam", id="sam_s"),
                id="1003",
                published=utc(2023, 3, 1, 11, 0, 0),
                state=CommentState.DELETED,
                extra=disqus_extra(False),
                replies=(
                    Comment(
                        text="Answering a deleted post.",
                        author=RITA,
                        id="1004",
                        published=utc(2023, 3, 1, 11, 30, 0),
                        extra=disqus_extra(False),
                    ),
                ),
            ),
            Comment(
                text="Cheap pills",
                author=Author(name="Spammer"),
                id="1005",
                published=utc(2023, 3, 1, 12, 0, 0),
                state=CommentState.SPAM,
                extra=disqus_extra(True),
            ),
            Comment(
                text="My parent was purged.",
                author=Author(name="Tom", id="tom_t"),
                id="1006",
                published=utc(2023, 3, 1, 12, 30, 0),
                extra={"parent_id": "999", **disqus_extra(False)},
            ),
            Comment(
                text="Same id, other words.",
                author=RITA,
                id="1001",
                published=utc(2023, 3, 1, 13, 0, 0),
                extra=disqus_extra(False),
            ),
        ),
    ),
    Article(
        title="A story nobody discussed",
        published=utc(2023, 3, 2, 9, 0, 0),
        url="https://harbour.example/no-comments",
        site="harbourtimes",
        extra={"disqus": {"dsq:id": "200", "category": CATEGORY}},
    ),
    Article(
        title="Disqus thread 300",
        extra={"disqus": {"dsq:id": "300", "missing": True}},
        comments=(
            Comment(
                text="Where did my thread go?",
                author=Author(name="Una", id="una_u"),
                id="3001",
                published=utc(2023, 4, 1, 8, 0, 0),
                extra=disqus_extra(False),
            ),
        ),
    ),
]


@pytest.mark.parametrize("spill_after", [20_000, 0, 3])
def test_one_article_per_thread(spill_after: int) -> None:
    reports: list[ImportReport] = []
    articles = list(
        disqus.read_all(EXPORT.read_bytes(), report=reports.append, spill_after=spill_after)
    )
    assert articles == EXPECTED
    first, second, third = reports
    assert first.rebuild.orphans == ("1006",)
    assert first.rebuild.duplicates == ("1001",)
    assert first.rebuild.out_of_order == ("1002",)
    assert first.rebuild.dropped == ()
    assert first.repairs == ()
    assert second.clean
    assert third.repairs == (
        Repair(
            where="thread 300",
            message="posts name a thread the export does not define; the article stands for it",
        ),
    )
    assert [report.index for report in reports] == [0, 1, 2]


def test_streams_from_files_and_reads_text() -> None:
    with EXPORT.open("rb") as stream:
        assert list(disqus.read_all(stream)) == EXPECTED
    assert list(disqus.read_all(EXPORT.read_text(encoding="utf-8"))) == EXPECTED
    assert list(threadkit.load_all(EXPORT)) == EXPECTED
    with EXPORT.open(encoding="utf-8") as text_stream:
        assert list(threadkit.load_all(text_stream)) == EXPECTED


def test_policies() -> None:
    articles = list(disqus.read_all(EXPORT.read_bytes(), orphans="drop", duplicates="first"))
    assert [c.id for c in articles[0].comments] == ["1001", "1003", "1005"]


def test_load_refuses_several_threads_and_reads_one() -> None:
    with pytest.raises(threadkit.ParseError, match=r"load_all"):
        threadkit.load(EXPORT)
    with pytest.raises(threadkit.ParseError, match=r"load_all"):
        disqus.read(EXPORT.read_bytes())
    assert threadkit.load(DATA / "disqus_single.xml") == Article(
        title="Only thread",
        published=utc(2022, 1, 1, 0, 0, 0),
        url="https://example.net/one",
        extra={"disqus": {"dsq:id": "5"}},
        comments=(
            Comment(
                text="Only post.",
                author=Author(name="Vic", id="vic"),
                id="6",
                published=utc(2022, 1, 1, 1, 0, 0),
                extra=disqus_extra(False),
            ),
        ),
    )


BROKEN = (
    '<?xml version="1.0"?>\n'
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
    '  <thread dsq:id="1"><title>T</title></thread>\n'
    '  <post dsq:id="2"><message>hi</message><thread dsq:id=1/></post>\n'
    "</disqus>\n"
)


def test_malformed_xml_is_a_parse_error_with_a_location() -> None:
    with pytest.raises(threadkit.ParseError) as caught:
        list(disqus.read_all(BROKEN))
    assert caught.value.format == "disqus"
    # Column 56 is the "1" of the unquoted dsq:id=1 on line 4.
    assert (caught.value.line, caught.value.column) == (4, 56)
    assert "recover=True" in str(caught.value)


def test_recover_reads_what_it_can_and_reports_it() -> None:
    reports: list[ImportReport] = []
    articles = list(disqus.read_all("`" + BROKEN, recover=True, report=reports.append))
    assert [a.title for a in articles] == ["T", "Disqus posts without a thread"]
    assert articles[1].comments[0].text == "hi"
    assert reports[0].repairs[0] == Repair(
        where="document", message="skipped 1 byte(s) before the first tag"
    )
    assert all(r.where == "document line 4, column 56" for r in reports[0].repairs[1:])
    assert len(reports[0].repairs) > 1


def test_leading_junk_without_recover_fails_at_line_1() -> None:
    with pytest.raises(threadkit.ParseError) as caught:
        list(disqus.read_all("`" + BROKEN))
    assert (caught.value.line, caught.value.column) == (1, 1)


def test_entities_are_never_resolved() -> None:
    xml = (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE disqus [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><title>T &secret;</title></thread></disqus>'
    )
    (article,) = disqus.read_all(xml)
    assert "root" not in article.title
    assert article.title == "T"


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<rss/>", "no category, thread or post"),
        ('<other xmlns="http://disqus.com"><thread/></other>', "root element is"),
    ],
)
def test_not_a_disqus_export(xml: str, message: str) -> None:
    with pytest.raises(threadkit.ParseError, match=message):
        list(disqus.read_all(xml))


def test_values_the_model_refuses_are_repaired() -> None:
    xml = (
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><title>Line\none</title></thread>'
        '<post><message>no id</message><thread dsq:id="1"/></post>'
        '<post dsq:id="3"><message>x</message><createdAt>yesterday</createdAt>'
        '<isSpam>maybe</isSpam><author><name>A\u0085B</name></author><thread dsq:id="1"/></post>'
        "</disqus>"
    )
    reports: list[ImportReport] = []
    (article,) = disqus.read_all(io.BytesIO(xml.encode()), report=reports.append)
    assert article.title == "Line one"
    first, second = article.comments
    assert first.id is None
    assert second.published is None
    assert second.author == Author(name="AB")
    assert second.extra == {"disqus": {"createdAt": "yesterday", "isSpam": "maybe"}}
    assert [str(r) for r in reports[0].repairs] == [
        "post on line 2: the post has no dsq:id: no reply can name it as parent",
        "post 3: author name: removed 1 character(s) the model cannot carry "
        "(control characters, lone surrogates, noncharacters)",
        "post 3: createdAt: 'yesterday' is not an ISO 8601 time; left out",
        "post 3: isSpam: 'maybe' is not a boolean; taken as false",
    ]


def test_sniffing() -> None:
    assert disqus.sniff(EXPORT.read_text()[:4096])
    assert disqus.sniff('`<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com">')
    assert not disqus.sniff('<rss xmlns:wp="http://wordpress.org/export/1.2/">')
    assert not disqus.sniff("<!doctype html><p>disqus</p>")
