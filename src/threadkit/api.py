"""The four functions most code needs: :func:`loads`, :func:`dumps`, :func:`load`, :func:`dump`.

:func:`loads_all` and :func:`load_all` read sources that may hold several
articles, such as a Disqus or WordPress export.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, Unpack, overload

from threadkit._io import MAX_BYTES, atomic_write, check_options, read_limited
from threadkit._sources import PathOrFile, name_of, open_articles
from threadkit.formats import Format, get_format, guess_format
from threadkit.model import Article

if TYPE_CHECKING:
    from threadkit.formats.options import (
        AnyReadOptions,
        DisqusReadOptions,
        HTMLReadOptions,
        HTMLWriteOptions,
        ImportReadOptions,
        JSONLReadOptions,
        ReadOptions,
        RedditReadOptions,
        TextReadOptions,
        WordPressReadOptions,
    )

__all__ = ["dump", "dumps", "load", "load_all", "loads", "loads_all"]

# The format names whose readers and writers take the same options: each
# function below has one overload per group, so that a type checker knows
# the options of a format named by a literal (see threadkit.formats.options).
# The ladder is written out again for each function, as typing has no way
# for functions to share their overloads.
_Plain: TypeAlias = Literal["json"]
_Importer: TypeAlias = Literal["hackernews", "mastodon"]
_Unwritten: TypeAlias = Literal["json", "jsonl", "text"]


@overload
def loads(data: str | bytes, format: _Plain, **options: Unpack[ReadOptions]) -> Article: ...
@overload
def loads(
    data: str | bytes, format: Literal["text"], **options: Unpack[TextReadOptions]
) -> Article: ...
@overload
def loads(
    data: str | bytes, format: Literal["jsonl"], **options: Unpack[JSONLReadOptions]
) -> Article: ...
@overload
def loads(
    data: str | bytes, format: Literal["html"], **options: Unpack[HTMLReadOptions]
) -> Article: ...
@overload
def loads(
    data: str | bytes, format: Literal["reddit"], **options: Unpack[RedditReadOptions]
) -> Article: ...
@overload
def loads(
    data: str | bytes, format: _Importer, **options: Unpack[ImportReadOptions]
) -> Article: ...
@overload
def loads(
    data: str | bytes, format: Literal["disqus"], **options: Unpack[DisqusReadOptions]
) -> Article: ...
@overload
def loads(
    data: str | bytes, format: Literal["wordpress"], **options: Unpack[WordPressReadOptions]
) -> Article: ...
@overload
def loads(data: str | bytes, format: Format, **options: Any) -> Article: ...
@overload
def loads(data: str | bytes, format: None = None, **options: Unpack[AnyReadOptions]) -> Article: ...
@overload
def loads(data: str | bytes, format: str, **options: Unpack[ReadOptions]) -> Article: ...
def loads(data: str | bytes, format: str | Format | None = None, **options: Any) -> Article:
    """Read an article from *data* in *format*, guessed from the content when ``None``.

    ``bytes`` are decoded by the format (UTF-8 with or without a BOM, UTF-16
    with a BOM; HTML also honours its declared charset). Options are passed
    to the format's reader; every reader takes ``max_bytes``, ``max_depth``
    and ``max_comments`` (see :ref:`limits`) and ``encoding`` and
    ``errors`` (see :ref:`encodings`). ``report=callback`` goes to the
    readers that report (the importers, ``html``) and is left out for those
    that repair nothing (``json``, ``jsonl``, ``text``), so one call reads
    any format.

    For a type checker each format name has its options, and a guessed
    format any reader's (:mod:`threadkit.formats.options`); at run time an
    option the format's reader does not take is a :class:`TypeError` that
    names the format and its options.

    Raises :class:`~threadkit.ParseError` when *data* is not a valid document
    (or holds several articles: read those with :func:`loads_all`),
    :class:`~threadkit.LimitError` when it crosses a limit, and
    :class:`~threadkit.UnknownFormatError` when the format is unknown or
    cannot be guessed.

    .. versionadded:: 0.1
    """
    fmt = guess_format(content=data) if format is None else get_format(format)
    return fmt.read(data, **options)


@overload
def loads_all(
    data: str | bytes, format: _Plain, **options: Unpack[ReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: Literal["text"], **options: Unpack[TextReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: Literal["jsonl"], **options: Unpack[JSONLReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: Literal["html"], **options: Unpack[HTMLReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: Literal["reddit"], **options: Unpack[RedditReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: _Importer, **options: Unpack[ImportReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: Literal["disqus"], **options: Unpack[DisqusReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: Literal["wordpress"], **options: Unpack[WordPressReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(data: str | bytes, format: Format, **options: Any) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: None = None, **options: Unpack[AnyReadOptions]
) -> Iterator[Article]: ...
@overload
def loads_all(
    data: str | bytes, format: str, **options: Unpack[ReadOptions]
) -> Iterator[Article]: ...
def loads_all(
    data: str | bytes, format: str | Format | None = None, **options: Any
) -> Iterator[Article]:
    """Yield every article in *data*: one per thread or post of an export.

    Like :func:`loads`, for sources that may hold several articles (Disqus,
    WordPress, Hacker News arrays); a single-article format yields its one
    article. Importers accept ``report=callback`` to receive an
    :class:`~threadkit.ImportReport` per article. Errors in the document are
    raised while iterating.

    .. versionadded:: 0.1
    """
    fmt = guess_format(content=data) if format is None else get_format(format)
    return fmt.read_all(data, **options)


@overload
def dumps(article: Article, format: _Unwritten = "json") -> str: ...
@overload
def dumps(
    article: Article, format: Literal["html"], **options: Unpack[HTMLWriteOptions]
) -> str: ...
@overload
def dumps(article: Article, format: Format, **options: Any) -> str: ...
@overload
def dumps(article: Article, format: str) -> str: ...
def dumps(article: Article, format: str | Format = "json", **options: Any) -> str:
    """Write *article* as a document in *format* (JSON unless told otherwise).

    Options are passed to the format's writer; only the ``html`` writer takes
    any (:class:`~threadkit.formats.options.HTMLWriteOptions`), and an option
    the writer does not take is a :class:`TypeError`. Raises
    :class:`~threadkit.UnrepresentableError` when the format cannot carry the
    article (a thread deeper than its documented bound).

    .. versionadded:: 0.1
    """
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article, got {type(article).__name__}")
    return get_format(format).write(article, **options)


@overload
def load(source: PathOrFile, format: _Plain, **options: Unpack[ReadOptions]) -> Article: ...
@overload
def load(
    source: PathOrFile, format: Literal["text"], **options: Unpack[TextReadOptions]
) -> Article: ...
@overload
def load(
    source: PathOrFile, format: Literal["jsonl"], **options: Unpack[JSONLReadOptions]
) -> Article: ...
@overload
def load(
    source: PathOrFile, format: Literal["html"], **options: Unpack[HTMLReadOptions]
) -> Article: ...
@overload
def load(
    source: PathOrFile, format: Literal["reddit"], **options: Unpack[RedditReadOptions]
) -> Article: ...
@overload
def load(
    source: PathOrFile, format: _Importer, **options: Unpack[ImportReadOptions]
) -> Article: ...
@overload
def load(
    source: PathOrFile, format: Literal["disqus"], **options: Unpack[DisqusReadOptions]
) -> Article: ...
@overload
def load(
    source: PathOrFile, format: Literal["wordpress"], **options: Unpack[WordPressReadOptions]
) -> Article: ...
@overload
def load(source: PathOrFile, format: Format, **options: Any) -> Article: ...
@overload
def load(source: PathOrFile, format: None = None, **options: Unpack[AnyReadOptions]) -> Article: ...
@overload
def load(source: PathOrFile, format: str, **options: Unpack[ReadOptions]) -> Article: ...
def load(source: PathOrFile, format: str | Format | None = None, **options: Any) -> Article:
    """Read an article from a file path or an open file.

    The format is guessed from the file's suffix, then from its content,
    when *format* is ``None``. Options are those of :func:`loads`; no more
    than ``max_bytes`` bytes and one are read from the file.

    .. versionadded:: 0.1
    """
    max_bytes = options.get("max_bytes", MAX_BYTES)
    check_options(max_bytes, None, None, "strict")
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            data: str | bytes = read_limited(stream, max_bytes)
    else:
        data = read_limited(source, max_bytes)
    fmt = guess_format(name_of(source), data) if format is None else get_format(format)
    return fmt.read(data, **options)


@overload
def load_all(
    source: PathOrFile, format: _Plain, **options: Unpack[ReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: Literal["text"], **options: Unpack[TextReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: Literal["jsonl"], **options: Unpack[JSONLReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: Literal["html"], **options: Unpack[HTMLReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: Literal["reddit"], **options: Unpack[RedditReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: _Importer, **options: Unpack[ImportReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: Literal["disqus"], **options: Unpack[DisqusReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: Literal["wordpress"], **options: Unpack[WordPressReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(source: PathOrFile, format: Format, **options: Any) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: None = None, **options: Unpack[AnyReadOptions]
) -> Iterator[Article]: ...
@overload
def load_all(
    source: PathOrFile, format: str, **options: Unpack[ReadOptions]
) -> Iterator[Article]: ...
def load_all(
    source: PathOrFile, format: str | Format | None = None, **options: Any
) -> Iterator[Article]:
    """Yield every article in a file path or an open file.

    The format is guessed as for :func:`load`. A path is opened here and
    streamed to the format, and closed when the iteration ends: Disqus and
    WordPress exports are read element by element, so a large export does
    not have to fit in memory; ``max_bytes`` counts the bytes as they are
    read. Errors in the document are raised while iterating; a missing
    file, an unknown format or an option that is not valid, at once.

    .. versionadded:: 0.1
    """
    return open_articles(source, format, **options).articles


@overload
def dump(article: Article, target: PathOrFile, format: _Unwritten) -> None: ...
@overload
def dump(
    article: Article,
    target: PathOrFile,
    format: Literal["html"],
    **options: Unpack[HTMLWriteOptions],
) -> None: ...
@overload
def dump(article: Article, target: PathOrFile, format: Format, **options: Any) -> None: ...
@overload
def dump(
    article: Article,
    target: PathOrFile,
    format: None = None,
    **options: Unpack[HTMLWriteOptions],
) -> None: ...
@overload
def dump(article: Article, target: PathOrFile, format: str) -> None: ...
def dump(
    article: Article, target: PathOrFile, format: str | Format | None = None, **options: Any
) -> None:
    """Write *article* to a file path or an open file.

    The format is guessed from the path's suffix when *format* is ``None``.
    A path is written atomically: it holds either the whole document or
    whatever it held before.

    .. versionadded:: 0.1
    """
    if format is None:
        name = target if isinstance(target, str | os.PathLike) else getattr(target, "name", None)
        if not isinstance(name, str | os.PathLike):
            raise TypeError("give a format: it cannot be guessed from an unnamed file")
        fmt = guess_format(name)
    else:
        fmt = get_format(format)
    text = dumps(article, fmt, **options)
    if isinstance(target, str | os.PathLike):
        atomic_write(target, text.encode("utf-8"))
    elif "b" in getattr(target, "mode", "b"):
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]
    else:
        target.write(text)  # type: ignore[call-overload]
