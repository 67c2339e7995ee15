"""The Reddit importer on small listings written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState, ImportReport, UnloadedReplies
from threadkit.errors import RebuildError
from threadkit.importers import reddit

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def read(name: str, **options: object) -> tuple[Article, ImportReport]:
    reports: list[ImportReport] = []
    article = reddit.read((DATA / name).read_bytes(), report=reports.append, **options)
    assert len(reports) == 1
    assert reports[0].article is article
    return article, reports[0]


def test_a_listing_pair_with_every_kind_of_comment() -> None:
    article, report = read("reddit_thread.json")
    c3 = Comment(
        text="Replying to a ghost.\n\nStill counts.",
        author=Author(name="birch"),
        id="c3",
        published=utc(2023, 11, 14, 22, 18, 20),
        edited=datetime(2023, 11, 14, 22, 21, 40, 500000, tzinfo=UTC),
        score=3,
        extra={"reddit": {"depth": 2}},
    )
    c2 = Comment(
        text="",
        id="c2",
        published=utc(2023, 11, 14, 22, 16, 40),
        score=1,
        state=CommentState.DELETED,
        replies=(c3,),
        extra={
            "reddit": {
                "author": "[deleted]",
                "depth": 1,
                "more": [
                    {
                        "count": 4,
                        "name": "t1_c9",
                        "id": "c9",
                        "parent_id": "t1_c2",
                        "depth": 2,
                        "children": ["c9", "c10"],
                    }
                ],
            }
        },
    )
    c4 = Comment(
        text="",
        id="c4",
        published=utc(2023, 11, 14, 22, 17, 30),
        score=0,
        state=CommentState.REMOVED,
        extra={"reddit": {"author": "[deleted]", "depth": 1}},
    )
    c1 = Comment(
        text="Finally!",
        author=Author(name="maple", id="t2_m"),
        id="c1",
        published=utc(2023, 11, 14, 22, 15, 0),
        score=10,
        url="https://www.reddit.com/r/localnews/comments/abc123/council/c1/",
        replies=(c2, c4),
        extra={"reddit": {"depth": 0}},
    )
    c5 = Comment(
        text="Costs & who pays <really>?",
        author=Author(name="oak"),
        id="c5",
        published=utc(2023, 11, 14, 22, 20, 0),
        score=-2,
        extra={
            "reddit": {
                "depth": 0,
                "more": [
                    {
                        "count": 0,
                        "name": "t1__",
                        "id": "_",
                        "parent_id": "t1_c5",
                        "depth": 1,
                        "children": [],
                    }
                ],
            }
        },
    )
    expected = Article(
        title="Council approves the river bridge",
        body="Vote was 7 to 2.\n\nWork starts in May.",
        authors=(Author(name="civic_reader", id="t2_aaa"),),
        published=utc(2023, 11, 14, 22, 13, 20),
        url="https://example.org/news/bridge",
        site="r/localnews",
        comments=(c1, c5),
        extra={
            "reddit": {
                "id": "abc123",
                "subreddit": "localnews",
                "num_comments": 9,
                "more": [
                    {
                        "count": 12,
                        "name": "t1_c20",
                        "id": "c20",
                        "parent_id": "t3_abc123",
                        "depth": 0,
                        "children": ["c20", "c21", "c22"],
                    }
                ],
            }
        },
    )
    assert article == expected
    assert report.format == "reddit"
    assert report.index == 0
    assert report.rebuild.item_count == 5
    assert report.rebuild.clean
    assert report.unloaded == (
        UnloadedReplies(parent="c2", ids=("c9", "c10"), count=4),
        # "continue this thread": Reddit's count 0 says nothing of how many.
        UnloadedReplies(parent="c5", ids=(), count=None),
        UnloadedReplies(parent=None, ids=("c20", "c21", "c22"), count=12),
    )
    assert report.unloaded_count is None
    assert report.unloaded_minimum == 16
    assert [str(repair) for repair in report.repairs] == [
        "comment c5: text: removed 1 character(s) the model cannot carry "
        "(control characters, lone surrogates, noncharacters)"
    ]
    assert not report.clean


def test_html_text_comes_from_body_html() -> None:
    document = [
        {
            "kind": "Listing",
            "data": {
                "children": [
                    {
                        "kind": "t3",
                        "data": {
                            "id": "p",
                            "title": "T",
                            "selftext": "**a**",
                            "selftext_html": "<div class='md'><p><strong>a</strong></p></div>",
                        },
                    }
                ]
            },
        },
        {
            "kind": "Listing",
            "data": {
                "children": [
                    {
                        "kind": "t1",
                        "data": {
                            "id": "x",
                            "parent_id": "t3_p",
                            "body": "one  \ntwo\n\n> quoted",
                            "body_html": "<div class='md'><p>one<br/>\ntwo</p>\n"
                            "<blockquote><p>quoted &amp;amp;</p></blockquote></div>",
                            "replies": "",
                        },
                    }
                ]
            },
        },
    ]
    article = reddit.read(json.dumps(document), text="html")
    assert article.body == "a"
    assert article.extra["reddit"] == {"id": "p", "selftext": "**a**"}
    comment = article.comments[0]
    assert comment.text == "one\ntwo\n\n> quoted &amp;"
    assert comment.extra == {"reddit": {"body": "one  \ntwo\n\n> quoted"}}
    markdown = reddit.read(json.dumps(document))
    assert markdown.comments[0].text == "one  \ntwo\n\n> quoted"


def test_a_morechildren_answer_stands_for_its_submission() -> None:
    article, report = read("reddit_morechildren.json")
    m2 = Comment(
        text="Reply listed first.",
        author=Author(name="fern"),
        id="m2",
        published=utc(2020, 9, 13, 12, 30, 0),
        score=2,
        extra={"reddit": {"link_id": "t3_xyz"}},
    )
    m1 = Comment(
        text="Top comment.",
        author=Author(name="ivy"),
        id="m1",
        published=utc(2020, 9, 13, 12, 28, 20),
        score=5,
        replies=(m2,),
        extra={"reddit": {"link_id": "t3_xyz"}},
    )
    m3 = Comment(
        text="My parent is not here.",
        author=Author(name="moss"),
        id="m3",
        published=utc(2020, 9, 13, 12, 31, 40),
        score=1,
        # parent_id "t1_gone": the id of the parent the answer lacks, kept.
        extra={"parent_id": "gone", "reddit": {"link_id": "t3_xyz"}},
    )
    assert article == Article(
        title="Reddit submission xyz",
        url="https://www.reddit.com/comments/xyz/",
        comments=(m1, m3),
        extra={"reddit": {"id": "xyz", "missing": True}},
    )
    assert report.rebuild.orphans == ("m3",)
    assert report.rebuild.duplicates == ("m1",)
    assert report.rebuild.dropped == ("m1",)
    assert report.rebuild.out_of_order == ("m2",)
    assert report.unloaded == ()


def test_policies_reach_the_rebuild() -> None:
    data = (DATA / "reddit_morechildren.json").read_bytes()
    dropped = reddit.read(data, orphans="drop")
    assert [c.id for c in dropped.comments] == ["m1"]
    with pytest.raises(RebuildError) as caught:
        reddit.read(data, orphans="error")
    assert caught.value.keys == ("m3",)
    with pytest.raises(RebuildError):
        reddit.read(data, duplicates="error")


def test_a_reply_chain_deeper_than_the_json_module_allows() -> None:
    depth = 3000
    post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"title": "Deep"}}]}}
    # Written without recursion: json.dumps would overflow too.
    text = "[" + json.dumps(post) + "," + _dump_chain(depth) + "]"
    article = reddit.read(text)
    assert article.depth == depth
    assert article.comment_count == depth
    assert article.comments[0].text == "1"
    deepest = list(article.walk())[-1]
    assert deepest.id == f"n{depth}"
    assert deepest.text == str(depth)


def _dump_chain(depth: int) -> str:
    opening = []
    for level in range(1, depth + 1):
        parent = "t3_deep" if level == 1 else f"t1_n{level - 1}"
        opening.append(
            '{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": '
            f'{{"id": "n{level}", "parent_id": "{parent}", "body": "{level}", "replies": '
        )
    return "".join(opening) + '""' + "}}]}}" * depth


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("[]", "$"),
        ('[{"kind": "Listing", "data": {"children": []}}]', "$[0].data.children"),
        ('[{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {}}]}}]', None),
        ('{"kind": "t3"}', "$"),
        (
            '[{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"title": "x"}}]}},'
            ' {"kind": "Listing", "data": {"children": [{"kind": "t5", "data": {}}]}}]',
            "$[1].data.children[0]",
        ),
    ],
)
def test_shapes_reddit_never_returns_are_parse_errors(text: str, path: str | None) -> None:
    with pytest.raises(threadkit.ParseError) as caught:
        reddit.read(text)
    assert caught.value.format == "reddit"
    if path is not None:
        assert caught.value.path == path


def test_bad_json_is_a_parse_error_with_a_line() -> None:
    with pytest.raises(threadkit.ParseError) as caught:
        reddit.read('[{"kind": "Listing",\n  oops}]')
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_sniffing() -> None:
    head = (DATA / "reddit_thread.json").read_text()[:4096]
    assert reddit.sniff(head)
    assert reddit.sniff((DATA / "reddit_morechildren.json").read_text())
    assert not reddit.sniff('{"ancestors": [], "descendants": []}')
    assert not reddit.sniff("Title: not json")
    assert not reddit.sniff('[{"type": "story", "by": "x", "time": 1}]')


EMPTY_ANSWER = '{"json": {"errors": [], "data": {"things": []}}}'


def test_an_empty_morechildren_answer_is_an_article_without_comments(tmp_path: Path) -> None:
    # Reddit's answer when every comment asked for is gone: 11 of PRAW's 245.
    assert reddit.sniff(EMPTY_ANSWER)
    assert threadkit.guess_format(content=EMPTY_ANSWER).name == "reddit"
    path = tmp_path / "more.json"
    path.write_text(EMPTY_ANSWER)
    assert threadkit.guess_format(path, EMPTY_ANSWER).name == "reddit"
    reports: list[ImportReport] = []
    article = threadkit.load(path, report=reports.append)
    assert article == Article(
        title="Reddit submission unknown", extra={"reddit": {"missing": True}}
    )
    assert [str(repair) for repair in reports[0].repairs] == [
        "answer: the morechildren answer holds no comment (those asked for are gone, "
        "or none was asked): the article stands for a submission it does not name"
    ]
    assert list(threadkit.load_all(path)) == [article]


def test_an_answer_with_errors_is_a_parse_error_that_names_them() -> None:
    answer = json.dumps(
        {"json": {"errors": [["RATELIMIT", "you are doing that too much", "ratelimit"]]}}
    )
    assert reddit.sniff(answer)
    with pytest.raises(threadkit.ParseError) as caught:
        threadkit.loads(answer)
    assert str(caught.value) == (
        "reddit: Reddit answered with errors, not comments: "
        "RATELIMIT you are doing that too much (at $.json.errors)"
    )


def one_comment(**data: object) -> str:
    fields = {"id": "k", "parent_id": "t3_s", "link_id": "t3_s", **data}
    return json.dumps(
        {"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": fields}]}}}
    )


def test_edited_without_a_time_is_said() -> None:
    reports: list[ImportReport] = []
    article = reddit.read(one_comment(body="old", edited=True), report=reports.append)
    (comment,) = article.comments
    assert comment.edited is None
    assert comment.extra["reddit"]["edited"] is True  # type: ignore[index]
    assert [str(r) for r in reports[0].repairs] == [
        "comment k: edited: true, without a time: Comment.edited is left empty; kept in extra"
    ]


def test_an_emote_alone_keeps_its_markdown_as_text() -> None:
    # body_html holds nothing but an <img>: no text would be left.
    emote = one_comment(
        body="![img](emote|t5_2qh1i|4260)",
        body_html='<div class="md"><p><img src="https://emote.example/4260.png" '
        'width="20" height="20"></p></div>',
    )
    reports: list[ImportReport] = []
    (comment,) = reddit.read(emote, text="html", report=reports.append).comments
    assert comment.state is CommentState.VISIBLE
    assert comment.text == "![img](emote|t5_2qh1i|4260)"
    assert [str(r) for r in reports[0].repairs] == [
        "comment k: text: body_html leaves no text (an image or emote alone): "
        "the text is the Markdown body"
    ]
    (markdown,) = reddit.read(emote).comments
    assert markdown.text == "![img](emote|t5_2qh1i|4260)"


def test_values_that_are_not_text_are_repairs() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    answer = one_comment(author={"name": "x"}).replace(
        '"link_id"', f'"created_utc": {deep}, "link_id"'
    )
    reports: list[ImportReport] = []
    (comment,) = reddit.read(answer, report=reports.append).comments
    assert comment.author is None
    assert comment.published is None
    assert [str(r) for r in reports[0].repairs][:2] == [
        "comment k: author name: an object where text belongs: left out",
        "comment k: created_utc: an array is not a Unix time; left out",
    ]
