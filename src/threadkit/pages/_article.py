"""The article of a page from elsewhere: its fields and its body.

(First version: schema.org and Open Graph metadata, and the body as the
largest block of paragraphs outside the comments.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from threadkit.formats import _schemaorg
from threadkit.pages._fields import text_of
from threadkit.pages._page import Page, all_text, line

__all__ = ["article_fields"]

_NOT_BODY = frozenset({"nav", "header", "footer", "aside", "form", "script", "style"})


def article_fields(
    page: Page, *, exclude: Sequence[etree._Element] = ()
) -> tuple[dict[str, Any], list[str]]:
    """Keyword arguments for :class:`~threadkit.Article`, and where they came from."""
    root = page.root
    sources: list[str] = []
    jsonld = _schemaorg.jsonld_items(root)
    microdata = _schemaorg.microdata_items(root)
    index = {item.id: item for item in jsonld + microdata if item.id and not item.is_reference()}
    candidates = [i for i in jsonld + microdata if i.types & _schemaorg._ARTICLE_TYPES]
    fields: dict[str, Any] = {}
    if candidates:
        fields = _schemaorg._article_fields(candidates, index)
        sources.append("schema.org")
    meta = page.meta
    if "title" not in fields:
        title = line(meta.get("og:title"))
        if title is None:
            heading = root.find(".//h1")
            title = line(all_text(heading)) if heading is not None else None
        if title is None:
            element = root.find(".//title")
            title = line(all_text(element)) if element is not None else None
        if title is not None:
            fields["title"] = title
            sources.append("html")
    if "site" not in fields and meta.get("og:site_name"):
        fields["site"] = line(meta["og:site_name"])
    if "url" not in fields and page.url:
        fields["url"] = page.url
    if not fields.get("body"):
        body = _body(page, exclude)
        if body:
            fields["body"] = body
    if "title" not in fields:
        fields["title"] = "(untitled)"
    return fields, sources


def _body(page: Page, exclude: Sequence[etree._Element]) -> str:
    excluded = set(exclude)
    best: etree._Element | None = None
    best_size = 0
    for element in page.root.iter("article", "main", "div", "section"):
        if element in excluded or any(
            a in excluded or a.tag in _NOT_BODY for a in element.iterancestors()
        ):
            continue
        size = sum(len(all_text(p)) for p in element.iterchildren("p"))
        if size > best_size:
            best, best_size = element, size
    if best is None:
        return ""
    return text_of(best, page, skip=lambda node: node in excluded or node.tag in _NOT_BODY)
