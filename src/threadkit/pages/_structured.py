"""schema.org items of a page: JSON-LD, microdata and RDFa, read into one shape.

Every item becomes an :class:`Item` (its types, its properties, its
identifier), whatever markup carried it, so that the article's metadata
(:mod:`threadkit.pages._metadata`) and the comment finder
(:mod:`threadkit.pages._systems.schemaorg`) read them the same way. Types
and property names are reduced to their local names in lower case
(``http://schema.org/NewsArticle`` and ``schema:NewsArticle`` are both
``newsarticle``).

Comments are the ``Comment`` (or older ``UserComments``) items of the page,
and the untyped values of ``comment`` properties, in document order; a
``CorrectionComment`` is an editor's correction and is left out. A comment
held by another comment's ``comment`` property, or whose ``parentItem``
names another comment, is a reply to it (:func:`comment_tree`).

Values are cleaned up as the model wants them: white space in line fields
is collapsed, HTML in text values becomes paragraphs and line breaks, dates
without a UTC offset are reported apart (the model only holds aware
datetimes), and characters the model refuses are dropped.

Everything here is iterative: deeply nested markup or JSON cannot exhaust
the stack.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import TypeAlias, cast

from lxml import etree

from threadkit._forest import break_cycles
from threadkit._html_text import to_text
from threadkit._values import INT64, REFUSED, shared_zone
from threadkit.model import Author, CommentState

FORMAT = "html"

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "analysisnewsarticle",
        "askpublicnewsarticle",
        "backgroundnewsarticle",
        "opinionnewsarticle",
        "reportagenewsarticle",
        "reviewnewsarticle",
        "satiricalarticle",
        "advertisercontentarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "discussionforumposting",
        "techarticle",
        "scholarlyarticle",
        "medicalscholarlyarticle",
        "report",
    }
)
_COMMENT_TYPES = frozenset({"comment", "usercomments"})
_NOT_COMMENTS = frozenset({"correctioncomment"})


class Item:
    """A schema.org item from JSON-LD or microdata: types, properties, identifier."""

    __slots__ = ("element", "id", "props", "types")

    def __init__(self, element: etree._Element | None = None) -> None:
        self.types: set[str] = set()
        self.props: dict[str, list[Value]] = {}
        self.id: str | None = None
        self.element = element

    def add(self, name: str, value: Value) -> None:
        self.props.setdefault(name, []).append(value)

    def values(self, *names: str) -> list[Value]:
        found: list[Value] = []
        for name in names:
            found.extend(self.props.get(name, ()))
        return found

    def is_reference(self) -> bool:
        return self.id is not None and not self.types and not self.props


Value: TypeAlias = "Item | str | int | float | bool | etree._Element"


def local_name(name: str) -> str:
    """``http://schema.org/NewsArticle``, ``schema:NewsArticle`` -> ``newsarticle``."""
    name = name.strip()
    for separator in ("/", "#", ":"):
        if separator in name:
            name = name.rsplit(separator, 1)[1]
    return name.lower()


# -- JSON-LD ----------------------------------------------------------------------------

_JSONLD_TYPE = "application/ld+json"
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def jsonld_items(root: etree._Element) -> list[Item]:
    """Every item in the page's JSON-LD blocks, top-level ones first in each block."""
    items: list[Item] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != _JSONLD_TYPE:
            continue
        source = _WRAPPERS.sub("", script.text or "")
        try:
            data = json.loads(source, strict=False)
        except (ValueError, RecursionError):
            continue
        items.extend(_convert_jsonld(data))
    return items


def _convert_jsonld(data: object) -> list[Item]:
    # Depth-first over the JSON without recursion; returns every item made.
    made: list[Item] = []
    top = Item()
    stack: list[tuple[Item, str, object]] = [(top, "@graph", data)]
    while stack:
        owner, name, value = stack.pop()
        if isinstance(value, list):
            stack.extend((owner, name, entry) for entry in reversed(value))
            continue
        if not isinstance(value, dict):
            if isinstance(value, str | int | float | bool):
                owner.add(name, value)
            continue
        if "@value" in value:
            literal = value["@value"]
            if isinstance(literal, str | int | float | bool):
                owner.add(name, literal)
            continue
        if "@graph" in value and "@type" not in value:
            stack.append((owner, name, value["@graph"]))
            continue
        item = Item()
        made.append(item)
        owner.add(name, item)
        types = value.get("@type")
        for kind in types if isinstance(types, list) else [types]:
            if isinstance(kind, str):
                item.types.add(local_name(kind))
        identifier = value.get("@id")
        if isinstance(identifier, str):
            item.id = identifier.strip()
        entries = [(key, entry) for key, entry in value.items() if not key.startswith("@")]
        for key, entry in reversed(entries):
            stack.append((item, local_name(key), entry))
        if "@graph" in value:
            stack.append((owner, name, value["@graph"]))
    return made


# -- microdata --------------------------------------------------------------------------

_URL_TAGS = {"a": "href", "area": "href", "link": "href", "img": "src", "audio": "src"}
_URL_TAGS |= {"embed": "src", "iframe": "src", "source": "src", "track": "src", "video": "src"}
_URL_TAGS |= {"object": "data", "meta": "content", "data": "value", "meter": "value"}


def microdata_items(root: etree._Element) -> list[Item]:
    """Every microdata item of the page, in document order."""
    # iterwalk, not iter(): iter() slows down with the square of the nesting depth.
    everything = [e for _, e in etree.iterwalk(root, events=("start",)) if isinstance(e.tag, str)]
    scopes = [element for element in everything if element.get("itemscope") is not None]
    by_element = {scope: Item(scope) for scope in scopes}
    ids: dict[str, etree._Element] = {}
    if any(scope.get("itemref") for scope in scopes):
        ids = {el.get("id") or "": el for el in everything if el.get("id")}
    for scope, item in by_element.items():
        for kind in (scope.get("itemtype") or "").split():
            item.types.add(local_name(kind))
        identifier = scope.get("itemid")
        if identifier:
            item.id = identifier.strip()
        starts = list(scope)
        for ref in (scope.get("itemref") or "").split():
            if ref in ids:
                starts.append(ids[ref])
        stack = starts[::-1]
        seen: set[etree._Element] = set()
        while stack:
            element = stack.pop()
            if element in seen:
                continue
            seen.add(element)
            names = element.get("itemprop")
            nested = element.get("itemscope") is not None
            if names:
                value: Value
                if nested:
                    value = by_element[element]
                else:
                    attribute = _URL_TAGS.get(str(element.tag))
                    if attribute is not None:
                        value = element.get(attribute) or ""
                    elif element.tag == "time" and element.get("datetime"):
                        value = element.get("datetime") or ""
                    elif element.get("content") is not None:
                        # Not in the microdata standard, but common and honoured by
                        # search engines: the value in a content attribute.
                        value = element.get("content") or ""
                    else:
                        value = element
                for name in names.split():
                    item.add(local_name(name), value)
            if not nested and len(element):
                stack.extend(list(element)[::-1])
    return list(by_element.values())


# -- turning values into model fields -----------------------------------------------------

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def _clean(text: str) -> str:
    return REFUSED.sub("", text)


def html_text(element: etree._Element) -> str:
    """The text of an element as paragraphs and line breaks (see :mod:`threadkit._html_text`)."""
    source = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    return _clean(to_text(_clean(source)))


def string_text(value: str) -> str:
    """A JSON-LD string as text: HTML in it becomes paragraphs and line breaks."""
    value = _clean(value)
    if _MARKUP.search(value):
        # Line feeds in a JSON string are the author's: keep them as breaks.
        return _clean(to_text(value, newlines=True))
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _leaf(value: Value, *names: str) -> Value | None:
    """Follow items through their first *names* property down to a plain value.

    Iterative, and safe from items that hold themselves (through ``itemref``).
    """
    seen: set[int] = set()
    while isinstance(value, Item):
        if id(value) in seen:
            return None
        seen.add(id(value))
        found = value.values(*names)
        if not found:
            return None
        value = found[0]
    return value


def text_of(value: Value) -> str:
    """A multi-line text field from any property value."""
    leaf = _leaf(value, "text", "name")
    if leaf is None or isinstance(leaf, bool):
        return ""
    if isinstance(leaf, etree._Element):
        return html_text(leaf)
    return string_text(str(leaf))


def line_of(value: Value) -> str | None:
    """A one-line field from any property value, or ``None`` when empty."""
    leaf = _leaf(value, "name")
    if leaf is None or isinstance(leaf, bool):
        return None
    if isinstance(leaf, etree._Element):
        text = "".join(cast("Iterator[str]", leaf.itertext()))
    else:
        text = str(leaf)
        if _MARKUP.search(text):
            text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    line = _SPACE.sub(" ", _clean(text)).strip()
    return line or None


def url_of(value: Value) -> str | None:
    """An address from a URL-valued property (a string, an item's ``url`` or ``@id``)."""
    if isinstance(value, Item):
        identifier = value.id
        leaf = _leaf(value, "url")
        if leaf is None:
            return line_of(identifier) if identifier else None
        return line_of(leaf)
    return line_of(value)


def date_of(value: Value) -> tuple[datetime | None, str | None]:
    """An aware datetime from a date value; else ``None`` and the raw string."""
    raw = line_of(value)
    if raw is None:
        return None, None
    text = raw.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", raw) else raw
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, raw
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None, raw
    offset = moment.utcoffset()
    assert offset is not None
    if offset.seconds % 60 or offset.microseconds:
        return None, raw
    return shared_zone(moment), None


def int_of(value: Value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if INT64.start <= value < INT64.stop else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < INT64.stop else None
    text = line_of(value)
    if text is None or not re.fullmatch(r"[+-]?[0-9]{1,18}", text):
        return None
    return int(text)


def deref(value: Value, index: dict[str, Item]) -> Value:
    if isinstance(value, Item) and value.is_reference():
        assert value.id is not None
        return index.get(value.id, value)
    return value


def person_of(value: Value, index: dict[str, Item]) -> Author | None:
    value = deref(value, index)
    if isinstance(value, Item):
        names = value.values("name")
        if not names:
            given = " ".join(
                filter(None, (line_of(v) for v in value.values("givenname", "familyname")))
            )
            name = given or None
        else:
            name = line_of(names[0])
        urls = value.values("url", "sameas")
        bios = value.values("description")
        ids = value.values("identifier")
        author = Author(
            name=name,
            url=url_of(urls[0]) if urls else None,
            bio=text_of(bios[0]) if bios else "",
            id=line_of(ids[0] if ids else value.id or ""),
        )
    else:
        author = Author(name=line_of(value))
    return None if author.is_empty() else author


# -- comments ----------------------------------------------------------------------------


def _is_comment(value: Value) -> bool:
    if isinstance(value, Item):
        return bool(value.types & _COMMENT_TYPES) and not value.types & _NOT_COMMENTS
    return False


def comment_tree(items: list[Item], index: dict[str, Item]) -> tuple[list[Value], list[int]]:
    """The comments among *items* in document order, and each one's parent.

    A comment is a ``Comment`` item, or any untyped value of a ``comment``
    property (an element, in microdata); see :func:`comment_fields` for the
    fields of one.

    Args:
        items: The items of one kind of markup (JSON-LD, microdata, RDFa).
        index: Every item of the page by its identifier, for references.

    Returns:
        The comments, and for each the position of the comment it answers
        among them, or ``-1`` for a comment on the article; there are no
        cycles.
    """
    nodes: list[Value] = []
    position: dict[int, int] = {}
    owner_of: dict[int, int] = {}

    def add(value: Value, owner: int) -> None:
        key = id(value)
        if key in position:
            return
        position[key] = len(nodes)
        nodes.append(value)
        if owner >= 0:
            owner_of[position[key]] = owner

    # Comment items in document order; each item's `comment` values right after it.
    for item in items:
        own = position.get(id(item), -1)
        if own < 0 and _is_comment(item):
            add(item, -1)
            own = position[id(item)]
        for value in item.values("comment", "comments"):
            value = deref(value, index)
            if isinstance(value, Item):
                if value.types & _NOT_COMMENTS:
                    continue
                if not (value.types & _COMMENT_TYPES or not value.types):
                    continue
            elif not isinstance(value, etree._Element):
                continue
            add(value, own)
    if not nodes:
        return [], []
    # Keep the document order of items (JSON-LD items are listed depth-first).
    ids: dict[str, int] = {}
    for number, value in enumerate(nodes):
        if isinstance(value, Item):
            if value.id:
                ids.setdefault(value.id, number)
            key = value.element.get("id") if value.element is not None else None
            if key:
                ids.setdefault("#" + key, number)
    parents = [-1] * len(nodes)
    for number, value in enumerate(nodes):
        if number in owner_of:
            parents[number] = owner_of[number]
        elif isinstance(value, Item):
            for link in value.values("parentitem", "inreplyto"):
                link = deref(link, index)
                target = None
                if isinstance(link, Item):
                    target = position.get(id(link))
                    if target is None and link.id:
                        target = ids.get(link.id)
                elif isinstance(link, str):
                    target = ids.get(link.strip())
                    if target is None and "#" in link:
                        target = ids.get("#" + link.rsplit("#", 1)[1])
                if target is not None and target != number:
                    parents[number] = target
                    break
    break_cycles(parents)
    return nodes, parents


def comment_fields(value: Value, index: dict[str, Item]) -> dict[str, object]:
    """Keyword arguments for :class:`~threadkit.Comment` (without replies) from one comment."""
    return _comment_fields(value, index)


def _comment_fields(value: Value, index: dict[str, Item]) -> dict[str, object]:
    if not isinstance(value, Item):
        return {"text": text_of(value)}
    fields: dict[str, object] = {}
    extra: dict[str, object] = {}
    texts = value.values("text", "commenttext", "articlebody", "description")
    fields["text"] = text_of(texts[0]) if texts else ""
    for author_value in value.values("author", "creator"):
        author = person_of(author_value, index)
        if author is not None:
            fields["author"] = author
            break
    for key, label, names in (
        ("published", "dateCreated", ("datecreated", "datepublished", "commenttime")),
        ("edited", "dateModified", ("datemodified",)),
    ):
        for date_value in value.values(*names):
            moment, raw = date_of(date_value)
            if moment is not None:
                fields[key] = moment
                break
            if raw is not None:
                extra.setdefault(label, raw)
    for score_value in value.values("upvotecount"):
        score = int_of(score_value)
        if score is not None:
            fields["score"] = score
            break
    for url_value in value.values("url"):
        url = url_of(url_value)
        if url is not None:
            fields["url"] = url
            break
    identifiers = value.values("identifier")
    # An itemid or @id is cleaned like any other line: it may hold controls.
    identifier = line_of(identifiers[0] if identifiers else value.id or "")
    if identifier:
        fields["id"] = identifier
    for status in value.values("creativeworkstatus"):
        word = (line_of(status) or "").lower()
        for state in (CommentState.DELETED, CommentState.REMOVED, CommentState.SPAM):
            if word.startswith(state.value[:5]):
                fields["state"] = state
        if word.startswith(("pending", "draft")):
            fields["state"] = CommentState.PENDING
    if extra:
        fields["extra"] = extra
    return fields


# -- RDFa ---------------------------------------------------------------------------------

_SCHEMA_IRIS = ("http://schema.org/", "https://schema.org/")
_RDFA_PREFIXES = {"schema": "https://schema.org/"}
"""RDFa's initial context: ``schema:`` needs no declaration."""
_RDFA_VALUE_TAGS = {"a": "href", "area": "href", "link": "href", "img": "src", "audio": "src"}
_RDFA_VALUE_TAGS |= {"embed": "src", "iframe": "src", "source": "src", "video": "src"}


def _schema_term(term: str, vocab: str | None, prefixes: dict[str, str]) -> str | None:
    """The schema.org name (lower case) an RDFa term stands for, or ``None``.

    A term is a full address, a prefixed name (``schema:comment``) or, under
    a ``vocab``, a bare name; only schema.org's terms are kept, so that
    another vocabulary's ``Comment`` (``sioct:Comment``) is not taken for one.
    """
    term = term.strip()
    if not term:
        return None
    if "://" in term:
        iri = term
    elif ":" in term:
        prefix, _, rest = term.partition(":")
        base = prefixes.get(prefix.lower())
        if base is None:
            return None
        iri = base + rest
    elif vocab is not None:
        iri = vocab + term
    else:
        return None
    for namespace in _SCHEMA_IRIS:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace) :].lower()
    return None


def _rdfa_prefixes(element: etree._Element, inherited: dict[str, str]) -> dict[str, str]:
    declared = element.get("prefix")
    namespaces = [
        (str(key)[6:], str(value))
        for key, value in element.attrib.items()
        if str(key).startswith("xmlns:")
    ]
    if not declared and not namespaces:
        return inherited
    prefixes = dict(inherited)
    for name, iri in namespaces:
        prefixes[name.lower()] = iri.strip()
    words = (declared or "").split()
    for position in range(len(words) - 1):
        if words[position].endswith(":"):
            prefixes[words[position][:-1].lower()] = words[position + 1]
    return prefixes


def rdfa_items(root: etree._Element) -> list[Item]:
    """The schema.org items of the page's RDFa (``typeof``, ``property``), in document order.

    RDFa Lite as schema.org's examples write it, with ``vocab``, ``prefix``
    and the ``schema:`` prefix: an element with ``typeof`` is an item, the
    value of its own ``property`` in the item around it; any other
    ``property`` takes its ``content``, a ``<time>``'s ``datetime``, a
    link's address, or the element itself (its text). ``resource`` and
    ``about`` give an item its identifier. Links by ``rel`` are not read.
    """
    items: list[Item] = []
    # (element, the item its properties belong to, vocab, prefixes)
    stack: list[tuple[etree._Element, Item | None, str | None, dict[str, str]]] = [
        (root, None, None, _RDFA_PREFIXES)
    ]
    while stack:
        element, subject, vocab, prefixes = stack.pop()
        declared_vocab = element.get("vocab")
        if declared_vocab is not None:
            vocab = declared_vocab.strip() or None
        prefixes = _rdfa_prefixes(element, prefixes)
        names = [
            name
            for term in (element.get("property") or "").split()
            if (name := _schema_term(term, vocab, prefixes)) is not None
        ]
        inner = subject
        if element.get("typeof") is not None:
            item = Item(element)
            for term in (element.get("typeof") or "").split():
                kind = _schema_term(term, vocab, prefixes)
                if kind is not None:
                    item.types.add(kind)
            identifier = element.get("resource") or element.get("about")
            if identifier and identifier.strip():
                item.id = identifier.strip()
            items.append(item)
            if subject is not None:
                for name in names:
                    subject.add(name, item)
            inner = item
        elif subject is not None and names:
            value: Value
            attribute = _RDFA_VALUE_TAGS.get(str(element.tag))
            if element.get("content") is not None:
                value = element.get("content") or ""
            elif element.tag == "time" and element.get("datetime"):
                value = element.get("datetime") or ""
            elif attribute is not None and element.get(attribute) is not None:
                value = element.get(attribute) or ""
            else:
                value = element
            for name in names:
                subject.add(name, value)
        # Comments and processing instructions are no elements to look into.
        stack.extend(
            (child, inner, vocab, prefixes)
            for child in reversed(element)
            if isinstance(child.tag, str)
        )
    return items
