"""Lines of a hand-written dump read as text that look like syntax, for report=.

The reader takes every line the grammar does not make syntax for text, as
the grammar says. A person writing a dump by hand may have meant some of
them as syntax: an ASCII bullet for a comment, metadata separated from its
line by a blank line, a metadata key the dialect does not know. Such lines
are read as text, and :func:`warnings` names each with its line number for
``report=`` (and ``threadkit validate``) to show. They are warnings,
never errors: the dump reads the same with them.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re

import attrs

from threadkit.formats.text._grammar import (
    ARTICLE_META,
    AUTHOR_META,
    META,
    NO_SUBTITLE,
    NO_TEXT,
    SUBTITLE,
)

__all__ = ["TextReport", "TextWarning", "warnings"]


@attrs.frozen
class TextWarning:
    """A line that was read as text though it looks like syntax.

    .. versionadded:: 0.1
    """

    line: int
    """Its line number, from 1."""
    message: str
    """What it looks like, and how to write what was meant."""


@attrs.frozen
class TextReport:
    """What ``report=`` gives for a text dump: the lines that may not say what was meant.

    .. versionadded:: 0.1
    """

    warnings: tuple[TextWarning, ...] = ()
    """Each line read as text that looks like syntax, in the order of the dump."""


# Every key a metadata line may have, on any line that takes them, and the flags.
_KEYS = frozenset({SUBTITLE, *(meta.key for meta in (*META, *ARTICLE_META, *AUTHOR_META))})
_FLAGS = frozenset({NO_SUBTITLE, NO_TEXT})

# "  * Pete", "  - Pete": a bullet of ASCII where the dialect's is U+2022.
_ASCII_BULLET = re.compile(r"(?P<indent>(?:  )+)(?P<mark>[*\-+]) \S")
# "[key: value]" or "[flag]", the key in the dialect's spelling.
_BRACKETED = re.compile(r" *\[(?P<key>[a-z][a-z -]{0,30}?)(?P<colon>:.*)?\]")


def warnings(text: str) -> tuple[TextWarning, ...]:
    """The lines of *text*, a dump as read, that were read as text though they look like syntax.

    An ASCII bullet counts where a comment's bullet could stand: indented
    before the first comment, or no deeper than the last comment's bullet.
    A bracketed line counts when its key is known but a blank line parts it
    from the line above, or when its key is unknown directly under a line
    that takes metadata (the title, an author line, a bullet, another
    metadata line).

    .. versionadded:: 0.1
    """
    found: list[TextWarning] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    previous = ""  # the line above, "" when blank
    takes_metadata = False  # whether the line above takes metadata lines
    bullet_indent: int | None = None  # the indentation of the last comment's bullet
    first = True
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip(" \t")
        if not line:
            previous = ""
            takes_metadata = False
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        bullet = _ASCII_BULLET.match(line)
        bracketed = _BRACKETED.fullmatch(line)
        if stripped.startswith("• ") or stripped == "•":
            bullet_indent = indent
            metadata_next = True
        elif (
            first
            or (not indent and line.startswith("Author:"))
            or (bracketed is not None and takes_metadata)
        ):
            metadata_next = True
        else:
            metadata_next = False
        if bullet is not None and (bullet_indent is None or indent <= bullet_indent):
            # What follows was meant as this comment's text and replies.
            bullet_indent = indent
            found.append(
                TextWarning(
                    number,
                    f"{stripped!r} looks like a comment but was read as text: "
                    f"a comment's bullet is • (U+2022), not {bullet['mark']!r}",
                )
            )
        elif bracketed is not None:
            key = bracketed["key"]
            known = key in _KEYS if bracketed["colon"] else key in _FLAGS
            if known and not previous:
                found.append(
                    TextWarning(
                        number,
                        f"[{key}] after a blank line was read as text: metadata lines go "
                        "directly under the line they describe",
                    )
                )
            elif not known and takes_metadata:
                found.append(
                    TextWarning(
                        number,
                        f"[{key}] is no metadata key of the dialect, so the line was read as "
                        "text (start it with a backslash if that is meant)",
                    )
                )
        previous = line
        takes_metadata = metadata_next
        first = False
    return tuple(found)
