"""Every error threadkit raises on purpose.

All of them derive from :class:`ThreadkitError`, and each one also derives
from the builtin exception that code already catches for that kind of
failure, so ``except ValueError`` keeps working::

    ThreadkitError
    ├── ValidationError(ValueError)       a model constructor refused a value
    ├── ParseError(ValueError)            input is not a valid document of its format
    │   └── LimitError                    input is larger than a reading limit allows
    ├── UnrepresentableError(ValueError)  an article cannot be written in a format
    ├── RebuildError(ValueError)          a flat list of comments breaks a rebuild policy
    ├── UnknownFormatError(LookupError)   no format has that name, suffix or content
    │   └── ReadOnlyFormatError           a format threadkit only reads is asked to write
    ├── FormatUnavailableError(ImportError) a format's module cannot be imported
    └── CommentNotFoundError(LookupError) a comment is not in the thread searched
"""

from __future__ import annotations

__all__ = [
    "CommentNotFoundError",
    "FormatUnavailableError",
    "LimitError",
    "ParseError",
    "ReadOnlyFormatError",
    "RebuildError",
    "ThreadkitError",
    "UnknownFormatError",
    "UnrepresentableError",
    "ValidationError",
]


class ThreadkitError(Exception):
    """Root of every exception threadkit raises on purpose.

    .. versionadded:: 0.1
    """


class ValidationError(ThreadkitError, ValueError):
    """A model constructor refused a value.

    *field* names the offending field (``"Comment.published"``) and
    *message* says what is wrong with it.

    .. versionadded:: 0.1
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle rebuilds from ``args`` (the rendered text) by default, which
        # is one argument short: errors cross process boundaries (``--jobs``).
        return (type(self), (self.field, self.message))


class ParseError(ThreadkitError, ValueError):
    """The input is not a valid document of the format being read.

    The location is given as well as the input allows: *line* and *column*
    (both 1-based) for line-oriented formats, *path* (a JSONPath such as
    ``$.comments[3].replies[0].published``) for structured ones, *offset*
    (0-based, in bytes) where only a position in the raw input is known.
    ``str(error)`` includes the location.

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        message: str,
        *,
        format: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        offset: int | None = None,
    ) -> None:
        self.message = message
        self.format = format
        self.line = line
        self.column = column
        self.path = path
        self.offset = offset
        super().__init__(self._render())

    def _location(self) -> dict[str, object]:
        return {
            "format": self.format,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "offset": self.offset,
        }

    def __reduce__(self) -> tuple[object, ...]:
        # The location is keyword-only, which pickle's default (the message
        # alone) would lose: an error sent to another process keeps it.
        return (_restore, (type(self), (self.message,), self._location()))

    def _render(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
            if self.column is not None:
                where.append(f"column {self.column}")
        if self.path is not None:
            where.append(f"at {self.path}")
        if self.offset is not None:
            where.append(f"byte offset {self.offset}")
        prefix = f"{self.format}: " if self.format else ""
        location = f" ({', '.join(where)})" if where else ""
        return f"{prefix}{self.message}{location}"


class LimitError(ParseError):
    """The input is larger than a reading limit allows.

    Raised by every reader as soon as a limit is crossed, before the rest of
    the input is read or built. *limit* names the option
    (``"max_bytes"``, ``"max_depth"`` or ``"max_comments"``) and *value*
    is its value; the location (``offset``, ``line``/``column`` or ``path``)
    is where the input crossed it. ``str(error)`` says how to raise the
    limit. Being a :class:`ParseError`, it is also a ``ValueError``.

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        limit: str,
        value: int,
        message: str,
        *,
        # ParseError's location, written out again so that help() shows it.
        format: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        offset: int | None = None,
    ) -> None:
        self.limit = limit
        self.value = value
        self._what = message
        super().__init__(
            f"{message} than {limit}={value:_} allows; "
            f"pass a larger {limit}, or {limit}=None for no limit, to read it",
            format=format,
            line=line,
            column=column,
            path=path,
            offset=offset,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore, (type(self), (self.limit, self.value, self._what), self._location()))


def _restore(cls: type, args: tuple[object, ...], keywords: dict[str, object]) -> object:
    return cls(*args, **keywords)


class UnrepresentableError(ThreadkitError, ValueError):
    """An article cannot be written in a format without losing something.

    Raised, for example, when a thread is nested deeper than a format's
    documented bound; the message names a format that can carry it.

    .. versionadded:: 0.1
    """


class UnknownFormatError(ThreadkitError, LookupError):
    """No registered format matches a name, a file suffix or the content.

    *looks_like* says, in a few words, what content that is no thread looks
    like (``"CSV or another table of values"``, ``"binary data"``), or is
    ``None``.

    .. versionadded:: 0.1
    """

    def __init__(self, message: str, *, looks_like: str | None = None) -> None:
        super().__init__(message)
        self.looks_like = looks_like

    def __reduce__(self) -> tuple[object, ...]:
        return (_unknown_format, (type(self), str(self), self.looks_like))


def _unknown_format(
    kind: type[UnknownFormatError], message: str, looks_like: str | None
) -> UnknownFormatError:
    # Pickle passes positional arguments only; looks_like is a keyword.
    return kind(message, looks_like=looks_like)


class ReadOnlyFormatError(UnknownFormatError):
    """A format that threadkit reads but cannot write was asked to write.

    The importers of platform exports are read-only: their
    :attr:`Format.writable <threadkit.Format.writable>` is false. The message
    names the formats threadkit writes. A subclass of
    :class:`UnknownFormatError`, which it was raised as before.

    .. versionadded:: 0.1
    """


class FormatUnavailableError(ThreadkitError, ImportError):
    """A registered format cannot be used: its module cannot be imported.

    Raised on first use of a format of one's own (:func:`threadkit.formats.register`
    or an entry point) whose module, or a library it needs, fails to import;
    the message names the format, its module and the import's error, which is
    also the exception's ``__cause__``. Guessing a format passes over such a
    plug-in with a :class:`RuntimeWarning` instead, so that the other formats
    are still guessed.

    .. versionadded:: 0.1
    """


class RebuildError(ThreadkitError, ValueError):
    """A flat list of comments cannot be rebuilt into a thread under the policy chosen.

    Raised by :func:`threadkit.tree.rebuild` when a policy is ``"error"`` and
    the input has that problem, and for an item without a key. *problem* is
    ``"orphan"``, ``"duplicate"``, ``"cycle"`` or ``"key"``; *keys* are the
    keys of the items concerned, in input order.

    .. versionadded:: 0.1
    """

    def __init__(self, message: str, *, problem: str, keys: tuple[object, ...] = ()) -> None:
        self.message = message
        self.problem = problem
        self.keys = keys
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _restore,
            (type(self), (self.message,), {"problem": self.problem, "keys": self.keys}),
        )


class CommentNotFoundError(ThreadkitError, LookupError):
    """A comment was looked for in a thread that does not hold it.

    Raised by :func:`threadkit.tree.ancestors`, which matches the comment by
    identity: pass a comment object taken from the same thread.

    .. versionadded:: 0.1
    """
