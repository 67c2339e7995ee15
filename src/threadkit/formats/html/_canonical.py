"""A fast reader for pages exactly as :func:`threadkit.formats.html.write` writes them.

Parsing a big page with lxml and walking its tree costs more than building
the model from it. A page that :func:`~threadkit.formats.html.write` wrote
and nobody touched is made of the writer's templates and nothing else, so
this module matches it with regular expressions built from those same
templates, a comment card at a time, without building a tree.

It is only a shortcut. :func:`read` returns ``None`` (and the caller reads
the page with lxml) for anything outside the templates: another writer's
markup, a page edited by hand or re-saved by a browser, a carriage return
anywhere, or any value the model refuses. On every page it accepts it gives
the article that the lxml reader gives; the tests check the two against each
other on generated articles and on damaged copies of their pages.
"""

from __future__ import annotations

import re

from threadkit._forest import from_parents
from threadkit._io import ThreadLimits, thread_breach
from threadkit._model import kept_comment
from threadkit._values import STATES
from threadkit.formats.html import _templates as markup
from threadkit.formats.html._templates import (
    ATTRIBUTE,
    PARAGRAPHS,
    TEXT,
    Group,
    Template,
    extra_of,
    from_paragraphs,
    moment_of,
    unescape,
)
from threadkit.model import Article, Author, Comment, CommentState

# -- the patterns, from the templates --------------------------------------------------

_NUMBER = "[0-9]+"
_GONE = "|".join(
    re.escape(word) for word, state in STATES.items() if state is not CommentState.VISIBLE
)


def _optional(pattern: str) -> str:
    return f"(?:{pattern})?"


def _either(*patterns: str) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _attributes(prefix: str, *templates: Template) -> str:
    """Optional attributes in this order, each captured as *prefix* ``data_`` and its hole."""
    pattern = ""
    for template in templates:
        (hole,) = template.holes
        pattern += _optional(template.pattern(**{hole: Group(f"{prefix}data_{hole}", ATTRIBUTE)}))
    return pattern


def _name(profile: Template, prefix: str) -> str:
    """A person's name or "anonymous", inside a link to their profile when it has one."""
    url = prefix + "url"
    return (
        _optional(profile.pattern(url=Group(url, ATTRIBUTE)))
        + _either(
            markup.NAME.pattern(name=Group(prefix + "name", TEXT)), re.escape(markup.ANONYMOUS)
        )
        + f"(?({url}){re.escape(markup.PROFILE_END)})"
    )


def _time(group: str) -> dict[str, str | Group]:
    """The holes of a <time>: its datetime attribute captured, the date as shown not."""
    return {"iso": Group(group, ATTRIBUTE), "shown": TEXT}


_STARTS = (markup.PAGE.opening, markup.ARTICLE.opening)
_PAGE = re.compile(
    markup.PAGE.pattern(lang=markup.LANGUAGE, title=TEXT, stylesheet=re.escape(markup.STYLESHEET))
)
_ARTICLE = re.compile(
    markup.ARTICLE.pattern(
        version=re.escape(markup.VERSION),
        attributes=_attributes("", markup.DATA_URL, markup.DATA_EXTRA),
    )
)
_SITE = re.compile(markup.SITE.pattern(site=Group("site", TEXT)))
_HEADLINE = re.compile(markup.HEADLINE.pattern(title=Group("title", TEXT)))
_SUBTITLE = re.compile(markup.SUBTITLE.pattern(subtitle=Group("subtitle", TEXT)))
_AUTHOR = re.compile(
    markup.AUTHOR.pattern(
        attributes=_attributes("", markup.DATA_ID, markup.DATA_URL),
        name=_name(markup.PROFILE, ""),
        bio=_optional(markup.BIO.pattern(bio=Group("bio", PARAGRAPHS))),
    )
)
_META = re.compile(
    markup.META.pattern(
        meta=_either(
            markup.PUBLISHED.pattern(**_time("published"))
            + _optional(
                re.escape(markup.META_SEPARATOR)
                + markup.ADDRESS.pattern(url=Group("url", ATTRIBUTE), shown=TEXT)
            ),
            markup.ADDRESS.pattern(url=Group("url_alone", ATTRIBUTE), shown=TEXT),
        )
    )
)
_TAGS = re.compile(markup.TAGS.pattern(tags=Group("tags", f"(?:{markup.TAG.pattern(tag=TEXT)})+")))
_TAG = re.compile(markup.TAG.pattern(tag=Group("tag", TEXT)))
_BODY = re.compile(markup.BODY.pattern(body=Group("body", PARAGRAPHS)))
_HEADING = markup.COUNT.pattern(total=_NUMBER, label=TEXT)
_NO_COMMENTS = re.compile(markup.NO_COMMENTS.pattern(heading=_HEADING))
_COMMENTS = re.compile(markup.COMMENTS.pattern(heading=_HEADING))
_END = markup.COMMENTS_END + markup.ARTICLE_END

_CARD = re.compile(
    markup.CARD.pattern(
        classes=_either(re.escape(markup.CARD_CLASS), markup.GONE_CLASSES.pattern(state=_GONE)),
        number=Group("n", _NUMBER),
        attributes=_attributes("", markup.DATA_ID, markup.DATA_URL, markup.DATA_EXTRA),
    )
    + _optional(
        _either(
            markup.PARENT.pattern(parent=Group("parent", _NUMBER)),
            markup.PARENT_SHOWN.pattern(parent=Group("parent_shown", _NUMBER), whom=TEXT),
        )
    )
    + _either(
        re.escape(markup.ANONYMOUS_COMMENTER),
        "(?P<person>)"
        + markup.COMMENTER.pattern(
            attributes=_attributes("author_", markup.DATA_ID, markup.DATA_URL),
            name=_name(markup.COMMENTER_PROFILE, "author_"),
            bio=_optional(markup.HIDDEN_BIO.pattern(bio=Group("author_bio", ATTRIBUTE))),
        ),
    )
    + _optional(markup.CREATED.pattern(**_time("published")))
    + _optional(markup.EDITED.pattern(**_time("edited")))
    + _optional(markup.SCORE.pattern(score=Group("score", markup.INTEGER), points="points?"))
    + _optional(markup.STATE.pattern(state=Group("state", _GONE)))
    + _optional(markup.PERMALINK.pattern(url=Group("url", ATTRIBUTE)))
    + markup.CARD_END.pattern(text=Group("text", PARAGRAPHS))
)
_REPLIES = re.compile(markup.REPLIES.pattern(count=_NUMBER, replies=TEXT))

# A card's groups by position: a tuple of groups is quicker to index than a match.
_G = {name: number - 1 for name, number in _CARD.groupindex.items()}
_N, _TEXT_AT, _PARENT, _SHOWN = _G["n"], _G["text"], _G["parent"], _G["parent_shown"]
_ID, _URL, _URL_DATA, _EXTRA = _G["data_id"], _G["url"], _G["data_url"], _G["data_extra"]
_PERSON, _PUBLISHED, _EDITED = _G["person"], _G["published"], _G["edited"]
_SCORE, _STATE = _G["score"], _G["state"]
# The author's groups, in a row: id, url in data-url, url in href, name, bio.
_AUTHOR_GROUPS = slice(_G["author_data_id"], _G["author_bio"] + 1)
assert [
    _G[name] for name in ("author_data_id", "author_data_url", "author_url", "author_name")
] == [_AUTHOR_GROUPS.start + step for step in range(4)]


# -- reading ---------------------------------------------------------------------------


class _Decline(Exception):
    """The page is not in the canonical form: read it with lxml."""


def _next(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str]:
    found = pattern.match(text, at)
    if found is None:
        raise _Decline
    return found


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
        # ValidationError and the templates' value errors are ValueErrors:
        # the lxml reader reports them with their place in the page.
        return None


def _take(
    pattern: re.Pattern[str], text: str, at: int, found: dict[str, str | None], *, always: bool
) -> int:
    """Match *pattern* at *at*, add its groups to *found*, and say where the match ends.

    A part the writer leaves out at times may be missing (then *at* is where
    the next part starts); one it *always* writes may not.
    """
    match = pattern.match(text, at)
    if match is None:
        if always:
            raise _Decline
        return at
    found.update(match.groupdict())
    return match.end()


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value is not None), None)


def _read(text: str, limits: ThreadLimits) -> Article:
    at = 0
    end = len(text)
    if text.startswith(markup.PAGE.opening):
        at = _take(_PAGE, text, at, {}, always=True)
        if not text.endswith(markup.PAGE_END):
            raise _Decline
        end -= len(markup.PAGE_END)
    # The parts of the article before its comments, in the writer's order.
    found: dict[str, str | None] = {}
    at = _take(_ARTICLE, text, at, found, always=True)
    at = _take(_SITE, text, at, found, always=False)
    at = _take(_HEADLINE, text, at, found, always=True)
    at = _take(_SUBTITLE, text, at, found, always=False)
    people: dict[tuple[str | None, ...], Author] = {}
    authors: tuple[Author, ...] = ()
    if text.startswith(markup.BYLINE, at):
        authors, at = _authors(text, at + len(markup.BYLINE), people)
    at = _take(_META, text, at, found, always=False)
    at = _take(_TAGS, text, at, found, always=False)
    at = _take(_BODY, text, at, found, always=True)
    fields: dict[str, object] = {"authors": authors}
    for name in ("title", "site", "subtitle"):
        value = found.get(name)
        if value is not None:
            fields[name] = unescape(value)
    url = _first(found.get("url"), found.get("url_alone"), found.get("data_url"))
    if url is not None:
        fields["url"] = unescape(url)
    value = found.get("published")
    if value is not None:
        fields["published"] = moment_of(value)
    value = found.get("data_extra")
    if value is not None:
        fields["extra"] = extra_of(unescape(value))
    value = found.get("tags")
    if value is not None:
        fields["tags"] = tuple(unescape(tag) for tag in _TAG.findall(value))
    fields["body"] = from_paragraphs(found["body"] or "")
    empty = _NO_COMMENTS.match(text, at)
    if empty is not None:
        if text[empty.end() : end] != markup.ARTICLE_END:
            raise _Decline
        return Article(**fields)  # type: ignore[arg-type]
    at = _take(_COMMENTS, text, at, found, always=True)
    if text[end - len(_END) : end] != _END:
        raise _Decline
    comments = _comments(text, at, end - len(_END), people, limits)
    return Article(comments=comments, **fields)  # type: ignore[arg-type]


def _authors(
    text: str, at: int, people: dict[tuple[str | None, ...], Author]
) -> tuple[tuple[Author, ...], int]:
    """The authors of the byline from *at*, and where the byline ends."""
    authors = []
    while True:
        found = _next(_AUTHOR, text, at)
        at = found.end()
        url = _first(found["url"], found["data_url"])
        bio = found["bio"]
        authors.append(
            _person(
                people,
                unescape(found["name"]) if found["name"] is not None else None,
                from_paragraphs(bio) if bio is not None else None,
                unescape(url) if url is not None else None,
                unescape(found["data_id"]) if found["data_id"] is not None else None,
            )
        )
        if text.startswith(markup.BYLINE_END, at):
            return tuple(authors), at + len(markup.BYLINE_END)


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
    match_replies = _REPLIES.match
    while position < end:
        found = match_card(text, position)
        if found is None:
            opened = match_replies(text, position)
            if opened is not None:
                open_details += 1
                position = opened.end()
                continue
            if text.startswith(markup.REPLIES_END, position) and open_details:
                open_details -= 1
                position += len(markup.REPLIES_END)
                continue
            raise _Decline
        position = found.end()
        index = len(records)
        groups = found.groups()
        numbers[groups[_N]] = index
        value = groups[_TEXT_AT]
        fields: dict[str, object] = {"text": from_paragraphs(value) if value else ""}
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
            fields["id"] = unescape(value)
        value = groups[_URL]
        if value is None:
            value = groups[_URL_DATA]
        if value is not None:
            fields["url"] = unescape(value)
        value = groups[_EXTRA]
        if value is not None:
            fields["extra"] = extra_of(unescape(value))
        if groups[_PERSON] is not None:
            key = groups[_AUTHOR_GROUPS]
            author = commenters.get(key)
            if author is None:
                identifier, url_data, url, name, bio = key
                if url is None:
                    url = url_data
                author = commenters[key] = _person(
                    people,
                    unescape(name) if name is not None else None,
                    unescape(bio) if bio is not None else None,
                    unescape(url) if url is not None else None,
                    unescape(identifier) if identifier is not None else None,
                )
            fields["author"] = author
        # Dates never hold &, <, > or ": no unescaping.
        value = groups[_PUBLISHED]
        if value is not None:
            fields["published"] = moment_of(value)
        value = groups[_EDITED]
        if value is not None:
            fields["edited"] = moment_of(value)
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
