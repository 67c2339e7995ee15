"""A fast reader for pages exactly as :func:`threadkit.formats.html.write` writes them.

Parsing a big page with lxml and walking its tree costs more than building
the model from it. A page that :func:`~threadkit.formats.html.write` wrote
and nobody touched follows a fixed grammar, which this module matches with
regular expressions, a comment card at a time, without building a tree.

It is only a shortcut. :func:`read` returns ``None`` (and the caller reads
the page with lxml) for anything outside the grammar: another writer's
markup, a page edited by hand or re-saved by a browser, a carriage return
anywhere, or any value the model refuses. On every page it accepts it gives
the article that the lxml reader gives; the tests check the two against each
other on generated articles and on damaged copies of their pages.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from threadkit._forest import from_parents
from threadkit._io import ThreadLimits, thread_breach
from threadkit._model import kept_comment
from threadkit._values import STATES, shared_zone
from threadkit.formats.html._templates import STYLESHEET
from threadkit.model import (
    Article,
    Author,
    Comment,
    Extra,
)

# Escaped text, as the writer's _text and _attr make it.
# Loops unrolled ("normal* (special normal*)*") so that runs of plain
# characters are matched in one step.
_TEXT = r"[^<&]*(?:&(?:amp|lt|gt);[^<&]*)*"
_ATTR = r'[^<>&"]*(?:&(?:amp|lt|gt|quot);[^<>&"]*)*'
_PARAS = r"(?:<p>[^<&]*(?:(?:&(?:amp|lt|gt);|<br>)[^<&]*)*</p>)*"
_SCHEMA = "https://schema\\.org/"

_HEAD = re.compile(
    r'<!DOCTYPE html>\n<html lang="[A-Za-z0-9-]+">\n<head>\n<meta charset="utf-8">\n'
    r'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    r'<meta name="generator" content="threadkit">\n'
    rf"<title>{_TEXT}</title>\n<style>\n"
)
_PAGE_END = "</body>\n</html>\n"
_STARTS = ("<!DOCTYPE html>\n", '<article class="tk-article"')

_ARTICLE = re.compile(
    rf'<article class="tk-article" itemscope itemtype="{_SCHEMA}NewsArticle" data-threadkit="1"'
    rf'(?: data-url="(?P<url_data>{_ATTR})")?(?: data-extra="(?P<extra>{_ATTR})")?>\n<header>\n'
    rf'(?:<p class="tk-site" itemprop="publisher" itemscope itemtype="{_SCHEMA}Organization">'
    rf'<span itemprop="name">(?P<site>{_TEXT})</span></p>\n)?'
    rf'<h1 itemprop="headline">(?P<title>{_TEXT})</h1>\n'
    rf'(?:<p class="tk-subtitle" itemprop="alternativeHeadline">(?P<subtitle>{_TEXT})</p>\n)?'
    r'(?:<div class="tk-byline">\n'
    r'(?P<byline>(?:<div class="tk-author" [^\n]*\n(?:<div class="tk-bio"[^\n]*\n)?)+)</div>\n)?'
    r'(?:<p class="tk-meta">'
    rf'(?:<time itemprop="datePublished" datetime="(?P<published>{_ATTR})">{_TEXT}</time>'
    rf'(?: · <a itemprop="url" href="(?P<url_a>{_ATTR})">{_TEXT}</a>)?'
    rf'|<a itemprop="url" href="(?P<url_b>{_ATTR})">{_TEXT}</a>)</p>\n)?'
    rf'(?:<ul class="tk-tags">(?P<tags>(?:<li itemprop="keywords">{_TEXT}</li>)+)</ul>\n)?'
    rf'</header>\n<div class="tk-body" itemprop="articleBody">(?P<body>{_PARAS})</div>\n'
    r'<section class="tk-comments">\n'
    r"(?:(?P<none><h2><data itemprop=\"commentCount\" value=\"0\">No comments</data></h2>\n)"
    r'|<details class="tk-all" open><summary><h2><data itemprop="commentCount" value="[0-9]+">'
    rf"{_TEXT}</data></h2></summary>\n<div class=\"tk-thread\">\n)"
)
_ARTICLE_END = "</div>\n</details>\n</section>\n</article>\n"
_EMPTY_END = "</section>\n</article>\n"

_AUTHOR = re.compile(
    rf'<div class="tk-author" itemprop="author" itemscope itemtype="{_SCHEMA}Person"'
    rf'(?: data-id="(?P<id>{_ATTR})")?(?: data-url="(?P<url_data>{_ATTR})")?><p class="tk-name">'
    rf'(?:<a itemprop="url" href="(?P<url>{_ATTR})">)?'
    rf'(?:<span itemprop="name">(?P<name>{_TEXT})</span>|<span class="tk-anon">anonymous</span>)'
    r"(?(url)</a>)</p>"
    rf'(?:\n<div class="tk-bio" itemprop="description">(?P<bio>{_PARAS})</div>)?</div>\n'
)
_TAG = re.compile(rf'<li itemprop="keywords">({_TEXT})</li>')

_CARD = re.compile(
    r'<article class="tk-c(?: tk-gone tk-(?:deleted|removed|spam|pending))?" id="tk-c(?P<n>[0-9]+)"'
    rf' itemprop="comment" itemscope itemtype="{_SCHEMA}Comment" itemid="#tk-c[0-9]+"'
    rf'(?: data-id="(?P<id>{_ATTR})")?(?: data-url="(?P<url_data>{_ATTR})")?'
    rf'(?: data-extra="(?P<extra>{_ATTR})")?>\n'
    r'(?:<link itemprop="parentItem" href="#tk-c(?P<parent>[0-9]+)">\n'
    rf'|<a class="tk-re" itemprop="parentItem" href="#tk-c(?P<parent_shown>[0-9]+)">{_TEXT}</a>\n)?'
    r'(?:<span class="tk-who tk-anon">anonymous</span>'
    rf'|(?P<person>)<span class="tk-who" itemprop="author" itemscope itemtype="{_SCHEMA}Person"'
    rf'(?: data-id="(?P<author_id>{_ATTR})")?(?: data-url="(?P<author_url_data>{_ATTR})")?>'
    rf'(?:<a itemprop="url" href="(?P<author_url>{_ATTR})" rel="nofollow ugc">)?'
    rf'(?:<span itemprop="name">(?P<author_name>{_TEXT})</span>'
    r'|<span class="tk-anon">anonymous</span>)(?(author_url)</a>)'
    rf'(?:<meta itemprop="description" content="(?P<author_bio>{_ATTR})">)?</span>)'
    rf'(?: <time itemprop="dateCreated" datetime="(?P<published>{_ATTR})">{_TEXT}</time>)?'
    rf'(?: <time class="tk-edited" itemprop="dateModified" datetime="(?P<edited>{_ATTR})">'
    rf"{_TEXT}</time>)?"
    rf'(?: <data class="tk-score" itemprop="upvoteCount" value="(?P<score>-?[0-9]{{1,19}})">'
    rf"{_TEXT}</data>)?"
    r'(?: <span class="tk-state" itemprop="creativeWorkStatus">'
    r"(?P<state>deleted|removed|spam|pending)</span>)?"
    rf'(?: <a class="tk-link" itemprop="url" href="(?P<url>{_ATTR})" rel="nofollow ugc">link</a>)?'
    rf'\n<div class="tk-text" itemprop="text">(?P<text>{_PARAS})</div>\n</article>\n'
)
_OPEN = re.compile(
    r'<details class="tk-replies" open><summary>[0-9]+ (?:reply|replies)</summary>\n'
)
_CLOSE = "</details>\n"


class _Decline(Exception):
    """The page is not in the canonical form: read it with lxml."""


def _unescape(value: str) -> str:
    if "&" not in value:
        return value
    return (
        value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def _paragraphs(value: str) -> str:
    if not value:
        return ""
    inner = value[3:-4].replace("</p><p>", "\n\n").replace("<br>", "\n")
    return _unescape(inner)


def _when(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise _Decline
    return shared_zone(moment)


def _extra(value: str) -> Extra:
    data = json.loads(_unescape(value))
    if not isinstance(data, dict):
        raise _Decline
    return Extra(data)


def read(text: str, limits: ThreadLimits = (None, None)) -> Article | None:
    """The article of a canonical page or fragment, or ``None`` when *text* is not one.

    Also ``None`` when the thread crosses one of *limits*: the lxml reader
    then says where.
    """
    if not text.startswith(_STARTS) or "\r" in text or "\x00" in text:
        return None
    try:
        return _read(text, limits)
    except (_Decline, ValueError, TypeError, RecursionError):
        # ValidationError and json's errors are ValueErrors: the lxml reader
        # reports them with their place in the page.
        return None


def _read(text: str, limits: ThreadLimits) -> Article:
    position = 0
    end = len(text)
    if text.startswith("<!DOCTYPE html>"):
        head = _HEAD.match(text)
        if head is None:
            raise _Decline
        position = head.end()
        if not text.startswith(STYLESHEET + "</style>\n</head>\n<body>\n", position):
            raise _Decline
        position += len(STYLESHEET) + len("</style>\n</head>\n<body>\n")
        if not text.endswith(_PAGE_END):
            raise _Decline
        end -= len(_PAGE_END)
    found = _ARTICLE.match(text, position)
    if found is None:
        raise _Decline
    people: dict[tuple[str | None, ...], Author] = {}
    fields: dict[str, object] = {
        "title": _unescape(found["title"]),
        "body": _paragraphs(found["body"]),
    }
    if found["site"] is not None:
        fields["site"] = _unescape(found["site"])
    if found["subtitle"] is not None:
        fields["subtitle"] = _unescape(found["subtitle"])
    if found["published"] is not None:
        fields["published"] = _when(_unescape(found["published"]))
    url = found["url_a"] if found["url_a"] is not None else found["url_b"]
    if url is None:
        url = found["url_data"]
    if url is not None:
        fields["url"] = _unescape(url)
    if found["extra"] is not None:
        fields["extra"] = _extra(found["extra"])
    if found["tags"] is not None:
        fields["tags"] = tuple(_unescape(tag) for tag in _TAG.findall(found["tags"]))
    if found["byline"] is not None:
        fields["authors"] = _authors(found["byline"], people)
    position = found.end()
    if found["none"] is not None:
        if text[position:end] != _EMPTY_END:
            raise _Decline
        return Article(**fields)  # type: ignore[arg-type]
    if text[end - len(_ARTICLE_END) : end] != _ARTICLE_END:
        raise _Decline
    comments = _comments(text, position, end - len(_ARTICLE_END), people, limits)
    return Article(comments=comments, **fields)  # type: ignore[arg-type]


def _authors(byline: str, people: dict[tuple[str | None, ...], Author]) -> tuple[Author, ...]:
    authors = []
    position = 0
    while position < len(byline):
        found = _AUTHOR.match(byline, position)
        if found is None:
            raise _Decline
        position = found.end()
        url = found["url"] if found["url"] is not None else found["url_data"]
        bio = found["bio"]
        authors.append(
            _person(
                people,
                _unescape(found["name"]) if found["name"] is not None else None,
                _paragraphs(bio) if bio is not None else None,
                _unescape(url) if url is not None else None,
                _unescape(found["id"]) if found["id"] is not None else None,
            )
        )
    return tuple(authors)


def _person(
    people: dict[tuple[str | None, ...], Author],
    name: str | None,
    bio: str | None,
    url: str | None,
    identifier: str | None,
) -> Author:
    key = (name, bio, url, identifier)
    author = people.get(key)
    if author is None:
        author = people[key] = Author(name=name, bio=bio or "", url=url, id=identifier)
    return author


_G = {name: number - 1 for name, number in _CARD.groupindex.items()}
_N, _TEXT_AT, _PARENT, _SHOWN = _G["n"], _G["text"], _G["parent"], _G["parent_shown"]
_ID, _URL, _URL_DATA, _EXTRA = _G["id"], _G["url"], _G["url_data"], _G["extra"]
_PERSON, _PUBLISHED, _EDITED = _G["person"], _G["published"], _G["edited"]
_SCORE, _STATE = _G["score"], _G["state"]
# The author's groups, in a row: id, url in data-url, url in href, name, bio.
_AUTHOR_GROUPS = slice(_G["author_id"], _G["author_bio"] + 1)
assert [_G[name] for name in ("author_id", "author_url_data", "author_url", "author_name")] == [
    _AUTHOR_GROUPS.start + step for step in range(4)
]


def _comments(
    text: str,
    position: int,
    end: int,
    people: dict[tuple[str | None, ...], Author],
    limits: ThreadLimits,
) -> tuple[Comment, ...]:
    numbers: dict[str, int] = {}
    records: list[dict[str, object]] = []
    parents: list[int] = []
    commenters: dict[tuple[str | None, ...], Author] = {}
    open_details = 0
    match_card = _CARD.match
    match_open = _OPEN.match
    while position < end:
        found = match_card(text, position)
        if found is None:
            opened = match_open(text, position)
            if opened is not None:
                open_details += 1
                position = opened.end()
                continue
            if text.startswith(_CLOSE, position) and open_details:
                open_details -= 1
                position += len(_CLOSE)
                continue
            raise _Decline
        position = found.end()
        index = len(records)
        groups = found.groups()
        numbers[groups[_N]] = index
        value = groups[_TEXT_AT]
        fields: dict[str, object] = {"text": _paragraphs(value) if value else ""}
        parent = groups[_PARENT]
        if parent is None:
            parent = groups[_SHOWN]
        if parent is None:
            parents.append(-1)
        else:
            target = numbers.get(parent)
            if target is None or target >= index:
                raise _Decline
            parents.append(target)
        value = groups[_ID]
        if value is not None:
            fields["id"] = _unescape(value)
        value = groups[_URL]
        if value is None:
            value = groups[_URL_DATA]
        if value is not None:
            fields["url"] = _unescape(value)
        value = groups[_EXTRA]
        if value is not None:
            fields["extra"] = _extra(value)
        if groups[_PERSON] is not None:
            key = groups[_AUTHOR_GROUPS]
            author = commenters.get(key)
            if author is None:
                identifier, url_data, url, name, bio = key
                if url is None:
                    url = url_data
                author = commenters[key] = _person(
                    people,
                    _unescape(name) if name is not None else None,
                    _unescape(bio) if bio is not None else None,
                    _unescape(url) if url is not None else None,
                    _unescape(identifier) if identifier is not None else None,
                )
            fields["author"] = author
        # Dates never hold &, <, > or ": no unescaping.
        value = groups[_PUBLISHED]
        if value is not None:
            fields["published"] = _when(value)
        value = groups[_EDITED]
        if value is not None:
            fields["edited"] = _when(value)
        value = groups[_SCORE]
        if value is not None:
            fields["score"] = int(value)
        value = groups[_STATE]
        if value is not None:
            fields["state"] = STATES[value]
        records.append(fields)
    if open_details or thread_breach(parents, *limits) is not None:
        raise _Decline

    def build(index: int, replies: tuple[Comment, ...]) -> Comment:
        return kept_comment(records[index], replies) or Comment(
            replies=replies,
            **records[index],  # type: ignore[arg-type]
        )

    return from_parents(parents, build)
