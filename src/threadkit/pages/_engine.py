"""Running a declarative :class:`~threadkit.pages.Rule` over a page.

The rule's *comments* selector gives the comment elements in document order;
each one's parts are read inside it but never inside the comments nested in
it; then the thread's shape is worked out (see :func:`parents`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

from lxml import etree

from threadkit.model import CommentState, JSONValue
from threadkit.pages._byline import looks_like_date, only_says
from threadkit.pages._dates import parse_date
from threadkit.pages._fields import author_of, count_in, date_of, int_in, text_of
from threadkit.pages._page import Page, all_text, line, resolve
from threadkit.pages._rules import Found, Rule, Thread
from threadkit.pages._select import Selector

__all__ = [
    "UI",
    "anchor_before",
    "find",
    "from_depths",
    "gone",
    "hollow",
    "in_widget",
    "parents",
    "region",
    "says_something",
    "text_outside",
]

UI = Selector(
    "form, button, input, select, textarea, svg, noscript, "
    ".comment-reply-link, .comment-reply-login, .reply, .comment-reply, "
    ".comment-edit-link, .comment-actions, .screen-reader-text, .sr-only, "
    ".visually-hidden, .element-invisible, .element-hidden, .hidden, "
    '[aria-hidden=true], [hidden], a[href^="javascript:"], a[href="#"], a[href="#top"], '
    # Votes, likes and report links that plugins add to every comment.
    '[class*="like-dislike"], [class*="vote"], [class*="report-link"], [class*="flag-link"], '
    ".likes, .like-count, .comment-likes, .rating"
)
"""Parts of a comment that are never its text: controls, reply links, hidden labels."""

# What a removed comment shows in place of its text, in a few languages,
# with who removed it where the page says so.
_GONE = re.compile(
    r"^\W*(?:\[(?:deleted|removed|dead|flagged)\]|"
    r"(?:this )?comment (?:has been |was |is )?(?:deleted|removed)|"
    r"(?:dieser )?kommentar (?:wurde |ist )?(?:vo[mn] [^.!]{1,40}? )?(?:gelöscht|entfernt)|"
    r"(?:ce )?commentaire a été (?:supprimé|retiré)|"
    r"(?:este )?comentario (?:ha sido |fue )?(?:eliminado|borrado)|"
    r"(?:questo )?commento (?:è stato )?(?:eliminato|rimosso)|"
    r"(?:deze )?reactie (?:is )?verwijderd|"
    r"(?:ten )?komentarz (?:został )?usunięty)"
    r"(?:\s+(?:by|vom|von|par|por|da|door|przez)\s+[^.!]{1,40})?\W*$",
    re.IGNORECASE,
)
# Words saying a moderator removed it, or that its author did.
_BY_MODERATOR = re.compile(
    r"\[(?:removed|dead|flagged)\]|admin|moderat|redaktion|rédaction|redacción|spam",
    re.IGNORECASE,
)
_BY_AUTHOR = re.compile(
    r"\[deleted\]|author|autor|auteur|autore|auteur|deleted|gelöscht|supprimé|eliminado|"
    r"borrado|eliminato|verwijderd|usunięty",
    re.IGNORECASE,
)


def gone(text: str) -> CommentState | None:
    """The state a removed comment's placeholder text says, or ``None`` for a real text.

    "[deleted]" or "removed by the author" is :attr:`~threadkit.CommentState.DELETED`;
    "[removed]", "[dead]" or "removed by a blog administrator" is
    :attr:`~threadkit.CommentState.REMOVED`.
    """
    if not _GONE.match(text):
        return None
    if _BY_MODERATOR.search(text):
        return CommentState.REMOVED
    if _BY_AUTHOR.search(text):
        return CommentState.DELETED
    return CommentState.REMOVED


def says_something(text: str) -> bool:
    """Whether *text* has a letter or a pictograph: more than numbers and punctuation.

    A floor number ("#3"), a vote count, separators ("·", "|") and list
    markers say nothing; "ok", "讚" and "👍" do.
    """
    for character in text:
        category = unicodedata.category(character)
        if category[0] == "L" or category == "So":
            return True
    return False


def hollow(
    root: etree._Element,
    parts: Iterable[etree._Element],
    skipped: Callable[[etree._Element], bool],
) -> set[etree._Element]:
    """The elements inside *root* that hold nothing but *parts* once those are read.

    A header whose name and date were read, a list item that held the
    author, would otherwise leave an empty line or a stray "- " in the text.
    """
    found: set[etree._Element] = set()
    for part in parts:
        node = part.getparent()
        chain = []
        while node is not None and node is not root:
            chain.append(node)
            node = node.getparent()
        if node is None:
            continue  # not inside root
        for ancestor in chain:
            if ancestor in found:
                continue
            left = text_outside(ancestor, skipped)
            # "Anna says:" with the name read: "says:" alone says nothing.
            if says_something(left) and not only_says(left):
                break
            found.add(ancestor)
    return found


def text_outside(element: etree._Element, skipped: Callable[[etree._Element], bool]) -> str:
    """The text of *element* outside the elements *skipped* says to leave out."""
    pieces = [element.text or ""]
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        pieces.append(node.tail or "")
        if not isinstance(node.tag, str) or skipped(node):
            continue
        pieces.append(node.text or "")
        stack.extend(reversed(node))
    return "".join(pieces)


def find(page: Page, rule: Rule) -> Thread | None:
    """The thread *rule* finds in *page*, or ``None`` when the rule does not apply."""
    applies = rule.selector("applies")
    if applies is not None and not page.select(applies):
        return None
    selector = rule.selector("comments")
    assert selector is not None
    matched = page.select(selector)
    elements = [
        element
        for element in matched
        if not page.inside(element, "form", _form, tags=("form", "template"))
    ]
    if not elements:
        # Every comment inside a form is the form around a whole thread
        # (XenForo 1's inline moderation, ASP.NET's page-wide form), not a
        # reply form's preview; templates are never comments.
        elements = [
            element
            for element in matched
            if not page.inside(element, "template", _template, tags=("template",))
        ]
    # Comments in a sidebar's widget are other articles' ("recent comments").
    elements = [element for element in elements if not in_widget(element, page)]
    # A <dd> after a <dt> that both carry the comment's class is the second
    # half of one comment (header, then text), not a comment of its own.
    chosen = set(elements)
    elements = [element for element in elements if not _second_half(element, chosen)]
    if not elements:
        return None
    members = {element: number for number, element in enumerate(elements)}
    containers = set(_all(rule.selector("replies"), page))
    ignored = set(_all(rule.selector("ignore"), page)) | set(page.select(UI))
    pingbacks = rule.selector("pingbacks")
    deleted = rule.selector("deleted")
    found = [
        _comment(page, rule, element, members, containers, ignored, deleted) for element in elements
    ]
    shape = parents(elements, members, containers, rule.depth_pattern(), _parent_ids(rule, found))
    is_pingback = [pingbacks is not None and pingbacks.matches(e) for e in elements]
    answered = set(shape)
    thread = Thread(rule=rule.name, comments=[], region=region(elements))
    renumbered: list[int | None] = []
    for number, comment in enumerate(found):
        if _nothing(comment) and number not in answered:
            # An element of the comment's class that holds none of a
            # comment's parts (a "back to top" box, an empty template).
            renumbered.append(None)
            continue
        if is_pingback[number]:
            renumbered.append(None)
            thread.pingbacks.append(comment)
            continue
        parent = shape[number]
        # A reply to a pingback answers what the pingback was in (nothing, as a rule).
        while parent is not None and (is_pingback[parent] or renumbered[parent] is None):
            parent = shape[parent]
        comment.parent = None if parent is None else renumbered[parent]
        renumbered.append(len(thread.comments))
        thread.comments.append(comment)
    count = rule.selector("count")
    counted = page.select(count) if count is not None else []
    counter = counted[0] if counted else None
    if counter is not None:
        thread.stated_count = count_in(counter)
    return thread


def _second_half(element: etree._Element, chosen: set[etree._Element]) -> bool:
    if element.tag != "dd":
        return False
    previous = next(element.itersiblings(etree.Element, preceding=True), None)
    return previous is not None and previous.tag == "dt" and previous in chosen


def _nothing(comment: Found) -> bool:
    return (
        not comment.text.strip()
        and comment.author is None
        and comment.published is None
        and comment.state is CommentState.VISIBLE
    )


def _all(selector: Selector | None, page: Page) -> list[etree._Element]:
    return [] if selector is None else page.select(selector)


# Class tokens and ids of sidebars and their widgets: a "recent comments"
# widget lists comments on other articles with the same markup as the thread.
_WIDGET = re.compile(
    r"^(?:widgets?|widget[-_].*|sidebar|sidebars|sidebar[-_]?\d*|secondary|"
    r".*recent-?comments.*|.*latest-comments.*|.*most-commented.*)$",
    re.IGNORECASE,
)


# What only the page's main content holds: its heading, its body.
_MAIN = etree.XPath(
    "boolean(.//h1 | .//*[contains(@itemprop, 'articleBody') or contains(@itemprop, 'blogPost')]"
    " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' post-body ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')])"
)


def _widget(element: etree._Element) -> bool | None:
    # A sidebar or a widget: True; a "widget" that holds the page's main
    # content is none (Blogger puts the post and its comments in
    # div.widget.Blog), and decides for what it holds: False.
    if element.tag in ("body", "html"):
        return None
    names = (element.get("class") or "").split()
    identifier = element.get("id")
    if identifier:
        names.append(identifier)
    if any(_WIDGET.match(name) for name in names):
        return not _MAIN(element)
    return None


def in_widget(element: etree._Element, page: Page) -> bool:
    """Whether *element* is inside a sidebar or a widget, never a comment thread."""
    return page.inside(element, "widget", _widget, words=_WIDGET)


def _template(element: etree._Element) -> bool | None:
    return True if element.tag == "template" else None


def _form(element: etree._Element) -> bool | None:
    # A reply form's preview or a template is not a comment.
    return True if element.tag in ("form", "template") else None


def _own(
    selector: Selector | None,
    comment: etree._Element,
    nested: Callable[[etree._Element], bool],
    page: Page | None = None,
) -> etree._Element | None:
    """The first match of *selector* inside *comment* that is not inside a nested comment."""
    if selector is None:
        return None
    for element in _preferred(selector, comment, page):
        if not _inside_nested(element, comment, nested):
            return element
    return None


def _preferred(
    selector: Selector, comment: etree._Element, page: Page | None
) -> Iterable[etree._Element]:
    if page is None:
        return selector.preferred(comment)
    return page.lazily(selector, comment)


def _owns(
    selector: Selector | None,
    comment: etree._Element,
    nested: Callable[[etree._Element], bool],
    most: int = 4,
    page: Page | None = None,
) -> Iterator[etree._Element]:
    """The first few matches of *selector* inside *comment*, not inside nested comments.

    Found as they are asked for: a caller that is content with the first
    runs no more of the selector's alternatives.
    """
    if selector is None:
        return
    found: list[etree._Element] = []
    for element in _preferred(selector, comment, page):
        if element not in found and not _inside_nested(element, comment, nested):
            found.append(element)
            yield element
            if len(found) == most:
                return


def _permalink(
    selector: Selector | None,
    comment: etree._Element,
    nested: Callable[[etree._Element], bool],
    identifier: str | None,
    page: Page | None = None,
) -> etree._Element | None:
    """The comment's own permalink: of its links, the one naming its id.

    A reply often links to the comment it answers ("In reply to ...") with
    the same markup, before its own permalink.
    """
    first = _own(selector, comment, nested, page)
    digits = re.sub(r"\D", "", identifier or "")
    if first is None or selector is None or not digits:
        return first
    for element in _preferred(selector, comment, page):
        link = element if element.tag == "a" else element.find(".//a[@href]")
        href = link.get("href") if link is not None else None
        if (
            href
            and re.search(rf"(?<!\d){digits}(?!\d)", href)
            and not _inside_nested(element, comment, nested)
        ):
            return element
    return first


def _inside_nested(
    element: etree._Element, comment: etree._Element, nested: Callable[[etree._Element], bool]
) -> bool:
    node: etree._Element | None = element
    while node is not None and node is not comment:
        if nested(node):
            return True
        node = node.getparent()
    return False


def _comment(
    page: Page,
    rule: Rule,
    element: etree._Element,
    members: dict[etree._Element, int],
    containers: set[etree._Element],
    ignored: set[etree._Element],
    deleted: Selector | None,
) -> Found:
    def nested(node: etree._Element) -> bool:
        return node is not element and (node in members or node in containers)

    extra: dict[str, JSONValue] = {}
    found = Found(element=element)
    parts: list[etree._Element] = []
    # The first place that gives a name (a theme's .comment-author may hold
    # only the avatar), else the first place at all.
    author = None
    for candidate in _owns(rule.selector("author"), element, nested, page=page):
        named = author_of(candidate, page)
        if author is None or (named is not None and named.name):
            author, found.author = candidate, named
        if named is not None and named.name:
            break
    if author is not None:
        parts.append(author)
    date = None
    for candidate in _owns(rule.selector("date"), element, nested, page=page):
        seen: dict[str, JSONValue] = {}
        moment = date_of(candidate, page, seen)
        if date is None or moment is not None:
            date, found.published = candidate, moment
            extra.clear()
            extra.update(seen)
        if moment is not None:
            break
    if date is not None:
        parts.append(date)
    if found.published is None and author is not None and looks_like_date(all_text(author)):
        # A byline holds both: "Anna, 21. April 2020 um 16:40".
        found.published = date_of(author, page, extra)
    score = _own(rule.selector("score"), element, nested, page)
    if score is not None:
        found.score = int_in(line(all_text(score)))
        parts.append(score)
    carrier = _own(rule.selector("id"), element, nested, page) if rule.id else element
    identifier = line((carrier if carrier is not None else element).get("id"))
    if identifier is None:
        identifier = line(element.get("data-id") or element.get("data-comment-id"))
    if identifier is None:
        identifier = anchor_before(element)
    found.id = identifier
    permalink = _permalink(rule.selector("permalink"), element, nested, identifier, page)
    if permalink is not None:
        link = permalink if permalink.tag == "a" else permalink.find(".//a[@href]")
        found.url = resolve(link.get("href"), page.base) if link is not None else None
        parts.append(permalink)
    if found.url is None and identifier is not None and page.url is not None:
        found.url = page.url.split("#", 1)[0] + "#" + identifier
    text_element = _own(rule.selector("text"), element, nested, page)
    if text_element is None and element.tag == "dt":
        # A definition list: the comment's header in <dt>, its text in the
        # <dd> after it (Blogger's classic template and themes like it).
        following = element.getnext()
        if following is not None and following.tag == "dd" and not nested(following):
            text_element = following
    # The parts read already are not text, also where the text element holds
    # them (a theme that puts the name and date inside the comment's body).
    skipped = set(parts)

    def skip(node: etree._Element) -> bool:
        return nested(node) or node in ignored or node in skipped

    root = text_element if text_element is not None else element
    skipped |= hollow(root, parts, skip)
    quotes = rule.selector("quotes")
    found.text = text_of(
        root, page, skip=skip, quoted=quotes.matches if quotes is not None else None
    )
    if found.published is None:
        # A date written straight into the comment, on a line of its own
        # before the text, in no element a rule could name.
        first, _, rest = found.text.partition("\n")
        if len(first) <= 60:
            written = parse_date(first, language=page.language, default_offset=page.offset)
            if written is not None:
                found.published = written.moment
                if not written.zone_given:
                    extra["published_text"] = written.raw
                found.text = rest.strip()
    state = gone(found.text)
    if state is not None:
        # The placeholder is not what the commenter wrote; the place is kept.
        found.state = state
        found.text = ""
    elif deleted is not None and deleted.matches(element):
        found.state = CommentState.DELETED
    found.extra = extra
    return found


def anchor_before(element: etree._Element) -> str | None:
    """The name of the empty ``<a id=...>`` just before *element*, if there is one.

    Drupal 6 and 7 (and templates copied from them) put each comment's id
    on an empty anchor before the comment rather than on the comment.
    """
    previous = element.getprevious()
    # Only white space may stand between the anchor and the comment.
    if previous is None or previous.tag != "a" or (previous.tail or "").strip():
        return None
    if len(previous) or (previous.text or "").strip():
        return None
    return line(previous.get("id") or previous.get("name"))


def _parent_ids(rule: Rule, found: Sequence[Found]) -> list[str | None] | None:
    if rule.parent is None:
        return None
    names: list[str | None] = []
    for comment in found:
        element = comment.element
        names.append(line(element.get(rule.parent)) if element is not None else None)
    return names


def parents(
    elements: Sequence[etree._Element],
    members: dict[etree._Element, int],
    containers: set[etree._Element],
    depth: re.Pattern[str] | None = None,
    parent_ids: Sequence[str | None] | None = None,
) -> list[int | None]:
    """The position of each comment's parent, ``None`` for a top-level comment.

    In order of preference: parent ids (each naming an earlier comment's id
    attribute, or its number), depths read from ``class`` by *depth*, and
    nesting in the page (see :class:`~threadkit.pages.Rule`).
    """
    if parent_ids is not None:
        positions: dict[str, int] = {}
        shape: list[int | None] = []
        for number, element in enumerate(elements):
            wanted = parent_ids[number]
            target = positions.get(wanted) if wanted else None
            shape.append(target)
            for key in (element.get("id"), element.get("data-id")):
                if key:
                    positions.setdefault(key, number)
                    digits = re.sub(r"\D", "", key)
                    if digits:
                        positions.setdefault(digits, number)
        return shape
    if depth is not None:
        levels = []
        for element in elements:
            match = depth.search(element.get("class") or "")
            levels.append(int(match.group(1)) if match else None)
        if any(level is not None for level in levels):
            return from_depths(levels)
    return _by_nesting(elements, members, containers)


def from_depths(levels: Sequence[int | None]) -> list[int | None]:
    """Parents from each comment's depth (1 for top level): the latest comment one level up.

    A comment without a depth, or deeper than one below the comment before
    it, goes under that comment.
    """
    shape: list[int | None] = []
    path: list[int] = []  # the positions of the open comments, one per level
    for number, level in enumerate(levels):
        if level is None:
            level = len(path) + 1 if path else 1
        level = max(1, min(level, len(path) + 1))
        del path[level - 1 :]
        shape.append(path[-1] if path else None)
        path.append(number)
    return shape


class _Frame:
    """What an open element of the walk in :func:`_by_nesting` says of what it holds."""

    __slots__ = ("holder", "last", "member")

    def __init__(self, member: int | None, holder: int | None) -> None:
        self.member = member  # the nearest comment around, containers aside
        self.holder = holder  # whose replies are inside: the nearest comment or container's
        self.last: int | None = None  # the latest comment that ended inside


def _by_nesting(
    elements: Sequence[etree._Element],
    members: dict[etree._Element, int],
    containers: set[etree._Element],
) -> list[int | None]:
    # One walk over the part of the page that holds the comments: a comment
    # answers the nearest comment around it, or the comment a replies
    # container around it belongs to, which is the comment holding the
    # container or, failing that, the comment just before it (Drupal puts
    # div.indented after its parent). No ancestors are searched per comment:
    # a page nested 100,000 deep costs what its size costs.
    shape: list[int | None] = [None] * len(elements)
    root = region(elements)
    if root is None:
        return shape
    stack: list[_Frame] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            frame = stack.pop()
            if stack:
                outer = stack[-1]
                number = members.get(element)
                if number is not None:
                    outer.last = number
                elif frame.last is not None:
                    outer.last = frame.last
            continue
        top = stack[-1] if stack else None
        member = top.member if top is not None else None
        holder = top.holder if top is not None else None
        number = members.get(element)
        if number is not None:
            shape[number] = holder
            stack.append(_Frame(number, number))
        elif element in containers:
            owner = member if member is not None else (top.last if top is not None else None)
            stack.append(_Frame(member, owner))
        else:
            stack.append(_Frame(member, holder))
    return shape


def region(elements: Sequence[etree._Element]) -> etree._Element | None:
    """The nearest element holding every one of *elements*, or ``None`` for none.

    The elements come in document order: what holds the first and the last
    holds every one between them.
    """
    if not elements:
        return None
    first, last = elements[0], elements[-1]
    ancestry = {id(node) for node in (last, *last.iterancestors())}
    for node in (first, *first.iterancestors()):
        if id(node) in ancestry:
            return node
    return None
