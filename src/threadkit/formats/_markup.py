"""HTML fragments to model text, for the importers.

Platforms store comment bodies as HTML fragments (Hacker News, Mastodon,
Disqus, Reddit's ``body_html``) or as WordPress's stored form, HTML in which
a blank line starts a paragraph and a line break is kept. :func:`to_text`
turns either into a :mod:`threadkit.model` text value:

- block elements (``p``, ``div``, ``blockquote``, headings, lists, ``pre``,
  tables, ``hr``...) are separated by one blank line, ``<br>`` is a line
  break, and no more than one blank line is ever kept in a row;
- list items are lines starting with ``"- "`` (``ul``) or ``"1. "`` (``ol``);
- runs of HTML white space collapse to one space and lines are stripped,
  except inside ``pre``, whose text is kept exactly;
- character references are decoded once, by the HTML parser: ``&amp;lt;``
  becomes ``&lt;``, never ``<``;
- ``script``, ``style`` and ``template`` contents, comments and processing
  instructions are dropped; of a link only its text is kept, and images
  leave nothing.

The caller removes characters the model refuses *before* calling, since the
HTML parser itself mangles some of them. Nothing here recurses: the tree is
walked with :func:`lxml.etree.iterwalk`.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

__all__ = ["to_text"]

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
_SKIPPED = frozenset({"script", "style", "template", "head", "title"})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_SPACE = " \t\n\r\f"


_TEXT, _PRE, _MARK = 0, 1, 2


class _Writer:
    """Collects text and breaks, and joins them into model text."""

    def __init__(self, *, newlines: bool) -> None:
        self.newlines = newlines
        self.lines: list[str] = []
        self.segments: list[tuple[str, int]] = []
        self.breaks = 0
        self.started = False

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
        self.lines.append("".join(out))
        self.segments = []

    def result(self) -> str:
        if self.segments:
            self._flush()
        return "\n".join(self.lines).strip("\n")


def to_text(html: str, *, newlines: bool = False) -> str:
    """Plain text, with paragraphs and line breaks, from the HTML fragment *html*.

    With *newlines*, a line feed in the text counts as a line break and a
    blank line as a paragraph break, as WordPress stores posts and comments.
    """
    if not html or not html.strip(_HTML_SPACE):
        return ""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    writer = _Writer(newlines=newlines)
    if "<" not in html and "&" not in html:
        writer.text(html, pre=False)
        return writer.result()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        writer.text(html, pre=False)
        return writer.result()
    _walk(root, writer)
    return writer.result()


def _breaking(element: object) -> bool:
    tag = getattr(element, "tag", None)
    return isinstance(tag, str) and (tag in _BLOCKS or tag in _LINES or tag == "br")


def _walk(root: lxml.html.HtmlElement, writer: _Writer) -> None:
    pre_depth = 0
    skip_depth = 0
    # One entry per open list: the next number for "ol", or None for "ul".
    lists: list[int | None] = []

    def emit(text: str | None, *, after: bool, before: bool) -> None:
        # In WordPress's stored form, line feeds next to a block tag are
        # layout, not line breaks (wpautop drops them too).
        if text and writer.newlines and not pre_depth:
            if after:
                text = text.lstrip(_HTML_SPACE)
            if before:
                text = text.rstrip(_HTML_SPACE)
        writer.text(text, pre=pre_depth > 0)

    def emit_tail(element: lxml.html.HtmlElement) -> None:
        if element is root or not element.tail:
            return
        following = element.getnext()
        before = _breaking(following) if following is not None else _breaking(element.getparent())
        emit(element.tail, after=_breaking(element), before=before)

    for event, element in lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = element.tag
        if not isinstance(tag, str):
            # A comment or processing instruction: only its tail is text.
            if not skip_depth:
                emit_tail(element)
            continue
        tag = tag.lower()
        if event == "start":
            if skip_depth or tag in _SKIPPED:
                skip_depth += 1
                continue
            if tag in _BLOCKS:
                writer.block()
            elif tag in _LINES:
                writer.new_line()
            if tag == "pre":
                pre_depth += 1
            elif tag == "ul":
                lists.append(None)
            elif tag == "ol":
                lists.append(1)
            elif tag == "li":
                number = lists[-1] if lists else None
                if number is None:
                    writer.mark("- ")
                else:
                    lists[-1] = number + 1
                    writer.mark(f"{number}. ")
            elif tag in _CELLS:
                writer.text(" ", pre=False)
            elif tag == "br":
                writer.line_break()
            if element.text:
                first = element[0] if len(element) else None
                before = _breaking(first) if first is not None else _breaking(element)
                emit(element.text, after=_breaking(element), before=before)
            continue
        if skip_depth:
            skip_depth -= 1
            if not skip_depth:
                emit_tail(element)
            continue
        if tag == "pre":
            pre_depth -= 1
        elif tag in ("ul", "ol") and lists:
            lists.pop()
        if tag in _BLOCKS:
            writer.block()
        elif tag in _LINES:
            writer.new_line()
        emit_tail(element)
