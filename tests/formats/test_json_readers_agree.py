"""The json and jsonl fast readers give what the checked readers give, or step aside.

``threadkit.formats.json._fast.read`` and ``threadkit.formats.jsonl._fast.read``
decode with msgspec and return None for anything they cannot vouch for;
the ``read`` functions of ``json._checked`` and ``jsonl._checked`` are the
readers every error comes from. Whenever a fast reader returns an article,
the checked reader must return the same one for the same document: that
is the property here, on documents the writers wrote and on documents bent
in the ways a fast reader could get wrong (members repeated, retyped or
unknown, escapes, odd numbers, strings the model normalises or refuses,
limits, and for jsonl records moved, repeated, joined or split across
lines).
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from threadkit import Article, ParseError, UnrepresentableError
from threadkit import strategies as tks
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl
from threadkit.formats.json import _checked as json_checked
from threadkit.formats.json import _fast as json_fast
from threadkit.formats.jsonl import _checked as jsonl_checked
from threadkit.formats.jsonl import _fast as jsonl_fast

Fast = Callable[[str | bytes, int | None, int | None], Article | None]
Checked = Callable[[str, int | None, int | None], Article]


def readers_agree(
    fast: Fast, checked: Checked, text: str, max_depth: int | None, max_comments: int | None
) -> bool:
    """Check the property for *text*, as str and as bytes; whether the fast reader took it."""
    taken = fast(text, max_depth, max_comments)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not something bytes can hold
        data = None
    if data is not None:
        assert fast(data, max_depth, max_comments) == taken
    if taken is not None:
        assert checked(text, max_depth, max_comments) == taken
    return taken is not None


def agree(text: str, max_depth: int | None = None, max_comments: int | None = None) -> bool:
    """The property for a json document."""
    return readers_agree(json_fast.read, json_checked.read, text, max_depth, max_comments)


@given(tks.articles())
def test_the_fast_path_takes_what_the_writer_writes(article: Article) -> None:
    try:
        text = tk_json.write(article)
    except UnrepresentableError:  # deeper than the json format's bound
        assume(False)
    taken = agree(text)
    event("the fast path took it" if taken else "the fast path stepped aside")
    # It steps aside only for the escape that could hide a colon (see read).
    assert taken or "\\u003" in text
    if taken:
        assert json_fast.read(text, None, None) == article


# -- documents bent out of shape ----------------------------------------------------


class Pairs(list[tuple[str, Any]]):
    """A JSON object written member by member, so that a name may repeat."""


def dump(value: object, escape: frozenset[str]) -> str:
    """*value* as JSON, with the characters in *escape* written as \\u escapes."""
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{dump(k, escape)}:{dump(v, escape)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return dump(Pairs(value.items()), escape)
    if isinstance(value, list):
        return "[" + ",".join(dump(item, escape) for item in value) + "]"
    if isinstance(value, str):
        written = json.dumps(value, ensure_ascii=False)
        return "".join(f"\\u{ord(c):04x}" if c in escape else c for c in written)
    if isinstance(value, float) and value != value:
        return "NaN"
    return json.dumps(value)


ODD_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "a:b",
        "a\r\nb",
        "\n",
        "a\n\n\nb",
        "\x00",
        "\ud800",
        "\u2028",
        "2024-05-01T12:30:00+02:00",
        "2024-05-01 12:30:00+02:00",
        "2024-05-01T12:30:00.1234567Z",
        "2024-13-01T12:30:00Z",
        "visible",
        "spam",
        "Visible",
    ]
)
ODD_VALUES = st.one_of(
    ODD_STRINGS,
    st.text(max_size=5),
    st.sampled_from(
        [None, True, 0, -1, 1.5, -0.0, 2**63, -(2**63) - 1, 10**30, 1e300, float("nan")]
    ),
    st.just([]),
    st.just({}),
    st.just({"a:b": [1, {"c": "d:e"}]}),
    st.just([{"text": "x"}]),
)
NAMES = st.sampled_from(
    [
        "threadkit",
        "title",
        "text",
        "author",
        "name",
        "bio",
        "id",
        "published",
        "edited",
        "score",
        "state",
        "url",
        "replies",
        "extra",
        "comments",
        "authors",
        "tags",
        "unknown",
    ]
)


def to_pairs(value: Any) -> Any:
    """*value* with every object as Pairs (recursive: these documents are shallow)."""
    if isinstance(value, dict):
        return Pairs((name, to_pairs(member)) for name, member in value.items())
    if isinstance(value, list):
        return [to_pairs(item) for item in value]
    return value


def objects(value: Any) -> list[Pairs]:
    """Every object in *value*, outermost first."""
    found = []
    if isinstance(value, Pairs):
        found.append(value)
        for _, member in value:
            found += objects(member)
    elif isinstance(value, list):
        for item in value:
            found += objects(item)
    return found


@st.composite
def bent(draw: st.DrawFn) -> str:
    article = draw(tks.articles(max_depth=3, max_replies=2, max_comments=5))
    try:
        document = json.loads(tk_json.write(article))
    except UnrepresentableError:
        assume(False)
    top = to_pairs(document)
    for _ in range(draw(st.integers(0, 3))):
        found = objects(top)
        target = found[draw(st.integers(0, len(found) - 1))]
        how = draw(st.sampled_from(["repeat", "retype", "add", "drop"]))
        value: object
        if how == "repeat" and target:
            name, value = target[draw(st.integers(0, len(target) - 1))]
            again = value if draw(st.booleans()) else draw(ODD_VALUES)
            target.insert(draw(st.integers(0, len(target))), (name, again))
        elif how == "retype" and target:
            index = draw(st.integers(0, len(target) - 1))
            target[index] = (target[index][0], draw(ODD_VALUES))
        elif how == "add":
            target.append((draw(NAMES), draw(ODD_VALUES)))
        elif target:
            del target[draw(st.integers(0, len(target) - 1))]
    escape = frozenset(draw(st.sets(st.sampled_from(':aé"/T'), max_size=1)))
    return dump(top, escape)


@given(bent(), st.sampled_from([None, 0, 1, 2]), st.sampled_from([None, 0, 1, 3]))
def test_bent_documents(text: str, max_depth: int | None, max_comments: int | None) -> None:
    taken = agree(text, max_depth, max_comments)
    event("the fast path took it" if taken else "the fast path stepped aside")


# -- cases the property must see every run -------------------------------------------

BASE = {"threadkit": 1, "title": "T", "comments": [{"text": "a", "replies": [{"text": "b"}]}]}


@pytest.mark.parametrize(
    "text",
    [
        '{"threadkit": 1, "title": "T", "title": "U"}',
        '{"threadkit": 1, "title": "T", "comments": [{"text": "a", "text": "b"}]}',
        '{"threadkit": 1, "title": "T", "comments": [{"text": "a", "author": '
        '{"name": "n", "name": "m"}}]}',
        '{"threadkit": 1, "title": "T", "extra": {"k": {"a": 1, "a": 2}}}',
        '{"threadkit": 1, "title": "T", "comments": [{"text": "a", "extra": '
        '{"k": [{"a": 1, "a": 1}]}}]}',
        '{"threadkit": 1, "title": "T", "authors": [{"name": "n", "name": "n"}]}',
    ],
)
def test_a_repeated_member_is_left_to_the_checked_reader(text: str) -> None:
    assert json_fast.read(text, None, None) is None
    with pytest.raises(ParseError, match="given twice"):
        tk_json.read(text)


def test_text_with_a_lone_surrogate_is_left_to_the_checked_reader() -> None:
    text = '{"threadkit": 1, "title": "\ud800"}'
    assert json_fast.read(text, None, None) is None
    with pytest.raises(ParseError):
        tk_json.read(text)


def test_an_escaped_colon_is_left_to_the_checked_reader() -> None:
    text = json.dumps({**BASE, "title": "a:b"}).replace(":b", "\\u003ab")
    assert json_fast.read(text, None, None) is None
    assert tk_json.read(text).title == "a:b"


def test_colons_in_names_and_strings_are_counted() -> None:
    document = {
        "threadkit": 1,
        "title": "a: b",
        "extra": {"k:1": "v:2", "x": [":", {"y:": ":z"}]},
        "comments": [
            {
                "text": "::",
                "url": "https://example.org:8080/x",
                "id": "t1:abc",
                "published": "2024-05-01T12:30:00Z",
                "edited": "2024-05-01T12:31:00+01:00",
                "author": {"name": "a:b", "bio": "c:d", "url": "http://e:f/"},
            }
        ],
    }
    text = json.dumps(document)
    assert agree(text)
    assert agree(json.dumps(document, indent=2))


@pytest.mark.parametrize(
    ("max_depth", "max_comments"), [(1, None), (None, 1), (0, None), (None, 0)]
)
def test_limits_are_left_to_the_checked_reader(
    max_depth: int | None, max_comments: int | None
) -> None:
    text = json.dumps(BASE)
    assert json_fast.read(text, max_depth, max_comments) is None
    with pytest.raises(ParseError):
        tk_json.read(text, max_depth=max_depth, max_comments=max_comments)


def test_normalised_strings_come_out_as_the_checked_reader_gives_them() -> None:
    text = json.dumps({**BASE, "comments": [{"text": "a\r\nb  ", "id": " x "}]})
    assert agree(text)
    (comment,) = tk_json.read(text).comments
    assert (comment.text, comment.id) == ("a\nb  ", "x")


def test_dates_read_by_their_offset_twice_are_the_dates_written() -> None:
    # The fast reader makes the second date of an offset with the zone it
    # kept for the first, by the offset's text: each spelling twice.
    written = [
        "2024-05-01T12:30:00+05:30",
        "2024-05-01T12:30:00.25+05:30",
        "2024-05-01T12:30:00-00:00",
        "2024-05-01T12:31:00-00:00",
        "2024-05-01T12:30:00+00:00",
        "2024-05-01T12:32:00+00:00",
        "2024-05-01T12:30:00.000001-09:00",
        "2024-05-01T12:33:00-09:00",
    ]
    comments = [{"text": str(index), "published": when} for index, when in enumerate(written)]
    text = json.dumps({**BASE, "comments": comments})
    article = json_fast.read(text, None, None)
    assert article is not None
    east = timezone(timedelta(hours=5, minutes=30))
    west = timezone(timedelta(hours=-9))
    assert [comment.published for comment in article.comments] == [
        datetime(2024, 5, 1, 12, 30, tzinfo=east),
        datetime(2024, 5, 1, 12, 30, 0, 250_000, tzinfo=east),
        datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 31, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 32, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 30, 0, 1, tzinfo=west),
        datetime(2024, 5, 1, 12, 33, tzinfo=west),
    ]
    zones = [comment.published.tzinfo for comment in article.comments]  # type: ignore[union-attr]
    assert zones[0] is zones[1]
    assert zones[6] is zones[7]
    assert all(zone is UTC for zone in zones[2:6])
    assert agree(text)


@pytest.mark.parametrize("letter", ["é", "e"])
def test_reading_a_str_leaves_nothing_on_it(letter: str) -> None:
    # msgspec caches the UTF-8 form of a str it decodes on the str itself
    # (unless it is ASCII), which would stay as long as the caller keeps it.
    text = json.dumps({**BASE, "comments": [{"text": letter * 100_000}]}, ensure_ascii=False)
    tracemalloc.start()
    try:
        article = json_fast.read(text, None, None)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert article is not None
    # The comment's own text takes 100 kB (one byte a character); a UTF-8
    # copy of the document kept anywhere would add 100 kB more, or 200 kB.
    assert 100_000 <= held < 150_000


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        tk_json.read(json.dumps(BASE))
        assert gc.isenabled() is enabled
        with pytest.raises(ParseError):
            tk_json.read('{"threadkit": 1, "title": 1}')
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


# -- jsonl -----------------------------------------------------------------------


def agree_lines(text: str, max_depth: int | None = None, max_comments: int | None = None) -> bool:
    """The property for a jsonl document."""
    return readers_agree(jsonl_fast.read, jsonl_checked.read, text, max_depth, max_comments)


@given(tks.articles())
def test_the_jsonl_fast_path_takes_what_the_writer_writes(article: Article) -> None:
    text = tk_jsonl.write(article)
    taken = agree_lines(text)
    event("the fast path took it" if taken else "the fast path stepped aside")
    assert taken or "\\u003" in text
    if taken:
        assert jsonl_fast.read(text, None, None) == article


@st.composite
def bent_lines(draw: st.DrawFn) -> str:
    article = draw(tks.articles(max_depth=3, max_replies=2, max_comments=5))
    lines = tk_jsonl.write(article).split("\n")[:-1]  # not splitlines: U+2028 is no break here
    records = [to_pairs(json.loads(line)) for line in lines]
    for _ in range(draw(st.integers(0, 3))):
        how = draw(
            st.sampled_from(
                ["member", "repeat", "repeat", "swap", "again", "drop", "key", "reparent"]
            )
        )
        at = draw(st.integers(0, len(records) - 1))
        if how == "repeat" and records[at]:
            name, value = records[at][draw(st.integers(0, len(records[at]) - 1))]
            again = draw(st.sampled_from([value, value, value]) | ODD_VALUES)
            records[at].insert(draw(st.integers(0, len(records[at]))), (name, again))
        elif how == "reparent" and at >= 1:
            # Any comment above, or none: a thread the checked reader can still
            # link, but not always in pre-order any more.
            above = [
                dict(r).get("key") for r in records[1:at] if dict(r).get("record") == "comment"
            ]
            parent = draw(st.sampled_from([None, *above]))
            records[at] = Pairs((n, parent if n == "parent" else v) for n, v in records[at])
        elif how == "member":
            found = objects(records[at])
            target = found[draw(st.integers(0, len(found) - 1))]
            name = draw(NAMES | st.sampled_from(["record", "key", "parent"]))
            value = draw(ODD_VALUES | st.integers(-2, 6))
            if target and draw(st.booleans()):
                index = draw(st.integers(0, len(target) - 1))
                target[index] = (target[index][0], value)
            else:
                target.insert(draw(st.integers(0, len(target))), (name, value))
        elif how == "swap":
            other = draw(st.integers(0, len(records) - 1))
            records[at], records[other] = records[other], records[at]
        elif how == "again":
            records.insert(at, records[at])
        elif how == "drop" and len(records) > 1:
            del records[at]
        elif how == "key":
            record = records[at]
            for index, (name, _) in enumerate(record):
                if name in ("key", "parent"):
                    record[index] = (name, draw(st.integers(-1, 6) | st.none()))
    escape = frozenset(draw(st.sets(st.sampled_from(':aé"/T'), max_size=1)))
    written = [dump(record, escape) for record in records]
    joiner = draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n", " "]))
    text = joiner.join(written) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.booleans()):  # one record split across two lines
        text = text.replace(",", ",\n", 1)
    return text


@given(bent_lines(), st.sampled_from([None, 0, 1, 2]), st.sampled_from([None, 0, 1, 3]))
def test_bent_jsonl_documents(text: str, max_depth: int | None, max_comments: int | None) -> None:
    taken = agree_lines(text, max_depth, max_comments)
    event("the fast path took it" if taken else "the fast path stepped aside")


@st.composite
def linked_lines(draw: st.DrawFn) -> str:
    """Comment records that link up in every way a fast path could get wrong.

    In the writer's pre-order, each parent on the path from the top to the
    record before, except, in about half of them, at one record: a key
    repeated or going down, a parent above but off the path, unknown or the
    record itself, or "key" or "parent" left out or given twice.
    """
    count = draw(st.integers(1, 8))
    bent = draw(st.none() | st.integers(0, count - 1))
    how = draw(st.sampled_from(["key", "parent", "omit", "twice"]))
    lines = ['{"threadkit": 1, "record": "article", "title": "T"}']
    path: list[int] = []
    seen: list[int] = []
    key = 0
    for index in range(count):
        key += 1
        on_path = draw(st.integers(0, len(path)))  # how much of the path stays
        parent: int | None = path[on_path - 1] if on_path else None
        if index == bent and how == "key":
            key = draw(st.sampled_from([key - 1, key - 2, *seen]))
        elif index == bent and how == "parent":
            parent = draw(st.sampled_from([key, 99, *seen]))
        del path[on_path:]
        path.append(key)
        seen.append(key)
        members = [("record", '"comment"'), ("key", str(key)), ("parent", json.dumps(parent))]
        members.append(("text", json.dumps(draw(st.sampled_from(["a", "b:c", ""])))))
        if index == bent and how == "omit":
            del members[draw(st.integers(1, 2))]
        elif index == bent and how == "twice":
            name, _ = members[draw(st.integers(1, 2))]
            members.append((name, draw(st.sampled_from(["null", "1", "99"]))))
        lines.append("{" + ", ".join(f'"{name}": {value}' for name, value in members) + "}")
    return "\n".join(lines) + "\n"


# Ten times the profile's examples: each takes well under a millisecond, and
# a bend that a broken fast path would take is one draw in several.
@settings(max_examples=10 * settings.default.max_examples)
@given(linked_lines(), st.sampled_from([None, None, 1, 2]))
def test_linked_jsonl_records(text: str, max_depth: int | None) -> None:
    taken = agree_lines(text, max_depth)
    event("the fast path took it" if taken else "the fast path stepped aside")


LINES = (
    '{"threadkit": 1, "record": "article", "title": "T"}\n'
    '{"record": "comment", "key": 1, "parent": null, "text": "a"}\n'
    '{"record": "comment", "key": 2, "parent": 1, "text": "b"}\n'
    '{"record": "comment", "key": 3, "parent": null, "text": "c"}\n'
)


@pytest.mark.parametrize(
    "text",
    [
        # lines out of the writer's order, which the checked reader puts right
        "".join(LINES.splitlines(keepends=True)[::-1]),
        LINES.replace('"key": 2, "parent": 1', '"key": 2, "parent": null').replace(
            '"key": 3, "parent": null', '"key": 3, "parent": 1'
        ),
        LINES.replace('"key": 1,', '"key": 7,'),
        # a record given twice, a member given twice, a key beyond 64 bits
        LINES + LINES.splitlines(keepends=True)[-1],
        LINES.replace('"text": "c"', '"text": "c", "text": "d"'),
        LINES.replace(
            '"record": "article", "title": "T"', '"record": "article", "title": "T", "title": "U"'
        ),
        LINES.replace('"key": 3', f'"key": {2**64}'),
        # the layout: a blank line, two records on a line, one record on two lines
        LINES.replace("}\n{", "}\n\n{", 1),
        LINES.replace("}\n{", "} {", 1),
        LINES.replace('"text": "a"', '\n"text": "a"'),
        # a record the format does not have
        LINES.replace(
            '"record": "comment", "key": 2, "parent": 1, "text": "b"',
            '"record": "comment", "key": 2, "parent": 1, "text": "b", "replies": []',
        ),
        LINES.replace('"key": 2, "parent": 1,', '"key": 2,'),
    ],
)
def test_what_the_jsonl_fast_path_leaves_to_the_checked_reader(text: str) -> None:
    assert jsonl_fast.read(text, None, None) is None
    try:
        expected = jsonl_checked.read(text, None, None)
    except ParseError:
        with pytest.raises(ParseError):
            tk_jsonl.read(text)
    else:
        assert tk_jsonl.read(text) == expected


def test_the_jsonl_fast_path_takes_the_writer_order() -> None:
    assert agree_lines(LINES)
    assert agree_lines(LINES.replace("\n", "\r\n"))
    assert agree_lines(LINES.rstrip("\n"))


@pytest.mark.parametrize(("max_depth", "max_comments"), [(1, None), (None, 2), (0, None)])
def test_jsonl_limits_are_left_to_the_checked_reader(
    max_depth: int | None, max_comments: int | None
) -> None:
    assert jsonl_fast.read(LINES, max_depth, max_comments) is None
    with pytest.raises(ParseError):
        tk_jsonl.read(LINES, max_depth=max_depth, max_comments=max_comments)
