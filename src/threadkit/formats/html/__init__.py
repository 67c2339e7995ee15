"""HTML: a standalone, readable page with schema.org microdata, read back exactly.

The writer makes a complete HTML5 page (or, with ``fragment=True``, just
its ``<article>`` element): headline, subtitle, byline with biographies,
date, body, then the whole comment thread. Every comment is a schema.org
``Comment`` item of the ``NewsArticle`` (``author``, ``text``,
``dateCreated``, ``dateModified``, ``upvoteCount``, ``creativeWorkStatus``
and ``parentItem``, the comment it replies to), so a microdata extractor
finds every comment and every reply relation.

The thread's structure survives any depth. Each comment is one *card*, an
``<article class="tk-c">`` that holds that comment alone; its replies follow
it inside a ``<details class="tk-replies">`` element, which indents them and
lets a reader fold the sub-thread without JavaScript. Those ``<details>``
nest at most ``max_nesting`` levels (10 unless told): the descendants of a
comment at that depth follow it, in thread order, inside its ``<details>``,
each card with a visible "in reply to" link. So the document is never more
than a few dozen elements deep, whatever the thread; an HTML parser's depth
limit (lxml re-parents elements deeper than 255 levels, browsers stop
indenting long before) never applies, and the reader does not rely on
nesting at all: it follows ``parentItem``.

Nothing in the page comes from user content but text and attribute values,
both escaped. Addresses are written as links only when they are ``http``,
``https`` or ``mailto`` URLs; any other value (``javascript:...``) is kept
in an inert ``data-url`` attribute. Identifiers and ``extra`` go in
``data-id`` and ``data-extra`` (JSON) attributes. White space is kept
exactly in the DOM and shown as written with ``white-space: pre-wrap``.

The reader reads its own pages (marked with ``data-threadkit`` on the
``<article>`` element) exactly: untouched ones with regular expressions
built from the very templates the writer fills, any other with lxml. It
reads schema.org-marked pages from elsewhere (JSON-LD or microdata
``NewsArticle``, ``Article``, ``BlogPosting`` ... with nested or
``parentItem``-linked ``Comment`` items) as well as their markup allows,
see :mod:`threadkit.pages`. It takes ``bytes`` in the charset the page
declares, never touches the network and expands no entities.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from threadkit._gc import collector_paused
from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source, check_options, take
from threadkit.errors import ParseError
from threadkit.formats.html import _canonical, _own, _templates, _writer
from threadkit.formats.html._charset import page_bytes, page_text
from threadkit.formats.html._writer import write
from threadkit.model import Article
from threadkit.pages import Finder, PageReport, Rule, read_page

__all__ = ["DEFAULT_MAX_NESTING", "STYLESHEET", "read", "sniff", "write"]

FORMAT = _templates.FORMAT

VERSION = _templates.VERSION
"""The value of ``data-threadkit`` on the pages this module writes."""

DEFAULT_MAX_NESTING = _writer.DEFAULT_MAX_NESTING
"""How many levels of replies are indented by nesting before the thread goes flat."""

STYLESHEET = _templates.STYLESHEET
"""The built-in stylesheet of written pages; include it when embedding a fragment."""

_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|article)[\s>]", re.IGNORECASE)


def sniff(head: str) -> bool:
    """Whether *head*, the start of a document, looks like an HTML page or a fragment of ours.

    .. versionadded:: 0.1
    """
    try:
        text = head.lstrip("\ufeff \t\n\r\f")
        while text.startswith("<!--"):
            end = text.find("-->", 4)
            if end < 0:
                return False
            text = text[end + 3 :].lstrip(" \t\n\r\f")
        return _SNIFF.match(text) is not None
    except (TypeError, AttributeError):
        return False


# The options every reader takes are spelled out in its signature, as in the
# other formats' faces, for help() and the documentation (the format contract
# in DEVELOPERS.md); the last three are this reader's own.
def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "replace",
    url: str | None = None,
    rules: Iterable[Rule | Finder] = (),
    report: Callable[[PageReport], object] | None = None,
) -> Article:
    """Read an article from an HTML page or fragment.

    Pages written by :func:`write` come back exactly. Other pages are read
    through their schema.org markup (JSON-LD or microdata).

    Args:
        data: The document, as text, bytes or an open file. ``bytes`` are
            decoded in the charset the page declares (byte order mark,
            ``<meta charset>``, ``<meta http-equiv>`` or XML declaration),
            else by the rules every reader shares (see :ref:`encodings`).
        max_bytes: The most input to read (see :ref:`limits`).
        max_depth: The deepest reply allowed.
        max_comments: The most comments allowed.
        encoding: Decode ``bytes`` in this encoding whatever the page says.
        errors: ``"replace"`` (the default for HTML, as in a browser) puts
            U+FFFD in place of bytes that cannot be decoded; ``"strict"``
            raises a :class:`~threadkit.ParseError` naming the byte offset.

    Raises:
        ParseError: The document holds no article: no threadkit markup and
            no schema.org ``Article`` (or subtype) item; or our own markup
            is broken (the message says where).
        LimitError: The document crosses a limit (with the line of the
            comment that crosses it, or the byte offset for ``max_bytes``).

    .. versionadded:: 0.1
    """
    check_options(max_bytes, max_depth, max_comments, errors)
    raw = take(data, format=FORMAT, max_bytes=max_bytes)
    text, utf8 = page_text(raw, encoding, errors)
    limits = (max_depth, max_comments)
    with collector_paused():
        # Three readers in turn, each for what the one before cannot read:
        # a page of ours as written, without building a tree; a page of
        # ours changed since, through lxml; a page from elsewhere.
        article = _canonical.read(text, limits)
        if article is not None:
            return article
        root = _parse_utf8(page_bytes(text, utf8))
        article = _own.read(root, limits)
        if article is not None:
            return article
        return read_page(root, url=url, rules=rules, report=report, limits=limits)


def parse(data: str | bytes, *, encoding: str | None = None) -> etree._Element:
    """Parse *data* with lxml's HTML parser, safely: no network, no entities.

    Returns the root ``<html>`` element. Raises :class:`ParseError` for an
    empty document or bad input.
    """
    return _parse_utf8(page_bytes(*page_text(data, encoding, "replace")))


def _parser() -> etree.HTMLParser:
    # Safe on any page: nothing fetched, no entity expanded. No depth or size
    # limit of libxml2's (the reader bounds the input and the thread itself),
    # and no comments or processing instructions, which are not content. A
    # new parser for every page, as two threads may not share one.
    return etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def _parse_utf8(data: bytes) -> etree._Element:
    if not data.strip():
        raise ParseError("the document is empty", format=FORMAT, line=1)
    try:
        root = etree.fromstring(data, _parser())
    except etree.LxmlError as error:  # pragma: no cover - the HTML parser recovers
        raise ParseError(f"cannot parse the HTML: {error}", format=FORMAT) from None
    if root is None:
        raise ParseError("the document holds no element", format=FORMAT, line=1)
    return root
