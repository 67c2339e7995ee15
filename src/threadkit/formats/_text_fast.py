"""The text reader's fast path: one regular expression a comment, for dumps in canonical form.

The line reader in :mod:`threadkit.formats.text` looks at every line in
Python. The dumps :func:`~threadkit.formats.text.write` produces are far more
regular than what that reader accepts: each comment is its bullet line, its
metadata lines in one fixed order, and its text after one blank line, every
line at its level's indentation. :data:`_COMMENT` matches such a comment in
one call into the regular expression engine, which is where the time goes.

:func:`read` gives an article only when the matches tile the comments from
the first bullet to the end of the dump, each comment at most one level
below the one before. Where they stop doing so (a second blank line,
metadata out of order, a line of text under the metadata, a date in another
form, a limit crossed), it gives a :class:`Partial`, and the line reader
goes on from the last comment matched, with its line numbers; a value the
model refuses or a head it cannot vouch for gives None, and the line reader
reads the dump from the start. What a match takes, the line reader takes the
same way, and both build comments with
:func:`threadkit.formats.text._comment`, so the two agree wherever this one
answers: tests/formats/test_text_fast_path.py holds them equal.
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import chain
from typing import Any

from threadkit._model import EMPTY_EXTRA
from threadkit._values import INT64, STATES, shared_zone
from threadkit.errors import ParseError, ValidationError
from threadkit.formats import text as _text
from threadkit.formats.text import (
    _COMMENT_META,
    _VISIBLE,
    _bio,
    _comment,
    _extra,
    _Frame,
    _literal,
    _paragraph,
    _Person,
    _read_head,
)
from threadkit.model import Article, Author, Comment

__all__ = ["read"]

# What follows the indentation on a text line: a literal line (a backslash
# first), or a line that does not start with what would make it one, a deeper
# line or a reply's bullet. Neither ends with a space or a tab: the line
# reader strips those, which the regex spares the search for.
#
# The optional lines past the bullet, the repeated text lines and each text
# line's run of characters are possessive (`?+`, `*+`): all that follows
# each is optional, so a match never needs what one took given back, and
# the engine is spared keeping the state that giving back needs.
_TEXT_LINE = r"(?:\\(?:[^\n]*+(?<![ \t]))?+|[^ \t\\•\n][^\n]*+(?<![ \t]))"
_META = r"(?:\n(?P=indent)  \[{key}: ({value})\])?+"
_ANY = r"[^\n]*"
# The form datetime.isoformat() gives for an aware datetime with an offset
# of whole minutes: fromisoformat() reads it as the line reader would.
_MOMENT = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?[+-][0-9]{2}:[0-9]{2}"
)
# The metadata lines in the writer's order, each with what its value may be:
# values the line reader would refuse, or strip, are left unmatched.
_VALUES = (
    ("id", _ANY),
    ("published", _MOMENT),
    ("edited", _MOMENT),
    ("score", "-?[0-9]+"),
    ("state", _ANY),
    ("url", _ANY),
    ("author-url", _ANY),
    ("author-id", _ANY),
    ("author-bio", _ANY),
    ("extra", _ANY),
)
_KEYS = tuple(key for key, _ in _VALUES)
_COMMENT = re.compile(
    # A bullet line the line reader takes for one, as a whole: the line
    # reader may go on from any comment matched (see Partial).
    r"\n\n(?P<indent>(?:  )+)•(?: (?P<bullet>[^\n]*[^ \t\n]))?(?=\n|\Z)"
    + "".join(_META.format(key=key, value=value) for key, value in _VALUES)
    + r"(?:\n(?P=indent)  (\[no text\])"
    + rf"|\n\n(?P=indent)  (?P<text>{_TEXT_LINE}(?:\n\n?(?P=indent)  {_TEXT_LINE})*+))?+"
)
_FIRST_BULLET = re.compile(r"\n\n +•")
_fromisoformat = datetime.fromisoformat


def read(text: str, max_depth: int | None, max_comments: int | None) -> Article | Partial | None:
    """The article *text* holds, how far it got if the line reader must go on, or None.

    *text* has had its line endings made ``\\n``. A :class:`Partial` is
    for a dump whose comments leave the canonical form, or cross a limit,
    once at least one has been matched: the line reader goes on from the
    last comment matched. None is for the rest, which the line reader reads
    from the start.
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
        # the replies built for it so far and where its match starts. A
        # comment is built once the next match at its level or above shows
        # that its replies are all there.
        opened: list[_Open] = []
        pop = opened.pop
        position = first.start()
        counted = 0
        # Each comment's match must start where the one before ended, and
        # the last one end where the dump does; a None closes everything.
        for found in chain(_COMMENT.finditer(text, position, end), (None,)):
            if found is None or found.start() != position:
                if found is None and position == end:
                    level = 1
                elif not opened:
                    return None  # the first bullet's line may be none to the line reader
                else:
                    # The last comment matched may go on in a form the match
                    # left out: the line reader reads it again.
                    again = pop()
                    return Partial(fields, roots, opened, names, people, again[2], counted - 1)
            else:
                groups = found.groups()
                level = len(groups[0]) >> 1
                most -= 1
                if level > len(opened) + 1 or level > deepest or most == -1:
                    return Partial(fields, roots, opened, names, people, position, counted)
                position = found.end()
            while len(opened) >= level:
                done, replies, _ = pop()
                built = _build(done, replies, names, people)
                (opened[-1][1] if opened else roots).append(built)
            if found is not None:
                opened.append((groups, [], found.start()))
                counted += 1
        return Article(comments=tuple(roots), **fields)
    except (ParseError, ValidationError, _Unsure, ValueError):  # ValueError: a date out of range
        return None


# A comment matched and not built yet: its groups, the replies built for it
# so far, and where its match starts.
_Open = tuple[tuple[str | None, ...], list[Comment], int]


class Partial:
    """How far :func:`read` got in a dump it matched only part of.

    The comments built so far, those still open (matched, their replies
    not all built), and where the line reader is to go on: at the bullet
    of the comment after the last one open.
    """

    __slots__ = ("counted", "head", "names", "opened", "people", "restart", "roots")

    def __init__(
        self,
        head: dict[str, Any],
        roots: list[Comment],
        opened: list[_Open],
        names: dict[str, Author | None],
        people: dict[_Person, Author | None],
        restart: int,
        counted: int,
    ) -> None:
        self.head = head
        self.roots = roots
        self.opened = opened
        self.names = names
        self.people = people
        self.restart = restart  # where the match of the comment to go on from starts
        self.counted = counted  # the comments matched before it

    def frames(self, text: str) -> tuple[list[_Frame], int]:
        """The line reader's frames for the open comments, and the index of the line to go on from.

        Their metadata and text are read as the line reader reads them, and
        what it refuses there is refused with the same error.
        """
        frames = []
        newlines = 0
        counted_to = 0
        for groups, replies, start in self.opened:
            newlines += text.count("\n", counted_to, start)
            counted_to = start
            index = newlines + 2  # the bullet's line, after the blank one
            indent, bullet, *values, no_text, block = groups
            frame = _Frame(len(indent), bullet or "", index)  # type: ignore[arg-type]
            frame.replies = replies
            inner = frame.inner
            for key, value in zip(_KEYS, values, strict=True):
                if value is None:
                    continue
                index += 1
                field, parse, of_author = _COMMENT_META[key]
                value = value.strip()
                if of_author:
                    target = frame.by = frame.by or {}
                else:
                    target = frame.fields = frame.fields or {}
                target[field] = value if parse is None else parse(value, index, inner)
            frame.no_text = no_text is not None
            if block is not None:
                index += 1  # the blank line before the text
                for line in block.replace("\n  " + indent, "\n").split("\n"):  # type: ignore[operator]
                    index += 1
                    frame.text.append(_literal(line, index, inner) if line[:1] == "\\" else line)
            frames.append(frame)
        return frames, newlines + text.count("\n", counted_to, self.restart) + 2


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
    if number is not None and number not in INT64:
        raise _Unsure
    moderated = _VISIBLE if state is None else STATES.get(state)
    if moderated is None:
        raise _Unsure
    return _comment(
        bullet or "",
        block,
        no_text is not None,
        id_,
        None if published is None else shared_zone(_fromisoformat(published)),
        None if edited is None else shared_zone(_fromisoformat(edited)),
        number,
        moderated,
        url,
        EMPTY_EXTRA if extra is None else _extra(extra, 0, 0),
        by,
        tuple(replies),
        names,
        people,
    )
