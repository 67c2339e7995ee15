"""Running a declarative :class:`~threadkit.pages.Rule` over a page.

The rule's *comments* selector gives the comment elements in document order;
each one's parts are read inside it but never inside the comments nested in
it; then the thread's shape is worked out (see :func:`parents`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from threadkit.model import CommentState, JSONValue
from threadkit.pages._fields import author_of, count_in, date_of, int_in, text_of
from threadkit.pages._page import Page, all_text, line, resolve
from threadkit.pages._rules import Found, Rule, Thread
from threadkit.pages._select import Selector

__all__ = ["UI", "find", "from_depths", "parents", "region"]

UI = Selector(
    "form, button, input, select, textarea, svg, noscript, "
    ".comment-reply-link, .comment-reply-login, .reply, .comment-reply, "
    ".comment-edit-link, .comment-actions, .screen-reader-text, .sr-only, "
    "[aria-hidden=true], [hidden]"
)
"""Parts of a comment that are never its text: controls, reply links, hidden labels."""

# What a removed comment shows in place of its text, in a few languages.
_GONE = re.compile(
    r"^\W*(?:\[(?:deleted|removed|dead|flagged)\]|"
    r"(?:this )?comment (?:has been |was )?(?:deleted|removed)|"
    r"(?:dieser )?kommentar wurde (?:gelöscht|entfernt)|"
    r"(?:ce )?commentaire a été supprimé|comentario eliminado)\W*$",
    re.IGNORECASE,
)


def find(page: Page, rule: Rule) -> Thread | None:
    """The thread *rule* finds in *page*, or ``None`` when the rule does not apply."""
    applies = rule.selector("applies")
    if applies is not None and applies.first(page.root) is None:
        return None
    selector = rule.selector("comments")
    assert selector is not None
    matched = selector.all(page.root)
    elements = [element for element in matched if not _in_form(element)]
    if not elements:
        # Every comment inside a form is the form around a whole thread
        # (XenForo 1's inline moderation, ASP.NET's page-wide form), not a
        # reply form's preview; templates are never comments.
        elements = [element for element in matched if not _in_template(element)]
    if not elements:
        return None
    members = {element: number for number, element in enumerate(elements)}
    containers = set(_all(rule.selector("replies"), page.root))
    ignored = set(_all(rule.selector("ignore"), page.root)) | set(UI.all(page.root))
    pingbacks = rule.selector("pingbacks")
    deleted = rule.selector("deleted")
    found = [
        _comment(page, rule, element, members, containers, ignored, deleted) for element in elements
    ]
    shape = parents(elements, members, containers, rule.depth_pattern(), _parent_ids(rule, found))
    is_pingback = [pingbacks is not None and pingbacks.matches(e) for e in elements]
    thread = Thread(rule=rule.name, comments=[], region=region(elements))
    renumbered: list[int | None] = []
    for number, comment in enumerate(found):
        if is_pingback[number]:
            renumbered.append(None)
            thread.pingbacks.append(comment)
            continue
        parent = shape[number]
        # A reply to a pingback answers what the pingback was in (nothing, as a rule).
        while parent is not None and is_pingback[parent]:
            parent = shape[parent]
        comment.parent = None if parent is None else renumbered[parent]
        renumbered.append(len(thread.comments))
        thread.comments.append(comment)
    count = rule.selector("count")
    counter = count.first(page.root) if count is not None else None
    if counter is not None:
        thread.stated_count = count_in(counter)
    return thread


def _all(selector: Selector | None, root: etree._Element) -> list[etree._Element]:
    return [] if selector is None else selector.all(root)


def _in_template(element: etree._Element) -> bool:
    return any(ancestor.tag == "template" for ancestor in element.iterancestors())


def _in_form(element: etree._Element) -> bool:
    # A reply form's preview or a template is not a comment.
    return any(ancestor.tag in ("form", "template") for ancestor in element.iterancestors())


def _own(
    selector: Selector | None,
    comment: etree._Element,
    nested: Callable[[etree._Element], bool],
) -> etree._Element | None:
    """The first match of *selector* inside *comment* that is not inside a nested comment."""
    if selector is None:
        return None
    for element in selector.preferred(comment):
        node: etree._Element | None = element
        inside = False
        while node is not None and node is not comment:
            if nested(node):
                inside = True
                break
            node = node.getparent()
        if not inside:
            return element
    return None


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
    author = _own(rule.selector("author"), element, nested)
    if author is not None:
        found.author = author_of(author, page)
        parts.append(author)
    date = _own(rule.selector("date"), element, nested)
    if date is not None:
        found.published = date_of(date, page, extra)
        parts.append(date)
    score = _own(rule.selector("score"), element, nested)
    if score is not None:
        found.score = int_in(line(all_text(score)))
        parts.append(score)
    carrier = _own(rule.selector("id"), element, nested) if rule.id else element
    identifier = line((carrier if carrier is not None else element).get("id"))
    if identifier is None:
        identifier = line(element.get("data-id") or element.get("data-comment-id"))
    found.id = identifier
    permalink = _own(rule.selector("permalink"), element, nested)
    if permalink is not None:
        link = permalink if permalink.tag == "a" else permalink.find(".//a[@href]")
        found.url = resolve(link.get("href"), page.base) if link is not None else None
        parts.append(permalink)
    if found.url is None and identifier is not None and page.url is not None:
        found.url = page.url.split("#", 1)[0] + "#" + identifier
    text_element = _own(rule.selector("text"), element, nested)
    skipped = set(parts) if text_element is None else set()

    def skip(node: etree._Element) -> bool:
        return nested(node) or node in ignored or node in skipped

    quotes = rule.selector("quotes")
    found.text = text_of(
        text_element if text_element is not None else element,
        page,
        skip=skip,
        quoted=quotes.matches if quotes is not None else None,
    )
    if (deleted is not None and deleted.matches(element)) or _GONE.match(found.text):
        found.state = CommentState.DELETED
    found.extra = extra
    return found


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
    return [_nesting_parent(element, members, containers) for element in elements]


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


def _nesting_parent(
    element: etree._Element, members: dict[etree._Element, int], containers: set[etree._Element]
) -> int | None:
    node = element.getparent()
    while node is not None:
        if node in members:
            return members[node]
        if node in containers:
            return _owner(node, members)
        node = node.getparent()
    return None


def _owner(container: etree._Element, members: dict[etree._Element, int]) -> int | None:
    # The comment a replies container belongs to: the comment holding it, or
    # the comment just before it (Drupal puts div.indented after its parent).
    node = container.getparent()
    while node is not None:
        if node in members:
            return members[node]
        node = node.getparent()
    sibling = container.getprevious()
    while sibling is not None:
        if sibling in members:
            return members[sibling]
        last = None
        for inner in sibling.iterdescendants():
            if inner in members:
                last = members[inner]
        if last is not None:
            return last
        sibling = sibling.getprevious()
    return None


def region(elements: Sequence[etree._Element]) -> etree._Element | None:
    """The nearest element holding every one of *elements*, or ``None`` for none."""
    if not elements:
        return None
    first = elements[0]
    common = [first, *first.iterancestors()]
    for element in elements[1:]:
        ancestry = {id(node) for node in (element, *element.iterancestors())}
        common = [node for node in common if id(node) in ancestry]
    return common[0] if common else None
