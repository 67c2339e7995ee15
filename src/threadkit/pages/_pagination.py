"""The other pages of a thread shown a page at a time ("?cpage=2", "older comments").

Blogs split long threads over comment pages: WordPress links them as
``?cpage=2`` or ``/comment-page-2/``, other systems as ``?page=2`` in a
navigation block named for the comments. A page holds one of them; the
reader tells which others it links, so a caller can fetch them and put the
thread together with :func:`threadkit.tree.graft`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urlsplit, urlunsplit

import attrs
from lxml import etree

from threadkit.pages._page import Page, all_text, classes, resolve

__all__ = ["CommentPages", "comment_pages"]

# A link's address names a comment page outright: WordPress's two forms, and
# the spellings other systems give the same query parameter.
_COMMENT_PAGE = re.compile(
    r"[?&;](?:cpage|comments?[-_]?page|commentpage)=(?P<query>\d{1,6})(?=[&;#]|$)"
    r"|/comment-page-(?P<path>\d{1,6})(?=[/?#]|$)",
    re.IGNORECASE,
)
# A page number in the general forms, trusted only inside a navigation
# block named for the comments (elsewhere it pages the site's article list).
_ANY_PAGE = re.compile(
    r"[?&;](?:page|pg|p)=(?P<query>\d{1,6})(?=[&;#]|$)|/page[-/](?P<path>\d{1,6})(?=[/?#]|$)",
    re.IGNORECASE,
)
# A class or id token that names a navigation block of the comments.
_NAVIGATION = re.compile(
    r"comments?[-_]?(?:nav|navigation|pagination|pager|pages|paging|links)"
    r"|(?:nav|navigation|pagination|pager|paging)[-_]?comments?",
    re.IGNORECASE,
)
# How far up from a link the navigation block and the comment around it are
# looked for: both sit a few levels above, and the bound keeps a page nested
# 100,000 deep from costing a walk to the root for every link.
_REACH = 32
# At most this many links are judged: a thread has a handful of pages, and a
# page made of links to them must not cost more than reading it.
_MAX_LINKS = 256
# A link to one comment ("#comment-17305"), on whichever page it is.
_PERMALINK = re.compile(r"#(?:li-|div-)?comment-?\d+$|#c\d+$", re.IGNORECASE)
# The class of the current page in a list of pages: "current", "pager-current".
_MARKED = re.compile(r"(?:^|[-_])(?:current|active)$", re.IGNORECASE)
# The name of the section that holds a thread with its heading, form and pager.
_SECTION = re.compile(
    r"comments?|comments?[-_](?:area|wrapper|section|container|block|box|holder)|comment_section",
    re.IGNORECASE,
)
_WHOLE = frozenset(("html", "body", "main", "article"))
_DIGITS = re.compile(r"[0-9]{1,6}")
# What a link's address must hold to be worth judging at all.
_HINT = re.compile(r"page|p=|pg=", re.IGNORECASE)


@attrs.frozen
class CommentPages:
    """This page's number in its thread and the other pages it links, by number."""

    current: int | None
    others: tuple[tuple[int, str], ...]


def comment_pages(
    page: Page,
    comments: Collection[etree._Element],
    region: etree._Element | None = None,
    url: str | None = None,
) -> CommentPages:
    """The thread's other comment pages that *page* links, and its own number.

    Links inside a comment (*comments*) are permalinks, not navigation; a
    page number in the general forms counts inside a block named for the
    comments' navigation, or inside the thread's *region* or the block
    around it. The page's own number is read from *url*, the address it was
    fetched from, else from its stated address. A
    page's own number comes from its address; where the address has none
    (the article's plain address shows one of the pages) it is the one
    number the navigation skips, as a list of pages shows the current one as
    text rather than as a link.
    """
    # The address the page was fetched from names its page better than the
    # canonical one, which WordPress gives every comment page alike.
    own = _number(url or "", _COMMENT_PAGE) or _number(page.url or "", _COMMENT_PAGE)
    here = _plain(page.url) if page.url else None
    # (the number in the address, the number shown, the address) of each link
    links: list[tuple[int, int | None, str]] = []
    navigation: etree._Element | None = None
    judged = 0
    thread = _around(region)
    for link in page.root.iter("a"):
        href = (link.get("href") or "").strip()
        if not _HINT.search(href) or _PERMALINK.search(href):
            continue
        judged += 1
        if judged > _MAX_LINKS:
            break
        ancestors = _ancestors(link)
        if any(ancestor in comments for ancestor in ancestors):
            continue
        block = _navigation(ancestors, thread)
        number = _number(href, _COMMENT_PAGE)
        if number is None and block is not None:
            number = _number(href, _ANY_PAGE)
        if number is None:
            continue
        address = resolve(href, page.base) if page.base else href
        if address is None or (here is not None and _plain(address) != here):
            continue
        shown = all_text(link).strip()
        links.append((number, int(shown) if _DIGITS.fullmatch(shown) else None, address))
        navigation = navigation if navigation is not None else block
    # Some systems count from 0 in the address (Drupal's "?page=1" is the
    # page shown as 2): the numbers shown decide, where links show them.
    shifts = [shown - number for number, shown, _ in links if shown is not None]
    shift = max(set(shifts), key=shifts.count) if shifts else 0
    current = None if own is None else own + shift
    found: dict[int, str] = {}
    for number, _, address in links:
        number += shift
        if number > 0 and number != current:
            found.setdefault(number, address.split("#", 1)[0])
    if current is None and found:
        current = _shown(navigation, found)
    return CommentPages(current, tuple(sorted(found.items())))


def _shown(navigation: etree._Element | None, found: Collection[int]) -> int:
    """The number of the page the navigation shows as current, else the one it skips."""
    if navigation is not None:
        # A list of pages shows the current one as text, marked as current.
        for element in navigation.iter(etree.Element):
            marked = element.get("aria-current") == "page" or any(
                _MARKED.search(name) for name in classes(element)
            )
            text = all_text(element).strip() if marked else ""
            if _DIGITS.fullmatch(text) and int(text) not in found:
                return int(text)
    return next(number for number in range(1, max(found) + 2) if number not in found)


def _around(region: etree._Element | None) -> set[etree._Element]:
    """The thread's region and the blocks around it, where a pager sits beside the list.

    Up to the nearest block named as the comments' section (``#comments``,
    ``.comments-area``); where none is, the block just around the region.
    Never the whole page or the whole post, whose pagers page other things.
    """
    if region is None:
        return set()
    blocks: set[etree._Element] = set()
    element: etree._Element | None = region
    while element is not None and element.tag not in _WHOLE and len(blocks) < _REACH:
        blocks.add(element)
        if element is not region and any(_SECTION.fullmatch(name) for name in _names(element)):
            return blocks
        element = element.getparent()
    outer = region.getparent()
    return {region} if outer is None or outer.tag in _WHOLE else {region, outer}


def _names(element: etree._Element) -> list[str]:
    return [*classes(element), *filter(None, [element.get("id")])]


def _number(address: str, pattern: re.Pattern[str]) -> int | None:
    match = pattern.search(address)
    if match is None:
        return None
    return int(match.group("query") or match.group("path"))


def _plain(address: str) -> str:
    """*address* without its page number, query or fragment: the article it pages."""
    parts = urlsplit(address)
    path = _COMMENT_PAGE.sub("", parts.path)
    path = _ANY_PAGE.sub("", path).rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def _ancestors(element: etree._Element) -> list[etree._Element]:
    found = []
    for ancestor in element.iterancestors():
        found.append(ancestor)
        if len(found) >= _REACH:
            break
    return found


def _navigation(
    ancestors: list[etree._Element], thread: Collection[etree._Element]
) -> etree._Element | None:
    """The nearest of *ancestors* named as the comments' navigation, or holding the thread."""
    for ancestor in ancestors:
        if ancestor in thread:
            return ancestor
        if any(_NAVIGATION.search(name) for name in _names(ancestor)):
            return ancestor
    return None
