"""A reply chain 100,000 deep, and a thread 100,000 wide, through every operation.

Nothing here may recurse along the thread: Python's default recursion limit
is far below the depth of these threads.
"""

from __future__ import annotations

import copy
import pickle
import sys

import attrs
import pytest

from threadkit import Article, Comment, tree
from threadkit.model import full_repr

N = 100_000


def chain(size: int, bottom: str | None = None) -> Comment:
    """Comments "0", "1", ... each replying to the one before; the last says *bottom*."""
    comment = Comment(text=str(size - 1) if bottom is None else bottom)
    for index in range(size - 2, -1, -1):
        comment = Comment(text=str(index), replies=(comment,))
    return comment


def bottom_of(comment: Comment) -> Comment:
    while comment.replies:
        comment = comment.replies[0]
    return comment


@pytest.fixture(scope="module")
def top() -> Comment:
    return chain(N)


@pytest.fixture(scope="module")
def article(top: Comment) -> Article:
    return Article(title="Deep", comments=(top,))


@pytest.fixture(scope="module")
def deepest(top: Comment) -> Comment:
    return bottom_of(top)


@pytest.fixture(scope="module")
def twin() -> Comment:
    return chain(N)


@pytest.fixture(scope="module")
def different() -> Comment:
    return chain(N, bottom="different")


@pytest.fixture(scope="module")
def wide() -> Article:
    return Article(title="Wide", comments=tuple(Comment(text=str(i)) for i in range(N)))


TEXTS = [str(i) for i in range(N)]


def test_the_chain_is_deeper_than_the_recursion_limit(deepest: Comment) -> None:
    assert sys.getrecursionlimit() * 10 < N
    assert deepest.text == str(N - 1)
    assert deepest.replies == ()


def test_walk_in_every_order(top: Comment, article: Article, deepest: Comment) -> None:
    pre = list(article.walk("pre"))
    assert [c.text for c in pre] == TEXTS
    assert pre[0] is top
    assert pre[-1] is deepest
    assert [c.text for c in article.walk("post")] == TEXTS[::-1]
    assert [c.text for c in top.walk("breadth")] == TEXTS


def test_visits_in_every_order(article: Article, deepest: Comment) -> None:
    for order in ("pre", "post", "breadth"):
        visits = list(article.visits(order))  # type: ignore[arg-type]
        last = max(visits, key=lambda visit: visit.depth)
        assert last.comment is deepest
        assert last.depth == N
        assert last.parent is not None
        assert last.parent.text == str(N - 2)
        assert sorted(visit.depth for visit in visits) == list(range(1, N + 1))


def test_counts_and_depth(top: Comment, article: Article) -> None:
    assert article.comment_count == N
    assert article.depth == N
    assert top.depth == N
    assert top.descendant_count == N - 1
    assert top.reply_count == 1
    assert top.replies[0].depth == N - 1


def test_stats_and_descendant_counts(top: Comment, article: Article) -> None:
    stats = tree.stats(article)
    assert (stats.comments, stats.top_level_comments, stats.depth) == (N, 1, N)
    assert stats.most_replied is top
    assert tree.descendant_counts(top) == tuple(range(N - 1, -1, -1))


def test_find_and_ancestors(top: Comment, article: Article, deepest: Comment) -> None:
    assert article.find(lambda c: c.text == str(N - 1)) is deepest
    assert top.find(lambda c: c.text == "missing") is None
    above = article.ancestors(deepest)
    assert len(above) == N - 1
    assert above[0] is top
    assert above[-1].replies[0] is deepest
    assert [c.text for c in above] == TEXTS[:-1]
    assert top.ancestors(deepest) == above


def test_equality_and_hash(
    top: Comment, article: Article, twin: Comment, different: Comment
) -> None:
    assert twin is not top
    assert twin == top
    assert hash(twin) == hash(top)
    assert Article(title="Deep", comments=(twin,)) == article
    assert hash(Article(title="Deep", comments=(twin,))) == hash(article)
    assert different != top
    assert top != different
    assert Article(title="Deep", comments=(different,)) != article


def test_full_repr(top: Comment) -> None:
    expected = (
        "".join(f"Comment(text={text!r}, replies=(" for text in TEXTS[:-1])
        + f"Comment(text={TEXTS[-1]!r})"
        + ",))" * (N - 1)
    )
    assert full_repr(top) == expected
    assert full_repr(Article(title="Deep", comments=(top,))) == (
        f"Article(title='Deep', comments=({expected},))"
    )


def test_repr_is_a_summary(top: Comment, article: Article) -> None:
    assert repr(article) == (
        "Article(title='Deep', comments=<100,000 comments in 100,000 levels: "
        "Comment(text='0', replies=<99,999 comments below>)>)"
    )
    assert repr(top) == (
        "Comment(text='0', replies=<99,999 comments in 99,999 levels: "
        "Comment(text='1', replies=<99,998 comments below>)>)"
    )
    assert str(article) == repr(article)


def test_lookups(top: Comment, article: Article, deepest: Comment) -> None:
    deep = Article(title="Deep ids", comments=(top.map(lambda c: attrs.evolve(c, id=c.text)),))
    index = deep.index()
    assert len(index) == N
    assert index.duplicates == ()
    bottom = deep.find(str(N - 1))
    assert bottom is not None
    assert bottom.text == str(N - 1)
    assert index[str(N - 1)] is bottom
    path = deep.path(str(N - 1))
    assert [c.text for c in path] == TEXTS
    assert path[-1] is bottom
    parent = deep.parent(bottom)
    assert parent is not None
    assert parent.text == str(N - 2)
    assert index.depth(bottom) == N
    assert tree.path(article, deepest)[-1] is deepest
    assert len(tree.index(top)) == 0


def test_pickle_copy_and_deepcopy(top: Comment, article: Article) -> None:
    again = pickle.loads(pickle.dumps(article))
    assert again == article
    assert again.comments[0] is not top
    assert bottom_of(again.comments[0]).text == str(N - 1)
    assert copy.copy(top) == top
    assert copy.deepcopy(top) == top
    assert copy.deepcopy(article) == article


def test_flatten_and_rebuild(top: Comment, article: Article) -> None:
    records = article.flatten()
    assert len(records) == N
    assert records[-1].key == N
    assert records[-1].parent == N - 1
    assert records[-1].depth == N
    assert records[0].comment is top
    rebuilt = tree.rebuild(records)
    assert rebuilt.comments == (top,)
    assert rebuilt.comments[0] is top  # nothing had to change, so nothing was copied
    assert rebuilt.report.clean
    # Every reply listed before its parent: the rebuild that sorts the items first.
    backwards = tree.rebuild(reversed(records))
    assert backwards.comments == (top,)
    assert backwards.comments[0] is top
    assert len(backwards.report.out_of_order) == N - 1


def test_rebuild_breaks_a_cycle_as_long_as_the_chain(top: Comment) -> None:
    # Item i replies to item i + 1, and the last one to the first: item 0 is
    # listed first, so it goes to the top, then items N - 1, N - 2, ... 1.
    items = [(i, (i + 1) % N, Comment(text=str((N - i) % N))) for i in range(N)]
    rebuilt = tree.rebuild(items)
    assert rebuilt.report.cycles == (0,)
    # Items 1 to N - 2 come before their parents; item N - 1 replies to item 0.
    assert rebuilt.report.out_of_order == tuple(range(1, N - 1))
    assert rebuilt.comments == (top,)


def test_prune(top: Comment, article: Article) -> None:
    middle = N // 2
    pruned = top.prune(lambda c: c.text == str(middle))
    assert pruned.depth == middle
    assert bottom_of(pruned).text == str(middle - 1)
    assert [c.text for c in pruned.walk()] == TEXTS[:middle]
    assert article.prune(lambda c: c.text == str(N - 1)).depth == N - 1
    assert article.prune(lambda c: False) is article


def test_map(top: Comment, article: Article, different: Comment) -> None:
    def rename_bottom(comment: Comment) -> Comment:
        if comment.text == str(N - 1):
            return attrs.evolve(comment, text="different")
        return comment

    assert top.map(rename_bottom) == different
    assert article.map(rename_bottom).comments == (different,)
    assert top.map(lambda c: c) is top


def test_sort_replies_keeps_a_chain(top: Comment) -> None:
    assert tree.sort_replies(top, key=lambda c: c.text) is top


def test_evolve_at_the_top(top: Comment) -> None:
    changed = attrs.evolve(top, text="new top")
    assert changed != top
    assert changed.replies[0] is top.replies[0]


def test_a_wide_thread(wide: Article) -> None:
    assert wide.comment_count == N
    assert wide.depth == 1
    assert [c.text for c in wide.walk("post")] == TEXTS
    rebuilt = tree.rebuild(wide.flatten())
    assert rebuilt.comments == wide.comments
    evens = wide.prune(lambda c: int(c.text) % 2 == 1)
    assert [c.text for c in evens.comments] == TEXTS[::2]


def test_one_comment_with_many_replies() -> None:
    parent = Comment(text="parent", replies=tuple(Comment(text=str(i)) for i in range(N)))
    assert parent.descendant_count == N
    assert parent.depth == 2
    backwards = tree.sort_replies(parent, key=lambda c: int(c.text), reverse=True)
    assert [c.text for c in backwards.replies] == TEXTS[::-1]
    assert tree.rebuild(parent.flatten()).comments == (parent,)
