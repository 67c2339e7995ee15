"""The comment systems threadkit knows, in the order they are tried.

One module per system or family. A page is offered to each in turn; the
first that finds comments (or pingbacks) gives the thread. Specific systems
come first, the structured-data readers after them, and the general rule,
which looks for repeated comment-like blocks, last.
"""

from __future__ import annotations

from threadkit.pages._rules import Finder, Rule
from threadkit.pages._systems import drupal, wordpress

__all__ = ["SYSTEMS"]

SYSTEMS: tuple[Rule | Finder, ...] = (
    wordpress.RULE,
    wordpress.EPOCH,
    drupal.FINDER,
    wordpress.CALLBACK,
)
"""Every built-in rule, in the order tried."""
