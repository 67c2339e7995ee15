"""Reddit's comment listing JSON, read-only.

Reads what ``GET /comments/<id>`` returns: a JSON array of two
``Listing`` objects, the submission (a ``t3``) and its comment forest
(``t1`` objects whose ``replies`` hold nested listings, with ``more``
placeholders for replies not sent). Also read: a permalink-with-context
response (the same shape), a lone listing, and the ``{"json": {"data":
{"things": [...]}}}`` answer of ``/api/morechildren``, a flat list whose
article stands for the submission named by the comments' ``link_id``.

The mapping (the full table is in the importers' documentation):

- submission: ``title`` → title, ``selftext`` → body, ``author`` and
  ``author_fullname`` → the author's name and id, ``created_utc`` →
  published, ``url`` → url, ``subreddit_name_prefixed`` → site;
- comment: ``id`` → id, ``body`` → text, ``created_utc`` → published,
  ``edited`` → edited, ``score`` → score, ``permalink`` → url;
  ``[deleted]`` and ``[removed]`` bodies → state ``deleted`` and
  ``removed`` with empty text, ``removed``/``spam`` flags (a moderator's
  view) → state ``removed``/``spam``;
- everything else → ``extra["reddit"]``, ``more`` objects included (on the
  comment they belong to, or on the article for top-level ones), and each
  ``more`` is counted in the report as :class:`~threadkit.UnloadedReplies`.

``body`` is Markdown as the author typed it (the API's ``raw_json=1`` form);
``text="html"`` takes the text from ``body_html`` instead, as plain text.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Any, Literal

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source
from threadkit.errors import ParseError
from threadkit.importers._assemble import Triple, build
from threadkit.importers._clean import Notes, author, drop_empty, title_or
from threadkit.importers._json_input import JSONPath, load_json
from threadkit.importers._options import ImportOptions
from threadkit.importers._report import Reporter, UnloadedReplies
from threadkit.model import Article, Comment, CommentState
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = ["read", "sniff"]

FORMAT = "reddit"
_SITE = "https://www.reddit.com"

_LISTING = re.compile(r'"kind"\s*:\s*"Listing"')
_THINGS = re.compile(r'"things"\s*:\s*\[')
_THING = re.compile(r'"kind"\s*:\s*"(?:t1|more)"')
# An API answer: {"json": {"errors": [...], "data": {"things": [...]}}}, even empty.
_ANSWER = re.compile(r'\s*\{\s*"json"\s*:\s*\{\s*"(?:errors|data|things)"\s*:')

# Comment fields that land in the model or in the tree, not in extra.
_COMMENT_MAPPED = frozenset(
    {
        "id",
        "name",
        "author",
        "author_fullname",
        "created_utc",
        "score",
        "permalink",
        "replies",
        "parent_id",
    }
)
_ARTICLE_MAPPED = frozenset(
    {
        "name",
        "title",
        "author",
        "author_fullname",
        "created_utc",
        "url",
        "subreddit_name_prefixed",
    }
)
_GONE = ("[deleted]", "[removed]")


def sniff(head: str) -> bool:
    """Whether *head* starts a Reddit listing or a ``morechildren`` answer."""
    start = head.lstrip()[:1]
    if start not in ("[", "{"):
        return False
    if _LISTING.search(head) or _ANSWER.match(head):
        return True
    return bool(_THINGS.search(head) and _THING.search(head))


def read(
    data: Source,
    *,
    text: Literal["markdown", "html"] = "markdown",
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
) -> Article:
    """Read a submission and its comments from Reddit's listing JSON.

    Takes the options every importer takes, ``orphans`` to ``errors``
    (described in :ref:`importer-options`), and these:

    Args:
        data: The JSON document, as text, bytes or an open file.
        text: ``"markdown"`` takes comment text from ``body`` (and the
            submission's from ``selftext``); ``"html"`` from ``body_html``
            (``selftext_html``), turned into plain text.

    Raises:
        ParseError: *data* is not JSON, or not a shape Reddit returns.
        LimitError: *data* crosses a limit.

    .. versionadded:: 0.1
    """
    if text not in ("markdown", "html"):
        raise ValueError(f"text must be 'markdown' or 'html', not {text!r}")
    options = ImportOptions.of(locals())
    document = load_json(data, FORMAT, options)
    reader = _Reader(text == "html", options)
    fields, items = reader.document(document)
    return build(FORMAT, 0, fields, items, reader.notes, options, places=reader.places).finish()


_ROOT = JSONPath(None)


def _fail(message: str, parts: JSONPath) -> ParseError:
    return ParseError(message, format=FORMAT, path=str(parts))


def _thing(value: object, parts: JSONPath) -> tuple[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise _fail("expected a Reddit thing (an object with kind and data)", parts)
    kind = value.get("kind")
    data = value.get("data")
    if not isinstance(kind, str) or not isinstance(data, dict):
        raise _fail("expected a Reddit thing (an object with kind and data)", parts)
    return kind, data


def _children(listing: object, parts: JSONPath) -> list[Any]:
    kind, data = _thing(listing, parts)
    if kind != "Listing":
        raise _fail(f"expected a Listing, found kind {kind!r}", parts)
    children = data.get("children")
    if not isinstance(children, list):
        raise _fail("a Listing needs a children array", parts("data", "children"))
    return children


def _strip_prefix(fullname: object) -> tuple[str | None, str | None]:
    """``"t1_abc"`` to ``("t1", "abc")``."""
    if not isinstance(fullname, str) or not fullname:
        return None, None
    kind, sep, rest = fullname.partition("_")
    if not sep:
        return None, fullname
    return kind, rest


class _Reader:
    def __init__(self, html: bool, options: ImportOptions) -> None:
        self.html = html
        self.options = options
        self.notes = Notes()
        self.places: list[JSONPath] = []  # of the comments, for a limit error

    # -- the document's shapes ---------------------------------------------------------

    def document(self, document: object) -> tuple[dict[str, Any], list[Triple]]:
        if isinstance(document, list):
            if not document or len(document) > 2:
                raise _fail("expected [submission listing, comment listing]", _ROOT)
            submissions = _children(document[0], _ROOT(0))
            if not submissions:
                raise _fail("the submission listing is empty", _ROOT(0, "data", "children"))
            kind, post = _thing(submissions[0], _ROOT(0, "data", "children", 0))
            if kind != "t3":
                raise _fail(
                    f"expected the submission (t3), found kind {kind!r}",
                    _ROOT(0, "data", "children", 0),
                )
            comments = _children(document[1], _ROOT(1)) if len(document) == 2 else []
            return self.forest(post, comments, _ROOT(1, "data", "children"))
        if isinstance(document, dict):
            things = document.get("json", {})
            if isinstance(things, dict):
                problems = things.get("errors")
                if isinstance(problems, list) and problems:
                    raise _fail(
                        f"Reddit answered with errors, not comments: {_errors(problems)}",
                        _ROOT("json", "errors"),
                    )
            if isinstance(things, dict) and isinstance(things.get("data"), dict):
                listed = things["data"].get("things")
                if isinstance(listed, list):
                    if not listed:
                        self.notes.repair(
                            "answer",
                            "the morechildren answer holds no comment (those asked for are "
                            "gone, or none was asked): the article stands for a submission "
                            "it does not name",
                        )
                    return self.forest(None, listed, _ROOT("json", "data", "things"))
            if document.get("kind") == "Listing":
                children = _children(document, _ROOT)
                if children and isinstance(children[0], dict) and children[0].get("kind") == "t3":
                    _, post = _thing(children[0], _ROOT("data", "children", 0))
                    return self.forest(post, [], _ROOT)
                return self.forest(None, children, _ROOT("data", "children"))
        raise _fail(
            "not a Reddit comment listing: expected [submission listing, comment listing] "
            'or a morechildren answer {"json": {"data": {"things": [...]}}}',
            _ROOT,
        )

    def forest(
        self, post: dict[str, Any] | None, roots: list[Any], parts: JSONPath
    ) -> tuple[dict[str, Any], list[Triple]]:
        items: list[Triple] = []
        top_more: list[Any] = []
        link_id: str | None = None
        # Iterative pre-order walk: (thing, its path, the parent from nesting).
        stack: list[tuple[Any, JSONPath, Hashable | None]] = [
            (child, parts(index), None) for index, child in reversed(list(enumerate(roots)))
        ]
        while stack:
            value, where, nested_parent = stack.pop()
            kind, data = _thing(value, where)
            parent_kind, parent_id = _strip_prefix(data.get("parent_id"))
            parent: Hashable | None = parent_id if parent_kind == "t1" else None
            if parent_kind is None and nested_parent is not None:
                parent = nested_parent
            if kind == "more":
                named = parent if isinstance(parent, str) else None
                self.notes.unloaded.append(_unloaded(data, named))
                if parent is None:
                    top_more.append(data)
                continue
            if kind != "t1":
                raise _fail(f"expected a comment (t1) or more, found kind {kind!r}", where)
            if link_id is None and isinstance(data.get("link_id"), str):
                link_id = data["link_id"]
            self.options.count(FORMAT, len(items), path=where)
            comment, key = self.comment(data, where)
            items.append((key, parent, comment))
            self.places.append(where)
            replies = data.get("replies")
            if replies:
                children = _children(replies, where("data", "replies"))
                reply_parts = where("data", "replies", "data", "children")
                stack.extend(
                    (child, reply_parts(index), key)
                    for index, child in reversed(list(enumerate(children)))
                )
        fields = self.article(post, link_id, top_more)
        return fields, items

    # -- one thing -------------------------------------------------------------------------

    def comment(self, data: dict[str, Any], where: JSONPath) -> tuple[Comment, Hashable]:
        notes = self.notes
        cid = notes.line(data.get("id"), "comment id")
        label = f"comment {cid}" if cid else f"comment at {where}"
        key: Hashable = cid if cid is not None else ("#", str(where))
        body_field = "body_html" if self.html else "body"
        body = data.get("body")
        state = CommentState.VISIBLE
        if body in _GONE:
            state = CommentState.DELETED if body == "[deleted]" else CommentState.REMOVED
            text = ""
        else:
            if data.get("removed") is True:
                state = CommentState.REMOVED
            elif data.get("spam") is True:
                state = CommentState.SPAM
            if self.html:
                text = notes.html(data.get("body_html"), f"{label}: text")
                if not text and isinstance(body, str) and body.strip():
                    # An emote, a GIF or an image alone: body_html holds only an
                    # <img>, which leaves no text; the Markdown says what it was.
                    text = notes.text(body, f"{label}: text")
                    notes.repair(
                        f"{label}: text",
                        "body_html leaves no text (an image or emote alone): "
                        "the text is the Markdown body",
                    )
            else:
                text = notes.text(body, f"{label}: text")
        name = data.get("author")
        who = None
        if name not in (None, "[deleted]"):
            who = author(notes, label, name=name, id=data.get("author_fullname"))
        edited_raw = data.get("edited")
        edited = None
        edited_mapped = edited_raw is False or edited_raw is None
        if isinstance(edited_raw, int | float) and not isinstance(edited_raw, bool):
            edited = notes.epoch(edited_raw, f"{label}: edited")
            edited_mapped = edited is not None
        elif edited_raw is True:
            # Reddit's comments of before 2011 or so say they were edited, not when.
            notes.repair(
                f"{label}: edited",
                "true, without a time: Comment.edited is left empty; kept in extra",
            )
        published_raw = data.get("created_utc")
        published = notes.epoch(published_raw, f"{label}: created_utc")
        permalink = data.get("permalink")
        url = None
        if isinstance(permalink, str) and permalink:
            url = notes.line(_SITE + permalink if permalink.startswith("/") else permalink, label)
        leftover = {
            k: v
            for k, v in data.items()
            if k not in _COMMENT_MAPPED
            and k != body_field
            and not (k == "edited" and edited_mapped)
        }
        if body in _GONE:
            leftover.pop("body", None)
        if published is None and published_raw is not None:
            leftover["created_utc"] = published_raw
        if name == "[deleted]":
            leftover["author"] = name
        more = _more_of(data.get("replies"))
        if more:
            leftover["more"] = more
        comment = Comment(
            text=text,
            author=who,
            id=cid,
            published=published,
            edited=edited,
            score=notes.score(data.get("score"), f"{label}: score"),
            state=state,
            url=url,
            extra={FORMAT: notes.extra(leftover, f"{label}: extra")} if leftover else None,
        )
        return comment, key

    def article(
        self, post: dict[str, Any] | None, link_id: str | None, top_more: list[Any]
    ) -> dict[str, Any]:
        notes = self.notes
        if post is None:
            # A flat answer without its submission: stand in for the one its comments name.
            _, submission = _strip_prefix(link_id)
            name = submission or "unknown"
            extra: dict[str, Any] = {"id": submission, "missing": True}
            if top_more:
                extra["more"] = top_more
            url = f"{_SITE}/comments/{submission}/" if submission else None
            return {
                "title": title_or(
                    notes, "article: title", f"Reddit submission {name}", "Reddit submission"
                ),
                "url": notes.line(url, "article: url"),
                "extra": {FORMAT: notes.extra(drop_empty(extra), "article: extra")},
            }
        label = "article"
        body_field = "selftext_html" if self.html else "selftext"
        if self.html:
            body = notes.html(post.get("selftext_html"), f"{label}: body")
        else:
            body = notes.text(post.get("selftext"), f"{label}: body")
        poster = post.get("author")
        who = None
        if poster not in (None, "[deleted]"):
            who = author(notes, label, name=poster, id=post.get("author_fullname"))
        published_raw = post.get("created_utc")
        published = notes.epoch(published_raw, f"{label}: created_utc")
        site: object = post.get("subreddit_name_prefixed")
        if not isinstance(site, str) and isinstance(post.get("subreddit"), str):
            site = "r/" + post["subreddit"]
        leftover = {k: v for k, v in post.items() if k not in _ARTICLE_MAPPED and k != body_field}
        if published is None and published_raw is not None:
            leftover["created_utc"] = published_raw
        if poster == "[deleted]":
            leftover["author"] = poster
        if top_more:
            leftover["more"] = top_more
        fallback = f"Reddit submission {post.get('id') or 'without an id'}"
        return {
            "title": title_or(notes, f"{label}: title", post.get("title"), fallback),
            "body": body,
            "authors": (who,) if who is not None else (),
            "published": published,
            "url": notes.line(post.get("url"), f"{label}: url"),
            "site": notes.line(site, f"{label}: site"),
            "extra": {FORMAT: notes.extra(leftover, f"{label}: extra")},
        }


def _errors(problems: list[Any]) -> str:
    """Reddit's ``[["RATELIMIT", "you are doing that too much", "ratelimit"], ...]`` as text."""
    shown = []
    for problem in problems[:3]:
        parts = problem if isinstance(problem, list) else [problem]
        shown.append(" ".join(str(part) for part in parts[:2] if part is not None))
    return "; ".join(shown) + (f" and {len(problems) - 3} more" if len(problems) > 3 else "")


def _more_of(replies: object) -> list[Any]:
    """The ``more`` objects' data among a comment's direct replies."""
    if not isinstance(replies, Mapping):
        return []
    data = replies.get("data")
    children = data.get("children") if isinstance(data, Mapping) else None
    if not isinstance(children, list):
        return []
    return [
        child["data"]
        for child in children
        if isinstance(child, Mapping)
        and child.get("kind") == "more"
        and isinstance(child.get("data"), Mapping)
    ]


def _unloaded(data: dict[str, Any], parent: str | None) -> UnloadedReplies:
    children = data.get("children")
    ids = tuple(str(child) for child in children) if isinstance(children, list) else ()
    count = data.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or (count == 0 and not ids):
        # "continue this thread" says count 0 and names no reply: it is not
        # that nothing is there, but that Reddit does not say how much.
        count = None
    return UnloadedReplies(parent=parent, ids=ids, count=count)
