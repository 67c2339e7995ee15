"""PIXNET (痞客邦), the Taiwanese blog host: its classic comment list.

Each visitor comment is a ``ul.single-post``: ``li.post-info`` (the floor
number, ``span.user-name``, ``span.post-time`` "於 2013/12/28 10:28"),
``li.post-photo``, ``li.post-text`` (starting with an empty
``p#comment-N``). A private comment is a ``ul.single-post.secret`` showing
only the word 悄悄話 ("whisper"): no name, no date, no text, only a floor
number missing from the public ones. It is no comment anyone can read and
is left out; the heading's count ("留言列表 (42)") still counts it, so the
report tells that some comments were not in the page.

The blog's owner answers a comment inside it, in ``li.reply-text`` (the
answer, then "OWNER 於 DATE 回覆"). PIXNET stores that answer as a field of
the visitor's comment, one at most, with no id of its own and no way to
answer it in turn; so it is kept with the comment, in ``extra["reply"]``
(``author``, ``url``, ``published``, ``text``), and the thread has one
comment per visitor comment, as the page's numbering counts them.
"""

from __future__ import annotations

from lxml import etree

from threadkit.model import Extra, JSONValue
from threadkit.pages._fields import author_of, date_of, text_of
from threadkit.pages._page import Page, classes
from threadkit.pages._rules import Found, Rule
from threadkit.pages._systems._completed import Completed

__all__ = ["FINDER", "RULE"]

RULE = Rule(
    name="pixnet",
    applies="ul.single-post > li.post-text",
    comments="ul.single-post:not(.secret)",
    author=".post-info .user-name",
    date=".post-info .post-time",
    text=".post-text",
    id='.post-text [id^="comment-"]',
    ignore=".reply-text, .post-photo, .floor, .homepage",
    count="#comment-title",
)
"""The comment list of PIXNET's classic blog templates."""


def _with_answer(comment: Found, element: etree._Element, page: Page) -> None:
    for part in element.iterchildren("li"):
        if "reply-text" in classes(part):
            comment.extra["reply"] = Extra(_answer(part, page))


def _answer(element: etree._Element, page: Page) -> dict[str, JSONValue]:
    # The answer's text, then a last <p>: "<a>OWNER</a> 於 2014/01/01 20:31 回覆".
    paragraphs = element.findall("p")
    last = paragraphs[-1] if paragraphs else None
    found: dict[str, JSONValue] = {}
    if last is not None:
        link = last.find("a")
        author = author_of(link if link is not None else last, page)
        if author is not None:
            if author.name:
                found["author"] = author.name
            if author.url:
                found["url"] = author.url
        extra: dict[str, JSONValue] = {}
        moment = date_of(last, page, extra)
        if moment is not None:
            found["published"] = moment.isoformat()
    found["text"] = text_of(element, page, skip=lambda node: node is last)
    return found


FINDER = Completed(name="pixnet", rule=RULE, complete=_with_answer)
"""The PIXNET finder, for :data:`~threadkit.pages.SYSTEMS`."""
