"""The page state rules share: ancestors decided once, places in document order."""

from __future__ import annotations

import re

from lxml import etree

from threadkit.pages import Page

PAGE = """<html><body>
<div class="sidebar"><ul><li id="a">recent</li></ul>
  <div class="widget main"><p id="b">inside a widget that is main content</p></div></div>
<form><div><p id="c">in a form</p></div></form>
<main><p id="d">free</p><aside class="sidebar"><p id="e">aside</p></aside></main>
<div class="sidebar"><form><p id="f">both</p></form></div>
</body></html>"""

_WORDS = re.compile(r"^(?:sidebar|widget)$")


def _decide(element: etree._Element) -> bool | None:
    names = (element.get("class") or "").split()
    if "main" in names:
        return False
    if any(_WORDS.match(name) for name in names) or element.tag == "form":
        return True
    return None


def _naive(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        decision = _decide(ancestor)
        if decision is not None:
            return decision
    return False


def test_inside_answers_as_a_walk_up_the_ancestors_would() -> None:
    root = etree.fromstring(PAGE, etree.HTMLParser())
    page = Page(root)
    for element in root.iter():
        expected = _naive(element)
        found = page.inside(element, "test", _decide, tags=("form",), words=_WORDS)
        assert found == expected, element.get("id") or element.tag
    ids = {
        element.get("id")
        for element in root.iter("p", "li")
        if page.inside(element, "test", _decide, tags=("form",), words=_WORDS)
    }
    assert ids == {"a", "c", "e", "f"}
