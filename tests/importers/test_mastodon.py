"""The Mastodon importer on small API answers written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, ImportReport, Repair
from threadkit.errors import RebuildError
from threadkit.importers import mastodon

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


DESK = Author(
    name="News Desk", bio="The desk & its editors.", url="https://social.example/@desk", id="1"
)
STATUS_ARTICLE = Article(
    title="Our newsroom moves to the fediverse today.",
    # A link keeps its address after its text, as the page reader writes it.
    body=(
        "Our newsroom moves to the fediverse today.\n\n"
        "Questions welcome #news <https://social.example/tags/news>"
    ),
    authors=(DESK,),
    published=utc(2024, 5, 1, 10, 0, 0),
    url="https://social.example/@desk/900",
    site="social.example",
    tags=("news",),
    extra={
        "mastodon": {
            "id": "900",
            "in_reply_to_id": None,
            "in_reply_to_account_id": None,
            "spoiler_text": "",
            "visibility": "public",
            "uri": "https://social.example/users/desk/statuses/900",
            "favourites_count": 31,
            "edited_at": None,
            "tags": [{"name": "news", "url": "https://social.example/tags/news"}],
            "account": {"username": "desk", "acct": "desk"},
        }
    },
)


def test_a_status_and_its_context_side_by_side() -> None:
    reports: list[ImportReport] = []
    article = mastodon.read(
        (DATA / "mastodon_status_context.json").read_bytes(), report=reports.append
    )
    r902 = Comment(
        text="Yes, the archive stays.",
        author=Author(name="News Desk", url="https://social.example/@desk", id="1"),
        id="902",
        published=utc(2024, 5, 1, 10, 5, 0),
        score=0,
        url="https://social.example/@desk/902",
        extra={
            "mastodon": {
                "in_reply_to_account_id": "2",
                "account": {"username": "desk", "acct": "desk"},
            }
        },
    )
    r901 = Comment(
        text="@desk <https://social.example/@desk> Will the archive stay?\nI hope so.",
        author=Author(name="reader", url="https://other.example/@reader", id="2"),
        id="901",
        published=utc(2024, 5, 1, 10, 2, 0),
        edited=utc(2024, 5, 1, 10, 3, 30),
        score=4,
        url="https://other.example/@reader/901",
        replies=(r902,),
        extra={
            "mastodon": {
                "in_reply_to_account_id": "1",
                "account": {"username": "reader", "acct": "reader@other.example"},
            }
        },
    )
    r903 = Comment(
        text="Replying to a post I cannot see.",
        author=Author(name="Late Reader", url="https://social.example/@late", id="3"),
        id="903",
        published=utc(2024, 5, 1, 11, 0, 0),
        score=1,
        url="https://social.example/@late/903",
        extra={
            "parent_id": "899",
            "mastodon": {
                "in_reply_to_account_id": "3",
                "account": {"username": "late", "acct": "late"},
            },
        },
    )
    assert article == Article(
        title=STATUS_ARTICLE.title,
        body=STATUS_ARTICLE.body,
        authors=STATUS_ARTICLE.authors,
        published=STATUS_ARTICLE.published,
        url=STATUS_ARTICLE.url,
        site=STATUS_ARTICLE.site,
        tags=STATUS_ARTICLE.tags,
        extra=STATUS_ARTICLE.extra,
        comments=(r901, r903),
    )
    (report,) = reports
    assert report.rebuild.orphans == ("903",)
    assert report.rebuild.out_of_order == ("902",)
    with pytest.raises(RebuildError):
        mastodon.read((DATA / "mastodon_status_context.json").read_bytes(), orphans="error")


def test_the_context_keys_may_sit_beside_the_status() -> None:
    document = json.loads((DATA / "mastodon_status_context.json").read_text())
    flat = {"status": document["status"], **document["context"]}
    nested = mastodon.read(json.dumps(document))
    assert mastodon.read(json.dumps(flat)) == nested


def test_a_status_alone_is_an_article_without_comments() -> None:
    status = json.loads((DATA / "mastodon_status_context.json").read_text())["status"]
    assert mastodon.read(json.dumps(status)) == STATUS_ARTICLE


def test_a_context_alone_stands_for_the_status_it_answers() -> None:
    article = mastodon.read((DATA / "mastodon_context.json").read_text())
    ancestor = json.loads((DATA / "mastodon_context.json").read_text())["ancestors"][0]
    assert article == Article(
        title="Mastodon status 710",
        extra={
            "mastodon": {
                "missing": True,
                "id": "710",
                "account_id": "8",
                "in_reply_to_id": "700",
                "ancestors": [ancestor],
            }
        },
        comments=(
            Comment(
                text="First reply.",
                author=Author(name="Kid", url="https://social.example/@kid", id="9"),
                id="720",
                published=utc(2024, 6, 1, 9, 0, 0),
                score=5,
                url="https://social.example/@kid/720",
                # 710 answers 700: a reply, whose id its replies keep for tree.graft.
                extra={
                    "parent_id": "710",
                    "mastodon": {
                        "in_reply_to_account_id": "8",
                        "account": {"username": "kid", "acct": "kid"},
                    },
                },
                replies=(
                    Comment(
                        text="Second level.",
                        author=Author(name="Grand", url="https://social.example/@grand", id="10"),
                        id="730",
                        published=utc(2024, 6, 1, 9, 30, 0),
                        score=0,
                        url="https://social.example/@grand/730",
                        extra={
                            "mastodon": {
                                "in_reply_to_account_id": "9",
                                "account": {"username": "grand", "acct": "grand"},
                            }
                        },
                    ),
                ),
            ),
        ),
    )


def test_an_empty_context() -> None:
    # A real server's answer for a status nobody answered: an article with no
    # comments, and a report that says it stands for no status it can name.
    reports: list[ImportReport] = []
    article = mastodon.read('{"ancestors": [], "descendants": []}', report=reports.append)
    assert article == Article(title="Mastodon status", extra={"mastodon": {"missing": True}})
    (report,) = reports
    assert report.repairs == (
        Repair(
            where="context",
            message="the context holds no status (no ancestor, no reply that names the status "
            "it answers): the article stands for a status it does not name",
        ),
    )
    assert not report.clean
    # With its ancestors, the context stands for the status that answers the last.
    ancestors = json.dumps({"ancestors": [{"id": "5", "content": ""}], "descendants": []})
    reports.clear()
    assert mastodon.read(ancestors, report=reports.append).title == (
        "Mastodon status replying to 5"
    )
    assert reports[0].repairs == ()


def test_an_account_that_is_not_an_object_is_a_repair() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    status = '{"id": "1", "content": "<p>hi</p>", "in_reply_to_account_id": null, "account": '
    reports: list[ImportReport] = []
    article = mastodon.read(status + deep + "}", report=reports.append)
    assert article.authors == ()
    (report,) = reports
    assert [str(repair) for repair in report.repairs] == [
        "status 1: account: not an object: no author; kept in extra as it is",
        "status 1: extra: nested deeper than 32 levels; kept as JSON text",
    ]
    # extra nests 32 levels: extra is the first, extra["mastodon"] the second,
    # so the arrays at levels 3 to 32 are kept as arrays and the rest as JSON text.
    kept = article.extra["mastodon"]["account"]  # type: ignore[index]
    for _ in range(30):
        assert isinstance(kept, tuple)
        (kept,) = kept
    assert kept == "[" * (100_000 - 30) + "]" * (100_000 - 30)
    reply = json.dumps(
        {
            "status": {"id": "1", "content": "", "in_reply_to_account_id": None},
            "context": {"descendants": [{"id": "2", "in_reply_to_id": "1", "account": "x"}]},
        }
    )
    reports.clear()
    article = mastodon.read(reply, report=reports.append)
    assert article.comments[0].author is None
    assert article.comments[0].extra["mastodon"]["account"] == "x"  # type: ignore[index]
    assert [str(r) for r in reports[0].repairs] == [
        "status 2: account: not an object: no author; kept in extra as it is"
    ]


def test_titles_come_from_the_content_warning_or_the_first_line() -> None:
    def status(**fields: object) -> str:
        return json.dumps({"id": "1", "content": "", "in_reply_to_account_id": None, **fields})

    assert mastodon.read(status(spoiler_text="Spoilers: the finale")).title == (
        "Spoilers: the finale"
    )
    long = "word " * 30
    title = mastodon.read(status(content=f"<p>{long}</p><p>more</p>")).title
    assert title == "word " * 15 + "word…"
    assert len(title) <= mastodon.TITLE_LENGTH
    assert mastodon.read(status()).title == "Mastodon status 1"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("[]", "$"),
        ('{"status": []}', "$.status"),
        ('{"status": {"id": "1"}, "context": 3}', "$.context"),
        ('{"ancestors": {}}', "$.ancestors"),
        ('{"descendants": [1]}', "$.descendants[0]"),
        ('{"descendants": [{"content": "x"}]}', "$.descendants[0].id"),
        ('{"unrelated": true}', "$"),
    ],
)
def test_shapes_the_api_never_returns_are_parse_errors(text: str, path: str) -> None:
    with pytest.raises(threadkit.ParseError) as caught:
        mastodon.read(text)
    assert caught.value.path == path


def test_sniffing() -> None:
    assert mastodon.sniff((DATA / "mastodon_status_context.json").read_text()[:4096])
    assert mastodon.sniff('{"ancestors":[],"descendants":[]}')
    assert mastodon.sniff('{"id": "1", "in_reply_to_account_id": null}')
    assert not mastodon.sniff('[{"ancestors": []}]')
    assert not mastodon.sniff('{"kind": "Listing"}')
