"""The state every rule reads: one parsed page and what is known of it.

A :class:`Page` is made once per document and handed to each rule in turn,
as markdown-it-py hands its rules one state: the element tree, the page's
address and language, its ``<meta>`` values, its schema.org items (parsed
on first use) and the UTC offset its own dates use, which stands in for the
offset of dates written without one.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone
from urllib.parse import urljoin

from lxml import etree

__all__ = ["Page", "all_text", "classes", "line", "resolve"]

_SPACE = re.compile(r"\s+")
# Characters the model refuses in any field (controls, lone surrogates,
# noncharacters): an address holding one is broken, not cleaned.
_UNFIT = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
# An ISO 8601 offset at the end of a date value: "+02:00", "-0500", "Z".
_OFFSET = re.compile(r"(?:([+-])(\d\d):?(\d\d)|Z)$")


def classes(element: etree._Element) -> list[str]:
    """The ``class`` tokens of *element*."""
    return (element.get("class") or "").split()


def all_text(element: etree._Element) -> str:
    """Every piece of text inside *element*, joined as it stands (no tail)."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def line(text: str | None) -> str | None:
    """White space collapsed, ends stripped; ``None`` for nothing left."""
    if not text:
        return None
    found = _SPACE.sub(" ", text).strip()
    return found or None


def resolve(address: str | None, base: str | None) -> str | None:
    """*address* made absolute against *base*; ``None`` unless http(s)."""
    if not address:
        return None
    address = address.strip()
    if base:
        try:
            address = urljoin(base, address)
        except ValueError:
            return None
    if not address.lower().startswith(("http://", "https://")) or _SPACE.search(address):
        return None
    if _UNFIT.search(address):
        return None
    return address


class Page:
    """One parsed page: the tree and what its head says about it."""

    def __init__(self, root: etree._Element, *, url: str | None = None) -> None:
        self.root = root
        self.meta = _meta(root)
        stated = self.meta.get("canonical") or self.meta.get("og:url")
        self.url = resolve(stated, url) or resolve(url, None)
        self.base = _base(root, self.url)
        """What the page's relative links are relative to: ``<base href>``, else its address."""
        self.language = _language(root, self.meta)
        self.offset: timezone | None = _offset(self.meta)

    def head(self) -> etree._Element | None:
        """The ``<head>`` element, if the page has one."""
        return self.root.find("head")


def _base(root: etree._Element, url: str | None) -> str | None:
    # XenForo 1 and many older sites write links relative to <base href>,
    # not to the page's own address.
    head = root.find("head")
    for element in (head if head is not None else root).iter("base"):
        found = resolve(element.get("href"), url)
        if found is not None:
            return found
    return url


def _meta(root: etree._Element) -> dict[str, str]:
    # The first value of each <meta> name or property (lower case), and the
    # canonical link as "canonical".
    found: dict[str, str] = {}
    head = root.find("head")
    for element in (head if head is not None else root).iter("meta", "link"):
        if element.tag == "link":
            if "canonical" in (element.get("rel") or "").lower().split():
                found.setdefault("canonical", element.get("href") or "")
            continue
        key = (
            element.get("property") or element.get("name") or element.get("http-equiv") or ""
        ).strip()
        content = element.get("content")
        if key and content is not None:
            found.setdefault(key.lower(), content)
    return found


def _language(root: etree._Element, meta: dict[str, str]) -> str | None:
    for value in (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("content-language"),
        meta.get("og:locale"),
        meta.get("language"),
    ):
        if value and value.strip():
            return value.strip().replace("_", "-")
    return None


def _offset(meta: dict[str, str]) -> timezone | None:
    # The offset of the page's own publication date: the best guess a page
    # offers for the dates it shows without one.
    for key in ("article:published_time", "og:article:published_time", "date", "dc.date"):
        value = meta.get(key)
        if not value:
            continue
        match = _OFFSET.search(value.strip())
        if match is None:
            continue
        if match.group(0) == "Z":
            return UTC
        sign = -1 if match.group(1) == "-" else 1
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        if minutes < 24 * 60:
            return timezone(sign * timedelta(minutes=minutes))
    return None
