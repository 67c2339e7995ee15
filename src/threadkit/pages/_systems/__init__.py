"""The comment systems threadkit knows, in the order they are tried.

One module per system or family. A page is offered to each in turn; the
first that finds comments (or pingbacks, or the post they answer) gives the
thread. Specific systems come first, the structured-data readers after
them, and the general rule, which looks for repeated comment-like blocks,
last. Within the specific systems, a rule whose markup another system's
rule would also match comes before it: Disqus's WordPress plugin writes
WordPress's comment classes, so Disqus is tried before WordPress.
"""

from __future__ import annotations

from threadkit.pages._rules import Finder, Rule
from threadkit.pages._systems import (
    blogger,
    discourse,
    disqus,
    drupal,
    general,
    hackernews,
    microformats,
    phpbb,
    pixnet,
    schemaorg,
    stackexchange,
    vbulletin,
    wordpress,
    xenforo,
)

__all__ = ["SYSTEMS"]

SYSTEMS: tuple[Rule | Finder, ...] = (
    hackernews.FINDER,
    stackexchange.FINDER,
    xenforo.FORUM,
    vbulletin.FORUM,
    phpbb.FORUM,
    discourse.FORUM,
    disqus.RULE,
    wordpress.WPDISCUZ,
    wordpress.RULE,
    wordpress.EPOCH,
    drupal.FINDER,
    pixnet.FINDER,
    blogger.THREADED,
    blogger.CLASSIC,
    # Markup any site may write, so after the systems that write it too.
    wordpress.CALLBACK,
    # Structured data, after every system whose own markup says more.
    schemaorg.FINDER,
    microformats.MF2,
    microformats.HATOM,
    # Repeated comment-like blocks in a comment section: always last.
    general.FINDER,
)
"""Every built-in rule, in the order tried."""
