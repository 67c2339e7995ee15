"""Operations on comment threads: walking, counting, searching, rebuilding.

Every function here accepts an :class:`~threadkit.Article` (its whole thread)
or a :class:`~threadkit.Comment` (the comment and everything below it), and
none of them recurses: a reply chain 100,000 deep is as safe as a flat list.
Functions that change a thread return a new one; siblings keep their order.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Literal, NamedTuple, TypeAlias

from threadkit.model import Article, Comment

__all__ = ["Order", "Visit", "count", "depth", "find", "visits", "walk"]

Order: TypeAlias = Literal["pre", "post", "breadth"]
"""A walking order: ``"pre"``, ``"post"`` or ``"breadth"``."""

Node: TypeAlias = Article | Comment


class Visit(NamedTuple):
    """A comment met on a walk, with where it stands.

    .. versionadded:: 0.1
    """

    comment: Comment
    """The comment."""
    depth: int
    """1 for a top-level comment (or for the comment a walk started from)."""
    parent: Comment | None
    """The comment it replies to; ``None`` at the top."""


def _roots(node: Node) -> Sequence[Comment]:
    if isinstance(node, Article):
        return node.comments
    if isinstance(node, Comment):
        return (node,)
    raise TypeError(f"expected an Article or a Comment, got {type(node).__name__}")


def walk(node: Node, order: Order = "pre") -> Iterator[Comment]:
    """Yield the comments of *node* in *order*.

    For an :class:`~threadkit.Article`, every comment of its thread; for a
    :class:`~threadkit.Comment`, the comment itself and everything below it.
    """
    roots = _roots(node)
    if order == "pre":
        return _walk_pre(roots)
    if order == "post":
        return (visit.comment for visit in _visits_post(roots))
    if order == "breadth":
        return _walk_breadth(roots)
    raise ValueError(f"order must be 'pre', 'post' or 'breadth', not {order!r}")


def _walk_pre(roots: Sequence[Comment]) -> Iterator[Comment]:
    stack = list(reversed(roots))
    pop, extend = stack.pop, stack.extend
    while stack:
        comment = pop()
        yield comment
        if comment.replies:
            extend(reversed(comment.replies))


def _walk_breadth(roots: Sequence[Comment]) -> Iterator[Comment]:
    queue = deque(roots)
    popleft, extend = queue.popleft, queue.extend
    while queue:
        comment = popleft()
        yield comment
        extend(comment.replies)


def visits(node: Node, order: Order = "pre") -> Iterator[Visit]:
    """Like :func:`walk`, yielding a :class:`Visit` with each comment's depth and parent."""
    roots = _roots(node)
    if order == "pre":
        return _visits_pre(roots)
    if order == "post":
        return _visits_post(roots)
    if order == "breadth":
        return _visits_breadth(roots)
    raise ValueError(f"order must be 'pre', 'post' or 'breadth', not {order!r}")


def _visits_pre(roots: Sequence[Comment]) -> Iterator[Visit]:
    stack = [Visit(comment, 1, None) for comment in reversed(roots)]
    while stack:
        visit = stack.pop()
        yield visit
        comment = visit.comment
        if comment.replies:
            below = visit.depth + 1
            stack.extend(Visit(reply, below, comment) for reply in reversed(comment.replies))


def _visits_post(roots: Sequence[Comment]) -> Iterator[Visit]:
    stack: list[tuple[Visit, bool]] = [(Visit(c, 1, None), False) for c in reversed(roots)]
    while stack:
        visit, replies_done = stack.pop()
        comment = visit.comment
        if replies_done or not comment.replies:
            yield visit
            continue
        stack.append((visit, True))
        below = visit.depth + 1
        stack.extend((Visit(reply, below, comment), False) for reply in reversed(comment.replies))


def _visits_breadth(roots: Sequence[Comment]) -> Iterator[Visit]:
    queue = deque(Visit(comment, 1, None) for comment in roots)
    while queue:
        visit = queue.popleft()
        yield visit
        comment = visit.comment
        below = visit.depth + 1
        queue.extend(Visit(reply, below, comment) for reply in comment.replies)


def count(node: Node) -> int:
    """The number of comments :func:`walk` yields for *node*."""
    total = 0
    for _ in _walk_pre(_roots(node)):
        total += 1
    return total


def depth(node: Node) -> int:
    """How many levels *node*'s thread has: 0 for an article without comments."""
    deepest = 0
    stack = [(comment, 1) for comment in _roots(node)]
    while stack:
        comment, level = stack.pop()
        if level > deepest:
            deepest = level
        if comment.replies:
            stack.extend((reply, level + 1) for reply in comment.replies)
    return deepest


def find(node: Node, predicate: Callable[[Comment], bool]) -> Comment | None:
    """The first comment in pre-order that *predicate* accepts, or ``None``."""
    for comment in _walk_pre(_roots(node)):
        if predicate(comment):
            return comment
    return None
