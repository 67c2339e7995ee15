"""The canonical rule: comments as the writer writes them, one regular expression each.

The line rule looks at every line in Python. The dumps
:func:`~threadkit.formats.text.write` produces are far more regular than
what the line rule accepts: each comment is its bullet line at two spaces
per level, its metadata lines in the order of
:data:`~threadkit.formats.text._grammar.META`, and its text after one blank
line, every line at its level's indentation. :data:`COMMENT`, put together
from the grammar's tables, matches such a comment in one call into the
regular expression engine, which is where the time goes.

The rule takes a comment only when it can vouch that the line rule would
read it the same: the match covers the comment's lines up to the next
bullet line or the end, the bullet is at its depth's indentation, and every
value parses as the line rule would parse it. Anything else (a second blank
line, metadata out of order, a date in another form, a limit crossed, a
value the line rule refuses) it leaves to the line rule, which reads that
one comment, or raises with the line and column; then this rule gets the
next comment again.
"""

from __future__ import annotations

import re
from datetime import datetime

from threadkit._model import EMPTY_EXTRA
from threadkit._values import INT64, STATES, shared_zone
from threadkit.formats.text._grammar import (
    BULLET,
    ESCAPE_FIRST,
    ESCAPE_LAST,
    META,
    NO_TEXT,
    VISIBLE,
    State,
    paragraph,
    parse_bio,
    parse_extra,
)

__all__ = ["COMMENT", "GROUPS", "comments"]

_FIRST = "".join(re.escape(char) for char in ESCAPE_FIRST)
_LAST = "".join(re.escape(char) for char in ESCAPE_LAST)
# What follows the indentation on a text line: a literal line (a backslash
# first), or a line that starts with nothing the writer escapes. Neither ends
# with what the writer escapes at the end: the line rule strips that, which
# the lookbehind spares the search for.
#
# The bullet's text, the optional lines past the bullet, the repeated text
# lines and each line's run of characters are possessive (`?+`, `*+`): all
# that follows each is optional, or the end of its line, so a match never
# needs what one took given back, and the engine is spared keeping the state
# that giving back needs, and a line that ends in whitespace fails at once.
_TEXT_LINE = rf"(?:\\(?:[^\n]*+(?<![{_LAST}]))?+|[^{_FIRST}\n][^\n]*+(?<![{_LAST}]))"
_META_LINE = r"(?:\n(?P=indent)  \[{key}: (?P<{group}>{pattern})\])?+"
COMMENT = re.compile(
    # A bullet line the line rule takes for one, as a whole.
    rf"\n\n(?P<indent>(?:  )+){BULLET}(?: (?P<bullet>[^\n]*+(?<![{_LAST}])))?(?=\n|\Z)"
    + "".join(
        _META_LINE.format(key=re.escape(meta.key), group=meta.group, pattern=meta.pattern)
        for meta in META
    )
    + rf"(?:\n(?P=indent)  (?P<no_text>\[{re.escape(NO_TEXT)}\])"
    + rf"|\n\n(?P=indent)  (?P<text>{_TEXT_LINE}(?:\n\n?(?P=indent)  {_TEXT_LINE})*+))?+"
)
"""A comment in canonical form, from the blank line before its bullet."""

# A blank line, then a bullet line as the line rule takes one: what ends a
# comment whose next one is not in canonical form.
_NEXT = re.compile(rf"\n\n *{BULLET}(?:[ \t\n]|\Z)")
_fromisoformat = datetime.fromisoformat


# The groups of COMMENT, in order: the metadata in the grammar's order. _take
# unpacks them by position, which a loop over the names would make slower.
GROUPS = ("indent", "bullet", *(meta.group for meta in META), "no_text", "text")


def comments(state: State) -> bool:
    """Read the comments in canonical form at *state*, one after another.

    Each is left open on the state's stack, for its replies; the rule stops
    before the first comment it cannot vouch for, or at the end.

    Returns:
        Whether it read a comment.

    Raises:
        ParseError: the model refuses a comment this one closes.
    """
    text = state.text
    # The canonical form ends in line breaks; a last line with trailing
    # whitespace is the line rule's.
    end = len(text)
    while end and text[end - 1] == "\n":
        end -= 1
    start = state.pos
    found = COMMENT.match(text, start, end)
    # This loop runs once for a whole dump, too few times for Python 3.11 to
    # specialise its bytecode: all the work is in _take, which it does.
    while found is not None:
        found = _take(state, found, end)
    return state.pos != start


def _take(state: State, found: re.Match[str], end: int) -> re.Match[str] | None:
    """Leave the comment *found* matched at the state's position open on its stack.

    Returns:
        The match of the next comment, or None: there is none, or this one
        is left to the line rule, and the position stays before it.
    """
    text = state.text
    after = found.end()
    following = COMMENT.match(text, after, end) if after < end else None
    if following is None and after < end and _NEXT.match(text, after) is None:
        return None  # the comment goes on in lines the expression leaves out
    # In the order of GROUPS.
    (
        indent,
        bullet,
        id_,
        published,
        edited,
        score,
        moderated,
        url,
        author_url,
        author_id,
        author_bio,
        mapping,
        no_text,
        block,
    ) = found.groups()
    # Values the line rule reads otherwise, or refuses, are left to it.
    try:
        if block is not None:
            block = block.replace("\n  " + indent, "\n")
            if "\\" in block:
                block = paragraph(block.split("\n"), 0)  # its literal lines, read
        if published is not None:
            published = shared_zone(_fromisoformat(published))
        if edited is not None:
            edited = shared_zone(_fromisoformat(edited))
        if score is not None:
            score = int(score)
            if score not in INT64:
                return None
        by = None
        if author_url is not None or author_id is not None or author_bio is not None:
            # The constructor strips a url or an id as the line rule does;
            # a bio is JSON, which reads the same stripped or not.
            by = (author_url, author_id, "" if author_bio is None else parse_bio(author_bio, 0, 0))
        mapping = EMPTY_EXTRA if mapping is None else parse_extra(mapping, 0, 0)
    except ValueError:  # a ParseError, or a date or number out of range
        return None
    level = len(indent)
    stack = state.stack
    if stack and stack[-1][0] >= level:
        state.close(level)
    # A bullet at its depth's indentation, within the limits; the line rule
    # raises the errors of the others.
    depth = len(stack)
    if level != 2 * depth + 2 or depth >= state.deepest or state.left == 0:
        return None
    state.left -= 1
    stack.append(
        (
            level,
            [],
            state.pos + 2,
            bullet or "",
            block,
            no_text is not None,
            id_,
            url,
            published,
            edited,
            score,
            VISIBLE if moderated is None else STATES[moderated],
            mapping,
            by,
        )
    )
    state.pos = after
    return following
