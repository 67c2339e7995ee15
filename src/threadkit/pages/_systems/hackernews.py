"""Hacker News item pages: the story is the article, the comments its thread.

Every comment is a table row whose ``td.default`` cell holds a
``span.comhead`` (the commenter, a link to the comment) and the text
(``.commtext`` since about 2016, ``span.comment`` before). Nothing nests:
a comment's depth is only the width of the spacer image before it, 40
pixels a level (``<img src="s.gif" width="80">`` is depth 3), which newer
pages repeat as ``td.ind[indent=N]``. Dates are relative ("10 hours ago")
and kept as shown in ``extra``, except where the page gives the moment in
``span.age[title]`` (an ISO time in UTC, then seconds since 1970). Hacker
News shows no score on comments; the story's points go to the article's
``extra``. A comment shown as ``[deleted]`` is ``deleted``; ``[dead]``
and ``[flagged]`` ones were killed by moderators or flags: ``removed``,
with whatever text they still show.

Addresses in the page are relative (``item?id=N``); they are made absolute
against the page's address, else, on a page that says it is Hacker News,
against ``https://news.ycombinator.com/``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from lxml import etree

from threadkit.model import Author, CommentState, JSONValue
from threadkit.pages._engine import UI, from_depths, region
from threadkit.pages._fields import clean, count_in, int_in, text_of, unix_date
from threadkit.pages._page import Page, all_text, classes, line, resolve
from threadkit.pages._rules import Found, Thread
from threadkit.pages._select import Selector, pick

__all__ = ["FINDER", "HackerNews"]

_HOME = "https://news.ycombinator.com/"
_HN_PAGE = Selector("table#hnmain, .hnname")
_COMMENTS = Selector("td.default")
_HEAD = Selector("span.comhead, .comhead")
_TEXT = Selector(".commtext, span.comment, div.comment")
_COMMTEXT = Selector(".commtext")
_USER = Selector('a.hnuser, a[href^="user?id="]')
_ITEM = Selector('a[href^="item?id="]')
_AGE = Selector("span.age")
_SPACER = Selector('img[src$="s.gif"]')
_SUBTEXT = Selector("td.subtext")
_STORY_LINK = Selector("span.titleline > a, td.title > a")
_SCORE = Selector("span.score")
_TOPTEXT = Selector("div.toptext")
_NOT_TEXT = Selector(".reply, .comhead, .navs, .togg")
_ITEM_ID = re.compile(r"item\?id=(\d+)")
_MARKS = re.compile(r"\[(dead|flagged|deleted)\]")


class HackerNews:
    """The finder of Hacker News item pages."""

    name = "hackernews"

    def find(self, page: Page) -> Thread | None:
        """The story and its comments, or ``None`` on any other page."""
        candidates = page.select(_COMMENTS)
        stories = page.select(_SUBTEXT)
        story = stories[0] if stories else None
        if not candidates and story is None:
            return None
        known = _says_hacker_news(page)
        cells = [cell for cell in candidates if _is_comment(cell, known)]
        if not cells and not known:
            return None
        base = page.base or (_HOME if known else None)
        focus: Found | None = None
        if story is None and cells and _in_fatitem(cells[0]):
            # A comment's own page: that comment, at the top, is what the
            # others answer; it is the article, they are its thread.
            focus = _comment(cells.pop(0), page, base)
        comments = [_comment(cell, page, base) for cell in cells]
        levels = [_level(cell) for cell in cells]
        for comment, parent in zip(comments, from_depths(levels), strict=True):
            comment.parent = parent
        thread = Thread(rule=self.name, comments=comments, region=region(cells), article=focus)
        if story is not None:
            thread.article, thread.title = _story(story, page, base)
            stated = [count_in(link) for link in _ITEM.all(story)]
            counts = [count for count in stated if count is not None]
            if counts:
                thread.stated_count = counts[-1]
            elif "discuss" in (line(all_text(story)) or ""):
                thread.stated_count = 0  # a story nobody answered yet says "discuss"
        return thread


FINDER = HackerNews()
"""The Hacker News finder."""


def _says_hacker_news(page: Page) -> bool:
    # Its layout table, its name in the header, or its title. Only then are
    # its relative addresses taken for news.ycombinator.com's, and a story
    # without comments read: other Arc forums share the comment markup.
    if page.select(_HN_PAGE):
        return True
    title = page.root.find(".//title")
    return title is not None and (line(all_text(title)) or "").endswith("Hacker News")


def _is_comment(cell: etree._Element, known: bool) -> bool:
    # A comment's head, or its text in the class only Hacker News uses; the
    # older "comment" class is trusted on a page that says it is Hacker News.
    if _HEAD.first(cell) is not None or _COMMTEXT.first(cell) is not None:
        return True
    return known and pick(_TEXT, cell) is not None


def _in_fatitem(cell: etree._Element) -> bool:
    return any("fatitem" in classes(table) for table in cell.iterancestors("table"))


def _level(cell: etree._Element) -> int | None:
    # The row holding the comment's cells: its indentation cell says the depth.
    row = cell.getparent()
    if row is None:
        return None
    for sibling in row:
        indent = sibling.get("indent")
        if indent is not None and indent.strip().isdigit():
            return int(indent) + 1
        if sibling is cell:
            break
        for spacer in _SPACER.all(sibling):
            width = int_in(spacer.get("width"))
            if width is not None and width >= 0:
                return width // 40 + 1
    return None


def _moment(age: etree._Element) -> datetime | None:
    # "2024-01-02T03:04:05 1704164645": an ISO time in UTC, then the same in
    # seconds since 1970 (newer pages give only the first part).
    parts = (age.get("title") or "").split()
    for part in reversed(parts):
        moment = unix_date(part)
        if moment is not None:
            return moment
    if parts:
        try:
            moment = datetime.fromisoformat(parts[0].removesuffix("Z"))
        except ValueError:
            return None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return None


def _dates(head: etree._Element, found: Found, extra: dict[str, JSONValue]) -> None:
    age = _AGE.first(head)
    if age is not None:
        found.published = _moment(age)
    link = _ITEM.first(age if age is not None else head)
    when = line(all_text(link)) if link is not None else None
    if found.published is None and when:
        # A relative time, "10 hours ago": from when the page was saved,
        # which the page does not say. Kept as shown, never guessed.
        extra["published_text"] = clean(when)


def _user(head: etree._Element, base: str | None) -> Author | None:
    user = _USER.first(head)
    if user is None:
        return None
    name = line(clean(all_text(user)))
    url = resolve(user.get("href"), base)
    if name is None and url is None:
        return None
    return Author(name=name, url=url)


def _comment(cell: etree._Element, page: Page, base: str | None) -> Found:
    found = Found(element=cell)
    extra: dict[str, JSONValue] = {}
    head = _HEAD.first(cell)
    if head is not None:
        found.author = _user(head, base)
        _dates(head, found, extra)
        link = _ITEM.first(head)
        match = _ITEM_ID.search(link.get("href") or "") if link is not None else None
        if match is not None:
            found.id = match.group(1)
            found.url = resolve(f"item?id={found.id}", base)
    if found.id is None:
        found.id = _row_id(cell)
        if found.id is not None:
            found.url = resolve(f"item?id={found.id}", base)
    text = pick(_TEXT, cell)
    ignored = set(page.query(_NOT_TEXT, cell)) | set(page.query(UI, cell))
    found.text = text_of(text if text is not None else cell, page, skip=ignored.__contains__)
    marks = set(_MARKS.findall(line(all_text(head)) or "")) if head is not None else set()
    said = found.text.strip()
    if said == "[deleted]" or "deleted" in marks:
        found.state = CommentState.DELETED
        found.text = "" if said == "[deleted]" else found.text
    elif said in ("[dead]", "[flagged]") or marks & {"dead", "flagged"} or _is_dead(text):
        found.state = CommentState.REMOVED
        if said in ("[dead]", "[flagged]"):
            found.text = ""
    for mark in ("dead", "flagged"):
        if mark in marks or said == f"[{mark}]":
            extra[mark] = True
    found.extra = extra
    return found


def _row_id(cell: etree._Element) -> str | None:
    # A comment without a head (deleted ones on older pages): its row's id,
    # or its vote link's ("up_N").
    for ancestor in cell.iterancestors("tr"):
        if "athing" in classes(ancestor) and (ancestor.get("id") or "").isdigit():
            return ancestor.get("id")
    row = cell.getparent()
    if row is not None:
        for link in row.iter("a"):
            identifier = (link.get("id") or "").removeprefix("up_")
            if link.get("id", "").startswith("up_") and identifier.isdigit():
                return identifier
    return None


def _is_dead(text: etree._Element | None) -> bool:
    # Newer pages grey a dead comment's text with the class "cdd".
    return text is not None and "cdd" in classes(text)


def _story(subtext: etree._Element, page: Page, base: str | None) -> tuple[Found, str | None]:
    story = Found(element=subtext)
    extra: dict[str, JSONValue] = {}
    table = next(subtext.iterancestors("table"), None)
    title: str | None = None
    link = _STORY_LINK.first(table) if table is not None else None
    if link is not None:
        title = line(clean(all_text(link)))
        story.url = resolve(link.get("href"), base)
    story.author = _user(subtext, base)
    _dates(subtext, story, extra)
    score = _SCORE.first(subtext)
    if score is not None:
        points = int_in(line(all_text(score)))
        if points is not None:
            extra["points"] = points
        identifier = (score.get("id") or "").removeprefix("score_")
        story.id = identifier or None
    if table is not None:
        body = _toptext(table, subtext)
        if body is not None:
            story.text = text_of(body, page, skip=lambda node: node.tag == "form")
    story.extra = extra
    return story, title


def _toptext(table: etree._Element, subtext: etree._Element) -> etree._Element | None:
    # The text of an Ask HN: div.toptext on newer pages; before, the cell of
    # the first row after the subtext row that holds text and no form.
    found = _TOPTEXT.first(table)
    if found is not None:
        return found
    row = subtext.getparent()
    sibling = row.getnext() if row is not None else None
    while sibling is not None:
        cells = [cell for cell in sibling if cell.tag == "td"]
        if cells:
            cell = cells[-1]
            if cell.find(".//form") is not None or cell.find(".//table") is not None:
                return None
            if line(all_text(cell)):
                return cell
        sibling = sibling.getnext()
    return None
