"""The model's classes, and the comment constructors readers may trust.

:mod:`threadkit.model` is the public face of this module and documents the
value space; the checks themselves are in :mod:`threadkit._values`. Readers
that have checked their values already build comments with
:func:`trusted_comment`, :func:`built_comment` or :func:`kept_comment`,
which skip the constructor's checks when they can.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from threadkit import _forest
from threadkit._values import (
    INT64,
    CommentState,
    check_line,
    check_score,
    check_sequence,
    check_tag,
    check_text,
    check_when,
    kept_line,
    kept_text,
    kept_when,
    refuse_characters,
)
from threadkit.errors import ValidationError

if TYPE_CHECKING:
    from threadkit._forest import CommentIndex, Order, Record, Visit

__all__ = [
    "EMPTY_EXTRA",
    "EXTRA_MAX_DEPTH",
    "HTML_REPR_COMMENTS",
    "REPR_COMMENTS",
    "REPR_LENGTH",
    "Article",
    "Author",
    "Comment",
    "CommentState",
    "Extra",
    "JSONValue",
    "built_comment",
    "full_repr",
    "kept_comment",
    "trusted_comment",
    "with_comments",
    "with_extra",
    "with_replies",
]

# Both documented where they are public, in threadkit.model.
JSONValue: TypeAlias = "bool | int | float | str | tuple[JSONValue, ...] | Extra | None"
EXTRA_MAX_DEPTH = 32


class Extra(Mapping[str, JSONValue]):
    """An immutable, hashable mapping of platform fields that have no place in the model.

    Build it from any mapping of strings to JSON-compatible values: lists
    become tuples, mappings become :class:`Extra`, keys are sorted. Equal
    to any mapping it would be built from, lists and all. Unlike ``dict``,
    equality keeps JSON's types apart: ``True`` is not ``1``, ``1`` is not
    ``1.0`` and ``0.0`` is not ``-0.0``. :meth:`thaw` gives plain ``dict``
    and ``list`` values back, ready for :func:`json.dumps`.

    .. versionadded:: 0.1
    """

    __slots__ = ("_data", "_hash")

    _data: dict[str, JSONValue]
    _hash: int | None

    def __init__(self, data: Mapping[str, object] | None = None, /) -> None:
        frozen = _freeze_mapping({} if data is None else data, "extra", 1)
        object.__setattr__(self, "_data", frozen)
        object.__setattr__(self, "_hash", None)

    @classmethod
    def of(cls, value: Mapping[str, object] | None) -> Extra:
        """Return *value* as an :class:`Extra`, reusing it when it already is one."""
        if type(value) is Extra:
            return value
        if value is None or (isinstance(value, Mapping) and not value):
            return EMPTY_EXTRA
        return cls(value)

    def __getitem__(self, key: str) -> JSONValue:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is Extra:
            return self._data == other._data and _same_items(self._data, other._data)
        if isinstance(other, Mapping):
            try:
                frozen = _freeze_mapping(other, "extra", 1)
            except ValidationError:
                return False
            return _same_items(self._data, frozen)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Extra is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Extra is immutable")

    def __repr__(self) -> str:
        return f"Extra({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Extra, (self.thaw(),))

    def thaw(self) -> dict[str, Any]:
        """Return the contents as plain ``dict``, ``list`` and scalar values."""
        return {key: _thaw(value) for key, value in self._data.items()}


def _same_items(left: dict[str, JSONValue], right: dict[str, JSONValue]) -> bool:
    if len(left) != len(right):
        return False
    for key, value in left.items():
        if key not in right or not _same_json(value, right[key]):
            return False
    return True


def _same_json(left: JSONValue, right: JSONValue) -> bool:
    # Equality that keeps JSON's types apart, unlike ==: True is not 1, 1 is not
    # 1.0, and 0.0 is not -0.0. Nesting is bounded by EXTRA_MAX_DEPTH.
    if left is right:
        return True
    kind = type(left)
    if kind is not type(right):
        return False
    if isinstance(left, Extra) and isinstance(right, Extra):
        return _same_items(left._data, right._data)
    if isinstance(left, tuple) and isinstance(right, tuple):
        return len(left) == len(right) and all(
            _same_json(a, b) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, float) and isinstance(right, float):
        return left == right and math.copysign(1.0, left) == math.copysign(1.0, right)
    return left == right


def _thaw(value: JSONValue) -> Any:
    if type(value) is Extra:
        return value.thaw()
    if type(value) is tuple:
        return [_thaw(item) for item in value]
    return value


def _freeze_mapping(data: object, path: str, depth: int) -> dict[str, JSONValue]:
    if not isinstance(data, Mapping):
        raise ValidationError(path, f"expected a mapping, got {type(data).__name__}")
    if depth > EXTRA_MAX_DEPTH:
        raise ValidationError(path, f"nested deeper than {EXTRA_MAX_DEPTH} levels")
    items = []
    for key, value in data.items():
        if not isinstance(key, str):
            raise ValidationError(path, f"keys must be str, got {type(key).__name__}")
        key = check_text(f"{path} key {key!r}", key) if "\r" in key else key
        refuse_characters(f"{path} key {key!r}", key)
        items.append((key, _freeze(value, f"{path}[{key!r}]", depth)))
    items.sort(key=_first)
    frozen = dict(items)
    if len(frozen) != len(items):
        # Two keys became one when their line breaks were normalised.
        for (key, _), (following, _) in itertools.pairwise(items):
            if key == following:
                raise ValidationError(path, f"two keys normalise to the same key {key!r}")
    return frozen


def _first(item: tuple[str, JSONValue]) -> str:
    return item[0]


def _freeze(value: object, path: str, depth: int) -> JSONValue:
    if value is None or type(value) is bool:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return check_score(path, value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(path, "floats must be finite (JSON has no NaN or infinity)")
        return float(value)
    if isinstance(value, str):
        text = str.__str__(value)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        refuse_characters(path, text)
        return text
    # An Extra goes through here too: it is copied, so that its own nesting
    # counts towards the limit.
    if isinstance(value, Mapping):
        frozen = Extra.__new__(Extra)
        object.__setattr__(frozen, "_data", _freeze_mapping(value, path, depth + 1))
        object.__setattr__(frozen, "_hash", None)
        return frozen
    if isinstance(value, list | tuple):
        if depth + 1 > EXTRA_MAX_DEPTH:
            raise ValidationError(path, f"nested deeper than {EXTRA_MAX_DEPTH} levels")
        return tuple(_freeze(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
    raise ValidationError(path, f"{type(value).__name__} is not a JSON value")


EMPTY_EXTRA = Extra()
"""The empty :class:`Extra`, which every value without platform fields shares."""


def _to_extra(value: Mapping[str, object] | None) -> Extra:
    return Extra.of(value)


# The converters below give the constructors' parameters the types they accept
# (any iterable for a tuple field, a state's word for a state), which the type
# checkers read from them; the checks of the items stay in __attrs_post_init__.


def _to_state(value: CommentState | str) -> CommentState:
    if type(value) is CommentState:
        return value
    try:
        return CommentState(value)
    except ValueError:
        allowed = ", ".join(state.value for state in CommentState)
        raise ValidationError("Comment.state", f"{value!r} is not one of {allowed}") from None


def _to_replies(value: Iterable[Comment]) -> tuple[Comment, ...]:
    if type(value) is tuple and not value:
        return value
    return check_sequence("Comment.replies", value, Comment)


def _to_authors(value: Iterable[Author]) -> tuple[Author, ...]:
    return check_sequence("Article.authors", value, Author)


def _to_tags(value: Iterable[str]) -> tuple[str, ...]:
    return check_sequence("Article.tags", value, str)


def _to_comments(value: Iterable[Comment]) -> tuple[Comment, ...]:
    return check_sequence("Article.comments", value, Comment)


@attrs.frozen(kw_only=True, cache_hash=True)
class Author:
    """A person who wrote an article or a comment.

    All fields are optional; ``name`` is ``None`` for an anonymous or guest
    commenter. An :class:`Author` with no field set stands for nobody: as a
    comment's author it is stored as ``None``, and an article refuses it.

    .. versionadded:: 0.1
    """

    name: str | None = None
    """The displayed name (a line field)."""
    bio: str = ""
    """A short biography (a text field)."""
    url: str | None = None
    """A profile or home page address (a line field)."""
    id: str | None = None
    """The platform's identifier for this person (a line field)."""

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "name", check_line("Author.name", self.name))
        set_(self, "bio", check_text("Author.bio", self.bio))
        set_(self, "url", check_line("Author.url", self.url))
        set_(self, "id", check_line("Author.id", self.id))

    def is_empty(self) -> bool:
        """Whether no field is set."""
        return self.name is None and not self.bio and self.url is None and self.id is None


class _Node:
    # The cached hash of a frozen node; filled in on first use.
    __slots__ = ("_tk_hash",)


class _ArticleNode(_Node):
    # An article's CommentIndex, made on the first call of Article.index().
    __slots__ = ("_tk_index",)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Comment(_Node):
    """One comment and, through ``replies``, the thread below it.

    ``text`` is the only required field. Two comments are equal when all
    their fields are, replies included, compared without recursion; equal
    comments hash alike, and the hash is computed once.

    .. versionadded:: 0.1
    """

    text: str
    """What the comment says (a text field); may be empty."""
    author: Author | None = None
    """Who wrote it; ``None`` when unknown or anonymous."""
    id: str | None = None
    """The platform's identifier of the comment (a line field)."""
    published: datetime | None = None
    """When it was posted (timezone-aware)."""
    edited: datetime | None = None
    """When it was last edited (timezone-aware)."""
    score: int | None = None
    """Votes, points or likes, as the platform counts them."""
    state: CommentState = attrs.field(default=CommentState.VISIBLE, converter=_to_state)
    """Moderation state; a comment that is not visible keeps its replies.

    The constructor also takes the state's word (``"deleted"``).
    """
    url: str | None = None
    """A permalink to the comment (a line field)."""
    replies: tuple[Comment, ...] = attrs.field(default=(), converter=_to_replies)
    """Direct replies, in thread order; the constructor takes any iterable of comments."""
    extra: Extra = attrs.field(default=EMPTY_EXTRA, converter=_to_extra)
    """Platform fields with no place in the model."""

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "text", check_text("Comment.text", self.text))
        author = self.author
        if author is not None:
            if type(author) is not Author and not isinstance(author, Author):
                raise ValidationError(
                    "Comment.author", f"expected Author, got {type(author).__name__}"
                )
            if author.is_empty():
                set_(self, "author", None)
        if self.id is not None:
            set_(self, "id", check_line("Comment.id", self.id))
        if self.published is not None:
            set_(self, "published", check_when("Comment.published", self.published))
        if self.edited is not None:
            set_(self, "edited", check_when("Comment.edited", self.edited))
        if self.score is not None:
            set_(self, "score", check_score("Comment.score", self.score))
        if self.url is not None:
            set_(self, "url", check_line("Comment.url", self.url))

    # -- equality, hashing, repr, pickle, copy: all without recursion ------------

    def _fields(self) -> tuple[Any, ...]:
        # The offsets are there because datetimes compare by instant alone.
        return (
            self.text,
            self.author,
            self.id,
            self.published,
            _offset(self.published),
            self.edited,
            _offset(self.edited),
            self.score,
            self.state,
            self.url,
            self.extra,
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Comment)
        return _forest.forests_equal((self,), (other,), _OWN_FIELDS, _DATES)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return _forest.hash_tree(self, _HASHED_FIELDS)

    def __repr__(self) -> str:
        return _repr_node(self)

    def __rich_repr__(self) -> Iterator[tuple[Any, ...]]:
        """The fields for rich's pretty printer; a large thread below it is summarised."""
        return _rich_fields(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unpickle_comment, (_pack((self,)),))

    def __copy__(self) -> Comment:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Comment:
        return self

    # -- tree operations, see threadkit.tree ------------------------------------
    # Article has the same methods over its comments, each a call into
    # _forest: written out in both classes, as each answers for its own root
    # (this comment counted or not) and says so in its docstring for help().

    def walk(self, order: Order = "pre") -> Iterator[Comment]:
        """Yield this comment and every comment below it.

        *order* is ``"pre"`` (a comment before its replies, thread order),
        ``"post"`` (replies before the comment) or ``"breadth"`` (level by
        level).
        """
        return _forest.walk((self,), order)

    def visits(self, order: Order = "pre") -> Iterator[Visit]:
        """Like :meth:`walk`, with each comment's depth and parent.

        This comment is at depth 1 and has no parent.
        """
        return _forest.visits((self,), order)

    def flatten(self) -> tuple[Record, ...]:
        """This comment and its descendants as flat records, in pre-order."""
        return _forest.flatten((self,))

    @property
    def depth(self) -> int:
        """Levels in the sub-thread rooted here: 1 for a comment without replies."""
        return _forest.depth((self,))

    @property
    def reply_count(self) -> int:
        """The number of direct replies."""
        return len(self.replies)

    @property
    def descendant_count(self) -> int:
        """The number of comments below this one, at any depth."""
        return _forest.count((self,)) - 1

    def find(self, target: str | Callable[[Comment], bool]) -> Comment | None:
        """The first comment, in pre-order and this one included, with the id *target*.

        *target* may also be a function: then the first comment it accepts.
        ``None`` when there is none.
        """
        return _forest.find_id((self,), target)

    def index(self) -> CommentIndex:
        """This comment and those below it by id, with their parents and paths.

        See :class:`~threadkit.tree.CommentIndex`; this comment is at the top.
        Made anew at each call: keep it while it is needed.
        """
        return _forest.CommentIndex((self,), Comment)

    def ancestors(self, target: Comment) -> tuple[Comment, ...]:
        """The comments from this one down to *target*'s parent, outermost first."""
        return _forest.ancestors((self,), target, Comment)

    def prune(self, predicate: Callable[[Comment], bool]) -> Comment:
        """A copy without the replies that *predicate* accepts, nor anything below them."""
        return _forest.prune((self,), predicate, with_replies, spare_roots=True)[0]

    def map(self, function: Callable[[Comment], Comment]) -> Comment:
        """A copy in which every comment, this one included, went through *function*."""
        return _forest.map((self,), function, with_replies, Comment)[0]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Article(_ArticleNode):
    """A news article and its comment thread.

    ``title`` is the only required field. Equality and hashing compare every
    field, comments included, without recursion.

    .. versionadded:: 0.1
    """

    title: str
    """The headline (a line field, not empty)."""
    subtitle: str | None = None
    """The dek or standfirst under the headline (a line field)."""
    body: str = ""
    """The article's text (a text field)."""
    authors: tuple[Author, ...] = attrs.field(default=(), converter=_to_authors)
    """Who wrote it, in byline order; the constructor takes any iterable of authors."""
    published: datetime | None = None
    """When it was published (timezone-aware)."""
    url: str | None = None
    """Where it was published (a line field)."""
    site: str | None = None
    """The publication's name (a line field)."""
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_tags)
    """Topics and keywords (each a line field, not empty); the constructor takes any
    iterable of strings but a string itself."""
    comments: tuple[Comment, ...] = attrs.field(default=(), converter=_to_comments)
    """Top-level comments, in thread order; the constructor takes any iterable of comments."""
    extra: Extra = attrs.field(default=EMPTY_EXTRA, converter=_to_extra)
    """Platform fields with no place in the model."""

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "title", check_line("Article.title", self.title, required=True))
        set_(self, "subtitle", check_line("Article.subtitle", self.subtitle))
        set_(self, "body", check_text("Article.body", self.body))
        for index, author in enumerate(self.authors):
            if author.is_empty():
                raise ValidationError(f"Article.authors[{index}]", "an author needs some field set")
        set_(self, "published", check_when("Article.published", self.published))
        set_(self, "url", check_line("Article.url", self.url))
        set_(self, "site", check_line("Article.site", self.site))
        tags = self.tags
        if tags:
            set_(
                self,
                "tags",
                tuple(check_tag(f"Article.tags[{i}]", tag) for i, tag in enumerate(tags)),
            )

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.title,
            self.subtitle,
            self.body,
            self.authors,
            self.published,
            _offset(self.published),
            self.url,
            self.site,
            self.tags,
            self.extra,
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Article)
        if self is other:
            return True
        return self._fields() == other._fields() and _forest.forests_equal(
            self.comments, other.comments, _OWN_FIELDS, _DATES
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        cached: int | None = getattr(self, "_tk_hash", None)
        if cached is None:
            thread = _forest.hash_thread(self.comments, _HASHED_FIELDS)
            cached = hash((self._fields(), thread))
            object.__setattr__(self, "_tk_hash", cached)
        return cached

    def __repr__(self) -> str:
        return _repr_node(self)

    def __rich_repr__(self) -> Iterator[tuple[Any, ...]]:
        """The fields for rich's pretty printer; a large thread is summarised."""
        return _rich_fields(self)

    def _repr_html_(self) -> str:
        """The article as the ``html`` format's fragment, for Jupyter and IPython.

        A thread of more than :data:`~threadkit.model.HTML_REPR_COMMENTS`
        comments shows its first ones in thread order and says how many are
        left out.
        """
        from threadkit.formats import html  # lazy: a notebook's display only

        shown = self
        total = _forest.count_upto(self.comments, HTML_REPR_COMMENTS)
        if total > HTML_REPR_COMMENTS:
            seen = 0

            def beyond(_: Comment) -> bool:
                nonlocal seen
                seen += 1
                return seen > HTML_REPR_COMMENTS

            shown = self.prune(beyond)
            total = self.comment_count
        fragment = html.write(shown, fragment=True)
        note = ""
        if total > HTML_REPR_COMMENTS:
            note = (
                f'<p class="tk-more">The first {HTML_REPR_COMMENTS:,} of {total:,} comments '
                "in thread order.</p>\n"
            )
        return f"<style>{html.STYLESHEET}</style>\n{fragment}{note}"

    def __reduce__(self) -> tuple[Any, ...]:
        fields = {name: getattr(self, name) for name in _ARTICLE_DEFAULTS}
        fields["title"] = self.title
        return (_unpickle_article, (fields, _pack(self.comments)))

    def __copy__(self) -> Article:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Article:
        return self

    # -- tree operations, see threadkit.tree ------------------------------------

    def walk(self, order: Order = "pre") -> Iterator[Comment]:
        """Yield every comment of the thread.

        *order* is ``"pre"`` (a comment before its replies, thread order),
        ``"post"`` (replies before the comment) or ``"breadth"`` (level by
        level).
        """
        return _forest.walk(self.comments, order)

    def visits(self, order: Order = "pre") -> Iterator[Visit]:
        """Like :meth:`walk`, with each comment's depth (1 for top level) and parent."""
        return _forest.visits(self.comments, order)

    def flatten(self) -> tuple[Record, ...]:
        """Every comment as a flat record with its parent's key, in pre-order."""
        return _forest.flatten(self.comments)

    @property
    def depth(self) -> int:
        """The deepest comment's depth (top level is 1); 0 without comments."""
        return _forest.depth(self.comments)

    @property
    def comment_count(self) -> int:
        """The number of comments at every depth."""
        return _forest.count(self.comments)

    def find(self, target: str | Callable[[Comment], bool]) -> Comment | None:
        """The first comment, in pre-order, whose ``id`` is *target*; ``None`` if none.

        *target* may also be a function: then the first comment it accepts.
        One walk as far as the comment; for many lookups, :meth:`index`.
        """
        return _forest.find_id(self.comments, target)

    def index(self) -> CommentIndex:
        """The thread's comments by id, with where each one stands.

        Made on the first call and kept with the article, which never
        changes: later calls, and :meth:`parent` and :meth:`path`, answer
        from it. See :class:`~threadkit.tree.CommentIndex`.
        """
        index: CommentIndex | None = getattr(self, "_tk_index", None)
        if index is None:
            index = _forest.CommentIndex(self.comments, Comment)
            object.__setattr__(self, "_tk_index", index)
        return index

    def parent(self, target: Comment | str) -> Comment | None:
        """The comment *target* replies to, ``None`` at the top level.

        *target* is a comment of this thread (matched by identity) or its id.
        Answered from :meth:`index`.

        Raises:
            CommentNotFoundError: *target* is not in the thread.
        """
        return self.index().parent(target)

    def path(self, target: Comment | str) -> tuple[Comment, ...]:
        """The comments from the top level down to *target*, *target* last.

        *target* is as for :meth:`parent`; ``path(c)[:-1]`` is
        ``ancestors(c)``.

        Raises:
            CommentNotFoundError: *target* is not in the thread.
        """
        return self.index().path(target)

    def ancestors(self, target: Comment) -> tuple[Comment, ...]:
        """The comments from the top level down to *target*'s parent, outermost first."""
        return _forest.ancestors(self.comments, target, Comment)

    def prune(self, predicate: Callable[[Comment], bool]) -> Article:
        """A copy without the comments that *predicate* accepts, nor anything below them."""
        return with_comments(self, _forest.prune(self.comments, predicate, with_replies))

    def map(self, function: Callable[[Comment], Comment]) -> Article:
        """A copy in which every comment went through *function*."""
        return with_comments(self, _forest.map(self.comments, function, with_replies, Comment))


# -- building a comment from values already checked --------------------------------

# The slots' own setters: calling them skips the attribute lookup of
# object.__setattr__, which a frozen class forces on every field.
_new = object.__new__


def _setter(name: str) -> Callable[[Comment, Any], None]:
    setter: Callable[[Comment, Any], None] = Comment.__dict__[name].__set__
    return setter


_set_text = _setter("text")
_set_author = _setter("author")
_set_id = _setter("id")
_set_published = _setter("published")
_set_edited = _setter("edited")
_set_score = _setter("score")
_set_state = _setter("state")
_set_url = _setter("url")
_set_replies = _setter("replies")
_set_extra = _setter("extra")


def trusted_comment(
    text: str,
    author: Author | None,
    id: str | None,
    published: datetime | None,
    edited: datetime | None,
    score: int | None,
    state: CommentState,
    url: str | None,
    replies: tuple[Comment, ...],
    extra: Extra,
) -> Comment:
    """A :class:`Comment` of values its constructor would keep as they are, unchecked.

    For readers and tree operations that have checked every value already:
    each one must be what the constructor returns for it (a text field in
    normal form, a line field stripped and not empty, a datetime with a
    fixed-offset ``timezone``, a non-empty author or None, a tuple of
    comments), or the model's invariants break.
    """
    comment = _new(Comment)
    _set_text(comment, text)
    _set_author(comment, author)
    _set_id(comment, id)
    _set_published(comment, published)
    _set_edited(comment, edited)
    _set_score(comment, score)
    _set_state(comment, state)
    _set_url(comment, url)
    _set_replies(comment, replies)
    _set_extra(comment, extra)
    return comment


def built_comment(
    text: str,
    author: Author | None,
    id_: str | None,
    published: datetime | None,
    edited: datetime | None,
    score: int | None,
    state: CommentState,
    url: str | None,
    replies: tuple[Comment, ...],
    extra: Extra,
) -> Comment:
    """A :class:`Comment` of values a reader has checked all but the strings and score of.

    When the strings and the score are in the form the constructor would
    keep, the comment is built without checking everything again; else the
    constructor normalises or refuses them (ValidationError). *author* must
    be None or not empty, the dates as :func:`trusted_comment` says.
    """
    if (
        kept_text(text)
        and (id_ is None or kept_line(id_))
        and (url is None or kept_line(url))
        and (score is None or (type(score) is int and score in INT64))
    ):
        return trusted_comment(
            text, author, id_, published, edited, score, state, url, replies, extra
        )
    return Comment(
        text=text,
        author=author,
        id=id_,
        published=published,
        edited=edited,
        score=score,
        state=state,
        url=url,
        replies=replies,
        extra=extra,
    )


def kept_comment(fields: Mapping[str, object], replies: tuple[Comment, ...]) -> Comment | None:
    """``Comment(replies=replies, **fields)`` when the constructor would keep every value as it is.

    Then the comment is built without running the constructor; else ``None``,
    and the constructor has to normalise or refuse something. For readers
    whose values are mostly in normal form already.
    """
    get = fields.get
    text, id_, url, score = get("text"), get("id"), get("url"), get("score")
    published, edited, author = get("published"), get("edited"), get("author")
    state, extra = get("state", CommentState.VISIBLE), get("extra", EMPTY_EXTRA)
    if (
        type(text) is str
        and kept_text(text)
        and (id_ is None or (type(id_) is str and kept_line(id_)))
        and (url is None or (type(url) is str and kept_line(url)))
        and (score is None or (type(score) is int and score in INT64))
        and (published is None or kept_when(published))
        and (edited is None or kept_when(edited))
        and (author is None or (type(author) is Author and not author.is_empty()))
        and type(state) is CommentState
        and type(extra) is Extra
        and fields.keys() <= _COMMENT_FIELDS
    ):
        return trusted_comment(
            text,
            author,
            id_,
            published,  # type: ignore[arg-type]
            edited,  # type: ignore[arg-type]
            score,
            state,
            url,
            replies,
            extra,
        )
    return None


_COMMENT_FIELDS = frozenset(field.name for field in attrs.fields(Comment)) - {"replies"}


def with_replies(comment: Comment, replies: tuple[Comment, ...]) -> Comment:
    """*comment* with *replies* in place of its own.

    Every field of *comment* was checked when it was built and every reply is
    a :class:`Comment`, so the copy is made without running the constructor
    again. A subclass goes through :func:`attrs.evolve` instead, in case it
    checks more.
    """
    if type(comment) is not Comment:
        return attrs.evolve(comment, replies=replies)
    return _copied(comment, replies, comment.extra)


def with_extra(comment: Comment, extra: Extra) -> Comment:
    """*comment* with *extra* in place of its own, as a plain :class:`Comment`.

    For the key the importers keep in ``extra`` (a parent id) and that
    :func:`threadkit.tree.graft` takes out again. Every field of *comment*
    was checked when it was built and *extra* is an :class:`Extra`, so the
    copy is made without running the constructor; unlike
    :func:`with_replies`'s, it is a :class:`Comment` whatever class
    *comment* is.
    """
    return _copied(comment, comment.replies, extra)


def _copied(comment: Comment, replies: tuple[Comment, ...], extra: Extra) -> Comment:
    return trusted_comment(
        comment.text,
        comment.author,
        comment.id,
        comment.published,
        comment.edited,
        comment.score,
        comment.state,
        comment.url,
        replies,
        extra,
    )


def with_comments(article: Article, comments: Sequence[Comment]) -> Article:
    """*article* with *comments* as its thread; *article* itself if they are its own."""
    if _forest.same(comments, article.comments):
        return article
    return attrs.evolve(article, comments=tuple(comments))


# -- the iterative machinery behind ==, hash, repr and pickle ----------------------


# A comment's own fields, taken in C, for equality over a whole thread (see
# _forest): a datetime compares by its instant, so equality compares the
# zones of _DATES too.
_OWN_FIELDS = operator.attrgetter(
    "text", "author", "id", "published", "edited", "score", "state", "url", "extra"
)
_DATES = (operator.attrgetter("published"), operator.attrgetter("edited"))
# What a comment's hash is made of: a part of its fields, which equal comments
# share as they share them all. Each of these hashes in C, and strings keep
# their hashes; an author, a state or an extra would each be a call into
# Python, and a datetime makes a datetime to hash. Comments that differ in
# those alone hash alike, and == tells them apart.
_HASHED_FIELDS = operator.attrgetter("text", "id", "score", "url")


def _offset(value: datetime | None) -> timedelta | None:
    return None if value is None else value.utcoffset()


_COMMENT_DEFAULTS: dict[str, Any] = {
    "author": None,
    "id": None,
    "published": None,
    "edited": None,
    "score": None,
    "state": CommentState.VISIBLE,
    "url": None,
    "extra": EMPTY_EXTRA,
}
_ARTICLE_DEFAULTS: dict[str, Any] = {
    "subtitle": None,
    "body": "",
    "authors": (),
    "published": None,
    "url": None,
    "site": None,
    "tags": (),
    "extra": EMPTY_EXTRA,
}


REPR_COMMENTS = 10
"""The most comments a ``repr`` shows whole; a larger thread's ``repr`` is a summary."""

REPR_LENGTH = 1000
"""The longest ``repr`` shown whole; a longer one is a summary."""

HTML_REPR_COMMENTS = 200
"""The most comments a notebook shows of an article (``Article._repr_html_``)."""

_SHORT_STRING = 50
_SHORT_TITLE = 100
_SHORT_VALUE = 120
_SHOWN_ROOTS = 3


def full_repr(node: Article | Comment) -> str:
    """The whole ``repr`` of *node*, however large: one that evaluates back to it.

    ``repr(article)`` is this as long as it is short (at most
    :data:`REPR_COMMENTS` comments and :data:`REPR_LENGTH` characters), and a
    summary otherwise.

    .. versionadded:: 0.1
    """
    if isinstance(node, Article):
        head = _repr_head(node, "Article", _ARTICLE_DEFAULTS)
        if not node.comments:
            return head + ")"
        return f"{head}, comments={_repr_forest(node.comments, as_tuple=True)})"
    if isinstance(node, Comment):
        return _repr_forest((node,))
    raise TypeError(f"expected an Article or a Comment, got {type(node).__name__}")


def _repr_node(node: Article | Comment) -> str:
    roots = node.comments if isinstance(node, Article) else (node,)
    # A comment counts itself: an article has one comment fewer to show.
    most = REPR_COMMENTS if isinstance(node, Article) else REPR_COMMENTS + 1
    if _forest.count_upto(roots, most) <= most:
        whole = full_repr(node)
        if len(whole) <= REPR_LENGTH:
            return whole
    return _short_repr(node)


def _short_string(value: str, most: int = _SHORT_STRING) -> str:
    if len(value) <= most:
        return repr(value)
    return f"{value[:most]!r}…({len(value):,} characters)"


def _short_value(value: object) -> str:
    if isinstance(value, str):
        return _short_string(value)
    if isinstance(value, Author):
        parts = [
            f"{name}={_short_string(getattr(value, name))}"
            for name in ("name", "bio", "url", "id")
            if getattr(value, name)
        ]
        return f"Author({', '.join(parts)})"
    shown = repr(value)
    if len(shown) <= _SHORT_VALUE:
        return shown
    if isinstance(value, Extra):
        return f"<Extra of {_plural(len(value), 'key', 'keys')}>"
    if isinstance(value, tuple) and len(value) == 1:
        return f"({_short_value(value[0])},)"
    if isinstance(value, tuple) and value:
        return f"({_short_value(value[0])}, <{len(value) - 1:,} more>)"
    return shown[:_SHORT_VALUE] + "…"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _short_head(node: Comment | Article) -> str:
    if isinstance(node, Article):
        name, first, defaults = "Article", "title", _ARTICLE_DEFAULTS
    else:
        name, first, defaults = "Comment", "text", _COMMENT_DEFAULTS
    most = _SHORT_TITLE if first == "title" else _SHORT_STRING
    parts = [f"{first}={_short_string(getattr(node, first), most)}"]
    for field, default in defaults.items():
        value = getattr(node, field)
        if value != default:
            parts.append(f"{field}={_short_value(value)}")
    return f"{name}({', '.join(parts)}"


def _short_comment(comment: Comment) -> str:
    head = _short_head(comment)
    if not comment.replies:
        return head + ")"
    below = _forest.count(comment.replies)
    return f"{head}, replies=<{_plural(below, 'comment', 'comments')} below>)"


def _short_thread(roots: Sequence[Comment], name: str) -> str:
    total = _forest.count(roots)
    levels = _forest.depth(roots)
    shown = ", ".join(_short_comment(root) for root in roots[:_SHOWN_ROOTS])
    more = len(roots) - _SHOWN_ROOTS
    rest = f", …{more:,} more at the top" if more > 0 else ""
    return (
        f"{name}=<{_plural(total, 'comment', 'comments')} in "
        f"{_plural(levels, 'level', 'levels')}: {shown}{rest}>"
    )


def _short_repr(node: Article | Comment) -> str:
    head = _short_head(node)
    if isinstance(node, Article):
        if not node.comments:
            return head + ")"
        return f"{head}, {_short_thread(node.comments, 'comments')})"
    if not node.replies:
        return head + ")"
    return f"{head}, {_short_thread(node.replies, 'replies')})"


class _Summary:
    """A value rich shows by its repr: a thread too large to show whole."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def __repr__(self) -> str:
        return self._text


def _rich_fields(node: Article | Comment) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, Article):
        yield ("title", node.title)
        defaults, roots, name = _ARTICLE_DEFAULTS, node.comments, "comments"
    else:
        yield ("text", node.text)
        defaults, roots, name = _COMMENT_DEFAULTS, node.replies, "replies"
    for field, default in defaults.items():
        yield (field, getattr(node, field), default)
    if not roots:
        return
    # rich walks nested values by recursion: a thread it may walk is a small one.
    if _forest.count_upto(roots, REPR_COMMENTS) <= REPR_COMMENTS:
        yield (name, roots)
    else:
        yield (name, _Summary(_short_thread(roots, name).partition("=")[2]))


def _repr_head(node: Comment | Article, name: str, defaults: dict[str, Any]) -> str:
    first = "text" if name == "Comment" else "title"
    parts = [f"{first}={getattr(node, first)!r}"]
    for field, default in defaults.items():
        value = getattr(node, field)
        if value != default:
            parts.append(f"{field}={value!r}")
    return f"{name}({', '.join(parts)}"


def _repr_forest(roots: Sequence[Comment], *, as_tuple: bool = False) -> str:
    out: list[str] = []
    stack: list[Comment | str] = []

    def push_children(children: Sequence[Comment], closer: str) -> None:
        stack.append(",)" + closer if len(children) == 1 else ")" + closer)
        for index in range(len(children) - 1, -1, -1):
            stack.append(children[index])
            if index:
                stack.append(", ")

    if as_tuple:
        out.append("(")
        push_children(roots, "")
    else:
        stack.extend(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        out.append(_repr_head(item, "Comment", _COMMENT_DEFAULTS))
        if item.replies:
            out.append(", replies=(")
            push_children(item.replies, ")")
        else:
            out.append(")")
    return "".join(out)


_Packed: TypeAlias = "list[tuple[dict[str, Any], int]]"


def _pack(roots: Sequence[Comment]) -> _Packed:
    # Pre-order list of (fields without replies, number of replies): flat, so
    # pickle never recurses along a reply chain.
    packed: _Packed = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        fields = {"text": node.text}
        for name, default in _COMMENT_DEFAULTS.items():
            value = getattr(node, name)
            if value is not default:
                fields[name] = value
        packed.append((fields, len(node.replies)))
        stack.extend(reversed(node.replies))
    return packed


def _unpack(packed: _Packed) -> tuple[Comment, ...]:
    built: list[Comment] = []
    for fields, reply_count in reversed(packed):
        replies = tuple(built.pop() for _ in range(reply_count))
        built.append(Comment(replies=replies, **fields))
    built.reverse()
    return tuple(built)


def _unpickle_comment(packed: _Packed) -> Comment:
    return _unpack(packed)[0]


def _unpickle_article(fields: dict[str, Any], packed: _Packed) -> Article:
    return Article(comments=_unpack(packed), **fields)
