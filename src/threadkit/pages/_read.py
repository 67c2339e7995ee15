"""Reading a page from elsewhere: the rules in turn, then the article around the thread."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from lxml import etree

from threadkit import tree
from threadkit._io import too_deep, too_many
from threadkit.errors import ParseError, ValidationError
from threadkit.model import Article, Author, Comment, JSONValue
from threadkit.pages._article import article_fields
from threadkit.pages._engine import find
from threadkit.pages._page import Page
from threadkit.pages._pagination import comment_pages
from threadkit.pages._rules import Finder, Found, Rule, Thread
from threadkit.pages._script import loaded_by_script, stated_count
from threadkit.pages._systems import SYSTEMS

__all__ = ["PageReport", "read_page", "register", "registered", "unregister"]

FORMAT = "html"

_REGISTERED: list[Rule | Finder] = []


def register(rule: Rule | Finder) -> None:
    """Try *rule* on every page read from now on, before the built-in rules.

    Rules registered later are tried first.

    .. versionadded:: 0.1
    """
    # A str has a find method too: a selector passed by mistake is refused.
    given: object = rule
    finder = isinstance(given, Rule) or (
        not isinstance(given, str)
        and isinstance(getattr(given, "name", None), str)
        and callable(getattr(given, "find", None))
    )
    if not finder:
        raise TypeError(f"expected a Rule or an object with a find(page) method, got {rule!r}")
    _REGISTERED.insert(0, rule)


def unregister(rule: Rule | Finder) -> None:
    """Stop trying *rule* (one registered with :func:`register`).

    Raises:
        ValueError: *rule* is not registered.

    .. versionadded:: 0.1
    """
    for number, known in enumerate(_REGISTERED):
        if known is rule:
            del _REGISTERED[number]
            return
    raise ValueError(f"{rule!r} is not registered")


def registered() -> tuple[Rule | Finder, ...]:
    """The rules :func:`register` added, in the order they are tried.

    .. versionadded:: 0.1
    """
    return tuple(_REGISTERED)


@attrs.frozen
class PageReport:
    """What reading a page from elsewhere recognised, and what it left out.

    Passed to the ``report`` callback of :func:`threadkit.loads` and
    friends when the ``html`` reader reads a page that threadkit did not
    write.

    .. versionadded:: 0.1
    """

    article: Article
    """The article read."""
    rule: str | None
    """The comment system or rule that found the comments; ``None`` if none did."""
    metadata: tuple[str, ...]
    """Where the article's fields came from (``"json-ld"``, ``"open graph"``, ``"html"``...)."""
    comment_count: int
    """The comments found (pingbacks not counted)."""
    stated_count: int | None
    """How many comments the page says it has, where it says so."""
    pingbacks: int
    """Pingbacks and trackbacks found, kept in ``article.extra["pingbacks"]``."""
    comments_in_page: bool
    """``False`` when the page loads its comments by script, so none could be read."""
    notes: tuple[str, ...] = ()
    """What was left out, and why, one sentence each."""
    comment_page: int | None = None
    """This page's number among the thread's comment pages, where it has others."""
    comment_pages: tuple[tuple[int, str], ...] = ()
    """The thread's other comment pages this page links (``?cpage=2``, "older
    comments"), as ``(number, address)`` pairs in order of number: fetch and
    read them, then put the thread together with :func:`threadkit.tree.graft`."""

    @property
    def complete(self) -> bool:
        """Whether the page holds its whole thread, as far as it tells.

        ``False`` when the comments load by script, when the page links other
        comment pages, or when it says it has more or fewer comments than
        were found. Pages that count their pingbacks among their comments
        ("20 comments" over 12 comments and 8 pingbacks) are complete too.
        """
        stated = self.stated_count
        found = (self.comment_count, self.comment_count + self.pingbacks)
        whole = self.comments_in_page and not self.comment_pages
        return whole and (stated is None or stated in found)

    def __str__(self) -> str:
        found = f"{self.comment_count} comment(s)"
        if self.stated_count is not None:
            found += f" of {self.stated_count} stated"
        source = f"by {self.rule}" if self.rule else "no comment system recognised"
        parts = [f"html page: {found}, {source}"]
        if self.pingbacks:
            parts.append(f"{self.pingbacks} pingback(s) kept in extra")
        if not self.comments_in_page:
            parts.append("comments load by script")
        if self.comment_pages:
            numbers = ", ".join(str(number) for number, _ in self.comment_pages)
            parts.append(f"comment page {self.comment_page}; other comment pages: {numbers}")
        parts.extend(self.notes)
        return "; ".join(parts)


def _run(finder: Rule | Finder, page: Page) -> Thread | None:
    if isinstance(finder, Rule):
        return find(page, finder)
    return finder.find(page)


def read_page(
    root: etree._Element,
    *,
    url: str | None = None,
    rules: Iterable[Rule | Finder] = (),
    report: Callable[[PageReport], object] | None = None,
    limits: tuple[int | None, int | None] = (None, None),
) -> Article:
    """The article and comment thread of the page whose tree is *root*."""
    page = Page(root, url=url)
    thread: Thread | None = None
    for finder in (*rules, *_REGISTERED, *SYSTEMS):
        found = _run(finder, page)
        if found is not None and (found.comments or found.pingbacks or found.article is not None):
            thread = found
            break
    exclude = _regions(thread) if thread is not None else []
    post = thread.article if thread is not None else None
    read = article_fields(page, exclude=exclude, body=post.element if post is not None else None)
    fields, sources = read.fields, read.sources
    if thread is not None:
        _opening(fields, sources, thread)
    notes: list[str] = []
    comments = _thread(thread, limits) if thread is not None else ()
    extra: dict[str, Any] = dict(fields.pop("extra", None) or {})
    if thread is not None and thread.pingbacks:
        extra["pingbacks"] = [_pingback(found) for found in thread.pingbacks]
    if extra:
        fields["extra"] = extra
    problem = read.problem(len(comments))
    # An opening post stands for the article's text, not for its title.
    if problem is not None and (post is None or fields.get("title") is None):
        raise ParseError(problem, format=FORMAT, line=1)
    try:
        article = Article(comments=comments, **fields)
    except ValidationError as error:
        raise ParseError(f"the page's {error}", format=FORMAT, line=1) from None
    if report is not None:
        in_page = not (thread is None and loaded_by_script(page))
        if not in_page:
            notes.append("the page loads its comments by script; none were in it")
        stated = thread.stated_count if thread is not None else None
        if stated is None:
            stated = stated_count(page, article)
        paged = comment_pages(
            page, _elements(thread), thread.region if thread is not None else None, url
        )
        if paged.others:
            notes.append(
                f"the thread goes on over {len(paged.others)} other comment page(s)"
                " (see comment_pages)"
            )
        report(
            PageReport(
                article=article,
                rule=thread.rule if thread is not None else None,
                metadata=tuple(sources),
                comment_count=article.comment_count,
                stated_count=stated,
                pingbacks=len(thread.pingbacks) if thread is not None else 0,
                comments_in_page=in_page,
                notes=tuple(notes),
                comment_page=paged.current if paged.others else None,
                comment_pages=paged.others,
            )
        )
    return article


def _elements(thread: Thread | None) -> set[etree._Element]:
    """The elements of the comments and pingbacks found."""
    if thread is None:
        return set()
    found = (*thread.comments, *thread.pingbacks)
    return {comment.element for comment in found if comment.element is not None}


def _regions(thread: Thread) -> list[etree._Element]:
    """The parts of the page that hold the thread, to leave out of the article.

    The thread's region, unless it holds the article as well (it reaches the
    ``<body>``, or holds the headline): comments found in a sidebar's
    "recent comments" too put the region around the whole page. Then the
    lists that hold the comments are left out instead.
    """
    region = thread.region
    if region is not None and region.tag not in ("html", "body"):
        walker = etree.iterwalk(region, events=("start",), tag="h1")
        if next(iter(walker), None) is None:
            return [region]
    lists: dict[etree._Element, None] = {}
    for found in (*thread.comments, *thread.pingbacks):
        element = found.element
        parent = element.getparent() if element is not None else None
        if parent is not None and parent.tag not in ("html", "body"):
            lists.setdefault(parent, None)
    return list(lists)


def _opening(fields: dict[str, Any], sources: Sequence[str], thread: Thread) -> None:
    """What the comment system shows of the article itself, put into *fields*.

    The post the comments answer (:attr:`Thread.article`) is the article's
    text wherever the page holds it; its title and address are the ones the
    comment system shows. Its author and date win over what was read off the
    rest of the page (a byline, a date near the headline), which on a forum
    page may be anyone's; only schema.org markup, which names the posting
    itself, says them better.
    """
    if thread.title:
        fields["title"] = thread.title
    post = thread.article
    if post is None:
        return
    fields["body"] = post.text
    if post.url:
        fields["url"] = post.url
    structured = bool({"json-ld", "microdata"} & set(sources))
    if post.author is not None and not post.author.is_empty():
        named: Sequence[Author] = fields.get("authors") or ()
        first = (named[0].name or "").casefold() if named else None
        same = first == (post.author.name or "").casefold()
        if not (structured and named) or same:
            fields["authors"] = (post.author,)
    if post.published is not None and not (structured and fields.get("published")):
        fields["published"] = post.published
    if post.extra:
        extra = dict(fields.get("extra") or {})
        extra.update(post.extra)
        fields["extra"] = extra


def _fields(found: Found) -> dict[str, Any]:
    return {
        "text": found.text,
        "author": found.author,
        "id": found.id,
        "published": found.published,
        "edited": found.edited,
        "score": found.score,
        "state": found.state,
        "url": found.url,
        "extra": found.extra,
    }


def _pingback(found: Found) -> dict[str, JSONValue]:
    entry: dict[str, JSONValue] = {"text": found.text}
    if found.author is not None:
        if found.author.name:
            entry["title"] = found.author.name
        if found.author.url:
            entry["url"] = found.author.url
    if found.published is not None:
        entry["published"] = found.published.isoformat()
    if found.id:
        entry["id"] = found.id
    return entry


def _thread(thread: Thread, limits: tuple[int | None, int | None]) -> tuple[Comment, ...]:
    triples: list[tuple[int, int | None, Comment]] = []
    for number, found in enumerate(thread.comments):
        try:
            comment = Comment(**_fields(found))
        except ValidationError as error:
            raise ParseError(
                f"comment {number + 1}: {error}", format=FORMAT, line=_line(found)
            ) from None
        triples.append((number, found.parent, comment))
    max_depth, max_comments = limits
    _check(thread.comments, max_depth, max_comments)
    return tree.rebuild(triples).comments


def _line(found: Found) -> int | None:
    line: object = found.element.sourceline if found.element is not None else None
    return line if isinstance(line, int) else None


def _check(found: Sequence[Found], max_depth: int | None, max_comments: int | None) -> None:
    if max_comments is not None and len(found) > max_comments:
        raise too_many(FORMAT, max_comments, line=_line(found[max_comments]))
    if max_depth is None:
        return
    depths: list[int] = []
    for number, comment in enumerate(found):
        # A parent later in the page (a damaged page's parentItem naming a
        # comment below) counts as top level for this bound; rebuild places it.
        parent = comment.parent
        depth = 1 if parent is None or parent >= number else depths[parent] + 1
        depths.append(depth)
        if depth > max_depth:
            raise too_deep(FORMAT, max_depth, line=_line(found[number]))
