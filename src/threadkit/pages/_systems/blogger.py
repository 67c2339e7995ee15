"""Blogger (Blogspot): its threaded comments and its classic comment list.

Threaded templates (2012 on, and every theme since) render each comment as
``li.comment#cN`` inside ``.comment-thread``: ``.comment-block`` holds the
``.comment-header`` (``cite.user``, ``.datetime`` with the permalink),
``.comment-content`` and ``.comment-actions``; the replies follow in
``.comment-replies``, each reply thread an ``.inline-thread``.
:data:`THREADED` reads them.

Classic templates list the comments in ``dl#comments-block``, three
siblings per comment and no element around them: ``dt.comment-author``
("Anna said..."), ``dd.comment-body`` and ``dd.comment-footer`` (or, older,
``dd.comment-timestamp``) with the permalink and date. :data:`CLASSIC`
groups them. Those lists are flat.

A comment deleted by its author or an administrator keeps its place with
``span.deleted-comment`` ("This comment has been removed by the author.")
in place of its text: its state says which, its text is empty.
"""

from __future__ import annotations

from lxml import etree

from threadkit._html_text import element_text
from threadkit.model import Author, CommentState, JSONValue
from threadkit.pages._byline import byline_name
from threadkit.pages._engine import UI, gone
from threadkit.pages._fields import clean, count_in, date_of, text_of
from threadkit.pages._page import Page, all_text, classes, line, resolve
from threadkit.pages._rules import Found, Rule, Thread
from threadkit.pages._select import Selector
from threadkit.pages._systems._completed import Completed

__all__ = ["CLASSIC", "THREADED", "THREADED_RULE"]

THREADED_RULE = Rule(
    name="blogger",
    applies=".comment-thread li.comment, .comments .comment-thread",
    comments=".comment-thread li.comment",
    author=".comment-header cite.user, .comment-header .user, .comment-header cite",
    date=".comment-header .datetime, .datetime",
    text=".comment-content",
    permalink=".comment-header .datetime a, .datetime a",
    replies=".comment-replies",
    ignore=(
        ".comment-actions, .thread-toggle, .continue, .comment-replybox-single, "
        ".comment-replybox-thread, .loadmore, .avatar-image-container, .icon, .item-control"
    ),
    count="#comments > h4, #comments > h3, .comments > h4, .comments > h3",
)
"""The threaded comments of Blogger's current templates."""

_DELETED = Selector(".deleted-comment")
_AVATAR = Selector(".avatar-image-container, img")


def _deleted(found: Found, element: etree._Element) -> None:
    # Blogger marks the placeholder, in every language, with one class.
    marker = _DELETED.first(element)
    if marker is None:
        return
    state = gone(line(all_text(marker)) or "")
    found.state = state if state is not None else CommentState.DELETED
    found.text = ""


def _tell_deleted(comment: Found, element: etree._Element, page: Page) -> None:
    # The comment's own block, not the replies nested after it.
    block = next((c for c in element if "comment-block" in classes(c)), element)
    _deleted(comment, block)


class _Classic:
    """Blogger's classic ``dl#comments-block``: a ``dt`` and its ``dd`` siblings per comment."""

    name = "blogger"

    def find(self, page: Page) -> Thread | None:
        block = page.root.find(".//dl[@id='comments-block']")
        if block is None:
            return None
        comments: list[Found] = []
        for child in block.iterchildren("dt", "dd"):
            if child.tag == "dt":
                comments.append(_header(child, page))
            elif child.tag == "dd" and comments:
                _part(comments[-1], child, page)
        thread = Thread(rule=self.name, comments=comments, region=block)
        counter = page.root.find(".//*[@id='comments']/h4")
        if counter is not None:
            thread.stated_count = count_in(counter)
        return thread


def _header(element: etree._Element, page: Page) -> Found:
    # "<a name='c123'></a> [avatar] <a href=profile>Anna</a> said..."
    found = Found(element=element)
    identifier = element.get("id")
    if identifier is None:
        anchor = element.find(".//a[@name]")
        identifier = anchor.get("name") if anchor is not None else None
    found.id = line(identifier)
    skipped = set(UI.all(element)) | set(_AVATAR.all(element))
    shown = line(clean(element_text(element, skip=lambda node: node in skipped, links=False)))
    name = byline_name(shown) if shown is not None else None
    link = next(
        (a for a in element.iterfind(".//a[@href]") if not (set(a.iterancestors()) & skipped)),
        None,
    )
    url = resolve(link.get("href"), page.base) if link is not None else None
    if name is not None or url is not None:
        found.author = Author(name=name, url=url)
    if found.id is not None and page.url is not None:
        found.url = page.url.split("#", 1)[0] + "#" + found.id
    return found


def _part(found: Found, element: etree._Element, page: Page) -> None:
    names = classes(element)
    if "comment-body" in names:
        controls = set(UI.all(element))
        found.text = text_of(element, page, skip=lambda node: node in controls)
        _deleted(found, element)
        state = gone(found.text)
        if state is not None:
            found.state, found.text = state, ""
        return
    if "comment-footer" in names or "comment-timestamp" in names:
        extra: dict[str, JSONValue] = {}
        stamp = element.find(".//*[@class='comment-timestamp']")
        found.published = date_of(stamp if stamp is not None else element, page, extra)
        found.extra.update(extra)
        link = element.find(".//a[@href]")
        if link is not None:
            found.url = resolve(link.get("href"), page.base) or found.url


THREADED = Completed(name="blogger", rule=THREADED_RULE, complete=_tell_deleted)
"""The finder for Blogger's threaded comments."""

CLASSIC = _Classic()
"""The finder for Blogger's classic comment list."""
