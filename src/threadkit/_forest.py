"""The iterative kernels over comment forests, below both the model and :mod:`threadkit.tree`.

Every kernel takes *roots*, a sequence of comments (an article's
``comments``, or ``(comment,)`` for the thread below one comment), and
follows ``.replies`` without recursion: a reply chain 100,000 deep is as safe
as a flat list. Kernels that copy a comment take a *clone* callable,
``clone(comment, replies)``, and those that must tell a comment from another
value take the comment class as *kind*, so that nothing here imports the
model. Equality and hashing take the model's fields by a getter it hands
in, and cache a hash in its ``_tk_hash`` slot.

Readers and :func:`threadkit.tree.rebuild` meet threads as flat lists whose
items name their parent by index (:data:`TOP` at the top level, :data:`MISSING`
for a parent that does not exist): :func:`cycles` and :func:`break_cycles`
settle links that go round, :func:`depth_breach` finds the first item nested
deeper than a limit, and :func:`from_parents` builds the forest.
"""

from __future__ import annotations

import builtins
import itertools
import operator
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias, TypeVar

from threadkit._gc import collector_paused
from threadkit.errors import CommentNotFoundError

if TYPE_CHECKING:
    from threadkit._model import Comment

__all__ = [
    "MISSING",
    "TOP",
    "Clone",
    "CommentIndex",
    "Order",
    "Record",
    "Visit",
    "ancestors",
    "break_cycles",
    "count",
    "count_upto",
    "cycles",
    "depth",
    "depth_breach",
    "find",
    "find_id",
    "flatten",
    "forests_equal",
    "from_parents",
    "hash_forest",
    "hash_thread",
    "hash_tree",
    "map",
    "prune",
    "same",
    "transform",
    "visits",
    "visits_breadth",
    "visits_post",
    "visits_pre",
    "walk",
    "walk_breadth",
    "walk_post",
    "walk_pre",
]

Order: TypeAlias = Literal["pre", "post", "breadth"]  # documented in threadkit.tree

TOP = -1
"""The parent index of a top-level item in a flat list."""
MISSING = -2
"""The parent index of an item whose parent is not in the list."""

Clone: TypeAlias = "Callable[[Comment, tuple[Comment, ...]], Comment]"
"""``clone(comment, replies)``: *comment* with *replies* in place of its own."""


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


class Record(NamedTuple):
    """One comment of a flattened thread, with its place in the thread as keys.

    :func:`flatten` makes them and :func:`rebuild` reads them back. A record
    holds the comment as it is in the thread, its replies included: records
    share their comments with the thread rather than copy them. For the
    comment alone, as a row of a table would hold it, take its fields
    (``record.comment.text``, ``record.comment.author`` and so on) or
    ``attrs.evolve(record.comment, replies=())``.

    .. versionadded:: 0.1
    """

    key: int
    """The comment's position in pre-order, from 1: the same for the same thread.

    The keys of the ``jsonl`` format and of :func:`threadkit.frames.to_frame`
    are these.
    """
    parent: int | None
    """The parent's :attr:`key`; ``None`` for a top-level comment."""
    depth: int
    """1 for a top-level comment, 2 for a reply to one, and so on."""
    comment: Comment
    """The comment, with its replies as they are in the thread."""


_replies = operator.attrgetter("replies")


_T = TypeVar("_T")


def _in_order(table: dict[str, _T], order: str) -> _T:
    """The walk of *table* for *order*; :class:`ValueError` for another order."""
    chosen = table.get(order)
    if chosen is None:
        raise ValueError(f"order must be 'pre', 'post' or 'breadth', not {order!r}")
    return chosen


# -- walking ----------------------------------------------------------------------


def walk(roots: Sequence[Comment], order: Order) -> Iterator[Comment]:
    """The comments of the forest in *order*: ``"pre"``, ``"post"`` or ``"breadth"``."""
    return _in_order(_WALKS, order)(roots)


def walk_pre(roots: Sequence[Comment]) -> Iterator[Comment]:
    """Each comment before its replies, in thread order."""
    if not any(builtins.map(_replies, roots)):
        # No comment has replies: the roots are the walk, iterated in C.
        return iter(roots)
    return _walk_pre(roots)


def _walk_pre(roots: Sequence[Comment]) -> Iterator[Comment]:
    stack = list(reversed(roots))
    pop, extend = stack.pop, stack.extend
    while stack:
        comment = pop()
        # Down a run of only replies without the stack: a reply chain costs
        # no more per comment than the loop that merely visits it.
        while True:
            yield comment
            replies = comment.replies
            if not replies:
                break
            if len(replies) == 1:
                comment = replies[0]
                continue
            # A reversed copy is a tuple, which extend takes in one step;
            # reversed() would be an iterator, taken item by item.
            extend(replies[::-1])
            break


def walk_post(roots: Sequence[Comment]) -> Iterator[Comment]:
    """Each comment after its replies; the whole order is listed at the call."""
    if not any(builtins.map(_replies, roots)):
        return iter(roots)
    # Post-order is pre-order with the replies taken last first, backwards:
    # one pass, each comment put in front of those before it. A deque grows
    # by fixed blocks where a list is copied as it grows, and a lazy walk
    # keeps an iterator per level alive, which the cyclic garbage collector
    # looks through again and again on a long reply chain.
    order: deque[Comment] = deque()
    stack = list(roots)
    pop, extend, put = stack.pop, stack.extend, order.appendleft
    while stack:
        comment = pop()
        # The reply-chain loop of _walk_pre, with put for yield and the
        # replies stacked the other way: written out in each, as a shared
        # step would cost a call per comment.
        while True:
            put(comment)
            replies = comment.replies
            if not replies:
                break
            if len(replies) == 1:
                comment = replies[0]
                continue
            extend(replies)
            break
    return iter(order)


def walk_breadth(roots: Sequence[Comment]) -> Iterator[Comment]:
    """Level by level, each level in thread order."""
    if not any(builtins.map(_replies, roots)):
        return iter(roots)
    return _walk_breadth(roots)


def _walk_breadth(roots: Sequence[Comment]) -> Iterator[Comment]:
    # One list, read while it grows: each comment's replies go to its end. A
    # list per level cost a list and a loop per level, which a reply chain
    # pays at every comment.
    queue = list(roots)
    extend = queue.extend
    for comment in queue:
        yield comment
        if comment.replies:
            extend(comment.replies)


def visits(roots: Sequence[Comment], order: Order) -> Iterator[Visit]:
    """Like :func:`walk`, each comment as a :class:`Visit`; the roots are at depth 1."""
    return _in_order(_VISITS, order)(roots)


def visits_pre(roots: Sequence[Comment]) -> Iterator[Visit]:
    """:func:`walk_pre` with depths and parents."""
    stack = [Visit(comment, 1, None) for comment in reversed(roots)]
    while stack:
        visit = stack.pop()
        yield visit
        comment = visit.comment
        if comment.replies:
            below = visit.depth + 1
            stack.extend(Visit(reply, below, comment) for reply in reversed(comment.replies))


def visits_post(roots: Sequence[Comment]) -> Iterator[Visit]:
    """:func:`walk_post` with depths and parents."""
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


def visits_breadth(roots: Sequence[Comment]) -> Iterator[Visit]:
    """:func:`walk_breadth` with depths and parents."""
    queue = deque(Visit(comment, 1, None) for comment in roots)
    while queue:
        visit = queue.popleft()
        yield visit
        comment = visit.comment
        below = visit.depth + 1
        queue.extend(Visit(reply, below, comment) for reply in comment.replies)


# -- measuring and searching ------------------------------------------------------


_WALKS: dict[str, Callable[[Sequence[Comment]], Iterator[Comment]]] = {
    "pre": walk_pre,
    "post": walk_post,
    "breadth": walk_breadth,
}
_VISITS: dict[str, Callable[[Sequence[Comment]], Iterator[Visit]]] = {
    "pre": visits_pre,
    "post": visits_post,
    "breadth": visits_breadth,
}


def count(roots: Sequence[Comment]) -> int:
    """How many comments the forest holds."""
    total = 0
    stack = list(roots)
    pop, extend = stack.pop, stack.extend
    while stack:
        replies = pop().replies
        total += 1
        if replies:
            extend(replies)
    return total


def count_upto(roots: Sequence[Comment], most: int) -> int:
    """How many comments the forest holds, counting no further than ``most + 1``."""
    total = 0
    stack = list(roots)
    pop, extend = stack.pop, stack.extend
    while stack and total <= most:
        replies = pop().replies
        total += 1
        if replies:
            extend(replies)
    return total


def depth(roots: Sequence[Comment]) -> int:
    """How many levels the forest has: 0 without roots."""
    # Level by level: no tuple per comment, and a reply chain costs one short
    # list per level.
    levels = 0
    level = roots
    while level:
        levels += 1
        below: list[Comment] = []
        extend = below.extend
        for comment in level:
            if comment.replies:
                extend(comment.replies)
        level = below
    return levels


def find(roots: Sequence[Comment], predicate: Callable[[Comment], bool]) -> Comment | None:
    """The first comment in pre-order that *predicate* accepts, or ``None``."""
    for comment in walk_pre(roots):
        if predicate(comment):
            return comment
    return None


def find_id(roots: Sequence[Comment], target: str | Callable[[Comment], bool]) -> Comment | None:
    """The first comment in pre-order whose ``id`` is *target*, or that *target* accepts."""
    if not isinstance(target, str):
        if not callable(target):
            raise TypeError(
                f"find takes a comment id (a str) or a function, not {type(target).__name__}"
            )
        return find(roots, target)
    id = target
    for comment in walk_pre(roots):
        if comment.id == id:
            return comment
    return None


def _not_found(target: object, kind: type[Comment]) -> CommentNotFoundError:
    if isinstance(target, str):
        return CommentNotFoundError(f"no comment of this thread has the id {target!r}")
    preview = target.text[:40] if isinstance(target, kind) else type(target).__name__
    return CommentNotFoundError(
        f"the comment {preview!r} is not in this thread "
        "(comments are matched by identity: pass one taken from the thread, or its id)"
    )


def ancestors(
    roots: Sequence[Comment], target: Comment, kind: type[Comment]
) -> tuple[Comment, ...]:
    """The comments from a root down to *target*'s parent, *target* matched by identity.

    Raises:
        CommentNotFoundError: *target* is not in the forest; the message
            shows the start of its text when it is a *kind*.
    """
    path: list[Comment] = []
    stack = [(comment, 0) for comment in reversed(roots)]
    pop, extend = stack.pop, stack.extend
    while stack:
        comment, above = pop()
        del path[above:]
        if comment is target:
            return tuple(path)
        if comment.replies:
            path.append(comment)
            below = above + 1
            extend([(reply, below) for reply in reversed(comment.replies)])
    raise _not_found(target, kind)


class CommentIndex(Mapping[str, "Comment"]):
    """The comments of a thread by ``id``, and where each one stands, from one walk.

    A read-only mapping from each comment id to the first comment in
    pre-order that has it, which also answers where a comment stands: its
    :meth:`parent`, its :meth:`path` from the top and its :meth:`depth`, for a
    comment given by id or as the object taken from the thread (matched by
    identity, so comments without an id are found too). Built once, in time
    proportional to the thread, it answers each lookup without walking the
    thread again: the parent in constant time, the path in time proportional
    to its length. Comments whose ``id`` is ``None`` are not keys.

    An id that several comments share is a key for the first of them;
    :attr:`duplicates` lists those ids, which is the check to make before
    trusting ids to be unique::

        if article.index().duplicates:
            raise ValueError(f"ids used twice: {article.index().duplicates}")

    The index holds the thread's comments; the thread never changes, so the
    index is never out of date.

    .. versionadded:: 0.1
    """

    __slots__ = ("_by_id", "_comments", "_duplicates", "_kind", "_parents", "_positions")

    _comments: list[Comment]
    _parents: array[int]
    _by_id: dict[str, int]
    _duplicates: tuple[str, ...]
    _positions: dict[int, int] | None
    _kind: type[Comment]

    def __init__(self, roots: Sequence[Comment], kind: type[Comment]) -> None:
        comments: list[Comment] = []
        parents = array("q")
        by_id: dict[str, int] = {}
        duplicates: dict[str, None] = {}
        add, add_parent = comments.append, parents.append
        # Pre-order with each comment's parent position: a stack of (comment, parent).
        stack = [(comment, -1) for comment in reversed(roots)]
        pop, extend = stack.pop, stack.extend
        while stack:
            comment, parent = pop()
            position = len(comments)
            add(comment)
            add_parent(parent)
            id_ = comment.id
            if id_ is not None and by_id.setdefault(id_, position) != position:
                duplicates[id_] = None
            if comment.replies:
                extend([(reply, position) for reply in reversed(comment.replies)])
        set_ = object.__setattr__
        set_(self, "_comments", comments)
        set_(self, "_parents", parents)
        set_(self, "_by_id", by_id)
        set_(self, "_duplicates", tuple(duplicates))
        set_(self, "_positions", None)
        set_(self, "_kind", kind)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("CommentIndex is read-only")

    def __getitem__(self, id: str) -> Comment:
        return self._comments[self._by_id[id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    def __repr__(self) -> str:
        return (
            f"<CommentIndex of {len(self._comments):,} comments, {len(self._by_id):,} ids"
            f"{f', {len(self._duplicates):,} shared' if self._duplicates else ''}>"
        )

    @property
    def duplicates(self) -> tuple[str, ...]:
        """The ids more than one comment has, in the order their second use is met.

        Empty when every id is unique. For each, the mapping gives the first
        comment in pre-order; find the others with
        ``[c for c in article.walk() if c.id == id]``.
        """
        return self._duplicates

    @property
    def comment_count(self) -> int:
        """How many comments the thread has, with an id or not."""
        return len(self._comments)

    def _position(self, target: Comment | str) -> int:
        if isinstance(target, str):
            position = self._by_id.get(target)
        else:
            positions = self._positions
            if positions is None:
                # Built on the first lookup of an object: the first place an
                # object appears in pre-order is its place.
                positions = {}
                for index, comment in enumerate(self._comments):
                    positions.setdefault(id(comment), index)
                object.__setattr__(self, "_positions", positions)
            position = positions.get(id(target))
        if position is None:
            raise _not_found(target, self._kind)
        return position

    def parent(self, target: Comment | str) -> Comment | None:
        """The comment *target* replies to; ``None`` for a comment at the top.

        *target* is a comment id, or a comment taken from the thread.

        Raises:
            CommentNotFoundError: No comment of the thread has that id, or
                is that object (a :class:`LookupError`).
        """
        parent = self._parents[self._position(target)]
        return None if parent < 0 else self._comments[parent]

    def path(self, target: Comment | str) -> tuple[Comment, ...]:
        """The comments from the top of the thread down to *target*, *target* last.

        Raises:
            CommentNotFoundError: as :meth:`parent` does.
        """
        comments, parents = self._comments, self._parents
        position = self._position(target)
        path = []
        while position >= 0:
            path.append(comments[position])
            position = parents[position]
        path.reverse()
        return tuple(path)

    def depth(self, target: Comment | str) -> int:
        """*target*'s depth: 1 at the top of the thread.

        Raises:
            CommentNotFoundError: as :meth:`parent` does.
        """
        parents = self._parents
        position = self._position(target)
        levels = 0
        while position >= 0:
            levels += 1
            position = parents[position]
        return levels


# -- changing a forest ------------------------------------------------------------


def same(new: Sequence[Comment], old: Sequence[Comment]) -> bool:
    """Whether *new* holds exactly the objects of *old*, in the same order."""
    return len(new) == len(old) and all(builtins.map(operator.is_, new, old))


def transform(
    roots: Sequence[Comment],
    finish: Callable[[Comment, list[Comment]], Comment],
    *,
    remove: Callable[[Comment], bool] | None = None,
    spare_roots: bool = False,
) -> list[Comment]:
    """Rebuild a forest bottom-up.

    Comments are opened in pre-order; *remove* (if given) is asked about each
    one as it is opened, except the roots when *spare_roots*, and a removed
    comment's replies are never opened. Each kept comment is then closed, in
    post-order, by ``finish(comment, new_replies)``; the results of the roots
    are returned in order.
    """
    done: list[Comment] = []
    # A mark below zero means "to open" (-2: without asking *remove*); a mark
    # of zero or more means "to close", its replies' results being done[mark:].
    first_mark = -2 if spare_roots or remove is None else -1
    stack = [(root, first_mark) for root in reversed(roots)]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        comment, mark = pop()
        if mark < 0:
            if mark == -1 and remove is not None and remove(comment):
                continue
            if comment.replies:
                push((comment, len(done)))
                extend([(reply, -1) for reply in reversed(comment.replies)])
                continue
            done.append(finish(comment, []))
            continue
        replies = done[mark:]
        del done[mark:]
        done.append(finish(comment, replies))
    return done


def prune(
    roots: Sequence[Comment],
    predicate: Callable[[Comment], bool],
    clone: Clone,
    *,
    spare_roots: bool = False,
) -> list[Comment]:
    """The forest without the comments *predicate* accepts, nor anything below them.

    *predicate* is asked in pre-order, about the roots too unless
    *spare_roots*. Subtrees that lose nothing are reused as they are.
    """

    def finish(comment: Comment, replies: list[Comment]) -> Comment:
        if same(replies, comment.replies):
            return comment
        return clone(comment, tuple(replies))

    return transform(roots, finish, remove=predicate, spare_roots=spare_roots)


def map(
    roots: Sequence[Comment],
    function: Callable[[Comment], Comment],
    clone: Clone,
    kind: type[Comment],
) -> list[Comment]:
    """The forest with every comment passed through *function*, bottom-up.

    Raises:
        TypeError: *function* returned something other than a *kind*.
    """

    def finish(comment: Comment, replies: list[Comment]) -> Comment:
        if not same(replies, comment.replies):
            comment = clone(comment, tuple(replies))
        result = function(comment)
        if not isinstance(result, kind):
            raise TypeError(
                f"map: the function must return a Comment, it returned {type(result).__name__}"
            )
        return result

    return transform(roots, finish)


# -- flat records -------------------------------------------------------------------


@collector_paused()
def flatten(roots: Sequence[Comment]) -> tuple[Record, ...]:
    """Every comment of the forest as a :class:`Record`, in pre-order, keys from 1."""
    new = tuple.__new__
    if not any(builtins.map(_replies, roots)):
        # No comment has replies: every record is made in C, from its fields
        # zipped together.
        top = zip(
            itertools.count(1), itertools.repeat(None), itertools.repeat(1), roots, strict=False
        )
        return tuple(builtins.map(new, itertools.repeat(Record), top))
    records: list[Record] = []
    append = records.append
    # One iterator per level being walked, and the key of the comment whose
    # replies it walks: nothing is allocated per comment but its record.
    levels = [iter(roots)]
    owners: list[int | None] = [None]
    key = 1
    while levels:
        parent, level = owners[-1], len(levels)
        for comment in levels[-1]:
            append(new(Record, (key, parent, level, comment)))
            key += 1
            if comment.replies:
                levels.append(iter(comment.replies))
                owners.append(key - 1)
                break
        else:
            levels.pop()
            owners.pop()
    return tuple(records)


# -- flat lists with parent indexes --------------------------------------------------


def cycles(parents: list[int], starts: Iterable[int] | None = None) -> Iterator[list[int]]:
    """Each cycle of parent links, as its members from the first one met.

    A walk goes up the links from each of *starts* (every index, by
    default), in order, and a cycle is yielded when the walk comes back to an
    item on it. The caller may cut it (give one member a negative parent)
    before asking for the next: an item is walked over once at most, so the
    whole search takes time proportional to ``len(parents)``.
    """
    # 1 marks the items on the current walk, 2 those already settled.
    state = bytearray(len(parents))
    for start in range(len(parents)) if starts is None else starts:
        if state[start]:
            continue
        path: list[int] = []
        i = start
        while i >= 0 and not state[i]:
            state[i] = 1
            path.append(i)
            i = parents[i]
        if i >= 0 and state[i] == 1:
            yield path[path.index(i) :]
        for k in path:
            state[k] = 2


def break_cycles(parents: list[int]) -> list[int]:
    """Make the first member met of every cycle a top-level item; the items cut loose."""
    cut = []
    for loop in cycles(parents):
        parents[loop[0]] = TOP
        cut.append(loop[0])
    return cut


def depth_breach(parents: Sequence[int], max_depth: int) -> int | None:
    """The first item, in list order, nested deeper than *max_depth*; ``None`` if none is.

    A top-level item is at depth 1. An item whose links never reach the top
    (a parent :data:`MISSING`, or links that go round) has no depth and is
    passed over: whoever builds the thread refuses or repairs it.
    """
    depths = [0] * len(parents)  # 0 while unknown; -1 on the walk up; -2 never at the top
    for index, parent in enumerate(parents):
        if parent == TOP:
            known = 1
        elif parent >= 0 and depths[parent] > 0:
            known = depths[parent] + 1
        elif depths[index]:
            known = depths[index]  # settled on the way up from an earlier item
            if known < 0:
                continue
        else:
            chain = [index]
            depths[index] = -1
            up = parent
            while up >= 0 and not depths[up]:
                chain.append(up)
                depths[up] = -1
                up = parents[up]
            if up != TOP and (up < 0 or depths[up] < 0):
                for item in chain:
                    depths[item] = -2
                continue
            known = 0 if up == TOP else depths[up]
            for item in reversed(chain):
                known += 1
                depths[item] = known
        depths[index] = known
        if known > max_depth:
            return index
    return None


def from_parents(
    parents: Sequence[int], build: Callable[[int, tuple[Comment, ...]], Comment]
) -> tuple[Comment, ...]:
    """The forest of a flat list whose links do not go round (see :func:`break_cycles`).

    ``build(index, replies)`` makes the comment of item *index* once its
    replies are built; siblings keep their order in the list. Items whose
    parent is :data:`TOP` or :data:`MISSING` are the roots.
    """
    count = len(parents)
    children: list[list[int]] = [[] for _ in range(count)]
    roots: list[int] = []
    in_order = True
    for index, parent in enumerate(parents):
        if parent < 0:
            roots.append(index)
        else:
            children[parent].append(index)
            if parent > index:
                in_order = False
    if in_order:
        order: Iterable[int] = range(count - 1, -1, -1)
    else:
        # A parent after its replies: build from the bottom of a pre-order.
        ordered: list[int] = []
        stack = roots[::-1]
        while stack:
            index = stack.pop()
            ordered.append(index)
            stack.extend(children[index][::-1])
        order = reversed(ordered)
    built: list[Comment | None] = [None] * count
    for index in order:
        below = children[index]
        replies: tuple[Comment, ...] = ()
        if below:
            replies = tuple(built[child] for child in below)  # type: ignore[misc]
            for child in below:
                built[child] = None
        built[index] = build(index, replies)
    return tuple(built[index] for index in roots)  # type: ignore[misc]


# -- equality and hashing -------------------------------------------------------------


def _preorder(roots: Sequence[Comment]) -> Sequence[Comment]:
    # Every comment of the forest, each before its replies, in thread order.
    if not any(builtins.map(_replies, roots)):
        return roots
    order: list[Comment] = []
    append = order.append
    stack = list(reversed(roots))
    pop, extend = stack.pop, stack.extend
    while stack:
        comment = pop()
        append(comment)
        if comment.replies:
            extend(comment.replies[::-1])
    return order


@collector_paused()
def forests_equal(
    left: Sequence[Comment],
    right: Sequence[Comment],
    fields: Callable[[Comment], tuple[object, ...]],
    dates: Sequence[Callable[[Comment], object]],
) -> bool:
    """Whether two forests hold equal comments in the same shape.

    *fields* gives a comment's own fields, compared with ``==``; each of
    *dates* one of its datetimes or ``None``, whose offsets must be equal
    too, since ``==`` compares instants.
    """
    if len(left) != len(right):
        return False
    if all(builtins.map(operator.is_, left, right)):
        return True
    for a, b in zip(left, right, strict=True):
        ha: int | None = getattr(a, "_tk_hash", None)
        hb: int | None = getattr(b, "_tk_hash", None)
        if ha is not None and hb is not None and ha != hb:
            return False
    # Each forest listed in pre-order once, then compared comment by comment
    # in one pass of map() in C: the number of replies (which, in pre-order,
    # fixes the shape), the fields, the zones of the dates. One pass, rather
    # than one per kind, finds each comment's values still in the processor's
    # cache when they are compared.
    mine, theirs = _preorder(left), _preorder(right)
    if len(mine) != len(theirs):
        return False
    return all(builtins.map(operator.eq, _lane(mine, fields, dates), _lane(theirs, fields, dates)))


def _lane(
    order: Sequence[Comment],
    fields: Callable[[Comment], tuple[object, ...]],
    dates: Sequence[Callable[[Comment], object]],
) -> Iterator[tuple[object, ...]]:
    # Per comment: its number of replies, its fields, the zone of each date
    # (None for no date; the fields tell a date from none already).
    zones = [builtins.map(getattr, builtins.map(date, order), _TZINFO, _NONE) for date in dates]
    return zip(
        builtins.map(len, builtins.map(_replies, order)),
        builtins.map(fields, order),
        *zones,
        strict=True,
    )


_TZINFO = itertools.repeat("tzinfo")
_NONE = itertools.repeat(None)


def hash_tree(root: Comment, fields: Callable[[Comment], tuple[object, ...]]) -> int:
    """The hash of *root* and everything below it, cached on every comment hashed.

    *fields* gives a comment's own fields; a comment's hash is that of its
    fields and of its replies' hashes.
    """
    cached: int | None = getattr(root, "_tk_hash", None)
    if cached is not None:
        return cached
    return hash_forest((root,), fields)[0]


@collector_paused()
def hash_forest(
    roots: Sequence[Comment], fields: Callable[[Comment], tuple[object, ...]]
) -> tuple[int, ...]:
    """The hashes of the comments *roots*, as :func:`hash_tree` gives them, in one pass."""
    # The comments not hashed yet, each before its replies; below a comment
    # already hashed nothing is followed, so that hashing every comment of a
    # chain from the bottom up stays linear.
    order: list[Comment] = []
    append = order.append
    stack = [root for root in roots if getattr(root, "_tk_hash", None) is None]
    pop, extend = stack.pop, stack.extend
    while stack:
        comment = pop()
        append(comment)
        replies = comment.replies
        if replies:
            extend([reply for reply in replies if getattr(reply, "_tk_hash", None) is None])
    # Backwards, every comment comes after its replies. The fields of them
    # all are hashed by map() in C.
    own = list(builtins.map(hash, builtins.map(fields, order)))
    set_ = object.__setattr__
    for comment, mine in zip(reversed(order), reversed(own), strict=True):
        replies = comment.replies
        set_(
            comment,
            "_tk_hash",
            hash((mine, tuple(builtins.map(_hash_of, replies)))) if replies else hash((mine,)),
        )
    return tuple(builtins.map(_hash_of, roots))


_hash_of = operator.attrgetter("_tk_hash")


@collector_paused()
def hash_thread(roots: Sequence[Comment], fields: Callable[[Comment], tuple[object, ...]]) -> int:
    """One hash of the forest as a whole: its shape and every comment's *fields*.

    Equal forests hash alike. Nothing is cached on the comments, and no
    comment's own hash is made: the comments are listed in pre-order, each
    with its number of replies (which, in pre-order, fix the shape), and
    hashed by map() in C.
    """
    order = _preorder(roots)
    return hash(
        tuple(
            builtins.map(
                hash,
                zip(
                    builtins.map(len, builtins.map(_replies, order)),
                    builtins.map(fields, order),
                    strict=True,
                ),
            )
        )
    )
