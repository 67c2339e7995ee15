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
    ahead = state.ahead
    if ahead is not None and ahead[0] == state.pos:
        _, start, at, index, line = ahead
    else:
        # Past the blank lines to the bullet line.
        at = state.pos
        index = state.line_at(at)
        line = ""
        while not line:
            start = at + 1
            assert start <= size  # a bullet line follows the state's position
            at = text.find("\n", start)
            if at == -1:
                at = size
            index += 1
            line = text[start:at].rstrip(" \t")
    content = line.lstrip(" ")
    indent = len(line) - len(content)
    stack = state.stack
    if stack and stack[-1][0] >= indent:
        state.close(indent)
    state.admit(index, indent)
    bullet = content[2:]
    inner = indent + 2
    # Metadata lines come directly under the bullet, at its text's indent.
    meta = " " * inner + "["  # what starts one, while they may still come
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
            meta = ""
            if lines:
                pause = True
            continue
        if meta:
            if line.startswith(meta) and line[-1] == "]":
                key, colon, value = line[inner + 1 : -1].partition(":")
                known = COMMENT_META.get(key)
                if known is not None and colon:
                    if known.of_author:
                        target = by = {} if by is None else by
                    else:
                        target = fields = {} if fields is None else fields
                    if known.field in target:
                        raise error(f"[{key}] is given twice", index, inner)
                    value = value.strip()
                    target[known.field] = (
                        value if known.parse is None else known.parse(value, index, inner)
                    )
                    last = at
                    continue
                if key == NO_TEXT and not colon:
                    if no_text:
                        raise error(f"[{NO_TEXT}] is given twice", index, inner)
                    no_text = True
                    last = at
                    continue
            meta = ""
        if line[0] == " ":
            content = line.lstrip(" ")
            level = len(line) - len(content)
        else:
            content = line
            level = 0
        first = content[0]
        if first == BULLET and (len(content) == 1 or content[1] in " \t"):
            # The next comment's: the rules take it from here, the line rule
            # without reading it again.
            state.ahead = (last, begin, at, index, line)
            break
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
    stack.append(
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
