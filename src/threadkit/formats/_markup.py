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

The caller removes characters the model refuses *before* calling. The
fragment is read as a stream of tags and text by :class:`html.parser.HTMLParser`
rather than built into a tree: nothing recurses, and no nesting depth is too
much (lxml's HTML parser silently drops what lies more than 255 elements
deep, 2047 with ``huge_tree``, and comment bodies can be hostile).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
    blank line as a paragraph break, as WordPress stores posts and comments;
    line feeds next to a block tag are layout and do not count.
    """
    if not html or not html.strip(_HTML_SPACE):
        return ""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    writer = _Writer(newlines=newlines)
    if "<" not in html and "&" not in html:
        writer.text(html, pre=False)
        return writer.result()
    reader = _Reader(writer)
    reader.feed(html)
    reader.close()
    return writer.result()


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


def _breaking(tag: str) -> bool:
    return tag in _BLOCKS or tag in _LINES or tag == "br"


class _Reader(HTMLParser):
    """Feeds a :class:`_Writer` from the tags and text of an HTML fragment."""

    def __init__(self, writer: _Writer) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = writer
        self.pre_depth = 0
        self.skip_depth = 0
        # One entry per open list: the next number for "ol", or None for "ul".
        self.lists: list[int | None] = []
        # Text is held until the next tag, to know whether a block follows it.
        self.pending: list[str] = []
        self.pending_after_break = True
        self.after_break = True
        self.pre_opened = False

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.pre_opened:
            # As in browsers, a line feed just after <pre> is not content.
            if data.startswith("\n"):
                data = data[1:]
            self.pre_opened = False
        if not self.pending:
            self.pending_after_break = self.after_break
        self.pending.append(data)

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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        self.after_break = breaking

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag in _SKIPPED:
                self.skip_depth -= 1
            return
        if tag in _VOID:
            return
        breaking = _breaking(tag)
        self._flush(before_break=breaking)
        writer = self.writer
        self.pre_opened = False
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            writer.block()
        elif tag in _LINES:
            writer.new_line()
        self.after_break = breaking

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Python's parser raises AssertionError on a "<![" that opens no
        # section it knows ("<![x", "<![ "); browsers read it as a bogus
        # comment up to the next ">", and so does this.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def close(self) -> None:
        super().close()
        self._flush(before_break=True)
