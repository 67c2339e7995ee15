"""Reading threadkit's own pages from the tree lxml parsed, whatever was done to them.

A page of ours is one whose ``<article>`` carries ``data-threadkit``. This
reader follows its microdata rather than its markup: each property is found
by its ``itemprop``, each reply by its ``parentItem`` link, so a page that
was edited, re-indented or re-saved by a browser still reads exactly.
Broken values raise :class:`~threadkit.ParseError` with the line of the
element that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import cast

from lxml import etree

from threadkit._forest import from_parents
from threadkit._io import ThreadLimits, breach_error, thread_breach
from threadkit._model import kept_comment
from threadkit._values import STATES
from threadkit.errors import ParseError, ValidationError
from threadkit.formats.html._templates import FORMAT, INTEGER, VERSION, extra_of, moment_of
from threadkit.model import Article, Author, Comment, Extra


def read(root: etree._Element, limits: ThreadLimits = (None, None)) -> Article | None:
    """The article of the first ``<article data-threadkit>`` under *root*, or ``None``.

    Raises:
        ParseError: the markup of ours is broken (with the line it is on).
        LimitError: the thread crosses one of *limits*.
    """
    for element in root.iter("article"):
        if element.get("data-threadkit") is not None:
            return _read_article(element, limits)
    return None


_TEXT_PROPS = frozenset({"text", "articleBody", "description"})
_INTEGER = re.compile(INTEGER)


def _fail(message: str, element: etree._Element | None = None) -> ParseError:
    line = element.sourceline if element is not None else None
    return ParseError(message, format=FORMAT, line=line if isinstance(line, int) else None)


def _properties(
    scope: etree._Element, skip_class: str | None = None
) -> list[tuple[str, etree._Element]]:
    """The (itemprop, element) pairs of the microdata item *scope*, in document order.

    Does not look inside nested items nor inside text-valued properties, and
    skips any element whose class is *skip_class*. Iterative.
    """
    found: list[tuple[str, etree._Element]] = []
    append = found.append
    stack = [iter(scope)]
    while stack:
        for element in stack[-1]:
            name = element.get("itemprop")
            if name is not None:
                append((name, element))
                if name in _TEXT_PROPS or element.get("itemscope") is not None:
                    continue
            elif skip_class is not None and element.get("class") == skip_class:
                continue
            if len(element):
                stack.append(iter(element))
                break
        else:
            stack.pop()
    return found


def _plain(element: etree._Element) -> str:
    if not len(element):
        return element.text or ""
    return "".join(cast("Iterator[str]", element.itertext()))


def _paragraphs(element: etree._Element) -> str:
    """The text field written as <p> elements with <br> line breaks, exactly."""
    if element.tag == "meta":
        return element.get("content") or ""
    paragraphs = []
    for paragraph in element:
        if not len(paragraph):
            paragraphs.append(paragraph.text or "")
            continue
        parts = [paragraph.text or ""]
        for child in paragraph:
            parts.append("\n" if child.tag == "br" else _plain(child))
            if child.tail:
                parts.append(child.tail)
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def _moment(element: etree._Element) -> datetime:
    value = element.get("datetime")
    if value is None:
        raise _fail(
            f"<{element.tag} itemprop={element.get('itemprop')!r}> has no datetime", element
        )
    try:
        return moment_of(value)
    except ValueError as error:
        raise _fail(str(error), element) from None


def _score(element: etree._Element) -> int:
    value = element.get("value")
    if value is None or not _INTEGER.fullmatch(value):
        raise _fail(f"bad upvoteCount value {value!r}", element)
    return int(value)


def _extra(element: etree._Element, value: str) -> Extra:
    try:
        return extra_of(value)
    except ValueError as error:
        raise _fail(str(error), element) from None


class _People:
    """Reads Person items, making one Author for equal ones."""

    def __init__(self) -> None:
        self.known: dict[tuple[str | None, ...], Author] = {}

    def read(self, element: etree._Element) -> Author:
        name = bio = url = None
        # A Person of ours holds no other item: every property below it is its own.
        for value in element.iterdescendants():
            prop = value.get("itemprop")
            if prop is None:
                continue
            if prop == "name":
                if name is None:
                    name = _plain(value)
            elif prop == "url":
                if url is None:
                    url = value.get("href")
            elif prop == "description" and bio is None:
                bio = _paragraphs(value)
        if url is None:
            url = element.get("data-url")
        key = (name, bio, url, element.get("data-id"))
        author = self.known.get(key)
        if author is None:
            try:
                author = Author(name=name, bio=bio or "", url=url, id=key[3])
            except ValidationError as error:
                raise _fail(str(error), element) from None
            self.known[key] = author
        return author


def _read_article(article: etree._Element, limits: ThreadLimits) -> Article:
    version = article.get("data-threadkit")
    if version != VERSION:
        raise _fail(
            f"unsupported threadkit HTML version {version!r} (expected {VERSION!r})", article
        )
    people = _People()
    fields: dict[str, object] = {}
    authors: list[Author] = []
    tags: list[str] = []
    for prop, element in _properties(article, skip_class="tk-comments"):
        if prop == "headline":
            fields.setdefault("title", _plain(element))
        elif prop == "alternativeHeadline":
            fields.setdefault("subtitle", _plain(element))
        elif prop == "articleBody":
            fields.setdefault("body", _paragraphs(element))
        elif prop == "author":
            authors.append(people.read(element))
        elif prop == "datePublished":
            fields.setdefault("published", _moment(element))
        elif prop == "url":
            fields.setdefault("url", element.get("href"))
        elif prop == "publisher":
            for inner, value in _properties(element):
                if inner == "name":
                    fields.setdefault("site", _plain(value))
                    break
        elif prop == "keywords":
            tags.append(_plain(element))
    if "title" not in fields:
        raise _fail("the threadkit article has no headline (itemprop=headline)", article)
    if "url" not in fields:
        fields["url"] = article.get("data-url")
    extra = article.get("data-extra")
    if extra is not None:
        fields["extra"] = _extra(article, extra)
    comments = _read_comments(article, people, limits)
    try:
        return Article(authors=tuple(authors), tags=tuple(tags), comments=comments, **fields)  # type: ignore[arg-type]
    except ValidationError as error:
        raise _fail(str(error), article) from None


def _read_comments(
    article: etree._Element, people: _People, limits: ThreadLimits
) -> tuple[Comment, ...]:
    numbers: dict[str, int] = {}
    records: list[dict[str, object]] = []
    parents: list[int] = []
    cards: list[etree._Element] = []
    read_person = people.read
    for card in article.iter("article"):
        if card.get("itemprop") != "comment":
            continue
        index = len(records)
        fields: dict[str, object] = {"text": ""}
        value = card.get("data-id")
        if value is not None:
            fields["id"] = value
        value = card.get("data-url")
        if value is not None:
            fields["url"] = value
        value = card.get("data-extra")
        if value is not None:
            fields["extra"] = _extra(card, value)
        parent = -1
        # The writer makes a card's properties its children: no need to look deeper.
        for element in card:
            prop = element.get("itemprop")
            if prop is None:
                continue
            if prop == "text":
                fields["text"] = _paragraphs(element)
            elif prop == "author":
                fields["author"] = read_person(element)
            elif prop == "dateCreated":
                fields["published"] = _moment(element)
            elif prop == "upvoteCount":
                fields["score"] = _score(element)
            elif prop == "parentItem":
                target = numbers.get(element.get("href") or "")
                if target is None:
                    raise _fail(
                        f"parentItem {element.get('href')!r} names no earlier comment", element
                    )
                parent = target
            elif prop == "dateModified":
                fields["edited"] = _moment(element)
            elif prop == "creativeWorkStatus":
                state = STATES.get(_plain(element))
                if state is None:
                    raise _fail(f"unknown comment state {_plain(element)!r}", element)
                fields["state"] = state
            elif prop == "url":
                fields["url"] = element.get("href")
        # Known only now, so that a card naming itself as its parent (a cycle
        # that would never end) is refused as naming no earlier comment.
        key = card.get("id")
        if key is not None:
            numbers["#" + key] = index
        records.append(fields)
        parents.append(parent)
        cards.append(card)
    breach = thread_breach(parents, *limits)
    if breach is not None:
        line: object = cards[breach[2]].sourceline
        raise breach_error(FORMAT, breach, line if isinstance(line, int) else None)

    def build(index: int, replies: tuple[Comment, ...]) -> Comment:
        try:
            return kept_comment(records[index], replies) or Comment(
                replies=replies,
                **records[index],  # type: ignore[arg-type]
            )
        except ValidationError as error:
            raise _fail(str(error), cards[index]) from None

    return from_parents(parents, build)
