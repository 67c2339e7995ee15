"""tree.graft: a thread fetched in pieces put back together, on small hand-written pieces."""

from __future__ import annotations

from typing import Any

import pytest

from threadkit import Article, Comment, tree
from threadkit.errors import RebuildError
from threadkit.tree import PARENT_ID, graft


def c(text: str, *replies: Comment, **fields: Any) -> Comment:
    """A comment whose id is its text."""
    return Comment(text=text, id=text, replies=replies, **fields)


def orphan(text: str, parent: str, *replies: Comment) -> Comment:
    """A comment as an importer leaves one whose parent is not in its source."""
    return c(text, *replies, extra={PARENT_ID: parent})


def shape(article: Article) -> list[tuple[int, str]]:
    return [(visit.depth, visit.comment.text) for visit in article.visits()]


# The article:  a            and the parts fetched later:
#               └── b        part 1:  c (answers b) ── d;  e (answers the article)
#               f            part 2:  g (answers d)
BASE = Article(title="T", body="the article's own", comments=(c("a", c("b")), c("f")))


def test_parts_go_under_the_comments_they_answer() -> None:
    part1 = Article(title="part", comments=(orphan("c", "b", c("d")), c("e")))
    part2 = Article(title="part", comments=(orphan("g", "d"),))
    grafted = graft(BASE, part1, part2)
    expected = Article(
        title="T",
        body="the article's own",
        comments=(c("a", c("b", c("c", c("d", c("g"))))), c("f"), c("e")),
    )
    assert grafted.article == expected
    report = grafted.report
    assert (report.parts, report.added, report.attached, report.missing) == (2, 4, ("c", "g"), ())
    assert report.clean
    assert str(report) == (
        "grafted 2 parts: 4 comment(s) added, 2 attached to their parent, "
        "0 whose parent is still missing"
    )


def test_parts_come_in_any_order() -> None:
    # g answers d, which only the part after it holds.
    later = Article(title="part", comments=(orphan("c", "b", c("d")),))
    earlier = Article(title="part", comments=(orphan("g", "d"),))
    grafted = graft(BASE, earlier, later)
    assert shape(grafted.article) == [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "g"), (1, "f")]
    assert grafted.report.attached == ("g", "c")


def test_a_parent_still_missing_keeps_its_id_and_is_reported() -> None:
    part = Article(title="part", comments=(orphan("c", "zz"), orphan("d", "a")))
    grafted = graft(BASE, part)
    assert grafted.article.comments == (
        c("a", c("b"), c("d")),
        c("f"),
        orphan("c", "zz"),
    )
    assert grafted.report.missing == ("c",)
    assert grafted.report.attached == ("d",)
    assert not grafted.report.clean
    assert str(grafted.report).endswith("1 whose parent is still missing")


def test_an_orphan_of_the_article_itself_finds_its_parent_in_a_part() -> None:
    base = Article(title="T", comments=(c("a"), orphan("x", "p")))
    part = Article(title="part", comments=(orphan("p", "a"),))
    grafted = graft(base, part)
    assert grafted.article.comments == (c("a", c("p", c("x"))),)
    assert grafted.report.attached == ("x", "p")


def test_the_article_id_names_the_top_level() -> None:
    # Hacker News comments read without their story name the story as parent.
    part = Article(title="Hacker News item 8863", comments=(orphan("k", "8863"),))
    without = graft(BASE, part)
    assert without.report.missing == ("k",)
    assert without.article.comments[-1] == orphan("k", "8863")
    grafted = graft(BASE, part, article_id="8863")
    assert grafted.article.comments == (*BASE.comments, c("k"))
    assert grafted.report.attached == ("k",)
    assert grafted.report.missing == ()


def test_nothing_to_graft_gives_the_article_back() -> None:
    grafted = graft(BASE)
    assert grafted.article is BASE
    assert grafted.report.added == 0
    empty = graft(BASE, Article(title="an empty answer"))
    assert empty.article is BASE
    assert str(empty.report) == (
        "grafted 1 part: 0 comment(s) added, 0 attached to their parent, "
        "0 whose parent is still missing"
    )


def test_a_repeated_comment_follows_the_duplicates_policy() -> None:
    # A "continue this thread" page repeats b, the comment it continues.
    same = Article(title="page", comments=(orphan("b", "a", c("c")),))
    grafted = graft(BASE, same)
    assert shape(grafted.article) == [(1, "a"), (2, "b"), (3, "c"), (1, "f")]
    assert grafted.report.rebuild.duplicates == ("b",)
    assert grafted.report.rebuild.dropped == ("b",)
    assert grafted.report.added == 1
    assert grafted.report.attached == ()

    # Fetched later, b has another score: kept as a comment of its own by
    # default, its replies still under the first b; dropped with "first".
    changed = Article(title="page", comments=(c("b", c("c"), score=3, extra={PARENT_ID: "a"}),))
    kept = graft(BASE, changed)
    assert kept.article.comments == (c("a", c("b", c("c")), c("b", score=3)), c("f"))
    first = graft(BASE, changed, duplicates="first")
    assert first.article.comments == (c("a", c("b", c("c"))), c("f"))
    with pytest.raises(RebuildError) as caught:
        graft(BASE, changed, duplicates="error")
    assert caught.value.keys == ("b",)


def test_a_cycle_is_broken_and_loses_no_parent_id() -> None:
    part1 = Article(title="part", comments=(orphan("x", "y"),))
    part2 = Article(title="part", comments=(orphan("y", "x"),))
    grafted = graft(BASE, part1, part2)
    # x comes first, so x goes to the top level, keeping the id it named.
    assert grafted.article.comments == (*BASE.comments, orphan("x", "y", c("y")))
    assert grafted.report.rebuild.cycles == ("x",)
    assert grafted.report.attached == ("y",)
    with pytest.raises(RebuildError):
        graft(BASE, part1, part2, cycles="error")


def test_comments_without_ids_keep_their_place() -> None:
    anonymous = Comment(text="no id", replies=(Comment(text="below it"),))
    part = Article(
        title="part",
        comments=(Comment(text="no id either", extra={PARENT_ID: "f"}), anonymous),
    )
    grafted = graft(BASE, part)
    assert grafted.article.comments == (
        c("a", c("b")),
        c("f", Comment(text="no id either")),
        anonymous,
    )
    assert grafted.report.attached == ((1, 0),)


def test_other_extra_and_fields_stay() -> None:
    part = Article(
        title="part",
        comments=(c("c", extra={PARENT_ID: "b", "reddit": {"depth": 2}}, score=4),),
    )
    grafted = graft(BASE, part)
    assert grafted.article.comments[0].replies[0].replies == (
        c("c", extra={"reddit": {"depth": 2}}, score=4),
    )


def test_only_articles_are_grafted() -> None:
    with pytest.raises(TypeError, match="part 1 must be an Article, not Comment"):
        graft(BASE, c("x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="the article must be an Article"):
        graft(c("x"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duplicates"):
        graft(BASE, duplicates="last")  # type: ignore[arg-type]


def chain(numbers: range, **fields: Any) -> Comment:
    """The comments numbered *numbers*, each replying to the one before; the first on top."""
    below: tuple[Comment, ...] = ()
    for number in reversed(numbers[1:]):
        below = (Comment(text=str(number), id=str(number), replies=below),)
    first = numbers[0]
    return Comment(text=str(first), id=str(first), replies=below, **fields)


def test_a_deep_chain_grafts_without_recursion() -> None:
    n = 100_000
    # The chain 0 -> 1 -> ... -> n-1, cut in two halves; the lower half's top
    # names its parent.
    upper = chain(range(n // 2))
    lower = chain(range(n // 2, n), extra={PARENT_ID: str(n // 2 - 1)})
    grafted = graft(Article(title="T", comments=(upper,)), Article(title="part", comments=(lower,)))
    assert tree.depth(grafted.article) == n
    assert grafted.article.comment_count == n
    assert grafted.report.attached == (str(n // 2),)
    assert [comment.text for comment in grafted.article.walk()] == [str(k) for k in range(n)]
    assert all(not comment.extra for comment in grafted.article.walk())
