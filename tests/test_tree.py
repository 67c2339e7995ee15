"""Tree operations on small hand-written threads, and their properties over generated ones."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadkit.strategies as tks
from threadkit import Article, Author, Comment, CommentState, ThreadkitError, tree
from threadkit.errors import CommentNotFoundError, RebuildError
from threadkit.tree import RebuildReport, Record, Visit, rebuild


def c(text: str, *replies: Comment, **fields: Any) -> Comment:
    return Comment(text=text, replies=replies, **fields)


def texts(comments: Any) -> list[str]:
    return [comment.text for comment in comments]


# The thread used throughout:
#
#   a            f
#   ├── b        ├── g
#   │   └── c    └── h
#   │       └── d    └── i
#   └── e
D = c("d")
C = c("c", D)
B = c("b", C)
E = c("e")
A = c("a", B, E)
G = c("g")
I = c("i")  # noqa: E741
H = c("h", I)
F = c("f", G, H)
ARTICLE = Article(title="Thread", comments=(A, F))


# -- walking --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("pre", "abcdefghi"),
        ("post", "dcbeagihf"),
        ("breadth", "afbeghcid"),
    ],
)
def test_walk_orders_on_an_article(order: tree.Order, expected: str) -> None:
    assert "".join(texts(tree.walk(ARTICLE, order))) == expected
    assert "".join(texts(ARTICLE.walk(order))) == expected


@pytest.mark.parametrize(
    ("order", "expected"),
    [("pre", "bcd"), ("post", "dcb"), ("breadth", "bcd")],
)
def test_walk_from_a_comment_includes_it(order: tree.Order, expected: str) -> None:
    assert "".join(texts(B.walk(order))) == expected


def test_walk_from_a_comment_in_breadth_order() -> None:
    assert "".join(texts(A.walk("breadth"))) == "abecd"
    assert "".join(texts(A.walk("post"))) == "dcbea"


def test_walk_yields_the_objects_of_the_thread() -> None:
    walked = list(ARTICLE.walk())
    for got, expected in zip(walked, [A, B, C, D, E, F, G, H, I], strict=True):
        assert got is expected


def test_walk_default_order_is_pre() -> None:
    assert texts(ARTICLE.walk()) == list("abcdefghi")
    assert texts(tree.walk(ARTICLE)) == list("abcdefghi")


def test_walk_of_an_article_without_comments() -> None:
    empty = Article(title="Empty")
    for order in ("pre", "post", "breadth"):
        assert list(empty.walk(order)) == []  # type: ignore[arg-type]
        assert list(empty.visits(order)) == []  # type: ignore[arg-type]


def test_walk_refuses_an_unknown_order() -> None:
    with pytest.raises(ValueError, match="order"):
        ARTICLE.walk("level")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="order"):
        ARTICLE.visits("in")  # type: ignore[arg-type]


def test_tree_functions_refuse_other_nodes() -> None:
    with pytest.raises(TypeError, match="Article or a Comment"):
        tree.walk("a")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tree.flatten([A])  # type: ignore[arg-type]


PRE_VISITS = [
    ("a", 1, None),
    ("b", 2, "a"),
    ("c", 3, "b"),
    ("d", 4, "c"),
    ("e", 2, "a"),
    ("f", 1, None),
    ("g", 2, "f"),
    ("h", 2, "f"),
    ("i", 3, "h"),
]


def summary(visits: Any) -> list[tuple[str, int, str | None]]:
    return [(v.comment.text, v.depth, None if v.parent is None else v.parent.text) for v in visits]


def test_visits_carry_depth_and_parent_in_each_order() -> None:
    assert summary(ARTICLE.visits("pre")) == PRE_VISITS
    by_text = {text: (text, level, parent) for text, level, parent in PRE_VISITS}
    assert summary(ARTICLE.visits("post")) == [by_text[t] for t in "dcbeagihf"]
    assert summary(ARTICLE.visits("breadth")) == [by_text[t] for t in "afbeghcid"]


def test_visits_parent_is_the_parent_object() -> None:
    visits = list(ARTICLE.visits())
    assert visits[3] == Visit(D, 4, C)
    assert visits[3].parent is C
    assert visits[8].parent is H


def test_visits_from_a_comment_start_at_depth_one() -> None:
    assert summary(B.visits()) == [("b", 1, None), ("c", 2, "b"), ("d", 3, "c")]
    assert summary(H.visits("post")) == [("i", 2, "h"), ("h", 1, None)]


# -- counting and depth -------------------------------------------------------------------


def test_counts() -> None:
    assert ARTICLE.comment_count == 9
    assert tree.count(ARTICLE) == 9
    assert Article(title="T").comment_count == 0
    assert (A.reply_count, A.descendant_count) == (2, 4)
    assert (F.reply_count, F.descendant_count) == (2, 3)
    assert (D.reply_count, D.descendant_count) == (0, 0)
    assert tree.count(A) == 5


def test_depth() -> None:
    assert ARTICLE.depth == 4
    assert Article(title="T").depth == 0
    assert Article(title="T", comments=(c("x"), c("y"))).depth == 1
    assert Article(title="T", comments=(F,)).depth == 3
    assert A.depth == 4
    assert B.depth == 3
    assert D.depth == 1
    assert tree.depth(H) == 2


def test_descendant_counts_follow_the_walk() -> None:
    # a: b c d e below it; b: c d; c: d; f: g h i; h: i.
    assert tree.descendant_counts(ARTICLE) == (4, 2, 1, 0, 0, 3, 0, 1, 0)
    assert tree.descendant_counts(A) == (4, 2, 1, 0, 0)
    assert tree.descendant_counts(D) == (0,)
    assert tree.descendant_counts(Article(title="T")) == ()


# -- statistics ---------------------------------------------------------------------------


def test_stats_of_an_article() -> None:
    named = Article(
        title="T",
        comments=(
            c("a", c("b", author=Author(name="Bo")), c("c", author=Author(name="Al"))),
            c("d", c("e", author=Author(id="7")), c("f"), c("g"), author=Author(name="Al")),
            c("h", c("i", c("j"))),
        ),
    )
    assert tree.stats(named) == tree.ThreadStats(
        comments=10,
        top_level_comments=3,
        depth=3,
        participants=2,  # Al twice, Bo; an author without a name is no participant
        replies_per_comment=0.7,
        most_replied=named.comments[1],
    )
    assert tree.stats(named).most_replied is named.comments[1]


def test_stats_pick_the_first_of_the_most_replied_in_pre_order() -> None:
    stats = tree.stats(ARTICLE)
    assert (stats.comments, stats.top_level_comments, stats.depth) == (9, 2, 4)
    assert stats.participants == 0
    assert stats.replies_per_comment == pytest.approx(7 / 9)
    assert stats.most_replied is A  # a and f both have two replies


def test_stats_of_a_comment_and_of_nothing() -> None:
    assert tree.stats(B) == tree.ThreadStats(
        comments=3,
        top_level_comments=1,
        depth=3,
        participants=0,
        replies_per_comment=pytest.approx(2 / 3),
        most_replied=B,
    )
    assert tree.stats(Article(title="T")) == tree.ThreadStats(
        comments=0,
        top_level_comments=0,
        depth=0,
        participants=0,
        replies_per_comment=0.0,
        most_replied=None,
    )
    assert tree.stats(Article(title="T", comments=(c("x"),))).most_replied is None
    with pytest.raises(TypeError, match="an Article, a Comment or articles"):
        tree.stats(5)  # type: ignore[arg-type]


def test_stats_count_deleted_comments_and_the_dates_spanned() -> None:
    utc = UTC
    east = timezone(timedelta(hours=2))
    thread = Article(
        title="T",
        comments=(
            c(
                "a",
                c(
                    "",
                    state=CommentState.DELETED,
                    published=datetime(2024, 9, 15, 1, 0, tzinfo=east),
                ),
                published=datetime(2024, 9, 14, 9, 12, tzinfo=utc),
            ),
            c("", state=CommentState.REMOVED),
            c("s", state=CommentState.SPAM, published=datetime(2024, 9, 16, 8, 0, tzinfo=utc)),
        ),
    )
    stats = tree.stats(thread)
    assert stats.deleted == 2  # deleted and removed; spam is not counted
    # 01:00 at +02:00 is 23:00 UTC the day before: the earliest is still 09:12 UTC.
    assert stats.first_published == datetime(2024, 9, 14, 9, 12, tzinfo=utc)
    assert stats.last_published == datetime(2024, 9, 16, 8, 0, tzinfo=utc)
    assert tree.stats(Article(title="T", comments=(c("x"),))).first_published is None


def test_stats_of_several_articles_count_them_as_one_thread() -> None:
    one = Article(title="1", comments=(c("a", c("b"), author=Author(name="Al")),))
    two = Article(
        title="2", comments=(c("c", author=Author(name="Al")), c("d", author=Author(name="Bo")))
    )
    assert tree.stats([one, two]) == tree.ThreadStats(
        comments=4,
        top_level_comments=3,
        depth=2,
        participants=2,  # Al in both articles is one participant
        replies_per_comment=0.25,
        most_replied=one.comments[0],
    )
    assert tree.stats(iter(())).comments == 0
    with pytest.raises(TypeError, match="expected articles, got Comment"):
        tree.stats([one, c("x")])  # type: ignore[list-item]


# -- searching ----------------------------------------------------------------------------


def test_find_returns_the_first_match_in_pre_order() -> None:
    assert ARTICLE.find(lambda x: x.text in {"c", "g"}) is C
    assert ARTICLE.find(lambda x: not x.replies) is D
    assert ARTICLE.find(lambda x: x.text == "z") is None
    assert B.find(lambda x: True) is B
    assert B.find(lambda x: x.text == "e") is None


def test_ancestors_outermost_first() -> None:
    assert ARTICLE.ancestors(D) == (A, B, C)
    result = tree.ancestors(ARTICLE, D)
    assert [x is y for x, y in zip(result, (A, B, C), strict=True)] == [True] * 3
    assert ARTICLE.ancestors(I) == (F, H)
    assert ARTICLE.ancestors(E) == (A,)
    assert ARTICLE.ancestors(A) == ()
    assert ARTICLE.ancestors(F) == ()


def test_ancestors_from_a_comment_start_at_it() -> None:
    assert B.ancestors(D) == (B, C)
    assert B.ancestors(C) == (B,)
    assert B.ancestors(B) == ()


def test_ancestors_of_a_comment_not_in_the_thread() -> None:
    with pytest.raises(CommentNotFoundError, match="identity"):
        B.ancestors(E)
    # An equal copy is not the comment: matching is by identity.
    copy = c("d")
    assert copy == D
    with pytest.raises(LookupError):
        ARTICLE.ancestors(copy)
    with pytest.raises(ThreadkitError):
        Article(title="T").ancestors(D)


def test_ancestors_when_one_object_appears_twice() -> None:
    shared = c("s")
    article = Article(title="T", comments=(c("p", shared), c("q", c("r", shared))))
    assert texts(article.ancestors(shared)) == ["p"]


# -- prune ------------------------------------------------------------------------------


def test_prune_removes_whole_subtrees_and_reuses_the_rest() -> None:
    pruned = ARTICLE.prune(lambda x: x.text == "b")
    assert pruned == Article(title="Thread", comments=(c("a", c("e")), F))
    assert pruned.comments[1] is F
    assert pruned.comments[0].replies[0] is E
    assert ARTICLE.comment_count == 9  # the original is untouched


def test_prune_at_the_top_level_and_everywhere() -> None:
    assert ARTICLE.prune(lambda x: x.text == "a").comments == (F,)
    assert ARTICLE.prune(lambda x: True).comments == ()
    assert ARTICLE.prune(lambda x: x.text in "di").comments == (
        c("a", c("b", c("c")), E),
        c("f", G, c("h")),
    )


def test_prune_that_removes_nothing_returns_the_same_object() -> None:
    assert ARTICLE.prune(lambda x: False) is ARTICLE
    assert A.prune(lambda x: x.text == "zzz") is A


def test_prune_calls_the_predicate_once_per_comment_in_pre_order_but_not_below_removed() -> None:
    seen: list[str] = []

    def predicate(comment: Comment) -> bool:
        seen.append(comment.text)
        return comment.text in {"b", "h"}

    tree.prune(ARTICLE, predicate)
    assert seen == list("abefgh")


def test_prune_of_a_comment_keeps_the_comment_itself() -> None:
    seen: list[str] = []

    def everything(comment: Comment) -> bool:
        seen.append(comment.text)
        return True

    assert A.prune(everything) == c("a")
    assert seen == ["b", "e"]
    assert A.prune(lambda x: x.text == "a") is A
    assert A.prune(lambda x: x.text == "c") == c("a", c("b"), E)


def test_prune_keeps_every_field() -> None:
    rich = Comment(text="r", id="r1", score=5, extra={"k": 1}, replies=(c("x"), c("y")))
    pruned = rich.prune(lambda x: x.text == "x")
    assert pruned == Comment(text="r", id="r1", score=5, extra={"k": 1}, replies=(c("y"),))
    article = Article(title="T", subtitle="S", tags=("t",), comments=(rich, c("z")))
    assert article.prune(lambda x: x.text == "z") == Article(
        title="T", subtitle="S", tags=("t",), comments=(rich,)
    )


# -- map ----------------------------------------------------------------------------------


def shout(comment: Comment) -> Comment:
    return attrs.evolve(comment, text=comment.text.upper())


def test_map_changes_every_comment_and_keeps_the_shape() -> None:
    mapped = ARTICLE.map(shout)
    expected = Article(
        title="Thread",
        comments=(
            c("A", c("B", c("C", c("D"))), c("E")),
            c("F", c("G"), c("H", c("I"))),
        ),
    )
    assert mapped == expected


def test_map_passes_each_comment_with_its_replies_already_mapped() -> None:
    calls: list[tuple[str, list[str]]] = []

    def record(comment: Comment) -> Comment:
        calls.append((comment.text, texts(comment.replies)))
        return shout(comment)

    tree.map(ARTICLE, record)
    assert calls == [
        ("d", []),
        ("c", ["D"]),
        ("b", ["C"]),
        ("e", []),
        ("a", ["B", "E"]),
        ("g", []),
        ("i", []),
        ("h", ["I"]),
        ("f", ["G", "H"]),
    ]


def test_map_of_a_comment_maps_the_comment_too() -> None:
    assert B.map(shout) == c("B", c("C", c("D")))


def test_map_may_change_replies() -> None:
    def drop_replies_of_b(comment: Comment) -> Comment:
        return attrs.evolve(comment, replies=()) if comment.text == "b" else comment

    assert ARTICLE.map(drop_replies_of_b).comments == (c("a", c("b"), E), F)


def test_map_with_the_identity_reuses_everything() -> None:
    assert ARTICLE.map(lambda x: x) is ARTICLE
    assert A.map(lambda x: x) is A
    changed = ARTICLE.map(lambda x: shout(x) if x.text == "i" else x)
    assert changed.comments[0] is A
    assert changed.comments[1].replies[0] is G
    assert changed.comments[1].replies[1] == c("h", c("I"))


def test_map_refuses_a_function_that_returns_no_comment() -> None:
    with pytest.raises(TypeError, match="must return a Comment"):
        ARTICLE.map(lambda x: x.text)  # type: ignore[arg-type, return-value]
    with pytest.raises(TypeError, match="NoneType"):
        D.map(lambda x: None)  # type: ignore[arg-type, return-value]


# -- sort_replies -----------------------------------------------------------------------


def test_sort_replies_sorts_every_level() -> None:
    by_text_descending = tree.sort_replies(ARTICLE, key=lambda x: x.text, reverse=True)
    assert by_text_descending.comments == (
        c("f", c("h", c("i")), c("g")),
        c("a", c("e"), c("b", c("c", c("d")))),
    )
    assert tree.sort_replies(F, key=lambda x: x.text, reverse=True) == c("f", H, G)


def test_sort_replies_is_stable_and_reuses_sorted_levels() -> None:
    by_reply_count = tree.sort_replies(ARTICLE, key=lambda x: len(x.replies))
    # a and f both have two replies: they keep their order; e (0) moves before b (1).
    assert by_reply_count.comments == (c("a", E, B), F)
    assert by_reply_count.comments[1] is F
    assert tree.sort_replies(ARTICLE, key=lambda x: 0) is ARTICLE
    assert tree.sort_replies(ARTICLE, key=lambda x: 0, reverse=True) is ARTICLE


# -- flatten ------------------------------------------------------------------------------


def test_flatten_gives_pre_order_keys_parents_and_depths() -> None:
    records = ARTICLE.flatten()
    assert [(r.key, r.parent, r.depth, r.comment.text) for r in records] == [
        (1, None, 1, "a"),
        (2, 1, 2, "b"),
        (3, 2, 3, "c"),
        (4, 3, 4, "d"),
        (5, 1, 2, "e"),
        (6, None, 1, "f"),
        (7, 6, 2, "g"),
        (8, 6, 2, "h"),
        (9, 8, 3, "i"),
    ]
    # Records share the thread's comments, replies and all: nothing is copied.
    thread = (A, B, C, D, E, F, G, H, I)
    assert all(r.comment is comment for r, comment in zip(records, thread, strict=True))


def test_flatten_of_a_comment() -> None:
    assert H.flatten() == (
        Record(key=1, parent=None, depth=1, comment=H),
        Record(key=2, parent=1, depth=2, comment=I),
    )
    assert tree.flatten(Article(title="T")) == ()


def test_a_record_is_a_named_tuple() -> None:
    key, parent, depth, comment = record = ARTICLE.flatten()[1]
    assert (key, parent, depth, comment) == (2, 1, 2, B)
    assert record == Record(2, 1, 2, B) == (2, 1, 2, B)
    assert record._replace(comment=D).comment is D


def test_rebuild_refuses_a_record_without_a_comment() -> None:
    with pytest.raises(TypeError, match=r"items\[1\]: the comment must be a Comment, not str"):
        rebuild([Record(0, None, 1, D), Record(1, 0, 2, "d")])  # type: ignore[arg-type]


def test_rebuild_of_flatten_shares_every_comment() -> None:
    rebuilt = rebuild(ARTICLE.flatten()).comments
    assert [id(comment) for comment in rebuilt] == [id(A), id(F)]


def test_rebuild_copies_a_comment_whose_replies_change() -> None:
    # Without the record of C, D is an orphan kept at the top, and B has no reply.
    records = [r for r in ARTICLE.flatten() if r.comment is not C]
    rebuilt = rebuild(records).comments
    assert rebuilt == (c("a", c("b"), E), D, F)
    kept = (rebuilt[0].replies[1], *rebuilt[1:])
    assert [id(comment) for comment in kept] == [id(E), id(D), id(F)]
    # Replies in another order, a reply given to a comment that had none, and
    # replies the keys no longer give taken away.
    swapped = rebuild([(0, None, A), (1, 0, E), (2, 0, B), (3, 1, G)]).comments
    assert swapped == (c("a", c("e", G), c("b")),)
    assert swapped[0].replies[0].replies[0] is G


# -- rebuild ------------------------------------------------------------------------------


def triples(spec: str) -> list[tuple[str, str | None, Comment]]:
    """Items from "key<parent" words; "key" alone is top level, the text is the key."""
    items = []
    for word in spec.split():
        key, _, parent = word.partition("<")
        items.append((key, parent or None, c(key)))
    return items


def test_rebuild_of_flattened_records_gives_the_thread_back() -> None:
    rebuilt = rebuild(ARTICLE.flatten())
    assert rebuilt.comments == ARTICLE.comments
    assert rebuilt.report == RebuildReport(item_count=9, comment_count=9)
    assert rebuilt.report.clean
    assert str(rebuilt.report) == "9 items rebuilt into 9 comments: clean"


def test_rebuild_from_triples_with_several_roots() -> None:
    rebuilt = rebuild(triples("a b<a c d<c e<b"))
    assert rebuilt.comments == (c("a", c("b", c("e"))), c("c", c("d")))
    assert rebuilt.report.clean


def test_rebuild_with_replies_before_their_parent() -> None:
    rebuilt = rebuild(triples("z<p y<z p x<p q"))
    assert rebuilt.comments == (c("p", c("z", c("y")), c("x")), c("q"))
    assert rebuilt.report.out_of_order == ("z",)
    assert rebuilt.report.clean
    assert rebuilt.report.repairs == 0
    assert str(rebuilt.report) == "5 items rebuilt into 5 comments: 1 item before its parent ('z')"


def test_rebuild_ignores_the_replies_items_already_have() -> None:
    rebuilt = rebuild([("a", None, A), ("x", "a", c("x"))])
    assert rebuilt.comments == (c("a", c("x")),)


def test_rebuild_accepts_any_hashable_keys_and_any_iterable() -> None:
    items = iter([(("t", 1), None, c("one")), (2, ("t", 1), c("two"))])
    assert rebuild(items).comments == (c("one", c("two")),)


def test_rebuild_keys_equal_as_dictionary_keys_are_one_key() -> None:
    rebuilt = rebuild([(1, None, c("one")), (2, 1.0, c("two")), (True, None, c("again"))])
    assert rebuilt.comments == (c("one", c("two")), c("again"))
    assert rebuilt.report.duplicates == (True,)


def test_orphans_are_kept_at_the_top_level_in_input_order_by_default() -> None:
    rebuilt = rebuild(triples("a x<gone b y<x z<nowhere"))
    assert rebuilt.comments == (c("a"), c("x", c("y")), c("b"), c("z"))
    report = rebuilt.report
    assert report.orphans == ("x", "z")
    assert report.dropped == ()
    assert not report.clean
    assert report.repairs == 2
    assert (report.item_count, report.comment_count) == (5, 5)
    assert (
        str(report)
        == "5 items rebuilt into 5 comments: 2 orphans whose parent was not found ('x', 'z')"
    )


def test_orphans_dropped_with_their_replies() -> None:
    rebuilt = rebuild(triples("a x<gone b y<x w<y"), orphans="drop")
    assert rebuilt.comments == (c("a"), c("b"))
    assert rebuilt.report.orphans == ("x",)
    assert rebuilt.report.dropped == ("x", "y", "w")
    assert rebuilt.report.comment_count == 2
    assert str(rebuilt.report) == (
        "5 items rebuilt into 2 comments: 1 orphan whose parent was not found ('x'); "
        "3 items dropped ('x', 'y', 'w')"
    )


def test_orphans_dropped_when_listed_out_of_order() -> None:
    rebuilt = rebuild(triples("y<x a x<gone b<a"), orphans="drop")
    assert rebuilt.comments == (c("a", c("b")),)
    assert rebuilt.report.dropped == ("y", "x")
    assert rebuilt.report.out_of_order == ()  # y was dropped: its order does not matter


def test_orphans_refused() -> None:
    with pytest.raises(RebuildError, match="'x' \\(parent 'gone'\\)") as caught:
        rebuild(triples("a x<gone y<x"), orphans="error")
    assert caught.value.problem == "orphan"
    assert caught.value.keys == ("x",)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ThreadkitError)


def test_exact_repeats_are_dropped_and_differing_duplicates_kept_by_default() -> None:
    items = [
        ("a", None, c("a")),
        ("b", "a", c("b")),
        ("a", None, c("a")),  # an exact repeat: dropped
        ("a", None, c("a, edited")),  # differs: kept as a comment of its own
        ("b", "x", c("b")),  # same comment, other parent: kept (as an orphan)
        ("c", "a", c("c")),  # replies go to the first "a"
    ]
    rebuilt = rebuild(items)
    assert rebuilt.comments == (c("a", c("b"), c("c")), c("a, edited"), c("b"))
    report = rebuilt.report
    assert report.duplicates == ("a", "a", "b")
    assert report.dropped == ("a",)
    assert report.orphans == ("b",)
    assert (report.item_count, report.comment_count) == (6, 5)
    assert not report.clean


def test_duplicates_first_keeps_only_the_first() -> None:
    items = [*triples("a b<a"), ("a", None, c("other")), ("b", None, c("b2")), *triples("c<b")]
    rebuilt = rebuild(items, duplicates="first")
    assert rebuilt.comments == (c("a", c("b", c("c"))),)
    assert rebuilt.report.duplicates == ("a", "b")
    assert rebuilt.report.dropped == ("a", "b")


def test_duplicates_last_lets_a_rescrape_win_in_the_first_place() -> None:
    # A re-scrape appended to the first scrape: "b" was edited, "c" is new.
    items = [
        *triples("a b<a d<a"),
        ("a", None, c("a")),
        ("b", "a", c("b, edited")),
        ("d", "a", c("d")),
        *triples("c<b"),
    ]
    rebuilt = rebuild(items, duplicates="last")
    assert rebuilt.comments == (c("a", c("b, edited", c("c")), c("d")),)
    report = rebuilt.report
    assert report.duplicates == ("a", "b", "d")
    assert report.dropped == ("a", "b", "d")
    assert (report.item_count, report.comment_count) == (7, 4)


def test_duplicates_last_follows_the_last_parent() -> None:
    # The last copy of "b" moved under "x", which the first copy comes before:
    # b keeps its first place, before "y", and is now listed before its parent.
    items = [*triples("a b<a x y<x"), ("b", "x", c("b, moved")), ("b", "x", c("b, last"))]
    rebuilt = rebuild(items, duplicates="last")
    assert rebuilt.comments == (c("a"), c("x", c("b, last"), c("y")))
    assert rebuilt.report.duplicates == ("b", "b")
    assert rebuilt.report.out_of_order == ("b",)


def test_an_empty_parent_key_means_top_level() -> None:
    rebuilt = rebuild([("a", "", c("a")), ("b", "a", c("b")), ("c", "", c("c"))])
    assert rebuilt.comments == (c("a", c("b")), c("c"))
    assert rebuilt.report.clean
    with pytest.raises(RebuildError, match=r"items\[1\] has no key \(''\)") as caught:
        rebuild([("a", None, c("a")), ("", "a", c("b"))])
    assert caught.value.problem == "key"


def test_duplicates_refused() -> None:
    with pytest.raises(RebuildError, match=r"duplicate key 'b': items\[2\]") as caught:
        rebuild(triples("a b<a b<a"), duplicates="error")
    assert caught.value.problem == "duplicate"
    assert caught.value.keys == ("b",)


def test_dropped_items_are_reported_in_input_order() -> None:
    items = [*triples("a x<gone"), ("a", None, c("again")), *triples("y<x b")]
    rebuilt = rebuild(items, orphans="drop", duplicates="first")
    assert rebuilt.comments == (c("a"), c("b"))
    assert rebuilt.report.dropped == ("x", "a", "y")


def test_a_two_cycle_is_broken_at_the_member_listed_first() -> None:
    rebuilt = rebuild(triples("r p<q q<p"))
    assert rebuilt.comments == (c("r"), c("p", c("q")))
    assert rebuilt.report.cycles == ("p",)
    assert not rebuilt.report.clean
    assert str(rebuilt.report) == "3 items rebuilt into 3 comments: 1 cycle broken ('p')"


def test_a_longer_cycle_entered_from_its_middle() -> None:
    # m -> n -> k -> m, listed m, k, n; t hangs below the cycle and is listed first.
    rebuilt = rebuild(triples("t<k m<n k<m n<k"))
    assert rebuilt.comments == (c("m", c("k", c("t"), c("n"))),)
    assert rebuilt.report.cycles == ("m",)
    assert rebuilt.report.out_of_order == ("t",)


def test_a_comment_that_replies_to_itself_is_a_cycle() -> None:
    rebuilt = rebuild(triples("a s<s b<s"))
    assert rebuilt.comments == (c("a"), c("s", c("b")))
    assert rebuilt.report.cycles == ("s",)


def test_several_cycles() -> None:
    rebuilt = rebuild(triples("a<b b<a c<c d<e e<d"))
    assert rebuilt.comments == (c("a", c("b")), c("c"), c("d", c("e")))
    assert rebuilt.report.cycles == ("a", "c", "d")
    assert rebuilt.report.repairs == 3


def test_cycles_refused() -> None:
    with pytest.raises(RebuildError, match="keys 'q', 'p' are their own ancestors") as caught:
        rebuild(triples("r q<p p<q"), cycles="error")
    assert caught.value.problem == "cycle"
    assert caught.value.keys == ("q", "p")


def test_every_problem_at_once() -> None:
    items = [
        *triples("b<a a x<zz"),
        ("a", None, c("a")),
        ("a", "x", c("a2")),
        *triples("p<q q<p s<s"),
    ]
    rebuilt = rebuild(items)
    assert rebuilt.comments == (
        c("a", c("b")),
        c("x", c("a2")),
        c("p", c("q")),
        c("s"),
    )
    assert str(rebuilt.report) == (
        "8 items rebuilt into 7 comments: 1 orphan whose parent was not found ('x'); "
        "2 duplicate keys ('a', 'a'); 2 cycles broken ('p', 's'); 1 item dropped ('a'); "
        "1 item before its parent ('b')"
    )


def test_report_lists_at_most_five_keys() -> None:
    report = rebuild(triples("a<x b<x c<x d<x e<x f<x g<x")).report
    assert str(report) == (
        "7 items rebuilt into 7 comments: 7 orphans whose parent was not found "
        "('a', 'b', 'c', 'd', 'e' and 2 more)"
    )


def test_rebuild_of_nothing() -> None:
    rebuilt = rebuild([])
    assert rebuilt.comments == ()
    assert rebuilt.report == RebuildReport(item_count=0, comment_count=0)


def test_rebuild_refuses_bad_items() -> None:
    with pytest.raises(RebuildError, match="no key") as caught:
        rebuild([("a", None, c("a")), (None, "a", c("b"))])
    assert caught.value.problem == "key"
    with pytest.raises(TypeError, match=r"items\[1\]"):
        rebuild([("a", None, c("a")), ("b", "a")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"items\[0\].*Comment"):
        rebuild([("a", None, "text")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"items\[0\]"):
        rebuild([c("a")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"items\[0\]: the key must be hashable, not list"):
        rebuild([(["a"], None, c("a"))])
    with pytest.raises(TypeError, match="parent key of the item with key 'b' must be hashable"):
        rebuild([("a", None, c("a")), ("b", ["a"], c("b"))])
    with pytest.raises(ValueError, match="orphans"):
        rebuild([], orphans="adopt")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duplicates"):
        rebuild([], duplicates="latest")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cycles"):
        rebuild([], cycles="ignore")  # type: ignore[arg-type]


def test_rebuild_keeps_comment_subclasses_working() -> None:
    @attrs.frozen(kw_only=True, eq=False, repr=False)
    class Tagged(Comment):
        pass

    rebuilt = rebuild([("a", None, Tagged(text="a", replies=(D,))), ("b", "a", c("b"))])
    assert type(rebuilt.comments[0]) is Tagged
    assert texts(rebuilt.comments[0].replies) == ["b"]


# -- properties -----------------------------------------------------------------------

articles = tks.articles(max_depth=3, max_replies=3, max_comments=3)


def alone(comment: Comment) -> Comment:
    """*comment* without its replies."""
    return attrs.evolve(comment, replies=())


def pre_order(article: Article) -> list[Comment]:
    """Pre-order written out with an explicit stack, independent of tree.walk."""
    out: list[Comment] = []
    stack = list(reversed(article.comments))
    while stack:
        comment = stack.pop()
        out.append(comment)
        stack.extend(reversed(comment.replies))
    return out


@given(articles)
def test_flatten_then_rebuild_gives_the_same_thread(article: Article) -> None:
    rebuilt = rebuild(article.flatten())
    assert rebuilt.comments == article.comments
    assert rebuilt.report.clean
    assert rebuilt.report.out_of_order == ()
    assert rebuilt.report.comment_count == article.comment_count
    assert Article(title=article.title, comments=rebuilt.comments).comments == article.comments


@given(articles)
def test_duplicates_last_takes_a_whole_rescrape(article: Article) -> None:
    edited = article.map(lambda comment: attrs.evolve(comment, text=comment.text + " (edited)"))
    rebuilt = rebuild([*article.flatten(), *edited.flatten()], duplicates="last")
    assert rebuilt.comments == edited.comments
    assert rebuilt.report.duplicates == tuple(range(1, article.comment_count + 1))


@given(tks.comments(max_depth=4))
def test_flatten_then_rebuild_a_comment(comment: Comment) -> None:
    assert rebuild(comment.flatten()).comments == (comment,)


@given(articles)
def test_flatten_records_describe_the_thread(article: Article) -> None:
    records = article.flatten()
    comments = pre_order(article)
    assert [r.key for r in records] == list(range(1, len(comments) + 1))
    for record, comment in zip(records, comments, strict=True):
        assert record.comment is comment
        if record.parent is None:
            assert record.depth == 1
            assert any(top is comment for top in article.comments)
        else:
            parent = records[record.parent - 1]
            assert record.depth == parent.depth + 1
            assert any(reply is comment for reply in comments[record.parent - 1].replies)


@given(articles)
def test_every_walk_order_visits_every_comment_once(article: Article) -> None:
    expected = Counter(id(comment) for comment in pre_order(article))
    assert sum(expected.values()) == article.comment_count
    for order in ("pre", "post", "breadth"):
        walked = list(article.walk(order))  # type: ignore[arg-type]
        assert len(walked) == article.comment_count
        assert Counter(id(comment) for comment in walked) == expected
        visited = list(article.visits(order))  # type: ignore[arg-type]
        assert [v.comment for v in visited] == walked
    assert list(article.walk("pre")) == pre_order(article)


@given(articles)
def test_post_order_puts_replies_before_parents(article: Article) -> None:
    position = {id(x): i for i, x in enumerate(article.walk("post"))}
    breadth = list(article.visits("breadth"))
    for visit in article.visits("pre"):
        for reply in visit.comment.replies:
            assert position[id(reply)] < position[id(visit.comment)]
    assert [v.depth for v in breadth] == sorted(v.depth for v in breadth)


@given(articles)
def test_depth_and_counts_agree_with_the_records(article: Article) -> None:
    records = article.flatten()
    assert article.depth == max((r.depth for r in records), default=0)
    assert article.comment_count == len(records)
    for comment in article.comments:
        assert comment.descendant_count == len(comment.flatten()) - 1
        assert comment.depth == max(r.depth for r in comment.flatten())


def keep_sibling_order_shuffle(records: tuple[Record, ...], seed: int) -> list[Record]:
    """Shuffle *records*, then put every parent's replies back in their relative order."""
    rng = random.Random(seed)
    slots = list(range(len(records)))
    rng.shuffle(slots)  # slots[i]: where record i goes
    by_parent: dict[int | None, list[int]] = {}
    for index, record in enumerate(records):
        by_parent.setdefault(record.parent, []).append(index)
    for siblings in by_parent.values():
        for key, slot in zip(siblings, sorted(slots[k] for k in siblings), strict=True):
            slots[key] = slot
    shuffled: list[Record | None] = [None] * len(records)
    for key, slot in enumerate(slots):
        shuffled[slot] = records[key]
    return [record for record in shuffled if record is not None]


@given(articles, st.integers(0, 2**32))
def test_records_shuffled_with_siblings_in_order_rebuild_the_same_thread(
    article: Article, seed: int
) -> None:
    records = article.flatten()
    shuffled = keep_sibling_order_shuffle(records, seed)
    assert sorted(r.key for r in shuffled) == [r.key for r in records]
    rebuilt = rebuild(shuffled)
    assert rebuilt.comments == article.comments
    position = {r.key: i for i, r in enumerate(shuffled)}
    expected_late = tuple(
        r.key for r in shuffled if r.parent is not None and position[r.parent] > position[r.key]
    )
    assert rebuilt.report.out_of_order == expected_late
    assert rebuilt.report.clean


@given(articles, st.randoms(use_true_random=False))
def test_fully_shuffled_records_rebuild_the_thread_up_to_sibling_order(
    article: Article, rng: random.Random
) -> None:
    # Give every comment its pre-order key as its id, so that sorting siblings by
    # id puts them back in thread order.
    records = article.flatten()
    items: list[tuple[Hashable, Hashable, Comment]] = [
        (r.key, r.parent, attrs.evolve(r.comment, id=str(r.key))) for r in records
    ]
    in_order = rebuild(items).comments
    rng.shuffle(items)
    rebuilt = rebuild(items)
    assert rebuilt.report.clean
    assert rebuilt.report.comment_count == len(records)

    def by_id(comment: Comment) -> int:
        assert comment.id is not None
        return int(comment.id)

    restored = tree.sort_replies(Article(title="T", comments=rebuilt.comments), key=by_id)
    assert restored.comments == in_order
    # ...and with the ids taken out again, that is the original thread.
    plain = restored.map(lambda comment: attrs.evolve(comment, id=None))
    original = article.map(lambda comment: attrs.evolve(comment, id=None))
    assert plain.comments == original.comments


@given(articles, st.data())
def test_prune_removes_exactly_the_matching_subtrees(article: Article, data: st.DataObject) -> None:
    records = article.flatten()
    comments = pre_order(article)
    chosen = data.draw(
        st.sets(st.sampled_from(range(1, len(records) + 1))) if records else st.just(set())
    )
    doomed_ids = {id(comments[k - 1]) for k in chosen}
    removed: set[int] = set()
    for record in records:  # parents come before replies in pre-order
        if record.key in chosen or (record.parent is not None and record.parent in removed):
            removed.add(record.key)
    expected = [(r.parent, alone(r.comment)) for r in records if r.key not in removed]
    pruned = article.prune(lambda comment: id(comment) in doomed_ids)
    # Compare the surviving comments and which survivor each replies to.
    survivors = [r.key for r in records if r.key not in removed]
    renumber = {key: i for i, key in enumerate(survivors, 1)}
    got = [(r.parent, alone(r.comment)) for r in pruned.flatten()]
    assert got == [(None if p is None else renumber[p], comment) for p, comment in expected]


@given(articles)
def test_map_keeps_the_shape(article: Article) -> None:
    mapped = article.map(lambda comment: attrs.evolve(comment, text=comment.text + "!"))
    before = article.flatten()
    after = mapped.flatten()
    assert [(r.key, r.parent, r.depth) for r in after] == [
        (r.key, r.parent, r.depth) for r in before
    ]
    assert [r.comment.text for r in after] == [r.comment.text + "!" for r in before]


@given(articles)
def test_ancestors_follow_the_parent_keys(article: Article) -> None:
    records = article.flatten()
    comments = pre_order(article)
    for record in records:
        chain: list[Comment] = []
        parent = record.parent
        while parent is not None:
            chain.append(comments[parent - 1])
            parent = records[parent - 1].parent
        chain.reverse()
        got = article.ancestors(comments[record.key - 1])
        assert len(got) == len(chain)
        assert all(x is y for x, y in zip(got, chain, strict=True))


# -- rebuild over arbitrary parent links -------------------------------------------------


def build_from_parents(parents: list[int | None]) -> tuple[Comment, ...]:
    """A thread from parent indices that always point backwards, built without tree.py.

    Comment ``i`` has text ``str(i)``; siblings are in index order.
    """
    children: list[list[int]] = [[] for _ in parents]
    top: list[int] = []
    for index, parent in enumerate(parents):
        (top if parent is None else children[parent]).append(index)
    built: list[Comment | None] = [None] * len(parents)
    for index in reversed(range(len(parents))):
        replies = tuple(built[k] for k in children[index])
        built[index] = Comment(text=str(index), replies=replies)  # type: ignore[arg-type]
    return tuple(built[k] for k in top)  # type: ignore[misc]


@st.composite
def backward_parents(draw: st.DrawFn) -> list[int | None]:
    size = draw(st.integers(0, 60))
    # Mostly the previous comment, to make deep chains, or any earlier one, or none.
    return [
        None
        if index == 0
        else draw(st.one_of(st.none(), st.just(index - 1), st.integers(0, index - 1)))
        for index in range(size)
    ]


@given(backward_parents(), st.randoms(use_true_random=False))
def test_rebuild_of_random_shapes(parents: list[int | None], rng: random.Random) -> None:
    thread = build_from_parents(parents)
    assert rebuild(Article(title="T", comments=thread).flatten()).comments == thread
    items = [(index, parent, Comment(text=str(index))) for index, parent in enumerate(parents)]
    assert rebuild(items).comments == thread
    rng.shuffle(items)
    shuffled = rebuild(items)
    assert shuffled.report.clean
    restored = tree.sort_replies(
        Article(title="T", comments=shuffled.comments), key=lambda comment: int(comment.text)
    )
    assert restored.comments == thread


@st.composite
def any_links(draw: st.DrawFn) -> list[Hashable]:
    """Parent keys for items 0..n-1: none, any item (itself included), or a missing key."""
    size = draw(st.integers(1, 40))
    choice = st.one_of(st.none(), st.integers(0, size - 1), st.sampled_from(["gone", "lost"]))
    return [draw(choice) for _ in range(size)]


def cycles_of(parents: list[Hashable]) -> list[set[int]]:
    """The cycles of the parent links, found by following them from every item."""
    found: list[set[int]] = []
    for start in range(len(parents)):
        seen: list[int] = []
        node: Hashable = start
        while isinstance(node, int) and node not in seen:
            seen.append(node)
            node = parents[node]
        if isinstance(node, int):
            loop = set(seen[seen.index(node) :])
            if loop not in found:
                found.append(loop)
    return found


@given(any_links())
def test_rebuild_repairs_any_links_without_losing_a_comment(parents: list[Hashable]) -> None:
    items = [(index, parent, Comment(text=str(index))) for index, parent in enumerate(parents)]
    rebuilt = rebuild(items)
    report = rebuilt.report
    expected_orphans = tuple(i for i, p in enumerate(parents) if isinstance(p, str))
    expected_cycles = tuple(sorted(min(loop) for loop in cycles_of(parents)))
    assert report.orphans == expected_orphans
    assert report.cycles == expected_cycles
    assert report.duplicates == report.dropped == ()
    assert report.clean == (not expected_orphans and not expected_cycles)
    article = Article(title="T", comments=rebuilt.comments)
    assert report.comment_count == article.comment_count == len(parents)
    visits = list(article.visits())
    assert sorted(int(v.comment.text) for v in visits) == list(range(len(parents)))
    repaired = set(expected_orphans) | set(expected_cycles)
    for visit in visits:
        index = int(visit.comment.text)
        if index in repaired or parents[index] is None:
            assert visit.parent is None
        else:
            assert visit.parent is not None
            assert int(visit.parent.text) == parents[index]
        keys = [int(reply.text) for reply in visit.comment.replies]
        assert keys == sorted(keys)
    tops = [int(comment.text) for comment in rebuilt.comments]
    assert tops == sorted(tops)
    late = tuple(
        i for i, p in enumerate(parents) if isinstance(p, int) and p > i and i not in repaired
    )
    assert report.out_of_order == late


@given(articles)
def test_stats_and_descendant_counts_agree_with_the_comments(article: Article) -> None:
    comments = pre_order(article)
    assert tree.descendant_counts(article) == tuple(c.descendant_count for c in comments)
    stats = tree.stats(article)
    assert (stats.comments, stats.top_level_comments, stats.depth) == (
        len(comments),
        len(article.comments),
        article.depth,
    )
    names = {c.author.name for c in comments if c.author is not None and c.author.name}
    assert stats.participants == len(names)
    replies = sum(len(c.replies) for c in comments)
    assert stats.replies_per_comment == (replies / len(comments) if comments else 0.0)
    most = max((len(c.replies) for c in comments), default=0)
    if most == 0:
        assert stats.most_replied is None
    else:
        assert stats.most_replied is next(c for c in comments if len(c.replies) == most)
