"""HTML: a standalone, readable page with schema.org microdata, read back exactly.

The writer makes a complete HTML5 page (or, with ``fragment=True``, just
its ``<article>`` element): headline, subtitle, byline with biographies,
date, body, then the whole comment thread. Every comment is a schema.org
``Comment`` item of the ``NewsArticle`` (``author``, ``text``,
``dateCreated``, ``dateModified``, ``upvoteCount``, ``creativeWorkStatus``
and ``parentItem``, the comment it replies to), so a microdata extractor
finds every comment and every reply relation.

The thread's structure survives any depth. Each comment is one *card*, an
``<article class="tk-c">`` that holds that comment alone; its replies follow
it inside a ``<details class="tk-replies">`` element, which indents them and
lets a reader fold the sub-thread without JavaScript. Those ``<details>``
nest at most ``max_nesting`` levels (10 unless told): the descendants of a
comment at that depth follow it, in thread order, inside its ``<details>``,
each card with a visible "in reply to" link. So the document is never more
than a few dozen elements deep, whatever the thread; an HTML parser's depth
limit (lxml re-parents elements deeper than 255 levels, browsers stop
indenting long before) never applies, and the reader does not rely on
nesting at all: it follows ``parentItem``.

Nothing in the page comes from user content but text and attribute values,
both escaped. Addresses are written as links only when they are ``http``,
``https`` or ``mailto`` URLs; any other value (``javascript:...``) is kept
in an inert ``data-url`` attribute. Identifiers and ``extra`` go in
``data-id`` and ``data-extra`` (JSON) attributes. White space is kept
exactly in the DOM and shown as written with ``white-space: pre-wrap``.

The reader reads its own pages (marked with ``data-threadkit`` on the
``<article>`` element) exactly: untouched ones with regular expressions that
follow the writer's markup (:mod:`threadkit.formats._html_canonical`), any
other with lxml. It reads schema.org-marked pages from elsewhere
(JSON-LD or microdata ``NewsArticle``, ``Article``, ``BlogPosting`` ... with
nested or ``parentItem``-linked ``Comment`` items) as well as their markup
allows, see :mod:`threadkit.pages`. It takes ``bytes`` in the
charset the page declares, never touches the network and expands no
entities.

.. versionadded:: 0.1
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import cast

from lxml import etree

from threadkit._forest import from_parents
from threadkit._gc import collector_paused
from threadkit._io import (
    MAX_BYTES,
    MAX_COMMENTS,
    MAX_DEPTH,
    Errors,
    Source,
    ThreadLimits,
    breach_error,
    check_options,
    codec,
    take,
    thread_breach,
    undecodable,
)
from threadkit._io import decode as shared_decode
from threadkit._model import kept_comment
from threadkit._values import STATES, shared_zone
from threadkit.errors import ParseError, ValidationError
from threadkit.model import (
    Article,
    Author,
    Comment,
    CommentState,
    Extra,
)
from threadkit.pages import Finder, PageReport, Rule, read_page

__all__ = ["DEFAULT_MAX_NESTING", "STYLESHEET", "read", "sniff", "write"]

FORMAT = "html"
VERSION = "1"
"""The value of ``data-threadkit`` on the pages this module writes."""

DEFAULT_MAX_NESTING = 10
"""How many levels of replies are indented by nesting before the thread goes flat."""

_MAX_NESTING_LIMIT = 100

_SCHEMA = "https://schema.org/"

STYLESHEET = """\
:root{color-scheme:light dark;--tk-indent:clamp(.6rem,3vw,1.5rem);--tk-line:#8886}
*,::before,::after{box-sizing:border-box}
body{margin:0;padding:1rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.tk-article{max-width:44rem;margin:0 auto}
.tk-article :is(h1,p,li,[itemprop=name]){white-space:pre-wrap;overflow-wrap:anywhere}
.tk-article h1{font-size:clamp(1.6rem,6vw,2.4rem);line-height:1.15;margin:.2em 0}
.tk-site{margin:0;font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;opacity:.75}
.tk-subtitle{margin:0 0 1rem;font-size:1.2rem;opacity:.8}
.tk-byline{margin:1rem 0}
.tk-author{margin:.3rem 0}
.tk-author>p{margin:0;font-weight:600}
.tk-bio{font-size:.9rem;opacity:.8}
.tk-bio p{margin:.15rem 0}
.tk-meta{font-size:.9rem;opacity:.8}
.tk-tags{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0;padding:0;list-style:none}
.tk-tags li{padding:0 .6rem;border:1px solid var(--tk-line);border-radius:1rem;font-size:.85rem}
.tk-comments{margin-top:2rem;border-top:1px solid var(--tk-line)}
.tk-comments h2{display:inline;font-size:1.3rem}
.tk-comments summary{cursor:pointer}
.tk-c{margin:.7rem 0 0;padding:.1rem 0 .1rem .7rem;border-left:3px solid var(--tk-line)}
.tk-c>:not(.tk-text){margin-right:.5rem;font-size:.85rem;opacity:.85}
.tk-who{font-weight:600}
.tk-edited::before{content:"edited "}
.tk-state{font-weight:700;text-transform:uppercase;color:#c33}
.tk-gone .tk-text{opacity:.6}
.tk-text p{margin:.25rem 0}
.tk-re{display:block;font-size:.8rem}
.tk-replies{margin-left:var(--tk-indent)}
.tk-replies>summary{margin-top:.3rem;font-size:.8rem;opacity:.7}
"""
"""The built-in stylesheet of written pages; include it when embedding a fragment."""

# -- writing ----------------------------------------------------------------------

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


# -- reading ----------------------------------------------------------------------

_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|article)[\s>]", re.IGNORECASE)


def sniff(head: str) -> bool:
    """Whether *head*, the start of a document, looks like an HTML page or a fragment of ours.

    .. versionadded:: 0.1
    """
    try:
        text = head.lstrip("\ufeff \t\n\r\f")
        while text.startswith("<!--"):
            end = text.find("-->", 4)
            if end < 0:
                return False
            text = text[end + 3 :].lstrip(" \t\n\r\f")
        return _SNIFF.match(text) is not None
    except (TypeError, AttributeError):
        return False


def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "replace",
    url: str | None = None,
    rules: Iterable[Rule | Finder] = (),
    report: Callable[[PageReport], object] | None = None,
) -> Article:
    """Read an article from an HTML page or fragment.

    Pages written by :func:`write` come back exactly. Other pages are read
    through their schema.org markup (JSON-LD or microdata).

    Args:
        data: The document, as text, bytes or an open file. ``bytes`` are
            decoded in the charset the page declares (byte order mark,
            ``<meta charset>``, ``<meta http-equiv>`` or XML declaration),
            else by the rules every reader shares (see :ref:`encodings`).
        max_bytes: The most input to read (see :ref:`limits`).
        max_depth: The deepest reply allowed.
        max_comments: The most comments allowed.
        encoding: Decode ``bytes`` in this encoding whatever the page says.
        errors: ``"replace"`` (the default for HTML, as in a browser) puts
            U+FFFD in place of bytes that cannot be decoded; ``"strict"``
            raises a :class:`~threadkit.ParseError` naming the byte offset.

    Raises:
        ParseError: The document holds no article: no threadkit markup and
            no schema.org ``Article`` (or subtype) item; or our own markup
            is broken (the message says where).
        LimitError: The document crosses a limit (with the line of the
            comment that crosses it, or the byte offset for ``max_bytes``).

    .. versionadded:: 0.1
    """
    check_options(max_bytes, max_depth, max_comments, errors)
    raw = take(data, format=FORMAT, max_bytes=max_bytes)
    text, utf8 = _prepare(raw, encoding, errors)
    limits = (max_depth, max_comments)
    with collector_paused():
        if text.startswith(_CANONICAL_STARTS):
            # A page as write() wrote it is read without building a tree.
            from threadkit.formats import _html_canonical  # lazy: its expressions compile on use

            article = _html_canonical.read(text, limits)
            if article is not None:
                return article
        root = _parse_utf8(_utf8(text, utf8))
        own = _own_article(root)
        if own is not None:
            return _read_own(own, limits)
        return read_page(root, url=url, rules=rules, report=report, limits=limits)


def _read_tree(root: etree._Element, limits: ThreadLimits = (None, None)) -> Article:
    # The general reader, over the tree lxml parsed.
    own = _own_article(root)
    if own is not None:
        return _read_own(own, limits)
    return read_page(root, limits=limits)


_CANONICAL_STARTS = ("<!DOCTYPE html>\n", '<article class="tk-article"')


def parse(data: str | bytes, *, encoding: str | None = None) -> etree._Element:
    """Parse *data* with lxml's HTML parser, safely: no network, no entities.

    Returns the root ``<html>`` element. Raises :class:`ParseError` for an
    empty document or bad input.
    """
    return _parse_utf8(_utf8(*_prepare(data, encoding, "replace")))


def _prepare(data: str | bytes, encoding: str | None, errors: Errors) -> tuple[str, bytes | None]:
    # The document as text, and as UTF-8 bytes when those came for free.
    if isinstance(data, str):
        return (data[1:] if data.startswith("\ufeff") else data), None
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    if encoding is not None:
        name = _codec(encoding.lower())
        if name is None:
            raise LookupError(f"unknown encoding {encoding!r}")
    else:
        name = declared_encoding(raw)
    if name in (None, "utf-8"):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            return raw.decode("utf-8"), raw
        except UnicodeDecodeError:
            pass
    decoded = decode(raw, encoding=encoding, errors=errors)
    return (decoded[1:] if decoded.startswith("\ufeff") else decoded), None


def _utf8(text: str, utf8: bytes | None) -> bytes:
    if utf8 is not None:
        return utf8
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        at = error.start
        raise ParseError(
            f"input holds a lone surrogate (U+{ord(text[at]):04X}) at index {at}",
            format=FORMAT,
            line=text.count("\n", 0, at) + 1,
            column=at - text.rfind("\n", 0, at),
        ) from None


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def _parse_utf8(data: bytes) -> etree._Element:
    if not data.strip():
        raise ParseError("the document is empty", format=FORMAT, line=1)
    try:
        root = etree.fromstring(data, _parser())
    except etree.LxmlError as error:  # pragma: no cover - the HTML parser recovers
        raise ParseError(f"cannot parse the HTML: {error}", format=FORMAT) from None
    if root is None:
        raise ParseError("the document holds no element", format=FORMAT, line=1)
    return root


# -- decoding bytes ------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._\-]+)", re.I)
_HEAD_END = re.compile(rb"<body\b|</head\s*>", re.IGNORECASE)
_PRESCAN = 1 << 16
# Labels browsers decode differently from what Python's codec of that name does.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
}


def declared_encoding(data: bytes) -> str | None:
    """The encoding *data* declares in a byte order mark, a ``<meta>`` or an XML declaration.

    Returns a Python codec name, or ``None`` when nothing usable is declared.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:_PRESCAN]
    end = _HEAD_END.search(head)
    if end is not None:
        head = head[: end.start()]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return _codec(match.group(1).decode("ascii").lower())


def _codec(label: str) -> str | None:
    label = _ALIASES.get(label, label)
    try:
        name = codec(label)
    except LookupError:
        return None
    # A page cannot declare UTF-16 in its own text: the HTML standard reads that as UTF-8.
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def decode(data: bytes, *, encoding: str | None = None, errors: Errors = "replace") -> str:
    """Decode an HTML document's bytes as a browser would.

    *encoding*, when given, wins; then a byte order mark; then a declared
    charset; then the rules every reader shares: UTF-8, or windows-1252
    when the bytes before the first one that is not UTF-8 are all ASCII.
    Undecodable bytes become U+FFFD, or with ``errors="strict"`` raise a
    :class:`~threadkit.ParseError` naming the byte offset.
    """
    if encoding is not None:
        name = _codec(encoding.lower())
        if name is None:
            raise LookupError(f"unknown encoding {encoding!r}")
    else:
        name = declared_encoding(data)
    if name is None:
        return shared_decode(data, format=FORMAT, errors=errors)
    skipped = 0
    if name == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        skipped = 3
    try:
        return data.decode(name, errors)
    except UnicodeError as error:
        raise undecodable(error, name, FORMAT, skipped) from None


# -- reading our own pages -------------------------------------------------------------

_TEXT_PROPS = frozenset({"text", "articleBody", "description"})
_INT = re.compile(r"-?[0-9]{1,19}")


def _own_article(root: etree._Element) -> etree._Element | None:
    for element in root.iter("article"):
        if element.get("data-threadkit") is not None:
            return element
    return None


def _fail(message: str, element: etree._Element | None = None) -> ParseError:
    line = element.sourceline if element is not None else None
    return ParseError(message, format=FORMAT, line=line if isinstance(line, int) else None)


def _properties(
    scope: etree._Element, skip_class: str | None = None
) -> list[tuple[str, etree._Element]]:
    """The (itemprop, element) pairs of the microdata item *scope*, in document order.

    Does not look inside nested items nor inside text-valued properties, and
    skips any element whose class is *skip_class*. Iterative.
    """
    found: list[tuple[str, etree._Element]] = []
    append = found.append
    stack = [iter(scope)]
    while stack:
        for element in stack[-1]:
            name = element.get("itemprop")
            if name is not None:
                append((name, element))
                if name in _TEXT_PROPS or element.get("itemscope") is not None:
                    continue
            elif skip_class is not None and element.get("class") == skip_class:
                continue
            if len(element):
                stack.append(iter(element))
                break
        else:
            stack.pop()
    return found


def _plain(element: etree._Element) -> str:
    if not len(element):
        return element.text or ""
    return "".join(cast("Iterator[str]", element.itertext()))


def _own_paragraphs(element: etree._Element) -> str:
    """The text field written as <p> elements with <br> line breaks, exactly."""
    if element.tag == "meta":
        return element.get("content") or ""
    paragraphs = []
    for paragraph in element:
        if not len(paragraph):
            paragraphs.append(paragraph.text or "")
            continue
        parts = [paragraph.text or ""]
        for child in paragraph:
            parts.append("\n" if child.tag == "br" else _plain(child))
            if child.tail:
                parts.append(child.tail)
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def _own_time(element: etree._Element) -> datetime:
    value = element.get("datetime")
    if value is None:
        raise _fail(
            f"<{element.tag} itemprop={element.get('itemprop')!r}> has no datetime", element
        )
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(f"bad datetime {value!r}", element) from None
    if moment.tzinfo is None:
        raise _fail(f"datetime {value!r} has no UTC offset", element)
    return shared_zone(moment)


def _own_int(element: etree._Element) -> int:
    value = element.get("value")
    if value is None or not _INT.fullmatch(value):
        raise _fail(f"bad upvoteCount value {value!r}", element)
    return int(value)


def _own_extra(element: etree._Element, value: str) -> Extra:
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        raise _fail("data-extra is not valid JSON", element) from None
    if not isinstance(data, dict):
        raise _fail("data-extra is not a JSON object", element)
    try:
        return Extra(data)
    except ValidationError as error:
        raise _fail(f"data-extra: {error.message}", element) from None


class _People:
    """Reads Person items, making one Author for equal ones."""

    def __init__(self) -> None:
        self.known: dict[tuple[str | None, ...], Author] = {}

    def read(self, element: etree._Element) -> Author:
        name = bio = url = None
        # A Person of ours holds no other item: every property below it is its own.
        for value in element.iterdescendants():
            prop = value.get("itemprop")
            if prop is None:
                continue
            if prop == "name":
                if name is None:
                    name = _plain(value)
            elif prop == "url":
                if url is None:
                    url = value.get("href")
            elif prop == "description" and bio is None:
                bio = _own_paragraphs(value)
        if url is None:
            url = element.get("data-url")
        key = (name, bio, url, element.get("data-id"))
        author = self.known.get(key)
        if author is None:
            try:
                author = Author(name=name, bio=bio or "", url=url, id=key[3])
            except ValidationError as error:
                raise _fail(str(error), element) from None
            self.known[key] = author
        return author


def _read_own(article: etree._Element, limits: ThreadLimits) -> Article:
    version = article.get("data-threadkit")
    if version != VERSION:
        raise _fail(
            f"unsupported threadkit HTML version {version!r} (expected {VERSION!r})", article
        )
    people = _People()
    fields: dict[str, object] = {}
    authors: list[Author] = []
    tags: list[str] = []
    for prop, element in _properties(article, skip_class="tk-comments"):
        if prop == "headline":
            fields.setdefault("title", _plain(element))
        elif prop == "alternativeHeadline":
            fields.setdefault("subtitle", _plain(element))
        elif prop == "articleBody":
            fields.setdefault("body", _own_paragraphs(element))
        elif prop == "author":
            authors.append(people.read(element))
        elif prop == "datePublished":
            fields.setdefault("published", _own_time(element))
        elif prop == "url":
            fields.setdefault("url", element.get("href"))
        elif prop == "publisher":
            for inner, value in _properties(element):
                if inner == "name":
                    fields.setdefault("site", _plain(value))
                    break
        elif prop == "keywords":
            tags.append(_plain(element))
    if "title" not in fields:
        raise _fail("the threadkit article has no headline (itemprop=headline)", article)
    if "url" not in fields:
        fields["url"] = article.get("data-url")
    extra = article.get("data-extra")
    if extra is not None:
        fields["extra"] = _own_extra(article, extra)
    comments = _read_own_comments(article, people, limits)
    try:
        return Article(authors=tuple(authors), tags=tuple(tags), comments=comments, **fields)  # type: ignore[arg-type]
    except ValidationError as error:
        raise _fail(str(error), article) from None


def _read_own_comments(
    article: etree._Element, people: _People, limits: ThreadLimits
) -> tuple[Comment, ...]:
    numbers: dict[str, int] = {}
    records: list[dict[str, object]] = []
    parents: list[int] = []
    cards: list[etree._Element] = []
    read_person = people.read
    for card in article.iter("article"):
        if card.get("itemprop") != "comment":
            continue
        index = len(records)
        fields: dict[str, object] = {"text": ""}
        value = card.get("data-id")
        if value is not None:
            fields["id"] = value
        value = card.get("data-url")
        if value is not None:
            fields["url"] = value
        value = card.get("data-extra")
        if value is not None:
            fields["extra"] = _own_extra(card, value)
        parent = -1
        # A card's properties are its children (see _write_thread).
        for element in card:
            prop = element.get("itemprop")
            if prop is None:
                continue
            if prop == "text":
                fields["text"] = _own_paragraphs(element)
            elif prop == "author":
                fields["author"] = read_person(element)
            elif prop == "dateCreated":
                fields["published"] = _own_time(element)
            elif prop == "upvoteCount":
                fields["score"] = _own_int(element)
            elif prop == "parentItem":
                target = numbers.get(element.get("href") or "")
                if target is None:
                    raise _fail(
                        f"parentItem {element.get('href')!r} names no earlier comment", element
                    )
                parent = target
            elif prop == "dateModified":
                fields["edited"] = _own_time(element)
            elif prop == "creativeWorkStatus":
                state = STATES.get(_plain(element))
                if state is None:
                    raise _fail(f"unknown comment state {_plain(element)!r}", element)
                fields["state"] = state
            elif prop == "url":
                fields["url"] = element.get("href")
        # Known only now, so that a card naming itself as its parent (a cycle
        # that would never end) is refused as naming no earlier comment.
        key = card.get("id")
        if key is not None:
            numbers["#" + key] = index
        records.append(fields)
        parents.append(parent)
        cards.append(card)
    breach = thread_breach(parents, *limits)
    if breach is not None:
        line: object = cards[breach[2]].sourceline
        raise breach_error(FORMAT, breach, line if isinstance(line, int) else None)

    def build(index: int, replies: tuple[Comment, ...]) -> Comment:
        try:
            return kept_comment(records[index], replies) or Comment(
                replies=replies,
                **records[index],  # type: ignore[arg-type]
            )
        except ValidationError as error:
            raise _fail(str(error), cards[index]) from None

    return from_parents(parents, build)
