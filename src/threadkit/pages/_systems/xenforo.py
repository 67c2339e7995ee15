"""XenForo forums, versions 2 and 1: a thread's posts, the first one the article.

XenForo 2 writes each post as ``<article class="message message--post"
data-author="NAME" data-content="post-N">``: the name in
``.message-name .username``, the date in ``.message-attribution`` as a
``<time>`` with ``datetime`` and ``data-time``, the text in
``.message-body .bbWrapper``, the post's number ("#1") in
``.message-attribution-opposite``. XenForo 1 writes ``<li class="message"
data-author="NAME" id="post-N">`` with the text in
``blockquote.messageText`` (the whole post, not a quotation), the date an
``abbr.DateTime`` or ``span.DateTime`` in ``.messageMeta``, the number in
``a.postNumber``. Both quote other posts in ``.bbCodeBlock`` boxes, which
stay quotations; posts are flat, never threaded.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule
from threadkit.pages._systems._forum import Forum

__all__ = ["FORUM"]

_IGNORE = (
    ".message-signature, .js-selectToQuoteEnd, .bbCodeBlock-expandLink, .quoteExpand, "
    ".message-lastEdit, .messageNotices, .editDate, .baseHtml.signature, .likesSummary, "
    ".reactionsBar, .message-attribution-opposite, .message-userExtras, .userTitle"
)

# One rule per version of the markup, each written out in full: they share
# the field names, hardly a selector, and each reads beside the markup it describes.
XENFORO_2 = Rule(
    name="xenforo",
    comments="article.message[data-author], article.message[data-content^=post-]",
    author=".message-name .username, .message-userDetails .username, .message-name",
    date=".message-attribution-main time, .message-attribution time, time.u-dt",
    text=".message-body .bbWrapper, .message-body, .message-content",
    id='[id^="post-"]',
    permalink='.message-attribution-opposite a[href*="post-"], .message-attribution-main a',
    ignore=_IGNORE,
    quotes=".bbCodeBlock--quote",
    deleted=".message--deleted",
)

XENFORO_1 = Rule(
    name="xenforo",
    comments='li.message[data-author], li.message[id^="post-"]',
    author=".messageUserInfo .username, .userText .username, .authorEnd .username",
    date=".messageMeta .DateTime, .datePermalink .DateTime, .DateTime",
    text="blockquote.messageText, .messageText, .messageContent",
    permalink="a.datePermalink, a.postNumber",
    ignore=_IGNORE,
    quotes=".bbCodeQuote, .bbCodeBlock",
    deleted=".deleted",
)

FORUM = Forum(
    name="xenforo",
    rules=(XENFORO_2, XENFORO_1),
    number=".message-attribution-opposite li, a.postNumber",
)
"""The XenForo finder."""
