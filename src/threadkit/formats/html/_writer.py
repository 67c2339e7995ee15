"""The writer: an article as a page of HTML5 with schema.org microdata."""

from __future__ import annotations

import json
import re
from datetime import datetime

from threadkit.formats.html._templates import STYLESHEET, VERSION
from threadkit.model import Article, Author, Comment, CommentState, Extra

DEFAULT_MAX_NESTING = 10

_MAX_NESTING_LIMIT = 100

_SCHEMA = "https://schema.org/"

_SAFE_URL = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


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
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise ValueError(f"lang must be a language tag such as 'en' or 'de-AT', not {lang!r}")
    out: list[str] = []
    if not fragment:
        out.append(
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="threadkit">\n'
            f"<title>{_text(article.title)}</title>\n<style>\n{STYLESHEET}</style>\n"
            "</head>\n<body>\n"
        )
    _write_article(article, out, max_nesting)
    if not fragment:
        out.append("</body>\n</html>\n")
    return "".join(out)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _paragraphs(text: str) -> str:
    # A text field has no line break at either end and never three in a row,
    # so "\n\n" is exactly a paragraph break and any other "\n" a line break.
    if not text:
        return ""
    return "<p>" + _text(text).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def _extra(extra: Extra) -> str:
    if not extra:
        return ""
    data = json.dumps(extra.thaw(), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f' data-extra="{_attr(data)}"'


def _when(moment: datetime) -> tuple[str, str]:
    iso = moment.isoformat()
    offset = iso[-6:]
    zone = "UTC" if offset == "+00:00" else "UTC" + offset
    return iso, f"{iso[:10]} {iso[11:16]} {zone}"


def _is_safe_url(url: str) -> bool:
    return _SAFE_URL.match(url) is not None


def _person(author: Author, tag: str, css: str, *, visible_bio: bool, rel: str) -> str:
    attrs = ""
    if author.id is not None:
        attrs += f' data-id="{_attr(author.id)}"'
    link = author.url is not None and _is_safe_url(author.url)
    if author.url is not None and not link:
        attrs += f' data-url="{_attr(author.url)}"'
    if author.name is not None:
        label = f'<span itemprop="name">{_text(author.name)}</span>'
    else:
        label = '<span class="tk-anon">anonymous</span>'
    if link:
        assert author.url is not None
        label = f'<a itemprop="url" href="{_attr(author.url)}"{rel}>{label}</a>'
    if author.bio:
        if visible_bio:
            label = (
                f'<p class="tk-name">{label}</p>\n'
                f'<div class="tk-bio" itemprop="description">{_paragraphs(author.bio)}</div>'
            )
        else:
            label += f'<meta itemprop="description" content="{_attr(author.bio)}">'
    elif visible_bio:
        label = f'<p class="tk-name">{label}</p>'
    return (
        f'<{tag} class="{css}" itemprop="author" itemscope'
        f' itemtype="{_SCHEMA}Person"{attrs}>{label}</{tag}>'
    )


def _write_article(article: Article, out: list[str], max_nesting: int) -> None:
    attrs = f' data-threadkit="{VERSION}"'
    url_line = ""
    if article.url is not None:
        if _is_safe_url(article.url):
            url_line = f'<a itemprop="url" href="{_attr(article.url)}">{_text(article.url)}</a>'
        else:
            attrs += f' data-url="{_attr(article.url)}"'
    out.append(
        f'<article class="tk-article" itemscope itemtype="{_SCHEMA}NewsArticle"'
        f"{attrs}{_extra(article.extra)}>\n<header>\n"
    )
    if article.site is not None:
        out.append(
            f'<p class="tk-site" itemprop="publisher" itemscope itemtype="{_SCHEMA}Organization">'
            f'<span itemprop="name">{_text(article.site)}</span></p>\n'
        )
    out.append(f'<h1 itemprop="headline">{_text(article.title)}</h1>\n')
    if article.subtitle is not None:
        out.append(
            f'<p class="tk-subtitle" itemprop="alternativeHeadline">{_text(article.subtitle)}</p>\n'
        )
    if article.authors:
        out.append('<div class="tk-byline">\n')
        for author in article.authors:
            out.append(_person(author, "div", "tk-author", visible_bio=True, rel=""))
            out.append("\n")
        out.append("</div>\n")
    if article.published is not None or url_line:
        meta = []
        if article.published is not None:
            iso, shown = _when(article.published)
            meta.append(f'<time itemprop="datePublished" datetime="{iso}">{shown}</time>')
        if url_line:
            meta.append(url_line)
        out.append(f'<p class="tk-meta">{" · ".join(meta)}</p>\n')
    if article.tags:
        items = "".join(f'<li itemprop="keywords">{_text(tag)}</li>' for tag in article.tags)
        out.append(f'<ul class="tk-tags">{items}</ul>\n')
    out.append("</header>\n")
    out.append(f'<div class="tk-body" itemprop="articleBody">{_paragraphs(article.body)}</div>\n')
    _write_thread(article, out, max_nesting)
    out.append("</article>\n")


_CLOSE = None


def _write_thread(article: Article, out: list[str], max_nesting: int) -> None:
    total = article.comment_count
    label = "No comments" if total == 0 else "1 comment" if total == 1 else f"{total} comments"
    heading = f'<h2><data itemprop="commentCount" value="{total}">{label}</data></h2>'
    if not total:
        out.append(f'<section class="tk-comments">\n{heading}\n</section>\n')
        return
    out.append(
        f'<section class="tk-comments">\n<details class="tk-all" open>'
        f'<summary>{heading}</summary>\n<div class="tk-thread">\n'
    )
    append = out.append
    comment_type = f'{_SCHEMA}Comment"'
    # Pre-order without recursion. A stack item is (comment, depth, parent
    # number, parent's name) or _CLOSE, which ends a <details> of replies.
    stack: list[tuple[Comment, int, int, str | None] | None] = [
        (comment, 1, 0, None) for comment in reversed(article.comments)
    ]
    pop = stack.pop
    number = 0
    while stack:
        item = pop()
        if item is _CLOSE:
            append("</details>\n")
            continue
        comment, depth, parent, parent_name = item
        number += 1
        css = (
            "tk-c" if comment.state is CommentState.VISIBLE else f"tk-c tk-gone tk-{comment.state}"
        )
        attrs = ""
        if comment.id is not None:
            attrs = f' data-id="{_attr(comment.id)}"'
        link = ""
        if comment.url is not None:
            if _is_safe_url(comment.url):
                link = (
                    f' <a class="tk-link" itemprop="url" href="{_attr(comment.url)}"'
                    ' rel="nofollow ugc">link</a>'
                )
            else:
                attrs += f' data-url="{_attr(comment.url)}"'
        if comment.extra:
            attrs += _extra(comment.extra)
        append(
            f'<article class="{css}" id="tk-c{number}" itemprop="comment" itemscope'
            f' itemtype="{comment_type} itemid="#tk-c{number}"{attrs}>\n'
        )
        if parent:
            # Nested <details> put a reply under its parent up to depth
            # max_nesting + 1; deeper ones sit flat and say whom they answer.
            if depth > max_nesting + 1:
                whom = _text(parent_name) if parent_name is not None else f"comment {parent}"
                append(
                    f'<a class="tk-re" itemprop="parentItem" href="#tk-c{parent}">'
                    f"↳ in reply to {whom}</a>\n"
                )
            else:
                append(f'<link itemprop="parentItem" href="#tk-c{parent}">\n')
        author = comment.author
        if author is not None:
            head = _person(author, "span", "tk-who", visible_bio=False, rel=' rel="nofollow ugc"')
        else:
            head = '<span class="tk-who tk-anon">anonymous</span>'
        if comment.published is not None:
            iso, shown = _when(comment.published)
            head += f' <time itemprop="dateCreated" datetime="{iso}">{shown}</time>'
        if comment.edited is not None:
            iso, shown = _when(comment.edited)
            head += (
                f' <time class="tk-edited" itemprop="dateModified" datetime="{iso}">{shown}</time>'
            )
        if comment.score is not None:
            score = comment.score
            head += (
                f' <data class="tk-score" itemprop="upvoteCount" value="{score}">'
                f"{score} point{'' if score == 1 else 's'}</data>"
            )
        if comment.state is not CommentState.VISIBLE:
            head += f' <span class="tk-state" itemprop="creativeWorkStatus">{comment.state}</span>'
        append(
            f"{head}{link}\n"
            f'<div class="tk-text" itemprop="text">{_paragraphs(comment.text)}</div>\n'
            "</article>\n"
        )
        replies = comment.replies
        if replies:
            if depth <= max_nesting:
                count = len(replies)
                append(
                    '<details class="tk-replies" open><summary>'
                    f"{count} {'reply' if count == 1 else 'replies'}</summary>\n"
                )
                stack.append(_CLOSE)
            name = author.name if author is not None else None
            below = depth + 1
            stack.extend([(reply, below, number, name) for reply in reversed(replies)])
    out.append("</div>\n</details>\n</section>\n")
