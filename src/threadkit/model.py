"""The model: :class:`Article`, :class:`Author`, :class:`Comment` and their parts.

Every class is frozen and built by keyword. Constructors check and normalise
their arguments, so that every value that exists is one that every format can
carry. The value space, in one place:

*Line fields* (``title``, ``subtitle``, ``site``, ``url``, ``id``,
``Author.name``, tags): surrounding whitespace is stripped; a line break left
inside is refused; an optional field that ends up empty becomes ``None``.
``Article.title`` is required and must not be empty.

*Text fields* (``Article.body``, ``Author.bio``, ``Comment.text``): plain
text, paragraphs separated by one blank line (``"\\n\\n"``), line breaks
inside a paragraph as ``"\\n"``. ``"\\r\\n"`` and ``"\\r"`` become ``"\\n"``;
line breaks at either end are removed; three or more line breaks in a row
become two. Spaces are kept exactly, including on otherwise empty lines.

*Characters*: every string in the model, ``extra`` included, refuses control
characters other than tab and line feed (U+0000 to U+001F, U+007F to U+009F),
lone surrogates and the Unicode noncharacters (U+FDD0 to U+FDEF and the last
two code points of every plane), none of which HTML or XML can carry.

*Datetimes* must be timezone-aware with a whole-minute UTC offset; they are
stored with a fixed-offset :class:`datetime.timezone` (the instant and the
offset are kept, a named zone is not) and ``fold=0``.

*Scores* are ``int`` (not ``bool``) in the signed 64-bit range.

*extra* is an :class:`Extra`: an immutable, hashable mapping of strings to
JSON values (``None``, ``bool``, ``int`` in the signed 64-bit range, finite
``float``, ``str``, tuples and nested :class:`Extra`), nested at most
:data:`EXTRA_MAX_DEPTH` levels.

A refused value raises :class:`~threadkit.errors.ValidationError`, which is
also a :class:`ValueError`.

Equality, hashing, ``repr``, :mod:`pickle` and :mod:`copy` work on threads of
any depth: none of them recurses. The ``repr`` of a large thread (more than
:data:`REPR_COMMENTS` comments, or longer than :data:`REPR_LENGTH`
characters) is a summary, its counts and its first comments, with long
strings cut and marked ``…(N characters)``; :func:`full_repr` gives the whole
value. In Jupyter an :class:`Article` shows as the ``html`` format's
fragment (its first :data:`HTML_REPR_COMMENTS` comments), and rich's pretty
printer shows its fields.
"""

from __future__ import annotations

from typing import TypeAlias

from threadkit import _model
from threadkit._model import Article, Author, Comment, CommentState, Extra, full_repr

# _model's public names again, less those only threadkit's modules use: written
# out, not derived from _model.__all__, as tools read __all__ only as a literal.
__all__ = [
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
    "full_repr",
]

# Assigned, not imported: autodoc reads a constant's docstring where it is assigned.
JSONValue: TypeAlias = _model.JSONValue
"""A value that :class:`Extra` holds."""

EXTRA_MAX_DEPTH = _model.EXTRA_MAX_DEPTH
"""How deeply lists and mappings may nest inside an ``extra`` mapping."""

REPR_COMMENTS = _model.REPR_COMMENTS
"""The most comments a ``repr`` shows whole; a larger thread's ``repr`` is a summary."""

REPR_LENGTH = _model.REPR_LENGTH
"""The longest ``repr``, in characters, shown whole; a longer one is a summary."""

HTML_REPR_COMMENTS = _model.HTML_REPR_COMMENTS
"""The most comments a notebook shows of an article; it says how many it leaves out."""
