"""WordPress's WXR export, read-only.

A WXR file is RSS 2.0 with WordPress's ``wp:`` namespace (any
``http(s)://wordpress.org/export/1.x/``). Every ``<item>`` is a post, page
or other entry, an article, and its ``<wp:comment>`` elements are the
comments, threaded by ``wp:comment_parent`` (``0`` for top level). One file
holds many posts, so :func:`read_all` yields one article per item, posts
without comments included. By default items of the types WordPress uses
for media and site structure (``attachment``, ``nav_menu_item``,
``wp_template`` and the like) are skipped unless they hold comments;
``post_types`` names the types to read instead.

The file is streamed: each item is read, turned into an article, yielded
and cleared, so memory stays flat however many posts the export holds.

WordPress stores post and comment bodies as HTML in which a blank line
starts a paragraph and a line break is kept; both become plain text.
``comment_approved`` gives the state: ``1`` visible, ``0`` pending,
``spam`` spam, ``trash`` and ``post-trashed`` removed. Times come from the
``*_gmt`` fields, in UTC, shown with the offset the local time implies;
a post WordPress never published has a zero GMT date and no ``published``.
Titles and commenters' names, which WordPress keeps HTML-escaped
(``&laquo;``, ``&#8217;``), are unescaped once. Author emails and IP
addresses, which are personal data, are kept in ``extra["wordpress"]`` with
every other field.

A file that is not well-formed XML raises :class:`~threadkit.ParseError`
with its line and column (after the articles before the error were
yielded). ``recover=True`` reads what it can instead, each problem met
becoming a repair in the report of the post whose lines hold it (so each
article is yielded once the next item has been read).

.. versionadded:: 0.1
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Collection, Hashable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import lxml.etree

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source
from threadkit.errors import ParseError, ThreadkitError
from threadkit.importers._assemble import Pending, Triple, build, single
from threadkit.importers._clean import Notes, author, title_or
from threadkit.importers._options import ImportOptions
from threadkit.importers._report import Reporter
from threadkit.importers._xml_input import (
    XMLReader,
    local_name,
    release,
    source_line,
    split_element,
)
from threadkit.model import Article, Comment, CommentState, Extra
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = ["read", "read_all", "sniff"]

FORMAT = "wordpress"

SKIPPED_TYPES = frozenset(
    {
        "attachment",
        "custom_css",
        "customize_changeset",
        "feedback",
        "nav_menu_item",
        "oembed_cache",
        "revision",
        "user_request",
        "wp_block",
        "wp_font_face",
        "wp_font_family",
        "wp_global_styles",
        "wp_navigation",
        "wp_template",
        "wp_template_part",
    }
)
"""Post types read only when asked for, or when the item holds comments.

The types WordPress uses for media (``attachment``), site structure (menus,
templates, revisions, styles) and requests, and Jetpack's contact-form
messages (``feedback``): no post. Each one left out is counted in the
report's :attr:`~threadkit.ImportReport.notes`.
"""

_PING_TYPES = frozenset({"pingback", "trackback"})

_SNIFF = re.compile(r"xmlns:wp\s*=\s*[\"']https?://wordpress\.org/export/1\.|<wp:wxr_version>")
_WP = re.compile(r"^https?://wordpress\.org/export/1\.[0-9]+/$")
_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_EXCERPT = re.compile(r"^https?://wordpress\.org/export/1\.[0-9]+/excerpt/$")
_TAGS = ("item", "title", "link", "{*}author", "{*}base_site_url", "{*}base_blog_url")
_ZERO_TIME = "0000-00-00 00:00:00"
_APPROVAL = {
    "1": CommentState.VISIBLE,
    "approve": CommentState.VISIBLE,
    "0": CommentState.PENDING,
    "hold": CommentState.PENDING,
    "spam": CommentState.SPAM,
    "trash": CommentState.REMOVED,
    "post-trashed": CommentState.REMOVED,
}
_ITEM_MAPPED = frozenset(
    {"title", "link", "dc:creator", "content:encoded", "pubDate", "comment", "category"}
)
_COMMENT_MAPPED = frozenset(
    {
        "comment_id",
        "comment_author",
        "comment_author_url",
        "comment_date",
        "comment_date_gmt",
        "comment_content",
        "comment_parent",
    }
)


def sniff(head: str) -> bool:
    """Whether *head* starts a WXR export."""
    return bool(_SNIFF.search(head))


def read(data: Source, **options: Any) -> Article:
    """Read an export holding exactly one post; see :func:`read_all` for the options.

    Raises:
        ParseError: *data* is not a WXR export, or holds several posts
            (use :func:`threadkit.load_all`).

    .. versionadded:: 0.1
    """
    return single(read_all(data, **options), FORMAT, line=1)


def read_all(
    data: Source,
    *,
    post_types: Collection[str] | None = None,
    recover: bool = False,
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
    """Yield one article per post of a WXR export, as the file is read.

    Takes the options every importer takes, ``orphans`` to ``errors``
    (described in :ref:`importer-options`), and these:

    Args:
        data: The export, as text, bytes or an open binary file (streamed).
        post_types: The ``wp:post_type`` values to read (``{"post"}``), or
            ``None`` for every item except :data:`SKIPPED_TYPES` without
            comments.
        recover: Read a file that is not well-formed XML as well as possible.

    Raises:
        ParseError: The file is not well-formed (without *recover*) or not a
            WXR export; raised while iterating.
        LimitError: The file crosses a limit; raised while iterating.

    .. versionadded:: 0.1
    """
    options = ImportOptions.of(locals())
    if isinstance(post_types, str):
        post_types = (post_types,)
    wanted = None if post_types is None else frozenset(post_types)
    reader = XMLReader(data, FORMAT, options, tags=_TAGS)
    return _articles(reader, options, wanted)


@functools.lru_cache(maxsize=256)
def _prefix(name: str) -> str:
    if not name.startswith("{"):
        return name
    uri, _, local = name[1:].partition("}")
    if _WP.match(uri):
        return local
    if _EXCERPT.match(uri):
        return "excerpt:" + local
    prefix = _PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else name


def _articles(
    reader: XMLReader, options: ImportOptions, wanted: frozenset[str] | None
) -> Iterator[Article]:
    channel: dict[str, Any] = {"authors": {}}
    root_checked = False
    index = 0
    # Each article waits for the next one before it is reported and yielded:
    # the parser's complaints up to that item's line (with recover), and the
    # items left out after it, are in its report. What comes before the first
    # article goes to the first.
    pending: Pending | None = None
    carried = Notes()
    skipped: Counter[str] = Counter()
    try:
        for element in reader:
            if not root_checked:
                root = element.getroottree().getroot()
                if local_name(root) != "rss":
                    raise ParseError(
                        f"not a WXR export: the root element is {root.tag!r}, not rss",
                        format=FORMAT,
                        line=source_line(root),
                    )
                root_checked = True
            parent = element.getparent()
            if parent is None or local_name(parent) != "channel":
                continue  # read with its item
            name = local_name(element)
            if name == "item":
                start = source_line(element)
                reader.problems(pending.notes if pending is not None else carried, before=start)
                notes = Notes()
                made = _item(element, channel, notes, options, index, wanted)
                post_type = (_child_text(element, "post_type") or "").strip()
                release(element)
                if made is None:
                    skipped[post_type] += 1
                    carried.repairs.extend(notes.repairs)
                    continue
                if pending is not None:
                    _left_out(pending.notes, skipped, wanted)
                    yield pending.finish()
                else:
                    made.notes.repairs[:0] = carried.repairs
                    _left_out(made.notes, skipped, wanted)
                carried = Notes()
                pending = made
                index += 1
                continue
            if name == "author":
                login = _child_text(element, "author_login")
                if login:
                    display = _child_text(element, "author_display_name")
                    channel["authors"][login.strip()] = (display or "").strip() or None
            elif name in ("title", "link", "base_site_url", "base_blog_url"):
                channel[name] = (element.text or "").strip() or None
    except ThreadkitError:
        # The articles before an error are read: yield the one still waiting.
        if pending is not None:
            waiting, pending = pending, None
            _left_out(waiting.notes, skipped, wanted)
            yield waiting.finish()
        raise
    if not root_checked:
        raise ParseError("not a WXR export: no item or channel element", format=FORMAT, line=1)
    if pending is not None:
        reader.problems(pending.notes)
        _left_out(pending.notes, skipped, wanted)
        yield pending.finish()


def _left_out(notes: Notes, skipped: Counter[str], wanted: frozenset[str] | None) -> None:
    """Note the items left out since the last article in *notes*, and forget them."""
    if not skipped:
        return
    count = sum(skipped.values())
    kinds = ", ".join(f"{number} {kind or '(no type)'}" for kind, number in sorted(skipped.items()))
    why = "not among post_types" if wanted is not None else "not posts; post_types= reads them"
    notes.notes.append(f"{count} item(s) left out ({kinds}): {why}")
    skipped.clear()


def _child_text(element: lxml.etree._Element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and _prefix(child.tag) == name:
            text: str | None = child.text
            return text
    return None


def _wp_time(
    local: str | None, gmt: str | None, notes: Notes, where: str
) -> tuple[datetime | None, bool]:
    """A time from WordPress's local and GMT fields, and whether both were unreadable."""
    local_time = _parse_wp(local)
    gmt_time = _parse_wp(gmt)
    if gmt_time is not None:
        utc = gmt_time.replace(tzinfo=UTC)
        if local_time is not None:
            offset = local_time - gmt_time
            if not offset % timedelta(minutes=1) and abs(offset) < timedelta(hours=24):
                return utc.astimezone(timezone(offset)), False
        return utc, False
    if gmt is not None and gmt.strip() == _ZERO_TIME:
        return None, False
    if local_time is not None:
        notes.repair(where, "no GMT time: the local time is taken as UTC")
        return local_time.replace(tzinfo=UTC), False
    unreadable = any(value and value.strip() for value in (local, gmt))
    if unreadable:
        notes.repair(where, f"{(gmt or local)!r} is not a time; left out")
    return None, unreadable


def _parse_wp(value: str | None) -> datetime | None:
    if not value or not value.strip() or value.strip() == _ZERO_TIME:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _item(
    element: lxml.etree._Element,
    channel: dict[str, Any],
    notes: Notes,
    options: ImportOptions,
    index: int,
    wanted: frozenset[str] | None,
) -> Pending | None:
    post_type = (_child_text(element, "post_type") or "").strip()
    comments = [c for c in element if isinstance(c.tag, str) and _prefix(c.tag) == "comment"]
    if wanted is None:
        if post_type in SKIPPED_TYPES and not comments:
            return None
    elif post_type not in wanted:
        return None
    post_id = (_child_text(element, "post_id") or "").strip()
    label = f"post {post_id}" if post_id else f"item on line {source_line(element)}"

    _, leftover = split_element(element, _prefix, _ITEM_MAPPED)

    published, _ = _wp_time(
        _child_text(element, "post_date"),
        _child_text(element, "post_date_gmt"),
        notes,
        f"{label}: post_date_gmt",
    )
    if published is None and _child_text(element, "post_date_gmt") is None:
        published = _rfc822(_child_text(element, "pubDate"), notes, f"{label}: pubDate")

    tags: list[str] = []
    categories: list[dict[str, str]] = []
    for child in element:
        if isinstance(child.tag, str) and _prefix(child.tag) == "category":
            tag = notes.line(child.text, f"{label}: category")
            entry = {str(key): str(value) for key, value in child.attrib.items()}
            if child.text:
                entry["name"] = child.text.strip()
            categories.append(entry)
            if tag and tag not in tags:
                tags.append(tag)
    if categories:
        leftover["category"] = categories

    login = (_child_text(element, "dc:creator") or "").strip()
    who = author(notes, label, name=channel["authors"].get(login) or login, id=login or None)
    link = notes.line(_child_text(element, "link"), f"{label}: link")
    fallback = f"WordPress post {post_id}" if post_id else "WordPress post without an id"
    extra: dict[str, Any] = {FORMAT: notes.extra(leftover, f"{label}: extra")}
    fields = {
        "title": title_or(
            notes, f"{label}: title", _unescape(_child_text(element, "title")), link, fallback
        ),
        "body": notes.html(
            _child_text(element, "content:encoded"), f"{label}: content", newlines=True
        ),
        "authors": (who,) if who is not None else (),
        "published": published,
        "url": link,
        "site": notes.line(channel.get("title"), "channel: title"),
        "tags": tuple(tags),
        "extra": extra,
    }
    # Pingbacks and trackbacks are no comments: they go to extra["pingbacks"].
    kinds = [(_child_text(comment, "comment_type") or "").strip() for comment in comments]
    pings = [c for c, kind in zip(comments, kinds, strict=True) if kind in _PING_TYPES]
    if pings:
        comments = [c for c, kind in zip(comments, kinds, strict=True) if kind not in _PING_TYPES]
    if options.max_comments is not None and len(comments) > options.max_comments:
        beyond = comments[options.max_comments]
        options.count(FORMAT, options.max_comments, line=source_line(beyond))
    triples = [
        _comment(comment, notes, label, position) for position, comment in enumerate(comments)
    ]
    if pings:
        made = [_comment(ping, notes, label, -1 - n) for n, ping in enumerate(pings)]
        entries = [_pingback(key, parent, comment) for key, parent, comment in made]
        extra["pingbacks"] = notes.extra({"pingbacks": entries}, f"{label}: pingbacks", 1)[
            "pingbacks"
        ]
        notes.notes.append(
            f'{len(pings)} pingback(s) and trackback(s) kept in extra["pingbacks"], not as comments'
        )
        triples = _past_pingbacks(triples, {key: parent for key, parent, _ in made}, notes)
    places = [source_line(comment) for comment in comments]
    return build(FORMAT, index, fields, triples, notes, options, places)


def _pingback(key: Hashable, parent: Hashable | None, comment: Comment) -> dict[str, Any]:
    """A pingback as the page reader keeps one: title, url, published, text, id.

    The rest of its fields, the approval and the parent included, are under
    ``"wordpress"``.
    """
    entry: dict[str, Any] = {"text": comment.text}
    if comment.author is not None and comment.author.name:
        entry["title"] = comment.author.name
    if comment.author is not None and comment.author.url:
        entry["url"] = comment.author.url
    if comment.published is not None:
        entry["published"] = comment.published.isoformat()
    if comment.id is not None:
        entry["id"] = comment.id
    raw = comment.extra.get(FORMAT)
    rest: dict[str, Any] = raw.thaw() if isinstance(raw, Extra) else {}
    if "comment_approved" not in rest:
        rest["comment_approved"] = "0" if comment.state is CommentState.PENDING else "1"
    if comment.author is not None and comment.author.id:
        rest["comment_user_id"] = comment.author.id
    if isinstance(parent, str):
        rest["comment_parent"] = parent
    entry[FORMAT] = rest
    return entry


def _past_pingbacks(
    triples: list[Triple], pings: dict[Hashable, Hashable | None], notes: Notes
) -> list[Triple]:
    """*triples*, a reply to a pingback placed under what the pingback answers."""
    out: list[Triple] = []
    for key, parent, comment in triples:
        if parent in pings:
            ping = parent
            seen = {parent}
            while parent in pings:
                parent = pings[parent]
                if parent in seen:
                    parent = None
                    break
                seen.add(parent)
            named = f"comment {comment.id}" if comment.id is not None else "a comment"
            notes.repair(
                named,
                f"answers pingback {ping}, which is no comment: placed under what it answers",
            )
        out.append((key, parent, comment))
    return out


def _unescape(value: str | None) -> str | None:
    """WordPress keeps titles and commenters' names HTML-escaped: decode them once."""
    return html.unescape(value) if value and "&" in value else value


def _rfc822(value: str | None, notes: Notes, where: str) -> datetime | None:
    if not value or not value.strip():
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        notes.repair(where, f"{value!r} is not an RFC 822 date; left out")
        return None
    return notes.aware(when, where)


def _comment(element: lxml.etree._Element, notes: Notes, post: str, position: int) -> Triple:
    fields, leftover = split_element(element, _prefix, _COMMENT_MAPPED)

    def text_of(name: str) -> str | None:
        child = fields.get(name)
        return child.text if child is not None else None

    cid = notes.line(text_of("comment_id"), f"{post}: comment_id")
    label = f"{post} comment {cid}" if cid else f"{post} comment on line {source_line(element)}"
    key: Hashable = cid if cid is not None else ("#", position)
    parent_text = (text_of("comment_parent") or "").strip()
    parent: Hashable = None if parent_text in ("", "0") else parent_text

    approved = (text_of("comment_approved") or "1").strip()
    state = _APPROVAL.get(approved)
    if state is None:
        notes.repair(label, f"comment_approved {approved!r} is not known; taken as pending")
        state = CommentState.PENDING
    if approved in ("1", "0"):
        leftover.pop("comment_approved", None)
    user_id = (text_of("comment_user_id") or "").strip()
    leftover.pop("comment_user_id", None)
    published, unreadable = _wp_time(
        text_of("comment_date"), text_of("comment_date_gmt"), notes, f"{label}: comment_date_gmt"
    )
    if unreadable:
        leftover["comment_date"] = text_of("comment_date")
        leftover["comment_date_gmt"] = text_of("comment_date_gmt")
    comment = Comment(
        text=notes.html(text_of("comment_content"), f"{label}: comment_content", newlines=True),
        author=author(
            notes,
            label,
            name=_unescape(text_of("comment_author")),
            url=text_of("comment_author_url"),
            id=None if user_id in ("", "0") else user_id,
        ),
        id=cid,
        published=published,
        state=state,
        extra={FORMAT: notes.extra(leftover, f"{label}: extra")} if leftover else None,
    )
    return key, parent, comment
