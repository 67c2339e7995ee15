"""vBulletin forums, versions 5, 4 and 3: a thread's posts, the first one the article.

vBulletin 4 writes each post as ``<li class="postcontainer" id="post_N">``:
the name in ``.userinfo .username``, the date in ``.postdate`` ("05-12-2013,
10:11 AM", or "Today" and "Yesterday", kept as shown), the text in
``div#post_message_N`` (a ``blockquote.postcontent``, which is the post and
not a quotation), the post's number in ``a.postcounter``. vBulletin 3 uses
a ``table#postN`` per post: ``a.bigusername``, the date in the first
``td.thead``, the text in ``div#post_message_N``, the number in
``a#postcountN`` (its ``name``). vBulletin 5 writes ``li.b-post`` with
``.js-post__content-text`` and a ``<time>``. Quotations are
``.bbcode_quote`` boxes (vBulletin 4 and 5) and, in vBulletin 3, a ``div``
styled ``margin:20px`` around a "Quote:" label and a table cell.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule
from threadkit.pages._systems._forum import Forum

__all__ = ["FORUM"]

_IGNORE = (
    ".signaturecontainer, .signature, .after_content, .postfoot, .postfoot_container, "
    ".lastedited, .reputationpopupmenu"
)

# One rule per version of the markup, each written out in full: they share
# the field names, hardly a selector, and each reads beside the markup it describes.
VBULLETIN_4 = Rule(
    name="vbulletin",
    comments=(
        'li.postcontainer[id^="post_"], li.postbitlegacy[id^="post_"], li.postbit[id^="post_"]'
    ),
    author=".userinfo .username, .username_container .username, .username",
    date=".posthead .postdate .date, .posthead .date, .postdate",
    text='blockquote.postcontent, div[id^="post_message_"], .postbody .content',
    permalink="a.postcounter",
    ignore=_IGNORE,
    quotes=".bbcode_quote",
)

VBULLETIN_3 = Rule(
    name="vbulletin",
    comments='table.tborder[id^="post"]',
    author='a.bigusername, div[id^="postmenu_"]',
    date="td.thead",
    text='div[id^="post_message_"]',
    permalink='a[id^="postcount"]',
    ignore=_IGNORE,
    quotes='div[style^="margin:20px"], div[style^="margin: 20px"]',
)

VBULLETIN_5 = Rule(
    name="vbulletin",
    comments="li.b-post[data-node-id]",
    author=".b-userinfo__details .author, .b-post__author, .author",
    date=".b-post__timestamp time, .b-post__timestamp, time",
    text=".js-post__content-text, .b-post__content",
    permalink=".b-post__count",
    ignore=_IGNORE + ", .b-post__footer, .b-post__signature",
    quotes=".bbcode_quote",
)

FORUM = Forum(
    name="vbulletin",
    rules=(VBULLETIN_4, VBULLETIN_3, VBULLETIN_5),
    number='a.postcounter, a[id^="postcount"], .b-post__count',
)
"""The vBulletin finder."""
