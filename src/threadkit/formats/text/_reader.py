"""Reading a dump: the head once, then the comments, each by the first rule that takes it.

Two rules read comments, over one :class:`~threadkit.formats.text._grammar.State`:
:func:`threadkit.formats.text._canonical.comments`, which matches comments
in the form the writer writes, and :func:`threadkit.formats.text._lines.comment`,
which reads one comment in any form the dialect allows, or raises. At each
comment the canonical rule is tried first; where it steps aside the line
rule reads that one comment, and the canonical rule gets the next one. A
dump that leaves the canonical form in one comment is read by the line rule
there alone. Both rules read what they take the same way, so a dump reads
the same whichever rule takes which comment, as a property test holds them.
"""

from __future__ import annotations

from collections.abc import Callable

from threadkit._values import REFUSED
from threadkit.errors import LimitError, ParseError, ValidationError
from threadkit.formats.text import _canonical, _head, _lines
from threadkit.formats.text._grammar import FORMAT, State, error
from threadkit.model import Article

__all__ = ["RULES", "Rule", "read"]

Rule = Callable[[State], bool]
"""A rule: reads comments at the state's position and says whether it read one."""

RULES: tuple[Rule, ...] = (_canonical.comments, _lines.comment)
"""The rules, in the order they are tried at each comment; the last one always reads."""


def read(
    text: str,
    max_depth: int | None,
    max_comments: int | None,
    rules: tuple[Rule, ...] = RULES,
) -> Article:
    """The article a dump holds, read with *rules*.

    *text* is the dump as text, decoded and not yet checked. The last of
    *rules* must read a comment or raise.

    Raises:
        ParseError: the dump is not one, with its line and column.
        LimitError: the dump crosses a limit.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        fields, pos = _head.read(text)
        state = State(text, pos, max_depth, max_comments)
        while state.pos < state.end:
            for rule in rules:
                if rule(state):
                    break
            else:
                raise RuntimeError("no rule read the comment: the last rule must")
        state.close(0)
        try:
            return Article(comments=tuple(state.roots), **fields)
        except ValidationError as problem:
            raise error(str(problem), 0, 0) from None
    except LimitError:
        raise
    except ParseError:
        # A character the model refuses is the likeliest cause, and the model
        # cannot say where it is: look for one only now, reading is then over.
        bad = REFUSED.search(text)
        if bad is None:
            raise
        start = bad.start()
        raise ParseError(
            f"character U+{ord(bad.group()):04X} is not allowed (control characters, "
            "lone surrogates and noncharacters cannot be carried)",
            format=FORMAT,
            line=text.count("\n", 0, start) + 1,
            column=start - text.rfind("\n", 0, start),
        ) from None
