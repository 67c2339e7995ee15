"""The Hacker News importer on small item files written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState, ImportReport, Repair, UnloadedReplies
from threadkit.importers import hackernews

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
ITEM = "https://news.ycombinator.com/item?id="


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def hn(name: str) -> Author:
    return Author(name=name, id=name)


def comment_extra(**more: object) -> dict[str, object]:
    return {"hackernews": {"type": "comment", **more}}


def test_firebase_items_in_any_order() -> None:
    reports: list[ImportReport] = []
    article = hackernews.read((DATA / "hn_items.json").read_bytes(), report=reports.append)
    expected = Article(
        title="Show HN: A tiny bridge simulator",
        authors=(hn("poster"),),
        published=utc(2020, 9, 13, 12, 26, 40),
        url="https://example.com/bridge",
        site="Hacker News",
        extra={
            "hackernews": {
                "id": 100,
                "type": "story",
                "score": 57,
                "descendants": 6,
                "kids": [101, 104, 105],
            }
        },
        comments=(
            Comment(
                text="Nice work.\nDoes it model wind?\n\n  load = 3 * span\n  check(load)",
                author=hn("bo"),
                id="101",
                published=utc(2020, 9, 13, 12, 27, 30),
                url=ITEM + "101",
                extra=comment_extra(kids=[102, 103, 106]),
                replies=(
                    Comment(
                        text="Agreed.\n\nSecond paragraph with emphasis & an entity: &lt;tag&gt;",
                        author=hn("ann"),
                        id="102",
                        published=utc(2020, 9, 13, 12, 28, 20),
                        url=ITEM + "102",
                        extra=comment_extra(),
                    ),
                    Comment(
                        text="",
                        id="103",
                        published=utc(2020, 9, 13, 12, 30, 0),
                        state=CommentState.DELETED,
                        url=ITEM + "103",
                        extra=comment_extra(),
                    ),
                ),
            ),
            Comment(
                text="Buy now",
                author=hn("spammer"),
                id="104",
                published=utc(2020, 9, 13, 12, 31, 40),
                state=CommentState.REMOVED,
                url=ITEM + "104",
                extra=comment_extra(),
            ),
            Comment(
                text="",
                id="105",
                published=utc(2020, 9, 13, 12, 33, 20),
                url=ITEM + "105",
                extra=comment_extra(),
            ),
        ),
    )
    assert article == expected
    (report,) = reports
    assert report.rebuild.out_of_order == ("102",)
    assert report.rebuild.clean
    assert report.unloaded == (UnloadedReplies(parent="101", ids=("106",)),)
    assert report.repairs == (
        Repair(where="items", message="$[3] is null (an item that does not exist); skipped"),
    )


def test_siblings_follow_kids_not_the_file() -> None:
    items = [
        {"id": 1, "type": "story", "title": "S", "kids": [4, 2, 3]},
        {"id": 2, "type": "comment", "parent": 1, "text": "two"},
        {"id": 3, "type": "comment", "parent": 1, "text": "three"},
        {"id": 4, "type": "comment", "parent": 1, "text": "four"},
        {"id": 5, "type": "comment", "parent": 1, "text": "not in kids"},
    ]
    article = hackernews.read(json.dumps(items))
    assert [c.text for c in article.comments] == ["four", "two", "three", "not in kids"]


def test_several_stories_make_several_articles() -> None:
    data = (DATA / "hn_two_stories.json").read_text()
    reports: list[ImportReport] = []
    articles = list(hackernews.read_all(data, report=reports.append))
    assert articles == [
        Article(
            title="First story",
            authors=(hn("a"),),
            published=utc(2017, 7, 14, 2, 40, 0),
            url=ITEM + "1",
            site="Hacker News",
            extra={"hackernews": {"id": 1, "type": "story", "kids": [2]}},
            comments=(
                Comment(
                    text="On the first.",
                    author=hn("b"),
                    id="2",
                    published=utc(2017, 7, 14, 2, 41, 0),
                    url=ITEM + "2",
                    extra=comment_extra(),
                ),
            ),
        ),
        Article(
            title="Second story",
            authors=(hn("c"),),
            published=utc(2017, 7, 14, 2, 42, 0),
            url=ITEM + "3",
            site="Hacker News",
            extra={"hackernews": {"id": 3, "type": "story", "kids": [4]}},
            comments=(
                Comment(
                    text="On the second.",
                    author=hn("d"),
                    id="4",
                    published=utc(2017, 7, 14, 2, 43, 0),
                    url=ITEM + "4",
                    extra=comment_extra(kids=[5]),
                    replies=(
                        Comment(
                            text="Deeper.",
                            author=hn("e"),
                            id="5",
                            published=utc(2017, 7, 14, 2, 44, 0),
                            url=ITEM + "5",
                            extra=comment_extra(),
                        ),
                    ),
                ),
            ),
        ),
        Article(
            title="Hacker News item 6",
            url=ITEM + "6",
            site="Hacker News",
            extra={"hackernews": {"id": 6, "missing": True}},
            comments=(
                Comment(
                    text="Story not here.",
                    author=hn("f"),
                    id="7",
                    published=utc(2017, 7, 14, 2, 45, 0),
                    url=ITEM + "7",
                    # Item 6 may be a story or a comment: its id is kept for tree.graft.
                    extra={"parent_id": "6", **comment_extra()},
                ),
            ),
        ),
    ]
    assert [report.index for report in reports] == [0, 1, 2]
    with pytest.raises(threadkit.ParseError, match="load_all"):
        hackernews.read(data)
    assert len(list(threadkit.loads_all(data))) == 3


def test_with_one_story_a_broken_chain_is_an_orphan() -> None:
    items = [
        {"id": 1, "type": "story", "title": "S", "kids": [2]},
        {"id": 2, "type": "comment", "parent": 1, "text": "ok"},
        {"id": 9, "type": "comment", "parent": 8, "text": "parent 8 is missing"},
    ]
    reports: list[ImportReport] = []
    article = hackernews.read(json.dumps(items), report=reports.append)
    assert [c.text for c in article.comments] == ["ok", "parent 8 is missing"]
    assert reports[0].rebuild.orphans == ("9",)
    assert hackernews.read(json.dumps(items), orphans="drop").comment_count == 1


def test_the_algolia_tree() -> None:
    article = hackernews.read((DATA / "hn_algolia.json").read_bytes())

    def algolia(**more: object) -> dict[str, object]:
        return {
            "hackernews": {
                "type": "comment",
                "title": None,
                "url": None,
                "story_id": 500,
                "options": [],
                **more,
            }
        }

    assert article == Article(
        title="Ask HN: How do you read long threads?",
        body="I mean the ones with hundreds of replies.\n\nAny tools?",
        authors=(hn("writer"),),
        published=utc(2021, 3, 4, 5, 6, 7),
        url=ITEM + "500",
        site="Hacker News",
        extra={
            "hackernews": {
                "id": 500,
                "type": "story",
                "story_id": 500,
                "options": [],
                "points": 12,
            }
        },
        comments=(
            Comment(
                text="I collapse them.",
                author=hn("reader1"),
                id="501",
                published=utc(2021, 3, 4, 5, 10, 0),
                url=ITEM + "501",
                extra=algolia(),
                replies=(
                    Comment(
                        text="",
                        id="502",
                        published=utc(2021, 3, 4, 5, 12, 0),
                        state=CommentState.DELETED,
                        url=ITEM + "502",
                        extra=algolia(),
                        replies=(
                            Comment(
                                text="Replying to a deleted one.",
                                author=hn("reader3"),
                                id="503",
                                published=utc(2021, 3, 4, 5, 15, 0),
                                score=2,
                                url=ITEM + "503",
                                extra=algolia(),
                            ),
                        ),
                    ),
                ),
            ),
            Comment(
                text="Threadkit?",
                author=hn("reader4"),
                id="504",
                published=utc(2021, 3, 4, 6, 0, 0),
                url=ITEM + "504",
                extra=algolia(),
            ),
        ),
    )


def test_a_deep_algolia_tree_needs_no_recursion() -> None:
    depth = 2500
    text = (
        '{"id": 1, "type": "story", "title": "Deep", "children": ['
        + "".join(
            f'{{"id": {n}, "type": "comment", "author": "u", "text": "{n}", "children": ['
            for n in range(2, depth + 2)
        )
        + "]}" * depth
        + "]}"
    )
    article = hackernews.read(text)
    assert article.depth == depth
    assert list(article.walk())[-1].id == str(depth + 1)


def test_a_lone_comment_stands_for_what_it_answers() -> None:
    item = {"id": 20, "type": "comment", "by": "z", "parent": 10, "time": 0, "kids": [21]}
    reports: list[ImportReport] = []
    article = hackernews.read(json.dumps(item), report=reports.append)
    assert article == Article(
        title="Hacker News item 10",
        url=ITEM + "10",
        site="Hacker News",
        extra={"hackernews": {"id": 10, "missing": True}},
        comments=(
            Comment(
                text="",
                author=hn("z"),
                id="20",
                published=utc(1970, 1, 1, 0, 0, 0),
                url=ITEM + "20",
                extra={"parent_id": "10", **comment_extra(kids=[21])},
            ),
        ),
    )
    assert reports[0].unloaded == (UnloadedReplies(parent="20", ids=("21",)),)


@pytest.mark.parametrize(
    ("text", "message", "path"),
    [
        ('"story"', "expected an item object or an array", "$"),
        ("[1]", "expected a Hacker News item", "$[0]"),
        ('[{"type": "story"}]', "integer id", "$[0]"),
        ('{"id": "jl", "about": "", "submitted": []}', "a Hacker News user", "$"),
        ('{"id": 1, "type": "story", "children": [{"id": "x"}]}', "integer id", "$.children[0]"),
    ],
)
def test_not_items_are_parse_errors(text: str, message: str, path: str) -> None:
    with pytest.raises(threadkit.ParseError, match=message) as caught:
        list(hackernews.read_all(text))
    assert caught.value.path == path


def test_sniffing() -> None:
    assert hackernews.sniff((DATA / "hn_items.json").read_text())
    assert hackernews.sniff((DATA / "hn_algolia.json").read_text())
    assert hackernews.sniff('{\n  "by" : "tel",\n  "id" : 1,\n  "type" : "story"\n}')
    assert not hackernews.sniff('{"id": "jl", "karma": 1, "submitted": [1]}')
    assert not hackernews.sniff('[{"username": "x", "comment": "y", "children": []}]')
    assert not hackernews.sniff('{"ancestors": [], "descendants": []}')


def test_descendants_count_what_is_not_read() -> None:
    items = [
        {"id": 1, "type": "story", "title": "S", "descendants": 6, "kids": [2, 3, 4]},
        {"id": 2, "type": "comment", "parent": 1, "text": "read", "kids": [5]},
        {"id": 3, "type": "comment", "parent": 1, "deleted": True},
        {"id": 5, "type": "comment", "parent": 2, "text": "read too"},
    ]
    reports: list[ImportReport] = []
    hackernews.read(json.dumps(items), report=reports.append)
    (report,) = reports
    # 6 descendants, of which 2 read (the deleted one is not among HN's count).
    assert report.unloaded_total == 4
    assert report.unloaded_count == 4
    assert report.unloaded == (UnloadedReplies(parent=None, ids=("4",)),)
    # Without descendants, kids name the direct replies only: how many is unknown.
    del items[0]["descendants"]
    reports.clear()
    hackernews.read(json.dumps(items), report=reports.append)
    assert reports[0].unloaded_total is None
    assert reports[0].unloaded_count is None
    assert reports[0].unloaded_minimum == 1
