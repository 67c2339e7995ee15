"""Reading one part of a comment or an article from an element.

Shared by the declarative rules (:mod:`threadkit.pages._engine`) and the
finders written as functions, so that an author, a date, a score or a text
means the same wherever it is found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from lxml import etree

from threadkit._html_text import element_text
from threadkit.model import Author, JSONValue
from threadkit.pages._byline import byline_name
from threadkit.pages._dates import FoundDate, find_date, is_relative, parse_date
from threadkit.pages._page import Page, line, resolve

__all__ = [
    "author_of",
    "clean",
    "count_in",
    "date_of",
    "int_in",
    "text_of",
    "unix_date",
]

# Characters the model refuses: C0 and C1 controls other than tab and line
# feed, lone surrogates, noncharacters. Pages hold them more often than one
# would think (pasted text, broken encodings).
_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
_INTEGER = re.compile(r"[+-−]?\d{1,3}(?:[.,  ]\d{3})+(?!\d)|[+-−]?\d{1,18}")
_DATE_ATTRIBUTES = ("datetime", "content", "title", "data-time", "data-date", "data-datetime")


# Inside a date's element, the machine-readable forms: <time datetime>, any
# datetime attribute, an hAtom <abbr title>, and an RDFa or microdata
# content attribute that says it is a date.
_MACHINE_DATE_PATH = etree.XPath(
    ".//time | .//*[@datetime] | .//abbr[@title] | "
    ".//*[@content][contains(@property, 'date') or contains(@itemprop, 'date')]"
)


def _machine_dates(element: etree._Element) -> list[etree._Element]:
    found = _MACHINE_DATE_PATH(element)
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def clean(text: str) -> str:
    """*text* without the characters the model refuses."""
    return _REFUSED.sub("", text)


def text_of(
    element: etree._Element,
    page: Page,
    *,
    skip: Callable[[etree._Element], bool] | None = None,
    quoted: Callable[[etree._Element], bool] | None = None,
    links: list[tuple[str, str]] | None = None,
) -> str:
    """The model text of *element*: paragraphs, quotes and link addresses kept.

    Elements for which *quoted* returns true are quotations, as
    ``<blockquote>`` elements always are. Given a *links* list, link
    addresses are not written into the text but appended to it, each as
    ``(text, address)``: an article's body reads as its readers read it.
    """
    text = element_text(
        element,
        skip=skip,
        base=page.base,
        quoted=quoted,
        links=links is None,
        collect=links,
    )
    # No-break spaces are no HTML white space, so the converter keeps them;
    # at either end of a text they are only layout.
    return clean(text).strip()


def _plain(element: etree._Element) -> str | None:
    return line(clean(element_text(element, links=False, quotes=False)))


def author_of(element: etree._Element, page: Page) -> Author | None:
    """The author named by *element*: its text, and the address its link gives.

    An element that holds a whole byline ("Anna | 21. April 2020",
    "Par Anna, le 15 mai 2019", "Anna says:") gives only the name; its
    address then comes only from a link whose text is that name, not from
    the first link in it, which may be the comment's permalink.
    """
    shown = _plain(element)
    name = byline_name(shown) if shown is not None else None
    if shown is not None and name is None:
        # Only a date: the link in it is the comment's permalink.
        return None
    if element.tag == "a":
        link: etree._Element | None = element
    elif name is not None and name != shown:
        link = next((a for a in element.iterfind(".//a[@href]") if name in (_plain(a) or "")), None)
    else:
        link = element.find(".//a[@href]")
        if link is None:
            # A name inside its link: <a href="/user/7"><span class="name">Anna</span></a>.
            link = next(element.iterancestors("a"), None)
    url = resolve(link.get("href"), page.base) if link is not None else None
    if name is None and url is None:
        return None
    return Author(name=name, url=url)


def unix_date(value: str) -> datetime | None:
    """Seconds (or milliseconds) since 1970 as an aware UTC datetime."""
    value = value.strip()
    if not value.isdigit() or not 9 <= len(value) <= 13:
        return None
    seconds = int(value) / (1000 if len(value) > 11 else 1)
    return datetime.fromtimestamp(int(seconds), UTC)


def date_of(
    element: etree._Element, page: Page, extra: dict[str, JSONValue], key: str = "published"
) -> datetime | None:
    """The moment *element* shows, from its attributes or its text.

    A date that says no time zone takes the page's own UTC offset, else UTC,
    and its text is kept in *extra* under ``KEY_text`` (``published_text``),
    as is a relative date ("2 hours ago"), which gives no moment at all.
    """
    candidates = [element]
    if element.tag != "time":
        candidates.extend(_machine_dates(element))
    for candidate in candidates:
        # An exact moment (with its zone, or seconds since 1970) wins over a
        # date without a zone in another attribute: Discourse titles a date
        # "Jan 2, 2023 3:04 am" and gives the moment in data-time.
        zoneless: FoundDate | None = None
        for attribute in _DATE_ATTRIBUTES:
            value = candidate.get(attribute)
            if not value or not value.strip():
                continue
            moment = unix_date(value) if attribute.startswith("data-") else None
            if moment is not None:
                return moment
            found = parse_date(value, language=page.language, default_offset=page.offset)
            if found is not None:
                if found.zone_given:
                    return found.moment
                zoneless = zoneless or found
        if zoneless is not None:
            extra[f"{key}_text"] = zoneless.raw
            return zoneless.moment
    shown = _plain(element)
    if shown is None:
        return None
    found = find_date(shown, language=page.language, default_offset=page.offset)
    if found is not None:
        if not found.zone_given:
            extra[f"{key}_text"] = found.raw
        return found.moment
    if is_relative(shown):
        extra[f"{key}_text"] = shown
    return None


def int_in(text: str | None) -> int | None:
    """The first whole number in *text* ("1,204 points" -> 1204), or ``None``."""
    if not text:
        return None
    match = _INTEGER.search(text)
    if match is None:
        return None
    digits = re.sub(r"[^\d+-−]", "", match.group(0)).replace("−", "-")
    try:
        number = int(digits)
    except ValueError:
        return None
    return number if -(2**63) <= number < 2**63 else None


def count_in(element: etree._Element) -> int | None:
    """The number an element such as "24 comments" or "80 Kommentare" states."""
    return int_in(_plain(element))
