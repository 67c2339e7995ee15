"""Operations on comment threads: walking, counting, searching, rebuilding.

Every function here accepts an :class:`~threadkit.Article` (its whole thread)
or a :class:`~threadkit.Comment` (the comment and everything below it), and
none of them recurses: a reply chain 100,000 deep is as safe as a flat list.
Functions that change a thread return a new one and reuse every subtree they
leave unchanged; siblings keep their order unless :func:`sort_replies` is
asked to change it.

A thread also travels as a flat list: :func:`flatten` gives one
:class:`Record` per comment, carrying a stable key and its parent's key, and
:func:`rebuild` turns such records, or any flat list of comments with parent
keys, back into a thread, repairing what it must and reporting it.
:func:`graft` puts a thread fetched in pieces back together: comments
loaded later go under the comments they answer, named by the parent ids
the importers keep (:data:`PARENT_ID`).

.. versionadded:: 0.1
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, Literal, TypeAlias, overload

import attrs

from threadkit import _forest
from threadkit._forest import MISSING, TOP, CommentIndex, Record, Visit
from threadkit._gc import collector_paused
from threadkit._model import with_comments, with_extra, with_replies
from threadkit.errors import RebuildError
from threadkit.model import Article, Comment, CommentState, Extra

__all__ = [
    "PARENT_ID",
    "CommentIndex",
    "CyclePolicy",
    "DuplicatePolicy",
    "GraftReport",
    "Grafted",
    "Order",
    "OrphanPolicy",
    "RebuildReport",
    "Rebuilt",
    "Record",
    "ThreadStats",
    "Visit",
    "ancestors",
    "count",
    "depth",
    "descendant_counts",
    "find",
    "flatten",
    "graft",
    "index",
    "map",
    "parent",
    "path",
    "prune",
    "rebuild",
    "sort_replies",
    "stats",
    "visits",
    "walk",
]

Order: TypeAlias = _forest.Order
"""A walking order: ``"pre"``, ``"post"`` or ``"breadth"``."""

OrphanPolicy: TypeAlias = Literal["keep", "drop", "error"]
"""What :func:`rebuild` does with a comment whose parent is missing."""

DuplicatePolicy: TypeAlias = Literal["keep", "first", "last", "error"]
"""What :func:`rebuild` does with an item whose key was already seen."""

CyclePolicy: TypeAlias = Literal["break", "error"]
"""What :func:`rebuild` does with comments that are their own ancestors."""

Node: TypeAlias = Article | Comment


def _roots(node: Node) -> Sequence[Comment]:
    if isinstance(node, Article):
        return node.comments
    if isinstance(node, Comment):
        return (node,)
    raise TypeError(f"expected an Article or a Comment, got {type(node).__name__}")


# -- walking ----------------------------------------------------------------------


def walk(node: Node, order: Order = "pre") -> Iterator[Comment]:
    """Yield the comments of *node* in *order*.

    Args:
        node: An article (every comment of its thread) or a comment (the
            comment itself and everything below it).
        order: ``"pre"``: a comment before its replies, in thread order;
            ``"post"``: a comment after its replies; ``"breadth"``: level by
            level, each level in thread order.

    Returns:
        An iterator over the comments. The pre-order and breadth-first walks
        go as far as they are asked; the post-order walk lists the whole order
        when it is called, one reference per comment, and then yields it.

    Raises:
        ValueError: *order* is none of the three.
        TypeError: *node* is neither an article nor a comment.

    .. versionadded:: 0.1
    """
    return _forest.walk(_roots(node), order)


def visits(node: Node, order: Order = "pre") -> Iterator[Visit]:
    """Like :func:`walk`, yielding a :class:`Visit` with each comment's depth and parent.

    The comments at the top (an article's top-level comments, or the comment
    the walk starts from) are at depth 1 and have no parent.

    .. versionadded:: 0.1
    """
    return _forest.visits(_roots(node), order)


# -- measuring and searching ------------------------------------------------------


def count(node: Node) -> int:
    """The number of comments :func:`walk` yields for *node*.

    .. versionadded:: 0.1
    """
    return _forest.count(_roots(node))


def depth(node: Node) -> int:
    """How many levels *node*'s thread has.

    A top-level comment is at depth 1, so an article's depth is its deepest
    comment's depth, 0 without comments; a comment's depth counts itself,
    1 when it has no replies.

    .. versionadded:: 0.1
    """
    return _forest.depth(_roots(node))


def descendant_counts(node: Node) -> tuple[int, ...]:
    """How many comments are below each comment of *node*, in the order :func:`walk` gives.

    The same numbers as each comment's
    :attr:`~threadkit.Comment.descendant_count`, found in one pass over the
    thread rather than one pass per comment. For a comment, the first number
    is its own.

    .. versionadded:: 0.1
    """
    counts: list[int] = []
    # The comments whose subtree the walk is still in, with their depths: in
    # pre-order a subtree ends where a comment no deeper than its root begins.
    open_: list[tuple[int, int]] = []
    for position, visit in enumerate(_forest.visits(_roots(node), "pre")):
        while open_ and open_[-1][0] >= visit.depth:
            start = open_.pop()[1]
            counts[start] = position - start - 1
        counts.append(0)
        open_.append((visit.depth, position))
    end = len(counts)
    for _, start in open_:
        counts[start] = end - start - 1
    return tuple(counts)


def find(node: Node, target: str | Callable[[Comment], bool]) -> Comment | None:
    """The first comment in pre-order whose ``id`` is *target*, or ``None``.

    *target* may also be a function (a predicate): then the first comment it
    accepts. For a comment, the comment itself is tried first. Each call walks
    the thread as far as the comment; for many lookups by id, use
    :func:`index`.

    .. versionadded:: 0.1
    """
    return _forest.find_id(_roots(node), target)


def index(node: Node) -> CommentIndex:
    """*node*'s comments by id, with each one's parent, path and depth: one walk, kept.

    For an article, the same as :meth:`Article.index() <threadkit.Article.index>`,
    which is made once and kept with the article; for a comment, an index of
    the comment and everything below it, made anew.

    .. versionadded:: 0.1
    """
    if isinstance(node, Article):
        return node.index()
    return CommentIndex(_roots(node), Comment)


def parent(node: Node, target: Comment | str) -> Comment | None:
    """The comment *target* replies to in *node*'s thread; ``None`` at the top.

    *target* is a comment taken from the thread (matched by identity) or a
    comment id. For an article, answered from its kept :meth:`index
    <threadkit.Article.index>`.

    Raises:
        CommentNotFoundError: *target* is not in the thread (a
            :class:`LookupError`).

    .. versionadded:: 0.1
    """
    if isinstance(node, Article):
        return node.parent(target)
    return index(node).parent(target)


def path(node: Node, target: Comment | str) -> tuple[Comment, ...]:
    """The comments from the top of *node*'s thread down to *target*, *target* last.

    *target* is as for :func:`parent`; ``path(node, c)[:-1] == ancestors(node, c)``.

    Raises:
        CommentNotFoundError: *target* is not in the thread.

    .. versionadded:: 0.1
    """
    if isinstance(node, Article):
        return node.path(target)
    return index(node).path(target)


def ancestors(node: Node, target: Comment) -> tuple[Comment, ...]:
    """The comments *target* replies to, directly or not, outermost first.

    The tuple runs from the top of *node*'s thread down to *target*'s parent:
    empty for a top-level comment, or when *target* is the comment *node*
    itself. *target* is matched by identity, so it must be an object taken
    from this thread (an equal copy is not found); if the same object appears
    in several places, the first in pre-order counts.

    Raises:
        CommentNotFoundError: *target* is not in the thread (a
            :class:`LookupError`).

    .. versionadded:: 0.1
    """
    return _forest.ancestors(_roots(node), target, Comment)


# -- statistics ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ThreadStats:
    """The shape of a thread in a few numbers, as :func:`stats` counts them.

    ``threadkit stats`` prints these, so the command line and a program
    report the same numbers for the same thread.

    .. versionadded:: 0.1
    """

    comments: int
    """Every comment, at any depth."""
    top_level_comments: int
    """The comments at depth 1: an article's own comments, or 1 for a comment."""
    depth: int
    """How many levels the thread has, as :func:`depth` counts them."""
    participants: int
    """How many distinct author names signed a comment; a comment without one adds none."""
    replies_per_comment: float
    """The mean number of direct replies a comment has; 0.0 when there is no comment."""
    most_replied: Comment | None
    """The comment with the most direct replies, the first in pre-order among equals;
    ``None`` when no comment has a reply."""
    deleted: int = 0
    """The comments deleted by their author or removed by a moderator
    (:attr:`~threadkit.CommentState.DELETED`, :attr:`~threadkit.CommentState.REMOVED`).

    .. versionadded:: 0.1
    """
    first_published: datetime | None = None
    """The earliest :attr:`~threadkit.Comment.published` of the thread; ``None`` when no
    comment has a date.

    .. versionadded:: 0.1
    """
    last_published: datetime | None = None
    """The latest :attr:`~threadkit.Comment.published` of the thread; ``None`` when no
    comment has a date.

    .. versionadded:: 0.1
    """


_GONE = frozenset({CommentState.DELETED, CommentState.REMOVED})


def stats(node: Node | Iterable[Article]) -> ThreadStats:
    """Count *node*'s comments, levels, participants, deletions and dates in one walk.

    Args:
        node: An article (its whole thread), a comment (the comment itself
            and everything below it, the comment at the top level), or
            several articles, counted as one thread whose top-level comments
            are all of theirs: participants are the distinct names over all
            of them, the depth the deepest, the dates the span of all.

    Returns:
        The numbers, as a :class:`ThreadStats`.

    Raises:
        TypeError: *node* is neither an article, a comment nor articles.

    .. versionadded:: 0.1
    """
    if isinstance(node, Article | Comment):
        roots = _roots(node)
    elif isinstance(node, Iterable):
        roots = [comment for article in node for comment in _roots(_article(article))]
    else:
        raise TypeError(f"expected an Article, a Comment or articles, got {type(node).__name__}")
    comments = 0
    deepest = 0
    deleted = 0
    names: set[str] = set()
    best: Comment | None = None
    first: datetime | None = None
    last: datetime | None = None
    for visit in _forest.visits(roots, "pre"):
        comments += 1
        deepest = max(deepest, visit.depth)
        comment = visit.comment
        if comment.author is not None and comment.author.name is not None:
            names.add(comment.author.name)
        if comment.replies and (best is None or len(comment.replies) > len(best.replies)):
            best = comment
        if comment.state in _GONE:
            deleted += 1
        when = comment.published
        if when is not None:
            if first is None or when < first:
                first = when
            if last is None or when > last:
                last = when
    # Every comment but those at the top is a direct reply to exactly one other.
    replies = comments - len(roots)
    return ThreadStats(
        comments=comments,
        top_level_comments=len(roots),
        depth=deepest,
        participants=len(names),
        replies_per_comment=replies / comments if comments else 0.0,
        most_replied=best,
        deleted=deleted,
        first_published=first,
        last_published=last,
    )


def _article(item: object) -> Article:
    if not isinstance(item, Article):
        raise TypeError(f"expected articles, got {type(item).__name__} among them")
    return item


# -- changing a thread --------------------------------------------------------------


@overload
def prune(node: Article, predicate: Callable[[Comment], bool]) -> Article: ...
@overload
def prune(node: Comment, predicate: Callable[[Comment], bool]) -> Comment: ...
def prune(node: Node, predicate: Callable[[Comment], bool]) -> Node:
    """A copy of *node* without the comments *predicate* accepts, nor anything below them.

    *predicate* is called once per comment, in pre-order, and never on a
    comment below one it accepted. For a comment, the comment itself is kept
    whatever *predicate* says: only replies, at any depth, are removed.
    Subtrees that lose nothing are reused as they are, and *node* itself is
    returned when nothing is removed.

    .. versionadded:: 0.1
    """
    if isinstance(node, Article):
        return with_comments(node, _forest.prune(node.comments, predicate, with_replies))
    return _forest.prune(_roots(node), predicate, with_replies, spare_roots=True)[0]


@overload
def map(node: Article, function: Callable[[Comment], Comment]) -> Article: ...
@overload
def map(node: Comment, function: Callable[[Comment], Comment]) -> Comment: ...
def map(node: Node, function: Callable[[Comment], Comment]) -> Node:
    """A copy of *node* in which every comment went through *function*.

    *function* is applied bottom-up, in post-order: each comment is passed
    with its replies already mapped, and what it returns takes the comment's
    place (it may change the replies too). For a comment, the comment itself
    is mapped last and its result returned. Unchanged subtrees are reused.

    Raises:
        TypeError: *function* returned something other than a
            :class:`~threadkit.Comment`.

    .. versionadded:: 0.1
    """

    if isinstance(node, Article):
        return with_comments(node, _forest.map(node.comments, function, with_replies, Comment))
    return _forest.map(_roots(node), function, with_replies, Comment)[0]


@overload
def sort_replies(
    node: Article, key: Callable[[Comment], Any], *, reverse: bool = False
) -> Article: ...
@overload
def sort_replies(
    node: Comment, key: Callable[[Comment], Any], *, reverse: bool = False
) -> Comment: ...
def sort_replies(node: Node, key: Callable[[Comment], Any], *, reverse: bool = False) -> Node:
    """A copy of *node* with the siblings at every level sorted by *key*.

    For an article, its top-level comments are sorted too. The sort is
    stable, so siblings with equal keys keep their order (with *reverse*
    as well, as :func:`sorted` does). *key* receives each comment with its
    own replies already sorted. Levels already in order are reused.

    Example:
        Oldest first, assuming every comment has ``published`` set::

            article = sort_replies(article, key=lambda c: c.published)

    .. versionadded:: 0.1
    """

    def finish(comment: Comment, replies: list[Comment]) -> Comment:
        if len(replies) > 1:
            replies.sort(key=key, reverse=reverse)
        if _forest.same(replies, comment.replies):
            return comment
        return with_replies(comment, tuple(replies))

    if isinstance(node, Article):
        roots = _forest.transform(node.comments, finish)
        roots.sort(key=key, reverse=reverse)
        return with_comments(node, roots)
    return _forest.transform(_roots(node), finish)[0]


# -- flat records -------------------------------------------------------------------


def flatten(node: Node) -> tuple[Record, ...]:
    """The comments of *node* as flat :class:`Record` objects, in pre-order.

    Keys are pre-order positions, 1 for the first comment, so they exist even
    when the comments have no ``id``: the keys the ``jsonl`` format writes
    and :func:`threadkit.frames.to_frame` gives. For a comment, the comment
    itself is the record with key 1 and depth 1. ``rebuild(flatten(node)).comments``
    gives the thread back. Nothing is copied: each record holds its comment
    as the thread does.

    .. versionadded:: 0.1
    """
    return _forest.flatten(_roots(node))


# -- rebuilding a thread from a flat list ------------------------------------------


@attrs.frozen(kw_only=True)
class RebuildReport:
    """What :func:`rebuild` found wrong in its input, and did about it.

    Every tuple lists the keys of the items concerned, in input order.
    ``str(report)`` is a one-line summary for people.

    .. versionadded:: 0.1
    """

    item_count: int
    """How many items were read."""
    comment_count: int
    """How many comments the rebuilt thread has."""
    orphans: tuple[Hashable, ...] = ()
    """Items whose parent key matched no item (kept at the top level or dropped)."""
    duplicates: tuple[Hashable, ...] = ()
    """Items whose key an earlier item already had (one entry per later item)."""
    cycles: tuple[Hashable, ...] = ()
    """Items made top-level to break a cycle (one per cycle, a self-reply included)."""
    out_of_order: tuple[Hashable, ...] = ()
    """Items listed before their parent: normal in some exports, nothing to repair."""
    dropped: tuple[Hashable, ...] = ()
    """Items left out of the thread, by the duplicate or orphan policy (with
    ``duplicates="last"``, each earlier item a later one replaced)."""

    @property
    def repairs(self) -> int:
        """How many problems were repaired: orphans, duplicates and cycles."""
        return len(self.orphans) + len(self.duplicates) + len(self.cycles)

    @property
    def clean(self) -> bool:
        """Whether the input needed no repair (it may still be out of order)."""
        return not (self.orphans or self.duplicates or self.cycles)

    def __str__(self) -> str:
        summary = f"{self.item_count} items rebuilt into {self.comment_count} comments"
        parts = [
            _describe(
                self.orphans,
                "orphan whose parent was not found",
                "orphans whose parent was not found",
            ),
            _describe(self.duplicates, "duplicate key", "duplicate keys"),
            _describe(self.cycles, "cycle broken", "cycles broken"),
            _describe(self.dropped, "item dropped", "items dropped"),
            _describe(self.out_of_order, "item before its parent", "items before their parent"),
        ]
        details = "; ".join(part for part in parts if part)
        if not details:
            return f"{summary}: clean"
        return f"{summary}: {details}"


def _describe(keys: tuple[Hashable, ...], one: str, many: str) -> str:
    if not keys:
        return ""
    return f"{len(keys)} {one if len(keys) == 1 else many} ({_keys_text(keys)})"


@attrs.frozen(kw_only=True)
class Rebuilt:
    """The result of :func:`rebuild`: the thread and the report on the repairs.

    Make an article of it with ``Article(title=..., comments=rebuilt.comments)``.

    .. versionadded:: 0.1
    """

    comments: tuple[Comment, ...]
    """The top-level comments of the rebuilt thread, replies in place."""
    report: RebuildReport
    """What was wrong with the input and what was done about it."""


def _check_policy(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(choice) for choice in allowed)
        raise ValueError(f"{name} must be one of {choices}, not {value!r}")


def _keys_text(keys: Sequence[Hashable]) -> str:
    shown = ", ".join(repr(key) for key in keys[:5])
    return shown + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")


@collector_paused()
def rebuild(
    items: Iterable[Record | tuple[Hashable, Hashable | None, Comment]],
    *,
    orphans: OrphanPolicy = "keep",
    duplicates: DuplicatePolicy = "keep",
    cycles: CyclePolicy = "break",
) -> Rebuilt:
    """Build a thread from a flat list of comments that name their parents.

    Each item is a :class:`Record` (as :func:`flatten` makes them; its
    ``depth`` is not used) or a ``(key, parent_key, comment)`` triple. Keys
    are any hashable values, such as the record keys or a platform's comment
    ids, told apart as dictionary keys are (``1``, ``1.0`` and ``True`` are
    one key); ``parent_key`` is ``None`` or ``""`` for a top-level comment (an
    empty cell of a table, as well as a missing value), so neither may be a
    key. The
    structure comes from the keys alone: the replies a comment already has
    are ignored, and a comment whose replies come out as they were is kept
    as it is, so the records of :func:`flatten` give back the very comments
    of the thread, and nothing is copied.

    The input may be imperfect. The policies, each problem counted in the
    report:

    * Several top-level comments: fine.
    * Replies listed before their parent: fine. Siblings, top-level comments
      included, are ordered by their position in the input. Reported as
      ``out_of_order`` for information only.
    * Orphans, items whose parent key no item has. ``orphans="keep"`` (the
      default) makes them top-level comments, in their input position;
      ``"drop"`` leaves them out with everything below them (reported in
      ``dropped``); ``"error"`` raises.
    * Duplicates, items with a key an earlier item already has. Replies
      naming that key always go to the first item with it. With
      ``duplicates="keep"`` (the default) nothing is lost: a later item that
      repeats the first exactly (same parent key, and an equal comment apart
      from replies) is dropped, and one that differs is kept as a comment of
      its own under its own parent. ``"first"`` drops every later item.
      ``"last"`` lets the last item with a key win, as a re-scrape appended
      to an earlier one needs: its comment and parent key take the place of
      the first item's (which keeps its place among its siblings), and the
      earlier items are dropped. ``"error"`` raises.
    * Cycles, comments that end up being their own ancestors, as in
      ``a -> b -> a`` or a comment whose parent key is its own key.
      ``cycles="break"`` (the default) makes the member of the cycle listed
      first a top-level comment, the rest staying below it; ``"error"``
      raises.

    Rebuilding takes time proportional to the number of items and never
    recurses.

    Args:
        items: The records or triples, in any order.
        orphans: ``"keep"``, ``"drop"`` or ``"error"``.
        duplicates: ``"keep"``, ``"first"``, ``"last"`` or ``"error"``.
        cycles: ``"break"`` or ``"error"``.

    Returns:
        The top-level comments and a :class:`RebuildReport`.

    Raises:
        RebuildError: A policy is ``"error"`` and the input has that problem,
            or an item's key is ``None`` or ``""`` (a :class:`ValueError`).
        TypeError: An item is not a record or a triple ending with a comment.
        ValueError: A policy name is unknown.

    .. versionadded:: 0.1
    """
    _check_policy("orphans", orphans, ("keep", "drop", "error"))
    _check_policy("duplicates", duplicates, ("keep", "first", "last", "error"))
    _check_policy("cycles", cycles, ("break", "error"))

    # 1. Read the items; settle duplicates. Nodes are the items kept, numbered
    #    in input order; `first` maps each key to the first node with it.
    keys: list[Hashable] = []
    parents: list[Hashable] = []
    comments: list[Comment] = []
    first: dict[Hashable, int] = {None: TOP, "": TOP}
    setdefault = first.setdefault
    add_key, add_parent, add_comment = keys.append, parents.append, comments.append
    duplicate_keys: list[Hashable] = []
    repeats: list[tuple[int, Hashable]] = []  # (nodes before it, key) of each dropped duplicate
    key: Hashable
    parent: Hashable
    position = -1
    n = 0
    for position, item in enumerate(items):
        # Nothing checks a record's fields when it is made: its comment is checked here.
        if type(item) is Record and type(item[3]) is Comment:
            key, parent, _, comment = item
        else:
            key, parent, comment = _unpack(position, item)
        try:
            seen = setdefault(key, n)
        except TypeError:
            raise TypeError(
                f"items[{position}]: the key must be hashable, not {type(key).__name__}"
            ) from None
        if seen != n:
            if key is None or (type(key) is str and not key):
                raise RebuildError(
                    f"items[{position}] has no key ({key!r}); every item needs one, "
                    "and a parent key of None or '' means top level",
                    problem="key",
                )
            if duplicates == "error":
                raise RebuildError(
                    f"duplicate key {key!r}: items[{position}] repeats the key of an earlier item",
                    problem="duplicate",
                    keys=(key,),
                )
            duplicate_keys.append(key)
            if duplicates == "last":
                # The later item takes the place of the one kept so far.
                parents[seen] = parent
                comments[seen] = comment
                repeats.append((n, key))
                continue
            if duplicates == "first" or (
                parents[seen] == parent and comments[seen]._fields() == comment._fields()
            ):
                repeats.append((n, key))
                continue
        add_key(key)
        add_parent(parent)
        add_comment(comment)
        n += 1

    # 2. Link every node to its parent's node.
    get = first.get
    try:
        link = [get(parent, MISSING) for parent in parents]
    except TypeError:
        for index, parent in enumerate(parents):
            try:
                hash(parent)
            except TypeError:
                raise TypeError(
                    f"the parent key of the item with key {keys[index]!r} must be hashable, "
                    f"not {type(parent).__name__}"
                ) from None
        raise
    orphan_nodes: list[int] = []
    if MISSING in link:
        orphan_nodes = [i for i, j in enumerate(link) if j == MISSING]
        if orphans == "error":
            listed = [f"{keys[i]!r} (parent {parents[i]!r})" for i in orphan_nodes]
            raise RebuildError(
                f"orphans: {len(orphan_nodes)} of the items reply to a key no item has: "
                + ", ".join(listed[:5])
                + (f" and {len(listed) - 5} more" if len(listed) > 5 else ""),
                problem="orphan",
                keys=tuple(keys[i] for i in orphan_nodes),
            )
        if orphans == "keep":
            for i in orphan_nodes:
                link[i] = TOP
    backward = [i for i, j in enumerate(link) if j >= i]

    # 3. Break cycles. Every cycle has a link that points forward in the
    #    input (or to itself), so walks start only from those.
    cycle_nodes: list[int] = []
    if backward:
        for loop in _forest.cycles(link, backward):
            if cycles == "error":
                members = [keys[k] for k in sorted(loop)]
                raise RebuildError(
                    f"cycle: the items with keys {_keys_text(members)} are their own ancestors",
                    problem="cycle",
                    keys=tuple(members),
                )
            head = min(loop)
            link[head] = TOP
            cycle_nodes.append(head)
        cycle_nodes.sort()
        backward = [i for i in backward if link[i] > i]

    # 4. Build bottom-up.
    if not backward:
        roots, dead = _build_in_order(comments, link)
    else:
        roots, dead = _build_any_order(comments, link)

    dropped_nodes = [i for i in range(n) if dead[i]] if dead is not None else []
    if repeats:
        # A repeat read when `m` nodes were kept comes just before node `m`.
        merged = [(i, 1, keys[i]) for i in dropped_nodes] + [(m, 0, k) for m, k in repeats]
        merged.sort(key=operator.itemgetter(0, 1))
        dropped = tuple(key for _, _, key in merged)
    else:
        dropped = tuple(keys[i] for i in dropped_nodes)
    report = RebuildReport(
        item_count=position + 1,
        comment_count=n - len(dropped_nodes),
        orphans=tuple(keys[i] for i in orphan_nodes),
        duplicates=tuple(duplicate_keys),
        cycles=tuple(keys[i] for i in cycle_nodes),
        out_of_order=tuple(keys[i] for i in backward if dead is None or not dead[i]),
        dropped=dropped,
    )
    return Rebuilt(comments=roots, report=report)


def _unpack(position: int, item: object) -> tuple[Hashable, Hashable, Comment]:
    if isinstance(item, Record):
        key, parent, comment = item.key, item.parent, item.comment
    else:
        try:
            key, parent, comment = item  # type: ignore[misc]
        except (TypeError, ValueError):
            raise TypeError(
                f"items[{position}]: expected a Record or a (key, parent_key, comment) "
                f"triple, got {type(item).__name__}"
            ) from None
    if not isinstance(comment, Comment):
        raise TypeError(
            f"items[{position}]: the comment must be a Comment, not {type(comment).__name__}"
        )
    return key, parent, comment


def _build_in_order(
    comments: list[Comment], link: list[int]
) -> tuple[tuple[Comment, ...], bytearray | None]:
    """Build when every parent comes before its replies: one pass, last item first."""
    n = len(comments)
    dead: bytearray | None = None
    if MISSING in link:
        # Dropped orphans, and everything below them.
        dead = bytearray(n)
        for i, j in enumerate(link):
            if j == MISSING or (j >= 0 and dead[j]):
                dead[i] = 1
    # pending[j] collects node j's replies, last first.
    pending: list[list[Comment] | None] = [None] * n
    roots: list[Comment] = []
    clone = with_replies
    for i in range(n - 1, -1, -1):
        if dead is not None and dead[i]:
            continue
        comment = comments[i]
        replies = pending[i]
        if replies is not None:
            replies.reverse()
            if not _forest.same(replies, comment.replies):
                comment = clone(comment, tuple(replies))
            pending[i] = None
        elif comment.replies:
            comment = clone(comment, ())
        j = link[i]
        if j >= 0:
            siblings = pending[j]
            if siblings is None:
                pending[j] = [comment]
            else:
                siblings.append(comment)
        else:
            roots.append(comment)
    roots.reverse()
    return tuple(roots), dead


def _build_any_order(
    comments: list[Comment], link: list[int]
) -> tuple[tuple[Comment, ...], bytearray | None]:
    """Build from any acyclic links: order the nodes from the roots down first."""
    n = len(comments)
    children: list[list[int] | None] = [None] * n
    top: list[int] = []
    for i, j in enumerate(link):
        if j >= 0:
            siblings = children[j]
            if siblings is None:
                children[j] = [i]
            else:
                siblings.append(i)
        elif j == TOP:
            top.append(i)
    order: list[int] = []
    stack = top[::-1]
    while stack:
        i = stack.pop()
        order.append(i)
        below = children[i]
        if below is not None:
            stack.extend(reversed(below))
    dead: bytearray | None = None
    if len(order) < n:
        dead = bytearray(b"\x01") * n
        for i in order:
            dead[i] = 0
    built: list[Comment | None] = [None] * n
    clone = with_replies
    for i in reversed(order):
        comment = comments[i]
        below = children[i]
        if below is not None:
            replies = [built[k] for k in below]
            if not _forest.same(replies, comment.replies):  # type: ignore[arg-type]
                comment = clone(comment, tuple(replies))  # type: ignore[arg-type]
        elif comment.replies:
            comment = clone(comment, ())
        built[i] = comment
    return tuple([built[i] for i in top]), dead  # type: ignore[misc]


# -- grafting a thread fetched in pieces --------------------------------------------

PARENT_ID = "parent_id"
"""The key of :attr:`Comment.extra <threadkit.Comment.extra>` that names a parent not in the thread.

An importer that reads a comment whose parent is not in its source (an
orphan kept at the top level, a reply in a "load more" answer) keeps the
parent's id there, as the platform's comment id, the
:attr:`~threadkit.Comment.id` the parent has once it is loaded:
``comment.extra["parent_id"] == "d8r4im1"``. It travels with the comment
through every format, and :func:`graft` reads it to put the comment back
under its parent.

.. versionadded:: 0.1
"""


@attrs.frozen(kw_only=True)
class GraftReport:
    """What :func:`graft` attached, and what is still missing.

    Comments are named by their ids; a comment without one by a
    ``(part, position)`` pair: the article is part 0, and the position is
    the comment's place in the pre-order of its part.

    .. versionadded:: 0.1
    """

    parts: int
    """How many parts were grafted onto the article."""
    added: int
    """How many comments the article gained (the parts' comments less the duplicates dropped)."""
    attached: tuple[Hashable, ...]
    """The comments now under the comment their :data:`PARENT_ID` names (or, for
    *article_id*, at the top level), that key removed, in input order."""
    missing: tuple[Hashable, ...]
    """The comments whose :data:`PARENT_ID` names no comment of the article or of
    any part: at the top level still, the key kept, in input order."""
    rebuild: RebuildReport
    """The :func:`rebuild` of the whole thread: its orphans are :attr:`missing`, and
    it reports the duplicates (a part repeating a comment already there), the
    cycles broken and the items dropped."""

    @property
    def clean(self) -> bool:
        """Whether every comment found its parent, with no duplicate and no cycle."""
        return self.rebuild.clean

    def __str__(self) -> str:
        parts = "1 part" if self.parts == 1 else f"{self.parts} parts"
        summary = (
            f"grafted {parts}: {self.added} comment(s) added, "
            f"{len(self.attached)} attached to their parent, "
            f"{len(self.missing)} whose parent is still missing"
        )
        details = [
            _describe(self.rebuild.duplicates, "duplicate key", "duplicate keys"),
            _describe(self.rebuild.cycles, "cycle broken", "cycles broken"),
            _describe(self.rebuild.dropped, "item dropped", "items dropped"),
        ]
        shown = "; ".join(part for part in details if part)
        return f"{summary}; {shown}" if shown else summary


@attrs.frozen(kw_only=True)
class Grafted:
    """The result of :func:`graft`: the article with every part's comments in place, and the report.

    .. versionadded:: 0.1
    """

    article: Article
    """The article, its thread holding the parts' comments."""
    report: GraftReport
    """What was attached, and what is still missing."""


def graft(
    article: Article,
    *parts: Article,
    duplicates: Literal["keep", "first", "error"] = "keep",
    cycles: CyclePolicy = "break",
    article_id: str | None = None,
) -> Grafted:
    """Put a thread fetched in pieces back together.

    A platform sends a long thread in pieces: a Reddit listing and its
    "load more" (``morechildren``) answers and "continue this thread" pages,
    the next page of a Disqus or Mastodon crawl, Hacker News items fetched
    one by one. Each piece read by an importer is an article whose comments
    that answer a comment it does not hold keep that comment's id in
    ``extra["parent_id"]`` (:data:`PARENT_ID`). ``graft`` takes the article
    and the pieces (*parts*) and gives one article: each comment of a part
    goes under the comment its parent id names, wherever that is (in the
    article, in the same part, in another part, in any order), and loses the
    key; a comment that answers the article goes to the top level after the
    comments already there; a comment whose parent is in none of them stays
    at the top level, keeping the key, and the report lists it as missing.

    Only the parts' comments are taken: the article keeps its own title,
    body and ``extra`` (a part stands for the same article). Siblings keep
    their order, a part's after the article's and after the parts before
    it. Comments are matched by id, as :func:`rebuild` matches keys: the
    thread is rebuilt from all of them under the *duplicates* and *cycles*
    policies, which mean what they mean there. A comment a part repeats
    (a "continue this thread" page repeats the comments above the one it
    continues) is dropped when it is equal to the one already there, with
    ``duplicates="keep"``; ``duplicates="first"`` drops it even when it
    differs, as a page fetched later often does (a score changed, an edit),
    and its replies go under the comment already there either way.

    Args:
        article: The first piece, such as a Reddit listing.
        parts: The pieces fetched later, in the order fetched.
        duplicates: ``"keep"``, ``"first"`` or ``"error"``, as for :func:`rebuild`.
        cycles: ``"break"`` or ``"error"``, as for :func:`rebuild`.
        article_id: The platform's id of the article itself, for pieces whose
            comments name it as their parent: Hacker News comments read
            without their story, which the importer cannot tell from a
            comment. Comments whose parent id is *article_id* go to the top
            level, that key removed.

    Returns:
        A :class:`Grafted`: the article and a :class:`GraftReport`.

    Raises:
        RebuildError: A policy is ``"error"`` and the pieces have that problem.
        TypeError: The article or a part is not an :class:`~threadkit.Article`.
        ValueError: A policy name is unknown.

    .. versionadded:: 0.1
    """
    sources = (article, *parts)
    for number, source in enumerate(sources):
        if not isinstance(source, Article):
            raise TypeError(
                f"{'the article' if number == 0 else f'part {number}'} must be an Article, "
                f"not {type(source).__name__}"
            )
    # "last" is no policy here: a part's repeat of a comment would move it.
    _check_policy("duplicates", duplicates, ("keep", "first", "error"))
    records = [_forest.flatten(source.comments) for source in sources]
    ids = {record.comment.id for flat in records for record in flat}
    items: list[tuple[Hashable, Hashable | None, Comment]] = []
    # The comments whose parent id was found, as they were: to put back if
    # their link turns out to close a cycle, so that breaking it loses nothing.
    found: dict[int, Comment] = {}
    for number, flat in enumerate(records):
        keys: list[Hashable] = [
            # A comment without an id by its position in the part, from 0.
            record.comment.id if record.comment.id is not None else (number, record.key - 1)
            for record in flat
        ]
        for record, key in zip(flat, keys, strict=True):
            comment = record.comment
            parent: Hashable | None = None
            if record.parent is not None:
                parent = keys[record.parent - 1]  # keys count from 1
            else:
                named = comment.extra.get(PARENT_ID)
                if isinstance(named, str) and named != comment.id:
                    if named in ids or named == article_id:
                        parent = named if named in ids else None
                        found[len(items)] = comment
                        comment = _without_parent_id(comment)
                    else:
                        parent = named  # still missing: an orphan of the rebuild
            items.append((key, parent, comment))

    rebuilt = rebuild(items, orphans="keep", duplicates=duplicates, cycles=cycles)
    if rebuilt.report.cycles:
        broken = set(rebuilt.report.cycles)
        restored = [n for n in found if items[n][0] in broken]
        if restored:
            for n in restored:
                key, parent, _ = items[n]
                items[n] = (key, parent, found.pop(n))
            rebuilt = rebuild(items, orphans="keep", duplicates=duplicates, cycles=cycles)
    # A duplicate repeats the key of an item before it: only a first is attached.
    firsts: dict[Hashable, int] = {}
    for n, (key, _, _) in enumerate(items):
        firsts.setdefault(key, n)
    attached = [items[n][0] for n in sorted(found) if firsts[items[n][0]] == n]
    grafted = with_comments(article, rebuilt.comments)
    report = GraftReport(
        parts=len(parts),
        added=rebuilt.report.comment_count - count(article),
        attached=tuple(attached),
        missing=rebuilt.report.orphans,
        rebuild=rebuilt.report,
    )
    return Grafted(article=grafted, report=report)


def _without_parent_id(comment: Comment) -> Comment:
    return with_extra(
        comment, Extra({key: value for key, value in comment.extra.items() if key != PARENT_ID})
    )
