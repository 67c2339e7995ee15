"""The plain-text format: an article and its thread as a text-mode browser dumps a news page.

A dump reads top to bottom: the title, an optional subtitle, the body, an
``Author: NAME`` line with the author's bio, then the comments as bullets
``•`` indented two spaces per level, each with its text indented two more::

    Council Approves Bike Lane

    After a year of hearings, councillors back a cycle track

    The town council voted 5–4 on Tuesday night.

    Author: Dana Whitcombe

    Dana Whitcombe covers town government.

      • Pete Lindqvist

        I run the hardware store at Mill and Church.

        • Rosa Delgado

          Pete, the traffic study counted your block.

      • A comment without a named author is one bullet line.

What the dialect itself cannot say is carried by two conventions that never
appear for an article holding only what such a dump holds:

* *Metadata lines* ``[key: value]`` (or a bare ``[flag]``) directly under
  the line they describe: the title, an ``Author:`` line or a bullet.
* *Literal lines*: a line of text starting with a backslash is taken
  literally, so text that looks like syntax stays text. A second backslash
  at its end protects trailing whitespace.

The grammar is given in full in ``docs/formats/text.md``. Threads may be
nested at most :data:`MAX_DEPTH` levels: each level indents every line below
it, so a dump grows with the square of a reply chain's depth.

.. versionadded:: 0.1
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from itertools import repeat
from typing import TYPE_CHECKING, Any

from threadkit._gc import collector_paused
from threadkit._io import (
    MAX_BYTES,
    MAX_COMMENTS,
    Errors,
    Source,
    read_input,
    too_deep,
    too_many,
)
from threadkit._io import MAX_DEPTH as _MAX_DEPTH
from threadkit._model import EMPTY_EXTRA, built_comment
from threadkit._values import INT64, REFUSED, shared_zone
from threadkit.errors import LimitError, ParseError, UnrepresentableError, ValidationError
from threadkit.model import (
    Article,
    Author,
    Comment,
    CommentState,
    Extra,
)

if TYPE_CHECKING:
    from threadkit.formats import _text_fast

__all__ = ["MAX_DEPTH", "SUBTITLE_MAX_LENGTH", "read", "sniff", "write"]

MAX_DEPTH = 10_000
"""How deeply replies may nest: the writer and the reader refuse deeper threads.

.. versionadded:: 0.1
"""

SUBTITLE_MAX_LENGTH = 250
"""The longest paragraph, in characters, that the reader takes for an unmarked subtitle.

.. versionadded:: 0.1
"""

_FORMAT = "text"
# Depths up to which the writer keeps indentation strings and authors' lines.
_SHALLOW = 64
_BULLET = "•"
_AUTHOR = "Author:"

# Characters that end a sentence, and closing quotes or brackets that may follow
# them: a second paragraph ending with one of these is body, not a subtitle.
_SENTENCE_END = ".!?…:;,。！？"
_CLOSERS = "\"')]}»›”’"

# A line of text that the reader would take for something else starts with
# whitespace, a backslash or a bullet, or ends with whitespace; in the body and
# bios, a line starting with "Author:" too. Substring tests find them in a whole
# text much faster than a multiline regular expression.
_ESCAPE_FIRST = (" ", "\t", "\\", _BULLET)
_ESCAPE_LAST = (" ", "\t")
# What may not start the first line: a bullet or a backslash would be misread,
# a byte order mark would be dropped, and {, [ or < would make the dump look
# like JSON or HTML to format sniffing.
_TITLE_ESCAPE = ("\\", _BULLET, "\ufeff", "{", "[", "<")
_INTEGER = re.compile(r"-?[0-9]+")

_ARTICLE_KEYS = frozenset({"subtitle", "published", "url", "site", "tag", "extra"})
_ARTICLE_FLAGS = frozenset({"no subtitle"})
_AUTHOR_KEYS = frozenset({"url", "id"})
_NO_FLAGS: frozenset[str] = frozenset()


# -- writing -------------------------------------------------------------------------


def write(article: Article, **options: Any) -> str:
    """Write *article* as a plain-text dump.

    The output is the canonical form of the dialect: one blank line between
    paragraphs, two spaces of indentation per reply level, metadata lines
    and literal lines only where the article needs them, and a final newline.

    Raises:
        UnrepresentableError: a reply is nested deeper than :data:`MAX_DEPTH`.

    .. versionadded:: 0.1
    """
    if options:
        raise TypeError(f"text.write() takes no options, got {', '.join(sorted(options))}")
    # Pieces of the dump: each block after the first starts with its blank line.
    out = [_title_line(article.title)]
    append = out.append
    subtitle = article.subtitle
    body = article.body
    if subtitle is not None:
        if _needs_escape(subtitle, top=True) or not _looks_like_subtitle(subtitle):
            append(f"\n[subtitle: {subtitle}]")
            subtitle = None
    elif body:
        first = body.split("\n\n", 1)[0]
        if "\n" not in first and _looks_like_subtitle(_top_line(first)):
            append("\n[no subtitle]")
    if article.published is not None:
        append(f"\n[published: {article.published.isoformat()}]")
    if article.url is not None:
        append(f"\n[url: {article.url}]")
    if article.site is not None:
        append(f"\n[site: {article.site}]")
    for tag in article.tags:
        append(f"\n[tag: {tag}]")
    if article.extra:
        append(f"\n[extra: {_json(article.extra.thaw())}]")
    if subtitle is not None:
        append("\n\n" + subtitle)
    if body:
        append("\n\n" + _text_block(body, "", top=True))

    for author in article.authors:
        append("\n\n" + _AUTHOR if author.name is None else f"\n\n{_AUTHOR} {author.name}")
        if author.url is not None:
            append(f"\n[url: {author.url}]")
        if author.id is not None:
            append(f"\n[id: {author.id}]")
        if author.bio:
            append("\n\n" + _text_block(author.bio, "", top=True))

    _write_comments(article.comments, append)
    append("\n")
    return "".join(out)


def _write_comments(roots: tuple[Comment, ...], append: Callable[[str], None]) -> None:
    stack = [(comment, 1) for comment in reversed(roots)]
    pop, extend = stack.pop, stack.extend
    visible, empty = CommentState.VISIBLE, EMPTY_EXTRA
    escape_first, escape_last = " \t\\" + _BULLET, " \t"
    # Per depth, for the depths most threads have: the bullet's indentation,
    # the text's, and each author's metadata lines there, written once.
    shallow = min(_SHALLOW, MAX_DEPTH)
    indents = ["  " * depth for depth in range(shallow + 2)]
    people: list[dict[int, str]] = [{} for _ in range(shallow + 1)]
    while stack:
        comment, depth = pop()
        if depth <= shallow:
            indent = indents[depth]
            inner = indents[depth + 1]
        elif depth <= MAX_DEPTH:
            indent = "  " * depth
            inner = indent + "  "
        else:
            raise UnrepresentableError(
                f"the thread is nested deeper than {MAX_DEPTH} levels, the most the text "
                "format carries; write it as JSON Lines or JSON instead"
            )
        text = comment.text
        author = comment.author
        name = None if author is None else author.name
        bare = False
        if name is not None:
            append(f"\n\n{indent}• {name}")
        elif text and "\n" not in text and text[0] not in " \t" and text[-1] not in " \t":
            append(f"\n\n{indent}• {text}")
            bare = True
        else:
            append(f"\n\n{indent}•")
        if comment.id is not None:
            append(f"\n{inner}[id: {comment.id}]")
        if comment.published is not None:
            append(f"\n{inner}[published: {comment.published.isoformat()}]")
        if comment.edited is not None:
            append(f"\n{inner}[edited: {comment.edited.isoformat()}]")
        if comment.score is not None:
            append(f"\n{inner}[score: {comment.score}]")
        if comment.state is not visible:
            append(f"\n{inner}[state: {comment.state.value}]")
        if comment.url is not None:
            append(f"\n{inner}[url: {comment.url}]")
        if author is not None:
            if depth <= shallow:
                known = people[depth]
                lines = known.get(id(author))
                if lines is None:
                    lines = known[id(author)] = _author_meta(author, inner)
            else:
                lines = _author_meta(author, inner)
            if lines:
                append(lines)
        extra = comment.extra
        if extra is not empty and extra:
            append(f"\n{inner}[extra: {_json(extra.thaw())}]")
        if text:
            if bare:
                pass
            elif "\n" in text:
                append("\n\n" + _text_block(text, inner, top=False))
            elif text[0] in escape_first or text[-1] in escape_last:
                append(f"\n\n{inner}{_escape(text)}")
            else:
                append(f"\n\n{inner}{text}")
        elif name is not None:
            append(f"\n{inner}[no text]")
        replies = comment.replies
        if replies:
            extend(zip(reversed(replies), repeat(depth + 1, len(replies)), strict=True))


def _author_meta(author: Author, inner: str) -> str:
    """A commenter's metadata lines other than the name, each after a line break."""
    lines = ""
    if author.url is not None:
        lines += f"\n{inner}[author-url: {author.url}]"
    if author.id is not None:
        lines += f"\n{inner}[author-id: {author.id}]"
    if author.bio:
        lines += f"\n{inner}[author-bio: {_json(author.bio)}]"
    return lines


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _escape(line: str) -> str:
    # A literal line: a backslash first, and a second one last when the line
    # ends with whitespace (which readers strip) or with a backslash.
    if line.endswith((" ", "\t", "\\")):
        return f"\\{line}\\"
    return "\\" + line


def _title_line(title: str) -> str:
    return _escape(title) if title.startswith(_TITLE_ESCAPE) else title


def _top_line(line: str) -> str:
    return _escape(line) if _needs_escape(line, top=True) else line


def _needs_escape(text: str, *, top: bool) -> bool:
    """Whether some line of *text* must be written as a literal line."""
    if text.startswith(_ESCAPE_FIRST) or text.endswith(_ESCAPE_LAST):
        return True
    if top and (text.startswith(_AUTHOR) or "\n" + _AUTHOR in text):
        return True
    return "\n" in text and (
        "\n " in text
        or "\n\t" in text
        or "\n\\" in text
        or "\n•" in text
        or " \n" in text
        or "\t\n" in text
    )


def _text_block(text: str, indent: str, *, top: bool) -> str:
    """*text* as indented lines, blank lines between its paragraphs."""
    if _needs_escape(text, top=top):
        text = "\n".join(
            _escape(line) if line and _needs_escape(line, top=top) else line
            for line in text.split("\n")
        )
    if not indent:
        return text
    # Indent every line, then take the indentation back off the blank lines.
    return (indent + text.replace("\n", "\n" + indent)).replace(f"\n{indent}\n", "\n\n")


def _looks_like_subtitle(line: str) -> bool:
    """Whether the reader takes a one-line second paragraph, as written, for the subtitle."""
    if not line or line[0] == "\\":
        return False
    text = line.strip()
    if not text or len(text) > SUBTITLE_MAX_LENGTH:
        return False
    text = text.rstrip(_CLOSERS)
    return not text or text[-1] not in _SENTENCE_END


# -- sniffing ------------------------------------------------------------------------


def sniff(head: str) -> bool:
    """Whether *head* may be a plain-text dump: any text that does not look like JSON or markup.

    The registry tries this format last, as the fallback.

    .. versionadded:: 0.1
    """
    text = head.lstrip() if isinstance(head, str) else ""
    if not text:
        return False
    first = text[0]
    if first == "{":
        return False
    return not (first == "<" and len(text) > 1 and (text[1].isalpha() or text[1] in "!?/"))


# -- reading -------------------------------------------------------------------------


# An author's url, id and bio, as their metadata lines give them.
_By = tuple[str | None, str | None, str]
# An author's name and the rest, when the rest is given.
_Person = tuple[str | None, str | None, str | None, str]
# Where a reading of the comments stopped: its stack of open comments, the
# top-level comments built, the authors shared, and how many comments it met.
_State = tuple[
    "list[_Frame]", list[Comment], "dict[str, Author | None]", "dict[_Person, Author | None]", int
]


class _Frame:
    """A comment being read: its bullet, its metadata, its text so far, its replies."""

    __slots__ = ("bullet", "by", "fields", "indent", "inner", "line", "no_text", "replies", "text")

    def __init__(self, indent: int, bullet: str, line: int) -> None:
        self.indent = indent
        self.inner = indent + 2
        self.bullet = bullet
        self.line = line
        # Comment fields from metadata lines, by their Comment keyword, and the
        # author's fields other than the name (url, id, bio), when given.
        self.fields: dict[str, Any] | None = None
        self.by: dict[str, str] | None = None
        self.no_text = False
        self.text: list[str] = []
        self.replies: list[Comment] = []


def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = _MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Article:
    """Read an article from a plain-text dump.

    Reads the canonical form :func:`write` produces and dumps as text-mode
    browsers make them: CRLF or CR line endings, trailing spaces, runs of
    blank lines and a missing or extra final newline read the same.

    *data* is the dump as text, as bytes or as an open file; bytes are
    decoded by the rules every reader shares (see :ref:`encodings`). The
    limits and *encoding* and *errors* are described under :ref:`limits`;
    the format's own bound of :data:`MAX_DEPTH` levels applies whatever
    *max_depth* says.

    Raises:
        ParseError: the input is not a dump (with its line and column).
        LimitError: the input crosses a limit (with its line and column,
            or the byte offset for ``max_bytes``).

    .. versionadded:: 0.1
    """
    text = read_input(
        data,
        format=_FORMAT,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )
    with collector_paused():
        return _read_text(text, max_depth, max_comments)


def _read_text(text: str, max_depth: int | None, max_comments: int | None) -> Article:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A dump as the writer writes it takes the fast path; whatever that
    # cannot vouch for, the line reader reads or refuses with its position.
    # A lazy import: it compiles its expression on first use, and imports this module.
    from threadkit.formats import _text_fast

    fast = _text_fast.read(text, max_depth, max_comments)
    if isinstance(fast, Article):
        return fast
    return _read_lines(text, max_depth, max_comments, fast)


def _read_lines(
    text: str,
    max_depth: int | None,
    max_comments: int | None,
    partial: _text_fast.Partial | None = None,
) -> Article:
    """Read a dump whose line endings are ``\\n``, line by line.

    From the start, or from where the fast path's *partial* reading stopped.
    """
    lines = text.split("\n")
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        lines = [line.rstrip(" \t") for line in lines]
    try:
        if partial is None:
            fields, start = _read_head(lines)
            state = None
        else:
            fields = partial.head
            frames, start = partial.frames(text)
            state = (frames, partial.roots, partial.names, partial.people, partial.counted)
        fields["comments"] = _read_comments(lines, start, max_depth, max_comments, state)
        try:
            return Article(**fields)
        except ValidationError as error:
            raise _error(str(error), 0, 0) from None
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
            format=_FORMAT,
            line=text.count("\n", 0, start) + 1,
            column=start - text.rfind("\n", 0, start),
        ) from None


def _error(message: str, index: int, column: int) -> ParseError:
    """A ParseError at *index* (0-based line index) and *column* (0-based)."""
    return ParseError(message, format=_FORMAT, line=index + 1, column=column + 1)


def _bullet_at(line: str, indent: int) -> bool:
    return line[indent] == _BULLET and (len(line) == indent + 1 or line[indent + 1] in " \t")


def _check_tab(line: str, index: int) -> None:
    """Refuse a tab in front of a bullet: its level cannot be told."""
    stripped = line.lstrip(" \t")
    if stripped and "\t" in line[: len(line) - len(stripped)] and _bullet_at(stripped, 0):
        column = line.index("\t")
        raise _error("a tab where spaces are expected: indent bullets with spaces", index, column)


def _literal(line: str, index: int, column: int) -> str:
    """The text of a literal line (one that starts with a backslash)."""
    text = line[1:]
    if text.endswith("\\"):
        text = text[:-1]
    if not text:
        raise _error("a backslash line with nothing to take literally", index, column)
    return text


def _text_line(line: str, index: int) -> str:
    return _literal(line, index, 0) if line.startswith("\\") else line


def _read_head(lines: list[str]) -> tuple[dict[str, Any], int]:
    """Read the title, metadata, subtitle, body and authors; return where comments start."""
    count = len(lines)
    index = 0
    while index < count and not lines[index]:
        index += 1
    if index == count:
        raise _error("the document is empty: a dump starts with its title", 0, 0)
    first = lines[index]
    _check_tab(first, index)
    stripped = first.lstrip(" ")
    if _bullet_at(stripped, 0):
        raise _error(
            "a comment bullet before the title: a dump starts with its title",
            index,
            len(first) - len(stripped),
        )
    title = _text_line(first, index).strip()
    title_index = index
    fields: dict[str, Any] = {}
    tags: list[str] = []
    seen_meta = False
    explicit_subtitle = False
    index += 1

    # The rest of the title's paragraph: metadata lines (or a wrapped title).
    while index < count and lines[index]:
        line = lines[index]
        _check_tab(line, index)
        stripped = line.lstrip(" ")
        if _bullet_at(stripped, 0) or line.startswith(_AUTHOR):
            break
        entry = _meta_entry(line, _ARTICLE_KEYS, _ARTICLE_FLAGS)
        if entry is None:
            if seen_meta:
                raise _error(
                    "expected a [key: value] line: the title's metadata lines come "
                    "directly under it",
                    index,
                    0,
                )
            title = f"{title} {_text_line(line, index).strip()}"
        else:
            seen_meta = True
            key, value = entry
            if key in ("subtitle", "no subtitle"):
                if explicit_subtitle:
                    raise _error("the subtitle is given twice", index, 0)
                explicit_subtitle = True
                if key == "subtitle":
                    fields["subtitle"] = value
            elif key == "tag":
                tags.append(value)
            else:
                if key in fields:
                    raise _error(f"[{key}] is given twice", index, 0)
                fields[key] = _article_value(key, value, index)
        index += 1
    if not title:
        raise _error("the title is empty", title_index, 0)
    fields["title"] = title
    if tags:
        fields["tags"] = tuple(tags)

    # Paragraphs up to the first bullet; an author line always starts one.
    paragraphs: list[list[str]] = []
    starts: list[int] = []
    current: list[str] | None = None
    while index < count:
        line = lines[index]
        if not line:
            current = None
            index += 1
            continue
        if line[0] in " \t":
            _check_tab(line, index)
            stripped = line.lstrip(" ")
            if _bullet_at(stripped, 0):
                break
        elif _bullet_at(line, 0):
            break
        if current is None or line.startswith(_AUTHOR):
            current = []
            paragraphs.append(current)
            starts.append(index)
        current.append(line)
        index += 1

    position = 0
    if (
        not explicit_subtitle
        and paragraphs
        and len(paragraphs[0]) == 1
        and not paragraphs[0][0].startswith(_AUTHOR)
        and _looks_like_subtitle(paragraphs[0][0])
    ):
        fields["subtitle"] = paragraphs[0][0]
        position = 1
    body: list[str] = []
    # Each author as (its fields, its bio paragraphs, its line index).
    authors: list[tuple[dict[str, Any], list[str], int]] = []
    target = body
    for paragraph, start in zip(paragraphs[position:], starts[position:], strict=True):
        if not paragraph[0].startswith(_AUTHOR):
            target.append(_paragraph(paragraph, start))
            continue
        author: dict[str, Any] = {"name": paragraph[0][len(_AUTHOR) :].strip() or None}
        rest = 1
        while rest < len(paragraph):
            entry = _meta_entry(paragraph[rest], _AUTHOR_KEYS, _NO_FLAGS)
            if entry is None:
                break
            key, value = entry
            if key in author:
                raise _error(f"[{key}] is given twice", start + rest, 0)
            author[key] = value
            rest += 1
        target = []
        if rest < len(paragraph):
            # No blank line between the author line and the bio: read it as the bio.
            target.append(_paragraph(paragraph[rest:], start + rest))
        authors.append((author, target, start))
    if body:
        fields["body"] = "\n\n".join(body)
    built = []
    for author, bio, start in authors:
        try:
            person = Author(bio="\n\n".join(bio), **author)
        except ValidationError as error:
            raise _error(str(error), start, 0) from None
        if not person.is_empty():  # a bare "Author:" line names nobody
            built.append(person)
    if built:
        fields["authors"] = tuple(built)
    return fields, index


def _paragraph(lines: list[str], start: int) -> str:
    return "\n".join(
        _literal(line, start + offset, 0) if line.startswith("\\") else line
        for offset, line in enumerate(lines)
    )


def _meta_entry(
    content: str, keys: frozenset[str], flags: frozenset[str]
) -> tuple[str, str] | None:
    """``(key, value)`` when *content* is a metadata line for one of *keys* or *flags*."""
    if not (content.startswith("[") and content.endswith("]")):
        return None
    inner = content[1:-1]
    if inner in flags:
        return inner, ""
    key, colon, value = inner.partition(":")
    if colon and key in keys:
        return key, value.strip()
    return None


def _article_value(key: str, value: str, index: int) -> Any:
    if key == "published":
        return _datetime(value, index, 0)
    if key == "extra":
        return _extra(value, index, 0)
    return value


def _datetime(value: str, index: int, column: int) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise _error(f"{value!r} is not an ISO 8601 date and time", index, column) from None
    offset = when.utcoffset()
    if offset is None:
        raise _error(f"{value!r} has no UTC offset", index, column)
    if offset.seconds % 60 or offset.microseconds:
        raise _error(f"{value!r} has a UTC offset that is not whole minutes", index, column)
    return shared_zone(when)


def _extra(value: str, index: int, column: int) -> Extra:
    try:
        loaded = json.loads(value)
    except (ValueError, RecursionError) as error:
        raise _error(f"[extra] is not valid JSON: {error}", index, column) from None
    if not isinstance(loaded, dict):
        raise _error("[extra] must be a JSON object", index, column)
    try:
        return Extra(loaded)
    except ValidationError as error:
        raise _error(str(error), index, column) from None


def _read_comments(
    lines: list[str],
    start: int,
    max_depth: int | None,
    max_comments: int | None,
    state: _State | None = None,
) -> tuple[Comment, ...]:
    """Read the comments: every line from the first bullet on, in one pass with a stack.

    *state*, when given, is where a reading stopped at the bullet on line
    *start*: its stack, roots, shared authors and the comments it counted.
    """
    deepest = MAX_DEPTH if max_depth is None else min(max_depth, MAX_DEPTH)
    most = -1 if max_comments is None else max_comments
    roots: list[Comment] = []
    stack: list[_Frame] = []
    names: dict[str, Author | None] = {}
    people: dict[_Person, Author | None] = {}
    if state is not None:
        stack, roots, names, people, counted = state
        most -= counted
    push, pop = stack.append, stack.pop
    bullet = _BULLET
    count = len(lines)
    # The comment being read is stack[-1]; what a line of its text needs is
    # mirrored in locals, so that such a line costs no attribute lookups.
    top: _Frame | None = None
    inner = -1
    pause = False
    text: list[str] = []
    index = start
    while index < count:
        line = lines[index]
        index += 1
        if not line:
            if text:
                pause = True
            continue
        if line[0] == " ":
            content = line.lstrip(" ")
            indent = len(line) - len(content)
        else:
            content = line
            indent = 0
        first = content[0]
        if first == bullet and (len(content) == 1 or content[1] in " \t"):
            while stack and stack[-1].indent >= indent:
                _close(pop(), stack, roots, names, people)
            most -= 1
            if most == -1:
                assert max_comments is not None
                raise too_many(_FORMAT, max_comments, line=index, column=indent + 1)
            if len(stack) >= deepest and deepest < MAX_DEPTH:
                assert max_depth is not None
                raise too_deep(_FORMAT, max_depth, line=index, column=indent + 1)
            if len(stack) >= MAX_DEPTH:
                raise _error(
                    f"replies nest deeper than {MAX_DEPTH} levels, the most the text format "
                    "carries",
                    index - 1,
                    indent,
                )
            top = _Frame(indent, content[2:], index - 1)
            push(top)
            inner = indent + 2
            pause = False
            text = top.text
            # Metadata lines come directly under the bullet, at its text's indent.
            if index < count and lines[index].startswith("[", inner):
                index = _read_meta(lines, index, top)
            continue
        if indent == inner and first != "\\" and first != "\t":
            if pause:
                text.append("")
                pause = False
            text.append(content)
            continue
        # Everything else: literal lines, deeper or shallower lines, tabs.
        assert top is not None  # the comments start with a bullet
        if first == "\t":
            _check_tab(line, index - 1)
        if indent < inner:
            if first == "\t":
                raise _error(
                    "a tab where spaces are expected: indent comment text with spaces",
                    index - 1,
                    indent,
                )
            raise _error(
                f"a line indented to no comment's level: the comment above is "
                f"at {top.indent} spaces, so its text is at {inner} and its replies "
                "are bullets",
                index - 1,
                indent,
            )
        if indent > inner:
            content = line[inner:]
        elif first == "\\":
            content = _literal(content, index - 1, inner)
        if pause:
            text.append("")
            pause = False
        text.append(content)
    while stack:
        _close(pop(), stack, roots, names, people)
    return tuple(roots)


def _read_meta(lines: list[str], index: int, frame: _Frame) -> int:
    """Read the metadata lines of *frame* from *index* on; return the index after them."""
    inner = frame.inner
    prefix = " " * inner + "["
    start = inner + 1
    known = _COMMENT_META
    count = len(lines)
    while index < count:
        line = lines[index]
        if not line.startswith(prefix) or line[-1] != "]":
            break
        key, colon, value = line[start:-1].partition(":")
        entry = known.get(key)
        if entry is None or not colon:
            if key == "no text" and not colon:
                if frame.no_text:
                    raise _error("[no text] is given twice", index, inner)
                frame.no_text = True
                index += 1
                continue
            break
        field, parse, of_author = entry
        value = value.strip()
        if of_author:
            if frame.by is None:
                frame.by = {}
            target = frame.by
        else:
            if frame.fields is None:
                frame.fields = {}
            target = frame.fields
        if field in target:
            raise _error(f"[{key}] is given twice", index, inner)
        target[field] = value if parse is None else parse(value, index, inner)
        index += 1
    return index


def _score(value: str, index: int, column: int) -> int:
    if _INTEGER.fullmatch(value) is None:
        raise _error(f"[score] must be a whole number, not {value!r}", index, column)
    score = int(value)
    if score not in INT64:
        raise _error("[score] must fit in a signed 64-bit integer", index, column)
    return score


def _state(value: str, index: int, column: int) -> CommentState:
    try:
        return CommentState(value)
    except ValueError:
        allowed = ", ".join(state.value for state in CommentState)
        raise _error(f"[state] {value!r} is not one of {allowed}", index, column) from None


def _bio(value: str, index: int, column: int) -> str:
    try:
        bio = json.loads(value)
    except (ValueError, RecursionError) as error:
        raise _error(f"[author-bio] is not a JSON string: {error}", index, column) from None
    if not isinstance(bio, str):
        raise _error("[author-bio] must be a JSON string", index, column)
    return bio


# A comment's metadata keys: the keyword each one gives to Comment (or, for
# author-*, to Author), how its value is read, and whether it is the author's.
_COMMENT_META: dict[str, tuple[str, Callable[[str, int, int], Any] | None, bool]] = {
    "id": ("id", None, False),
    "published": ("published", _datetime, False),
    "edited": ("edited", _datetime, False),
    "score": ("score", _score, False),
    "state": ("state", _state, False),
    "url": ("url", None, False),
    "author-url": ("url", None, True),
    "author-id": ("id", None, True),
    "author-bio": ("bio", _bio, True),
    "extra": ("extra", _extra, False),
}


_VISIBLE = CommentState.VISIBLE
_NO_FIELDS: dict[str, Any] = {}


def _close(
    frame: _Frame,
    stack: list[_Frame],
    roots: list[Comment],
    names: dict[str, Author | None],
    people: dict[_Person, Author | None],
) -> None:
    """Build the comment *frame* has read and hand it to its parent."""
    lines = frame.text
    if lines and frame.no_text and frame.bullet:
        raise _error("[no text] on a comment that has text", frame.line, frame.inner)
    get = (frame.fields or _NO_FIELDS).get
    by = frame.by
    try:
        comment = _comment(
            frame.bullet,
            "\n".join(lines) if lines else None,
            frame.no_text,
            get("id"),
            get("published"),
            get("edited"),
            get("score"),
            get("state", _VISIBLE),
            get("url"),
            get("extra", EMPTY_EXTRA),
            None if by is None else (by.get("url"), by.get("id"), by.get("bio", "")),
            tuple(frame.replies) if frame.replies else (),
            names,
            people,
        )
    except ValidationError as error:
        raise _error(str(error), frame.line, frame.indent) from None
    if stack:
        stack[-1].replies.append(comment)
    else:
        roots.append(comment)


def _comment(
    bullet: str,
    text: str | None,
    no_text: bool,
    id_: str | None,
    published: datetime | None,
    edited: datetime | None,
    score: int | None,
    state: CommentState,
    url: str | None,
    extra: Extra,
    by: _By | None,
    replies: tuple[Comment, ...],
    names: dict[str, Author | None],
    people: dict[_Person, Author | None],
) -> Comment:
    """The comment a bullet line, its metadata and its text lines give.

    *bullet* is what follows the bullet, *text* the comment's lines joined
    (None when it has none), *by* the author's fields other than the name
    when a metadata line gives one. The metadata values are as their lines
    give them, parsed and checked. Authors are shared: by name through
    *names* when the name is all there is, by every field through *people*
    otherwise. They are immutable, and a thread names the same few people
    again and again.

    Raises:
        ValidationError: the model refuses a value.
    """
    if not bullet:
        name = None
        text = text or ""
    elif text is not None or no_text:
        name = bullet
        text = text or ""
    else:
        name = None
        text = bullet
    # An author whose fields all normalise away is nobody: kept as None.
    author = None
    if by is not None:
        key = (name, *by)
        try:
            author = people[key]
        except KeyError:
            author_url, author_id, bio = by
            author = Author(name=name, url=author_url, id=author_id, bio=bio)
            author = people[key] = None if author.is_empty() else author
    elif name is not None:
        try:
            author = names[name]
        except KeyError:
            author = Author(name=name)
            author = names[name] = None if author.is_empty() else author
    return built_comment(text, author, id_, published, edited, score, state, url, replies, extra)
