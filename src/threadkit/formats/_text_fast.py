"""The text reader's fast path: one regular expression a comment, for dumps in canonical form.

The line reader in :mod:`threadkit.formats.text` looks at every line in
Python. The dumps :func:`~threadkit.formats.text.write` produces are far more
regular than what that reader accepts: each comment is its bullet line, its
metadata lines in one fixed order, and its text after one blank line, every
line at its level's indentation. :data:`_COMMENT` matches such a comment in
one call into the regular expression engine, which is where the time goes.

:func:`read` gives an article only when the matches tile the comments from
the first bullet to the end of the dump, each comment at most one level
below the one before; anything else (a second blank line, metadata out of
order, a line of text under the metadata, a date in another
form, a limit crossed, a value the model refuses) gives None, and the line
reader reads or refuses the dump with its line and column. What a match
takes, the line reader takes the same way, and both build comments with
:func:`threadkit.formats.text._comment`, so the two agree wherever this one
answers: tests/formats/test_text_fast_path.py holds them equal.
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import chain

from threadkit.errors import ParseError, ValidationError
from threadkit.formats import text as _text
from threadkit.formats.text import (
    _VISIBLE,
    _bio,
    _comment,
    _extra,
    _paragraph,
    _Person,
    _read_head,
)
from threadkit.model import EMPTY_EXTRA, Article, Author, Comment, CommentState

__all__ = ["read"]

# What follows the indentation on a text line: a literal line (a backslash
# first), or a line that does not start with what would make it one, a deeper
# line or a reply's bullet. Neither ends with a space or a tab: the line
# reader strips those, which the regex spares the search for.
_TEXT_LINE = r"(?:\\(?:[^\n]*[^ \t\n])?|[^ \t\\•\n](?:[^\n]*[^ \t\n])?)"
_META = r"(?:\n(?P=indent)  \[{key}: ({value})\])?"
_ANY = r"[^\n]*"
# The form datetime.isoformat() gives for an aware datetime with an offset
# of whole minutes: fromisoformat() reads it as the line reader would.
_MOMENT = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?[+-][0-9]{2}:[0-9]{2}"
)
_COMMENT = re.compile(
    r"\n\n(?P<indent>(?:  )+)•(?: (?P<bullet>[^\n]*[^ \t\n]))?"
    # The metadata lines in the writer's order, with the values the line
    # reader would refuse, or strip, left unmatched.
    + _META.format(key="id", value=_ANY)
    + _META.format(key="published", value=_MOMENT)
    + _META.format(key="edited", value=_MOMENT)
    + _META.format(key="score", value="-?[0-9]+")
    + _META.format(key="state", value=_ANY)
    + _META.format(key="url", value=_ANY)
    + _META.format(key="author-url", value=_ANY)
    + _META.format(key="author-id", value=_ANY)
    + _META.format(key="author-bio", value=_ANY)
    + _META.format(key="extra", value=_ANY)
    + r"(?:\n(?P=indent)  (\[no text\])"
    + rf"|\n\n(?P=indent)  (?P<text>{_TEXT_LINE}(?:\n\n?(?P=indent)  {_TEXT_LINE})*))?"
)
_FIRST_BULLET = re.compile(r"\n\n +•")
_fromisoformat = datetime.fromisoformat
_STATES = {state.value: state for state in CommentState}
_SCORES = range(-(2**63), 2**63)


def read(text: str, max_depth: int | None, max_comments: int | None) -> Article | None:
    """The article *text* holds, or None when the line reader must decide.

    *text* has had its line endings made ``\\n``.
    """
    first = _FIRST_BULLET.search(text)
    if first is None:
        return None
    head = [line.rstrip(" \t") for line in text[: first.start()].split("\n")]
    end = len(text)
    while end and text[end - 1] == "\n":
        end -= 1
    try:
        fields, start = _read_head(head)
        if start != len(head):
            return None  # a bullet the search passed over: the head ends earlier
        bound = _text.MAX_DEPTH
        deepest = bound if max_depth is None else min(max_depth, bound)
        most = -1 if max_comments is None else max_comments
        names: dict[str, Author | None] = {}
        people: dict[_Person, Author | None] = {}
        roots: list[Comment] = []
        # The comments matched and not yet built, outermost first, each with
        # the replies built for it so far. A comment is built once the next
        # match at its level or above shows that its replies are all there.
        opened: list[tuple[tuple[str | None, ...], list[Comment]]] = []
        pop = opened.pop
        position = first.start()
        # Each comment's match must start where the one before ended, and
        # the last one end where the dump does; a None closes everything.
        for found in chain(_COMMENT.finditer(text, position, end), (None,)):
            if found is None:
                if position != end:
                    return None
                level = 1
            else:
                if found.start() != position:
                    return None
                position = found.end()
                groups = found.groups()
                level = len(groups[0]) >> 1
                if level > len(opened) + 1 or level > deepest:
                    return None
                most -= 1
                if most == -1:
                    return None
            while len(opened) >= level:
                done, replies = pop()
                built = _build(done, replies, names, people)
                (opened[-1][1] if opened else roots).append(built)
            if found is not None:
                opened.append((groups, []))
        return Article(comments=tuple(roots), **fields)
    except (ParseError, ValidationError, _Unsure, ValueError):  # ValueError: a date out of range
        return None


class _Unsure(Exception):
    """A value the line reader reads otherwise, or refuses."""


def _build(
    groups: tuple[str | None, ...],
    replies: list[Comment],
    names: dict[str, Author | None],
    people: dict[_Person, Author | None],
) -> Comment:
    """The comment of a match, and the replies built for it."""
    (
        indent,
        bullet,
        id_,
        published,
        edited,
        score,
        state,
        url,
        author_url,
        author_id,
        bio,
        extra,
        no_text,
        block,
    ) = groups
    if block is not None:
        block = block.replace("\n  " + indent, "\n")  # type: ignore[operator]
        if "\\" in block:
            block = _paragraph(block.split("\n"), 0)  # its literal lines read as they are
    by = None
    if author_url is not None or author_id is not None or bio is not None:
        # The constructor strips a url or an id as the line reader does; a
        # bio is JSON, which reads the same stripped or not.
        by = (author_url, author_id, "" if bio is None else _bio(bio, 0, 0))
    number = None if score is None else int(score)
    if number is not None and number not in _SCORES:
        raise _Unsure
    moderated = _VISIBLE if state is None else _STATES.get(state)
    if moderated is None:
        raise _Unsure
    return _comment(
        bullet or "",
        block,
        no_text is not None,
        id_,
        None if published is None else _fromisoformat(published),
        None if edited is None else _fromisoformat(edited),
        number,
        moderated,
        url,
        EMPTY_EXTRA if extra is None else _extra(extra, 0, 0),
        by,
        tuple(replies),
        names,
        people,
    )
