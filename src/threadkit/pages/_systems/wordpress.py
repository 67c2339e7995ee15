"""WordPress: the comment list its themes write with ``wp_list_comments()``.

Every theme that uses WordPress's own comment walker gives each comment
``comment_class()``: ``comment`` (``pingback``, ``trackback``), ``depth-N``
and its ``id="comment-N"`` (or ``li-comment-N`` around ``comment-N``),
whatever elements the theme picked; replies sit in ``.children``. The
classes are what this rule reads, so ``li``, ``div`` and ``article`` themes
alike are found, and the depth class gives the shape even where a theme
flattens the list.

Two variants follow it. Themes with their own comment callback that drop
``comment_class()`` keep WordPress's ids (``li-comment-N`` around
``comment-N``, the convention of the default themes' callbacks) and its
reply links: :data:`CALLBACK` reads those, on WordPress pages only. The
Epoch plugin writes its own markup, ``div#comment-N[data-comment-id]``
holding ``article.epoch-comment-body`` and the replies in ``div.epoch-child``:
:data:`EPOCH`. The wpDiscuz plugin nests ``.wpd-comment`` (``.wc-comment``
before version 7) and names the parts its own way: :data:`WPDISCUZ`.
"""

from __future__ import annotations

import attrs

from threadkit.pages._rules import Rule

__all__ = ["CALLBACK", "EPOCH", "RULE", "WPDISCUZ"]

# wpDiscuz, the most used comment plugin, keeps comment_class() but names
# the parts its own way (wpd-comment-author, -date, -text). Old themes
# (Kubrick and its descendants) put the name in a bare <cite> ("<cite>Anna
# </cite> says:"); only a <cite> at the top of the comment's parts is the
# name, not one quoting a source inside the text.
_AUTHOR = (
    ".comment-author .fn, .comment-author cite, .fn, .comment-author, .wpd-comment-author, "
    ".comment_author, .author, .vcard, "
    ".commenttext > cite, .comment-text > cite, .comment-body > cite, .comment-meta cite, "
    # Last, whatever a theme calls its author part ("w-comments-item-author").
    '[class*="-author"]'
)
_DATE = (
    ".comment-metadata time, .comment-meta time, time[datetime], .comment-metadata, "
    ".commentmetadata, .comment-date, .comment_date, .wpd-comment-date, .comment-time, "
    ".comment_time, .comment-meta, .date, "
    '[class*="-date"], [class*="-time"]'
)
# Without one of these (WordPress's own markup puts the paragraphs straight
# into div.comment-body), the text is the comment less its other parts.
_TEXT = (
    ".comment-content, .comment-text, .comment_text, .commenttext, .comment-entry, "
    ".wpd-comment-text, .entry-content, "
    '[class*="-text"]'
)
_IGNORE = (
    ".says, .comment-awaiting-moderation, .avatar, .comment-reply-title, .wpd-comment-footer, "
    ".wpd-comment-label, .wpd-comment-left, .wpd-comment-share"
)
_COUNT = "#comments-title, .comments-title, #comments h2, #comments h3"
_DEPTH = r"(?:^|\s)depth-(\d+)(?:\s|$)"

RULE = Rule(
    name="wordpress",
    comments='.comment[class*="depth-"], .pingback[class*="depth-"], .trackback[class*="depth-"]',
    author=_AUTHOR,
    date=_DATE,
    text=_TEXT,
    id='[id^="comment-"]',
    replies=".children",
    depth=_DEPTH,
    ignore=_IGNORE,
    pingbacks=".pingback, .trackback",
    count=_COUNT,
)
"""Themes that use ``comment_class()``: nearly all of them."""

# The same parts as RULE, on the elements that keep WordPress's ids, and
# only on WordPress pages: without the classes, "li.comment" alone is any site's.
CALLBACK = attrs.evolve(
    RULE,
    # WordPress's own scripts and reply form, which every theme keeps.
    applies=(
        'script[src*="/wp-includes/"], link[href*="/wp-content/"], script[src*="/wp-content/"], '
        'form[action*="wp-comments-post.php"], a.comment-reply-link, '
        'meta[name="generator"][content^="WordPress"]'
    ),
    comments='li[id^="li-comment-"], li.comment[id^="comment-"], div.comment[id^="comment-"]',
    # The pingback classes come from comment_class(), which these themes leave out.
    pingbacks=None,
)
"""Themes whose comment callback leaves out ``comment_class()`` but keeps the ids."""

# The plugins' rules are written out in full, as every system's is: their
# selectors name the plugins' own classes, none of WordPress's.
EPOCH = Rule(
    name="wordpress-epoch",
    applies="#epoch-comments, .epoch-wrapper",
    comments='div[id^="comment-"][data-comment-id]',
    # A commenter without a website is plain text beside the date's link.
    author=".epoch-author-link, .epoch-comment-author",
    date=".epoch-comment-link time, .epoch-comment-meta time, .epoch-comment-link",
    text=".epoch-comment-content",
    permalink=".epoch-comment-link",
    replies=".epoch-child",
    ignore=".epoch-comment-actions, .epoch-divide, .epoch-comment-author-avatar",
    count="#epoch-count",
)
"""The Epoch comments plugin."""

WPDISCUZ = Rule(
    name="wordpress-wpdiscuz",
    applies="#wpdcom, #wc_comm_wrap, .wpd-comment, .wc-comment",
    # Version 7 and later (wpd-), and the versions before it (wc-).
    comments=".wpd-comment, .wc-comment",
    author=".wpd-comment-author, .wc-comment-author",
    date=".wpd-comment-date, .wc-comment-date",
    text=".wpd-comment-text, .wc-comment-text",
    id='[id^="comment-"]',
    depth=r"(?:^|\s)(?:wpd|wc)_comment_level-(\d+)(?:\s|$)",
    ignore=(
        ".wpd-comment-footer, .wc-comment-footer, .wpd-comment-left, .wc-comment-left, "
        ".wpd-comment-label, .wc-comment-label, .wpd-comment-share, .wc-comment-link"
    ),
)
"""The wpDiscuz plugin, whose own markup names the parts."""
