"""What a reader builds past the constructor is what the constructor builds.

The json, jsonl and html readers, and ``threadkit._model.kept_comment``
that readers build with, make comments without running the constructor
when they can. What they build must be exactly what the constructor
builds from the same values, and what the constructor refuses they must
refuse. The values here sit on the edges of the value space: spaces and
line breaks at the ends, carriage returns, runs of line feeds, tabs,
characters that are printable or not, refused or not.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadkit import Article, Author, Comment, CommentState, Extra, ParseError, ValidationError
from threadkit._model import kept_comment
from threadkit.formats import html as tk_html
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl

EDGES = st.sampled_from(
    " \n\r\t\x00\x1f\x7f\x85\xa0\u2028\ufdd0\ufffe\ud800\U0001fffe\U0001f600aé東\u200d\xad"
)
STRINGS = st.lists(EDGES | st.characters(), max_size=10).map("".join)


def document(*comments: dict[str, object]) -> str:
    # ensure_ascii writes lone surrogates as escapes, which JSON can carry.
    return json.dumps({"threadkit": 1, "title": "T", "comments": list(comments)})


def lines(*comments: dict[str, object]) -> str:
    records = [{"threadkit": 1, "record": "article", "title": "T"}]
    records += [
        {"record": "comment", "key": i, "parent": None, **c} for i, c in enumerate(comments)
    ]
    return "".join(json.dumps(record) + "\n" for record in records)


def check(**fields: object) -> None:
    """Both readers give the comment the constructor builds from *fields*, or refuse it."""
    try:
        expected = Comment(**fields)  # type: ignore[arg-type]
    except ValidationError:
        with pytest.raises(ParseError):
            tk_json.read(document(fields))
        with pytest.raises(ParseError):
            tk_jsonl.read(lines(fields))
        return
    for read in (tk_json.read(document(fields)), tk_jsonl.read(lines(fields))):
        (comment,) = read.comments
        assert comment == expected
        assert hash(comment) == hash(expected)
        assert repr(comment) == repr(expected)


@given(STRINGS)
def test_a_text_read_is_the_one_the_constructor_builds(text: str) -> None:
    check(text=text)


@given(STRINGS, st.sampled_from(["id", "url"]))
def test_a_line_read_is_the_one_the_constructor_builds(line: str, field: str) -> None:
    check(text="x", **{field: line})


@given(
    st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1])
    | st.integers(min_value=-(2**64), max_value=2**64)
)
def test_a_score_read_is_the_one_the_constructor_builds(score: int) -> None:
    check(text="x", score=score)


@given(text=STRINGS, id_=st.none() | STRINGS, url=st.none() | STRINGS)
def test_fields_read_together_are_the_ones_the_constructor_builds(
    text: str, id_: str | None, url: str | None
) -> None:
    check(text=text, id=id_, url=url)


def test_comments_with_one_offset_share_its_zone_and_equal_what_fromisoformat_gives() -> None:
    stamps = [
        "2024-05-01T06:00:07+02:00",
        "2024-05-01T06:00:08.25+02:00",
        "2024-05-01T06:00:09Z",
        "2024-05-01T06:00:10Z",
    ]
    article = tk_json.read(document(*({"text": "x", "published": s} for s in stamps)))
    published = [comment.published for comment in article.comments]
    assert all(moment is not None for moment in published)
    moments = [moment for moment in published if moment is not None]
    assert moments == [datetime.fromisoformat(s) for s in stamps]
    offsets = [datetime.fromisoformat(stamp).utcoffset() for stamp in stamps]
    assert [moment.utcoffset() for moment in moments] == offsets
    assert moments[0].tzinfo is moments[1].tzinfo
    assert moments[2].tzinfo is moments[3].tzinfo
    assert all(moment.fold == 0 for moment in moments)


def test_a_bad_date_after_its_offset_was_seen_is_refused_with_its_own_message() -> None:
    good = {"text": "x", "published": "2024-02-03T07:00:08+02:00"}
    bad = {"text": "y", "published": "2024-02-30T07:00:08+02:00"}
    with pytest.raises(ParseError, match="day is out of range for month") as caught:
        tk_json.read(document(good, bad))
    assert caught.value.path == "$.comments[1].published"


ONE = Article(
    title="T",
    comments=(
        Comment(
            text="Hi",
            id="c1",
            url="https://x.example/c1",
            score=3,
            published=datetime(2024, 5, 1, 6, 0, tzinfo=timezone(timedelta(hours=2))),
            author=Author(name="Ann"),
        ),
    ),
)


FIRST = ONE.comments[0]


@pytest.mark.parametrize(
    ("written", "edited", "expected"),
    [
        ('data-id="c1"', 'data-id=" c1 "', FIRST),
        ('data-id="c1"', 'data-id="\u00a0c1"', FIRST),
        ('data-id="c1"', 'data-id="c\u00a01"', attrs.evolve(FIRST, id="c\u00a01")),
        ('value="3"', f'value="{2**63}"', None),
        ('datetime="2024-05-01T06:00:00+02:00"', 'datetime="2024-05-01T06:00:00+02:00:30"', None),
        ('<span itemprop="name">Ann</span>', "", attrs.evolve(FIRST, author=None)),
    ],
)
def test_an_html_comment_read_is_the_one_the_constructor_builds(
    written: str, edited: str, expected: Comment | None
) -> None:
    page = tk_html.write(ONE)
    assert written in page
    page = page.replace(written, edited)
    if expected is None:
        with pytest.raises(ParseError):
            tk_html.read(page)
    else:
        assert tk_html.read(page).comments == (expected,)


MOMENTS = st.datetimes(
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(seconds=30))]),
    allow_imaginary=False,
)
FIELDS = st.fixed_dictionaries(
    {"text": STRINGS},
    optional={
        "id": st.none() | STRINGS,
        "url": st.none() | STRINGS,
        "score": st.none() | st.sampled_from([0, -(2**63), 2**63 - 1, 2**63, True]),
        "published": st.none() | MOMENTS,
        "edited": st.none() | MOMENTS.map(lambda moment: moment.replace(fold=1)),
        "author": st.none() | st.builds(Author, name=st.none() | STRINGS.filter(str.isalnum)),
        "state": st.sampled_from(list(CommentState)) | st.just("spam"),
        "extra": st.just(Extra({"a": 1})) | st.just({"a": 1}),
        "flair": st.just("not a field"),
    },
)


@given(FIELDS)
def test_a_comment_built_past_the_constructor_is_the_one_it_builds(fields: dict[str, Any]) -> None:
    kept = kept_comment(fields, ())
    try:
        expected = Comment(**fields)
    except (ValidationError, TypeError):  # TypeError: an unknown field
        assert kept is None
        return
    if kept is not None:
        assert kept == expected
        assert repr(kept) == repr(expected)
        assert [type(getattr(kept, name)) for name in fields] == [
            type(getattr(expected, name)) for name in fields
        ]


def test_an_unknown_field_is_left_to_the_constructor_to_refuse() -> None:
    assert kept_comment({"text": "x"}, ()) == Comment(text="x")
    assert kept_comment({"text": "x", "flair": "y"}, ()) is None
