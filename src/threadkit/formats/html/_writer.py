"""The writer: an article as a page, made by filling the templates of ``_templates``."""

from __future__ import annotations

import re
from datetime import datetime

from threadkit.formats.html._templates import (
    ADDRESS,
    ANONYMOUS,
    ANONYMOUS_COMMENTER,
    ARTICLE,
    ARTICLE_END,
    AUTHOR,
    BIO,
    BODY,
    BYLINE,
    BYLINE_END,
    CARD,
    CARD_CLASS,
    CARD_END,
    COMMENTER,
    COMMENTER_PROFILE,
    COMMENTS,
    COMMENTS_END,
    COUNT,
    CREATED,
    DATA_EXTRA,
    DATA_ID,
    DATA_URL,
    EDITED,
    GONE_CLASSES,
    HEADLINE,
    HIDDEN_BIO,
    LANGUAGE,
    META,
    META_SEPARATOR,
    NAME,
    NO_COMMENTS,
    PAGE,
    PAGE_END,
    PARENT,
    PARENT_SHOWN,
    PERMALINK,
    PROFILE,
    PROFILE_END,
    PUBLISHED,
    REPLIES,
    REPLIES_END,
    SCORE,
    SITE,
    STATE,
    STYLESHEET,
    SUBTITLE,
    TAG,
    TAGS,
    VERSION,
    Template,
    escape_attribute,
    escape_text,
    extra_json,
    to_paragraphs,
)
from threadkit.model import Article, Author, Comment, CommentState

DEFAULT_MAX_NESTING = 10

_MAX_NESTING_LIMIT = 100

_SAFE_URL = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
_LANGUAGE = re.compile(LANGUAGE)


def write(
    article: Article,
    *,
    fragment: bool = False,
    max_nesting: int = DEFAULT_MAX_NESTING,
    lang: str = "en",
) -> str:
    """Write *article* as an HTML5 page.

    Args:
        article: The article to write.
        fragment: Write only the ``<article>`` element, for embedding in
            another page (which then styles it; see :data:`STYLESHEET`).
        max_nesting: How many levels of ``<details>`` replies nest before
            the rest of a sub-thread is listed flat, 0 to 100.
        lang: The page's language tag (``<html lang>``).

    .. versionadded:: 0.1
    """
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article, got {type(article).__name__}")
    if type(max_nesting) is not int or not 0 <= max_nesting <= _MAX_NESTING_LIMIT:
        raise ValueError(f"max_nesting must be an int from 0 to {_MAX_NESTING_LIMIT}")
    if not isinstance(lang, str) or not _LANGUAGE.fullmatch(lang):
        raise ValueError(f"lang must be a language tag such as 'en' or 'de-AT', not {lang!r}")
    out: list[str] = []
    if not fragment:
        out.append(PAGE.fill(lang=lang, title=escape_text(article.title), stylesheet=STYLESHEET))
    _write_article(article, out)
    _write_thread(article, out, max_nesting)
    out.append(ARTICLE_END)
    if not fragment:
        out.append(PAGE_END)
    return "".join(out)


def _when(moment: datetime) -> tuple[str, str]:
    # The value of a datetime attribute, and the date and time as shown.
    iso = moment.isoformat()
    offset = iso[-6:]
    zone = "UTC" if offset == "+00:00" else "UTC" + offset
    return iso, f"{iso[:10]} {iso[11:16]} {zone}"


def _is_safe_url(url: str) -> bool:
    return _SAFE_URL.match(url) is not None


def _person(author: Author, profile: Template) -> tuple[str, str]:
    """The attributes of a Person element, and its name, linked when it can be."""
    attributes = ""
    if author.id is not None:
        attributes = DATA_ID.fill(id=escape_attribute(author.id))
    url = author.url
    name = ANONYMOUS if author.name is None else NAME.fill(name=escape_text(author.name))
    if url is not None:
        if _is_safe_url(url):
            name = profile.fill(url=escape_attribute(url)) + name + PROFILE_END
        else:
            attributes += DATA_URL.fill(url=escape_attribute(url))
    return attributes, name


def _commenter(author: Author) -> str:
    attributes, name = _person(author, COMMENTER_PROFILE)
    bio = HIDDEN_BIO.fill(bio=escape_attribute(author.bio)) if author.bio else ""
    return COMMENTER.fill(attributes=attributes, name=name, bio=bio)


def _write_article(article: Article, out: list[str]) -> None:
    """Everything of the article but its comments and the closing tag."""
    attributes = address = ""
    url = article.url
    if url is not None:
        if _is_safe_url(url):
            address = ADDRESS.fill(url=escape_attribute(url), shown=escape_text(url))
        else:
            attributes = DATA_URL.fill(url=escape_attribute(url))
    if article.extra:
        attributes += DATA_EXTRA.fill(extra=escape_attribute(extra_json(article.extra)))
    out.append(ARTICLE.fill(version=VERSION, attributes=attributes))
    if article.site is not None:
        out.append(SITE.fill(site=escape_text(article.site)))
    out.append(HEADLINE.fill(title=escape_text(article.title)))
    if article.subtitle is not None:
        out.append(SUBTITLE.fill(subtitle=escape_text(article.subtitle)))
    if article.authors:
        out.append(BYLINE)
        for author in article.authors:
            attributes, name = _person(author, PROFILE)
            bio = BIO.fill(bio=to_paragraphs(author.bio)) if author.bio else ""
            out.append(AUTHOR.fill(attributes=attributes, name=name, bio=bio))
        out.append(BYLINE_END)
    if article.published is not None or address:
        meta = []
        if article.published is not None:
            iso, shown = _when(article.published)
            meta.append(PUBLISHED.fill(iso=iso, shown=shown))
        if address:
            meta.append(address)
        out.append(META.fill(meta=META_SEPARATOR.join(meta)))
    if article.tags:
        tags = "".join(TAG.fill(tag=escape_text(tag)) for tag in article.tags)
        out.append(TAGS.fill(tags=tags))
    out.append(BODY.fill(body=to_paragraphs(article.body)))


_CLOSE = None


def _write_thread(article: Article, out: list[str], max_nesting: int) -> None:
    total = article.comment_count
    label = "No comments" if total == 0 else "1 comment" if total == 1 else f"{total} comments"
    heading = COUNT.fill(total=total, label=label)
    if not total:
        out.append(NO_COMMENTS.fill(heading=heading))
        return
    out.append(COMMENTS.fill(heading=heading))
    append = out.append
    visible = CommentState.VISIBLE
    # Pre-order without recursion. A stack item is (comment, depth, parent
    # number, parent's name) or _CLOSE, which ends a <details> of replies.
    stack: list[tuple[Comment, int, int, str | None] | None] = [
        (comment, 1, 0, None) for comment in reversed(article.comments)
    ]
    pop = stack.pop
    number = 0
    commenters: dict[int, str] = {}
    while stack:
        item = pop()
        if item is _CLOSE:
            append(REPLIES_END)
            continue
        comment, depth, parent, parent_name = item
        number += 1
        state = comment.state
        attributes = ""
        if comment.id is not None:
            attributes = DATA_ID.fill(id=escape_attribute(comment.id))
        link = ""
        url = comment.url
        if url is not None:
            if _is_safe_url(url):
                link = PERMALINK.fill(url=escape_attribute(url))
            else:
                attributes += DATA_URL.fill(url=escape_attribute(url))
        if comment.extra:
            attributes += DATA_EXTRA.fill(extra=escape_attribute(extra_json(comment.extra)))
        classes = CARD_CLASS if state is visible else GONE_CLASSES.fill(state=state)
        append(CARD.fill(classes=classes, number=number, attributes=attributes))
        if parent:
            # Nested <details> put a reply under its parent up to depth
            # max_nesting + 1; deeper ones sit flat and say whom they answer.
            if depth > max_nesting + 1:
                whom = escape_text(parent_name) if parent_name is not None else f"comment {parent}"
                append(PARENT_SHOWN.fill(parent=parent, whom=whom))
            else:
                append(PARENT.fill(parent=parent))
        author = comment.author
        if author is None:
            head = ANONYMOUS_COMMENTER
        else:
            # Keyed by identity: the article holds every author while it is
            # written, and a thread's commenters are mostly the same few.
            known = commenters.get(id(author))
            if known is None:
                known = commenters[id(author)] = _commenter(author)
            head = known
        if comment.published is not None:
            iso, shown = _when(comment.published)
            head += CREATED.fill(iso=iso, shown=shown)
        if comment.edited is not None:
            iso, shown = _when(comment.edited)
            head += EDITED.fill(iso=iso, shown=shown)
        score = comment.score
        if score is not None:
            head += SCORE.fill(score=score, points="point" if score == 1 else "points")
        if state is not visible:
            head += STATE.fill(state=state)
        append(head + link + CARD_END.fill(text=to_paragraphs(comment.text)))
        replies = comment.replies
        if replies:
            if depth <= max_nesting:
                count = len(replies)
                append(REPLIES.fill(count=count, replies="reply" if count == 1 else "replies"))
                stack.append(_CLOSE)
            name = author.name if author is not None else None
            below = depth + 1
            stack.extend([(reply, below, number, name) for reply in reversed(replies)])
    append(COMMENTS_END)
