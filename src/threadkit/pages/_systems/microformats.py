"""Microformats: comments marked up as ``h-cite``/``h-entry`` or as hAtom entries.

IndieWeb sites (and the webmention plugins of many CMSs) mark each comment
up with microformats2: an ``h-cite`` (or ``h-entry``) that is the
``p-comment`` or ``u-comment`` property of the post, with a ``p-author``
``h-card``, a ``dt-published`` date, an ``e-content`` or ``p-content``
text and a ``u-url`` permalink. A comment answering another is that
comment's own ``p-comment``, nested inside it. Likes, reposts and
bookmarks (``p-like``, ``u-repost-of``...) are reactions, not comments, and
are left out. :data:`MF2` reads these.

Older themes use microformats1's hAtom: each comment an ``hentry`` with a
``vcard`` author (``fn``), an ``abbr.published`` or ``.published`` date and
an ``entry-content``. Posts are ``hentry`` too, so only entries inside a
comment list count. :data:`HATOM` reads these.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule

__all__ = ["HATOM", "MF2"]

# One rule per vocabulary, each written out in full: they share the field
# names, hardly a selector, and each reads beside the markup it describes.
MF2 = Rule(
    name="microformats",
    applies=".h-cite, .h-entry",
    comments=(
        ".p-comment.h-cite, .u-comment.h-cite, .p-comment.h-entry, .u-comment.h-entry, "
        ".p-comments.h-cite, .p-comments.h-entry"
    ),
    author=".p-author .p-name, .p-author, .u-author .p-name, .u-author, .h-card .p-name, .h-card",
    date=".dt-published, .dt-updated, time",
    # p-name is left out: in an h-cite it is as often the author's name as the text.
    text=".e-content, .p-content, .p-summary",
    permalink=".u-url, .u-uid",
    replies=".p-comments, .comments",
    ignore=".u-photo, .u-in-reply-to, .p-like, .u-like-of, .u-repost-of, .u-bookmark-of",
)
"""Comments as microformats2 ``h-cite`` or ``h-entry`` properties of the post."""

HATOM = Rule(
    name="microformats",
    applies=".hentry",
    comments=(
        "#comments .hentry, .comments .hentry, .commentlist .hentry, .comment-list .hentry, "
        "#comment-list .hentry"
    ),
    author=".author .fn, .vcard .fn, .fn, .author, .vcard",
    date="abbr.published, .published, .updated, time",
    text=".entry-content, .entry-summary",
    permalink='[rel~="bookmark"]',
    replies=".children, .replies",
    ignore=".photo, .avatar",
)
"""Comments as hAtom entries inside a comment list."""
