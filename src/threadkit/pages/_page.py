"""The state every rule reads: one parsed page and what is known of it.

A :class:`Page` is made once per document and handed to each rule in turn,
as markdown-it-py hands its rules one state: the element tree, the page's
address and language, its ``<meta>`` values, its schema.org items (parsed
on first use) and the UTC offset its own dates use, which stands in for the
offset of dates written without one.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, timedelta, timezone
from urllib.parse import urljoin

from lxml import etree

from threadkit.pages._select import Selector, Tokens

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
    """One parsed page: the tree and what its head says about it.

    Every rule reads the same :class:`Page`, as :meth:`Finder.find
    <threadkit.pages.Finder.find>`'s argument.

    .. versionadded:: 0.1
    """

    root: etree._Element
    """The page's ``<html>`` element."""
    meta: dict[str, str]
    """The first value of each ``<meta>`` name or property (lower case), and
    ``"canonical"`` for ``<link rel="canonical">``."""
    url: str | None
    """The page's address: the one it states (canonical, ``og:url``), else the one given."""
    base: str | None
    """What the page's relative links are relative to: ``<base href>``, else its address."""
    language: str | None
    """The page's language tag (``<html lang>``, ``og:locale``...), as written."""
    offset: timezone | None
    """The UTC offset of the page's own publication time, for dates written without one."""

    def __init__(self, root: etree._Element, *, url: str | None = None) -> None:
        self.root = root
        self.meta = _meta(root)
        stated = self.meta.get("canonical") or self.meta.get("og:url")
        self.url = resolve(stated, url) or resolve(url, None)
        self.base = _base(root, self.url)
        self.language = _language(root, self.meta)
        self.offset = _offset(self.meta)
        self._selected: dict[str, list[etree._Element]] = {}
        self._inside: dict[str, set[etree._Element]] = {}

    def head(self) -> etree._Element | None:
        """The ``<head>`` element, if the page has one."""
        return self.root.find("head")

    @functools.cached_property
    def _index(self) -> _Index:
        return _Index(self.root)

    @property
    def tokens(self) -> Tokens:
        """Every tag (``"<li"``), class (``".comment"``) and id (``"#comments"``) of the page.

        Made in one walk on first use: rules ask it whether the parts they
        name exist at all before they search for them.
        """
        return self._index.tokens

    def inside(
        self,
        element: etree._Element,
        name: str,
        test: Callable[[etree._Element], bool | None],
        *,
        tags: Collection[str] = (),
        words: re.Pattern[str] | None = None,
    ) -> bool:
        """Whether the nearest ancestor of *element* that *test* decides for said ``True``.

        *test* says ``True`` or ``False`` of the elements that decide for what
        they hold (a form, a sidebar) and ``None`` of the rest. Only elements
        with one of *tags*, or a class or id that *words* finds, can decide:
        they are looked up in the page's index, and only what they hold is
        walked, once per *name*; every element's answer is kept, so asking
        for many elements costs no search up their ancestors.
        """
        found = self._inside.get(name)
        if found is None:
            index = self._index
            # A page too big for places of its own is walked whole, every
            # element asked.
            deciders = index.having(tags, words) if index.complete else [self.root]
            every = None if index.complete else test
            found = self._inside[name] = _inherited(deciders, every or test, index, whole=every)
        return element in found

    def select(self, selector: Selector) -> list[etree._Element]:
        """Every element of the page *selector* matches, found once per page and kept."""
        found = self._selected.get(selector.text)
        if found is None:
            found = self._selected[selector.text] = self.query(selector)
        return found

    def query(
        self,
        selector: Selector,
        within: etree._Element | None = None,
        *,
        preferred: bool = False,
    ) -> list[etree._Element]:
        """The elements inside *within* (the whole page by default) that *selector* matches.

        In document order, or with *preferred* in the order of the
        selector's alternatives (see :meth:`Selector.preferred`). Elements
        are looked up by a class, id or tag the selector requires, in an
        index of the page made once, rather than found by walking the tree
        for every query.
        """
        index = self._index
        context = self.root if within is None else within
        parts = selector.alternatives or (selector,)
        if not preferred and len(parts) > 1:
            found = {e: None for part in parts for e in index.lookup(part, context)}
            return sorted(found, key=index.position)
        return list(self.lazily(selector, within))

    def lazily(
        self, selector: Selector, within: etree._Element | None = None
    ) -> Iterator[etree._Element]:
        """:meth:`query` with *preferred*, one alternative at a time as they are asked for.

        A rule that takes the first match never runs the alternatives after it.
        """
        context = self.root if within is None else within
        for part in selector.alternatives or (selector,):
            yield from self._index.lookup(part, context)


def _inherited(
    candidates: list[etree._Element],
    test: Callable[[etree._Element], bool | None],
    index: _Index,
    *,
    whole: Callable[[etree._Element], bool | None] | None = None,
) -> set[etree._Element]:
    # The elements whose nearest deciding ancestor said True: each outermost
    # decider's subtree is walked once, inner deciders overriding it there.
    # With *whole*, the candidates are walked whole and every element asked.
    decided: dict[etree._Element, bool] = {}
    for element in candidates:
        decision = test(element)
        if decision is not None:
            decided[element] = decision
    if whole is not None:
        decided = dict.fromkeys(candidates, False)
    found: set[etree._Element] = set()
    covered = -1  # the last position inside a subtree walked already
    for element in decided:
        position = index.positions.get(element)
        if position is not None and position <= covered:
            continue
        decisions: list[bool] = []
        pushed: list[bool] = []
        for event, node in etree.iterwalk(element, events=("start", "end")):
            if not isinstance(node.tag, str):
                continue
            if event == "end":
                if pushed.pop():
                    decisions.pop()
                continue
            if decisions and decisions[-1]:
                found.add(node)
            decision = decided.get(node) if whole is None else whole(node)
            pushed.append(decision is not None)
            if decision is not None:
                decisions.append(decision)
        if position is not None:
            covered = index.end(element)
    return found


# Beyond this many elements a page is not indexed and selectors walk the
# tree instead: the index holds a handle on every element.
_INDEX_LIMIT = 200_000


def _has(element: etree._Element, token: str) -> bool:
    # Whether *element* has the tag, class or id *token* names ("<li", ".x", "#y").
    kind, name = token[0], token[1:]
    if kind == "<":
        return element.tag == name
    if kind == ".":
        return name in (element.get("class") or "").split()
    return element.get("id") == name


class _Index:
    """The page's elements by tag, class and id, with their places in document order."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.positions: dict[etree._Element, int] = {}
        self.by_token: dict[str, list[etree._Element]] = {}
        self._keys: dict[str, list[int]] = {}
        count = 0
        positions = self.positions
        by_token = self.by_token
        for _, element in etree.iterwalk(root, events=("start",)):
            tag = element.tag
            if not isinstance(tag, str):
                continue
            if count < _INDEX_LIMIT:
                positions[element] = count
            count += 1
            by_token.setdefault("<" + tag, []).append(element)
            names = element.get("class")
            if names:
                for name in names.split():
                    by_token.setdefault("." + name, []).append(element)
            identifier = element.get("id")
            if identifier:
                by_token.setdefault("#" + identifier, []).append(element)
            for attribute in element.keys():  # noqa: SIM118 (an lxml element, not a dict)
                by_token.setdefault("@" + attribute, []).append(element)
        self.count = count
        self.complete = count <= _INDEX_LIMIT
        self.tokens = Tokens(by_token)
        if not self.complete:
            positions.clear()

    def position(self, element: etree._Element) -> int:
        return self.positions[element]

    def end(self, element: etree._Element) -> int:
        """The place of *element*'s last descendant (its own place if it has none)."""
        return self._end(element)

    def having(self, tags: Collection[str], words: re.Pattern[str] | None) -> list[etree._Element]:
        """The elements with one of *tags* or a class or id *words* finds, in document order."""
        names = ["<" + tag for tag in tags]
        if words is not None:
            names.extend(t for t in self.tokens if t[0] in ".#" and words.search(t[1:]))
        found: dict[etree._Element, None] = {}
        for name in names:
            for element in self.by_token.get(name, ()):
                found[element] = None
        if not self.complete:
            # Too big to have places: in the order found, outermost not known.
            return list(found)
        return sorted(found, key=self.positions.__getitem__)

    def _end(self, element: etree._Element) -> int:
        # The place of the element's last descendant: just before whatever
        # follows it, its next sibling or an ancestor's.
        node = element
        while node is not self.root:
            following = node.getnext()
            # Comments and processing instructions have no place: skip them.
            while following is not None and following not in self.positions:
                following = following.getnext()
            if following is not None:
                return self.positions[following] - 1
            parent = node.getparent()
            if parent is None:
                break
            node = parent
        return self.count - 1

    def lookup(self, part: Selector, context: etree._Element) -> list[etree._Element]:
        if not part.possible(self.tokens):
            return []
        needs = part.last_needs
        start = self.positions.get(context)
        if not needs or start is None:
            return part.all(context)
        listed = [name for name in needs if name[0] in "<.#@"]
        if not listed:
            return part.all(context)
        token = min(listed, key=lambda name: len(self.by_token[name]))
        candidates = self.by_token[token]
        keys = self._keys.get(token)
        if keys is None:
            keys = self._keys[token] = [self.positions[element] for element in candidates]
        # The elements inside the context: after it, up to its last descendant.
        first = bisect.bisect_right(keys, start)
        last = bisect.bisect_right(keys, self._end(context))
        if part.plain:
            rest = [name for name in listed if name != token]
            if not rest:
                return candidates[first:last]
            return [e for e in candidates[first:last] if all(_has(e, name) for name in rest)]
        return [element for element in candidates[first:last] if part.matches(element)]


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
