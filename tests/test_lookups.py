"""Comments by id, their parents and paths: Article.find, Article.index, tree.parent, tree.path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given

import threadkit.strategies as tks
from threadkit import Article, Comment, tree
from threadkit.errors import CommentNotFoundError
from threadkit.tree import CommentIndex


def c(text: str, *replies: Comment, **fields: Any) -> Comment:
    return Comment(text=text, id=text, replies=replies, **fields)


# a            f
# ├── b        └── g (no id)
# │   └── c
# └── e (id "b" again)
C = c("c")
B = c("b", C)
E = Comment(text="e", id="b")
A = c("a", B, E)
G = Comment(text="g")
F = c("f", G)
ARTICLE = Article(title="Thread", comments=(A, F))


def test_find_by_id_gives_the_first_in_pre_order() -> None:
    assert ARTICLE.find("c") is C
    assert ARTICLE.find("b") is B
    assert ARTICLE.find("zz") is None
    assert tree.find(ARTICLE, "f") is F
    assert A.find("a") is A
    assert B.find("a") is None
    # A function still finds by predicate.
    assert ARTICLE.find(lambda comment: comment.text == "g") is G
    with pytest.raises(TypeError, match="a comment id \\(a str\\) or a function, not int"):
        tree.find(ARTICLE, 3)  # type: ignore[arg-type]


def test_index_is_a_read_only_mapping_of_ids() -> None:
    index = ARTICLE.index()
    assert isinstance(index, Mapping)
    assert isinstance(index, CommentIndex)
    assert list(index) == ["a", "b", "c", "f"]
    assert len(index) == 4
    assert index["c"] is C
    assert index["b"] is B  # the first of the two comments with id "b"
    assert "g" not in index
    assert index.get("zz") is None
    with pytest.raises(KeyError):
        index["zz"]
    assert index.duplicates == ("b",)
    assert index.comment_count == 6
    assert repr(index) == "<CommentIndex of 6 comments, 4 ids, 1 shared>"
    with pytest.raises(AttributeError, match="read-only"):
        index._by_id = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        index["x"] = C  # type: ignore[index]


def test_the_index_is_made_once_per_article() -> None:
    article = Article(title="T", comments=(c("x"),))
    assert article.index() is article.index()
    assert tree.index(article) is article.index()
    # A copy is a new article, with an index of its own.
    again = attrs.evolve(article, title="U")
    assert again.index() is not article.index()
    # A comment's index is made at each call, this comment at the top.
    assert list(tree.index(B)) == ["b", "c"]
    assert list(A.index()) == ["a", "b", "c"]


def test_parent_path_and_depth_by_id_or_by_object() -> None:
    assert ARTICLE.parent("c") is B
    assert ARTICLE.parent(C) is B
    assert ARTICLE.parent(A) is None
    assert ARTICLE.parent(G) is F  # no id: found by identity
    assert ARTICLE.parent(E) is A
    assert ARTICLE.path("c") == (A, B, C)
    assert all(x is y for x, y in zip(ARTICLE.path(C), (A, B, C), strict=True))
    assert ARTICLE.path(F) == (F,)
    assert ARTICLE.path(G) == (F, G)
    assert ARTICLE.index().depth("c") == 3
    assert ARTICLE.index().depth(G) == 2
    assert tree.parent(ARTICLE, "b") is A
    assert tree.path(ARTICLE, C) == (A, B, C)
    assert tree.parent(B, C) is B
    assert tree.path(B, "c") == (B, C)
    assert tree.parent(B, B) is None


def test_lookups_of_what_is_not_there_say_so() -> None:
    with pytest.raises(CommentNotFoundError, match="no comment of this thread has the id 'zz'"):
        ARTICLE.parent("zz")
    with pytest.raises(CommentNotFoundError, match="'elsewhere' is not in this thread"):
        ARTICLE.path(Comment(text="elsewhere"))
    # An equal copy is not the comment: objects are matched by identity.
    with pytest.raises(CommentNotFoundError, match="by identity"):
        ARTICLE.parent(Comment(text="g"))
    with pytest.raises(LookupError):
        tree.path(A, "f")


@given(tks.articles())
def test_the_index_agrees_with_a_walk(article: Article) -> None:
    index = article.index()
    first: dict[str, Comment] = {}
    repeated: list[str] = []
    for comment in article.walk():
        if comment.id is None:
            continue
        if comment.id in first:
            if comment.id not in repeated:
                repeated.append(comment.id)
        else:
            first[comment.id] = comment
    assert list(index) == list(first)
    assert all(index[key] is value for key, value in first.items())
    assert index.duplicates == tuple(repeated)
    for visit in article.visits():
        # The first place of an object in pre-order is where it is looked up.
        if visit.comment.id is None or first[visit.comment.id] is visit.comment:
            assert index.parent(visit.comment) is visit.parent
            path = index.path(visit.comment)
            assert len(path) == visit.depth == index.depth(visit.comment)
            assert path[-1] is visit.comment
            assert path[:-1] == article.ancestors(visit.comment)


def test_evolving_a_deep_comment_rebuilds_only_its_path() -> None:
    article = Article(title="T", comments=(A, F))
    edited = article.map(
        lambda comment: attrs.evolve(comment, text="C!") if comment is C else comment
    )
    assert [x.text for x in edited.path("c")] == ["a", "b", "C!"]
    assert edited.comments[1] is F  # a subtree without the change is shared
    assert edited.find("a") is not A
