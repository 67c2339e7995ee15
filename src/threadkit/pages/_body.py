"""The body of an article from elsewhere: its running text, without the page around it.

One walk over the page, in document order with each element's start and end,
does all the work, so the cost grows with the size of the page and nothing
else, whatever its nesting:

- at an element's start, whatever can never be article text is left out
  with everything in it: navigation, asides, footers, forms, scripts,
  hidden parts, the comment region the comment rules found (``exclude``),
  and elements whose ``class``, ``id`` or ``role`` names them as menus,
  share bars, related-article teasers, newsletter boxes, advertisements or
  comment sections (:data:`UNLIKELY`, words in several languages), unless
  they also name themselves as content (:data:`MAYBE`);
- at its end, the element's text length, link text length and paragraph
  count are known (its children ended before it): a paragraph, a ``<p>``
  or any block holding a run of text of its own, adds a score to its
  parent and, less, to the two elements above, in the manner of
  Readability: a point, one per comma, one per hundred characters up to
  three. The element is also judged as a whole: one made mostly of links
  (a teaser list, a tag cloud), or a short one named as a byline, a date
  line or a caption, is left out of the text (:func:`_judge`);
- the best-scoring element, less the part of its text that is links, is
  the article; its parent takes over when it scores better, and siblings
  that score well or are good paragraphs join it.

Markup that says where the article is wins over scores: a rule's element
(the opening post of a forum thread), an element marked
``itemprop="articleBody"``, and the element whose text is the schema.org
``articleBody`` that the page's JSON-LD gives.
If the walk finds less than a short article's worth of text, it is done
again without the ``class`` and ``id`` words, which some sites put on their
outermost wrappers ("has-sidebar").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Final

import attrs
from lxml import etree

from threadkit.pages._fields import text_of
from threadkit.pages._page import Page, line

__all__ = ["Body", "find_body"]

# Elements that are never article text, whatever they hold.
_NEVER: Final = frozenset(
    {
        "nav",
        "aside",
        "footer",
        "form",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "button",
        "select",
        "textarea",
        "input",
        "label",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "map",
        "dialog",
        "menu",
        "head",
        "title",
        "figcaption",
    }
)
# ARIA roles that mark the page around the article.
_ROLES: Final = frozenset(
    {
        "navigation",
        "banner",
        "complementary",
        "contentinfo",
        "search",
        "dialog",
        "menu",
        "menubar",
        "toolbar",
        "alert",
        "alertdialog",
        "tablist",
    }
)
# Elements that hold running text (a paragraph's worth) of their own.
_PARAGRAPHS: Final = frozenset(
    {
        "p",
        "pre",
        "blockquote",
        "td",
        "dd",
        "li",
        "div",
        "section",
        "article",
        "main",
        "center",
        "body",
    }
)
# Elements whose text flows inside the block holding them.
_INLINE: Final = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "br",
        "wbr",
        "img",
        "acronym",
        "big",
        "strike",
        "tt",
    }
)
# Where a candidate starts, by its tag (Readability's weights).
_TAG_WEIGHT: Final = {
    "div": 5.0,
    "article": 8.0,
    "main": 5.0,
    "section": 3.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "address": -3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "dd": -3.0,
    "dt": -3.0,
    "li": -3.0,
    "form": -3.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
    "h4": -5.0,
    "h5": -5.0,
    "h6": -5.0,
    "th": -5.0,
}

# Words in class and id values, each a whole token or a part of one between
# "-" and "_" ("comment-list", "post_share"): English, German, French,
# Spanish, Italian, Portuguese, Dutch.
_B = r"(?:^|[\s_-])"
_E = r"(?:$|[\s_-])"
COMMENTS: Final = re.compile(
    _B + r"(?:comments?|commentlist|comment-?list|respond|disqus\w*|kommentare?|"
    r"commentaires?|comentarios?|commenti|reacties|leserkommentare)" + _E,
    re.IGNORECASE,
)
"""Class and id words of a comment section, in several languages."""
UNLIKELY: Final = re.compile(
    _B
    + r"(?:ads?|adv|advert\w*|anzeigen?|werbung|publicit[eé]|publicidad|pubblicit[aà]|sponsor\w*|"
    r"banner|breadcrumbs?|crumbs?|combx|community|cookies?|consent|gdpr|cmp|"
    r"comments?|commentlist|commentary|respond|replies|disqus\w*|discussion|kommentare?|"
    r"commentaires?|comentarios?|commenti|reacties|leserkommentare|"
    r"footer|masthead|menu|menus|navbar|nav|navigation|topbar|subnav|"
    r"pagination|pager|paywall|popup|modal|overlay|lightbox|"
    r"newsletters?|subscribe|subscription|signup|abo|abonnement|"
    r"donate|donations?|spenden?|support-?us|membership|steady|cta|call-?to-?action|"
    r"related|similar|recommend\w*|teasers?|more-?stories|read-?more|readmore|"
    r"outbrain|taboola|plista|ligatus|zergnet|"
    r"aehnliche?|ähnliche?|verwandte|empfehlung\w*|lesetipps?|weiterlesen|"
    r"share\w*|sharing|social\w*|sociable|teilen|partager|compartir|condividi|"
    r"shoutbox|sidebar|skyscraper|widget\w*|toolbar|tools|print|"
    r"tags?|tagcloud|tag-?list|keywords|schlagworte|"
    r"author-?box|author-?bio|about-?the-?author|about-?author|autorbox|autoren?box|"
    r"byline|rss|login|jump|skip|hidden|sr-only|screen-reader-text|visually-hidden)" + _E,
    re.IGNORECASE,
)
"""Class and id words of parts of a page that are not the article."""
MAYBE: Final = re.compile(
    _B + r"(?:article|articles|body|content|main|entry|post|story|text|column|hentry|"
    r"artikel|inhalt|beitrag|texte|contenu|contenido|cuerpo|corpo|testo|noticia|nota)" + _E,
    re.IGNORECASE,
)
"""Class and id words that say "content", which keep an element :data:`UNLIKELY` would drop."""
_POSITIVE: Final = re.compile(
    _B + r"(?:article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|"
    r"artikel|artikeltext|inhalt|beitrag|fliesstext|texte|contenu|contenido|cuerpo|"
    r"corpo|testo|noticia|articlebody|article-?body|article-?content|entry-?content|"
    r"post-?content|post-?body|story-?body|rich-?text|prose)" + _E,
    re.IGNORECASE,
)
_NEGATIVE: Final = re.compile(
    _B + r"(?:hidden|banner|combx|comments?|com|contact|foot|footer|footnote|gdpr|masthead|"
    r"media|meta|outbrain|promo\w*|related|scroll|share\w*|shoutbox|sidebar|skyscraper|"
    r"sponsor\w*|shopping|tags?|tool|tools|widget\w*|teasers?|newsletters?|ads?|"
    r"kommentare?|commentaires?|comentarios?|werbung|anzeige|caption|credit|copyright|"
    r"author|autor|auteur|autore|bio|byline|date|dateline|time|timestamp|info|infobox|"
    r"breadcrumbs?|pagination|nav|navigation|menu|social|subscribe|signup)" + _E,
    re.IGNORECASE,
)
# Short parts named as a byline, a date line, a caption, an author's box or a
# list of tags: left out of the text when they are short.
_META: Final = re.compile(
    _B + r"(?:meta|metadata|byline|bylines|dateline|date|dates|time|timestamp|posted|"
    r"posted-?on|published|pubdate|updated|author|authors|autor|autoren|auteur|"
    r"author-?info|author-?name|caption|captions|wp-caption-text|credit|credits|"
    r"copyright|license|licence|lizenz|citation|citat\w*|zitiervorschlag|"
    r"bildunterschrift|legende|légende|bildnachweis|foto|photo-?credit|"
    r"info|infos|tags|categories|category|cats|kicker|breadcrumb|rubrik)" + _E,
    re.IGNORECASE,
)
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COMMAS: Final = re.compile("[,，、،;]")
# The opening words of a body to find in the page: the first this many characters.
_ANCHOR = 60
# How far above the best candidate the parts of an article are looked for.
_LEVELS = 12
# Less text than this and the walk is done again without class and id words.
_SHORT = 250


@attrs.frozen
class Body:
    """The article's text and the element it was taken from."""

    text: str
    element: etree._Element | None
    """The element holding the article (``None`` when nothing was found)."""
    links: list[tuple[str, str]] = attrs.Factory(list)
    """The links of the text whose text is not their address: ``(text, address)``."""


def _attributes(element: etree._Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def class_weight(element: etree._Element) -> float:
    """What the ``class`` and ``id`` of *element* say of it: +25 content, -25 not."""
    words = _attributes(element)
    if not words.strip():
        return 0.0
    weight = 0.0
    if _POSITIVE.search(words):
        weight += 25.0
    if _NEGATIVE.search(words):
        weight -= 25.0
    return weight


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Stats:
    """What one element holds, summed up over its text and descendants."""

    __slots__ = ("commas", "inline", "inline_links", "links", "paragraphs", "text")

    def __init__(self) -> None:
        self.text = 0  # characters of text (white space runs as one)
        self.links = 0  # of which inside links
        self.inline = 0  # characters of the element's own running text
        self.inline_links = 0
        self.commas = 0
        self.paragraphs = 0  # paragraphs in it, itself included

    def density(self) -> float:
        """How much of the text is link text, 0 to 1."""
        return self.links / self.text if self.text else 0.0


def _length(text: str | None) -> tuple[int, int]:
    # Characters of *text* with white space runs counted once, and its commas.
    if not text:
        return 0, 0
    words = text.split()
    if not words:
        return 0, 0
    joined = " ".join(words)
    return len(joined), len(_COMMAS.findall(joined))


class _Walk:
    """The one walk over the page: what to leave out, the stats, the scores."""

    def __init__(
        self,
        root: etree._Element,
        excluded: Collection[etree._Element],
        *,
        use_classes: bool,
    ) -> None:
        self.excluded = excluded
        self.use_classes = use_classes
        self.dropped: set[etree._Element] = set()
        self.stats: dict[etree._Element, _Stats] = {}
        self.scores: dict[etree._Element, float] = {}
        self.paragraphs: list[etree._Element] = []
        # Every element seen, in document order, released last and from the
        # end: lxml frees an element's handle by looking up the tree for
        # another handle, so handles released parents first cost the square
        # of the depth on a deep page; children first, nothing.
        self.alive: list[etree._Element] = []
        self._run(root)

    def _leave_out(self, element: etree._Element, tag: str) -> bool:
        if element in self.excluded or tag in _NEVER or _hidden(element):
            return True
        role = element.get("role")
        if role and role.strip().lower() in _ROLES:
            return True
        if tag in ("html", "body", "main", "a"):
            return False
        if not self.use_classes:
            # Even read without class words, a comment section is no body.
            words = _attributes(element)
            return bool(COMMENTS.search(words)) and MAYBE.search(words) is None
        if tag == "header":
            # The page's header (logo, menus) or the article's (headline,
            # byline, dek: fields of their own).
            return True
        words = _attributes(element)
        if not words.strip() or not UNLIKELY.search(words):
            return False
        return MAYBE.search(words) is None

    def _run(self, root: etree._Element) -> None:
        stack: list[_Stats] = []
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag
            if not isinstance(tag, str):
                # A comment or processing instruction: only its tail counts.
                if event == "end" and stack:
                    size, commas = _length(element.tail)
                    stack[-1].text += size
                    stack[-1].inline += size
                    stack[-1].commas += commas
                continue
            tag = tag.lower()
            if event == "start":
                if element is not root and self._leave_out(element, tag):
                    self.dropped.add(element)
                    walker.skip_subtree()
                    # Its tail still belongs to the parent.
                    if stack:
                        size, commas = _length(element.tail)
                        stack[-1].text += size
                        stack[-1].inline += size
                        stack[-1].commas += commas
                    continue
                self.alive.append(element)
                stats = _Stats()
                size, commas = _length(element.text)
                stats.text = stats.inline = size
                stats.commas = commas
                if tag == "a":
                    stats.links = stats.inline_links = size
                stack.append(stats)
                continue
            if element in self.dropped:
                continue
            stats = stack.pop()
            if tag == "a":
                stats.links = stats.text
                stats.inline_links = stats.inline
            self.stats[element] = stats
            if tag in _PARAGRAPHS and stats.inline >= 25:
                stats.paragraphs += 1
                self.paragraphs.append(element)
                self._score(element, stats, stack)
            if stack:
                parent = stack[-1]
                parent.text += stats.text
                parent.links += stats.links
                parent.paragraphs += stats.paragraphs
                if tag in _INLINE:
                    parent.inline += stats.inline
                    parent.inline_links += stats.inline_links
                    parent.commas += stats.commas
                size, commas = _length(element.tail)
                parent.text += size
                parent.inline += size
                parent.commas += commas
            if element is not root and self._judge(element, tag, stats):
                self.dropped.add(element)

    def _score(self, element: etree._Element, stats: _Stats, stack: list[_Stats]) -> None:
        # A paragraph's points go to the three elements above it: all to its
        # parent, half to the next, a sixth to the one above that.
        if stats.inline_links > stats.inline * 0.5:
            return
        points = 1.0 + stats.commas + min(stats.inline // 100, 3)
        node = element.getparent()
        for divider in (1.0, 2.0, 6.0):
            if node is None:
                break
            score = self.scores.get(node)
            if score is None:
                score = _TAG_WEIGHT.get(str(node.tag).lower(), 0.0)
                if self.use_classes:
                    score += class_weight(node)
                if node.get("itemprop") == "articleBody":
                    score += 50.0
            self.scores[node] = score + points / divider
            node = node.getparent()

    def _judge(self, element: etree._Element, tag: str, stats: _Stats) -> bool:
        """Whether *element*, now that its text is known, is left out of the text."""
        if tag == "a" or stats.text == 0:
            # Links are judged with the text around them; an empty element
            # leaves nothing anyway.
            return False
        density = stats.density()
        words = _attributes(element) if self.use_classes else ""
        if words.strip() and stats.text < 250 and stats.paragraphs <= 1 and _META.search(words):
            return True  # a byline, a date line, a caption, a list of tags
        if tag in _INLINE:
            return False
        if density > 0.5 and stats.text < 3000:
            return True  # mostly links: teasers, tag lists, share bars, menus
        if tag == "p" or not words.strip():
            return False
        weight = class_weight(element)
        return weight < 0 and (density > 0.25 or stats.paragraphs == 0) and stats.text < 1000


def _final(walk: _Walk, element: etree._Element) -> float:
    # A candidate's score, less the share of its text that is links.
    stats = walk.stats.get(element)
    if stats is None or element in walk.dropped:
        return 0.0
    return walk.scores.get(element, 0.0) * (1.0 - stats.density())


def _top(walk: _Walk) -> etree._Element | None:
    ranked = sorted(
        ((score, element) for element in walk.scores if (score := _final(walk, element)) > 0),
        key=lambda pair: -pair[0],
    )[:5]
    if not ranked:
        return None
    top_score, best = ranked[0]
    # When the best few are parts of one whole (sections of a long article,
    # each with its own wrapper), the element holding most of them is the
    # article.
    close = [element for score, element in ranked[1:] if score >= top_score * 0.75]
    if len(close) >= 2:
        # The nearest element above *best* that holds two of them, within a
        # few levels (each one's ancestors, counted once).
        holders: dict[etree._Element, int] = {}
        for element in close:
            node = element.getparent()
            for _ in range(_LEVELS):
                if node is None:
                    break
                holders[node] = holders.get(node, 0) + 1
                node = node.getparent()
        node = best.getparent()
        for _ in range(_LEVELS):
            if node is None or node.tag in ("body", "html"):
                break
            if holders.get(node, 0) >= 2:
                best = node
                break
            node = node.getparent()
    # An article in parts, each in a wrapper of the same kind ("section
    # class=chapter"): the element holding the wrappers is the article.
    wrapper = best.getparent()
    for _ in range(2):
        if wrapper is None or wrapper.tag in ("body", "html"):
            break
        kind = wrapper.get("class")
        holder = wrapper.getparent()
        if kind and holder is not None and holder.tag not in ("body", "html"):
            for sibling in holder:
                if (
                    sibling is not wrapper
                    and sibling.tag == wrapper.tag
                    and sibling.get("class") == kind
                    and _final(walk, sibling) >= top_score * 0.2
                ):
                    best = holder
                    break
            if best is holder:
                break
        wrapper = holder
    # A parent that scores better takes over: the article was split in parts.
    threshold = top_score / 3
    last = _final(walk, best) or top_score
    node = best.getparent()
    while node is not None and node.tag not in ("body", "html"):
        if node not in walk.scores:
            node = node.getparent()
            continue
        score = _final(walk, node)
        if score < threshold:
            break
        if score > last:
            best = node
            break
        last = score
        node = node.getparent()
    return best


def _parts(walk: _Walk, top: etree._Element) -> list[etree._Element]:
    """*top* and those of its siblings that belong to the article, in order."""
    parent = top.getparent()
    if parent is None:
        return [top]
    top_score = _final(walk, top)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class")
    parts = []
    for sibling in parent:
        if sibling is top:
            parts.append(sibling)
            continue
        if not isinstance(sibling.tag, str) or sibling in walk.dropped:
            continue
        info = walk.stats.get(sibling)
        if info is None:
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
        score = _final(walk, sibling) + bonus
        if sibling in walk.scores and score >= threshold:
            parts.append(sibling)
        elif sibling.tag in _PARAGRAPHS:
            # A paragraph, or a block holding one of its own ("div.lead").
            density = info.density()
            if (info.inline > 80 and density < 0.25) or (
                0 < info.inline <= 80 and density == 0 and _ends_sentence(sibling)
            ):
                parts.append(sibling)
    return parts


def _ends_sentence(element: etree._Element) -> bool:
    text = _own_text(element)
    return text.endswith((".", "!", "?", "…", "。", "！", "？", '"', "“", "”", "»", "«"))


def _anchored(walk: _Walk, opening: str, length: int) -> etree._Element | None:
    """The element whose text is a body that starts with *opening* and is *length* long.

    The paragraph holding the opening words, or the nearest element above it
    holding (almost) that much text.
    """
    for paragraph in walk.paragraphs:
        text = _own_text(paragraph)
        if opening not in text:
            continue
        node: etree._Element | None = paragraph
        while node is not None and node.tag not in ("body", "html"):
            stats = walk.stats.get(node)
            if stats is not None and stats.text >= length * 0.8:
                # Much more text than the markup's: a wrapper of the whole page.
                return node if stats.text <= length * 3 + 2000 else None
            node = node.getparent()
        return None
    return None


def _own_text(element: etree._Element) -> str:
    """The running text of *element* itself, without the blocks inside it."""
    pieces = [element.text or ""]
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if node is element:
            continue
        if event == "start":
            if not isinstance(node.tag, str) or node.tag.lower() not in _INLINE:
                walker.skip_subtree()
            else:
                pieces.append(node.text or "")
            continue
        pieces.append(node.tail or "")
    return line(" ".join(pieces)) or ""


def _render(
    page: Page,
    parts: list[etree._Element],
    walk: _Walk,
    skip: Callable[[etree._Element], bool] | None,
    links: list[tuple[str, str]],
) -> str:
    dropped = walk.dropped

    def leave_out(node: etree._Element) -> bool:
        return node in dropped or (skip is not None and skip(node))

    texts = []
    for part in parts:
        if leave_out(part):
            continue
        text = text_of(part, page, skip=leave_out, links=links).strip()
        if text:
            texts.append(text)
    return "\n\n".join(texts)


def find_body(
    page: Page,
    *,
    exclude: Collection[etree._Element] = (),
    element: etree._Element | None = None,
    stated: str | None = None,
    skip: Callable[[etree._Element], bool] | None = None,
) -> Body:
    """The article text of *page*, from the best place the page offers.

    Args:
        page: The page.
        exclude: Elements never part of the body (the comment region).
        element: Where a comment rule says the article is (a forum thread's
            first post); it is taken as it is, less the boilerplate in it.
        stated: The text the page's schema.org ``articleBody`` gives: the
            element holding it is the body, when one does.
        skip: Further elements to leave out of the text (the headline, the
            byline and the dek, which the article has as fields).

    Returns:
        The text and the element it came from.
    """
    excluded = frozenset(exclude)
    if element is not None:
        walk = _Walk(element, excluded, use_classes=True)
        links: list[tuple[str, str]] = []
        return Body(_render(page, [element], walk, skip, links), element, links)
    root = page.root.find("body")
    if root is None:
        root = page.root
    found = Body("", None)
    for use_classes in (True, False):
        walk = _Walk(root, excluded, use_classes=use_classes)
        top = _top(walk)
        hinted = _hinted(walk, top, stated)
        if hinted is not None:
            top, parts = hinted, [hinted]
        elif top is not None:
            parts = _parts(walk, top)
        else:
            # No paragraph anywhere: a short page is its own body, less the
            # navigation and the rest around it.
            top, parts = root, [root]
        links = []
        text = _render(page, parts, walk, skip, links)
        if len(text) > len(found.text):
            found = Body(text, top, links)
        if len(found.text) >= _SHORT:
            break
    return found


def _hinted(walk: _Walk, top: etree._Element | None, stated: str | None) -> etree._Element | None:
    # Markup that names the article's element: itemprop=articleBody, or the
    # element holding the schema.org articleBody's text.
    # The page's own word for it wins however short the article is; of
    # several, the one with the most text.
    marked = [
        (stats.text, element)
        for element, stats in walk.stats.items()
        if element.get("itemprop") == "articleBody" and stats.text and element not in walk.dropped
    ]
    if marked:
        return max(marked, key=lambda pair: pair[0])[1]
    if not stated:
        return None
    text = line(stated) or ""
    truncated = text.endswith(("...", "…", "[…]", "[...]"))
    cut = text.rstrip(".…[] ")
    opening = cut[:_ANCHOR]
    if len(opening) < 20 or truncated:
        # An excerpt says where the article starts, not where it ends.
        return None
    anchor = _anchored(walk, opening, len(cut))
    if anchor is None or top is None:
        return anchor
    # The scores found a part of the text, or something else: the markup knows
    # better. They found more than the markup's element: a summary it was.
    node: etree._Element | None = anchor
    while node is not None:
        if node is top:
            return None
        node = node.getparent()
    return anchor
