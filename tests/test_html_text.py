"""HTML to model text: link addresses and quotations, from a string and from a tree alike."""

from __future__ import annotations

import pytest
from lxml import etree

from threadkit._html_text import element_text, link_text, to_text


def tree_text(html: str, **options: object) -> str:
    root = etree.fromstring(f"<html><body><div>{html}</div></body></html>", etree.HTMLParser())
    div = root.find(".//div")
    assert div is not None
    return element_text(div, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            '<p>See <a href="https://x.org/r">the report</a>.</p>',
            "See the report <https://x.org/r>.",
        ),
        ('<a href="https://x.org/">https://x.org/</a>', "https://x.org/"),
        ('<a href="https://www.x.org/a/">x.org/a</a>', "x.org/a"),
        (
            '<a href="http://example.cn/forum-a-long-page">http://example.cn/forum-...</a>',
            "http://example.cn/forum-... <http://example.cn/forum-a-long-page>",
        ),
        ('<a href="mailto:ann@x.org">ann@x.org</a>', "ann@x.org"),
        ('<a href="mailto:ann@x.org">write to Ann</a>', "write to Ann <mailto:ann@x.org>"),
        ('<a href="#c3">above</a>', "above"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ('<a href="https://x.org/p"><img src="p.png"></a>', ""),
        ("<a>no address</a>", "no address"),
        ('a <a href="https://x.org/q">b <b>c</b></a> d', "a b c <https://x.org/q> d"),
    ],
)
def test_links_keep_their_address_when_the_text_is_not_it(html: str, text: str) -> None:
    assert to_text(html, links=True) == text
    assert tree_text(html) == text


def test_without_links_only_the_text_is_kept() -> None:
    html = '<p>See <a href="https://x.org/r">the report</a>.</p>'
    assert to_text(html) == "See the report."
    assert tree_text(html, links=False) == "See the report."


def test_relative_addresses_are_resolved_against_the_base() -> None:
    html = '<a href="/about">about us</a> and <a href="item?id=3">an item</a>'
    assert tree_text(html, base="https://news.x.org/item?id=1") == (
        "about us <https://news.x.org/about> and an item <https://news.x.org/item?id=3>"
    )
    # With no base, a relative address cannot be made whole: the text alone.
    assert tree_text(html) == "about us and an item"


def test_quotes_are_marked_line_by_line_and_nest() -> None:
    html = (
        "<p>Before.</p><blockquote><p>One<br>two</p><p>Three</p>"
        "<blockquote>Deeper</blockquote></blockquote><p>After.</p>"
    )
    text = "Before.\n\n> One\n> two\n\n> Three\n\n> > Deeper\n\nAfter."
    assert to_text(html, quotes=True) == text
    assert tree_text(html) == text
    assert to_text(html) == "Before.\n\nOne\ntwo\n\nThree\n\nDeeper\n\nAfter."


def test_skipped_elements_leave_their_tail() -> None:
    root = etree.fromstring(
        "<html><body><div>keep <span class='x'>drop <b>this</b></span> and this"
        "<!-- a comment --> too</div></body></html>",
        etree.HTMLParser(),
    )
    div = root.find(".//div")
    assert div is not None
    assert element_text(div, skip=lambda e: e.get("class") == "x") == "keep and this too"


def test_the_elements_own_tail_is_not_its_text() -> None:
    root = etree.fromstring("<html><body><p>inside</p>outside</body></html>", etree.HTMLParser())
    paragraph = root.find(".//p")
    assert paragraph is not None
    assert element_text(paragraph) == "inside"


def test_a_deep_tree_is_walked_without_recursion() -> None:
    # Deeper than the interpreter's recursion limit; lxml itself builds a
    # deep tree in time quadratic in its depth, hence no more.
    root = etree.Element("div")
    node = root
    for _ in range(5_000):
        node = etree.SubElement(node, "span")
    node.text = "bottom"
    assert element_text(root) == "bottom"


@pytest.mark.parametrize(
    ("text", "href", "base", "kept"),
    [
        ("report", "https://x.org/r", None, "report <https://x.org/r>"),
        ("  the   report ", "https://x.org/r", None, "the report <https://x.org/r>"),
        ("x.org", "https://x.org", None, "x.org"),
        ("X.ORG/", "http://www.x.org", None, "X.ORG/"),
        ("page", "page.html", "https://x.org/a/b", "page <https://x.org/a/page.html>"),
        ("page", "page.html", None, "page"),
        ("ftp", "ftp://x.org/f", None, "ftp"),
        ("spaced", "https://x.org/a b", None, "spaced"),
        ("mail", "mailto:", None, "mail"),
    ],
)
def test_link_text(text: str, href: str, base: str | None, kept: str) -> None:
    assert link_text(text, href, base) == kept
