"""The CSS subset rules are written in: what each form finds, and what is refused."""

from __future__ import annotations

import pytest
from lxml import etree

from threadkit.pages import Page, Selector

PAGE = """<html><body>
<div id="c" class="comments area">
  <ol class="list">
    <li id="comment-1" class="comment depth-1" data-kind="top">one
      <ul class="children">
        <li id="comment-2" class="comment depth-2" title='say "hi", then'>two</li></ul>
    </li>
    <li id="ping-1" class="pingback depth-1">ping</li>
  </ol>
</div>
<p class="comment">outside</p>
</body></html>"""


@pytest.fixture(scope="module")
def root() -> etree._Element:
    return etree.fromstring(PAGE, etree.HTMLParser())


def ids(elements: list[etree._Element]) -> list[str]:
    return [element.get("id") or element.tag for element in elements]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("li", ["comment-1", "comment-2", "ping-1"]),
        ("*.comment", ["comment-1", "comment-2", "p"]),
        ("li.comment", ["comment-1", "comment-2"]),
        ("#c li", ["comment-1", "comment-2", "ping-1"]),
        ("#c > ol > li", ["comment-1", "ping-1"]),
        ("ol > li", ["comment-1", "ping-1"]),
        ("ul.children > li", ["comment-2"]),
        ("div.comments.area li.depth-2", ["comment-2"]),
        ("[data-kind]", ["comment-1"]),
        ("[data-kind=top]", ["comment-1"]),
        ('[id^="comment-"]', ["comment-1", "comment-2"]),
        ("[id$=-2]", ["comment-2"]),
        ("[class*=ping]", ["ping-1"]),
        ("[class~=depth-1]", ["comment-1", "ping-1"]),
        ("[id|=ping]", ["ping-1"]),
        ("[title='say \"hi\", then']", ["comment-2"]),
        ("li:not(.pingback)", ["comment-1", "comment-2"]),
        ("li.pingback, li.depth-2", ["comment-2", "ping-1"]),
        ("LI.comment", ["comment-1", "comment-2"]),
    ],
)
def test_all_finds_in_document_order(
    root: etree._Element, selector: str, expected: list[str]
) -> None:
    assert ids(Selector(selector).all(root)) == expected


def test_matches_tests_the_element_and_its_ancestors(root: etree._Element) -> None:
    second = root.find(".//li[@id='comment-2']")
    assert second is not None
    assert Selector("#c ul > li").matches(second)
    assert Selector("ol li.depth-2").matches(second)
    assert not Selector("ol > li").matches(second)
    assert not Selector("#nowhere li").matches(second)
    assert Selector("p, li.comment").matches(second)


def test_preferred_lists_alternatives_in_the_order_written(root: etree._Element) -> None:
    selector = Selector("li.pingback, li.comment")
    assert ids(selector.all(root)) == ["comment-1", "comment-2", "ping-1"]
    assert ids(selector.preferred(root)) == ["ping-1", "comment-1", "comment-2"]


def test_first_and_nothing(root: etree._Element) -> None:
    assert Selector("li").first(root) is not None
    assert Selector("table").first(root) is None
    assert Selector("table").all(root) == []


@pytest.mark.parametrize(
    "selector",
    [
        "",
        "   ",
        "li >",
        "> , li",
        "li:hover",
        "li::before",
        "a[href",
        ":not(.a",
        ".a)",
        "li ~ p",
        "1a",
    ],
)
def test_what_is_not_understood_is_a_value_error(selector: str) -> None:
    with pytest.raises(ValueError, match="selector"):
        Selector(selector)


QUERIES = [
    "li",
    "li.comment",
    "#c li",
    "ol > li",
    "ul.children > li.comment",
    "[data-kind]",
    "[data-kind=top]",
    '[id^="comment-"]',
    "[class*=ping]",
    "[class*=nowhere]",
    "[class^=depth]",
    "[class~=depth-1]",
    "[class=list]",
    "li:not(.pingback)",
    "li.pingback, li.depth-2",
    "p.comment, li.comment.depth-2",
    "table",
    "#nowhere",
]


@pytest.mark.parametrize("selector", QUERIES)
def test_the_page_index_finds_what_xpath_finds(root: etree._Element, selector: str) -> None:
    # Page.query looks elements up in an index of tags, classes, ids and
    # attributes; it must find exactly what walking the tree finds.
    page = Page(root)
    compiled = Selector(selector)
    assert ids(page.query(compiled)) == ids(compiled.all(root))
    assert ids(page.select(compiled)) == ids(compiled.all(root))
    for within in root.iter("li", "ol", "div"):
        assert ids(page.query(compiled, within)) == ids(compiled.all(within))
        assert ids(page.query(compiled, within, preferred=True)) == ids(compiled.preferred(within))
        assert ids(list(page.lazily(compiled, within))) == ids(compiled.preferred(within))


def test_a_selector_naming_what_the_page_lacks_is_not_possible(root: etree._Element) -> None:
    tokens = Page(root).tokens
    assert Selector("li.comment").possible(tokens)
    assert not Selector("li.nowhere").possible(tokens)
    assert Selector("li.nowhere, li.comment").possible(tokens)
    assert Selector("[class*=ping]").possible(tokens)
    assert not Selector("[class*=pong]").possible(tokens)
    assert Selector("[data-kind]").possible(tokens)
    assert not Selector("[data-other]").possible(tokens)
    # What :not() excludes is no need.
    assert Selector("li:not(.nowhere)").possible(tokens)
