"""Disqus's XML export, read-only.

The export (root ``<disqus xmlns="http://disqus.com">``) is flat:
``<category>``, ``<thread>`` and ``<post>`` elements side by side, each with
a ``dsq:id`` attribute. A thread is an article; its posts are the comments,
each naming its thread (``<thread dsq:id=...>``) and, for a reply, its parent
(``<parent dsq:id=...>``). One export holds many threads, so
:func:`read_all` yields one article per thread, in the order of the file;
posts naming a thread the file does not define make an article that stands
for it, titled ``Disqus thread <id>``, marked ``"missing": true``.

The file is streamed (:func:`lxml.etree.iterparse`, each element cleared
once read). Posts may come anywhere after or before their thread, so no
article is complete before the end of the file: the posts read so far are
held in memory up to *spill_after* of them, then moved to a temporary SQLite
database on disk, which keeps memory flat however large the export is.

``isDeleted`` and ``isSpam`` give the state (``deleted``, ``spam``);
``message`` is HTML, turned into plain text; ``author/username`` is the
author's id and ``author/name`` the name. Email and IP addresses, which are
personal data, are kept in ``extra["disqus"]`` with every other field.

A file that is not well-formed XML raises :class:`~threadkit.ParseError`
with its line and column. ``recover=True`` reads what it can instead: text
before the first tag is skipped, lxml's recovery repairs the rest, and each
problem met is a repair in the first article's report.

.. versionadded:: 0.1
"""

from __future__ import annotations

import functools
import pickle
import re
import sqlite3
from collections.abc import Hashable, Iterator
from typing import Any

import lxml.etree

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source
from threadkit.errors import ParseError
from threadkit.importers._assemble import Triple, build, single
from threadkit.importers._clean import Notes, author, boolean, title_or
from threadkit.importers._options import ImportOptions
from threadkit.importers._report import Repair, Reporter
from threadkit.importers._xml_input import (
    XMLReader,
    element_json,
    local_name,
    release,
    source_line,
    split_element,
)
from threadkit.model import Article, Comment, CommentState
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = ["read", "read_all", "sniff"]

FORMAT = "disqus"
NS = "http://disqus.com"
DSQ = "http://disqus.com/disqus-internals"
_ID = f"{{{DSQ}}}id"
_TAGS = (f"{{{NS}}}category", f"{{{NS}}}thread", f"{{{NS}}}post")

_SNIFF = re.compile(r"<disqus\b[^>]*http://disqus\.com|http://disqus\.com/disqus-internals")

# Stands in for the key of a thread without a dsq:id; no dsq:id starts with it.
_NO_ID = "\x00"
_THREAD_MAPPED = frozenset({"title", "link", "message", "createdAt", "forum", "author"})
_POST_MAPPED = frozenset(
    {"message", "createdAt", "isDeleted", "isSpam", "thread", "parent", "author", "dsq:id"}
)
_AUTHOR_MAPPED = frozenset({"name", "username"})


def sniff(head: str) -> bool:
    """Whether *head* starts a Disqus export."""
    return bool(_SNIFF.search(head))


def read(data: Source, **options: Any) -> Article:
    """Read an export holding exactly one thread; see :func:`read_all` for the options.

    Raises:
        ParseError: *data* is not a Disqus export, or holds several
            threads (use :func:`threadkit.load_all`).

    .. versionadded:: 0.1
    """
    return single(read_all(data, **options), FORMAT, line=1)


def read_all(
    data: Source,
    *,
    recover: bool = False,
    spill_after: int = 5_000,
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
    """Yield one article per thread of a Disqus export.

    Takes the options every importer takes, ``orphans`` to ``errors``
    (described in :ref:`importer-options`), and these:

    Args:
        data: The export, as text, bytes or an open binary file (streamed).
        recover: Read a file that is not well-formed XML as well as possible.
        spill_after: How many posts to hold in memory before moving them to
            a temporary database on disk.

    Raises:
        ParseError: The file is not well-formed (without *recover*) or not a
            Disqus export; raised while iterating.
        LimitError: The file crosses a limit; raised while iterating.

    .. versionadded:: 0.1
    """
    options = ImportOptions.of(locals())
    reader = XMLReader(data, FORMAT, options, tags=_TAGS)
    return _articles(reader, options, spill_after)


@functools.lru_cache(maxsize=256)
def _prefix(name: str) -> str:
    if name.startswith(f"{{{NS}}}"):
        return name[len(NS) + 2 :]
    if name.startswith(f"{{{DSQ}}}"):
        return "dsq:" + name[len(DSQ) + 2 :]
    return name


def _articles(reader: XMLReader, options: ImportOptions, spill_after: int) -> Iterator[Article]:
    store = _Store(spill_after)
    categories: dict[str, Any] = {}
    held: dict[Hashable, int] = {}  # posts per thread, for max_comments
    root_checked = False
    try:
        for element in reader:
            if not root_checked:
                root = element.getroottree().getroot()
                if root.tag != f"{{{NS}}}disqus":
                    raise ParseError(
                        f"not a Disqus export: the root element is {root.tag!r}",
                        format=FORMAT,
                        line=source_line(root),
                    )
                root_checked = True
            parent = element.getparent()
            if parent is None or parent.getparent() is not None:
                continue  # a <thread> inside a <post>, read with the post
            name = local_name(element)
            if name == "category":
                categories[element.get(_ID) or ""] = element_json(element, _prefix)
            elif name == "thread":
                store.add_thread(*_thread(element))
            else:
                thread, post = _post(element, store.posts_seen)
                options.count(FORMAT, held.get(thread, 0), line=source_line(element))
                held[thread] = held.get(thread, 0) + 1
                store.add_post(thread, post)
            release(element)
        if not root_checked:
            raise ParseError(
                "not a Disqus export: no category, thread or post element in the Disqus namespace",
                format=FORMAT,
                line=1,
            )
        problems = Notes()
        reader.problems(problems)
        known: list[tuple[str | None, ThreadRecord | None]] = list(store.threads())
        every = [*known, *((key, None) for key in store.unknown_threads())]
        for index, (key, record) in enumerate(every):
            notes = Notes()
            if index == 0:
                notes.repairs.extend(problems.repairs)
            yield _thread_article(index, key, record, store, categories, notes, options)
    finally:
        store.close()


# -- reading elements into records -----------------------------------------------------

# A thread record: (article fields, category id, repairs).
ThreadRecord = tuple[dict[str, Any], str | None, list[Repair]]
# A post record: (key, parent key, comment fields, repairs, its line in the file).
PostRecord = tuple[Hashable, Hashable | None, dict[str, Any], list[Repair], int | None]


def _author_of(
    element: lxml.etree._Element | None, notes: Notes, label: str
) -> tuple[Any, dict[str, Any]]:
    if element is None:
        return None, {}
    fields, rest = split_element(element, _prefix, _AUTHOR_MAPPED)
    made = author(notes, label, name=_text(fields.get("name")), id=_text(fields.get("username")))
    if "isAnonymous" in rest:
        anonymous = boolean(notes, rest["isAnonymous"], f"{label}: author isAnonymous")
        if anonymous is not None:
            rest["isAnonymous"] = anonymous
    return made, rest


def _thread(element: lxml.etree._Element) -> tuple[str | None, ThreadRecord]:
    notes = Notes()
    dsq_id = element.get(_ID)
    label = f"thread {dsq_id}" if dsq_id else f"thread on line {source_line(element)}"
    fields, leftover = split_element(element, _prefix, _THREAD_MAPPED)
    who, author_rest = _author_of(fields.get("author"), notes, label)
    if author_rest:
        leftover["author"] = author_rest
    for flag in ("isClosed", "isDeleted"):
        if flag in leftover:
            value = boolean(notes, leftover[flag], f"{label}: {flag}")
            if value is not None:
                leftover[flag] = value
    category = leftover.pop("category", None)
    category_id = category.get("dsq:id") if isinstance(category, dict) else None
    created = _text(fields.get("createdAt"))
    published = notes.iso(created, f"{label}: createdAt")
    if published is None and created:
        leftover["createdAt"] = created
    link = notes.line(_text(fields.get("link")), f"{label}: link")
    title = _text(fields.get("title"))
    article: dict[str, Any] = {
        "title": title_or(
            notes,
            f"{label}: title",
            title,
            link,
            f"Disqus thread {dsq_id}" if dsq_id else "Disqus thread without an id",
        ),
        "body": notes.html(_text(fields.get("message")), f"{label}: message"),
        "authors": (who,) if who is not None else (),
        "published": published,
        "url": link,
        "site": notes.line(_text(fields.get("forum")), f"{label}: forum"),
        "extra": leftover,
    }
    if not (title and title.strip()):
        notes.repair(label, "the thread has no title; used its link or id instead")
    return dsq_id, (article, category_id, notes.repairs)


def _text(element: lxml.etree._Element | None) -> str | None:
    if element is None:
        return None
    return element.text


def _post(element: lxml.etree._Element, seen: int) -> tuple[str | None, PostRecord]:
    notes = Notes()
    dsq_id = element.get(_ID)
    cid = notes.line(dsq_id, f"post on line {source_line(element)}: dsq:id")
    label = f"post {cid}" if cid else f"post on line {source_line(element)}"
    key: Hashable = cid if cid is not None else ("#", seen)
    if cid is None:
        notes.repair(label, "the post has no dsq:id: no reply can name it as parent")
    fields, leftover = split_element(element, _prefix, _POST_MAPPED)
    thread = fields.get("thread")
    thread_id = thread.get(_ID) if thread is not None else None
    parent_element = fields.get("parent")
    parent = parent_element.get(_ID) if parent_element is not None else None
    who, author_rest = _author_of(fields.get("author"), notes, label)
    if author_rest:
        leftover["author"] = author_rest
    created = _text(fields.get("createdAt"))
    published = notes.iso(created, f"{label}: createdAt")
    if published is None and created:
        leftover["createdAt"] = created
    deleted = boolean(notes, _text(fields.get("isDeleted")), f"{label}: isDeleted")
    spam = boolean(notes, _text(fields.get("isSpam")), f"{label}: isSpam")
    for flag, value in (("isDeleted", deleted), ("isSpam", spam)):
        raw = _text(fields.get(flag))
        if value is None and raw is not None:
            leftover[flag] = raw
    state = CommentState.VISIBLE
    if deleted:
        state = CommentState.DELETED
    elif spam:
        state = CommentState.SPAM
    comment = {
        "text": notes.html(_text(fields.get("message")), f"{label}: message"),
        "author": who,
        "id": cid,
        "published": published,
        "state": state,
        "extra": leftover,
    }
    return thread_id, (key, parent or None, comment, notes.repairs, source_line(element))


# -- assembling -------------------------------------------------------------------------


def _thread_article(
    index: int,
    key: str | None,
    record: ThreadRecord | None,
    store: _Store,
    categories: dict[str, Any],
    notes: Notes,
    options: ImportOptions,
) -> Article:
    thread_id = None if key is not None and key.startswith(_NO_ID) else key
    if record is None:
        label = thread_id if thread_id is not None else "(none)"
        notes.repair(
            f"thread {label}",
            "posts name a thread the export does not define; the article stands for it",
        )
        extra: dict[str, Any] = {"missing": True}
        if thread_id is not None:
            extra["dsq:id"] = thread_id
        fields: dict[str, Any] = {
            "title": title_or(
                notes, "article: title", f"Disqus thread {thread_id}", "Disqus thread"
            )
            if thread_id is not None
            else "Disqus posts without a thread",
            "extra": extra,
        }
    else:
        fields, category_id, repairs = record
        notes.repairs.extend(repairs)
        extra = dict(fields["extra"])
        if thread_id is not None:
            extra["dsq:id"] = thread_id
        if category_id is not None:
            known = categories.get(category_id)
            extra["category"] = known if isinstance(known, dict) else {"dsq:id": category_id}
        fields = dict(fields)
    fields["extra"] = {FORMAT: notes.extra(extra, f"thread {thread_id}: extra")}
    triples: list[Triple] = []
    lines: list[int | None] = []
    for post_key, parent, comment, repairs, line in store.posts(key):
        notes.repairs.extend(repairs)
        where = f"post {comment['id']}: extra"
        raw = comment["extra"]
        comment["extra"] = {FORMAT: notes.extra(raw, where)} if raw else None
        triples.append((post_key, parent, Comment(**comment)))
        lines.append(line)
    return build(FORMAT, index, fields, triples, notes, options, places=lines).finish()


class _Store:
    """Threads and posts read so far: in memory, then in a temporary database."""

    def __init__(self, spill_after: int) -> None:
        self.spill_after = spill_after
        self.posts_seen = 0
        self._thread_order: list[str | None] = []
        self._threads: dict[str | None, ThreadRecord] = {}
        self._posts: dict[str | None, list[PostRecord]] = {}
        self._post_order: list[str | None] = []
        self._post_threads: set[str | None] = set()
        self._db: sqlite3.Connection | None = None

    # Threads are few and small next to posts: they stay in memory.
    def add_thread(self, thread_id: str | None, record: ThreadRecord) -> None:
        if thread_id is not None and thread_id in self._threads:
            first = self._threads[thread_id]
            first[2].append(
                Repair(
                    where=f"thread {thread_id}",
                    message="the export defines this thread again; the first one is read",
                )
            )
            return
        if thread_id is None:
            # A thread without an id can hold no post: key it apart.
            thread_id = f"{_NO_ID}{len(self._thread_order)}"
        self._thread_order.append(thread_id)
        self._threads[thread_id] = record

    def add_post(self, thread_id: str | None, record: PostRecord) -> None:
        self.posts_seen += 1
        if thread_id not in self._post_threads:
            self._post_threads.add(thread_id)
            self._post_order.append(thread_id)
        if self._db is None:
            self._posts.setdefault(thread_id, []).append(record)
            if self.posts_seen > self.spill_after:
                self._spill()
            return
        self._insert(thread_id, record)

    def _spill(self) -> None:
        # An empty name makes SQLite use a private temporary file, deleted on close.
        self._db = sqlite3.connect("")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE posts (seq INTEGER PRIMARY KEY, thread TEXT, record BLOB)")
        self._db.execute("CREATE INDEX posts_thread ON posts (thread, seq)")
        for thread_id, records in self._posts.items():
            for record in records:
                self._insert(thread_id, record)
        self._posts = {}

    def _insert(self, thread_id: str | None, record: PostRecord) -> None:
        assert self._db is not None
        self._db.execute(
            "INSERT INTO posts (thread, record) VALUES (?, ?)",
            (thread_id, pickle.dumps(record, pickle.HIGHEST_PROTOCOL)),
        )

    def threads(self) -> Iterator[tuple[str | None, ThreadRecord | None]]:
        """Each thread's key and record, in the order of the file."""
        for thread_id in self._thread_order:
            yield thread_id, self._threads[thread_id]

    def unknown_threads(self) -> list[str | None]:
        return [thread_id for thread_id in self._post_order if thread_id not in self._threads]

    def posts(self, thread_id: str | None) -> Iterator[PostRecord]:
        if self._db is None:
            yield from self._posts.pop(thread_id, [])
            return
        if thread_id is None:
            rows = self._db.execute("SELECT record FROM posts WHERE thread IS NULL ORDER BY seq")
        else:
            rows = self._db.execute(
                "SELECT record FROM posts WHERE thread = ? ORDER BY seq", (thread_id,)
            )
        for (blob,) in rows:
            record: PostRecord = pickle.loads(blob)
            yield record

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
