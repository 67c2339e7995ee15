"""Disqus comments that are in the page itself.

Disqus draws its comments by script, inside an ``<iframe>``; a page saved
from a browser holds only that frame, or an empty ``div#disqus_thread``,
and so no comments (:mod:`threadkit.pages._script` tells the report so).
Comments are in the page in two cases:

- the WordPress plugin's fallback for readers without JavaScript (and for
  search engines): ``div#dsq-content ul#dsq-comments`` of
  ``li.comment#dsq-comment-N`` with the name in ``cite`` and the text in
  ``.dsq-comment-message``, replies in ``ul.children``, as WordPress's own
  comment walker writes them, so this rule comes before WordPress's;
- Disqus's own markup, in pages saved from the frame or from before 2012,
  when it was drawn into the page: ``li.post`` (``li.dsq-comment``), the
  name in ``.post-byline .author``, the text in ``.post-message``
  (``[data-role=message]``), the date a link titled with the full date and
  showing a relative one ("2 years ago"), likes in ``[data-role=likes]``,
  replies in ``ul.children``.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule

__all__ = ["RULE"]

RULE = Rule(
    name="disqus",
    applies="#dsq-comments, #dsq-content, #post-list, #disqus_thread li.post",
    comments=(
        "#dsq-comments li.comment, #dsq-comments li.post, #dsq-comments li.dsq-comment, "
        "#post-list li.post, #disqus_thread li.post"
    ),
    author=(
        ".post-byline .author, .post-byline [data-role=username], .dsq-comment-header cite, "
        ".dsq-author-user, cite"
    ),
    date=(
        ".post-meta a.time-ago, [data-role=relative-time], .dsq-comment-header-time, "
        ".post-meta time, time"
    ),
    text=(
        ".post-message, [data-role=message], .dsq-comment-message, .dsq-comment-body, "
        "[data-role=post-content] .post-body-inner"
    ),
    score="[data-role=likes]",
    replies=".children, [data-role=children]",
    depth=r"(?:^|\s)depth-(\d+)(?:\s|$)",
    ignore=(
        ".post-menu, .post-meta, footer, .dsq-comment-footer, .dsq-comment-header-meta, "
        ".avatar, .indicator, [data-role=blacklist-notice], .realtime"
    ),
    deleted=".deleted",
)
"""The Disqus rule."""
