"""The head of a dump: its title, metadata, subtitle, body and authors, read once.

The head is every line before the first bullet line, read line by line:
the title with its metadata lines, then the paragraphs up to the first
bullet, which make the subtitle, the body and the authors with their bios.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

from threadkit.errors import ValidationError
from threadkit.formats.text._grammar import (
    ARTICLE_META,
    AUTHOR,
    AUTHOR_META,
    BULLET,
    NO_SUBTITLE,
    SUBTITLE,
    Meta,
    bullet_at,
    check_tab,
    error,
    literal,
    looks_like_subtitle,
    paragraph,
)
from threadkit.model import Author

__all__ = ["read"]

# The first bullet line: spaces, the bullet, then a space, a tab or the line's end
# (trailing spaces and tabs are no part of a line). A tab before the bullet
# makes no bullet line but an error, which reading the head line by line finds.
_FIRST_BULLET = re.compile(rf"^ *{BULLET}(?=[ \t]|$)", re.MULTILINE)

# The title's keys: the subtitle, given or refused, and the article's metadata.
_ARTICLE_KEYS: dict[str, Meta | None] = {SUBTITLE: None}
_ARTICLE_KEYS.update((meta.key, meta) for meta in ARTICLE_META)
_ARTICLE_FLAGS = frozenset({NO_SUBTITLE})
_AUTHOR_KEYS = {meta.key: meta for meta in AUTHOR_META}
_NO_FLAGS: frozenset[str] = frozenset()


def read(text: str) -> tuple[dict[str, Any], int]:
    """The article's fields other than its comments, and where the comments start.

    *text* is the whole dump, its line endings made ``\\n``. Where the
    comments start is the offset of the line break that ends the head's last
    line that is not blank (see :attr:`.State.pos`), or the end of *text*
    when it has no comments.

    Raises:
        ParseError: the head is not one, with its line and column.
    """
    first = _FIRST_BULLET.search(text)
    # The lines up to the first bullet line, that one included: a bullet
    # before the title is an error the head reports.
    stop = len(text) if first is None else text.find("\n", first.start())
    if stop == -1:
        stop = len(text)
    raw = text[:stop].split("\n")
    fields, index = _fields([line.rstrip(" \t") for line in raw])
    if first is None:
        return fields, len(text)
    # Back from the bullet line over the blank ones, to the end of the last
    # that is not: both rules start there.
    while index and not raw[index - 1].strip(" \t"):
        index -= 1
    return fields, sum(map(len, raw[:index])) + index - 1


def _fields(lines: list[str]) -> tuple[dict[str, Any], int]:
    """The head's fields from *lines*, and the index of the first bullet line.

    *lines* are the dump's lines, stripped of trailing whitespace, up to
    the first bullet line or the end.

    Raises:
        ParseError: the head is not one, with its line and column.
    """
    count = len(lines)
    index = 0
    while index < count and not lines[index]:
        index += 1
    if index == count:
        raise error("the document is empty: a dump starts with its title", 0, 0)
    first = lines[index]
    check_tab(first, index)
    stripped = first.lstrip(" ")
    if bullet_at(stripped, 0):
        raise error(
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
        check_tab(line, index)
        stripped = line.lstrip(" ")
        if bullet_at(stripped, 0) or line.startswith(AUTHOR):
            break
        entry = _meta_entry(line, _ARTICLE_KEYS, _ARTICLE_FLAGS)
        if entry is None:
            if seen_meta:
                raise error(
                    "expected a [key: value] line: the title's metadata lines come "
                    "directly under it",
                    index,
                    0,
                )
            title = f"{title} {_text_line(line, index).strip()}"
        else:
            seen_meta = True
            key, value = entry
            meta = _ARTICLE_KEYS.get(key)
            if meta is None:  # the subtitle, or none
                if explicit_subtitle:
                    raise error("the subtitle is given twice", index, 0)
                explicit_subtitle = True
                if key == SUBTITLE:
                    fields["subtitle"] = value
            elif meta.repeated:
                tags.append(value)
            else:
                if meta.field in fields:
                    raise error(f"[{key}] is given twice", index, 0)
                fields[meta.field] = value if meta.parse is None else meta.parse(value, index, 0)
        index += 1
    if not title:
        raise error("the title is empty", title_index, 0)
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
            check_tab(line, index)
            stripped = line.lstrip(" ")
            if bullet_at(stripped, 0):
                break
        elif bullet_at(line, 0):
            break
        if current is None or line.startswith(AUTHOR):
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
        and not paragraphs[0][0].startswith(AUTHOR)
        and looks_like_subtitle(paragraphs[0][0])
    ):
        fields["subtitle"] = paragraphs[0][0]
        position = 1
    body: list[str] = []
    # Each author as (its fields, its bio paragraphs, its line index).
    authors: list[tuple[dict[str, Any], list[str], int]] = []
    target = body
    for lines_of, start in zip(paragraphs[position:], starts[position:], strict=True):
        if not lines_of[0].startswith(AUTHOR):
            target.append(paragraph(lines_of, start))
            continue
        author: dict[str, Any] = {"name": lines_of[0][len(AUTHOR) :].strip() or None}
        rest = 1
        while rest < len(lines_of):
            entry = _meta_entry(lines_of[rest], _AUTHOR_KEYS, _NO_FLAGS)
            if entry is None:
                break
            key, value = entry
            field = _AUTHOR_KEYS[key].field
            if field in author:
                raise error(f"[{key}] is given twice", start + rest, 0)
            author[field] = value
            rest += 1
        target = []
        if rest < len(lines_of):
            # No blank line between the author line and the bio: read it as the bio.
            target.append(paragraph(lines_of[rest:], start + rest))
        authors.append((author, target, start))
    if body:
        fields["body"] = "\n\n".join(body)
    built = []
    for author, bio, start in authors:
        try:
            person = Author(bio="\n\n".join(bio), **author)
        except ValidationError as problem:
            raise error(str(problem), start, 0) from None
        if not person.is_empty():  # a bare "Author:" line names nobody
            built.append(person)
    if built:
        fields["authors"] = tuple(built)
    return fields, index


def _text_line(line: str, index: int) -> str:
    return literal(line, index, 0) if line.startswith("\\") else line


def _meta_entry(
    content: str, keys: Container[str], flags: frozenset[str]
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
