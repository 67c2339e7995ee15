"""The fields of an article from elsewhere: title, dek, authors, date, site, address, tags.

Each field is taken from the best source that has it, in this order:

1. ``json-ld``: a schema.org ``Article`` item (or a subtype: ``NewsArticle``,
   ``BlogPosting``, ``DiscussionForumPosting``...) in a JSON-LD block;
2. ``microdata``: the same, marked up in the page's elements;
3. ``open graph``: ``og:*`` and ``article:*`` properties;
4. ``meta``: other ``<meta>`` names (``author``, ``keywords``, Dublin Core,
   Twitter cards, ``<link rel=canonical>``);
5. ``html``: what the page shows: its ``<h1>``, the dek under it, the byline
   ("By NAME", "Von NAME", "Par NAME"...), an author's box, a ``<time>``,
   ``rel=tag`` links, and the ``<title>``.

The title is the one a reader sees: the page's ``<h1>`` when it agrees with
the headline the metadata gives (or with the ``<title>``), else that
headline, else the ``<title>`` without the site's name around it. Dates
without a time zone take the page's own UTC offset (that of its
``article:published_time``), else UTC, and their text is kept in
``extra["published_text"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Final

import attrs
from lxml import etree

from threadkit._html_text import element_text
from threadkit.model import Author, JSONValue
from threadkit.pages import _structured as schema
from threadkit.pages._dates import parse_date
from threadkit.pages._fields import clean, date_of
from threadkit.pages._page import Page, line, resolve

__all__ = ["Metadata", "metadata", "strip_site"]

# What separates a headline from the site's name in a <title>: "Title | Site".
_SEPARATOR: Final = re.compile(r"\s+[|»«–—·•/~]\s+|\s+-\s+|\s*::+\s*|\s+\\\\\s+")
# A headline's class: "entry-title", "article__title", "headline".
_TITLE_CLASS: Final = re.compile(
    r"(?:^|[\s_-])(?:entry-?title|post-?title|article-?title|story-?title|headline|"
    r"article-?headline|page-?title)(?:$|[\s_-])",
    re.IGNORECASE,
)
_ENTRY_TITLE: Final = re.compile(
    r"(?:^|[\s_-])(?:entry-?title|post-?title|article-?title)(?:$|[\s_-])", re.IGNORECASE
)
# A dek's class, id or itemprop: standfirst, teaser, lead... in several languages.
_DEK: Final = re.compile(
    r"(?:^|[\s_-])(?:standfirst|dek|deck|subtitle|sub-?title|sub-?headline|subhead|strapline|"
    r"summary|lead|lede|leadtext|intro|introduction|teaser-?text|excerpt|abstract|"
    r"alternativeheadline|vorspann|einleitung|anriss|chapeau|chapo|chapô|"
    r"entradilla|bajada|sumario|copete|sottotitolo|catenaccio|sommario|subtitulo)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A byline's class or id.
_BYLINE: Final = re.compile(
    r"(?:^|[\s_-])(?:byline|bylines|author|authors|author-?name|by-?author|entry-?author|"
    r"post-?author|article-?author|autor|autoren|autorin|auteur|auteurs|autore|autores|"
    r"writer|contributor|reporter|creator|vcard)(?:$|[\s_-])",
    re.IGNORECASE,
)
# An author's box: the writer's picture, name and a few lines about them.
_AUTHOR_BOX: Final = re.compile(
    r"(?:^|[\s_-])(?:author-?bio|author-?box|about-?the-?author|about-?author|author-?info|"
    r"author-?description|author-?details|author-?card|author-?profile|autorbox|autoren-?box|"
    r"autor-?info|autor-?box|biography|bio|bio-?box|auteur-?bio)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A first look for either of the two above: most elements are neither.
_EITHER: Final = re.compile(r"aut|by|writ|contrib|report|creat|vcard|bio", re.IGNORECASE)
# Comment sections: bylines there are commenters.
_COMMENTS: Final = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-?list|respond|replies|kommentare?|"
    r"commentaires?|comentarios?|commenti|disqus\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
# "By NAME" and its forms: English, German, French, Spanish, Portuguese,
# Italian, Dutch, Scandinavian, Polish.
_BY: Final = re.compile(
    r"^\s*(?:(?:written|posted|published|reported)\s+)?(?:by|von|vom|par|por|di|da|door|"
    r"av|af|przez|autor(?:in)?|author|auteur|text|texte|texto|testo)(?:\s*:\s*|\s+)",
    re.IGNORECASE,
)
# Where a byline's names end: a date, a time, a separator, "on"/"am"/"le".
_BYLINE_END: Final = re.compile(
    r"\s*(?:[|•·–—/(]|\s-\s|\b(?:on|am|le|el|il|op|den|updated|aktualisiert|"
    r"veröffentlicht|published|publié|mis à jour)\b|\d).*$",
    re.IGNORECASE | re.DOTALL,
)
# Between names in a byline.
_AND: Final = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\boch\b|\bog\b)\s*")
_DATE_CLASSES: Final = re.compile(
    r"(?:^|[\s_-])(?:date|dates|dateline|time|timestamp|published|pubdate|posted-?on|"
    r"entry-?date|post-?date|article-?date|datum|fecha|data)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Meta names of the publication date, best first.
_DATE_META: Final = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article:published",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "sailthru.date",
    "parsely-pub-date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article.published",
    "date.available",
)
# How many elements after the headline its dek, byline and date may be.
_NEAR = 60
# A dek this long is a standfirst: the article's opening paragraph as well as
# its subtitle (trafilatura's evaluation counts it as main text), where a
# shorter one is a line under the headline.
_LEAD = 80


@attrs.define
class Metadata:
    """What the page says about its article, and where the body search starts."""

    fields: dict[str, Any] = attrs.Factory(dict)
    """Keyword arguments for :class:`~threadkit.Article` (``body`` and ``comments`` aside)."""
    sources: list[str] = attrs.Factory(list)
    """Where the fields came from, best first."""
    shown: set[etree._Element] = attrs.Factory(set)
    """The elements that show the fields (headline, dek, byline, date, author's box)."""
    stated_body: str | None = None
    """The schema.org ``articleBody`` (or ``text``), when the page gives one."""
    lead: str | None = None
    """A dek long enough to be the article's opening paragraph (a standfirst)."""
    described: bool = False
    """The page says it is an article (a schema.org article item, ``og:type`` article)."""


def _norm(text: str | None) -> str:
    # For comparing titles: case, quotes, punctuation and space do not count.
    if not text:
        return ""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _same(shown: str, stated: str, *, leading: bool = False) -> bool:
    """Whether a visible headline is the one *stated* (maybe with the site's name).

    With *leading*, only a headline at the start of the stated one counts
    (a heading that is not marked as the headline must begin the title).
    """
    a, b = _norm(shown), _norm(stated)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if longer.startswith(shorter + " "):
        return True  # the site's name after it
    if leading:
        return False
    if longer.endswith(" " + shorter):
        # The site's name before it; not the site's name alone, which ends
        # many titles ("Headline :: Site") and is a heading of its own.
        return len(shorter) >= 0.5 * len(longer)
    return len(shorter) >= 12 and shorter in longer and len(shorter) >= 0.5 * len(longer)


def strip_site(title: str, site: str | None) -> tuple[str, str | None]:
    """*title* without the site's name before or after it, and that name.

    ``"Bridge opens | The Example News"`` gives ``("Bridge opens", "The
    Example News")``. With *site* known, only a part that names it is
    removed; without it, the shorter end part is taken for the site's name
    when the rest is longer.
    """
    pieces = _SEPARATOR.split(title)
    separators = _SEPARATOR.findall(title)
    # A separator at either end ("Title ::") leaves an empty part: no part.
    while len(pieces) > 1 and not pieces[-1].strip():
        pieces.pop()
        separators.pop()
    while len(pieces) > 1 and not pieces[0].strip():
        pieces.pop(0)
        separators.pop(0)
    parts = [piece.strip() for piece in pieces]
    if len(parts) < 2:
        return parts[0] if parts else title, None
    if site:
        wanted = _norm(site)
        for index in (len(parts) - 1, 0):
            part = _norm(parts[index])
            # The site's name, or a part of it ("Spiegel" for "Der Spiegel").
            if part and (part == wanted or (len(part) >= 4 and part in wanted)):
                if index:
                    return _join(parts[:index], separators[: index - 1]), parts[index]
                return _join(parts[1:], separators[1:]), parts[0]
        return title, None
    # No name to look for: at the strong separators ("|", "»", "::"), the
    # longest part is the headline; at " - " only a short last part is the
    # site's, as headlines hold dashes of their own.
    strong = [number for number, mark in enumerate(separators) if mark.strip() != "-"]
    if strong:
        # The site's name goes last, as a rule; first when that part is much
        # the shorter ("Crier | A long headline about the bridge").
        cut = strong[-1] + 1
        head, tail = _join(parts[:cut], separators[: cut - 1]), _join(parts[cut:], separators[cut:])
        first = strong[0] + 1
        lead, rest = (
            _join(parts[:first], separators[: first - 1]),
            _join(parts[first:], separators[first:]),
        )
        if len(lead) * 2 < len(rest) and len(tail) * 2 >= len(head):
            return rest, lead
        return head, tail
    last = parts[-1]
    if len(last.split()) <= 5 and len(last) * 2 < len(title):
        return _join(parts[:-1], separators[:-1]), last
    return title, None


def _join(parts: Sequence[str], separators: Sequence[str]) -> str:
    out = parts[0]
    for separator, part in zip(separators, parts[1:], strict=False):
        out += separator + part
    return out.strip()


def _following(start: etree._Element, limit: int) -> Iterator[etree._Element]:
    """Up to *limit* elements after *start* in document order, its descendants first."""
    count = 0
    node: etree._Element | None = start
    for inner in start.iterdescendants():
        if count >= limit:
            return
        count += 1
        yield inner
    while node is not None and count < limit:
        for sibling in node.itersiblings():
            for inner in sibling.iter():
                if count >= limit:
                    return
                count += 1
                yield inner
        node = node.getparent()


def elements(root: etree._Element) -> Iterator[etree._Element]:
    """Every element under *root* (itself first), in document order.

    lxml's ``iter()`` slows down with the square of the nesting depth;
    ``iterwalk`` does not, and a hostile page can nest 100,000 elements.
    """
    for _, element in etree.iterwalk(root, events=("start",)):
        if isinstance(element.tag, str):
            yield element


class _Survey:
    """The elements the fields are read from, gathered in one walk over the page."""

    # How many of each kind are kept: the first ones are the page's own.
    _KEEP = 60

    def __init__(self, root: etree._Element) -> None:
        self.headings: list[etree._Element] = []
        self.authors: list[etree._Element] = []  # rel=author
        self.itemprop_authors: list[etree._Element] = []
        self.bylines: list[etree._Element] = []
        self.boxes: list[etree._Element] = []
        self.dates: list[etree._Element] = []
        self.tags: list[etree._Element] = []
        self.scripts: list[etree._Element] = []
        self.title: etree._Element | None = None
        self.microdata = False
        keep = self._KEEP
        for element in elements(root):
            tag = element.tag
            if tag in ("h1", "h2"):
                if len(self.headings) < keep:
                    self.headings.append(element)
            elif tag == "script":
                if (element.get("type") or "").strip().lower() == "application/ld+json":
                    self.scripts.append(element)
                continue
            elif tag == "title" and self.title is None:
                self.title = element
            if element.get("itemscope") is not None:
                self.microdata = True
            rel = (element.get("rel") or "").lower().split()
            if rel:
                if "author" in rel and len(self.authors) < 10:
                    self.authors.append(element)
                if "tag" in rel and tag == "a" and len(self.tags) < 200:
                    self.tags.append(element)
            itemprop = element.get("itemprop")
            if itemprop == "author" and len(self.itemprop_authors) < 10:
                self.itemprop_authors.append(element)
            elif len(self.dates) < 10 and (
                itemprop == "datePublished"
                or (tag == "time" and element.get("pubdate") is not None)
            ):
                self.dates.append(element)
            words = f"{element.get('class') or ''} {element.get('id') or ''}"
            if not words.strip() or tag in ("html", "body", "article"):
                continue
            if _EITHER.search(words) is None:
                continue
            if len(self.bylines) < keep and _BYLINE.search(words):
                self.bylines.append(element)
            if len(self.boxes) < 20 and _AUTHOR_BOX.search(words):
                self.boxes.append(element)


def _inside(element: etree._Element, holders: Sequence[etree._Element], depth: int = 50) -> bool:
    """Whether one of *holders* is among the *depth* elements above *element*."""
    if not holders:
        return False
    node = element.getparent()
    for _ in range(depth):
        if node is None:
            return False
        if node in holders:
            return True
        node = node.getparent()
    return False


def _within(element: etree._Element, regions: Sequence[etree._Element], depth: int = 100) -> bool:
    """Whether *element* is inside one of *regions* or a comment section."""
    node: etree._Element | None = element
    steps = 0
    while node is not None and steps < depth:
        if node in regions:
            return True
        words = f"{node.get('class') or ''} {node.get('id') or ''}"
        if words.strip() and _COMMENTS.search(words):
            return True
        node = node.getparent()
        steps += 1
    return False


def _text(element: etree._Element, limit: int = 5000) -> str | None:
    """The text of *element* on one line; the first *limit* elements of it only."""
    pieces: list[str] = []
    for count, (event, node) in enumerate(etree.iterwalk(element, events=("start", "end"))):
        if count > limit:
            break
        if event == "start":
            if isinstance(node.tag, str):
                pieces.append(node.text or "")
        elif node is not element:
            pieces.append(node.tail or "")
    return line(clean("".join(pieces)))


class _Reader:
    """Collects the fields, noting each field's source."""

    def __init__(self, page: Page, exclude: Sequence[etree._Element]) -> None:
        self.page = page
        self.exclude = exclude
        self.found = Metadata()
        self.extra: dict[str, JSONValue] = {}
        self.survey = survey = _Survey(page.root)
        jsonld = [item for script in survey.scripts for item in schema.jsonld_items(script)]
        microdata = schema.microdata_items(page.root) if survey.microdata else []
        self.index = {
            item.id: item for item in jsonld + microdata if item.id and not item.is_reference()
        }
        self.items = {
            "json-ld": [i for i in jsonld if i.types & schema.ARTICLE_TYPES],
            "microdata": [
                i
                for i in microdata
                if i.types & schema.ARTICLE_TYPES
                and not (i.element is not None and _within(i.element, exclude))
            ],
        }
        self.found.described = bool(self.items["json-ld"] or self.items["microdata"]) or (
            page.meta.get("og:type", "").strip().lower() == "article"
        )
        self.headline: etree._Element | None = None

    def note(self, source: str) -> None:
        """Record that *source* gave a field."""
        if source not in self.found.sources:
            self.found.sources.append(source)

    def set(self, key: str, value: object, source: str) -> None:
        if value is None or value == "" or value == ():
            return
        self.found.fields[key] = value
        self.note(source)

    # -- schema.org ---------------------------------------------------------------------

    def values(self, *names: str) -> Iterator[tuple[schema.Value, str]]:
        for source, items in self.items.items():
            if not items:
                continue
            headline = _headline(items[0])
            for item in items:
                if item is not items[0] and _headline(item) not in (None, headline):
                    continue  # another article of the page (a teaser)
                for value in item.values(*names):
                    yield value, source

    # -- the fields ---------------------------------------------------------------------

    def run(self) -> Metadata:
        meta = self.page.meta
        site, site_source = self.site()
        title, title_source = self.title(site)
        if title is not None:
            shown = _text(self.survey.title) if self.survey.title is not None else None
            if site is None and shown:
                # The name around the headline in the <title>.
                rest, stripped = strip_site(shown, None)
                if stripped and _same(rest, title):
                    site, site_source = stripped, "html"
            self.set("title", title, title_source)
        if site is not None:
            self.set("site", site, site_source)
        self.subtitle()
        self.authors()
        self.published()
        url = self.page.url
        if url is not None:
            self.set("url", url, "meta" if meta.get("canonical") else "open graph")
        else:
            for value, source in self.values("url", "mainentityofpage"):
                found = resolve(schema.url_of(schema.deref(value, self.index)), None)
                if found:
                    self.set("url", found, source)
                    break
        self.tags()
        for value, _ in self.values("articlebody", "text"):
            text = schema.text_of(value) if not isinstance(value, etree._Element) else None
            if text:
                self.found.stated_body = clean(text)
                break
        for value, _ in self.values("commentcount"):
            count = schema.int_of(value)
            if count is not None:
                self.extra["commentCount"] = count
                break
        if self.extra:
            self.found.fields["extra"] = dict(self.extra)
        return self.found

    def site(self) -> tuple[str | None, str]:
        meta = self.page.meta
        name = line(clean(meta.get("og:site_name", "")))
        if name:
            return name, "open graph"
        # The site: who publishes it, or the website it is part of.
        for value, source in self.values("publisher", "sourceorganization", "ispartof"):
            value = schema.deref(value, self.index)
            found = _headline(value) if isinstance(value, schema.Item) else schema.line_of(value)
            if found:
                return clean(found), source
        for key in ("application-name", "apple-mobile-web-app-title", "dc.publisher"):
            name = line(clean(meta.get(key, "")))
            if name:
                return name, "meta"
        return None, "html"

    def headlines(self) -> list[tuple[str, str]]:
        meta = self.page.meta
        found: list[tuple[str, str]] = []
        for value, source in self.values("headline", "name"):
            text = schema.line_of(value)
            if text:
                found.append((clean(text), source))
                break
        for key, source in (
            ("og:title", "open graph"),
            ("twitter:title", "meta"),
            ("dc.title", "meta"),
            ("title", "meta"),
        ):
            text = line(clean(meta.get(key, "")))
            if text:
                found.append((text, source))
        return found

    def title(self, site: str | None) -> tuple[str | None, str]:
        stated = self.headlines()
        element = self.survey.title
        shown_title = _text(element) if element is not None else None
        references = [text for text, _ in stated]
        if shown_title:
            references.append(shown_title)
        headings: list[etree._Element] = []
        for heading in self.survey.headings:
            if not _within(heading, self.exclude) and _text(heading):
                headings.append(heading)
        # The headline shown that agrees with the best stated one, else with
        # another, else with the <title>. An h2 is the headline in themes
        # that say so, or when it begins the title.
        for reference in references:
            for heading in headings:
                text = _text(heading)
                marked = heading.tag == "h1" or _ENTRY_TITLE.search(heading.get("class") or "")
                if text and _same(text, reference, leading=not marked):
                    shown = self._shown(heading)
                    if _norm(reference) == _norm(text) and len(reference) > len(text):
                        # The same words, but the heading's parts (a kicker and
                        # its headline) lost the punctuation between them.
                        return reference, "html"
                    return shown, "html"
        headings = [
            heading
            for heading in headings
            if heading.tag != "h2" or _ENTRY_TITLE.search(heading.get("class") or "")
        ]
        for heading in headings:
            if heading.tag == "h1" and _TITLE_CLASS.search(heading.get("class") or ""):
                # A headline the theme marks as the entry's, though the
                # metadata words it otherwise.
                return self._shown(heading), "html"
        first = next((heading for heading in headings if heading.tag == "h1"), None)
        if stated:
            text, source = stated[0]
            if site or text == shown_title:
                text = strip_site(text, site)[0]
            return text, source
        if shown_title:
            return shown_title, "html"
        if first is not None:
            return self._shown(first), "html"
        return None, "html"

    def _shown(self, heading: etree._Element) -> str | None:
        self.headline = heading
        self.found.shown.add(heading)
        return _text(heading)

    def near(self) -> Iterator[etree._Element]:
        """Elements just after the headline: where deks, bylines and dates are."""
        if self.headline is None:
            return iter(())
        return (e for e in _following(self.headline, _NEAR) if isinstance(e.tag, str))

    def subtitle(self) -> None:
        title = self.found.fields.get("title")
        for value, source in self.values("alternativeheadline"):
            text = schema.line_of(value)
            if text and text != title:
                self.set("subtitle", clean(text), source)
                return
        for element in self.near():
            if element.tag == "h1":
                break
            words = f"{element.get('class') or ''} {element.get('id') or ''}"
            # itemprop="description" marks a dek; class="description" is as
            # often a forum's or a shop's description list.
            dek = bool(words.strip() and _DEK.search(words)) or (
                element.get("itemprop") in ("description", "alternativeHeadline")
            )
            holder = element.getparent()
            if not dek and element.tag == "h2" and holder is not None:
                # An h2 right under the headline, in the same hgroup or header.
                dek = holder.tag in ("hgroup", "header") and (
                    element.getprevious() is self.headline
                )
            if not dek or element.tag in ("meta", "a", "img", "time"):
                continue
            text = _text(element)
            following = element.getnext()
            if text is None and following is not None and following.tag == "p":
                # libxml2 closes a heading at a <p> inside it ("<h2><p>dek</p></h2>"):
                # the dek is the paragraph after the empty heading.
                element, text = following, _text(following)
            if text and 15 <= len(text) <= 600 and text != title:
                if len(text) >= _LEAD:
                    self.found.lead = text
                else:
                    self.found.shown.add(element)
                self.set("subtitle", text, "html")
                return
        # The meta description is not taken: on most pages it is the opening
        # of the body or a summary written for search engines, not the dek a
        # reader sees (see the corpus measure in tests/pages/test_article.py).

    def authors(self) -> None:
        authors: list[Author] = []
        for value, source in self.values("author", "creator"):
            author = schema.person_of(value, self.index)
            if author is not None and author.name is not None:
                authors.append(self._cleaned(author))
                self.note(source)
        if not authors:
            authors = self.meta_authors()
        if all(author.name is None for author in authors):
            # A profile address alone (article:author) says less than a byline.
            authors = self.byline_authors() or authors
        unique: dict[str, Author] = {}
        for author in authors:
            key = (author.name or author.url or "").casefold()
            if key and key not in unique:
                unique[key] = author
        if unique:
            self.found.fields["authors"] = tuple(self.bios(list(unique.values())))

    def _cleaned(self, author: Author) -> Author:
        return Author(
            name=line(clean(author.name or "")),
            url=resolve(author.url, self.page.url),
            bio=clean(author.bio),
            id=author.id,
        )

    def meta_authors(self) -> list[Author]:
        found: list[Author] = []
        for key, source in (
            ("article:author", "open graph"),
            ("author", "meta"),
            ("dc.creator", "meta"),
            ("parsely-author", "meta"),
            ("sailthru.author", "meta"),
        ):
            value = line(clean(self.page.meta.get(key, "")))
            if not value:
                continue
            if value.lower().startswith(("http://", "https://")):
                author = Author(url=value)
            else:
                author = Author(name=value)
            if author not in found:
                found.append(author)
                self.note(source)
            break
        return found

    def byline_authors(self) -> list[Author]:
        # Marked bylines first (rel=author, itemprop=author, .byline), then a
        # "By NAME" line just under the headline.
        found: list[Author] = []
        marked = [
            e
            for e in self.survey.authors
            if e.tag in ("a", "span") and not _within(e, self.exclude)
        ][:5]
        if not marked:
            marked = [e for e in self.survey.itemprop_authors if not _within(e, self.exclude)][:5]
        if not marked:
            near = set(self.near()) if self.headline is not None else None
            for element in self.survey.bylines:
                if len(marked) >= 3:
                    break
                if near is not None and element not in near:
                    continue
                if not _inside(element, marked) and not _within(element, self.exclude):
                    marked.append(element)
        linked = bool(marked) and all(e.get("rel") == "author" for e in marked)
        for element in marked:
            for author in self.named(element):
                if author not in found:
                    found.append(author)
            if found and not linked:
                break  # one byline; rel=author links name one author each
        if not found:
            for element in self.near():
                if element.tag in ("p", "div", "span", "address") and len(element) <= 6:
                    text = _text(element, 50)
                    if text and len(text) < 120 and _BY.match(text):
                        found.extend(self.named(element))
                        if found:
                            break
        if found:
            self.note("html")
        return found

    def named(self, element: etree._Element) -> list[Author]:
        """The authors a byline element names: "By Ana Souza and Tom Berg"."""
        link = element if element.tag == "a" else element.find(".//a[@href]")
        url = resolve(link.get("href"), self.page.url) if link is not None else None
        name_element = element.find(".//*[@itemprop='name']")
        text = _text(name_element if name_element is not None else element)
        if not text or len(text) > 200:
            return []
        text = _BY.sub("", text, count=1)
        text = _BYLINE_END.sub("", text).strip(" ,:;")
        names = [n.strip() for n in _AND.split(text) if n and n.strip()]
        # A name is a few words, not a shouted link ("SHOW ALL ARTICLES OF ...").
        names = [
            n
            for n in names
            if 2 <= len(n) <= 60
            and len(n.split()) <= 4
            and not (n.isupper() and len(n.split()) > 2)
        ]
        if not names:
            return []
        self.found.shown.add(element)
        if len(names) == 1:
            return [Author(name=names[0], url=url)]
        return [Author(name=name) for name in names]

    def bios(self, authors: list[Author]) -> list[Author]:
        """*authors* with the biography an author's box shows under their name."""
        boxes: list[etree._Element] = []
        for element in self.survey.boxes:
            if (
                len(boxes) < 5
                and not _inside(element, boxes)
                and not _within(element, self.exclude)
            ):
                boxes.append(element)
        done = []
        for author in authors:
            if author.bio or author.name is None:
                done.append(author)
                continue
            bio = ""
            for box in boxes:
                text = _text(box) or ""
                if author.name in text and len(text) > len(author.name) + 20:
                    bio = _bio(box, author.name)
                    if bio:
                        self.found.shown.add(box)
                        break
            done.append(attrs.evolve(author, bio=bio) if bio else author)
        return done

    def published(self) -> None:
        for value, source in self.values("datepublished", "datecreated"):
            moment = self.moment(schema.line_of(value))
            if moment is not None:
                self.set("published", moment, source)
                return
        meta = self.page.meta
        for key in _DATE_META:
            moment = self.moment(meta.get(key))
            if moment is not None:
                self.set("published", moment, "open graph" if ":" in key else "meta")
                return
        for element in self._date_elements():
            moment = date_of(element, self.page, self.extra)
            if moment is not None:
                self.found.shown.add(element)
                self.set("published", moment, "html")
                return

    def _date_elements(self) -> Iterator[etree._Element]:
        for element in self.survey.dates:
            if not _within(element, self.exclude):
                yield element
        for element in self.near():
            if element.tag == "time":
                yield element
                continue
            words = f"{element.get('class') or ''} {element.get('id') or ''}"
            if words.strip() and _DATE_CLASSES.search(words) and len(element) <= 4:
                yield element

    def moment(self, value: str | None) -> datetime | None:
        if not value or not value.strip():
            return None
        found = parse_date(value, language=self.page.language, default_offset=self.page.offset)
        if found is None:
            self.extra.setdefault("datePublished", clean(value.strip()))
            return None
        if not found.zone_given:
            self.extra["published_text"] = clean(found.raw)
        return found.moment

    def tags(self) -> None:
        def add(found: list[str], text: str | None) -> None:
            for part in (text or "").split(","):
                tag = line(clean(part))
                if tag and len(tag) <= 100 and tag.casefold() not in {t.casefold() for t in found}:
                    found.append(tag)

        found: list[str] = []
        for value, source in self.values("keywords"):
            text = _headline(value) if isinstance(value, schema.Item) else schema.line_of(value)
            add(found, text)
            if found:
                self.note(source)
        if not found:
            for key, value in _all_meta(self.page, ("article:tag", "og:article:tag")):
                del key
                add(found, value)
            if found:
                self.note("open graph")
        if not found:
            for link in self.survey.tags:
                if not _within(link, self.exclude):
                    add(found, _text(link))
            if found:
                self.note("html")
        if not found:
            for key in ("news_keywords", "keywords"):
                add(found, self.page.meta.get(key))
                if found:
                    self.note("meta")
                    break
        if found:
            self.found.fields["tags"] = tuple(found[:50])


def _headline(item: schema.Value) -> str | None:
    if not isinstance(item, schema.Item):
        return schema.line_of(item)
    for value in item.values("headline", "name"):
        text = schema.line_of(value)
        if text:
            return text
    return None


def _bio(box: etree._Element, name: str) -> str:
    # The sentences of the box: not the lines that name the author, link to
    # their articles or give a date (a byline in a box of its own is no bio).
    lines = []
    for block in _text_lines(box):
        words = block.split()
        digits = sum(character.isdigit() for character in block)
        if len(words) < 6 or _BY.match(block) or digits * 10 > len(block) or block.upper() == block:
            continue
        lines.append(block)
    return "\n\n".join(lines).strip()


def _text_lines(box: etree._Element) -> list[str]:
    text = clean(element_text(box, links=False, quotes=False))
    return [part.strip() for part in text.split("\n") if part.strip()]


def _all_meta(page: Page, names: Sequence[str]) -> Iterator[tuple[str, str]]:
    head = page.root.find("head")
    for element in (head if head is not None else page.root).iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in names:
            yield key, element.get("content") or ""


def metadata(page: Page, exclude: Sequence[etree._Element] = ()) -> Metadata:
    """What *page* says about its article, every field from its best source."""
    return _Reader(page, exclude).run()
