"""The WordPress WXR importer on a small export written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState, ImportReport, Repair
from threadkit.importers import wordpress

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
EXPORT = DATA / "wxr_export.xml"
PLUS_ONE = timezone(timedelta(hours=1))
JO = Author(name="Jo Doe", id="jdoe")


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


POST = Article(
    title="Flood defences finished",
    body="The wall is done.\nIt took two years.\n\nNext: the park.",
    authors=(JO,),
    published=datetime(2022, 3, 7, 9, 0, tzinfo=PLUS_ONE),
    url="https://valley.example/2022/flood-defences",
    site="Valley Gazette",
    tags=("Local", "Flooding"),
    extra={
        "wordpress": {
            "post_id": "41",
            "post_date": "2022-03-07 09:00:00",
            "post_date_gmt": "2022-03-07 08:00:00",
            "post_type": "post",
            "category": [
                {"domain": "category", "nicename": "local", "name": "Local"},
                {"domain": "post_tag", "nicename": "flooding", "name": "Flooding"},
            ],
        },
        # A pingback is no comment: it is kept where the page reader keeps them,
        # its own fields beside (the parent it names, 77, included).
        "pingbacks": [
            {
                "title": "Other Blog » Flood news",
                "published": "2022-03-08T07:00:00+00:00",
                "text": "[…] the wall is done […]",
                "id": "15",
                "wordpress": {
                    "comment_approved": "spam",
                    "comment_type": "pingback",
                    "comment_parent": "77",
                },
            }
        ],
    },
    comments=(
        Comment(
            text="Thanks for reading.\n\nPhotos tomorrow.",
            author=Author(name="Jo Doe", id="3"),
            id="11",
            published=datetime(2022, 3, 7, 10, 0, tzinfo=PLUS_ONE),
            extra={
                "wordpress": {
                    "comment_author_email": "jo@valley.example",
                    "comment_author_IP": "198.51.100.4",
                    "comment_type": "comment",
                }
            },
            replies=(
                Comment(
                    text="Replying before my parent appears.",
                    author=Author(name="Neighbour", url="https://neighbour.example"),
                    id="12",
                    published=datetime(2022, 3, 7, 11, 30, tzinfo=PLUS_ONE),
                    extra={"wordpress": {"comment_type": "comment"}},
                ),
            ),
        ),
        Comment(
            text="Still in moderation.",
            author=Author(name="Waiting"),
            id="13",
            published=utc(2022, 3, 7, 12, 0, 0),
            state=CommentState.PENDING,
        ),
        Comment(
            text="Moved to the trash.",
            author=Author(name="Binned"),
            id="14",
            published=utc(2022, 3, 7, 13, 0, 0),
            state=CommentState.REMOVED,
            extra={"wordpress": {"comment_approved": "trash"}},
        ),
    ),
)
PAGE = Article(
    title="About us",
    body="We report on the valley.",
    authors=(JO,),
    published=utc(2021, 1, 1, 0, 0, 0),
    url="https://valley.example/about",
    site="Valley Gazette",
    extra={
        "wordpress": {"post_id": "2", "post_date_gmt": "2021-01-01 00:00:00", "post_type": "page"}
    },
)
DRAFT = Article(
    title="Draft about the park",
    url="https://valley.example/?p=43",
    site="Valley Gazette",
    extra={
        "wordpress": {
            "post_id": "43",
            "post_date": "2022-04-01 10:00:00",
            "post_date_gmt": "0000-00-00 00:00:00",
            "status": "draft",
            "post_type": "post",
        }
    },
)


def test_one_article_per_post_media_and_structure_left_out() -> None:
    reports: list[ImportReport] = []
    articles = list(wordpress.read_all(EXPORT.read_bytes(), report=reports.append))
    assert articles == [POST, PAGE, DRAFT]
    first, second, third = reports
    assert first.rebuild.orphans == ()
    assert first.rebuild.out_of_order == ("12",)
    assert first.repairs == (
        Repair(
            where="post 41 comment 14: comment_date_gmt",
            message="no GMT time: the local time is taken as UTC",
        ),
    )
    assert first.notes == (
        '1 pingback(s) and trackback(s) kept in extra["pingbacks"], not as comments',
    )
    # The attachment after the page is left out, and the page's report says so.
    assert second.notes == ("1 item(s) left out (1 attachment): not posts; post_types= reads them",)
    assert second.clean
    assert third.clean
    assert third.notes == ()
    assert [report.index for report in reports] == [0, 1, 2]


def test_post_types_chooses_the_items() -> None:
    assert list(wordpress.read_all(EXPORT.read_bytes(), post_types={"attachment"})) == [
        Article(
            title="wall.jpg",
            url="https://valley.example/wall-jpg",
            site="Valley Gazette",
            extra={"wordpress": {"post_id": "42", "post_type": "attachment"}},
        )
    ]
    assert list(wordpress.read_all(EXPORT.read_bytes(), post_types=["page"])) == [PAGE]
    assert list(wordpress.read_all(EXPORT.read_bytes(), post_types="page")) == [PAGE]
    assert len(list(wordpress.read_all(EXPORT.read_bytes(), post_types=()))) == 0


def test_structural_items_with_comments_are_kept() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<category",
        "<wp:post_type><![CDATA[attachment]]></wp:post_type>\n\t\t<category",
    )
    articles = list(wordpress.read_all(text))
    assert [a.title for a in articles] == [POST.title, PAGE.title, DRAFT.title]
    assert articles[0].extra["wordpress"]["post_type"] == "attachment"  # type: ignore[index]


def test_load_all_streams_a_path_and_load_refuses_several() -> None:
    assert list(threadkit.load_all(EXPORT)) == [POST, PAGE, DRAFT]
    assert list(threadkit.load_all(EXPORT, post_types={"page"})) == [PAGE]
    with pytest.raises(threadkit.ParseError, match="load_all"):
        threadkit.load(EXPORT)
    assert threadkit.load(EXPORT, post_types={"page"}) == PAGE
    with pytest.raises(threadkit.ParseError, match="no article"):
        threadkit.load(EXPORT, post_types={"product"})


def test_articles_come_before_a_later_error() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace("<title>About us</title>", "<title>About")
    articles = threadkit.loads_all(text)
    assert next(articles) == POST
    with pytest.raises(threadkit.ParseError) as caught:
        next(articles)
    assert caught.value.format == "wordpress"
    assert caught.value.line is not None


def test_recover_keeps_reading() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<title>About us</title>", "<title>About us</titel></title>"
    )
    reports: list[ImportReport] = []
    articles = list(wordpress.read_all(text, recover=True, report=reports.append))
    # The stray </titel> on line 84 unbalances the rest: lxml closes the page's
    # item at the end of the file, and the draft inside it is lost.
    assert [a.title for a in articles] == [POST.title, PAGE.title]
    first, second = reports
    assert [r.where for r in first.repairs] == ["post 41 comment 14: comment_date_gmt"]
    assert second.repairs[0] == Repair(
        where="document line 84, column 26",
        message="Opening and ending tag mismatch: title line 84 and titel; recovered",
    )
    assert all(r.message.endswith("; recovered") for r in second.repairs)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<feed xmlns:wp="http://wordpress.org/export/1.2/"><item/></feed>', "root element"),
        ("<rss/>", "no item or channel"),
    ],
)
def test_not_a_wxr_export(xml: str, message: str) -> None:
    with pytest.raises(threadkit.ParseError, match=message):
        list(wordpress.read_all(xml))


def test_times() -> None:
    def one(**dates: str) -> Article:
        fields = "".join(f"<wp:{k}>{v}</wp:{k}>" for k, v in dates.items())
        xml = (
            '<rss xmlns:wp="https://wordpress.org/export/1.1/"><channel>'
            f"<item><title>T</title>{fields}</item></channel></rss>"
        )
        return wordpress.read(xml)

    assert one(post_date_gmt="2020-01-01 10:00:00").published == utc(2020, 1, 1, 10, 0, 0)
    minus = one(post_date="2020-01-01 02:30:00", post_date_gmt="2020-01-01 10:00:00").published
    assert minus == datetime(2020, 1, 1, 2, 30, tzinfo=timezone(timedelta(hours=-7, minutes=-30)))
    assert one(post_date="2020-01-01 02:00:00").published == utc(2020, 1, 1, 2, 0, 0)
    assert one(post_date_gmt="0000-00-00 00:00:00").published is None
    assert one(post_date_gmt="soon").published is None


def test_sniffing() -> None:
    assert wordpress.sniff(EXPORT.read_text()[:4096])
    assert wordpress.sniff('<rss xmlns:wp = "https://wordpress.org/export/1.2/">')
    assert not wordpress.sniff('<disqus xmlns="http://disqus.com">')
    assert not wordpress.sniff("<rss><channel><item/></channel></rss>")


def wxr(*items: str) -> str:
    return (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Blog</title>'
        + "".join(items)
        + "</channel></rss>"
    )


def item(post_id: str, post_type: str, *comments: str) -> str:
    return (
        f"<item><title>Item {post_id}</title><wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_type>{post_type}</wp:post_type>{''.join(comments)}</item>"
    )


def comment(cid: str, parent: str = "0", kind: str = "", **fields: str) -> str:
    more = "".join(f"<wp:{name}>{value}</wp:{name}>" for name, value in fields.items())
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
        f"<wp:comment_content>text {cid}</wp:comment_content>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        f"<wp:comment_type>{kind}</wp:comment_type>{more}</wp:comment>"
    )


def test_contact_form_messages_are_left_out_and_said() -> None:
    # Jetpack keeps each contact-form message as an item of type feedback.
    source = wxr(
        item("1", "feedback"),
        item("2", "post"),
        item("3", "feedback"),
        item("4", "attachment"),
        item("5", "post"),
    )
    reports: list[ImportReport] = []
    articles = list(wordpress.read_all(source, report=reports.append))
    assert [a.title for a in articles] == ["Item 2", "Item 5"]
    # Those before the first post are in its report; the others in the report
    # of the post before them.
    assert [report.notes for report in reports] == [
        (
            "1 item(s) left out (1 feedback): not posts; post_types= reads them",
            "2 item(s) left out (1 attachment, 1 feedback): not posts; post_types= reads them",
        ),
        (),
    ]
    assert all(report.clean for report in reports)
    read = list(wordpress.read_all(source, post_types={"feedback"}, report=reports.append))
    assert [a.title for a in read] == ["Item 1", "Item 3"]
    assert reports[-2].notes == ("1 item(s) left out (1 post): not among post_types",)
    assert reports[-1].notes == ("2 item(s) left out (1 attachment, 1 post): not among post_types",)
    assert "feedback" in wordpress.SKIPPED_TYPES


def test_trackbacks_and_pingbacks_are_kept_apart_and_their_replies_stay() -> None:
    source = wxr(
        item(
            "1",
            "post",
            comment("10"),
            comment(
                "11",
                kind="trackback",
                comment_author="A blog &amp;raquo; post",
                comment_author_url="https://blog.example/p",
                comment_date_gmt="2020-01-02 03:04:05",
                comment_approved="0",
            ),
            comment("12", parent="11"),
            comment("13", parent="10", kind="pingback"),
            comment("14", parent="13", kind="comment"),
        )
    )
    reports: list[ImportReport] = []
    (article,) = wordpress.read_all(source, report=reports.append)
    # The replies to a pingback answer what the pingback was in.
    assert article.comments == (
        Comment(
            text="text 10",
            id="10",
            replies=(
                Comment(text="text 14", id="14", extra={"wordpress": {"comment_type": "comment"}}),
            ),
        ),
        Comment(text="text 12", id="12"),
    )
    assert article.extra["pingbacks"] == (
        {
            # XML gives "&raquo;", which WordPress keeps escaped: unescaped once.
            "title": "A blog » post",
            "url": "https://blog.example/p",
            "published": "2020-01-02T03:04:05+00:00",
            "text": "text 11",
            "id": "11",
            "wordpress": {"comment_type": "trackback", "comment_approved": "0"},
        },
        {
            "text": "text 13",
            "id": "13",
            "wordpress": {
                "comment_type": "pingback",
                "comment_approved": "1",
                "comment_parent": "10",
            },
        },
    )
    (report,) = reports
    assert [str(repair) for repair in report.repairs] == [
        "comment 12: answers pingback 11, which is no comment: placed under what it answers",
        "comment 14: answers pingback 13, which is no comment: placed under what it answers",
    ]
    assert report.notes == (
        '2 pingback(s) and trackback(s) kept in extra["pingbacks"], not as comments',
    )
