"""The json format: golden documents, round trips, the schema, strict reading, the depth bound."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadkit
import threadkit.strategies as tks
from threadkit import (
    Article,
    Author,
    Comment,
    CommentState,
    Extra,
    ParseError,
    UnrepresentableError,
)
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl
from threadkit.formats.json import _spec as json_spec

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "json"


def zone(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


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

MINIMAL = Article(title="Council approves the new bridge")


def golden(name: str) -> str:
    return (GOLDEN / name).read_bytes().decode("utf-8")


# -- an independent statement of what the writer writes ---------------------------


def author_document(author: Author) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if author.name is not None:
        document["name"] = author.name
    if author.bio != "":
        document["bio"] = author.bio
    if author.url is not None:
        document["url"] = author.url
    if author.id is not None:
        document["id"] = author.id
    return document


def when(moment: datetime) -> str:
    """A date and time as the writers spell it: isoformat, but Z for a zero offset."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def comment_document(comment: Comment) -> dict[str, Any]:
    """The members of *comment* at their canonical places, replies left empty."""
    document: dict[str, Any] = {"text": comment.text}
    if comment.author is not None:
        document["author"] = author_document(comment.author)
    if comment.id is not None:
        document["id"] = comment.id
    if comment.published is not None:
        document["published"] = when(comment.published)
    if comment.edited is not None:
        document["edited"] = when(comment.edited)
    if comment.score is not None:
        document["score"] = comment.score
    if comment.state != CommentState.VISIBLE:
        document["state"] = comment.state.value
    if comment.url is not None:
        document["url"] = comment.url
    if comment.replies:
        document["replies"] = []
    if len(comment.extra):
        document["extra"] = comment.extra.thaw()
    return document


def to_document(article: Article) -> dict[str, Any]:
    """The dicts json.dumps should turn into the document, built without recursion."""
    document: dict[str, Any] = {"threadkit": 1, "title": article.title}
    if article.subtitle is not None:
        document["subtitle"] = article.subtitle
    if article.body != "":
        document["body"] = article.body
    if article.authors:
        document["authors"] = [author_document(author) for author in article.authors]
    if article.published is not None:
        document["published"] = when(article.published)
    if article.url is not None:
        document["url"] = article.url
    if article.site is not None:
        document["site"] = article.site
    if article.tags:
        document["tags"] = list(article.tags)
    if article.comments:
        document["comments"] = []
        stack = [(comment, document["comments"]) for comment in reversed(article.comments)]
        while stack:
            comment, siblings = stack.pop()
            member = comment_document(comment)
            siblings.append(member)
            stack.extend((reply, member["replies"]) for reply in reversed(comment.replies))
    if len(article.extra):
        document["extra"] = article.extra.thaw()
    return document


def canonical(article: Article) -> str:
    return json.dumps(to_document(article), indent=2, ensure_ascii=False) + "\n"


def chain(length: int, *, extra: dict[str, Any] | None = None) -> Article:
    """An article whose only thread is a reply chain *length* comments deep."""
    comment = Comment(text=f"level {length}", extra=extra)
    for level in range(length - 1, 0, -1):
        comment = Comment(text=f"level {level}", replies=(comment,))
    return Article(title="A chain", comments=(comment,))


def document_text(**members: Any) -> str:
    return json.dumps({"threadkit": 1, "title": "T", **members})


# -- golden documents --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "article"), [("minimal.json", MINIMAL), ("full.json", FULL)], ids=["minimal", "full"]
)
def test_golden_document_reads_and_is_written_byte_for_byte(name: str, article: Article) -> None:
    text = golden(name)
    assert tk_json.read(text) == article
    assert tk_json.read(text.encode("utf-8")) == article
    assert tk_json.write(article) == text
    assert threadkit.dumps(article) == text
    assert threadkit.dumps(article).encode("utf-8") == (GOLDEN / name).read_bytes()


def test_golden_documents_keep_offsets_and_microseconds() -> None:
    article = tk_json.read(golden("full.json"))
    first = article.comments[0]
    assert first.published is not None
    assert first.published.utcoffset() == timedelta(hours=1)
    assert first.edited == datetime(2024, 3, 5, 10, 15, 0, 250000, tzinfo=zone(1))
    assert first.replies[0].published is not None
    assert first.replies[0].published.utcoffset() == timedelta(hours=-5)
    assert article.comments[1].published is not None
    assert article.comments[1].published.utcoffset() == timedelta(hours=5, minutes=30)


def test_reader_accepts_defaults_spelled_out_and_normalises_like_the_model() -> None:
    article = tk_json.read(golden("defaults-spelled-out.json"))
    assert article == Article(
        title="Council approves the new bridge",
        comments=(
            Comment(
                text=(
                    "  Two spaces stay.\nA CRLF becomes a line feed.\n\nFour line feeds become two."
                ),
                published=datetime(2024, 3, 5, 9, 0, tzinfo=UTC),
            ),
        ),
    )
    assert article.subtitle is None
    assert article.comments[0].author is None
    assert tk_json.write(article) == (
        "{\n"
        '  "threadkit": 1,\n'
        '  "title": "Council approves the new bridge",\n'
        '  "comments": [\n'
        "    {\n"
        '      "text": "  Two spaces stay.\\nA CRLF becomes a line feed.\\n\\n'
        'Four line feeds become two.",\n'
        '      "published": "2024-03-05T09:00:00Z"\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


def test_golden_documents_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(tk_json.schema())
    for name in ("minimal.json", "full.json", "defaults-spelled-out.json"):
        validator.validate(json.loads(golden(name)))


def test_writer_keeps_non_ascii_and_line_separators_as_they_are() -> None:
    article = Article(title="Ça va 🚲", body="one\u2028two\u2029three", tags=("é",))
    text = tk_json.write(article)
    assert '"title": "Ça va 🚲"' in text
    assert '"body": "one\u2028two\u2029three"' in text
    assert tk_json.read(text) == article


def test_a_shared_author_is_indented_where_each_use_stands() -> None:
    ann = Author(name="Ann", bio="Two\nlines")
    reply = Comment(text="reply", author=ann)
    article = Article(
        title="T", comments=(Comment(text="top", author=ann, replies=(reply, reply)),)
    )
    assert tk_json.write(article) == canonical(article)
    assert tk_json.read(tk_json.write(article)) == article


def test_extra_floats_are_spelled_as_python_spells_them_wherever_they_sit() -> None:
    # msgspec spells 1e16 as "1e16" where json.dumps writes "1e+16"; an extra
    # of scalars that are not floats is the only kind msgspec writes itself.
    flat = {"b": True, "n": -(2**63), "none": None, "s": "é \u2028 \\"}
    floats = {"big": 1e16, "deep": [{"x": 1e-07}], "int": 7}
    article = Article(
        title="T",
        extra=floats,
        comments=(Comment(text="a", extra=flat), Comment(text="b", extra=floats)),
    )
    text = tk_json.write(article)
    assert text == canonical(article)
    assert '"big": 1e+16' in text
    assert '"x": 1e-07' in text
    assert tk_json.read(text) == article


# -- properties --------------------------------------------------------------------


@given(tks.articles())
def test_round_trip(article: Article) -> None:
    text = tk_json.write(article)
    assert tk_json.read(text) == article
    assert threadkit.loads(threadkit.dumps(article, "json"), "json") == article


@given(tks.articles())
def test_writer_output_is_json_dumps_of_the_canonical_dicts(article: Article) -> None:
    assert tk_json.write(article) == canonical(article)


@given(tks.articles())
def test_writing_what_was_read_gives_the_same_text(article: Article) -> None:
    # Catches what == forgives, if anything: an offset, True for 1, 1.0 for 1.
    text = tk_json.write(article)
    assert tk_json.write(tk_json.read(text)) == text


_VALIDATOR = jsonschema.Draft202012Validator(tk_json.schema())


@given(tks.articles())
def test_written_documents_validate_against_the_shipped_schema(article: Article) -> None:
    _VALIDATOR.validate(json.loads(tk_json.write(article)))


@given(tks.articles(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_reads_bytes_in_every_supported_encoding(article: Article, encoding: str) -> None:
    assert tk_json.read(tk_json.write(article).encode(encoding)) == article


@given(tks.articles())
def test_reader_accepts_every_default_written_out(article: Article) -> None:
    document = to_document(article)
    spelled = {
        "subtitle": None,
        "body": "",
        "authors": [],
        "published": None,
        "url": None,
        "site": None,
        "tags": [],
        "comments": [],
        "extra": {},
    }
    document = {**spelled, **document}
    stack = list(document["comments"])
    while stack:
        comment = stack.pop()
        for name, default in [
            ("author", None),
            ("id", None),
            ("published", None),
            ("edited", None),
            ("score", None),
            ("state", "visible"),
            ("url", None),
            ("replies", []),
            ("extra", {}),
        ]:
            comment.setdefault(name, default)
        stack.extend(comment["replies"])
    assert tk_json.read(json.dumps(document)) == article


@given(tks.articles())
def test_sniff_recognises_written_documents(article: Article) -> None:
    text = tk_json.write(article)
    assert tk_json.sniff(text[:4096])
    assert not tk_jsonl.sniff(text[:4096])
    assert threadkit.guess_format(content=text).name == "json"


# -- sniffing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('{\n  "threadkit": 1,\n  "title": "T"\n}\n', True),
        ('{"threadkit":1,"title":"T"}', True),
        ('  {  "threadkit" : 12 }', True),
        ('{\n  "threadkit": 1,\n  "ti', True),
        ('{"threadkit":1,"record":"article","title":"T"}', False),  # a jsonl line
        ('{"threadkit": 1 , "record": "article"}', False),
        ('{"title": "T", "threadkit": 1}', False),  # the marker is not first
        ('{"threadkit": "1"}', False),
        ('{"threads": 1}', False),
        ('[{"threadkit": 1}]', False),
        ("Title: something\n", False),
        ("", False),
    ],
)
def test_sniff(head: str, expected: bool) -> None:
    assert tk_json.sniff(head) is expected


# -- strict reading: every refusal names its place -----------------------------------


def four_comments_with_a_reply(published: object) -> str:
    comments: list[dict[str, Any]] = [{"text": "a"}, {"text": "b"}, {"text": "c"}]
    comments.append({"text": "d", "replies": [{"text": "e", "published": published}]})
    return document_text(comments=comments)


@pytest.mark.parametrize(
    "published", ["2024-05-01T12:30:00", "2024-05-01 12:30:00+00:00", "2024-05-01", 1714566600]
)
def test_the_path_of_a_bad_date_is_named(published: object) -> None:
    with pytest.raises(ParseError) as caught:
        tk_json.read(four_comments_with_a_reply(published))
    assert caught.value.path == "$.comments[3].replies[0].published"
    assert caught.value.format == "json"
    assert "$.comments[3].replies[0].published" in str(caught.value)


def comment_with(**members: Any) -> str:
    return document_text(comments=[{"text": "ok"}, {"text": "x", **members}])


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        (json.dumps([1]), "$", "expected an object, got an array"),
        (json.dumps({"title": "T"}), "$", 'the version member "threadkit" is missing'),
        (json.dumps({"threadkit": "1", "title": "T"}), "$.threadkit", "got a string"),
        (json.dumps({"threadkit": True, "title": "T"}), "$.threadkit", "got a boolean"),
        (json.dumps({"threadkit": 1.0, "title": "T"}), "$.threadkit", "got the number 1.0"),
        (json.dumps({"threadkit": 2, "title": "T"}), "$.threadkit", "it reads 1"),
        (json.dumps({"threadkit": 0, "title": "T"}), "$.threadkit", "version 0"),
        (json.dumps({"threadkit": 1}), "$.title", "missing required member"),
        (
            json.dumps({"threadkit": 1, "title": 1}),
            "$.title",
            "expected a string, got the number 1",
        ),
        (json.dumps({"threadkit": 1, "title": "  "}), "$.title", "must not be empty"),
        (json.dumps({"threadkit": 1, "title": "a\nb"}), "$.title", "single line"),
        (document_text(subtitle=7), "$.subtitle", "expected a string or null"),
        (document_text(body=None), "$.body", "expected a string, got null"),
        (document_text(body="a\x00b"), "$.body", "U+0000"),
        (document_text(body="a\ud800"), "$.body", "U+D800"),
        (document_text(authors={}), "$.authors", "expected an array"),
        (document_text(authors=[{"name": "A"}, {}]), "$.authors[1]", "needs some member"),
        (document_text(authors=["Ann"]), "$.authors[0]", "expected an object, got a string"),
        (document_text(authors=[None]), "$.authors[0]", "expected an object, got null"),
        (document_text(authors=[{"name": 5}]), "$.authors[0].name", "expected a string"),
        (document_text(authors=[{"bio": None}]), "$.authors[0].bio", "got null"),
        (document_text(authors=[{"nick": "A"}]), "$.authors[0].nick", 'unknown member "nick"'),
        (document_text(published="2024-05-01T12:30:00"), "$.published", "UTC offset"),
        (document_text(published="2024-02-30T12:30:00+00:00"), "$.published", "day"),
        (document_text(published="2024-05-01T12:30:00+25:00"), "$.published", ""),
        (document_text(published="2024-05-01T12:30:00+01:30:15"), "$.published", "offset"),
        (document_text(published="2024-05-01T12:30:00.1234567+00:00"), "$.published", ""),
        (document_text(published="٢٠٢٤-05-01T12:30:00+00:00"), "$.published", "ISO 8601"),
        (document_text(tags="city"), "$.tags", "expected an array"),
        (document_text(tags=["a", 1]), "$.tags[1]", "expected a string"),
        (document_text(tags=["a", " "]), "$.tags[1]", "must not be empty"),
        (document_text(comments={}), "$.comments", "expected an array"),
        (document_text(comments=[{"text": "a"}, "b"]), "$.comments[1]", "expected an object"),
        (document_text(extra=[]), "$.extra", "expected an object"),
        (document_text(extra={"a": {"b": [1, 2**63]}}), "$.extra.a.b[1]", "64-bit"),
        (document_text(extra={"a b": [1, "\x07"]}), '$.extra["a b"][1]', "U+0007"),
        (document_text(extra={"ok": 1, "bad\x01": 1}), '$.extra["bad\\u0001"]', "U+0001"),
        (document_text(likes=3), "$.likes", 'unknown member "likes"'),
        (document_text(**{"odd key": 3}), '$["odd key"]', "unknown member"),
        (comment_with(text=1), "$.comments[1].text", "expected a string, got the number 1"),
        (document_text(comments=[{}]), "$.comments[0].text", "missing required member"),
        (comment_with(id=5), "$.comments[1].id", "expected a string or null"),
        (comment_with(id=" "), None, None),  # a blank id reads as None: not an error
        (comment_with(score="1"), "$.comments[1].score", "expected an integer or null"),
        (comment_with(score=1.0), "$.comments[1].score", "got the number 1.0"),
        (comment_with(score=True), "$.comments[1].score", "got a boolean"),
        (comment_with(score=-(2**63) - 1), "$.comments[1].score", "64-bit"),
        (comment_with(state="Visible"), "$.comments[1].state", '"Visible" is not one of'),
        (comment_with(state=None), "$.comments[1].state", "expected a string, got null"),
        (comment_with(state=1), "$.comments[1].state", "expected a string"),
        (comment_with(state=[]), "$.comments[1].state", "expected a string, got an array"),
        (comment_with(author="Ann"), "$.comments[1].author", "expected an object or null"),
        (comment_with(author={"name": "a\nb"}), "$.comments[1].author.name", "single line"),
        (comment_with(author={"name": ["A"]}), "$.comments[1].author.name", "got an array"),
        (comment_with(author={"x": 1}), "$.comments[1].author.x", 'unknown member "x"'),
        (comment_with(edited="yesterday"), "$.comments[1].edited", "ISO 8601"),
        (comment_with(url=["u"]), "$.comments[1].url", "expected a string or null"),
        (comment_with(replies=None), "$.comments[1].replies", "expected an array, got null"),
        (comment_with(replies={"text": "r"}), "$.comments[1].replies", "expected an array"),
        (comment_with(replies=[{"text": 3}]), "$.comments[1].replies[0].text", "expected a string"),
        (comment_with(extra=None), "$.comments[1].extra", "expected an object, got null"),
        (comment_with(extra={"n": 1e400}), "$.comments[1].extra.n", "finite"),
        (comment_with(likes=2), "$.comments[1].likes", 'unknown member "likes"'),
        (comment_with(threadkit=1), "$.comments[1].threadkit", "unknown member"),
        ('{"threadkit": 1, "title": "a", "title": "b"}', "$.title", "given twice"),
        ('{"threadkit": 1, "threadkit": 1, "title": "a"}', "$.threadkit", "given twice"),
        (
            '{"threadkit": 1, "title": "T", "comments": [{"text": "a", "replies": '
            '[{"text": "b", "score": 1, "score": 1}]}]}',
            "$.comments[0].replies[0].score",
            "given twice",
        ),
        (
            '{"threadkit": 1, "title": "T", "comments": [{"text": "a", "author": '
            '{"id": "1", "id": "2"}}]}',
            "$.comments[0].author.id",
            "given twice",
        ),
        (
            '{"threadkit": 1, "title": "T", "extra": {"k": [0, {"z": 1, "z": 1}]}}',
            "$.extra.k[1].z",
            "twice",
        ),
        (
            '{"threadkit": 1, "title": "T", "authors": [{"name": "a", "name": "a"}]}',
            "$.authors[0].name",
            "twice",
        ),
    ],
)
def test_strict_reading_names_the_json_path(text: str, path: str | None, message: str) -> None:
    if path is None:
        tk_json.read(text)
        return
    with pytest.raises(ParseError) as caught:
        tk_json.read(text)
    assert caught.value.path == path
    assert message in caught.value.message
    assert caught.value.format == "json"
    assert caught.value.line is None


def test_nan_and_infinity_are_refused_where_they_stand() -> None:
    with pytest.raises(ParseError) as caught:
        tk_json.read('{"threadkit": 1, "title": "T", "comments": [{"text": "a", "score": NaN}]}')
    assert caught.value.path == "$.comments[0].score"
    with pytest.raises(ParseError) as caught:
        tk_json.read('{"threadkit": 1, "title": "T", "extra": {"x": [-Infinity]}}')
    assert caught.value.path == "$.extra.x[0]"
    assert "finite" in caught.value.message


def test_extra_nested_beyond_the_model_bound_is_refused_with_its_path() -> None:
    value: Any = 1
    for _ in range(32):
        value = [value]
    # The extra object is level 1, so its member can hold 31 levels of lists.
    with pytest.raises(ParseError) as caught:
        tk_json.read(document_text(extra={"deep": value}))
    assert caught.value.path == "$.extra.deep" + "[0]" * 31
    assert "32 levels" in caught.value.message
    fine: Any = 1
    for _ in range(31):
        fine = [fine]
    assert tk_json.read(document_text(extra={"deep": fine})) == Article(
        title="T", extra=Extra({"deep": fine})
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("", 1, 1),
        ("{", 1, 2),
        ('{\n  "threadkit": 1,\n  "title" "T"\n}', 3, 11),
        ('{"threadkit": 1, "title": "T"} x', 1, 32),
        ('{"threadkit": 1, "title": "T\x01"}', 1, 29),
        ('{"threadkit": 01, "title": "T"}', 1, 16),
    ],
)
def test_malformed_json_gives_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        tk_json.read(text)
    assert caught.value.message.startswith("malformed JSON")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert caught.value.path is None


def test_an_integer_too_long_for_python_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="malformed JSON"):
        tk_json.read('{"threadkit": 1, "title": "T", "extra": {"n": ' + "9" * 5000 + "}}")


def test_bytes_that_are_not_utf8_give_an_offset() -> None:
    # The UTF-8 "é" before the bad byte rules out the windows-1252 fallback
    # (see tests/test_encodings.py), so this is invalid UTF-8.
    with pytest.raises(ParseError) as caught:
        tk_json.read(b'{"threadkit": 1, "title": "\xc3\xa9\xff"}')
    assert caught.value.offset == 29


# -- the depth bound -----------------------------------------------------------------


def test_a_thread_at_the_bound_is_written_and_read() -> None:
    article = chain(tk_json.MAX_DEPTH)
    assert article.depth == 200
    text = tk_json.write(article)
    assert text == canonical(article)
    assert tk_json.read(text) == article


def test_the_bound_holds_with_extra_nested_as_deep_as_the_model_allows() -> None:
    value: Any = "bottom"
    for _ in range(31):
        value = {"x": value}
    article = chain(tk_json.MAX_DEPTH, extra={"x": value})
    text = tk_json.write(article)
    assert text.count("\n" + " " * (4 * 200 + 2 + 2 * 32)) > 0  # the deepest line
    assert tk_json.read(text) == article


def test_a_thread_deeper_than_the_bound_cannot_be_written_and_points_to_jsonl() -> None:
    with pytest.raises(UnrepresentableError, match="jsonl") as caught:
        tk_json.write(chain(tk_json.MAX_DEPTH + 1))
    assert "200" in str(caught.value)
    with pytest.raises(UnrepresentableError):
        threadkit.dumps(chain(1000), "json")


def test_a_document_deeper_than_the_bound_is_refused_and_points_to_jsonl() -> None:
    depth = tk_json.MAX_DEPTH + 1
    text = (
        '{"threadkit": 1, "title": "T", "comments": '
        + '[{"text": "c", "replies": ' * (depth - 1)
        + '[{"text": "c"}]'
        + "}]" * (depth - 1)
        + "}"
    )
    assert json.loads(text)  # within what the json module takes
    with pytest.raises(ParseError, match="jsonl") as caught:
        tk_json.read(text)
    assert caught.value.path == "$.comments[0]" + ".replies[0]" * 199 + ".replies"


def test_a_document_deeper_than_the_parser_takes_is_a_parse_error_pointing_to_jsonl() -> None:
    depth = 100_000
    text = (
        '{"threadkit": 1, "title": "T", "comments": '
        + '[{"text": "c", "replies": ' * depth
        + "[]"
        + "}]" * depth
        + "}"
    )
    with pytest.raises(ParseError, match="jsonl"):
        tk_json.read(text)
    with pytest.raises(ParseError, match="jsonl"):
        tk_json.read("[" * 100_000 + "]" * 100_000)


# -- versions and migration ------------------------------------------------------------


def test_an_old_version_is_read_through_its_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    def from_version_0(document: dict[str, Any]) -> dict[str, Any]:
        # A made-up version 0 that called the title "headline".
        migrated = {key: value for key, value in document.items() if key != "headline"}
        migrated["title"] = document["headline"]
        return migrated

    monkeypatch.setitem(json_spec.MIGRATIONS, 0, from_version_0)
    assert tk_json.read('{"threadkit": 0, "headline": "Old"}') == Article(title="Old")
    with pytest.raises(ParseError, match=r"it reads 0, 1\)"):
        tk_json.read('{"threadkit": 7, "title": "New"}')


# -- the schema ------------------------------------------------------------------------


def test_schema_is_a_fresh_valid_draft_2020_12_schema_each_time() -> None:
    first = tk_json.schema()
    jsonschema.Draft202012Validator.check_schema(first)
    first["title"] = "changed"
    assert tk_json.schema()["title"] != "changed"
    assert tk_json.schema()["properties"]["threadkit"] == {
        "description": "The version marker: the version of this document's shape.",
        "const": 1,
    }


@pytest.mark.parametrize(
    "document",
    [
        {"title": "T"},
        {"threadkit": 2, "title": "T"},
        {"threadkit": 1, "title": " "},
        {"threadkit": 1, "title": "a\nb"},
        {"threadkit": 1, "title": "T", "likes": 1},
        {"threadkit": 1, "title": "T", "body": "a\x00"},
        {"threadkit": 1, "title": "T", "body": "a\U0001fffe"},
        {"threadkit": 1, "title": "T", "published": "2024-05-01T12:30:00"},
        {"threadkit": 1, "title": "T", "comments": [{"text": "a", "score": "1"}]},
        {"threadkit": 1, "title": "T", "comments": [{"text": "a", "state": "gone"}]},
        {"threadkit": 1, "title": "T", "comments": [{"text": "a", "replies": [{"id": "x"}]}]},
        {"threadkit": 1, "title": "T", "comments": [{"text": "a", "score": 2**63}]},
        {"threadkit": 1, "title": "T", "authors": [{}]},
        {"threadkit": 1, "title": "T", "extra": {"a": [{"b": "\x01"}]}},
    ],
)
def test_documents_the_reader_refuses_are_refused_by_the_schema_too(
    document: dict[str, Any],
) -> None:
    with pytest.raises(ParseError):
        tk_json.read(json.dumps(document))
    assert not _VALIDATOR.is_valid(document)
