"""HTML to model text: one converter for comment bodies and for pages.

Platforms store comment bodies as HTML fragments (Hacker News, Mastodon,
Disqus, Reddit's ``body_html``) or as WordPress's stored form, HTML in which
a blank line starts a paragraph and a line break is kept; pages from the web
are element trees. :func:`to_text` (a fragment, as a string) and
:func:`element_text` (an lxml element) turn either into a
:mod:`threadkit.model` text value by the same rules:

- block elements (``p``, ``div``, ``blockquote``, headings, lists, ``pre``,
  tables, ``hr``...) are separated by one blank line, ``<br>`` is a line
  break, and no more than one blank line is ever kept in a row;
- list items are lines starting with ``"- "`` (``ul``) or ``"1. "`` (``ol``);
- runs of HTML white space collapse to one space and lines are stripped,
  except inside ``pre``, whose text is kept exactly;
- character references are decoded once, by the HTML parser: ``&amp;lt;``
  becomes ``&lt;``, never ``<``;
- ``script``, ``style`` and ``template`` contents, comments and processing
  instructions are dropped, and images leave nothing;
- with *links*, a link whose text is not its address keeps the address after
  the text, in angle brackets: ``<a href="https://x.org/r">the report</a>``
  becomes ``the report <https://x.org/r>``, and a text that is the address
  cut short (``http://x.org/a-lo...``) is followed by the whole address. Only
  ``http``, ``https`` and ``mailto`` addresses are kept; without *links*, or
  for a link with no text, only the text is;
- with *quotes*, every line of a ``blockquote`` starts with ``"> "`` (one
  more for each level of nesting), as in e-mail, and a ``cite`` in it (the
  quotation's source, "Anna wrote:") is a line of its own.

The caller removes characters the model refuses *before* calling. Neither
front end recurses: a fragment is read as a stream of tags and text by
:class:`html.parser.HTMLParser`, and a tree is walked with
:func:`lxml.etree.iterwalk`, so no nesting depth is too much (comment bodies
can be hostile).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from urllib.parse import urljoin

from lxml import etree

__all__ = ["element_text", "link_text", "to_text"]

_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "ul",
    }
)
_LINES = frozenset({"li", "tr"})
_CELLS = frozenset({"td", "th"})
_SKIPPED = frozenset({"script", "style", "template", "head", "title", "noscript"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_SPACE = " \t\n\r\f"
_KEPT_SCHEMES = ("http://", "https://", "mailto:")


_TEXT, _PRE, _MARK = 0, 1, 2


class _Writer:
    """Collects text and breaks, and joins them into model text."""

    def __init__(self, *, newlines: bool) -> None:
        self.newlines = newlines
        self.lines: list[str] = []
        self.segments: list[tuple[str, int]] = []
        self.breaks = 0
        self.started = False
        # Blockquote nesting now, and for the line being collected.
        self.quotes = 0
        self.line_quotes = 0

    def text(self, value: str | None, *, pre: bool) -> None:
        if not value:
            return
        if pre or self.newlines:
            for index, piece in enumerate(value.split("\n")):
                if index:
                    self.line_break()
                if pre:
                    if piece:
                        self._content(piece, _PRE)
                else:
                    self._inline(piece)
            return
        self._inline(value)

    def mark(self, value: str) -> None:
        self._content(value, _MARK)

    def _inline(self, value: str) -> None:
        if not value.strip(_HTML_SPACE):
            if value and self.segments and not self.breaks:
                self.segments.append((" ", _TEXT))
            return
        self._content(value, _TEXT)

    def _content(self, value: str, kind: int) -> None:
        if self.breaks:
            if self.started:
                self._flush()
                if self.breaks >= 2:
                    self.lines.append("")
            self.breaks = 0
        if not self.segments:
            self.line_quotes = self.quotes
        self.started = True
        self.segments.append((value, kind))

    def line_break(self) -> None:
        """A ``<br>``: one more line break, up to a blank line."""
        self.breaks = min(self.breaks + 1, 2)

    def new_line(self) -> None:
        """A list item or table row: at least a line break."""
        self.breaks = max(self.breaks, 1)

    def block(self) -> None:
        """A block element: a blank line."""
        self.breaks = 2

    def _flush(self) -> None:
        out: list[str] = []
        kinds: list[int] = []
        at_start = True
        after_space = False
        for value, kind in self.segments:
            if kind == _TEXT:
                value = _SPACE.sub(" ", value)
                if at_start or after_space:
                    value = value.lstrip(" ")
                at_start = at_start and not value
                if value:
                    after_space = value.endswith(" ")
            else:
                at_start = kind == _MARK
                after_space = False
            out.append(value)
            kinds.append(kind)
        for index in range(len(out) - 1, -1, -1):
            if kinds[index] != _TEXT:
                break
            out[index] = out[index].rstrip(" ")
            if out[index]:
                break
        line = "".join(out)
        if self.line_quotes and line:
            line = "> " * self.line_quotes + line
        self.lines.append(line)
        self.segments = []

    def result(self) -> str:
        if self.segments:
            self._flush()
        return "\n".join(self.lines).strip("\n")


def link_text(text: str, href: str | None, base: str | None = None) -> str:
    """What a link leaves in model text: its *text*, and its address when that differs.

    *href* is resolved against *base* when there is one. The address follows
    the text in angle brackets (``the report <https://x.org/r>``) unless the
    text is the address itself, with or without its scheme or ``www.``, or
    the link has no text, or the address is not ``http``, ``https`` or
    ``mailto`` (a fragment, ``javascript:``): then the text alone is kept.
    """
    shown = _SPACE.sub(" ", text).strip(" ")
    address = _address(href, base)
    if address is None or not shown or _bare(shown) == _bare(address):
        return shown
    return f"{shown} <{address}>"


def _address(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip(_HTML_SPACE)
    if href.startswith("#"):
        return None  # a place in the same page
    if base and not href.lower().startswith(_KEPT_SCHEMES):
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    lowered = href.lower()
    if not lowered.startswith(_KEPT_SCHEMES) or lowered in _KEPT_SCHEMES:
        return None
    if _SPACE.search(href):
        return None
    return href


def _bare(address: str) -> str:
    lowered = address.lower()
    for prefix in _KEPT_SCHEMES:
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix) :]
            break
    if lowered.startswith("www."):
        lowered = lowered[4:]
    return lowered.rstrip("/")


class _Events:
    """Turns a stream of start tags, text and end tags into model text."""

    def __init__(
        self, *, newlines: bool, links: bool, quotes: bool, base: str | None = None
    ) -> None:
        self.writer = _Writer(newlines=newlines)
        self.links = links
        self.quotes = quotes
        self.base = base
        self.pre_depth = 0
        self.skip_depth = 0
        # One entry per open list: the next number for "ol", or None for "ul".
        self.lists: list[int | None] = []
        # Text is held until the next tag, to know whether a block follows it.
        self.pending: list[str] = []
        self.pending_after_break = True
        self.after_break = True
        self.pre_opened = False
        # The open links: each one's address and the text seen inside it.
        self.open_links: list[tuple[str | None, list[str]]] = []
        # Without links in the text, where their (text, address) pairs go.
        self.collected: list[tuple[str, str]] | None = None

    def data(self, data: str) -> None:
        if self.skip_depth or not data:
            return
        if self.pre_opened:
            # As in browsers, a line feed just after <pre> is not content.
            if data.startswith("\n"):
                data = data[1:]
            self.pre_opened = False
        if not self.pending:
            self.pending_after_break = self.after_break
        self.pending.append(data)
        for _, seen in self.open_links:
            seen.append(data)

    def _flush(self, *, before_break: bool) -> None:
        if not self.pending:
            return
        text = "".join(self.pending)
        self.pending = []
        writer = self.writer
        if writer.newlines and not self.pre_depth:
            if self.pending_after_break:
                text = text.lstrip(_HTML_SPACE)
            if before_break:
                text = text.rstrip(_HTML_SPACE)
        writer.text(text, pre=self.pre_depth > 0)

    def start(self, tag: str, attributes: Mapping[str, str | None]) -> None:
        if tag in _SKIPPED:
            self._flush(before_break=False)
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        breaking = _breaking(tag)
        self._flush(before_break=breaking)
        writer = self.writer
        self.pre_opened = False
        if tag in _BLOCKS:
            writer.block()
        elif tag in _LINES:
            writer.new_line()
        if tag == "pre":
            self.pre_depth += 1
            self.pre_opened = True
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "ol":
            self.lists.append(1)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if number is None:
                writer.mark("- ")
            else:
                self.lists[-1] = number + 1
                writer.mark(f"{number}. ")
        elif tag in _CELLS:
            writer.text(" ", pre=False)
        elif tag == "br":
            writer.line_break()
        elif tag == "blockquote" and self.quotes:
            writer.quotes += 1
        elif tag == "cite" and writer.quotes:
            # A quotation's source ("Anna wrote:") is a line of its own.
            writer.new_line()
        elif tag == "a" and (self.links or self.collected is not None):
            self.open_links.append((attributes.get("href"), []))
        self.after_break = breaking

    def end(self, tag: str) -> None:
        if self.skip_depth:
            if tag in _SKIPPED:
                self.skip_depth -= 1
            return
        if tag in _VOID:
            return
        breaking = _breaking(tag)
        if tag == "a" and self.open_links:
            self._close_link()
        self._flush(before_break=breaking)
        writer = self.writer
        self.pre_opened = False
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "blockquote" and self.quotes and writer.quotes:
            writer.quotes -= 1
        elif tag == "cite" and writer.quotes:
            writer.new_line()
        if tag in _BLOCKS:
            writer.block()
        elif tag in _LINES:
            writer.new_line()
        self.after_break = breaking

    def _close_link(self) -> None:
        href, seen = self.open_links.pop()
        shown = "".join(seen)
        kept = link_text(shown, href, self.base)
        if kept == _SPACE.sub(" ", shown).strip(" "):
            return
        address = kept[kept.rindex(" <") :]
        if self.collected is not None and not self.links:
            self.collected.append((kept[: -len(address)], address[2:-1]))
            return
        self._flush(before_break=False)
        self.writer.text(address, pre=False)

    def result(self) -> str:
        self._flush(before_break=True)
        return self.writer.result()


def _breaking(tag: str) -> bool:
    return tag in _BLOCKS or tag in _LINES or tag == "br"


def to_text(html: str, *, newlines: bool = False, links: bool = False, quotes: bool = False) -> str:
    """Plain text, with paragraphs and line breaks, from the HTML fragment *html*.

    With *newlines*, a line feed in the text counts as a line break and a
    blank line as a paragraph break, as WordPress stores posts and comments;
    line feeds next to a block tag are layout and do not count. *links* and
    *quotes* keep link addresses and mark quotations (see the module).
    """
    if not html or not html.strip(_HTML_SPACE):
        return ""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    events = _Events(newlines=newlines, links=links, quotes=quotes)
    if "<" not in html and "&" not in html:
        events.data(html)
        return events.result()
    reader = _Reader(events)
    reader.feed(html)
    reader.close()
    return events.result()


def element_text(
    element: etree._Element,
    *,
    skip: Callable[[etree._Element], bool] | None = None,
    links: bool = True,
    quotes: bool = True,
    base: str | None = None,
    quoted: Callable[[etree._Element], bool] | None = None,
    collect: list[tuple[str, str]] | None = None,
) -> str:
    """Plain text, with paragraphs and line breaks, from an lxml HTML *element*.

    The element's own tail is not part of it. Elements for which *skip*
    returns true are left out with everything inside them (their tail text
    stays). Relative link addresses are resolved against *base*. Elements
    for which *quoted* returns true are quotations as a ``<blockquote>`` is
    (a forum's ``<div class="quote">``), unless they hold a ``<blockquote>``
    (then that is the quotation). *element* itself is never quoted,
    even when it is a ``<blockquote>``: some forums hold every post's text
    in one, and a text is not a quotation of itself. With *links* false and
    a *collect* list, each link whose text is not its address is appended
    to *collect* as ``(text, address)`` instead of being written.
    """
    events = _Events(newlines=False, links=links, quotes=quotes, base=base)
    if collect is not None:
        events.collected = collect
    walker = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    as_quotes: set[etree._Element] = set()
    for event, node in walker:
        tag = node.tag
        if not isinstance(tag, str):
            # A comment or processing instruction: only its tail is text.
            if node is not element:
                events.data(node.tail or "")
            continue
        name = _neutral(node, element)
        if node is element:
            pass
        elif node in as_quotes:
            name = "blockquote"
        elif (
            event == "start"
            and quoted is not None
            and name != "blockquote"
            and quoted(node)
            and node.find(".//blockquote") is None
        ):
            as_quotes.add(node)
            name = "blockquote"
        if event == "start":
            if node is not element and skip is not None and skip(node):
                walker.skip_subtree()
                events.start("template", {})
                continue
            events.start(name, node.attrib)
            events.data(node.text or "")
        else:
            if node is not element and skip is not None and skip(node):
                events.end("template")
            else:
                events.end(name)
            if node is not element:
                events.data(node.tail or "")
    return events.result()


def _neutral(node: etree._Element, top: etree._Element) -> str:
    # The element whose text is taken is its own block: a list item or a
    # table row taken whole gets no list mark or line of its own, and a
    # blockquote taken whole (XenForo 1 and vBulletin hold each post's text
    # in one) is no quotation of itself.
    tag = str(node.tag).lower()
    return "div" if node is top and (tag in _LINES or tag == "blockquote") else tag


class _Reader(HTMLParser):
    """Feeds :class:`_Events` from the tags and text of an HTML fragment."""

    def __init__(self, events: _Events) -> None:
        super().__init__(convert_charrefs=True)
        self.events = events

    def handle_data(self, data: str) -> None:
        self.events.data(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.start(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.start(tag, dict(attrs))
        if tag not in _VOID:
            self.events.end(tag)

    def handle_endtag(self, tag: str) -> None:
        self.events.end(tag)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Python's parser raises AssertionError on a "<![" that opens no
        # section it knows ("<![x", "<![ "); browsers read it as a bogus
        # comment up to the next ">", and so does this.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)
