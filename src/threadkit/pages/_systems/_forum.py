"""What forums share: the thread's first post is the article, not a comment.

A forum thread page lists posts one after another, the opening post first;
the replies answer it, as a news article's comments answer the article. A
:class:`Forum` runs the declarative rules of one forum software in turn and,
when the first post found is the thread's opening post, takes it out of the
comments and gives it as :attr:`~threadkit.pages.Thread.article`. On the
second page of a thread the first post shown is a reply like the others,
so the post's number ("#1") is read where the software shows one, and the
page's own place in the thread (a ``rel="prev"`` link, the pagination's
current page) where it does not.
"""

from __future__ import annotations

import attrs
from lxml import etree

from threadkit.pages._engine import find
from threadkit.pages._fields import int_in
from threadkit.pages._page import Page, all_text, line
from threadkit.pages._rules import Found, Rule, Thread
from threadkit.pages._select import Selector

__all__ = ["Forum", "later_page", "take_opening"]

# The pagination's current page, in the markup of the common forum packages
# (XenForo 2 and 1, vBulletin 4 and 3, phpBB 3.1+ and 3.0, Discourse's
# crawler view, and ARIA's own marker).
_CURRENT_PAGE = Selector(
    ".pageNav-page--current, .PageNav a.currentPage, .pagination .selected, "
    ".pagination li.active, .pagination .current, .pagenav .alt2, "
    "[aria-current=page], .pagination strong"
)


def later_page(page: Page) -> bool:
    """Whether *page* is a thread's second page or later, as far as it says."""
    head = page.head()
    for link in (head if head is not None else page.root).iter("link"):
        if "prev" in (link.get("rel") or "").lower().split():
            return True
    found = page.select(_CURRENT_PAGE)
    current = found[0] if found else None
    if current is not None:
        number = int_in(line(all_text(current)))
        return number is not None and number > 1
    return False


def post_number(element: etree._Element, selector: Selector | None) -> int | None:
    """The number a forum shows on a post ("#1", ``name="1"``), or ``None``.

    Args:
        element: The post.
        selector: Where the post shows its number; the first match that
            holds one, in the order the selector's alternatives are written,
            gives it (a ``data-post-number`` or ``name`` attribute, else the
            first number in its text).
    """
    if selector is None:
        return None
    for found in selector.preferred(element):
        for value in (found.get("data-post-number"), found.get("name")):
            if value and value.strip().isdigit():
                return int(value.strip())
        number = int_in(line(all_text(found)))
        if number is not None:
            return number
    return None


def take_opening(thread: Thread, *, opening: bool) -> Thread:
    """*thread* with its first comment as the article when *opening* says it is the first post.

    The comments after it keep their order; those that answered it (in a
    forum that threads, which few do) become top-level comments. When the
    first post is not the opening one (a thread's later page), the article's
    text is not in the page: the article is an empty post, so that no other
    block of the page is taken for its body.

    Args:
        thread: What a forum's rule found, every post a comment.
        opening: Whether the first post found is the thread's first post.

    Returns:
        The same thread, changed in place.
    """
    if not thread.comments:
        return thread
    if not opening:
        thread.article = Found(text="")
        return thread
    first, rest = thread.comments[0], thread.comments[1:]
    for comment in rest:
        parent = comment.parent
        comment.parent = None if parent is None or parent == 0 else parent - 1
    # The post's own link points into the thread; the article's address is
    # the thread's, which the page's metadata gives.
    first.parent = None
    first.url = None
    thread.comments = rest
    thread.article = first
    return thread


@attrs.frozen
class Forum:
    """A forum package's rules, whose page's first post is the article.

    The rules are tried in turn (one per version of the package's markup);
    the first that finds posts gives the thread.
    """

    name: str
    rules: tuple[Rule, ...]
    number: str | None = None
    """Where a post shows its number in the thread ("#1"), if it does."""
    flat: bool = True
    """Whether posts never answer one another in the page's shape.

    Forums list posts one after another, and a post that quotes another is
    not its reply; a page whose markup nests posts by mistake (an unclosed
    element) must not make a chain of replies of them.
    """
    _number: Selector | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Compiled once, when the forum is described.
        compiled = Selector(self.number) if self.number else None
        object.__setattr__(self, "_number", compiled)

    def find(self, page: Page) -> Thread | None:
        """The thread of *page*, opening post apart, or ``None`` for another package."""
        for rule in self.rules:
            thread = find(page, rule)
            if thread is None or not thread.comments:
                continue
            thread.rule = self.name
            if self.flat:
                for comment in thread.comments:
                    comment.parent = None
            return take_opening(thread, opening=self.is_opening(page, thread.comments[0]))
        return None

    def is_opening(self, page: Page, first: Found) -> bool:
        """Whether *first*, the first post on *page*, opened the thread."""
        element = first.element
        number = post_number(element, self._number) if element is not None else None
        if number is not None:
            return number == 1
        return not later_page(page)
