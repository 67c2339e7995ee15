"""A thread as a pandas DataFrame, one row per comment, and back again.

:func:`to_frame` gives one row per comment in thread order (pre-order), with
the comment's ``key`` (its position from 1, as :func:`threadkit.tree.flatten`
and the ``jsonl`` format number comments), its ``parent``'s key (missing at
the top level), its ``depth`` and its fields, the author's spread over four
columns (:data:`COLUMNS` lists them all). The article's own fields travel in
the frame's ``attrs``, as the ``json`` format's members, which pandas keeps
through filtering and sorting and writes to Parquet files.

:func:`from_frame` rebuilds the thread from the keys with
:func:`threadkit.tree.rebuild`, so rows may come in any order, and a frame
filtered down to some of its rows (whose replies have lost their parents)
comes back under the orphan policy it is given. It reads what pandas makes
of a frame on the way (from CSV, Parquet, JSON or a computation): missing
values of any kind (``None``, ``NaN``, ``NA``, ``NaT``) as the field's
default, integers that became floats (``3.0``, a column with a missing value
in it) as integers when they are whole, dates as ``datetime``, pandas
``Timestamp`` or ISO 8601 text, ``extra`` as a mapping or JSON text.

pandas is imported when a function here is called; without it they raise
:class:`ImportError` saying ``pip install pandas``.

.. versionadded:: 0.1
"""

from __future__ import annotations

import json
import math
import numbers
from collections.abc import Callable, Hashable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from threadkit._converter import structure_article, unstructure_article
from threadkit._gc import collector_paused
from threadkit._values import STATES, CommentState
from threadkit.errors import RebuildError, ValidationError
from threadkit.model import Article, Author, Comment, Extra
from threadkit.tree import (
    CyclePolicy,
    DuplicatePolicy,
    OrphanPolicy,
    RebuildReport,
    rebuild,
    visits,
)

if TYPE_CHECKING:
    import pandas

__all__ = ["ATTRS_KEY", "COLUMNS", "from_frame", "to_frame"]

COLUMNS = (
    "key",
    "parent",
    "depth",
    "text",
    "author_name",
    "author_bio",
    "author_url",
    "author_id",
    "id",
    "published",
    "edited",
    "score",
    "state",
    "url",
    "extra",
)
"""The columns of :func:`to_frame`, in order.

``key``, ``parent`` and ``score`` are nullable integers (``Int64``);
``depth`` is an integer; ``published`` and ``edited`` hold timezone-aware
``datetime`` objects, each with its own UTC offset (``pd.to_datetime(frame
["published"], utc=True)`` makes a ``datetime64`` column of them);
``extra`` holds plain dicts; the others hold strings, ``None`` where a field
is not set.
"""

ATTRS_KEY = "threadkit"
"""The key of ``frame.attrs`` that holds the article's fields, as the ``json`` format's members."""

_REQUIRED = ("key", "text")


def _pandas() -> Any:
    try:
        import pandas  # lazy: an optional dependency, imported on first use
    except ImportError:
        raise ImportError(
            "threadkit.frames needs pandas: pip install pandas", name="pandas"
        ) from None
    return pandas


def to_frame(node: Article | Comment) -> pandas.DataFrame:
    """One row per comment of *node*, in thread order, and the article in ``attrs``.

    Args:
        node: An article (every comment of its thread), or a comment (it
            and everything below it, it at depth 1 with key 1).

    Returns:
        A :class:`pandas.DataFrame` with the columns of :data:`COLUMNS`. For
        an article, ``frame.attrs["threadkit"]`` holds its other fields as
        the ``json`` format's members (no ``comments``), which
        :func:`from_frame` reads back.

    Raises:
        ImportError: pandas is not installed.

    .. versionadded:: 0.1
    """
    pd = _pandas()
    if not isinstance(node, Article | Comment):
        raise TypeError(f"expected an Article or a Comment, got {type(node).__name__}")
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    (
        keys,
        parents,
        depths,
        texts,
        names,
        bios,
        author_urls,
        author_ids,
        ids,
        published,
        edited,
        scores,
        states,
        urls,
        extras,
    ) = columns.values()
    numbered: dict[int, int] = {}  # id() of a comment -> its key
    for key, (comment, depth, parent) in enumerate(visits(node), 1):
        numbered[id(comment)] = key
        keys.append(key)
        parents.append(None if parent is None else numbered[id(parent)])
        depths.append(depth)
        texts.append(comment.text)
        author = comment.author
        if author is None:
            names.append(None)
            bios.append(None)
            author_urls.append(None)
            author_ids.append(None)
        else:
            names.append(author.name)
            bios.append(author.bio or None)
            author_urls.append(author.url)
            author_ids.append(author.id)
        ids.append(comment.id)
        published.append(comment.published)
        edited.append(comment.edited)
        scores.append(comment.score)
        states.append(comment.state.value)
        urls.append(comment.url)
        extras.append(comment.extra.thaw())
    series = {
        name: pd.Series(values, dtype=_DTYPES.get(name, object)) for name, values in columns.items()
    }
    frame: pandas.DataFrame = pd.DataFrame(series, columns=list(COLUMNS))
    if isinstance(node, Article):
        fields = unstructure_article(node)
        fields.pop("comments", None)
        frame.attrs[ATTRS_KEY] = fields
    return frame


_DTYPES = {"key": "Int64", "parent": "Int64", "depth": "int64", "score": "Int64"}


# -- reading a frame ----------------------------------------------------------------------


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pandas' NA and NaT, numpy's NaN of other widths: none equals itself.
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # NA refuses to be a bool: it is missing
        return True


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise _Refused(f"expected an integer, got {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(float(value))  # a whole float: pandas makes integers floats beside a NaN
    raise _Refused(f"expected an integer, got {value!r}")


def _key(value: object) -> Hashable:
    if isinstance(value, str):
        return value
    return _integer(value)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise _Refused(f"expected a str, got {type(value).__name__}")


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise _Refused(f"{value!r} is not an ISO 8601 date and time") from None
    raise _Refused(f"expected a datetime, got {type(value).__name__}")


def _state(value: object) -> CommentState:
    state = STATES.get(value) if isinstance(value, str) else None
    if state is None:
        raise _Refused(f"{value!r} is not one of {', '.join(STATES)}")
    return state


def _extra(value: object) -> Extra:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _Refused("a str in extra must be a JSON object") from None
    if not isinstance(value, Mapping):
        raise _Refused(f"expected a mapping, got {type(value).__name__}")
    return Extra.of(value)


_READERS: dict[str, Callable[[Any], Any]] = {
    "key": _key,
    "parent": _key,
    "text": _text,
    "author_name": _text,
    "author_bio": _text,
    "author_url": _text,
    "author_id": _text,
    "id": _text,
    "published": _moment,
    "edited": _moment,
    "score": _integer,
    "state": _state,
    "url": _text,
    "extra": _extra,
}
_COMMENT_FIELDS = ("text", "id", "published", "edited", "score", "state", "url", "extra")
_AUTHOR_COLUMNS = ("author_name", "author_bio", "author_url", "author_id")
_NO_AUTHOR = (None, None, None, None)


@collector_paused()
def from_frame(
    frame: pandas.DataFrame,
    article: Article | None = None,
    *,
    orphans: OrphanPolicy = "error",
    duplicates: DuplicatePolicy = "error",
    cycles: CyclePolicy = "error",
    report: Callable[[RebuildReport], object] | None = None,
) -> Article:
    """The article of a frame made by :func:`to_frame`, or of any frame with its columns.

    The rows are linked by their ``key`` and ``parent`` columns, in any order
    (siblings keep the order of their rows), with
    :func:`threadkit.tree.rebuild` and the policies given; ``depth`` is not
    read. Keys are integers (whole floats too) or strings; a ``parent`` that
    is missing or ``""`` means top level. Every column but ``key`` and
    ``text`` may be left out, a missing value is the field's default, and the
    values the constructors get are checked as they check them.

    Args:
        frame: The comments, one row each, with columns among :data:`COLUMNS`.
        article: The article whose fields (all but ``comments``) the result
            takes; by default, those :func:`to_frame` left in
            ``frame.attrs["threadkit"]``.
        orphans: What to do with a row whose parent is not in the frame, as
            in a frame filtered by date: ``"error"`` (the default) raises,
            ``"keep"`` makes it a top-level comment, ``"drop"`` leaves it
            out with the rows below it.
        duplicates: What to do with a key met again: ``"error"``, ``"keep"``,
            ``"first"`` or ``"last"``, as :func:`~threadkit.tree.rebuild`
            describes.
        cycles: ``"error"`` or ``"break"``, as :func:`~threadkit.tree.rebuild`
            describes.
        report: Called with the :class:`~threadkit.tree.RebuildReport`, to
            learn what the policies repaired.

    Raises:
        ValidationError: A value is refused; ``field`` names its row label and
            column, as ``frame.at`` takes them.
        RebuildError: A policy is ``"error"`` and the rows have that problem.
        ValueError: The frame has a column that is not one of :data:`COLUMNS`
            or lacks ``key`` or ``text``, or it carries no article and none is
            given.
        ImportError: pandas is not installed.

    .. versionadded:: 0.1
    """
    _pandas()
    unknown = [name for name in frame.columns if name not in COLUMNS]
    if unknown:
        raise ValueError(
            f"columns that are no field of a comment: {', '.join(map(repr, unknown))}; "
            f"drop them first (frame.drop(columns=[...])); the columns are {', '.join(COLUMNS)}"
        )
    absent = [name for name in _REQUIRED if name not in frame.columns]
    if absent:
        raise ValueError(f"the frame has no {' or '.join(map(repr, absent))} column")
    if article is None:
        fields = frame.attrs.get(ATTRS_KEY)
        if fields is None:
            raise ValueError(
                "the frame carries no article (frame.attrs['threadkit'], which to_frame "
                "sets and pandas keeps through most operations): give one, "
                "from_frame(frame, article=...), whose fields the result takes"
            )
        article = structure_article(fields)
    elif not isinstance(article, Article):
        raise TypeError(f"article must be an Article, got {type(article).__name__}")
    try:
        rebuilt = rebuild(_items(frame), orphans=orphans, duplicates=duplicates, cycles=cycles)
    except RebuildError as error:
        hint = {
            "orphan": "orphans='keep' makes them top-level comments, 'drop' leaves them out",
            "duplicate": "duplicates='last', 'first' or 'keep' settles them",
            "cycle": "cycles='break' makes one of each a top-level comment",
        }.get(error.problem)
        if hint is None:
            raise
        raise RebuildError(
            f"{error.message}; {hint}", problem=error.problem, keys=error.keys
        ) from None
    if report is not None:
        report(rebuilt.report)
    return attrs.evolve(article, comments=rebuilt.comments)


def _items(frame: pandas.DataFrame) -> Iterator[tuple[Hashable, Hashable, Comment]]:
    labels = frame.index.tolist()
    present = [name for name in _READERS if name in frame.columns]
    readers = [(name, _READERS[name], frame[name].tolist()) for name in present]
    authors: dict[tuple[Any, ...], Author | None] = {}
    for row, label in enumerate(labels):
        cells: dict[str, Any] = {}
        for name, read, column in readers:
            value = column[row]
            if _missing(value):
                continue
            try:
                cells[name] = read(value)
            except _Refused as refusal:
                raise ValidationError(f"frame[{label!r}, {name!r}]", refusal.message) from None
        if "key" not in cells:
            raise ValidationError(f"frame[{label!r}, 'key']", "every row needs a key")
        fields = {name: cells[name] for name in _COMMENT_FIELDS if name in cells}
        fields.setdefault("text", "")
        who = tuple(cells.get(name) for name in _AUTHOR_COLUMNS)
        if who != _NO_AUTHOR:
            # Authors repeat down a thread: one Author per set of values.
            if who not in authors:
                author_name, bio, author_url, author_id = who
                try:
                    authors[who] = Author(
                        name=author_name, bio=bio or "", url=author_url, id=author_id
                    )
                except ValidationError as error:
                    where = "author_" + error.field.rpartition(".")[2]
                    raise ValidationError(f"frame[{label!r}, {where!r}]", error.message) from None
            fields["author"] = authors[who]
        try:
            comment = Comment(**fields)
        except ValidationError as error:
            where = error.field.partition(".")[2].partition("[")[0]
            raise ValidationError(f"frame[{label!r}, {where!r}]", error.message) from None
        yield cells["key"], cells.get("parent"), comment
