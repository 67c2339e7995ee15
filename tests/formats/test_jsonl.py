"""The jsonl format: golden files, round trips at any depth, line order, strict reading."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadkit
import threadkit.strategies as tks
from threadkit import Article, Author, Comment, CommentState, ParseError
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl
from threadkit.formats.jsonl import _spec as jsonl_spec

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "json"


def when(moment: datetime) -> str:
    """A date and time as the writers spell it: isoformat, but Z for a zero offset."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def zone(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


# The article of golden/json/full.json and full.jsonl.
FULL = Article(
    title="Council approves the new bridge",
    subtitle="Work starts in spring; the ferry runs until then",
    body=(
        "The council voted 31 to 9 on Tuesday.\n\n"
        "The bridge will cost €48 million.\nIt opens in 2027."
    ),
    authors=(
        Author(
            name="Ana Souza",
            bio="Covers city hall.\nFormerly at the Tribune.",
            url="https://news.example/staff/ana",
            id="staff-17",
        ),
        Author(name="Jonas Weber"),
    ),
    published=datetime(2024, 3, 5, 9, 30, tzinfo=zone(1)),
    url="https://news.example/city/bridge",
    site="The Example News",
    tags=("city", "transport"),
    comments=(
        Comment(
            text='Finally! "About time", as my neighbour says.',
            author=Author(name="riverside_rita", id="u42"),
            id="c1",
            published=datetime(2024, 3, 5, 10, 2, 11, tzinfo=zone(1)),
            edited=datetime(2024, 3, 5, 10, 15, 0, 250000, tzinfo=zone(1)),
            score=57,
            url="https://news.example/c/1",
            replies=(
                Comment(
                    text="Spring of which year, though? 🚲",
                    id="c2",
                    published=datetime(2024, 3, 5, 4, 40, tzinfo=zone(-5)),
                    score=-3,
                    replies=(Comment(text="", id="c3", state=CommentState.DELETED),),
                ),
                Comment(
                    text="Tokyo built one in 東京 in half the time.",
                    author=Author(name="Kenji"),
                    id="c4",
                    published=datetime(2024, 3, 5, 18, 5, tzinfo=zone(9)),
                    state=CommentState.PENDING,
                ),
            ),
            extra={"awards": ["gold", "helpful"], "flair": None, "ratio": 0.75},
        ),
        Comment(
            text="Line one\nline two\twith a tab, a backslash \\ and a slash /.",
            id="c5",
            published=datetime(2024, 3, 5, 15, 0, tzinfo=zone(5, 30)),
            score=0,
            state=CommentState.SPAM,
        ),
    ),
    extra={"section": "City", "word_count": 412},
)


def golden(name: str) -> str:
    return (GOLDEN / name).read_bytes().decode("utf-8")


# -- an independent statement of what the writer writes ---------------------------


def author_record(author: Author) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in ("name", "bio", "url", "id"):
        value = getattr(author, name)
        if value is not None and value != "":
            record[name] = value
    return record


def records(article: Article) -> list[dict[str, Any]]:
    """The records the writer should write, numbered by an explicit pre-order walk."""
    head: dict[str, Any] = {"threadkit": 1, "record": "article", "title": article.title}
    if article.subtitle is not None:
        head["subtitle"] = article.subtitle
    if article.body:
        head["body"] = article.body
    if article.authors:
        head["authors"] = [author_record(author) for author in article.authors]
    if article.published is not None:
        head["published"] = when(article.published)
    if article.url is not None:
        head["url"] = article.url
    if article.site is not None:
        head["site"] = article.site
    if article.tags:
        head["tags"] = list(article.tags)
    if len(article.extra):
        head["extra"] = article.extra.thaw()
    out = [head]
    stack: list[tuple[Comment, int | None]] = [(c, None) for c in reversed(article.comments)]
    while stack:
        comment, parent = stack.pop()
        key = len(out)
        record: dict[str, Any] = {
            "record": "comment",
            "key": key,
            "parent": parent,
            "text": comment.text,
        }
        if comment.author is not None:
            record["author"] = author_record(comment.author)
        for name in ("id", "published", "edited", "score"):
            value = getattr(comment, name)
            if value is not None:
                record[name] = value if name in ("id", "score") else when(value)
        if comment.state is not CommentState.VISIBLE:
            record["state"] = comment.state.value
        if comment.url is not None:
            record["url"] = comment.url
        if len(comment.extra):
            record["extra"] = comment.extra.thaw()
        out.append(record)
        stack.extend((reply, key) for reply in reversed(comment.replies))
    return out


def lines_of(article: Article) -> str:
    return "".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        for record in records(article)
    )


def chain(length: int) -> Article:
    comment = Comment(text=f"level {length}")
    for level in range(length - 1, 0, -1):
        comment = Comment(text=f"level {level}", replies=(comment,))
    return Article(title="A chain", comments=(comment,))


HEAD = '{"threadkit":1,"record":"article","title":"T"}'


def comment_line(key: object, parent: object, **members: Any) -> str:
    return json.dumps({"record": "comment", "key": key, "parent": parent, "text": "c", **members})


def read_lines(*lines: str) -> Article:
    return tk_jsonl.read("\n".join(lines) + "\n")


# -- golden files ------------------------------------------------------------------


def test_golden_file_reads_and_is_written_byte_for_byte() -> None:
    text = golden("full.jsonl")
    assert tk_jsonl.read(text) == FULL
    assert tk_jsonl.write(FULL) == text
    assert threadkit.dumps(FULL, "jsonl").encode("utf-8") == (GOLDEN / "full.jsonl").read_bytes()


def test_minimal_golden_file() -> None:
    text = golden("minimal.jsonl")
    assert tk_jsonl.read(text) == Article(title="Council approves the new bridge")
    assert tk_jsonl.write(Article(title="Council approves the new bridge")) == text


def test_golden_files_of_both_formats_hold_the_same_article() -> None:
    assert tk_jsonl.read(golden("full.jsonl")) == tk_json.read(golden("full.json"))


# -- properties --------------------------------------------------------------------


@given(tks.articles())
def test_round_trip(article: Article) -> None:
    assert tk_jsonl.read(tk_jsonl.write(article)) == article
    assert threadkit.loads(threadkit.dumps(article, "jsonl"), "jsonl") == article


@given(tks.articles())
def test_writer_output_is_one_compact_json_record_a_line(article: Article) -> None:
    assert tk_jsonl.write(article) == lines_of(article)


@given(tks.articles())
def test_writing_what_was_read_gives_the_same_text(article: Article) -> None:
    text = tk_jsonl.write(article)
    assert tk_jsonl.write(tk_jsonl.read(text)) == text


@given(tks.articles(), st.randoms(use_true_random=False))
def test_lines_in_any_order_read_as_the_same_article(
    article: Article, shuffler: random.Random
) -> None:
    lines = tk_jsonl.write(article)[:-1].split("\n")
    shuffler.shuffle(lines)
    assert tk_jsonl.read("\n".join(lines)) == article


@given(tks.articles())
def test_every_line_is_a_flat_json_object_any_tool_can_read(article: Article) -> None:
    text = tk_jsonl.write(article)
    assert text.endswith("\n")
    for line in text[:-1].split("\n"):
        record = json.loads(line)
        assert isinstance(record, dict)
        assert "replies" not in record
        assert "comments" not in record


@given(tks.articles(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_reads_bytes_in_every_supported_encoding(article: Article, encoding: str) -> None:
    assert tk_jsonl.read(tk_jsonl.write(article).encode(encoding)) == article


@given(tks.articles())
def test_crlf_line_ends_and_blank_lines_are_accepted(article: Article) -> None:
    text = tk_jsonl.write(article).replace("\n", "\r\n\n  \n")
    assert tk_jsonl.read(text) == article


@given(tks.articles())
def test_sniff_recognises_written_documents(article: Article) -> None:
    text = tk_jsonl.write(article)
    assert tk_jsonl.sniff(text[:4096])
    assert not tk_json.sniff(text[:4096])
    assert threadkit.guess_format(content=text).name == "jsonl"


# -- depth -------------------------------------------------------------------------


def test_a_chain_100000_deep_is_written_and_read() -> None:
    article = chain(100_000)
    text = tk_jsonl.write(article)
    assert text.count("\n") == 100_001
    last = text.rsplit("\n", 2)[1]
    assert last == ('{"record":"comment","key":100000,"parent":99999,"text":"level 100000"}')
    assert tk_jsonl.read(text) == article


# -- sniffing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('{"threadkit":1,"record":"article","title":"T"}\n{"record":"comment"', True),
        ('{"threadkit": 1, "record": "article", "title": "T"}', True),
        ('{"record": "article", "title": "T", "threadkit": 1}\n', True),  # reordered by a tool
        ('{"threadkit":1,"record":"article","body":"' + "x" * 5000, True),  # cut off
        ('{\n  "threadkit": 1,\n  "record": "article"\n}', False),  # not one line
        ('{"threadkit":1,"title":"T"}', False),  # a json document
        ('{"record":"comment","key":1}\n{"threadkit":1,"record":"article"}', False),
        ('{"record":"article","title":"T"}', False),
        ("Title: x", False),
        ("", False),
    ],
)
def test_sniff(head: str, expected: bool) -> None:
    assert tk_jsonl.sniff(head) is expected


# -- linking records -----------------------------------------------------------------


def test_replies_are_ordered_by_key_whatever_the_line_order() -> None:
    article = read_lines(
        comment_line(30, None, text="third"),
        comment_line(12, 7, text="second reply"),
        HEAD,
        comment_line(7, None, text="first"),
        comment_line(9, 7, text="first reply"),
    )
    assert article == Article(
        title="T",
        comments=(
            Comment(
                text="first",
                replies=(Comment(text="first reply"), Comment(text="second reply")),
            ),
            Comment(text="third"),
        ),
    )


def test_keys_need_not_count_from_one_and_may_be_negative() -> None:
    article = read_lines(HEAD, comment_line(-5, None), comment_line(10**12, -5))
    assert article == Article(
        title="T", comments=(Comment(text="c", replies=(Comment(text="c"),)),)
    )


@pytest.mark.parametrize(
    ("lines", "line", "path", "message"),
    [
        ([], 1, None, "no article record"),
        (["", "  "], 1, None, "no article record"),
        ([comment_line(1, None)], 1, None, "no article record"),
        ([HEAD, HEAD], 2, None, "a second article record (the first is on line 1)"),
        ([HEAD, "[1]"], 2, None, "expected a JSON object, got an array"),
        ([HEAD, "7"], 2, None, "got the number 7"),
        ([HEAD, '{"key": 1}'], 2, "$", 'missing member "record"'),
        ([HEAD, '{"record": "reply"}'], 2, "$.record", 'got "reply"'),
        ([HEAD, '{"record": null}'], 2, "$.record", "got null"),
        ([HEAD, json.dumps({"record": "comment", "text": "c"})], 2, "$.key", "missing member"),
        ([HEAD, comment_line("1", None)], 2, "$.key", "expected an integer, got a string"),
        ([HEAD, comment_line(True, None)], 2, "$.key", "got a boolean"),
        ([HEAD, comment_line(1.0, None)], 2, "$.key", "got the number 1.0"),
        (
            [HEAD, json.dumps({"record": "comment", "key": 1, "text": "c"})],
            2,
            "$.parent",
            "missing member (null for a top-level comment)",
        ),
        ([HEAD, comment_line(1, "0")], 2, "$.parent", "expected an integer or null"),
        (
            [HEAD, comment_line(1, None), comment_line(1, None)],
            3,
            "$.key",
            "key 1 is already used on line 2",
        ),
        (
            [HEAD, comment_line(1, None), comment_line(2, 5)],
            3,
            "$.parent",
            "no comment has the key 5",
        ),
        ([HEAD, comment_line(1, 1)], 2, "$.parent", "cycle"),
        (
            [
                HEAD,
                comment_line(1, None),
                comment_line(2, 3),
                comment_line(3, 2),
                comment_line(4, 3),
            ],
            3,
            "$.parent",
            "comment 2 never leads up to a top-level comment",
        ),
        ([HEAD, comment_line(1, None, text=1)], 2, "$.text", "expected a string"),
        ([HEAD, comment_line(1, None, score="5")], 2, "$.score", "expected an integer or null"),
        (
            [HEAD, comment_line(1, None), comment_line(2, 1, published="2024-05-01T10:00:00")],
            3,
            "$.published",
            "UTC offset",
        ),
        (
            [HEAD, comment_line(1, None, author={"name": 3})],
            2,
            "$.author.name",
            "expected a string",
        ),
        ([HEAD, comment_line(1, None, replies=[])], 2, "$.replies", 'unknown member "replies"'),
        ([HEAD, comment_line(1, None, extra={"x": [2**64]})], 2, "$.extra.x[0]", "64-bit"),
        ([HEAD, comment_line(1, None, state="hidden")], 2, "$.state", "is not one of"),
        (
            [HEAD, '{"record":"comment","key":1,"key":2,"parent":null,"text":"c"}'],
            2,
            "$.key",
            "twice",
        ),
        (['{"threadkit":1,"record":"article","title":"T","title":"U"}'], 1, "$.title", "twice"),
        (
            [HEAD, comment_line(1, None, extra={"a": [{}]}).replace("{}", '{"b":1,"b":2}')],
            2,
            "$.extra.a[0].b",
            "twice",
        ),
        (['{"threadkit":1,"record":"article"}'], 1, "$.title", "missing required member"),
        (['{"threadkit":1,"record":"article","title":"T","comments":[]}'], 1, "$.comments", ""),
        (['{"threadkit":1,"record":"article","title":"T","key":1}'], 1, "$.key", "unknown"),
        (['{"threadkit":2,"record":"article","title":"T"}'], 1, "$.threadkit", "it reads 1"),
        (['{"record":"article","title":"T"}'], 1, "$", '"threadkit" is missing'),
        (
            [comment_line(1, None), '{"threadkit":"1","record":"article","title":"T"}'],
            2,
            "$.threadkit",
            "",
        ),
    ],
)
def test_strict_reading_names_the_line_and_the_member(
    lines: list[str], line: int | None, path: str | None, message: str
) -> None:
    with pytest.raises(ParseError) as caught:
        read_lines(*lines)
    error = caught.value
    assert error.format == "jsonl"
    assert (error.line, error.path) == (line, path)
    assert message in error.message


@pytest.mark.parametrize(
    ("lines", "line", "column"),
    [
        ([HEAD, '{"record" "comment"}'], 2, 11),
        ([HEAD, '{"record": "comment"} {}'], 2, 23),
        (["", HEAD, "{"], 3, 2),
        ([HEAD[:-1]], 1, 46),
    ],
)
def test_malformed_json_gives_the_line_and_column(lines: list[str], line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        read_lines(*lines)
    assert caught.value.message.startswith("malformed JSON")
    assert (caught.value.line, caught.value.column) == (line, column)


def test_a_record_nested_deeper_than_the_parser_takes_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as caught:
        read_lines(HEAD, '{"extra": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert caught.value.line == 2


# -- versions and migration ------------------------------------------------------------


def test_an_old_version_is_read_through_its_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    def from_version_0(old: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # A made-up version 0 whose comment records said "reply_to" for "parent".
        new = [dict(old[0], threadkit=1)]
        for record in old[1:]:
            record = dict(record)
            record["parent"] = record.pop("reply_to")
            new.append(record)
        return new

    monkeypatch.setitem(jsonl_spec.MIGRATIONS, 0, from_version_0)
    text = "\n".join(
        [
            '{"record":"comment","key":2,"reply_to":1,"text":"b"}',
            '{"threadkit":0,"record":"article","title":"Old"}',
            '{"record":"comment","key":1,"reply_to":null,"text":"a","score":"x"}',
        ]
    )
    with pytest.raises(ParseError) as caught:
        tk_jsonl.read(text)
    assert (caught.value.line, caught.value.path) == (3, "$.score")
    assert tk_jsonl.read(text.replace('"score":"x"', '"score":1')) == Article(
        title="Old", comments=(Comment(text="a", score=1, replies=(Comment(text="b"),)),)
    )
