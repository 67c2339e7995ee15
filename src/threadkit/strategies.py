"""Hypothesis strategies for threadkit's model, for property-testing code that uses it.

They cover the whole value space the constructors accept: any character
the model allows, text that looks like the syntax of some format, empty and
missing fields, deep and wide threads. They need Hypothesis, which the
``hypothesis`` extra installs (``pip install ".[hypothesis]"`` in a checkout,
until threadkit is on PyPI), or ``pip install hypothesis`` beside an
installed threadkit. Then::

    from hypothesis import given
    import threadkit.strategies as tks

    @given(tks.articles())
    def test_my_renderer(article):
        ...

Every function returns a :class:`hypothesis.strategies.SearchStrategy` and
takes keyword-only knobs. Depth is an explicit budget: ``comments(max_depth=3)``
never nests deeper than three levels.

.. versionadded:: 0.1
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("threadkit.strategies needs Hypothesis: pip install hypothesis") from error

from threadkit._values import INT64
from threadkit.model import Article, Author, Comment, CommentState

__all__ = [
    "articles",
    "authors",
    "comments",
    "datetimes",
    "extras",
    "lines",
    "texts",
]

_ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="".join(
        [chr(c) for c in range(0xFDD0, 0xFDF0)]
        + [chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)]
    ),
    include_characters="\n\t",
)

# Fragments that look like the syntax of one format or another, so that
# writers must escape them: bullets, bylines, markup, JSON, backslashes,
# indentation, whitespace-only lines, look-alike line breaks.
_TRICKY = (
    "•",
    "• ",
    "  • ",
    "-",
    "*",
    "Author:",
    "Author: ",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "&",
    "&amp;",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\\",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\n \n",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "#",
    "---",
    ":",
    '"',
    "'",
    "http://",
    "javascript:",
)


def texts(*, min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Multi-line text: any allowed character, with syntax-like fragments mixed in.

    .. versionadded:: 0.1
    """
    piece = st.one_of(st.text(_ALPHABET, max_size=8), st.sampled_from(_TRICKY))
    joined = st.lists(piece, max_size=max_size // 4 + 1).map("".join)
    return joined.filter(lambda s: len(s) >= min_size) if min_size else joined


def lines(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Single-line text, as the line fields (titles, names, ids, URLs) take it.

    .. versionadded:: 0.1
    """
    return texts(min_size=min_size, max_size=max_size).map(
        lambda s: s.replace("\n", " ").replace("\r", " ")
    )


def _line_or_none() -> st.SearchStrategy[str | None]:
    return st.none() | lines()


def datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes with whole-minute offsets, as the model stores them.

    .. versionadded:: 0.1
    """
    offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    )
    return st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets
    )


_INT64S = st.integers(min_value=INT64.start, max_value=INT64.stop - 1)
_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | _INT64S
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts(max_size=20)
)


def extras() -> st.SearchStrategy[dict[str, Any]]:
    """``extra`` mappings: JSON-compatible values nested a few levels.

    .. versionadded:: 0.1
    """
    values = st.recursive(
        _JSON_SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(texts(max_size=10), inner, max_size=3)
        ),
        max_leaves=8,
    )
    return st.dictionaries(texts(max_size=12), values, max_size=3)


def authors() -> st.SearchStrategy[Author]:
    """Authors, some anonymous, never entirely empty.

    .. versionadded:: 0.1
    """
    return st.builds(
        Author,
        name=_line_or_none(),
        bio=texts(),
        url=_line_or_none(),
        id=_line_or_none(),
    ).filter(lambda author: not author.is_empty())


def comments(*, max_depth: int = 3, max_replies: int = 3) -> st.SearchStrategy[Comment]:
    """Comments with replies nested at most *max_depth* levels (the comment itself is 1).

    At most *max_replies* direct replies per comment.

    .. versionadded:: 0.1
    """
    leaf = _comment_fields()
    if max_depth <= 1:
        return leaf.map(lambda fields: Comment(**fields))
    below = comments(max_depth=max_depth - 1, max_replies=max_replies)
    return st.builds(
        lambda fields, replies: Comment(replies=tuple(replies), **fields),
        leaf,
        st.lists(below, max_size=max_replies),
    )


def _comment_fields() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"text": texts()},
        optional={
            "author": st.none() | authors(),
            "id": _line_or_none(),
            "published": st.none() | datetimes(),
            "edited": st.none() | datetimes(),
            "score": st.none() | _INT64S,
            "state": st.sampled_from(CommentState),
            "url": _line_or_none(),
            "extra": extras(),
        },
    )


def articles(
    *, max_depth: int = 3, max_replies: int = 3, max_comments: int = 4
) -> st.SearchStrategy[Article]:
    """Articles with every field drawn, up to *max_comments* top-level comments.

    Replies nest at most *max_depth* levels, with at most *max_replies* per comment.

    .. versionadded:: 0.1
    """
    return st.builds(
        Article,
        title=lines(min_size=1).filter(lambda s: bool(s.strip())),
        subtitle=_line_or_none(),
        body=texts(max_size=120),
        authors=st.lists(authors(), max_size=3).map(tuple),
        published=st.none() | datetimes(),
        url=_line_or_none(),
        site=_line_or_none(),
        tags=st.lists(lines(min_size=1).filter(lambda s: bool(s.strip())), max_size=3).map(tuple),
        comments=st.lists(
            comments(max_depth=max_depth, max_replies=max_replies), max_size=max_comments
        ).map(tuple),
        extra=extras(),
    )
