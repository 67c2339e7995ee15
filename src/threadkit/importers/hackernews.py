"""Hacker News items as JSON, read-only.

Two shapes are read:

- the Firebase API's items (``/v0/item/<id>.json``): one item, or a JSON
  array of items in any order (``null`` entries, the API's answer for an
  item that does not exist, are skipped);
- the Algolia API's nested item (``/api/v1/items/<id>``), whose
  ``children`` hold the replies.

Every story, job or poll becomes an article and its comments the thread, so
an array holding several stories yields several articles. Comments whose
story is not in the source make an article that stands for the item they
answer, titled ``Hacker News item <id>`` and marked ``"missing": true`` in
``extra["hackernews"]``; with exactly one story in the source, comments
whose chain of parents breaks are orphans of that story instead. Poll
options (``pollopt``) are listed in their poll's ``extra``.

Siblings follow the order of their parent's ``kids`` (HN's ranking), then
the order of the source. Ids in ``kids`` that the source holds no item for
are replies not loaded: they are counted in the report as
:class:`~threadkit.UnloadedReplies`. ``deleted`` items become comments with
state ``deleted``, ``dead`` ones state ``removed``; ``text`` is HTML, turned
into plain text with paragraphs.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from typing import Any

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source
from threadkit.errors import ParseError
from threadkit.importers._assemble import Triple, build, single, with_parent_id
from threadkit.importers._clean import Notes, author, state_of, title_or
from threadkit.importers._json_input import JSONPath, load_json
from threadkit.importers._options import ImportOptions
from threadkit.importers._report import Reporter, UnloadedReplies
from threadkit.model import Article, Comment
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = ["read", "read_all", "sniff"]

FORMAT = "hackernews"
_ITEM_PAGE = "https://news.ycombinator.com/item?id="
_SITE = "Hacker News"

_TYPE = re.compile(r'"type"\s*:\s*"(?:story|comment|job|poll|pollopt)"')
_SIGN = re.compile(r'"(?:by|time|created_at_i|story_id)"\s*:')
_ROOT_TYPES = frozenset({"story", "job", "poll"})

# Fields that land in the model or in the tree, not in extra.
_FIREBASE_MAPPED = frozenset({"id", "by", "time", "text", "parent", "deleted", "dead"})
_ALGOLIA_MAPPED = frozenset(
    {"id", "author", "created_at", "created_at_i", "text", "parent_id", "children", "points"}
)


def sniff(head: str) -> bool:
    """Whether *head* starts a Hacker News item, an array of them, or an Algolia item."""
    if head.lstrip()[:1] not in ("[", "{"):
        return False
    return bool(_TYPE.search(head) and _SIGN.search(head))


def read(data: Source, **options: Any) -> Article:
    """Read the one article of *data*; see :func:`read_all` for the options.

    Raises:
        ParseError: *data* is not JSON, not Hacker News items, or holds
            several stories (use :func:`threadkit.load_all`).

    .. versionadded:: 0.1
    """
    return single(read_all(data, **options), FORMAT, path="$")


def read_all(
    data: Source,
    *,
    # The options every importer takes, written out in each signature so that
    # help() and editors show them: a deliberate repeat, as the last five are
    # in every reader's. The body bundles them into one ImportOptions at once.
    orphans: OrphanPolicy = "keep",
    duplicates: DuplicatePolicy = "keep",
    cycles: CyclePolicy = "break",
    report: Reporter | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Iterator[Article]:
    """Yield an article for every story, job or poll in *data*.

    Takes the options every importer takes, ``orphans`` to ``errors``
    (described in :ref:`importer-options`), and these:

    Args:
        data: The JSON document, as text, bytes or an open file.

    Raises:
        ParseError: *data* is not JSON or not Hacker News items.
        LimitError: *data* crosses a limit.

    .. versionadded:: 0.1
    """
    options = ImportOptions.of(locals())
    document = load_json(data, FORMAT, options)
    if isinstance(document, dict) and ("children" in document or "created_at_i" in document):
        return iter((_algolia(document, options),))
    if isinstance(document, dict):
        return _firebase([document], options, single_item=True)
    if isinstance(document, list):
        return _firebase(document, options, single_item=False)
    raise ParseError(
        "not Hacker News items: expected an item object or an array of items",
        format=FORMAT,
        path="$",
    )


def _int_id(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _firebase(
    document: list[Any], options: ImportOptions, *, single_item: bool
) -> Iterator[Article]:
    skipped: list[str] = []
    items: list[dict[str, Any]] = []
    where_of: dict[int, str] = {}  # by id(item), for a limit error
    for index, item in enumerate(document):
        where = "$" if single_item else f"$[{index}]"
        if item is None:
            skipped.append(f"{where} is null (an item that does not exist); skipped")
            continue
        if not isinstance(item, dict):
            raise ParseError("expected a Hacker News item (an object)", format=FORMAT, path=where)
        if _int_id(item.get("id")) is None:
            if "about" in item and "submitted" in item:
                raise ParseError(
                    "this is a Hacker News user, not an item", format=FORMAT, path=where
                )
            raise ParseError("a Hacker News item needs an integer id", format=FORMAT, path=where)
        items.append(item)
        where_of[id(item)] = where
    by_id: dict[int, dict[str, Any]] = {}
    for item in items:
        by_id.setdefault(item["id"], item)

    roots: list[dict[str, Any]] = []
    root_ids: set[int] = set()
    for item in items:
        if _is_root(item):
            if item["id"] in root_ids:
                skipped.append(f"item {item['id']} is listed again; the first one is read")
            else:
                roots.append(item)
                root_ids.add(item["id"])
    one_root = roots[0]["id"] if len(roots) == 1 else None

    # The article each comment belongs to: a root's id, or the missing item
    # at the top of its chain of parents. Found without recursion.
    group_of: dict[int, int] = {}
    groups: dict[int, list[dict[str, Any]]] = {item["id"]: [] for item in roots}
    pollopts: dict[int, list[dict[str, Any]]] = {}
    stand_ins: list[int] = []
    for item in items:
        if _is_root(item):
            continue
        if _kind(item) == "pollopt":
            poll = _int_id(item.get("poll"))
            group = poll if poll is not None else item["id"]
            pollopts.setdefault(group, []).append(item)
        else:
            group = _find_group(item, by_id, root_ids, group_of)
            if group not in root_ids and one_root is not None:
                group = one_root
        if group not in groups:
            groups[group] = []
            stand_ins.append(group)
        if _kind(item) != "pollopt":
            options.count(FORMAT, len(groups[group]), path=where_of[id(item)])
            groups[group].append(item)

    for index, group in enumerate([item["id"] for item in roots] + stand_ins):
        notes = Notes()
        if index == 0:
            for message in skipped:
                notes.repair("items", message)
        root = by_id[group] if group in root_ids else None
        fields = _firebase_article(group, root, pollopts.get(group, []), notes)
        triples, order = _firebase_thread(group, root, groups[group], by_id, notes)
        if root is not None:
            notes.unloaded_total = _not_read(root, groups[group])
        places = [where_of[id(item)] for item in order]
        yield build(FORMAT, index, fields, triples, notes, options, places=places).finish()


def _not_read(root: dict[str, Any], members: list[dict[str, Any]]) -> int | None:
    """How many comments of the story *root* the source lacks, by its ``descendants``.

    HN counts the comments that are neither deleted nor dead; ``None`` when
    the story does not say.
    """
    descendants = _int_id(root.get("descendants"))
    if descendants is None:
        return None
    read = sum(
        1 for item in members if item.get("deleted") is not True and item.get("dead") is not True
    )
    return max(0, descendants - read)


def _kind(item: dict[str, Any]) -> str | None:
    kind = item.get("type")
    return kind if isinstance(kind, str) else None


def _is_root(item: dict[str, Any]) -> bool:
    kind = _kind(item)
    return kind in _ROOT_TYPES or (kind not in ("comment", "pollopt") and "parent" not in item)


def _find_group(
    item: dict[str, Any],
    by_id: dict[int, dict[str, Any]],
    root_ids: set[int],
    group_of: dict[int, int],
) -> int:
    chain: list[int] = []
    on_chain: set[int] = set()
    current = item
    group: int
    while True:
        cid = current["id"]
        if cid in group_of:
            group = group_of[cid]
            break
        chain.append(cid)
        on_chain.add(cid)
        parent = _int_id(current.get("parent"))
        if parent is None:
            group = cid
            break
        if parent in root_ids:
            group = parent
            break
        following = by_id.get(parent)
        if following is None or parent in on_chain:
            group = parent if following is None else cid
            break
        current = following
    for cid in chain:
        group_of[cid] = group
    return group


def _firebase_article(
    group: int, root: dict[str, Any] | None, pollopts: list[dict[str, Any]], notes: Notes
) -> dict[str, Any]:
    options = [_pollopt(item, notes) for item in pollopts]
    if root is None:
        extra: dict[str, Any] = {"id": group, "missing": True}
        if options:
            extra["pollopts"] = options
        return {
            "title": f"Hacker News item {group}",
            "url": _ITEM_PAGE + str(group),
            "site": _SITE,
            "extra": {FORMAT: notes.extra(extra, "article: extra")},
        }
    label = f"item {group}"
    leftover = {
        k: v for k, v in root.items() if k not in _FIREBASE_MAPPED and k not in ("title", "url")
    }
    leftover["id"] = group
    if root.get("deleted") is True:
        leftover["deleted"] = True
    if root.get("dead") is True:
        leftover["dead"] = True
    if options:
        leftover["pollopts"] = options
    published = notes.epoch(root.get("time"), f"{label}: time")
    if published is None and root.get("time") is not None:
        leftover["time"] = root.get("time")
    who = author(notes, label, name=root.get("by"), id=root.get("by"))
    url = notes.line(root.get("url"), f"{label}: url") or _ITEM_PAGE + str(group)
    return {
        "title": title_or(notes, f"{label}: title", root.get("title"), f"Hacker News item {group}"),
        "body": notes.html(root.get("text"), f"{label}: text"),
        "authors": (who,) if who is not None else (),
        "published": published,
        "url": url,
        "site": _SITE,
        "extra": {FORMAT: notes.extra(leftover, f"{label}: extra")},
    }


def _pollopt(item: dict[str, Any], notes: Notes) -> dict[str, Any]:
    label = f"item {item['id']}"
    out = {k: v for k, v in item.items() if k != "text"}
    out["text"] = notes.html(item.get("text"), f"{label}: text")
    return out


def _firebase_thread(
    group: int,
    root: dict[str, Any] | None,
    members: list[dict[str, Any]],
    by_id: dict[int, dict[str, Any]],
    notes: Notes,
) -> tuple[list[Triple], list[dict[str, Any]]]:
    """The triples of one article, in source order except that siblings follow ``kids``.

    Also the items they were made from, in the same order.

    Siblings trade places among the positions they hold in the source, so the
    rebuild still sees (and reports) replies listed before their parent.
    """
    parents: list[int | None] = []
    for item in members:
        parent = _int_id(item.get("parent"))
        parents.append(None if parent is None or parent == group else parent)
    slots: dict[int | None, list[int]] = {}
    for position, parent in enumerate(parents):
        slots.setdefault(parent, []).append(position)
    ordered = list(members)
    for parent, positions in slots.items():
        holder = root if parent is None else by_id.get(parent)
        kids = holder.get("kids") if holder is not None else None
        rank = (
            {kid: n for n, kid in enumerate(kids) if _int_id(kid) is not None}
            if isinstance(kids, list)
            else {}
        )
        if not rank or len(positions) < 2:
            continue
        siblings = sorted(positions, key=lambda p: (rank.get(members[p]["id"], len(rank)), p))
        for slot, position in zip(positions, siblings, strict=True):
            ordered[slot] = members[position]

    start = root.get("kids") if root is not None else None
    if isinstance(start, list):
        _unloaded(None, [kid for kid in start if _int_id(kid) is not None], by_id, notes)
    triples: list[Triple] = []
    for item in ordered:
        cid = item["id"]
        kids = item.get("kids")
        if isinstance(kids, list):
            _unloaded(str(cid), [k for k in kids if _int_id(k) is not None], by_id, notes)
        parent = _int_id(item.get("parent"))
        parent_key: Hashable = None if parent is None or parent == group else str(parent)
        comment = _firebase_comment(item, notes)
        if root is None and parent is not None and parent == group:
            # The item the article stands for may be a comment: keep its id.
            comment = with_parent_id(comment, str(group))
        triples.append((str(cid), parent_key, comment))
    return triples, ordered


def _unloaded(
    parent: str | None, kids: list[int], by_id: dict[int, dict[str, Any]], notes: Notes
) -> None:
    missing = tuple(str(kid) for kid in kids if kid not in by_id)
    if missing:
        notes.unloaded.append(UnloadedReplies(parent=parent, ids=missing))


def _firebase_comment(item: dict[str, Any], notes: Notes) -> Comment:
    cid = item["id"]
    label = f"comment {cid}"
    leftover = {k: v for k, v in item.items() if k not in _FIREBASE_MAPPED}
    published = notes.epoch(item.get("time"), f"{label}: time")
    if published is None and item.get("time") is not None:
        leftover["time"] = item.get("time")
    if item.get("deleted") is True and item.get("dead") is True:
        leftover["dead"] = True
    return Comment(
        text=notes.html(item.get("text"), f"{label}: text"),
        author=author(notes, label, name=item.get("by"), id=item.get("by")),
        id=str(cid),
        published=published,
        score=notes.score(item.get("score"), f"{label}: score"),
        state=state_of(deleted=item.get("deleted") is True, removed=item.get("dead") is True),
        url=_ITEM_PAGE + str(cid),
        extra={FORMAT: notes.extra(leftover, f"{label}: extra")} if leftover else None,
    )


# -- Algolia ------------------------------------------------------------------------------


def _algolia(document: dict[str, Any], options: ImportOptions) -> Article:
    notes = Notes()
    top_id = _int_id(document.get("id"))
    if top_id is None:
        raise ParseError("a Hacker News item needs an integer id", format=FORMAT, path="$")
    is_root = _kind(document) in _ROOT_TYPES or document.get("parent_id") is None
    triples: list[Triple] = []
    places: list[JSONPath] = []
    root = JSONPath(None)
    stack: list[tuple[Any, JSONPath, int | None]]
    answers: str | None = None  # the id the top comments keep as their parent's
    if is_root:
        fields = _algolia_article(document, notes)
        group = top_id
        stack = _children_of(document, root, top_id)
    else:
        group = _int_id(document.get("parent_id")) or top_id
        story = document.get("story_id")
        extra = {"id": group, "missing": True, "story_id": story}
        # Unless Algolia says the item answered is the story, it may be a comment.
        answers = str(group) if group != top_id and story != group else None
        fields = {
            "title": f"Hacker News item {group}",
            "url": _ITEM_PAGE + str(group),
            "site": _SITE,
            "extra": {FORMAT: notes.extra({k: v for k, v in extra.items() if v is not None}, "")},
        }
        stack = [(document, root, group)]
    while stack:
        node, where, parent = stack.pop()
        if not isinstance(node, dict) or _int_id(node.get("id")) is None:
            raise ParseError(
                "expected a Hacker News item with an integer id", format=FORMAT, path=str(where)
            )
        cid = node["id"]
        declared = _int_id(node.get("parent_id"))
        parent_of = declared if declared is not None else parent
        parent_key: Hashable = None if parent_of is None or parent_of == group else str(parent_of)
        options.count(FORMAT, len(triples), path=where)
        comment = _algolia_comment(node, notes)
        if answers is not None and parent_key is None and parent_of == group:
            comment = with_parent_id(comment, answers)
        triples.append((str(cid), parent_key, comment))
        places.append(where)
        stack.extend(_children_of(node, where, cid))
    return build(FORMAT, 0, fields, triples, notes, options, places=places).finish()


def _children_of(
    node: dict[str, Any], where: JSONPath, parent: int
) -> list[tuple[Any, JSONPath, int | None]]:
    children = node.get("children")
    if children is None:
        return []
    if not isinstance(children, list):
        raise ParseError("children must be an array", format=FORMAT, path=str(where("children")))
    return [
        (child, where("children", index), parent)
        for index, child in reversed(list(enumerate(children)))
    ]


def _algolia_time(node: dict[str, Any], notes: Notes, label: str) -> Any:
    if _int_id(node.get("created_at_i")) is not None:
        return notes.epoch(node["created_at_i"], f"{label}: created_at_i")
    return notes.iso(node.get("created_at"), f"{label}: created_at")


def _algolia_article(node: dict[str, Any], notes: Notes) -> dict[str, Any]:
    group = node["id"]
    label = f"item {group}"
    leftover = {
        k: v for k, v in node.items() if k not in _ALGOLIA_MAPPED and k not in ("title", "url")
    }
    leftover["id"] = group
    if node.get("points") is not None:
        leftover["points"] = node["points"]
    who = author(notes, label, name=node.get("author"), id=node.get("author"))
    return {
        "title": title_or(notes, f"{label}: title", node.get("title"), f"Hacker News item {group}"),
        "body": notes.html(node.get("text"), f"{label}: text"),
        "authors": (who,) if who is not None else (),
        "published": _algolia_time(node, notes, label),
        "url": notes.line(node.get("url"), f"{label}: url") or _ITEM_PAGE + str(group),
        "site": _SITE,
        "extra": {FORMAT: notes.extra(leftover, f"{label}: extra")},
    }


def _algolia_comment(node: dict[str, Any], notes: Notes) -> Comment:
    cid = node["id"]
    label = f"comment {cid}"
    leftover = {k: v for k, v in node.items() if k not in _ALGOLIA_MAPPED}
    gone = node.get("author") is None and node.get("text") is None
    return Comment(
        text=notes.html(node.get("text"), f"{label}: text"),
        author=author(notes, label, name=node.get("author"), id=node.get("author")),
        id=str(cid),
        published=_algolia_time(node, notes, label),
        score=notes.score(node.get("points"), f"{label}: points"),
        state=state_of(deleted=gone),
        url=_ITEM_PAGE + str(cid),
        extra={FORMAT: notes.extra(leftover, f"{label}: extra")} if leftover else None,
    )
