"""Discourse forums, as they serve pages without JavaScript.

Discourse renders topics in the browser, but serves every topic as plain
HTML too: to crawlers, and inside ``<noscript>`` for everyone. There each
post is ``div.topic-body.crawler-post`` (``id="post_N"``; replies also
``[itemprop=comment]``): the author in ``.creator`` (``itemprop=name``),
the date a ``time.post-time`` with ``datetime``, the text in ``div.post``,
the likes in ``.post-likes`` ("3 Likes"), the post's number in
``[itemprop=position]``. A page saved after the script ran has
``div.topic-post`` posts holding ``article[data-post-id]``: the author in
``.names .username``, the date in ``.post-date [data-time]`` (milliseconds
since 1970), the text in ``.cooked``. Quotations are ``aside.quote`` boxes
around a ``<blockquote>``. Replies are listed in time order, not threaded.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule
from threadkit.pages._systems._forum import Forum

__all__ = ["FORUM"]

_IGNORE = (
    ".crawler-post-meta, .post-menu-area, .topic-map, .post-links-container, "
    ".cooked-selection-barrier, .quote-controls, .topic-meta-data, .post-controls, "
    ".small-action, .post-notice"
)

# One rule per view (the crawler's, the page after the script ran), each written
# out in full: they share the field names, hardly a selector.
CRAWLER = Rule(
    name="discourse",
    comments="div.crawler-post, div.topic-body[itemprop=comment]",
    author=".creator [itemprop=name], .creator a, .creator",
    date="time.post-time, .crawler-post-infos time, [itemprop=datePublished]",
    text=".post[itemprop], div.post, .cooked",
    score=".post-likes",
    ignore=_IGNORE,
    quotes="aside.quote",
)

RENDERED = Rule(
    name="discourse",
    applies="div.topic-post .cooked",
    comments="div.topic-post",
    author=".names .username a, .names .first a, .names .username, .names a",
    date=".post-info .post-date [data-time], .post-date, .relative-date",
    text=".cooked",
    id="article[id]",
    score=".post-controls .like-count, .like-count",
    ignore=_IGNORE,
    quotes="aside.quote",
)

FORUM = Forum(
    name="discourse",
    rules=(CRAWLER, RENDERED),
    number="[itemprop=position], [data-post-number]",
)
"""The Discourse finder."""
