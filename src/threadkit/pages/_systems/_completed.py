"""Rules whose comments need a little more than selectors, given by a function.

Some systems' markup says more than a :class:`~threadkit.pages.Rule` reads:
Drupal's unpublished comments and the "(not verified)" after an anonymous
name, Blogger's placeholder of a deleted comment, the answer a PIXNET
blog's owner writes inside a visitor's comment. A :class:`Completed`
finder runs the system's rule, then hands each comment it found, with the
comment's element, to the system's own function.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from lxml import etree

from threadkit.pages._engine import find
from threadkit.pages._page import Page
from threadkit.pages._rules import Found, Rule, Thread
from threadkit.pages._select import Selector

__all__ = ["Completed"]


@attrs.frozen
class Completed:
    """A rule, then a function that completes each comment from its element."""

    name: str
    rule: Rule
    complete: Callable[[Found, etree._Element, Page], None]
    """Changes a comment in place, given its element and the page."""
    only: Selector | None = None
    """Markup the page must hold before the rule is tried at all."""

    def find(self, page: Page) -> Thread | None:
        """The thread of *page*, each comment completed, or ``None`` for another system."""
        if self.only is not None and not page.select(self.only):
            return None
        thread = find(page, self.rule)
        if thread is None:
            return None
        for comment in thread.comments:
            if comment.element is not None:
                self.complete(comment, comment.element, page)
        return thread
