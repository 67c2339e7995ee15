"""The writer: an article as a dump in canonical form."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

from threadkit._model import EMPTY_EXTRA
from threadkit.errors import UnrepresentableError
from threadkit.formats._shape import misleading_title
from threadkit.formats.text import _grammar
from threadkit.formats.text._grammar import (
    ARTICLE_META,
    AUTHOR,
    AUTHOR_META,
    BULLET,
    ESCAPE_FIRST,
    ESCAPE_LAST,
    NO_SUBTITLE,
    NO_TEXT,
    SUBTITLE,
    TITLE_ESCAPE,
    VISIBLE,
    Meta,
    escape,
    json_text,
    looks_like_subtitle,
    needs_escape,
)
from threadkit.model import Article, Author
from threadkit.tree import walk

__all__ = ["write"]

# Depths up to which the writer keeps indentation strings and authors' lines.
_SHALLOW = 64


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
        if needs_escape(subtitle, top=True) or not looks_like_subtitle(subtitle):
            append(f"\n[{SUBTITLE}: {subtitle}]")
            subtitle = None
    elif body:
        first = body.split("\n\n", 1)[0]
        if "\n" not in first and looks_like_subtitle(_top_line(first)):
            append(f"\n[{NO_SUBTITLE}]")
    append(_meta_lines(ARTICLE_META, article, ""))
    if subtitle is not None:
        append("\n\n" + subtitle)
    if body:
        append("\n\n" + _text_block(body, "", top=True))

    for author in article.authors:
        append("\n\n" + AUTHOR if author.name is None else f"\n\n{AUTHOR} {author.name}")
        append(_meta_lines(AUTHOR_META, author, ""))
        if author.bio:
            append("\n\n" + _text_block(author.bio, "", top=True))

    _write_comments(article, append)
    append("\n")
    return "".join(out)


def _meta_lines(table: Iterable[Meta], source: object, indent: str) -> str:
    """The metadata lines of *table* that *source* needs, each after a line break."""
    lines = ""
    for meta in table:
        value = getattr(source, meta.field)
        for item in value if meta.repeated else (value,):
            if item != meta.default:
                written = item if meta.render is None else meta.render(item)
                lines += f"\n{indent}[{meta.key}: {written}]"
    return lines


def _isoformats(moments: Sequence[datetime]) -> Callable[[], str]:
    """What gives *moments*' ``isoformat()``, one call after another.

    msgspec spells a whole list in one call (``Z`` for a zero offset, where
    ``isoformat`` writes ``+00:00``), where ``isoformat`` takes a call each.
    """
    import msgspec  # lazy: msgspec loads on the first write

    spelled = msgspec.json.encode(moments).decode("ascii").replace('Z"', '+00:00"')
    return iter(spelled[2:-2].split('","') if moments else ()).__next__


def _write_comments(article: Article, append: Callable[[str], None]) -> None:
    roots = article.comments
    thread = list(walk(article))
    published = _isoformats(list(filter(None, map(attrgetter("published"), thread))))
    edited = _isoformats(list(filter(None, map(attrgetter("edited"), thread))))
    del thread
    visible, empty = VISIBLE, EMPTY_EXTRA
    escape_first, escape_last = "".join(ESCAPE_FIRST), "".join(ESCAPE_LAST)
    bound = _grammar.MAX_DEPTH  # looked up now, so that a test can lower it
    no_text = f"[{NO_TEXT}]"
    # Per depth, for the depths most threads have: the bullet with its blank
    # line and indentation, the text's indentation, and each author's
    # metadata lines there, written once.
    shallow = min(_SHALLOW, bound)
    indents = ["  " * depth for depth in range(shallow + 2)]
    bullets = [f"\n\n{indent}{BULLET}" for indent in indents]
    people: list[dict[int, str]] = [{} for _ in range(shallow + 1)]
    # One iterator per level, the deepest last: a comment's replies are taken
    # up as soon as it is written, and its siblings after them.
    levels = [iter(roots)]
    push, drop = levels.append, levels.pop
    while levels:
        depth = len(levels)
        known: dict[int, str] | None = None
        if depth <= shallow:
            bullet = bullets[depth]
            inner = indents[depth + 1]
            known = people[depth]
        elif depth <= bound:
            inner = "  " * (depth + 1)
            bullet = f"\n\n{inner[2:]}{BULLET}"
        else:
            raise UnrepresentableError(
                f"the thread is nested deeper than {bound} levels, the most the text "
                "format carries; write it as JSON Lines or JSON instead"
            )
        for comment in levels[-1]:
            # The comment's lines are put together in one string, appended
            # once: a piece a line made the final join slower, more so for
            # large threads.
            text = comment.text
            author = comment.author
            name = None if author is None else author.name
            bare = False
            if name is not None:
                piece = f"{bullet} {name}"
            elif text and "\n" not in text and text[0] not in " \t" and text[-1] not in " \t":
                piece = f"{bullet} {text}"
                bare = True
            else:
                piece = bullet
            # The metadata in the order of META, spelled out, the author's too
            # (_author_lines): a loop over the table costs a lookup per key, and
            # most comments are the first of their author at their depth. (The
            # json writer has the same shape, for its own syntax.)
            if comment.id is not None:
                piece += f"\n{inner}[id: {comment.id}]"
            # Taken in thread order, as the lists were made.
            if comment.published is not None:
                piece += f"\n{inner}[published: {published()}]"
            if comment.edited is not None:
                piece += f"\n{inner}[edited: {edited()}]"
            if comment.score is not None:
                piece += f"\n{inner}[score: {comment.score}]"
            if comment.state is not visible:
                piece += f"\n{inner}[state: {comment.state.value}]"
            if comment.url is not None:
                piece += f"\n{inner}[url: {comment.url}]"
            if author is not None:
                if known is None:
                    piece += _author_lines(author, inner)
                else:
                    lines = known.get(id(author))
                    if lines is None:
                        lines = known[id(author)] = _author_lines(author, inner)
                    piece += lines
            extra = comment.extra
            if extra is not empty and extra:
                piece += f"\n{inner}[extra: {json_text(extra.thaw())}]"
            if text:
                if bare:
                    pass
                elif "\n" in text:
                    piece += "\n\n" + _text_block(text, inner, top=False)
                elif text[0] in escape_first or text[-1] in escape_last:
                    piece += f"\n\n{inner}{escape(text)}"
                else:
                    piece += f"\n\n{inner}{text}"
            elif name is not None:
                piece += f"\n{inner}{no_text}"
            append(piece)
            if comment.replies:
                push(iter(comment.replies))
                break
        else:
            drop()


def _author_lines(author: Author, inner: str) -> str:
    """A commenter's metadata lines other than the name, each after a line break."""
    lines = ""
    if author.url is not None:
        lines += f"\n{inner}[author-url: {author.url}]"
    if author.id is not None:
        lines += f"\n{inner}[author-id: {author.id}]"
    if author.bio:
        lines += f"\n{inner}[author-bio: {json_text(author.bio)}]"
    return lines


def _title_line(title: str) -> str:
    # A title starting like another kind of file (a CSV row, "# ", "---")
    # would keep format guessing from taking the dump for one.
    if title.startswith(TITLE_ESCAPE) or misleading_title(title):
        return escape(title)
    return title


def _top_line(line: str) -> str:
    return escape(line) if needs_escape(line, top=True) else line


def _text_block(text: str, indent: str, *, top: bool) -> str:
    """*text* as indented lines, blank lines between its paragraphs."""
    if needs_escape(text, top=top):
        text = "\n".join(
            escape(line) if line and needs_escape(line, top=top) else line
            for line in text.split("\n")
        )
    if not indent:
        return text
    # Indent every line, then take the indentation back off the blank lines.
    return (indent + text.replace("\n", "\n" + indent)).replace(f"\n{indent}\n", "\n\n")
