"""The ``jsonl`` format: JSON Lines, one flat record a line, for threads of any depth.

The first line is the article record: the version marker
``"threadkit": 1``, ``"record": "article"`` and the
:class:`~threadkit.Article` fields other than ``comments``. Every comment
follows on a line of its own, in thread order (pre-order), as a comment
record: ``"record": "comment"``, its ``"key"`` (an integer, unique in the
document), the ``"parent"`` key of the comment it replies to (``null`` at
the top level) and the :class:`~threadkit.Comment` fields other than
``replies``::

    {"threadkit":1,"record":"article","title":"Rates held"}
    {"record":"comment","key":1,"parent":null,"text":"First!"}
    {"record":"comment","key":2,"parent":1,"text":"Second."}

Fields follow the rules of the ``json`` format (:mod:`threadkit.formats.json`):
the same names and value types, left out at their default by the writer,
accepted either way by the reader, everything else refused with a
:class:`~threadkit.ParseError` giving the ``line`` and the JSONPath of the
member within the record.

Since no record nests inside another, any JSON Lines tool can read the file
(``pandas.read_json(path, lines=True)``, ``jq -c``), and the depth of a
thread is unbounded. The reader does not depend on the order of the lines:
it finds the article record wherever it is and orders replies by key, and
the writer numbers comments in thread order, so a file whose lines were
sorted or shuffled reads as the same article.

.. versionadded:: 0.1
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, NoReturn

from threadkit._forest import MISSING, TOP, depth_breach
from threadkit._io import (
    MAX_BYTES,
    MAX_COMMENTS,
    MAX_DEPTH,
    Errors,
    Source,
    too_deep,
    too_many,
)
from threadkit.errors import ParseError, RebuildError
from threadkit.formats.json import (
    _ARTICLE_MEMBERS,
    _COMMENT_MEMBERS,
    _MISSING,
    _TWICE,
    _article,
    _comment,
    _Invalid,
    _kind,
    _member_path,
    _object,
    _parse,
    _Repeated,
    _version,
)
from threadkit.model import Article, Author, Comment, CommentState, Extra
from threadkit.tree import rebuild, visits

__all__ = ["VERSION", "read", "sniff", "write"]

VERSION = 1
"""The version of the record layout this module writes, on the article record as ``"threadkit"``.

It moves independently of the ``json`` format's :data:`~threadkit.formats.json.VERSION`.
"""

_FORMAT = "jsonl"

# One function per old version N, turning the records of a version-N
# document (the article record first, then the others in the order of their
# lines) into version N+1 records, one for one, so that line numbers still
# point at their source. Version 1 is the first version.
_Records = list[dict[str, Any]]
_MIGRATIONS: dict[int, Callable[[_Records], _Records]] = {}

_ARTICLE_RECORD = (_ARTICLE_MEMBERS - {"comments"}) | {"record"}
_COMMENT_RECORD = (_COMMENT_MEMBERS - {"replies"}) | {"record", "key", "parent"}

_RAW_DECODE = json.JSONDecoder(object_pairs_hook=_object).raw_decode


def _line_error(error: _Invalid, line: int) -> ParseError:
    return ParseError(error.message, format=_FORMAT, line=line, path="$" + error.where)


def _parse_at_once(text: str) -> list[Any] | None:
    """Every line parsed in one call, when each line is one JSON value and none is blank.

    One json.loads of the lines as an array spares a call per line; any
    other document (a blank line, two values on a line, malformed JSON)
    gives None, and is read line by line for its line numbers.
    """
    body = text[:-1] if text.endswith("\n") else text
    try:
        every: list[Any] = json.loads(
            "[" + body.replace("\n", ",") + "]", object_pairs_hook=_object
        )
    except (ValueError, RecursionError):
        return None
    if len(every) != body.count("\n") + 1:
        return None
    return every


def _refuse_record(record: object, number: int) -> NoReturn:
    if isinstance(record, _Repeated):
        raise _line_error(_Invalid(_member_path(record.name), _TWICE), number)
    raise ParseError(f"expected a JSON object, got {_kind(record)}", format=_FORMAT, line=number)


def _parse_lines(text: str, max_comments: int | None) -> tuple[list[dict[str, Any]], list[int]]:
    # Every non-blank line as a JSON object, with its line number. One
    # record more than max_comments + 1 (the article) is one comment too many.
    most = -1 if max_comments is None else max_comments + 1
    every = _parse_at_once(text)
    if every is not None and (most < 0 or len(every) <= most):
        for number, record in enumerate(every, 1):
            if type(record) is not dict:
                _refuse_record(record, number)
        return every, list(range(1, len(every) + 1))
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    raw_decode = _RAW_DECODE
    for number, line in enumerate(text.split("\n"), 1):
        try:
            # Quicker than json.loads for the usual line: exactly one value, no
            # white space around it. Anything else goes through json.loads.
            record, end = raw_decode(line)
            if end != len(line):
                raise ValueError
        except (ValueError, RecursionError):
            if not line.strip(" \t\r"):
                continue  # a blank line
            record = _parse(line, _FORMAT, line=number)
        if type(record) is not dict:
            _refuse_record(record, number)
        records.append(record)
        numbers.append(number)
        if len(records) == most + 1:
            assert max_comments is not None
            raise too_many(_FORMAT, max_comments, line=number)
    return records, numbers


def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Article:
    """Read an article from a ``jsonl`` document.

    *data* is the document as text, as bytes or as an open file; bytes are
    decoded by the rules every reader shares (UTF-8 with or without a byte
    order mark, UTF-16 with one, else see :ref:`encodings`). Blank lines
    are skipped; the lines may come in any order. The limits and *encoding*
    and *errors* are described under :ref:`limits`.

    Raises :class:`~threadkit.ParseError` with the ``line`` (and ``column``
    for malformed JSON; ``path`` for a member within a record) when the
    document is not one this version reads: no article record or two of
    them, a record of an unknown kind, a key used twice, a parent key that
    is no comment's key or parent keys that go round in a cycle, a member of
    the wrong type, an unknown member, or a value the model refuses.

    Raises :class:`~threadkit.LimitError`, with the ``line``, when the
    document crosses a limit.

    .. versionadded:: 0.1
    """
    from threadkit.formats import _json_fast, _jsonl_fast  # lazy: msgspec, on first use

    return _json_fast.read_either(
        data,
        _jsonl_fast.read,
        _read_text,
        format=_FORMAT,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )


def _read_text(text: str, max_depth: int | None, max_comments: int | None) -> Article:
    records, numbers = _parse_lines(text, max_comments)
    article_at = -1
    for index, record in enumerate(records):
        kind = record.get("record")
        if kind == "comment":
            continue
        if kind == "article":
            if article_at >= 0:
                raise ParseError(
                    f"a second article record (the first is on line {numbers[article_at]})",
                    format=_FORMAT,
                    line=numbers[index],
                )
            article_at = index
            continue
        if "record" not in record:
            error = _Invalid("", 'missing member "record" ("article" or "comment")')
        else:
            shown = json.dumps(kind, ensure_ascii=False) if type(kind) is str else _kind(kind)
            error = _Invalid(".record", f'expected "article" or "comment", got {shown}')
        raise _line_error(error, numbers[index])
    if article_at < 0:
        raise ParseError(
            'no article record (a line with "record": "article" and the version marker)',
            format=_FORMAT,
            line=1,
        )
    article_line = numbers[article_at]
    head = records[article_at]
    try:
        version = _version(head, _MIGRATIONS, VERSION)
    except _Invalid as error:
        raise _line_error(error, article_line) from None
    if version != VERSION:
        # Migrations see the article record first and keep one record per line.
        records = [head, *records[:article_at], *records[article_at + 1 :]]
        numbers = [article_line, *numbers[:article_at], *numbers[article_at + 1 :]]
        article_at = 0
        while version != VERSION:
            records = _MIGRATIONS[version](records)
            version += 1
        head = records[0]
    comments = _thread(records, numbers, article_at, max_depth)
    try:
        return _article(head, comments, _ARTICLE_RECORD)
    except _Invalid as error:
        raise _line_error(error, article_line) from None


def _thread(
    records: list[dict[str, Any]], numbers: list[int], article_at: int, max_depth: int | None
) -> tuple[Comment, ...]:
    # Build every comment record, in line order, then link them with
    # threadkit.tree.rebuild, which never recurses. Replies are ordered by
    # key, whatever the order of the lines.
    items: list[tuple[int, int | None, Comment]] = []
    line_of: dict[int, int] = {}
    parent_of: dict[int, int | None] = {}
    authors: dict[tuple[Any, ...], Author | None] = {}
    in_order = True
    previous: int | None = None
    for position, record in enumerate(records):
        if position == article_at:
            continue
        line = numbers[position]
        key = record.get("key", _MISSING)
        if type(key) is not int:
            shown = (
                "missing member" if key is _MISSING else f"expected an integer, got {_kind(key)}"
            )
            raise _line_error(_Invalid(".key", shown), line)
        parent = record.get("parent", _MISSING)
        if parent is not None and type(parent) is not int:
            shown = (
                "missing member (null for a top-level comment)"
                if parent is _MISSING
                else f"expected an integer or null, got {_kind(parent)}"
            )
            raise _line_error(_Invalid(".parent", shown), line)
        if key in line_of:
            error = _Invalid(".key", f"key {key} is already used on line {line_of[key]}")
            raise _line_error(error, line)
        try:
            comment = _comment(record, (), authors, _COMMENT_RECORD)
        except _Invalid as error:
            raise _line_error(error, line) from None
        if previous is not None and key < previous:
            in_order = False
        previous = key
        line_of[key] = line
        parent_of[key] = parent
        items.append((key, parent, comment))
    if max_depth is not None:
        _check_depth(items, line_of, max_depth)
    if not in_order:
        items.sort(key=_first)
    try:
        rebuilt = rebuild(items, orphans="error", duplicates="error", cycles="error")
    except RebuildError as error:
        # The keys concerned are ints we gave; name the one on the first line.
        concerned = [key for key in error.keys if isinstance(key, int) and key in line_of]
        if not concerned:  # pragma: no cover - rebuild names the keys it refuses
            raise ParseError(error.message, format=_FORMAT) from None
        first = min(concerned, key=line_of.__getitem__)
        if error.problem == "orphan":
            message = f"no comment has the key {parent_of[first]}"
        else:
            message = (
                f"comment {first} never leads up to a top-level comment: "
                "the parent keys above it go round in a cycle"
            )
        raise _line_error(_Invalid(".parent", message), line_of[first]) from None
    return rebuilt.comments


def _check_depth(
    items: list[tuple[int, int | None, Comment]], line_of: dict[int, int], max_depth: int
) -> None:
    # Before the thread is linked: a chain that never reaches the top (a
    # cycle, a missing parent) is left to rebuild to refuse.
    index_of = {key: index for index, (key, _, _) in enumerate(items)}
    get = index_of.get
    parents = [TOP if parent is None else get(parent, MISSING) for _, parent, _ in items]
    deep = depth_breach(parents, max_depth)
    if deep is not None:
        raise too_deep(_FORMAT, max_depth, line=line_of[items[deep][0]])


def _first(item: tuple[int, int | None, Comment]) -> int:
    return item[0]


# -- writing -----------------------------------------------------------------------


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _author_json(author: Author) -> str:
    members = []
    if author.name is not None:
        members.append('"name":' + encode_basestring(author.name))
    if author.bio:
        members.append('"bio":' + encode_basestring(author.bio))
    if author.url is not None:
        members.append('"url":' + encode_basestring(author.url))
    if author.id is not None:
        members.append('"id":' + encode_basestring(author.id))
    return "{" + ",".join(members) + "}"


def _extra_json(extra: Extra) -> str:
    return _compact(extra.thaw())


def write(article: Article) -> str:
    """Write *article* as a ``jsonl`` document.

    Deterministic: the article record, then one record per comment in thread
    order, keyed 1, 2, 3, ...; fields at their default are left out, members
    come in the model's field order, each line is compact JSON ending with a
    line feed. Any depth can be written.

    .. versionadded:: 0.1
    """
    head = [f'{{"threadkit":{VERSION},"record":"article","title":']
    head.append(encode_basestring(article.title))
    if article.subtitle is not None:
        head.append(',"subtitle":' + encode_basestring(article.subtitle))
    if article.body:
        head.append(',"body":' + encode_basestring(article.body))
    if article.authors:
        head.append(',"authors":[' + ",".join(map(_author_json, article.authors)) + "]")
    if article.published is not None:
        head.append(f',"published":"{article.published.isoformat()}"')
    if article.url is not None:
        head.append(',"url":' + encode_basestring(article.url))
    if article.site is not None:
        head.append(',"site":' + encode_basestring(article.site))
    if article.tags:
        head.append(',"tags":[' + ",".join(map(encode_basestring, article.tags)) + "]")
    if article.extra:
        head.append(',"extra":' + _extra_json(article.extra))
    head.append("}\n")
    out = ["".join(head)]
    append = out.append

    keys: dict[int, int] = {}  # id() of a comment -> its key
    authors: dict[int, str] = {}  # id() of an author -> its JSON
    visible = CommentState.VISIBLE
    for key, (comment, _, parent) in enumerate(visits(article), 1):
        keys[id(comment)] = key
        parts = [
            f'{{"record":"comment","key":{key},"parent":'
            f"{'null' if parent is None else keys[id(parent)]},"
            f'"text":{encode_basestring(comment.text)}'
        ]
        author = comment.author
        if author is not None:
            text = authors.get(id(author))
            if text is None:
                text = authors[id(author)] = _author_json(author)
            parts.append(',"author":' + text)
        if comment.id is not None:
            parts.append(',"id":' + encode_basestring(comment.id))
        if comment.published is not None:
            parts.append(f',"published":"{comment.published.isoformat()}"')
        if comment.edited is not None:
            parts.append(f',"edited":"{comment.edited.isoformat()}"')
        if comment.score is not None:
            parts.append(f',"score":{comment.score}')
        if comment.state is not visible:
            parts.append(f',"state":"{comment.state.value}"')
        if comment.url is not None:
            parts.append(',"url":' + encode_basestring(comment.url))
        if comment.extra:
            parts.append(',"extra":' + _extra_json(comment.extra))
        parts.append("}\n")
        append("".join(parts))
    return "".join(out)


# -- sniffing ------------------------------------------------------------------------

_FIRST_LINE = re.compile(r"\s*+\{[^\n]*")
_MARKER = re.compile(r'"threadkit"\s*+:\s*+\d')
_ARTICLE = re.compile(r'"record"\s*+:\s*+"article"')


def sniff(head: str) -> bool:
    """Whether *head* starts a ``jsonl`` document.

    That is, whether its first line is a JSON object with the version marker
    and ``"record": "article"``.

    .. versionadded:: 0.1
    """
    first = _FIRST_LINE.match(head)
    if first is None:
        return False
    line = first.group()
    return _MARKER.search(line) is not None and _ARTICLE.search(line) is not None
