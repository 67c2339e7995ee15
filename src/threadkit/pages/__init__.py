"""Reading web pages from elsewhere: the article and its comment thread.

The ``html`` format reads threadkit's own pages exactly; any other page is
handed to this package, which extracts the article (title, byline, date,
body) and its comments as a tree. Comment systems are recognised by rules,
tried in turn (:data:`threadkit.pages.SYSTEMS`); a site nobody wrote a rule
for can get one, :class:`Rule`, registered with :func:`register` or passed
to the reader as ``rules=``.

.. versionadded:: 0.1
"""

from __future__ import annotations

from threadkit.pages._page import Page
from threadkit.pages._read import PageReport, read_page, register, registered, unregister
from threadkit.pages._rules import Finder, Found, Rule, Thread
from threadkit.pages._select import Selector
from threadkit.pages._systems import SYSTEMS

__all__ = [
    "SYSTEMS",
    "Finder",
    "Found",
    "Page",
    "PageReport",
    "Rule",
    "Selector",
    "Thread",
    "read_page",
    "register",
    "registered",
    "unregister",
]
