"""The line rule: one comment, read line by line, as the dialect allows it to be written.

It reads whatever the grammar allows (runs of blank lines, trailing
whitespace, metadata in any order, dates in any ISO 8601 form, bullets at
any indentation), and refuses the rest with the line and column where
reading stopped: every error the reader raises about a comment comes from
here or from :meth:`~threadkit.formats.text._grammar.State.close`.
"""

from __future__ import annotations

from typing import Any

from threadkit._model import EMPTY_EXTRA
from threadkit.formats.text._grammar import (
    BULLET,
    COMMENT_META,
    NO_TEXT,
    VISIBLE,
    State,
    check_tab,
    error,
    literal,
)

__all__ = ["comment"]

_NO_FIELDS: dict[str, Any] = {}


def comment(state: State) -> bool:
    """Read the comment whose bullet line is the next line at *state* that is not blank.

    Its lines run to the next bullet line or the end. The comment is left
    open on the state's stack, for its replies; *state*'s position is left
    at the end of its last line that is not blank.

    Returns:
        True: the comment is read.

    Raises:
        ParseError: a line is not one the dialect allows there.
        LimitError: the comment crosses ``max_comments`` or ``max_depth``.
    """
    text = state.text
    size = len(text)
    at = state.pos
    index = state.line_at(at)
    bullet = ""
    start = indent = inner = -1
    fields: dict[str, Any] | None = None
    by: dict[str, str] | None = None
    no_text = False
    lines: list[str] = []
    pause = False
    last = at
    while at < size:
        begin = at + 1
        at = text.find("\n", begin)
        if at == -1:
            at = size
        index += 1
        line = text[begin:at].rstrip(" \t")
        if not line:
            if lines:
                pause = True
            continue
        if line[0] == " ":
            content = line.lstrip(" ")
            level = len(line) - len(content)
        else:
            content = line
            level = 0
        first = content[0]
        if first == BULLET and (len(content) == 1 or content[1] in " \t"):
            if start != -1:
                break  # the next comment's: the rules take it from here
            state.close(level)
            state.admit(index, level)
            start = begin
            indent = level
            inner = level + 2
            bullet = content[2:]
            last = at
            # Metadata lines come directly under the bullet, at its text's indent.
            prefix = " " * inner + "["
            while at < size:
                following = text.find("\n", at + 1)
                if following == -1:
                    following = size
                line = text[at + 1 : following].rstrip(" \t")
                if not line.startswith(prefix) or line[-1] != "]":
                    break
                key, colon, value = line[inner + 1 : -1].partition(":")
                meta = COMMENT_META.get(key)
                if meta is None or not colon:
                    if key != NO_TEXT or colon:
                        break
                    if no_text:
                        raise error(f"[{NO_TEXT}] is given twice", index + 1, inner)
                    no_text = True
                else:
                    if meta.of_author:
                        target = by = {} if by is None else by
                    else:
                        target = fields = {} if fields is None else fields
                    if meta.field in target:
                        raise error(f"[{key}] is given twice", index + 1, inner)
                    value = value.strip()
                    target[meta.field] = (
                        value if meta.parse is None else meta.parse(value, index + 1, inner)
                    )
                at = last = following
                index += 1
            continue
        # The rules leave the state before a bullet line: this is the comment's.
        assert start != -1
        if level == inner and first != "\\" and first != "\t":
            if pause:
                lines.append("")
                pause = False
            lines.append(content)
            last = at
            continue
        # Everything else: literal lines, deeper or shallower lines, tabs.
        if first == "\t":
            check_tab(line, index)
        if level < inner:
            if first == "\t":
                raise error(
                    "a tab where spaces are expected: indent comment text with spaces",
                    index,
                    level,
                )
            raise error(
                f"a line indented to no comment's level: the comment above is "
                f"at {indent} spaces, so its text is at {inner} and its replies "
                "are bullets",
                index,
                level,
            )
        if level > inner:
            content = line[inner:]
        elif first == "\\":
            content = literal(content, index, inner)
        if pause:
            lines.append("")
            pause = False
        lines.append(content)
        last = at
    get = (fields or _NO_FIELDS).get
    state.stack.append(
        (
            indent,
            [],
            start,
            bullet,
            "\n".join(lines) if lines else None,
            no_text,
            get("id"),
            get("url"),
            get("published"),
            get("edited"),
            get("score"),
            get("state", VISIBLE),
            get("extra", EMPTY_EXTRA),
            None if by is None else (by.get("url"), by.get("id"), by.get("bio", "")),
        )
    )
    state.pos = last
    return True
