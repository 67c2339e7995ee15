"""What the start of a document that is no thread looks like, for guessing formats.

The plain-text dialect accepts almost any text, so guessing a format by
content takes a document for a dump only when it has a dump's shape: a
title line, then the title's metadata lines (or the rest of a wrapped
title), then paragraphs. :func:`foreign_kind` names what a document that is
sure not to be one looks like instead: binary data, CSV or TSV, TOML or INI,
YAML, Markdown or its front matter, program source, JSON of no known shape.
The text writer escapes every title that would start like one of these, so
that whatever it writes is still taken for a dump.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re

__all__ = ["TITLE_MARKERS", "foreign_kind", "misleading_title"]

# The first line of a document that is no dump: what it starts with, and
# what the document then is.
_FIRST_LINE: tuple[tuple[str, str], ...] = (
    ("%PDF-", "a PDF document"),
    ("%!PS", "a PostScript document"),
    ("%YAML", "YAML"),
    ("---", "YAML or Markdown front matter"),
    ("+++", "TOML front matter"),
    ("#!", "a script"),
    ("#include", "C source"),
    ("#define", "C source"),
    ("# ", "Markdown, or settings or code starting with a comment"),
    ("##", "Markdown"),
    ('"""', "Python source"),
    ("'''", "Python source"),
    ("//", "program source"),
    ("/*", "program source"),
    (";", "an INI file"),
    ("[", "TOML, INI or a JSON array"),
)

TITLE_MARKERS: tuple[str, ...] = tuple(start for start, _ in _FIRST_LINE)
"""What a dump's title must not start with to be taken for one: the text writer
escapes a title that does.

.. versionadded:: 0.1
"""

# Controls that text never holds: a document with one is binary data. Tab,
# line feed, form feed and carriage return are text.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Lines of records: each kind is a pattern every line of a block matches.
_KEY_VALUE = re.compile(r"\s*[\"']?[\w.\-]+[\"']?\s*(?:=|:(?:\s|$))")
_SETTING = re.compile(r"\s*[\"']?[\w.\-]+[\"']?\s*=")
_LIST_ITEM = re.compile(r"\s*- \S")
_CODE = re.compile(
    r"(?:import|from|def|class|async def|package|function|const|let|var|#include|using)\s"
)
_METADATA = re.compile(r"\s*\[.*\]")
_DELIMITERS = (",", "\t", ";", "|")


def _records(lines: list[str]) -> str | None:
    """The kind of records *lines* all are, or ``None`` when they are not all alike."""
    if all(_CODE.match(line) for line in lines):
        return "program source"
    for delimiter in _DELIMITERS:
        counts = {line.count(delimiter) for line in lines}
        if len(counts) == 1 and counts != {0}:
            return "TSV" if delimiter == "\t" else "CSV or another table of values"
    if all(_KEY_VALUE.match(line) for line in lines):
        return "TOML, INI, YAML or another file of settings"
    if all(_LIST_ITEM.match(line) or _KEY_VALUE.match(line) for line in lines):
        return "YAML"
    return None


def foreign_kind(head: str) -> str | None:
    """What *head*, the start of a document, looks like when it cannot be a dump.

    Returns a few words such as ``"CSV or another table of values"``, or
    ``None`` when *head* may be a dump. Empty text is not judged here:
    sniffing refuses it already.

    .. versionadded:: 0.1
    """
    if _BINARY.search(head):
        return "binary data"
    lines = head.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and not head.endswith(("\n", "\r")):
        lines.pop()  # the head may end inside a line
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return None
    first = lines[0]
    for start, kind in _FIRST_LINE:
        if first.startswith(start):
            return kind
    block: list[str] = []
    for line in lines:
        if not line:
            break
        block.append(line)
    if len(block) > 1 and block[1].strip() and set(block[1].strip()) <= set("=-"):
        return "Markdown"
    # A dump's first paragraph is its title and the title's metadata lines,
    # or a title wrapped over several lines: lines of prose, not records.
    text_lines = [line for line in block if not _METADATA.fullmatch(line)]
    if len(text_lines) > 1 and (records := _records(text_lines)) is not None:
        return records
    # A file of settings in sections separated by blank lines: every line a
    # setting, however the paragraphs go.
    filled = [line for line in lines if line and not line.lstrip().startswith(("#", ";"))]
    if len(filled) > 2 and all(_SETTING.match(line) for line in filled):
        return "TOML, INI or another file of settings"
    return None


def misleading_title(title: str) -> bool:
    """Whether a dump starting with *title* would not be taken for one.

    The text writer escapes such a title. A dump's first paragraph is its
    title and the title's metadata lines, so the first line alone decides.

    .. versionadded:: 0.1
    """
    return title.startswith(TITLE_MARKERS) or _SETTING.match(title) is not None
