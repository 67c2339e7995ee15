"""Comments marked up with schema.org: JSON-LD, microdata, RDFa.

The page's ``Comment`` items (and untyped values of ``comment``
properties), threaded by nesting and ``parentItem``, as
:func:`threadkit.pages._structured.comment_tree` finds them; each one's
fields as :func:`~threadkit.pages._structured.comment_fields` reads them.
JSON-LD is read first; microdata only when JSON-LD has no comments, and
RDFa only when neither has, so that a page marked up twice does not count
its comments twice. A comment whose text is an element of the page
(microdata, RDFa) is read as every other page text is, quotes and link
addresses kept. This finder comes after the comment systems: a page of a
known system may mark up some of its comments, or all of them without their
shape, and the system's own rule reads them better.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from lxml import etree

from threadkit.model import Author, CommentState, JSONValue
from threadkit.pages._engine import UI, region
from threadkit.pages._fields import text_of
from threadkit.pages._page import Page
from threadkit.pages._rules import Found, Thread
from threadkit.pages._structured import (
    ARTICLE_TYPES,
    Item,
    Value,
    comment_fields,
    comment_tree,
    jsonld_items,
    local_name,
    microdata_items,
    rdfa_items,
)

__all__ = ["FINDER", "SchemaOrg"]

_TEXTS = ("text", "commenttext", "articlebody", "description")
"""The properties that hold a comment's text, in the order _structured reads them."""


class SchemaOrg:
    """The finder of schema.org comments."""

    name = "schema.org"

    def find(self, page: Page) -> Thread | None:
        """The comments the page's structured data describes, or ``None`` if it has none."""
        root = page.root
        jsonld = jsonld_items(root)
        microdata = microdata_items(root)
        rdfa = rdfa_items(root) if _has_rdfa(root) else []
        index: dict[str, Item] = {}
        for item in jsonld + microdata + rdfa:
            if item.id is not None and not item.is_reference():
                index.setdefault(item.id, item)
        for items, source in ((jsonld, "json-ld"), (microdata, "microdata"), (rdfa, "rdfa")):
            nodes, parents = comment_tree(items, index)
            if nodes:
                return _thread(self.name, source, nodes, parents, index, page)
        return None


FINDER = SchemaOrg()
"""The schema.org finder."""


def _has_rdfa(root: etree._Element) -> bool:
    # RDFa is rare: the walk over the whole tree is done only where some
    # element says typeof.
    return bool(root.xpath("boolean(//*[@typeof])"))


def _thread(
    name: str,
    source: str,
    nodes: list[Value],
    parents: list[int],
    index: dict[str, Item],
    page: Page,
) -> Thread:
    comments: list[Found] = []
    elements: list[etree._Element] = []
    # JSON-LD comments have no element of their own: errors about them name
    # the line of the page's first JSON-LD block, as the schema.org reader does.
    block = _first_block(page.root) if source == "json-ld" else None
    for node, parent in zip(nodes, parents, strict=True):
        found = _found(node, index, page)
        found.parent = None if parent < 0 else parent
        comments.append(found)
        if found.element is not None:
            elements.append(found.element)
        else:
            found.element = block
    thread = Thread(rule=f"{name} ({source})", comments=comments)
    around = region(elements)
    # Comments marked up here and there in a page have the whole page, or
    # the whole article, around them: that is no comment section to leave
    # out of the article's body.
    if around is not None and not _holds_article(around):
        thread.region = around
    return thread


def _holds_article(element: etree._Element) -> bool:
    # Comments and processing instructions have no attributes: they pass.
    for node in (element, *element.iterdescendants()):
        if node.tag in ("body", "html", "main"):
            return True
        kinds = (node.get("itemtype") or "") + " " + (node.get("typeof") or "")
        if any(local_name(kind) in ARTICLE_TYPES for kind in kinds.split()):
            return True
    return False


def _first_block(root: etree._Element) -> etree._Element | None:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            return script
    return None


def _found(node: Value, index: dict[str, Item], page: Page) -> Found:
    fields = comment_fields(node, index)
    element = node.element if isinstance(node, Item) else node
    found = Found(element=element if isinstance(element, etree._Element) else None)
    found.text = cast("str", fields.get("text", ""))
    body = _text_element(node)
    if body is not None:
        found.text = text_of(body, page, skip=set(UI.all(body)).__contains__)
    found.author = cast("Author | None", fields.get("author"))
    found.id = cast("str | None", fields.get("id"))
    found.published = cast("datetime | None", fields.get("published"))
    found.edited = cast("datetime | None", fields.get("edited"))
    found.score = cast("int | None", fields.get("score"))
    found.url = cast("str | None", fields.get("url"))
    found.state = cast("CommentState", fields.get("state", CommentState.VISIBLE))
    found.extra = dict(cast("dict[str, JSONValue]", fields.get("extra", {})))
    return found


def _text_element(node: Value) -> etree._Element | None:
    # The element that holds a comment's text, where the page holds it.
    if isinstance(node, etree._Element):
        return node
    if not isinstance(node, Item):
        return None
    for value in node.values(*_TEXTS):
        seen: set[int] = set()
        while isinstance(value, Item) and id(value) not in seen:
            seen.add(id(value))
            inner = value.values("text", "name")
            if not inner:
                break
            value = inner[0]
        return value if isinstance(value, etree._Element) else None
    return None
