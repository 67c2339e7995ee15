"""Mastodon statuses as JSON, read-only.

Reads what the Mastodon API returns:

- a status (``GET /api/v1/statuses/:id``): the article, without comments;
- a context (``GET /api/v1/statuses/:id/context``, ``ancestors`` and
  ``descendants``): the descendants are the thread, rebuilt from
  ``in_reply_to_id``, and the article stands for the status the top replies
  answer, with what can be known of it: its id, titled
  ``Mastodon status <id>``, ``"missing": true`` in ``extra["mastodon"]``;
- an object holding both side by side: ``{"status": ..., "context":
  {"ancestors": ..., "descendants": ...}}`` (or with ``ancestors`` and
  ``descendants`` beside ``status``).

A status has no title: the article's is its content warning
(``spoiler_text``) when it has one, else the first line of its text,
shortened to 80 characters on a word boundary. ``content`` is HTML, turned
into plain text with paragraphs; the article's ``tags`` are the status's
hashtags. The ancestors, the statuses above the one read, are kept in the
article's ``extra["mastodon"]["ancestors"]`` as the API gave them.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any
from urllib.parse import urlsplit

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source
from threadkit.errors import ParseError
from threadkit.importers._assemble import Triple, build, with_parent_id
from threadkit.importers._clean import Notes, title_or
from threadkit.importers._json_input import load_json
from threadkit.importers._options import ImportOptions
from threadkit.importers._report import Reporter
from threadkit.model import Article, Author, Comment
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = ["read", "sniff"]

FORMAT = "mastodon"
TITLE_LENGTH = 80
"""The longest title made from a status's text, ellipsis included."""

_CONTEXT = re.compile(r'"(?:ancestors|descendants)"\s*:\s*\[')
_STATUS = re.compile(r'"in_reply_to_account_id"\s*:')

_STATUS_MAPPED = frozenset(
    {"id", "content", "account", "created_at", "edited_at", "favourites_count", "url"}
)
_ARTICLE_MAPPED = frozenset({"content", "account", "created_at", "url"})
_ACCOUNT_MAPPED = frozenset({"id", "display_name", "note", "url"})


def sniff(head: str) -> bool:
    """Whether *head* starts a Mastodon status, context, or both side by side."""
    if head.lstrip()[:1] != "{":
        return False
    return bool(_CONTEXT.search(head) or _STATUS.search(head))


def read(
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
) -> Article:
    """Read a status and the replies below it.

    Takes the options every importer takes, ``orphans`` to ``errors``
    (described in :ref:`importer-options`), and these:

    Args:
        data: The JSON document, as text, bytes or an open file.

    Raises:
        ParseError: *data* is not JSON, or not a status or context.
        LimitError: *data* crosses a limit.

    .. versionadded:: 0.1
    """
    options = ImportOptions.of(locals())
    document = load_json(data, FORMAT, options)
    if not isinstance(document, dict):
        raise _fail("expected a status, a context, or both side by side", "$")
    status: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    base = "$"
    if "status" in document:
        status = document["status"]
        if not isinstance(status, dict):
            raise _fail("status must be an object", "$.status")
        inner = document.get("context")
        if isinstance(inner, dict):
            context, base = inner, "$.context"
        elif inner is not None:
            raise _fail("context must be an object", "$.context")
        elif "ancestors" in document or "descendants" in document:
            context = document
    elif "ancestors" in document or "descendants" in document:
        context = document
    elif "content" in document and "id" in document:
        status = document
    else:
        raise _fail("expected a status, a context, or both side by side", "$")
    ancestors = _statuses(context, "ancestors", base)
    descendants = _statuses(context, "descendants", base)

    notes = Notes()
    root_id: str | None
    if status is not None:
        root_id = _id(status, "$.status" if status is not document else "$", notes)
        fields = _article(status, notes)
        is_reply = status.get("in_reply_to_id") is not None
    else:
        root_id = _stand_in_id(descendants)
        fields = _stand_in(root_id, ancestors, descendants, notes)
        is_reply = bool(ancestors)
        if root_id is None and not ancestors:
            notes.repair(
                "context",
                "the context holds no status (no ancestor, no reply that names the status "
                "it answers): the article stands for a status it does not name",
            )
    if ancestors:
        extra = dict(fields["extra"][FORMAT])
        extra["ancestors"] = notes.extra({"ancestors": ancestors}, "ancestors", 2)["ancestors"]
        fields["extra"] = {FORMAT: extra}

    triples: list[Triple] = []
    for index, item in enumerate(descendants):
        cid = _id(item, f"{base}.descendants[{index}]", notes)
        parent = item.get("in_reply_to_id")
        parent_key: Hashable = None if parent is None or str(parent) == root_id else str(parent)
        options.count(FORMAT, len(triples), path=f"{base}.descendants[{index}]")
        comment = _comment(item, cid, notes)
        if is_reply and root_id is not None and parent is not None and parent_key is None:
            # The status read answers another: it is a comment in that thread,
            # where tree.graft puts its replies by the id kept.
            comment = with_parent_id(comment, root_id)
        triples.append((cid, parent_key, comment))
    places = [f"{base}.descendants[{index}]" for index in range(len(triples))]
    return build(FORMAT, 0, fields, triples, notes, options, places=places).finish()


def _fail(message: str, path: str) -> ParseError:
    return ParseError(message, format=FORMAT, path=path)


def _statuses(context: dict[str, Any] | None, name: str, base: str) -> list[dict[str, Any]]:
    if context is None:
        return []
    value = context.get(name, [])
    if not isinstance(value, list):
        raise _fail(f"{name} must be an array of statuses", f"{base}.{name}")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _fail("expected a status (an object)", f"{base}.{name}[{index}]")
    return value


def _id(status: dict[str, Any], where: str, notes: Notes) -> str:
    value = status.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    cleaned = notes.line(value, f"status at {where}: id") if isinstance(value, str) else None
    if cleaned is None:
        raise _fail("a status needs an id", f"{where}.id")
    return cleaned


def _stand_in_id(descendants: list[dict[str, Any]]) -> str | None:
    for item in descendants:
        parent = item.get("in_reply_to_id")
        if parent is not None:
            return str(parent)
    return None


def _stand_in(
    root_id: str | None,
    ancestors: list[dict[str, Any]],
    descendants: list[dict[str, Any]],
    notes: Notes,
) -> dict[str, Any]:
    extra: dict[str, Any] = {"missing": True}
    if root_id is not None:
        extra["id"] = root_id
        title = notes.line(f"Mastodon status {root_id}", "article: title") or "Mastodon status"
        for item in descendants:
            if str(item.get("in_reply_to_id")) == root_id and item.get("in_reply_to_account_id"):
                extra["account_id"] = str(item["in_reply_to_account_id"])
                break
    elif ancestors and ancestors[-1].get("id") is not None:
        replying = f"Mastodon status replying to {ancestors[-1]['id']}"
        title = notes.line(replying, "article: title") or "Mastodon status"
    else:
        title = "Mastodon status"
    if ancestors and ancestors[-1].get("id") is not None:
        extra["in_reply_to_id"] = str(ancestors[-1]["id"])
    return {"title": title, "extra": {FORMAT: notes.extra(extra, "article: extra")}}


def _author(account: object, notes: Notes, label: str) -> tuple[Author | None, Any]:
    """The author of a status, and what of its account is left for ``extra``."""
    if account is None:
        return None, {}
    if not isinstance(account, dict):
        notes.repair(f"{label}: account", "not an object: no author; kept in extra as it is")
        return None, account
    name = account.get("display_name") or account.get("username") or account.get("acct")
    made = Author(
        name=notes.line(name, f"{label}: account display_name"),
        bio=notes.html(account.get("note"), f"{label}: account note"),
        url=notes.line(account.get("url"), f"{label}: account url"),
        id=notes.line(account.get("id"), f"{label}: account id"),
    )
    leftover = {k: v for k, v in account.items() if k not in _ACCOUNT_MAPPED}
    return (None if made.is_empty() else made), leftover


def _title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if len(first) <= TITLE_LENGTH:
        return first or None
    cut = first[: TITLE_LENGTH - 1]
    if not first[TITLE_LENGTH - 1].isspace():
        # Do not end inside a word, unless the word is half the title.
        space = cut.rfind(" ")
        if space > TITLE_LENGTH // 2:
            cut = cut[:space]
    return cut.rstrip() + "…"


def _article(status: dict[str, Any], notes: Notes) -> dict[str, Any]:
    sid = _id(status, "$", notes)
    label = f"status {sid}"
    body = notes.html(status.get("content"), f"{label}: content")
    who, account_rest = _author(status.get("account"), notes, label)
    # The article has no id, score or edit time: those stay in extra.
    leftover = {k: v for k, v in status.items() if k not in _ARTICLE_MAPPED}
    if account_rest or not isinstance(account_rest, dict):
        leftover["account"] = account_rest
    url = notes.line(status.get("url") or status.get("uri"), f"{label}: url")
    published = notes.iso(status.get("created_at"), f"{label}: created_at")
    if published is None and status.get("created_at") is not None:
        leftover["created_at"] = status["created_at"]
    tags: list[str] = []
    raw_tags = status.get("tags")
    for tag in raw_tags if isinstance(raw_tags, list) else ():
        name = notes.line(tag.get("name") if isinstance(tag, dict) else None, f"{label}: tags")
        if name and name not in tags:
            tags.append(name)
    spoiler = notes.line(status.get("spoiler_text"), f"{label}: spoiler_text")
    return {
        "title": title_or(
            notes, f"{label}: title", spoiler, _title(body), f"Mastodon status {sid}"
        ),
        "body": body,
        "authors": (who,) if who is not None else (),
        "published": published,
        "url": url,
        "site": _host(url),
        "tags": tuple(tags),
        "extra": {FORMAT: notes.extra(leftover, f"{label}: extra")},
    }


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None


def _comment(status: dict[str, Any], cid: str, notes: Notes) -> Comment:
    label = f"status {cid}"
    who, account_rest = _author(status.get("account"), notes, label)
    leftover = {
        k: v for k, v in status.items() if k not in _STATUS_MAPPED and k != "in_reply_to_id"
    }
    if account_rest or not isinstance(account_rest, dict):
        leftover["account"] = account_rest
    published = notes.iso(status.get("created_at"), f"{label}: created_at")
    if published is None and status.get("created_at") is not None:
        leftover["created_at"] = status["created_at"]
    edited = notes.iso(status.get("edited_at"), f"{label}: edited_at")
    if edited is None and status.get("edited_at") is not None:
        leftover["edited_at"] = status["edited_at"]
    url = status.get("url") or status.get("uri")
    return Comment(
        text=notes.html(status.get("content"), f"{label}: content"),
        author=who,
        id=cid,
        published=published,
        edited=edited,
        score=notes.score(status.get("favourites_count"), f"{label}: favourites_count"),
        url=notes.line(url, f"{label}: url"),
        extra={FORMAT: notes.extra(leftover, f"{label}: extra")} if leftover else None,
    )
