"""Stack Exchange question pages (Stack Overflow, Super User, Ask Ubuntu...).

The question is the article; each answer is a top-level comment, and the
short comments under a post are replies to it (those under the question are
top-level comments, before the answers, as the page shows them). A post is
``div.question`` (``#question``) or ``div.answer`` (``#answer-N``); its text
is ``.js-post-body`` (``.post-text`` before 2020), its votes
``.js-vote-count`` (``.vote-count-post``); its author and date are in the
last ``.post-signature`` (an editor's signature comes before the
author's), the moment in the ``title`` of ``.relativetime``
("2019-05-05 10:11:12Z"). A comment is ``li.comment`` (``tr.comment``
before 2020): ``.comment-copy``, ``.comment-user``, ``.comment-date``
and its votes in ``.comment-score``. The accepted answer has ``extra``
``accepted`` set; answers have ``answer``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from lxml import etree

from threadkit.model import Author, JSONValue
from threadkit.pages._dates import parse_date
from threadkit.pages._engine import UI, region
from threadkit.pages._fields import author_of, clean, date_of, int_in, text_of
from threadkit.pages._page import Page, all_text, classes, line, resolve
from threadkit.pages._rules import Found, Thread
from threadkit.pages._select import Selector, pick

__all__ = ["FINDER", "StackExchange"]

_QUESTION = Selector("div#question, div.question[data-questionid]")
_ANSWERS = Selector("div.answer[data-answerid], div.answer[id^=answer-]")
_TITLE = Selector("#question-header h1 a, #question-header h1, h1[itemprop=name]")
_BODY = Selector(".js-post-body, .post-text, [itemprop=text]")
_BODY_MARK = Selector(".js-post-body, .post-text")
_VOTES = Selector(".js-vote-count, .vote-count-post, [itemprop=upvoteCount]")
_SIGNATURE = Selector(".post-signature")
_USER = Selector(
    '.user-details a[href*="/users/"], .user-details [itemprop=name], .user-details a, '
    ".user-details"
)
_WHEN = Selector(".user-action-time .relativetime, .user-action-time span[title], .relativetime")
_COMMENTS = Selector("li.comment, tr.comment, li.js-comment")
_COMMENT_TEXT = Selector(".comment-copy")
_COMMENT_USER = Selector(".comment-user")
_COMMENT_DATE = Selector(".comment-date span[title], .comment-date, .relativetime-clean")
_COMMENT_SCORE = Selector(".comment-score")
_ACCEPTED = Selector(".js-accepted-answer-indicator:not(.d-none), .vote-accepted-on")


class StackExchange:
    """The finder of Stack Exchange question pages."""

    name = "stackexchange"

    def find(self, page: Page) -> Thread | None:
        """The question, its answers and their comments, or ``None`` elsewhere."""
        questions = page.select(_QUESTION)
        question = questions[0] if questions else None
        # "question" is a common id: the page is Stack Exchange's only when
        # the question also has a post body in its markup.
        if question is None or _first(_BODY_MARK, question) is None:
            return None
        thread = Thread(rule=self.name, comments=[])
        title = pick(_TITLE, page.root)
        if title is not None:
            thread.title = line(clean(all_text(title)))
        article = _post(question, page)
        article.url = None  # the page's own address is the article's
        if article.score is not None:
            article.extra["score"] = article.score  # an article has no score of its own
        thread.article = article
        thread.comments.extend(_comments(question, page, None))
        answers = page.select(_ANSWERS)
        for answer in answers:
            found = _post(answer, page)
            found.extra["answer"] = True
            if _accepted(answer):
                found.extra["accepted"] = True
            position = len(thread.comments)
            thread.comments.append(found)
            thread.comments.extend(_comments(answer, page, position))
        thread.region = region([question, *answers])
        return thread


FINDER = StackExchange()
"""The Stack Exchange finder."""


def _outside(post: etree._Element, inner: Selector) -> Callable[[etree._Element], bool]:
    # Whether an element is outside the post's comment list (a post's parts
    # are looked for there only).
    lists = set(inner.all(post))

    def check(element: etree._Element) -> bool:
        return not any(ancestor in lists for ancestor in element.iterancestors())

    return check


_COMMENT_LISTS = Selector(".comments, .js-comments-container, .post-comments")


def _first(selector: Selector, post: etree._Element) -> etree._Element | None:
    outside = _outside(post, _COMMENT_LISTS)
    for element in selector.preferred(post):
        if outside(element):
            return element
    return None


def _moment(element: etree._Element, page: Page, extra: dict[str, JSONValue]) -> datetime | None:
    # The title holds the moment in UTC, "2019-05-05 10:11:12Z", and in a
    # comment's date the licence after a comma.
    title = (element.get("title") or "").split(",", 1)[0].strip()
    if title:
        found = parse_date(title, language=page.language, default_offset=page.offset)
        if found is not None:
            if not found.zone_given:
                extra["published_text"] = found.raw
            return found.moment
    return date_of(element, page, extra)


def _post(post: etree._Element, page: Page) -> Found:
    found = Found(element=post)
    extra: dict[str, JSONValue] = {}
    body = _first(_BODY, post)
    if body is not None:
        found.text = text_of(body, page, skip=set(UI.all(body)).__contains__)
    votes = _first(_VOTES, post)
    if votes is not None:
        found.score = int_in(votes.get("data-value") or line(all_text(votes)))
    if found.score is None:
        found.score = int_in(post.get("data-score"))
    signatures = [s for s in _SIGNATURE.all(post) if _outside(post, _COMMENT_LISTS)(s)]
    owners = [s for s in signatures if "owner" in classes(s)]
    signature = owners[-1] if owners else (signatures[-1] if signatures else None)
    if signature is not None:
        users = _USER.preferred(signature)
        if users:
            found.author = _author(users[0], page)
        when = _WHEN.preferred(signature)
        if when:
            found.published = _moment(when[0], page, extra)
    identifier = post.get("data-answerid") or post.get("data-questionid")
    found.id = identifier
    if identifier and page.url:
        found.url = resolve(f"#{post.get('id') or identifier}", page.url)
    found.extra = extra
    return found


def _author(element: etree._Element, page: Page) -> Author | None:
    if element.tag == "a" or element.get("itemprop") == "name":
        return author_of(element, page)
    # A user without a profile: the name is the first line of the details,
    # before the reputation and badges.
    for text in element.itertext():
        name = line(clean(str(text)))
        if name:
            return Author(name=name)
    return None


def _accepted(answer: etree._Element) -> bool:
    return (
        "accepted-answer" in classes(answer)
        or answer.get("itemprop") == "acceptedAnswer"
        or _ACCEPTED.first(answer) is not None
    )


def _comments(post: etree._Element, page: Page, parent: int | None) -> list[Found]:
    found: list[Found] = []
    for element in _COMMENTS.all(post):
        comment = Found(element=element, parent=parent)
        extra: dict[str, JSONValue] = {}
        text = pick(_COMMENT_TEXT, element)
        comment.text = text_of(text if text is not None else element, page)
        user = pick(_COMMENT_USER, element)
        if user is not None:
            comment.author = author_of(user, page)
        date = pick(_COMMENT_DATE, element)
        if date is not None:
            comment.published = _moment(date, page, extra)
        score = _COMMENT_SCORE.first(element)
        if score is not None:
            comment.score = int_in(line(all_text(score))) or 0
        identifier = (element.get("data-comment-id") or element.get("id") or "").removeprefix(
            "comment-"
        )
        comment.id = identifier or None
        if identifier and page.url:
            comment.url = resolve(f"#comment{identifier}_{_post_id(post)}", page.url)
        comment.extra = extra
        found.append(comment)
    return found


def _post_id(post: etree._Element) -> str:
    return post.get("data-answerid") or post.get("data-questionid") or ""
