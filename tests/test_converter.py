"""threadkit.converter: the model as the json format's dicts and back, through cattrs."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, settings

import threadkit
import threadkit.strategies as tks
from threadkit import (
    Article,
    Author,
    Comment,
    CommentState,
    Extra,
    ValidationError,
    configure_converter,
    converter,
)

ARTICLE = Article(
    title="Rates held",
    authors=(Author(name="Ann", bio="Economics."),),
    published=datetime(2024, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2))),
    tags=("economy", "rates"),
    comments=(
        Comment(
            text="First!",
            author=Author(name="Bo"),
            score=3,
            replies=(
                Comment(text="Gone.", state=CommentState.DELETED, extra={"flags": [1, None]}),
            ),
        ),
        Comment(text="Second.", id="c2", edited=datetime(2024, 5, 2, tzinfo=UTC)),
    ),
    extra={"source": "wire"},
)

# Written by hand from the json format's rules: members at their default left
# out, the model's field order, dates as ISO 8601 with their offset.
DOCUMENT: dict[str, Any] = {
    "threadkit": 1,
    "title": "Rates held",
    "authors": [{"name": "Ann", "bio": "Economics."}],
    "published": "2024-05-01T12:30:00+02:00",
    "tags": ["economy", "rates"],
    "comments": [
        {
            "text": "First!",
            "author": {"name": "Bo"},
            "score": 3,
            "replies": [{"text": "Gone.", "state": "deleted", "extra": {"flags": [1, None]}}],
        },
        {"text": "Second.", "id": "c2", "edited": "2024-05-02T00:00:00Z"},
    ],
    "extra": {"source": "wire"},
}


def test_unstructure_gives_the_json_document() -> None:
    assert converter.unstructure(ARTICLE) == DOCUMENT
    assert converter.unstructure(ARTICLE.comments[1]) == DOCUMENT["comments"][1]
    assert converter.unstructure(Author(name="Ann")) == {"name": "Ann"}
    assert converter.unstructure(Extra({"a": (1, 2)})) == {"a": [1, 2]}
    assert converter.unstructure(CommentState.SPAM) == "spam"
    # The same members, in the same order, as the json format writes.
    assert json.dumps(DOCUMENT, indent=2) + "\n" == threadkit.dumps(ARTICLE, "json")


def test_structure_builds_through_the_constructors() -> None:
    assert converter.structure(DOCUMENT, Article) == ARTICLE
    without_marker = {key: value for key, value in DOCUMENT.items() if key != "threadkit"}
    assert converter.structure(without_marker, Article) == ARTICLE
    comment = converter.structure({"text": "a\r\nb", "state": "spam"}, Comment)
    assert comment == Comment(text="a\nb", state=CommentState.SPAM)
    assert converter.structure({"name": " Ann "}, Author) == Author(name="Ann")
    assert converter.structure({"k": [1]}, Extra) == Extra({"k": (1,)})
    assert converter.structure("removed", CommentState) is CommentState.REMOVED
    # Values at their default may be written out, None included.
    assert converter.structure(
        {"title": "T", "subtitle": None, "body": None, "tags": None, "comments": []}, Article
    ) == Article(title="T")
    # A datetime object is taken as it is, an aware one.
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    assert converter.structure({"text": "x", "published": moment}, Comment).published == moment


@pytest.mark.parametrize(
    ("value", "path", "message"),
    [
        ({"title": "T", "score": 1}, "$.score", "unknown member 'score'"),
        ({"subtitle": "S"}, "$.title", "missing required member"),
        ({"title": 3}, "$.title", "expected a str, got 3"),
        ({"title": "T", "threadkit": 2}, "$.threadkit", "version 2 is not 1"),
        ({"title": "T", "threadkit": True}, "$.threadkit", "version True"),
        ({"title": "T", "tags": "news"}, "$.tags", "expected a list, got a str"),
        ({"title": "T", "tags": ["a", 1]}, "$.tags[1]", "expected a str, got 1"),
        ({"title": "T", "tags": ["a", " "]}, "$.tags[1]", "must not be empty"),
        ({"title": "T", "authors": [{}]}, "$.authors[0]", "an author needs some field set"),
        ({"title": "T", "authors": [{"nom": "A"}]}, "$.authors[0].nom", "unknown member"),
        ({"title": "T", "published": "2024-05-01T12:30:00"}, "$.published", "naive datetime"),
        ({"title": "T", "published": "May 1st"}, "$.published", "not an ISO 8601 date"),
        ({"title": "T", "extra": []}, "$.extra", "expected a mapping (a dict), got a list"),
        ({"title": "T", "comments": {}}, "$.comments", "expected a list, got a dict"),
        ({"title": "T", "comments": [{"id": "x"}]}, "$.comments[0].text", "missing required"),
        (
            {"title": "T", "comments": [{"text": "a", "replies": [{"text": "b", "score": "1"}]}]},
            "$.comments[0].replies[0].score",
            "expected an int, got a str",
        ),
        (
            {"title": "T", "comments": [{"text": "a"}, {"text": "b", "score": True}]},
            "$.comments[1].score",
            "expected an int, got True",
        ),
        (
            {"title": "T", "comments": [{"text": "a", "replies": [{"text": "\x00"}]}]},
            "$.comments[0].replies[0].text",
            "U+0000",
        ),
        (
            {"title": "T", "comments": [{"text": "a", "state": "hidden"}]},
            "$.comments[0].state",
            "'hidden' is not one of visible, deleted",
        ),
        (
            {"title": "T", "comments": [{"text": "a", "author": {"name": "x\ny"}}]},
            "$.comments[0].author.name",
            "single line",
        ),
        (
            {"title": "T", "comments": [{"text": "a", "replies": [{"text": "b", "x": 1}]}]},
            "$.comments[0].replies[0].x",
            "belong in 'extra'",
        ),
    ],
)
def test_structure_refuses_with_the_path(value: object, path: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        converter.structure(value, Article)
    assert caught.value.field == path
    assert message in caught.value.message


def test_structure_refuses_what_is_no_comment() -> None:
    with pytest.raises(ValidationError, match=r"^\$: expected a mapping \(a dict\), got a list"):
        converter.structure([], Comment)
    with pytest.raises(ValidationError, match=r"^\$: 'hidden' is not one of"):
        converter.structure("hidden", CommentState)


@given(tks.articles())
def test_unstructure_is_the_json_format(article: Article) -> None:
    assert converter.unstructure(article) == json.loads(threadkit.dumps(article, "json"))


@given(tks.articles())
def test_structure_of_unstructure_is_the_article(article: Article) -> None:
    again = converter.structure(converter.unstructure(article), Article)
    assert again == article
    for comment in article.comments:
        assert converter.structure(converter.unstructure(comment), Comment) == comment


def test_a_chain_100000_deep() -> None:
    comment = Comment(text="bottom")
    for level in range(99_999):
        comment = Comment(text=str(level), replies=(comment,))
    article = Article(title="Deep", comments=(comment,))
    value = converter.unstructure(article)
    assert converter.structure(value, Article) == article
    below = value["comments"][0]
    for _ in range(50_000):
        below = below["replies"][0]
    below["replies"][0]["score"] = 1.5
    with pytest.raises(ValidationError) as caught:
        converter.structure(value, Article)
    assert caught.value.field == "$.comments[0]" + ".replies[0]" * 50_001 + ".score"


def test_classes_of_ones_own_that_hold_an_article() -> None:
    @attrs.frozen
    class Snapshot:
        fetched: str
        article: Article
        pinned: tuple[Comment, ...] = ()

    snapshot = Snapshot("2024-05-03", ARTICLE, ARTICLE.comments[:1])
    value = converter.unstructure(snapshot)
    assert value == {
        "fetched": "2024-05-03",
        "article": DOCUMENT,
        "pinned": [DOCUMENT["comments"][0]],
    }
    assert converter.structure(value, Snapshot) == snapshot


def test_configure_converter_returns_the_converter_it_teaches() -> None:
    fresh = cattrs.Converter()
    assert configure_converter(fresh) is fresh
    assert fresh.unstructure(ARTICLE) == DOCUMENT
    assert fresh.structure(DOCUMENT, Article) == ARTICLE


# -- cattrs' preconf converters: one line to write, one to read -----------------------


def _without_none(value: Any) -> Any:
    """A JSON value with every null left out (nesting is bounded in extra)."""
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value if item is not None]
    return value


def _tomlable(article: Article) -> Article:
    """*article* with no null in any extra: TOML has none."""

    def clean(comment: Comment) -> Comment:
        return attrs.evolve(comment, extra=_without_none(comment.extra.thaw()))

    article = article.map(clean)
    return attrs.evolve(article, extra=_without_none(article.extra.thaw()))


def _packers(*names: str) -> list[tuple[str, cattrs.Converter]]:
    packers = []
    for name in names:
        try:
            __import__({"pyyaml": "yaml", "bson": "bson"}.get(name, name))
            module = __import__(f"cattrs.preconf.{name}", fromlist=["make_converter"])
        except ImportError:
            continue
        packers.append((name, configure_converter(module.make_converter())))
    return packers


BINARY = _packers("msgpack", "bson", "cbor2")
TEXT = _packers("pyyaml")
TOML = _packers("tomlkit")


@settings(max_examples=100)
@given(tks.articles())
def test_preconf_converters_carry_any_article(article: Article) -> None:
    for name, packer in BINARY + TEXT:
        assert packer.loads(packer.dumps(article), Article) == article, name


# tomlkit is written in Python and slow: fewer examples.
@settings(max_examples=20)
@given(tks.articles())
def test_toml_carries_any_article_without_null(article: Article) -> None:
    if not TOML:
        pytest.skip("tomlkit is not installed")
    article = _tomlable(article)
    packer = TOML[0][1]
    assert packer.loads(packer.dumps(article), Article) == article


def test_import_threadkit_leaves_cattrs_for_later() -> None:
    code = (
        "import sys, threadkit; print('cattrs' in sys.modules); "
        "threadkit.converter; print('cattrs' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
