"""Drupal: the comment module's markup, from Drupal 6 to Drupal 10.

Drupal's core writes every comment through one template, whatever the
theme: Drupal 6 and 7 a ``div.comment`` (``article.comment`` in HTML5
themes) after an empty ``<a id="comment-N">`` anchor, Drupal 8 and later an
``article.comment.js-comment`` carrying ``data-comment-user-id`` and its own
``id``. Classes say whose it is (``comment-by-anonymous``,
``comment-by-node-author``, ``by-anonymous``) and whether it is published
(``comment-unpublished``, ``unpublished``: waiting for approval). The thread
is never a list: core wraps each comment's replies in a ``div.indented`` that
follows the comment, nested once per level.

A theme words the "submitted" line as it likes ("Submitted by Anna on
21/04/2020", "Anna | Di, 21. April 2020 - 16:40", "Par Anna, le 15 mai
2019"); where no element holds the name, the byline is cut down to it (see
:mod:`threadkit.pages._byline`). RDFa (``foaf:name``, ``dc:date``,
``schema:dateCreated``, ``content:encoded``, ``schema:text``) is read first
where the theme kept it. The comment's subject, when it is not the start of
the text, is kept in ``extra["title"]``.
"""

from __future__ import annotations

import re

from lxml import etree

from threadkit.model import CommentState
from threadkit.pages._page import Page, all_text, classes, line
from threadkit.pages._rules import Found, Rule
from threadkit.pages._select import Selector
from threadkit.pages._systems._completed import Completed

__all__ = ["FINDER", "RULE"]

RULE = Rule(
    name="drupal",
    comments=(
        'article.comment, div.comment, [typeof~="sioct:Comment"], [typeof="schema:Comment"], '
        "article.js-comment"
    ),
    author=(
        '.username, [property~="foaf:name"], [rel~="sioc:has_creator"], .comment__author, '
        ".comment-author, .author, .submitted, .comment__submitted, .meta, .metas, footer, "
        "header"
    ),
    date=(
        '[property~="dc:date"], [property~="schema:dateCreated"], [itemprop~="dateCreated"], '
        '[itemprop~="datePublished"], time, .comment__time, .submitted, .comment__submitted, '
        ".meta, .metas, .comment-date, .date, .comment-posted, .posted, footer, header"
    ),
    text=(
        '[property="schema:text"], [property="content:encoded"], .field-name-comment-body, '
        ".field--name-comment-body, .field-comment-body, .comment__content, "
        ".comment-content .content, .content, .comment-body, .comment-content"
    ),
    permalink="a.permalink, .permalink a, a.comment__permalink",
    replies=".indented",
    # ul.links holds reply, edit and delete; span.new marks comments the
    # reader has not seen; the expanding formatter adds "…" and a toggle.
    ignore=(
        "ul.links, .links.inline, .new, .user-picture, .comment__picture, "
        ".expanding-formatter-ellipsis, .expanding-formatter-trigger"
    ),
    count=".comment-count, .comments__count, .comments-count, .comments__title",
)
"""The comment markup Drupal's core templates write."""

# Markup only Drupal writes: its reply links, the comment's RDFa "about",
# the Drupal 8 data attribute, the author classes and Drupal's settings.
_DRUPAL = Selector(
    'a[href*="/comment/reply/"], [about^="/comment/"], [data-comment-user-id], '
    ".comment-by-anonymous, .comment-by-node-author, .comment-by-viewer, .by-anonymous, "
    '[data-drupal-selector], script[data-drupal-selector="drupal-settings-json"], '
    'meta[name="Generator"][content^="Drupal"], meta[name="generator"][content^="Drupal"]'
)
_COMMENTS = Selector(RULE.comments)
_SUBJECT = Selector(
    '[property="schema:name"], h3.title, h3.comment__title, .comment-title, h3 a.permalink, '
    "h3, .titre, .title"
)
_NAME = Selector('.username, .name, .author, [property~="foaf:name"], .comment__author')
_UNPUBLISHED = {"comment-unpublished", "unpublished", "comment--unpublished"}
# What Drupal 7 adds to the name of an anonymous commenter who gave one.
_NOT_VERIFIED = re.compile(
    r"\s*\((?:not verified|nicht überprüft|nicht verifiziert|non vérifié|no verificado|"
    r"non verificato|não verificado|niet geverifieerd|niezweryfikowany)\)\s*$",
    re.IGNORECASE,
)


def _complete(comment: Found, element: etree._Element, page: Page) -> None:
    # What Drupal's classes and templates say beyond the rule's selectors.
    if _UNPUBLISHED & set(classes(element)):
        comment.state = CommentState.PENDING
    author = comment.author
    if author is not None and author.name:
        name = _NOT_VERIFIED.sub("", author.name) or None
        if name != author.name:
            comment.author = type(author)(name=name, url=author.url)
    named = comment.author.name if comment.author is not None else None
    subject = _subject(element, comment.text, named)
    if subject is not None:
        comment.extra["title"] = subject


def _subject(element: etree._Element, text: str, author: str | None) -> str | None:
    # The subject a commenter gave; Drupal makes one from the text's first
    # words when none was given, which is no title.
    for found in _SUBJECT.preferred(element):
        # Only the comment's own subject, not one of a reply nested in it.
        owner = next((a for a in found.iterancestors() if _COMMENTS.matches(a)), None)
        if owner is not element:
            continue
        # Themes that put the name in a heading (<h3 class="name">) give no subject.
        if _NAME.first(found) is not None or _NAME.matches(found):
            continue
        title = line(all_text(found))
        if title is not None and title == author:
            continue
        if title is None:
            return None
        stem = title.rstrip(".…").strip()
        if stem and " ".join(text.split()).startswith(stem):
            return None
        return title
    return None


FINDER = Completed(name="drupal", rule=RULE, complete=_complete, only=_DRUPAL)
"""The Drupal finder, for :data:`~threadkit.pages.SYSTEMS`."""
