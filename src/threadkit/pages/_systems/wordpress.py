"""WordPress: the comment list its themes write with ``wp_list_comments()``.

Every theme that uses WordPress's own comment walker gives each comment
``comment_class()``: ``comment`` (``pingback``, ``trackback``), ``depth-N``
and its ``id="comment-N"`` (or ``li-comment-N`` around ``comment-N``),
whatever elements the theme picked; replies sit in ``.children``. The
classes are what this rule reads, so ``li``, ``div`` and ``article`` themes
alike are found, and the depth class gives the shape even where a theme
flattens the list.
"""

from __future__ import annotations

from threadkit.pages._rules import Rule

__all__ = ["RULE"]

RULE = Rule(
    name="wordpress",
    comments='.comment[class*="depth-"], .pingback[class*="depth-"], .trackback[class*="depth-"]',
    author=".comment-author .fn, .comment-author cite, .fn, .comment-author, .author, .vcard",
    date=(
        ".comment-metadata time, .comment-meta time, time[datetime], .comment-metadata, "
        ".commentmetadata, .comment-date, .comment-time, .comment-meta"
    ),
    text=(
        ".comment-content, .comment-text, .comment_text, .commenttext, .comment-entry, "
        ".comment-body > p"
    ),
    id='[id^="comment-"]',
    replies=".children",
    depth=r"(?:^|\s)depth-(\d+)(?:\s|$)",
    ignore=".says, .comment-awaiting-moderation, .avatar, .comment-reply-title",
    pingbacks=".pingback, .trackback",
    count="#comments-title, .comments-title, #comments h2, #comments h3",
)
