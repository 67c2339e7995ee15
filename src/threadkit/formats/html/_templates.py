"""The markup of threadkit's pages, declared once for the writer and the readers.

Every fragment the writer makes is here, as a :class:`Template`: the markup
with named holes, ``{name}``. The writer fills the holes
(:meth:`Template.fill`); the reader of untouched pages matches the same
fragments with regular expressions built from them
(:meth:`Template.pattern`: the literal parts escaped, each hole what it may
hold). Fragments without a hole are plain strings. So the markup is written
once, and a change to it reaches the reader without a second copy to keep
in step.

Beside the fragments: how values go into the holes and come back out
(escaping, paragraphs, dates, ``data-extra``), and what escaped values look
like to a regular expression.
"""

from __future__ import annotations

import json
import keyword
import re
import string
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from threadkit._values import shared_zone
from threadkit.errors import ValidationError
from threadkit.model import Extra

FORMAT = "html"

VERSION = "1"


class Group(NamedTuple):
    """What a hole may hold, captured as the group *name* of the pattern.

    A hole that a template names twice holds the same text both times: its
    second occurrence is a backreference to the group.
    """

    name: str
    pattern: str


class Template:
    """A fragment of markup with named holes, ``{name}``; ``{{`` and ``}}`` are braces.

    Args:
        source: The markup. Every hole is a bare name, without a format
            specification or conversion.

    Raises:
        ValueError: *source* has no hole, or one that is not a bare name.
    """

    __slots__ = ("fill", "holes", "opening", "parts", "source")

    source: str
    parts: tuple[tuple[str, str | None], ...]
    """(literal text, the hole after it or ``None`` at the end), in order."""
    holes: tuple[str, ...]
    """The names of the holes, each once, in order."""
    opening: str
    """The literal text before the first hole: how every filled fragment starts."""
    fill: Callable[..., str]
    """The fragment with each hole filled by the keyword argument of its name."""

    def __init__(self, source: str) -> None:
        parts: list[tuple[str, str | None]] = []
        text = ""
        for literal, hole, spec, conversion in string.Formatter().parse(source):
            # A brace ends a piece of literal text without a hole after it.
            text += literal
            if hole is None:
                continue
            if spec or conversion or not hole.isidentifier() or keyword.iskeyword(hole):
                raise ValueError(f"a hole must be a bare name, not {{{hole}}} in {source!r}")
            parts.append((text, hole))
            text = ""
        parts.append((text, None))
        holes = tuple(dict.fromkeys(hole for _, hole in parts if hole is not None))
        if not holes:
            raise ValueError(f"a fragment without a hole is a plain string: {source!r}")
        self.source = source
        self.parts = tuple(parts)
        self.holes = holes
        self.opening = parts[0][0]
        # Compiled to a function that returns one f-string, as attrs compiles
        # an __init__: filling costs what the f-string written out by hand
        # would, where str.format would parse the source on every call, once
        # per comment.
        body = "".join(
            literal.replace("{", "{{").replace("}", "}}") + ("" if hole is None else f"{{{hole}}}")
            for literal, hole in parts
        )
        code = f"def fill(*, {', '.join(holes)}):\n    return f{body!r}\n"
        namespace: dict[str, Any] = {}
        exec(compile(code, f"<template {source[:40]!r}>", "exec"), namespace)
        self.fill = namespace["fill"]

    def pattern(self, **holes: str | Group) -> str:
        """The regular expression of the fragment, with each hole holding what *holes* says.

        Args:
            **holes: For every hole, the pattern of what it may hold: a
                ``str``, matched as it is wherever the hole stands, or a
                :class:`Group`, which also captures it.

        Raises:
            ValueError: *holes* does not name exactly the holes of the fragment.
        """
        if set(holes) != set(self.holes):
            raise ValueError(f"holes {sorted(holes)} given for a fragment with {list(self.holes)}")
        pattern = []
        seen = set()
        for literal, hole in self.parts:
            pattern.append(re.escape(literal))
            if hole is None:
                continue
            value = holes[hole]
            if not isinstance(value, Group):
                pattern.append(f"(?:{value})")
            elif hole in seen:
                pattern.append(f"(?P={value.name})")
            else:
                pattern.append(f"(?P<{value.name}>{value.pattern})")
            seen.add(hole)
        return "".join(pattern)

    def __repr__(self) -> str:
        return f"Template({self.source!r})"


# -- values in the holes ---------------------------------------------------------------
# The readers' patterns take a little more than the writer makes (">" as
# itself in text, say), but nothing an HTML parser would read differently.


def escape_text(value: str) -> str:
    """*value* as the text of an element."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """*value* as an attribute value between double quotes."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def unescape(value: str) -> str:
    """The text that :func:`escape_text` or :func:`escape_attribute` made *value* of."""
    if "&" not in value:
        return value
    return (
        value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


# One pattern for each kind of value a hole holds, each the only one. Loops
# unrolled ("normal* (special normal*)*") so that runs of plain characters
# are matched in one step.
TEXT = r"[^<&]*(?:&(?:amp|lt|gt);[^<&]*)*"
"""The pattern of what :func:`escape_text` makes."""
ATTRIBUTE = r'[^<>&"]*(?:&(?:amp|lt|gt|quot);[^<>&"]*)*'
"""The pattern of what :func:`escape_attribute` makes."""
PARAGRAPHS = r"(?:<p>[^<&]*(?:(?:&(?:amp|lt|gt);|<br>)[^<&]*)*</p>)*"
"""The pattern of what :func:`to_paragraphs` makes."""
INTEGER = r"-?[0-9]{1,19}"
"""The pattern of a score: a signed 64-bit integer has at most 19 digits."""
LANGUAGE = r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*"
"""The pattern of a language tag, the ``lang`` of a page."""


def to_paragraphs(text: str) -> str:
    """A text field as ``<p>`` elements with ``<br>`` line breaks."""
    # A text field has no line break at either end and never three in a row,
    # so "\n\n" is exactly a paragraph break and any other "\n" a line break.
    if not text:
        return ""
    return "<p>" + escape_text(text).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def from_paragraphs(markup: str) -> str:
    """The text field that :func:`to_paragraphs` made *markup* of."""
    if not markup:
        return ""
    return unescape(markup[3:-4].replace("</p><p>", "\n\n").replace("<br>", "\n"))


def extra_json(extra: Extra) -> str:
    """*extra* as the JSON of a ``data-extra`` attribute, before escaping."""
    return json.dumps(extra.thaw(), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def extra_of(value: str) -> Extra:
    """The :class:`~threadkit.Extra` that the JSON of a ``data-extra`` attribute holds.

    Raises:
        ValueError: *value* is not a JSON object the model accepts (the
            message says why).
    """
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        raise ValueError("data-extra is not valid JSON") from None
    if not isinstance(data, dict):
        raise ValueError("data-extra is not a JSON object")
    try:
        return Extra(data)
    except ValidationError as error:
        raise ValueError(f"data-extra: {error.message}") from None


def moment_of(value: str) -> datetime:
    """The date and time of a ``datetime`` attribute, which must have a UTC offset.

    Raises:
        ValueError: *value* is no ISO date and time with an offset (the
            message says which).
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"bad datetime {value!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"datetime {value!r} has no UTC offset")
    return shared_zone(moment)


# -- the page --------------------------------------------------------------------------
# From here on a table of the fragments, in the order the writer writes
# them: many lines alike in shape, each the only declaration of its markup.

STYLESHEET = """\
:root{color-scheme:light dark;--tk-indent:clamp(.6rem,3vw,1.5rem);--tk-line:#8886}
*,::before,::after{box-sizing:border-box}
body{margin:0;padding:1rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.tk-article{max-width:44rem;margin:0 auto}
.tk-article :is(h1,p,li,[itemprop=name]){white-space:pre-wrap;overflow-wrap:anywhere}
.tk-article h1{font-size:clamp(1.6rem,6vw,2.4rem);line-height:1.15;margin:.2em 0}
.tk-site{margin:0;font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;opacity:.75}
.tk-subtitle{margin:0 0 1rem;font-size:1.2rem;opacity:.8}
.tk-byline{margin:1rem 0}
.tk-author{margin:.3rem 0}
.tk-author>p{margin:0;font-weight:600}
.tk-bio{font-size:.9rem;opacity:.8}
.tk-bio p{margin:.15rem 0}
.tk-meta{font-size:.9rem;opacity:.8}
.tk-tags{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0;padding:0;list-style:none}
.tk-tags li{padding:0 .6rem;border:1px solid var(--tk-line);border-radius:1rem;font-size:.85rem}
.tk-comments{margin-top:2rem;border-top:1px solid var(--tk-line)}
.tk-comments h2{display:inline;font-size:1.3rem}
.tk-comments summary{cursor:pointer}
.tk-c{margin:.7rem 0 0;padding:.1rem 0 .1rem .7rem;border-left:3px solid var(--tk-line)}
.tk-c>:not(.tk-text){margin-right:.5rem;font-size:.85rem;opacity:.85}
.tk-who{font-weight:600}
.tk-edited::before{content:"edited "}
.tk-state{font-weight:700;text-transform:uppercase;color:#c33}
.tk-gone .tk-text{opacity:.6}
.tk-text p{margin:.25rem 0}
.tk-re{display:block;font-size:.8rem}
.tk-replies{margin-left:var(--tk-indent)}
.tk-replies>summary{margin-top:.3rem;font-size:.8rem;opacity:.7}
"""

PAGE = Template(
    '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta name="generator" content="threadkit">\n'
    "<title>{title}</title>\n<style>\n{stylesheet}</style>\n</head>\n<body>\n"
)
PAGE_END = "</body>\n</html>\n"

# The attributes an element may carry after its own, in this order.
DATA_ID = Template(' data-id="{id}"')
DATA_URL = Template(' data-url="{url}"')
DATA_EXTRA = Template(' data-extra="{extra}"')

# -- the article -----------------------------------------------------------------------

ARTICLE = Template(
    '<article class="tk-article" itemscope itemtype="https://schema.org/NewsArticle"'
    ' data-threadkit="{version}"{attributes}>\n<header>\n'
)
SITE = Template(
    '<p class="tk-site" itemprop="publisher" itemscope itemtype="https://schema.org/Organization">'
    '<span itemprop="name">{site}</span></p>\n'
)
HEADLINE = Template('<h1 itemprop="headline">{title}</h1>\n')
SUBTITLE = Template('<p class="tk-subtitle" itemprop="alternativeHeadline">{subtitle}</p>\n')
BYLINE = '<div class="tk-byline">\n'
AUTHOR = Template(
    '<div class="tk-author" itemprop="author" itemscope itemtype="https://schema.org/Person"'
    '{attributes}><p class="tk-name">{name}</p>{bio}</div>\n'
)
BIO = Template('\n<div class="tk-bio" itemprop="description">{bio}</div>')
BYLINE_END = "</div>\n"
META = Template('<p class="tk-meta">{meta}</p>\n')
PUBLISHED = Template('<time itemprop="datePublished" datetime="{iso}">{shown}</time>')
ADDRESS = Template('<a itemprop="url" href="{url}">{shown}</a>')
META_SEPARATOR = " · "
TAGS = Template('<ul class="tk-tags">{tags}</ul>\n')
TAG = Template('<li itemprop="keywords">{tag}</li>')
BODY = Template('</header>\n<div class="tk-body" itemprop="articleBody">{body}</div>\n')
COUNT = Template('<h2><data itemprop="commentCount" value="{total}">{label}</data></h2>')
NO_COMMENTS = Template('<section class="tk-comments">\n{heading}\n</section>\n')
COMMENTS = Template(
    '<section class="tk-comments">\n<details class="tk-all" open><summary>{heading}</summary>\n'
    '<div class="tk-thread">\n'
)
COMMENTS_END = "</div>\n</details>\n</section>\n"
ARTICLE_END = "</article>\n"

# -- a person's name, in the byline and on a card --------------------------------------

NAME = Template('<span itemprop="name">{name}</span>')
ANONYMOUS = '<span class="tk-anon">anonymous</span>'
PROFILE = Template('<a itemprop="url" href="{url}">')
COMMENTER_PROFILE = Template('<a itemprop="url" href="{url}" rel="nofollow ugc">')
PROFILE_END = "</a>"

# -- a comment: one card, then its replies ---------------------------------------------

CARD = Template(
    '<article class="{classes}" id="tk-c{number}" itemprop="comment" itemscope'
    ' itemtype="https://schema.org/Comment" itemid="#tk-c{number}"{attributes}>\n'
)
CARD_CLASS = "tk-c"
GONE_CLASSES = Template("tk-c tk-gone tk-{state}")
PARENT = Template('<link itemprop="parentItem" href="#tk-c{parent}">\n')
PARENT_SHOWN = Template(
    '<a class="tk-re" itemprop="parentItem" href="#tk-c{parent}">↳ in reply to {whom}</a>\n'
)
COMMENTER = Template(
    '<span class="tk-who" itemprop="author" itemscope itemtype="https://schema.org/Person"'
    "{attributes}>{name}{bio}</span>"
)
HIDDEN_BIO = Template('<meta itemprop="description" content="{bio}">')
ANONYMOUS_COMMENTER = '<span class="tk-who tk-anon">anonymous</span>'
CREATED = Template(' <time itemprop="dateCreated" datetime="{iso}">{shown}</time>')
EDITED = Template(
    ' <time class="tk-edited" itemprop="dateModified" datetime="{iso}">{shown}</time>'
)
SCORE = Template(
    ' <data class="tk-score" itemprop="upvoteCount" value="{score}">{score} {points}</data>'
)
STATE = Template(' <span class="tk-state" itemprop="creativeWorkStatus">{state}</span>')
PERMALINK = Template(' <a class="tk-link" itemprop="url" href="{url}" rel="nofollow ugc">link</a>')
CARD_END = Template('\n<div class="tk-text" itemprop="text">{text}</div>\n</article>\n')
REPLIES = Template('<details class="tk-replies" open><summary>{count} {replies}</summary>\n')
REPLIES_END = "</details>\n"
