"""The text format's grammar: what the writer writes and both comment rules read, stated once.

Here are the dialect's markers (the bullet, the author line, literal lines
and what must be written as one), its values (how each is parsed and
rendered, and the regular expression of the form the writer gives it),
the metadata keys of an article, of its authors and of a comment, each a
:class:`Meta` in a table in the order the writer writes them, and the
:class:`State` the two rules that read comments share, with the builder
that turns what either rule read into a :class:`~threadkit.Comment`.

The tables are the single source of the keys: the writer writes them in
their order (its comment metadata is spelled out for speed, and a test holds
it to :data:`META`), the head and the line rule look keys up in
dictionaries made from them, and the canonical rule's regular expression is
put together from their patterns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from threadkit._io import too_deep, too_many
from threadkit._model import EMPTY_EXTRA, built_comment
from threadkit._values import INT64, shared_zone
from threadkit.errors import ParseError, ValidationError
from threadkit.model import Author, Comment, CommentState, Extra

__all__ = [
    "ARTICLE_META",
    "AUTHOR",
    "AUTHOR_META",
    "BULLET",
    "COMMENT_META",
    "ESCAPE_FIRST",
    "ESCAPE_LAST",
    "FORMAT",
    "INTEGER",
    "LINE",
    "MAX_DEPTH",
    "META",
    "MOMENT",
    "NO_SUBTITLE",
    "NO_TEXT",
    "SUBTITLE",
    "SUBTITLE_MAX_LENGTH",
    "TITLE_ESCAPE",
    "VISIBLE",
    "Meta",
    "Open",
    "State",
    "bullet_at",
    "check_tab",
    "error",
    "escape",
    "json_text",
    "literal",
    "looks_like_subtitle",
    "needs_escape",
    "paragraph",
    "parse_bio",
    "parse_extra",
    "parse_moment",
    "parse_score",
    "parse_state",
]

FORMAT = "text"
# The format's bound on nesting; threadkit.formats.text.MAX_DEPTH documents it.
MAX_DEPTH = 10_000
# The longest unmarked subtitle; threadkit.formats.text.SUBTITLE_MAX_LENGTH documents it.
SUBTITLE_MAX_LENGTH = 250

BULLET = "•"
AUTHOR = "Author:"
# The title's flags, and the comment's, written as a bare [flag].
SUBTITLE = "subtitle"
NO_SUBTITLE = "no subtitle"
NO_TEXT = "no text"

# Characters that end a sentence, and closing quotes or brackets that may follow
# them: a second paragraph ending with one of these is body, not a subtitle.
_SENTENCE_END = ".!?…:;,。！？"
_CLOSERS = "\"')]}»›”’"

# A line of text that the reader would take for something else starts with
# whitespace, a backslash or a bullet, or ends with whitespace; in the body and
# bios, a line starting with "Author:" too. Substring tests find them in a whole
# text much faster than a multiline regular expression.
ESCAPE_FIRST = (" ", "\t", "\\", BULLET)
ESCAPE_LAST = (" ", "\t")
# What may not start the first line: a bullet or a backslash would be misread,
# a byte order mark would be dropped, and {, [ or < would make the dump look
# like JSON or HTML to format sniffing.
TITLE_ESCAPE = ("\\", BULLET, "\ufeff", "{", "[", "<")

# The values' forms, as regular expressions: a line is anything up to the
# line break; an integer is what the line rule reads; a moment is the form
# datetime.isoformat() gives an aware datetime with a whole-minute offset,
# which fromisoformat() reads as the line rule would.
LINE = r"[^\n]*"
INTEGER = r"-?[0-9]+"
MOMENT = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?[+-][0-9]{2}:[0-9]{2}"
)
_INTEGER = re.compile(INTEGER)

VISIBLE = CommentState.VISIBLE


# -- errors and lines ----------------------------------------------------------------


def error(message: str, index: int, column: int) -> ParseError:
    """A ParseError at *index* (0-based line index) and *column* (0-based)."""
    return ParseError(message, format=FORMAT, line=index + 1, column=column + 1)


def bullet_at(line: str, indent: int) -> bool:
    """Whether *line* holds a bullet at *indent*: the sign, then a space, a tab or nothing."""
    return line[indent] == BULLET and (len(line) == indent + 1 or line[indent + 1] in " \t")


def check_tab(line: str, index: int) -> None:
    """Refuse a tab in front of a bullet: its level cannot be told."""
    stripped = line.lstrip(" \t")
    if stripped and "\t" in line[: len(line) - len(stripped)] and bullet_at(stripped, 0):
        column = line.index("\t")
        raise error("a tab where spaces are expected: indent bullets with spaces", index, column)


def escape(line: str) -> str:
    """*line* as a literal line: what :func:`literal` reads back as *line*."""
    # A second backslash last when the line ends with whitespace (which
    # readers strip) or with a backslash.
    if line.endswith((" ", "\t", "\\")):
        return f"\\{line}\\"
    return "\\" + line


def literal(line: str, index: int, column: int) -> str:
    """The text of a literal line (one that starts with a backslash)."""
    text = line[1:]
    if text.endswith("\\"):
        text = text[:-1]
    if not text:
        raise error("a backslash line with nothing to take literally", index, column)
    return text


def paragraph(lines: list[str], start: int) -> str:
    """The text of a paragraph's lines, the first at line index *start*: literal lines taken."""
    return "\n".join(
        literal(line, start + offset, 0) if line.startswith("\\") else line
        for offset, line in enumerate(lines)
    )


def needs_escape(text: str, *, top: bool) -> bool:
    """Whether some line of *text* must be written as a literal line.

    *top* is for the body and bios, where a line starting with ``Author:``
    would start an author.
    """
    if text.startswith(ESCAPE_FIRST) or text.endswith(ESCAPE_LAST):
        return True
    if top and (text.startswith(AUTHOR) or "\n" + AUTHOR in text):
        return True
    # Each line's ends looked at from its line break: a text has a few, and a
    # scan of the whole text for each pair that may stand around one (six of
    # them) took longer.
    at = text.find("\n")
    while at >= 0:
        if text.startswith(ESCAPE_FIRST, at + 1) or text.endswith(ESCAPE_LAST, 0, at):
            return True
        at = text.find("\n", at + 1)
    return False


def looks_like_subtitle(line: str) -> bool:
    """Whether the reader takes a one-line second paragraph, as written, for the subtitle."""
    if not line or line[0] == "\\":
        return False
    text = line.strip()
    if not text or len(text) > SUBTITLE_MAX_LENGTH:
        return False
    text = text.rstrip(_CLOSERS)
    return not text or text[-1] not in _SENTENCE_END


# -- values --------------------------------------------------------------------------

# How a metadata value is read: from its text (stripped), the 0-based line
# index and column for the error that refuses it.
Parse = Callable[[str, int, int], Any]


def parse_moment(value: str, index: int, column: int) -> datetime:
    """A date and time with its UTC offset, which must be whole minutes."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise error(f"{value!r} is not an ISO 8601 date and time", index, column) from None
    offset = when.utcoffset()
    if offset is None:
        raise error(f"{value!r} has no UTC offset", index, column)
    if offset.seconds % 60 or offset.microseconds:
        raise error(f"{value!r} has a UTC offset that is not whole minutes", index, column)
    return shared_zone(when)


def parse_score(value: str, index: int, column: int) -> int:
    """A whole number in the signed 64-bit range."""
    if _INTEGER.fullmatch(value) is None:
        raise error(f"[score] must be a whole number, not {value!r}", index, column)
    # Twenty digits or more never fit, and past some thousands int() refuses
    # them itself (sys.set_int_max_str_digits), with a bare ValueError.
    number = int(value) if len(value.lstrip("-")) < 20 else None
    if number is None or number not in INT64:
        raise error("[score] must fit in a signed 64-bit integer", index, column)
    return number


def parse_state(value: str, index: int, column: int) -> CommentState:
    """A moderation state by its name."""
    try:
        return CommentState(value)
    except ValueError:
        allowed = ", ".join(state.value for state in CommentState)
        raise error(f"[state] {value!r} is not one of {allowed}", index, column) from None


def parse_bio(value: str, index: int, column: int) -> str:
    """A bio, as a JSON string (a bio has line breaks, a metadata line none)."""
    text = _json_value(value, "[author-bio] is not a JSON string", index, column)
    if not isinstance(text, str):
        raise error("[author-bio] must be a JSON string", index, column)
    return text


def parse_extra(value: str, index: int, column: int) -> Extra:
    """An ``extra`` mapping, as a JSON object."""
    loaded = _json_value(value, "[extra] is not valid JSON", index, column)
    if not isinstance(loaded, dict):
        raise error("[extra] must be a JSON object", index, column)
    try:
        return Extra(loaded)
    except ValidationError as problem:
        raise error(str(problem), index, column) from None


def _json_value(value: str, refusal: str, index: int, column: int) -> object:
    try:
        return json.loads(value)
    except (ValueError, RecursionError) as problem:
        raise error(f"{refusal}: {problem}", index, column) from None


def json_text(value: object) -> str:
    """*value* as one line of compact JSON, non-ASCII characters as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _extra_text(value: Extra) -> str:
    return json_text(value.thaw())


def _state_name(value: CommentState) -> str:
    return value.value


# -- metadata ------------------------------------------------------------------------


class Meta(NamedTuple):
    """One metadata key: ``[key: value]`` under the line it describes.

    Attributes:
        key: the key as written.
        field: the model field it fills, of the article, the author or the comment.
        of_author: for a comment's key, whether the field is its author's.
        parse: how the line rule and the head read the value; None for a line,
            taken as it is.
        render: how the writer writes the value; None for a line, written as it is.
        pattern: the regular expression of the value as the writer writes it.
        default: the value the field has when its line is missing, which the
            writer leaves out.
        repeated: whether the field is a tuple, one line per item.
    """

    key: str
    field: str
    of_author: bool = False
    parse: Parse | None = None
    render: Callable[[Any], str] | None = None
    pattern: str = LINE
    default: object = None
    repeated: bool = False

    @property
    def group(self) -> str:
        """The name of the value's group in the canonical rule's expression."""
        return self.key.replace("-", "_")


_STATES = "|".join(re.escape(name.value) for name in CommentState)

# A comment's metadata, in the order the writer writes it.
META = (
    Meta("id", "id"),
    Meta("published", "published", parse=parse_moment, render=datetime.isoformat, pattern=MOMENT),
    Meta("edited", "edited", parse=parse_moment, render=datetime.isoformat, pattern=MOMENT),
    Meta("score", "score", parse=parse_score, render=str, pattern=INTEGER),
    Meta(
        "state",
        "state",
        parse=parse_state,
        render=_state_name,
        pattern=f"(?:{_STATES})",
        default=VISIBLE,
    ),
    Meta("url", "url"),
    Meta("author-url", "url", of_author=True),
    Meta("author-id", "id", of_author=True),
    Meta("author-bio", "bio", of_author=True, parse=parse_bio, render=json_text, default=""),
    Meta("extra", "extra", parse=parse_extra, render=_extra_text, default=EMPTY_EXTRA),
)
COMMENT_META = {meta.key: meta for meta in META}

# The article's metadata under its title, in the order the writer writes it,
# after [subtitle: …] or [no subtitle].
ARTICLE_META = (
    Meta("published", "published", parse=parse_moment, render=datetime.isoformat, pattern=MOMENT),
    Meta("url", "url"),
    Meta("site", "site"),
    Meta("tag", "tags", repeated=True),
    Meta("extra", "extra", parse=parse_extra, render=_extra_text, default=EMPTY_EXTRA),
)
# An article author's metadata, under the "Author:" line.
AUTHOR_META = (Meta("url", "url"), Meta("id", "id"))


# -- reading comments ----------------------------------------------------------------

# An author's url, id and bio, as their metadata lines give them.
By = tuple[str | None, str | None, str]
# An author's name and the rest, when the rest is given.
Person = tuple[str | None, str | None, str | None, str]
# A comment read and not yet built, because its replies may still come: its
# bullet's indentation, the replies built for it so far, the offset of its
# bullet line, and its values, parsed and checked, for State.close to build it.
Open = tuple[
    int,
    list[Comment],
    int,
    str,
    "str | None",
    bool,
    "str | None",
    "str | None",
    "datetime | None",
    "datetime | None",
    "int | None",
    CommentState,
    Extra,
    "By | None",
]


class State:
    """How far the comments of a dump have been read, shared by the rules that read them.

    The rules read comments one after another from :attr:`pos`, each
    comment with its own lines, and leave :attr:`pos` after them. A comment
    stays open (see :data:`Open`) until a bullet line at its indentation
    or less, or the end, shows that all its replies are in; :meth:`close`
    then builds it.

    Attributes:
        text: the dump, its line endings made ``\\n``.
        end: where its content ends: only spaces, tabs and line breaks follow.
        pos: the offset of the line break that ends the last line read that
            is not blank; the next comment's bullet line follows, after blank
            lines.
        stack: the comments open, outermost first, each a reply to the one before.
        roots: the top-level comments built.
        names: the authors with a name alone, by name, shared.
        people: the authors with more than a name, shared.
        left: how many more comments may be read; below zero for no limit.
        deepest: how many comments may be open.
        max_depth: the ``max_depth`` asked for.
        max_comments: the ``max_comments`` asked for.
        ahead: the bullet line the line rule stopped at, for it to start
            from without reading it again while the position is still
            ``ahead[0]``: then its start and end offsets, its line index and
            its text.
    """

    __slots__ = (
        "_line",
        "_mark",
        "ahead",
        "deepest",
        "end",
        "left",
        "max_comments",
        "max_depth",
        "names",
        "people",
        "pos",
        "roots",
        "stack",
        "text",
    )

    def __init__(
        self, text: str, pos: int, max_depth: int | None, max_comments: int | None
    ) -> None:
        self.text = text
        end = len(text)
        while end and text[end - 1] in " \t\n":
            end -= 1
        self.end = end
        self.pos = pos
        self.stack: list[Open] = []
        self.roots: list[Comment] = []
        self.names: dict[str, Author | None] = {}
        self.people: dict[Person, Author | None] = {}
        self.left = -1 if max_comments is None else max_comments
        self.deepest = MAX_DEPTH if max_depth is None else min(max_depth, MAX_DEPTH)
        self.max_depth = max_depth
        self.max_comments = max_comments
        self.ahead: tuple[int, int, int, int, str] | None = None
        # An offset and the index of its line, so that line numbers are
        # counted once, from there on.
        self._mark = 0
        self._line = 0

    def line_at(self, offset: int) -> int:
        """The 0-based index of the line that holds *offset*, no earlier than the last asked."""
        line = self._line + self.text.count("\n", self._mark, offset)
        self._mark = offset
        self._line = line
        return line

    def admit(self, index: int, indent: int) -> None:
        """Count a comment whose bullet is at line *index*, as deep as the stack says.

        Raises:
            LimitError: it is one more than ``max_comments``, or deeper than ``max_depth``.
            ParseError: it is deeper than :data:`MAX_DEPTH`.
        """
        self.left -= 1
        if self.left == -1:
            assert self.max_comments is not None
            raise too_many(FORMAT, self.max_comments, line=index + 1, column=indent + 1)
        depth = len(self.stack)
        if depth >= self.deepest and self.deepest < MAX_DEPTH:
            assert self.max_depth is not None
            raise too_deep(FORMAT, self.max_depth, line=index + 1, column=indent + 1)
        if depth >= MAX_DEPTH:
            raise error(
                f"replies nest deeper than {MAX_DEPTH} levels, the most the text format carries",
                index,
                indent,
            )

    def close(self, indent: int) -> None:
        """Build each open comment whose bullet is indented *indent* or more, and hand it on.

        A comment's bullet text is a name when the comment has text lines
        or the ``[no text]`` flag, else its text. Authors are shared: by
        name when the name is all there is, by every field otherwise. They
        are immutable, and a thread names the same few people again and
        again.

        Raises:
            ParseError: ``[no text]`` on a comment that has text lines, or
                the model refuses a value; at the comment's bullet line.
        """
        stack = self.stack
        while stack and stack[-1][0] >= indent:
            (
                level,
                replies,
                offset,
                bullet,
                text,
                no_text,
                id_,
                url,
                published,
                edited,
                score,
                state,
                extra,
                by,
            ) = stack.pop()
            if not bullet:
                name = None
                text = text or ""
            elif text is not None:
                if no_text:
                    raise self.error_at("[no text] on a comment that has text", offset, level + 2)
                name = bullet
            elif no_text:
                name = bullet
                text = ""
            else:
                name = None
                text = bullet
            try:
                # An author whose fields all normalise away is nobody: kept as None.
                author = None
                if by is not None:
                    key = (name, *by)
                    try:
                        author = self.people[key]
                    except KeyError:
                        author_url, author_id, bio = by
                        author = Author(name=name, url=author_url, id=author_id, bio=bio)
                        author = self.people[key] = None if author.is_empty() else author
                elif name is not None:
                    try:
                        author = self.names[name]
                    except KeyError:
                        author = Author(name=name)
                        author = self.names[name] = None if author.is_empty() else author
                comment = built_comment(
                    text,
                    author,
                    id_,
                    published,
                    edited,
                    score,
                    state,
                    url,
                    tuple(replies) if replies else (),
                    extra,
                )
            except ValidationError as problem:
                raise self.error_at(str(problem), offset, level) from None
            (stack[-1][1] if stack else self.roots).append(comment)

    def error_at(self, message: str, offset: int, column: int) -> ParseError:
        """A ParseError on the line that holds *offset*, at *column* (0-based)."""
        return error(message, self.text.count("\n", 0, offset), column)
