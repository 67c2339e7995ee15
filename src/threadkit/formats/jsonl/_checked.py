"""The ``jsonl`` format's checked reader: :func:`json.loads` per line, then every member checked.

Slower than the fast reader, and the source of every error, each with its
line (and column for malformed JSON, the JSONPath within the record for a
refused member). It reads the records in any order and links them by key.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from threadkit._forest import MISSING, TOP, depth, depth_breach
from threadkit._io import member_path, too_deep, too_many
from threadkit.errors import ParseError, RebuildError
from threadkit.formats._jsondoc import (
    ABSENT,
    TWICE,
    Invalid,
    Repeated,
    article,
    check_version,
    comment,
    described,
    pairs,
    parse,
)
from threadkit.formats.jsonl._spec import MIGRATIONS, RECORD, SPEC, VERSION
from threadkit.model import Article, Author, Comment
from threadkit.tree import DuplicatePolicy, OrphanPolicy, rebuild

__all__ = ["read"]

_RAW_DECODE = json.JSONDecoder(object_pairs_hook=pairs).raw_decode


def _line_error(error: Invalid, line: int) -> ParseError:
    return ParseError(error.message, format=SPEC.format, line=line, path="$" + error.where)


def _parse_at_once(text: str) -> list[Any] | None:
    """Every line parsed in one call, when each line is one JSON value and none is blank.

    One json.loads of the lines as an array spares a call per line; any
    other document (a blank line, two values on a line, malformed JSON)
    gives None, and is read line by line for its line numbers.
    """
    body = text[:-1] if text.endswith("\n") else text
    try:
        every: list[Any] = json.loads("[" + body.replace("\n", ",") + "]", object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    if len(every) != body.count("\n") + 1:
        return None
    return every


def _refuse_record(record: object, number: int) -> NoReturn:
    if isinstance(record, Repeated):
        raise _line_error(Invalid(member_path(record.name), TWICE), number)
    raise ParseError(
        f"expected a JSON object, got {described(record)}", format=SPEC.format, line=number
    )


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
            record = parse(line, SPEC, line=number)
        if type(record) is not dict:
            _refuse_record(record, number)
        records.append(record)
        numbers.append(number)
        if len(records) == most + 1:
            assert max_comments is not None
            raise too_many(SPEC.format, max_comments, line=number)
    return records, numbers


def check_policies(orphans: str, duplicates: str) -> None:
    """Refuse a policy name :func:`threadkit.tree.rebuild` does not know, before reading."""
    for name, value, known in (
        ("orphans", orphans, ("keep", "drop", "error")),
        ("duplicates", duplicates, ("keep", "first", "last", "error")),
    ):
        if value not in known:
            raise ValueError(f"{name} must be one of {', '.join(map(repr, known))}, not {value!r}")


def read(
    text: str,
    max_depth: int | None,
    max_comments: int | None,
    *,
    orphans: OrphanPolicy = "error",
    duplicates: DuplicatePolicy = "error",
) -> Article:
    """The article the document *text* holds; ParseError or LimitError if there is none.

    *orphans* and *duplicates* are :func:`threadkit.tree.rebuild`'s policies.
    """
    records, numbers = _parse_lines(text, max_comments)
    article_at = -1
    for index, record in enumerate(records):
        kind = record.get(RECORD)
        if kind == "comment":
            continue
        if kind == "article":
            if article_at >= 0:
                raise ParseError(
                    f"a second article record (the first is on line {numbers[article_at]})",
                    format=SPEC.format,
                    line=numbers[index],
                )
            article_at = index
            continue
        if RECORD not in record:
            error = Invalid("", 'missing member "record" ("article" or "comment")')
        else:
            shown = json.dumps(kind, ensure_ascii=False) if type(kind) is str else described(kind)
            error = Invalid("." + RECORD, f'expected "article" or "comment", got {shown}')
        raise _line_error(error, numbers[index])
    if article_at < 0:
        raise ParseError(
            'no article record (a line with "record": "article" and the version marker)',
            format=SPEC.format,
            line=1,
        )
    article_line = numbers[article_at]
    head = records[article_at]
    try:
        version = check_version(head, SPEC)
    except Invalid as error:
        raise _line_error(error, article_line) from None
    if version != VERSION:
        # Migrations see the article record first and keep one record per line.
        records = [head, *records[:article_at], *records[article_at + 1 :]]
        numbers = [article_line, *numbers[:article_at], *numbers[article_at + 1 :]]
        article_at = 0
        while version != VERSION:
            records = MIGRATIONS[version](records)
            version += 1
        head = records[0]
    comments = _thread(records, numbers, article_at, max_depth, orphans, duplicates)
    try:
        return article(head, comments, SPEC)
    except Invalid as error:
        raise _line_error(error, article_line) from None


def _thread(
    records: list[dict[str, Any]],
    numbers: list[int],
    article_at: int,
    max_depth: int | None,
    orphans: OrphanPolicy = "error",
    duplicates: DuplicatePolicy = "error",
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
        key = record.get("key", ABSENT)
        if type(key) is not int:
            shown = (
                "missing member" if key is ABSENT else f"expected an integer, got {described(key)}"
            )
            raise _line_error(Invalid(".key", shown), line)
        parent = record.get("parent", ABSENT)
        if parent is not None and type(parent) is not int:
            shown = (
                "missing member (null for a top-level comment)"
                if parent is ABSENT
                else f"expected an integer or null, got {described(parent)}"
            )
            raise _line_error(Invalid(".parent", shown), line)
        if key in line_of and duplicates == "error":
            error = Invalid(".key", f"key {key} is already used on line {line_of[key]}")
            raise _line_error(error, line)
        try:
            built = comment(record, (), authors, SPEC)
        except Invalid as error:
            raise _line_error(error, line) from None
        if previous is not None and key < previous:
            in_order = False
        previous = key
        line_of.setdefault(key, line)
        parent_of.setdefault(key, parent)
        items.append((key, parent, built))
    strict = orphans == "error" and duplicates == "error"
    if max_depth is not None and strict:
        _check_depth(items, line_of, max_depth)
    if not in_order:
        items.sort(key=_first)  # stable: copies of a key stay in line order
    try:
        rebuilt = rebuild(items, orphans=orphans, duplicates=duplicates, cycles="error")
    except RebuildError as error:
        # The keys concerned are ints we gave; name the one on the first line.
        concerned = [key for key in error.keys if isinstance(key, int) and key in line_of]
        if not concerned:  # pragma: no cover - rebuild names the keys it refuses
            raise ParseError(error.message, format=SPEC.format) from None
        first = min(concerned, key=line_of.__getitem__)
        if error.problem == "orphan":
            message = f"no comment has the key {parent_of[first]}"
        else:
            message = (
                f"comment {first} never leads up to a top-level comment: "
                "the parent keys above it go round in a cycle"
            )
        raise _line_error(Invalid(".parent", message), line_of[first]) from None
    if max_depth is not None and not strict and depth(rebuilt.comments) > max_depth:
        # Known only once the policies have made the thread.
        raise too_deep(SPEC.format, max_depth)
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
        raise too_deep(SPEC.format, max_depth, line=line_of[items[deep][0]])


def _first(item: tuple[int, int | None, Comment]) -> int:
    return item[0]
