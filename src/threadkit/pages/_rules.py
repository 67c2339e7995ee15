"""Rules: how a page holds its comments, told declaratively or by a function.

A :class:`Rule` names the parts of a comment thread with CSS selectors, so a
site threadkit does not know takes about twenty lines to describe; the
built-in comment systems are rules of the same kind (see
:mod:`threadkit.pages._systems`). A rule that needs more than selectors is any
object with a ``name`` and a ``find(page)`` method (:class:`Finder`).
Whatever finds the comments gives a :class:`Thread` of :class:`Found`
comments in document order, each naming its parent by position, from which
the reader builds the article's tree.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Protocol

import attrs
from lxml import etree

from threadkit.model import Author, CommentState, JSONValue
from threadkit.pages._page import Page
from threadkit.pages._select import Selector

__all__ = ["Finder", "Found", "Rule", "Thread"]


@attrs.define(eq=False)
class Found:
    """One comment as a rule found it, before the thread is built.

    .. versionadded:: 0.1
    """

    text: str = ""
    author: Author | None = None
    id: str | None = None
    published: datetime | None = None
    edited: datetime | None = None
    score: int | None = None
    state: CommentState = CommentState.VISIBLE
    url: str | None = None
    extra: dict[str, JSONValue] = attrs.Factory(dict)
    parent: int | None = None
    """The position of the comment this one answers, among the thread's comments."""
    element: etree._Element | None = None
    """Where the comment is in the page, for line numbers in errors."""


@attrs.define(eq=False)
class Thread:
    """What a rule found: the comments, the pingbacks, and where they are.

    .. versionadded:: 0.1
    """

    rule: str
    """The name of the rule that found them."""
    comments: list[Found]
    pingbacks: list[Found] = attrs.Factory(list)
    """Pingbacks and trackbacks: notices of links from elsewhere, not comments."""
    region: etree._Element | None = None
    """The element that holds the thread, left out of the article's body."""
    stated_count: int | None = None
    """How many comments the page says it has, where it says so."""
    article: Found | None = None
    """The post the comments answer, where the page shows it as a post among posts.

    A forum thread's opening post, a Hacker News story, a Stack Exchange
    question: not a comment but the article itself. Its ``text`` is the
    article's body (even when empty: a link story has none), its ``url``
    the article's address (a story's link); its author, date and ``extra``
    fill in what the page's metadata leaves out. ``parent`` is unused.
    """
    title: str | None = None
    """The article's title as the comment system shows it (a story's, a topic's)."""


class Finder(Protocol):
    """Anything that can find a page's comments: a name and a ``find`` method.

    ``find`` returns ``None`` when the page is not one it knows, and a
    :class:`Thread` (whose comments may be empty) when it is.

    .. versionadded:: 0.1
    """

    @property
    def name(self) -> str: ...

    def find(self, page: Page) -> Thread | None: ...


def _selector(value: str | None) -> Selector | None:
    return None if value is None else Selector(value)


def _pattern(value: str | None) -> re.Pattern[str] | None:
    if value is None:
        return None
    pattern = re.compile(value)
    if pattern.groups != 1:
        raise ValueError(f"depth pattern {value!r} must have exactly one group (the depth)")
    return pattern


@attrs.frozen(kw_only=True)
class Rule:
    """Where a page's comments and their parts are, as CSS selectors.

    Only *name* and *comments* are required. Selectors inside a comment
    (*text*, *author*, *date* and the rest) look inside that comment but not
    inside the comments nested in it. How replies are told apart, in the
    order tried: *parent* (an attribute naming the parent's id), *depth* (a
    regular expression over the ``class`` attribute), else nesting: a comment
    inside another comment, or inside a *replies* container that belongs to
    the comment holding it or, failing that, to the comment just before it.

    Example, for a site whose comments are ``<div class="note">`` elements::

        Rule(
            name="example.org",
            applies="body.example-site",
            comments="div.note",
            author=".note-by",
            date="time",
            text=".note-body",
            replies=".note-replies",
        )

    .. versionadded:: 0.1
    """

    name: str
    """What the report calls the rule."""
    comments: str
    """The elements that are comments (one each; pingbacks may be among them)."""
    applies: str | None = None
    """The rule is tried only on pages where this selector matches something."""
    text: str | None = None
    """The comment's text; by default the whole comment less its other parts."""
    author: str | None = None
    """The author's name (a link in it gives the author's address)."""
    date: str | None = None
    """When it was written: a ``<time>``, an attribute or a date in the text."""
    id: str | None = None
    """The element whose ``id`` is the comment's; by default the comment's own."""
    permalink: str | None = None
    """A link to the comment itself."""
    score: str | None = None
    """A number of points, likes or votes."""
    replies: str | None = None
    """Containers of replies (``ul.children``, ``div.indented``)."""
    depth: str | None = None
    """A regular expression with one group, over ``class``: the comment's depth, from 1."""
    parent: str | None = None
    """An attribute of the comment holding the id of the comment it answers."""
    ignore: str | None = None
    """Parts never read as text: reply and report links, vote buttons, avatars."""
    pingbacks: str | None = None
    """Comments that are pingbacks or trackbacks."""
    deleted: str | None = None
    """Comments shown as deleted or removed, kept in their place."""
    count: str | None = None
    """An element saying how many comments there are ("24 comments")."""
    quotes: str | None = None
    """Quotations of other comments that are not ``<blockquote>`` (a forum's quote boxes).

    Their lines start with ``"> "`` in the text, as a ``<blockquote>``'s do.
    """

    _compiled: dict[str, Selector | re.Pattern[str] | None] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        # Compiled at once, so that a selector that is not understood is an
        # error where the rule is written, not when a page is read.
        compiled = self._compiled
        for field in attrs.fields(Rule):
            if field.name in ("name", "depth", "parent", "_compiled"):
                continue
            compiled[field.name] = _selector(getattr(self, field.name))
        compiled["depth"] = _pattern(self.depth)

    def selector(self, part: str) -> Selector | None:
        """The compiled selector of *part* (a field name), or ``None``."""
        found = self._compiled[part]
        assert found is None or isinstance(found, Selector)
        return found

    def depth_pattern(self) -> re.Pattern[str] | None:
        """The compiled *depth* pattern, or ``None``."""
        found = self._compiled["depth"]
        assert found is None or isinstance(found, re.Pattern)
        return found
