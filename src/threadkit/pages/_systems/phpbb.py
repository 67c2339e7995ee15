"""phpBB 3 forums (the prosilver style): a topic's posts, the first one the article.

Each post is ``<div class="post" id="pN">``: the name in
``dl.postprofile .username`` (``.username-coloured`` for a team member),
the date in ``p.author`` (a ``<time>`` since phpBB 3.2, text before:
"Sun May 05, 2019 10:11 am"), the text in ``.postbody .content``. Quotes
are ``<blockquote>`` elements with a ``<cite>`` naming who wrote them (the
subsilver2 style's ``.quotecontent`` is read as one too); the cite's link
back to the quoted post, signatures, notices and buttons are not the text.
prosilver gives ``<body id="phpbb">``, which the rule needs before it looks
at ``div.post``, a class many sites use.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule
from threadkit.pages._systems._forum import Forum

__all__ = ["FORUM"]

PHPBB = Rule(
    name="phpbb",
    applies="body#phpbb, #phpbb, dl.postprofile",
    comments='div.post[id^="p"]',
    author=(
        ".postprofile .username, .postprofile .username-coloured, .postprofile dt a, "
        "p.author .username, p.author .username-coloured, p.author strong"
    ),
    date="p.author time, .author time, p.author",
    text=".postbody .content, .content",
    permalink='p.author a[href*="#p"], .postbody h3 a',
    ignore=(
        ".signature, .notice, .post-buttons, .back2top, .postprofile, .inline-attachment dd, "
        ".rules, cite a[data-post-id]"
    ),
    quotes=".quotecontent",
    deleted=".post.deleted",
)

FORUM = Forum(name="phpbb", rules=(PHPBB,))
"""The phpBB finder."""
