"""The comment systems threadkit knows, in the order they are tried.

One module per system or family. A page is offered to each in turn; the
first that finds comments (or pingbacks) gives the thread. Specific systems
come first, the structured-data readers after them, and the general rule,
which looks for repeated comment-like blocks, last.
"""

from __future__ import annotations

from threadkit.pages._rules import Finder, Rule
from threadkit.pages._systems import blogger, drupal, general, microformats, pixnet, wordpress

__all__ = ["SYSTEMS"]

SYSTEMS: tuple[Rule | Finder, ...] = (
    wordpress.WPDISCUZ,
    wordpress.RULE,
    wordpress.EPOCH,
    drupal.FINDER,
    pixnet.FINDER,
    blogger.THREADED,
    blogger.CLASSIC,
    # Markup any site may write, so after the systems that write it too.
    wordpress.CALLBACK,
    microformats.MF2,
    microformats.HATOM,
    general.FINDER,
)
"""Every built-in rule, in the order tried."""
