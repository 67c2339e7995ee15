"""Threads fetched in pieces: parent ids kept by every importer, and tree.graft putting them back.

The property at the end draws a thread, writes it whole in a platform's
format and reads it (the original), then splits it into pieces at random,
writes each piece as the platform sends one (a Reddit listing and its
"load more" answers, Hacker News items without their story, Disqus and
WordPress exports of part of a thread, Mastodon contexts), reads them and
grafts them: the result is the original.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from html import escape as html_escape
from xml.sax.saxutils import escape as xml_escape

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadkit
import threadkit.strategies as tks
from threadkit import Article, Comment, ImportReport, tree
from threadkit.tree import PARENT_ID, graft

# -- parent ids where the thread lacks the parent ------------------------------------


def test_an_orphan_keeps_its_parent_id_through_every_format() -> None:
    answer = {
        "json": {
            "errors": [],
            "data": {
                "things": [
                    {
                        "kind": "t1",
                        "data": {"id": "k2", "parent_id": "t1_k1", "link_id": "t3_s", "body": "b"},
                    }
                ]
            },
        }
    }
    article = threadkit.loads(json.dumps(answer))
    (comment,) = article.comments
    assert comment.extra[PARENT_ID] == "k1"
    for fmt in (f.name for f in threadkit.FORMATS if f.writable):
        again = threadkit.loads(threadkit.dumps(article, fmt), fmt)
        assert again == article, fmt
        assert again.comments[0].extra[PARENT_ID] == "k1"


def test_an_algolia_comment_keeps_the_id_it_answers_unless_that_is_the_story() -> None:
    def item(parent: int, story: int | None) -> str:
        return json.dumps(
            {"id": 9, "type": "comment", "author": "a", "text": "t", "created_at_i": 0,
             "parent_id": parent, "story_id": story, "children": []}
        )  # fmt: skip

    on_comment = threadkit.loads(item(parent=8, story=1), "hackernews")
    assert on_comment.comments[0].extra[PARENT_ID] == "8"
    on_story = threadkit.loads(item(parent=1, story=1), "hackernews")
    assert PARENT_ID not in on_story.comments[0].extra
    unknown = threadkit.loads(item(parent=1, story=None), "hackernews")
    assert unknown.comments[0].extra[PARENT_ID] == "1"


def test_a_mastodon_status_that_is_a_reply_gives_its_id_to_its_replies() -> None:
    def document(in_reply_to: str | None) -> str:
        status = {
            "id": "5",
            "content": "<p>mid-thread</p>",
            "in_reply_to_id": in_reply_to,
            "in_reply_to_account_id": None,
        }
        replies = [
            {"id": "6", "in_reply_to_id": "5", "content": "<p>below</p>"},
            {"id": "7", "in_reply_to_id": "6", "content": "<p>deeper</p>"},
        ]
        return json.dumps({"status": status, "context": {"descendants": replies}})  # fmt: skip

    reply = threadkit.loads(document("4"), "mastodon")
    assert reply.comments[0].extra[PARENT_ID] == "5"
    assert PARENT_ID not in reply.comments[0].replies[0].extra
    root = threadkit.loads(document(None), "mastodon")
    assert PARENT_ID not in root.comments[0].extra


def test_orphans_dropped_or_refused_keep_nothing() -> None:
    items = [{"id": 1, "type": "story", "title": "S"},
             {"id": 3, "type": "comment", "parent": 2, "text": "orphan"}]  # fmt: skip
    assert threadkit.loads(json.dumps(items), "hackernews", orphans="drop").comments == ()
    with pytest.raises(threadkit.RebuildError):
        threadkit.loads(json.dumps(items), "hackernews", orphans="error")


# -- the property ----------------------------------------------------------------------


@attrs.frozen
class Drawn:
    """A thread: comment *n* answers ``parents[n]`` (-1 for the article), in pre-order."""

    parents: tuple[int, ...]
    texts: tuple[str, ...]
    parts: tuple[int, ...]  # the piece each comment is sent in; 0 is the first piece

    @property
    def pieces(self) -> int:
        return max(self.parts, default=0) + 1


@st.composite
def threads(draw: st.DrawFn) -> Drawn:
    size = draw(st.integers(0, 14))
    # Parents drawn among the comments before, then listed in pre-order, so
    # that the order of siblings is the order of the list.
    raw = [draw(st.integers(-1, n - 1)) for n in range(size)]
    children: dict[int, list[int]] = {}
    for n, parent in enumerate(raw):
        children.setdefault(parent, []).append(n)
    order: list[int] = []
    stack = list(reversed(children.get(-1, [])))
    while stack:
        n = stack.pop()
        order.append(n)
        stack.extend(reversed(children.get(n, [])))
    position = {n: k for k, n in enumerate(order)}
    parents = tuple(-1 if raw[n] == -1 else position[raw[n]] for n in order)
    texts = tuple(
        draw(st.text(st.sampled_from("ab <&>\"'é"), min_size=1, max_size=8).map(str.strip)) or "x"
        for _ in order
    )
    pieces = draw(st.integers(1, 5))
    parts = [draw(st.integers(0, pieces - 1)) for _ in order]
    # A platform sends a comment's replies in order: no reply sent before
    # one listed above it under the same parent.
    last: dict[int, int] = {}
    for n, parent in enumerate(parents):
        parts[n] = max(parts[n], last.get(parent, 0))
        last[parent] = parts[n]
    return Drawn(parents, texts, tuple(parts))


def cid(n: int) -> str:
    return f"c{n}"


def kids(thread: Drawn, n: int) -> list[int]:
    return [k for k, parent in enumerate(thread.parents) if parent == n]


# Each writer makes the sources of one platform: the whole thread (piece
# None), or one piece of it (the comments sent in it, each with its parent
# as the platform names it).


def reddit(thread: Drawn, piece: int | None) -> list[str]:
    def thing(n: int, nest: set[int]) -> dict[str, object]:
        parent = thread.parents[n]
        below = [k for k in kids(thread, n) if k in nest]
        replies: object = ""
        if below:
            replies = {"kind": "Listing", "data": {"children": [thing(k, nest) for k in below]}}
        data = {
            "id": cid(n),
            "parent_id": "t3_s" if parent == -1 else f"t1_{cid(parent)}",
            "link_id": "t3_s",
            "author": f"u{n % 3}",
            "body": thread.texts[n],
            "created_utc": 1_600_000_000 + n,
            "replies": replies,
        }
        return {"kind": "t1", "data": data}

    chosen = {n for n in range(len(thread.parents)) if piece in (None, thread.parts[n])}
    tops = [n for n in sorted(chosen) if thread.parents[n] not in chosen]
    if piece:
        # A "load more" answer: flat, each comment naming its parent.
        things = [thing(n, set()) for n in sorted(chosen)]
        return [json.dumps({"json": {"errors": [], "data": {"things": things}}})]
    post = {"kind": "t3", "data": {"id": "s", "title": "The submission", "num_comments": 3}}
    listing = {"kind": "Listing", "data": {"children": [thing(n, chosen) for n in tops]}}
    return [json.dumps([{"kind": "Listing", "data": {"children": [post]}}, listing])]


def hackernews(thread: Drawn, piece: int | None) -> list[str]:
    story = {"id": 1, "type": "story", "title": "The story", "by": "op", "time": 100,
             "kids": [100 + k for k in kids(thread, -1)]}  # fmt: skip
    items: list[dict[str, object]] = [story] if not piece else []
    for n, parent in enumerate(thread.parents):
        if piece in (None, thread.parts[n]):
            items.append(
                {"id": 100 + n, "type": "comment", "by": f"u{n % 3}", "time": 200 + n,
                 "parent": 1 if parent == -1 else 100 + parent,
                 "text": html_escape(thread.texts[n]), "kids": [100 + k for k in kids(thread, n)]}
            )  # fmt: skip
    return [json.dumps(items)] if items else []


def mastodon(thread: Drawn, piece: int | None) -> list[str]:
    status = {"id": "1", "content": "<p>The status</p>", "in_reply_to_id": None,
              "in_reply_to_account_id": None, "created_at": "2024-01-01T00:00:00Z"}  # fmt: skip
    replies = [
        {"id": str(100 + n), "in_reply_to_id": "1" if parent == -1 else str(100 + parent),
         "content": f"<p>{html_escape(thread.texts[n])}</p>", "account": {"id": str(n % 3)}}
        for n, parent in enumerate(thread.parents)
        if piece in (None, thread.parts[n])
    ]  # fmt: skip
    return [json.dumps({"status": status, "context": {"ancestors": [], "descendants": replies}})]


def disqus(thread: Drawn, piece: int | None) -> list[str]:
    posts = []
    for n, parent in enumerate(thread.parents):
        if piece in (None, thread.parts[n]):
            above = "" if parent == -1 else f'<parent dsq:id="{cid(parent)}"/>'
            posts.append(
                f'<post dsq:id="{cid(n)}"><message>{xml_escape(html_escape(thread.texts[n]))}'
                f'</message><author><name>u{n % 3}</name></author><thread dsq:id="t"/>{above}'
                "</post>"
            )
    return [
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="t"><title>The thread</title><link>https://x.example/a</link></thread>'
        + "".join(posts)
        + "</disqus>"
    ]


def wordpress(thread: Drawn, piece: int | None) -> list[str]:
    comments = []
    for n, parent in enumerate(thread.parents):
        if piece in (None, thread.parts[n]):
            comments.append(
                f"<wp:comment><wp:comment_id>{cid(n)}</wp:comment_id>"
                f"<wp:comment_author>u{n % 3}</wp:comment_author>"
                f"<wp:comment_content>{xml_escape(html_escape(thread.texts[n]))}"
                "</wp:comment_content>"
                f"<wp:comment_parent>{0 if parent == -1 else cid(parent)}</wp:comment_parent>"
                "</wp:comment>"
            )
    return [
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Blog</title>'
        "<item><title>The post</title><wp:post_id>7</wp:post_id>"
        "<wp:post_type>post</wp:post_type>" + "".join(comments) + "</item></channel></rss>"
    ]


Writer = Callable[[Drawn, "int | None"], Sequence[str]]
WRITERS: dict[str, Writer] = {
    "reddit": reddit,
    "hackernews": hackernews,
    "mastodon": mastodon,
    "disqus": disqus,
    "wordpress": wordpress,
}


def read(sources: Sequence[str], fmt: str) -> list[Article]:
    articles: list[Article] = []
    for source in sources:
        articles.extend(threadkit.loads_all(source, fmt))
    return articles


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@given(thread=threads())
def test_a_thread_split_at_random_and_grafted_is_the_thread(fmt: str, thread: Drawn) -> None:
    write = WRITERS[fmt]
    (original,) = read(write(thread, None), fmt)
    assert original.comment_count == len(thread.parents)
    first, *rest = [read(write(thread, piece), fmt) for piece in range(thread.pieces)]
    (base,) = first
    parts = [article for pieces in rest for article in pieces]
    # Hacker News comments read without their story name it as their parent.
    grafted = graft(base, *parts, article_id="1" if fmt == "hackernews" else None)
    assert grafted.article == original
    assert grafted.report.missing == ()
    assert grafted.report.added == len(thread.parents) - base.comment_count


# The same over any article the model holds, its pieces made as an importer
# leaves them: each piece's comments whose parent is in another piece at the
# top level, naming the parent by id.


@given(tks.articles(), st.data())
def test_any_article_split_at_random_and_grafted_is_the_article(
    article: Article, data: st.DataObject
) -> None:
    numbered = iter(range(1_000_000))
    # Ids told apart, and no parent id of its own, so that ids are what graft matches.
    article = tree.map(
        article,
        lambda comment: attrs.evolve(
            comment,
            id=f"n{next(numbered)}",
            extra={k: v for k, v in comment.extra.items() if k != PARENT_ID},
        ),
    )
    comments = [record.comment for record in tree.flatten(article)]
    # Positions from 0: flatten's keys count from 1.
    parents = [
        None if record.parent is None else record.parent - 1 for record in tree.flatten(article)
    ]
    pieces = data.draw(st.integers(1, 4))
    part = [data.draw(st.integers(0, pieces - 1)) for _ in comments]
    last: dict[object, int] = {}
    for n, parent in enumerate(parents):
        part[n] = max(part[n], last.get(parent, 0))
        last[parent] = part[n]
    made: list[Article] = []
    for piece in range(pieces):
        triples: list[tuple[int, object, Comment]] = []
        for n, (comment, parent) in enumerate(zip(comments, parents, strict=True)):
            if part[n] != piece:
                continue
            if isinstance(parent, int) and part[parent] != piece:
                above = comments[parent].id
                assert above is not None
                comment = attrs.evolve(comment, extra={**comment.extra, PARENT_ID: above})
                parent = None
            triples.append((n, parent, comment))
        rebuilt = tree.rebuild(triples).comments  # type: ignore[arg-type]
        if piece == 0:
            made.append(attrs.evolve(article, comments=rebuilt))
        else:
            made.append(Article(title="a piece", comments=rebuilt))
    grafted = graft(made[0], *made[1:])
    assert grafted.article == article
    assert grafted.report.clean


def test_reports_of_pieces_name_their_orphans() -> None:
    thread = Drawn(parents=(-1, 0, 1), texts=("a", "b", "c"), parts=(0, 1, 1))
    reports: list[ImportReport] = []
    piece = reddit(thread, 1)[0]
    threadkit.loads(piece, report=reports.append)
    assert reports[0].rebuild.orphans == ("c1",)
