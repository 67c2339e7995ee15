"""The model: construction, normalisation, refusals, Extra, and the value protocols."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadkit.strategies as tks
from threadkit import (
    Article,
    Author,
    Comment,
    CommentState,
    Extra,
    ThreadkitError,
    ValidationError,
)
from threadkit.model import EXTRA_MAX_DEPTH, full_repr

UTC = dt.UTC
WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


def refused(field: str) -> Any:
    """Expect a ValidationError naming *field* at the start of its message."""
    return pytest.raises(ValidationError, match="^" + re.escape(field))


# -- construction ---------------------------------------------------------------------


def test_comment_keeps_every_field_given_by_keyword() -> None:
    author = Author(name="Ada", bio="Writes.", url="https://example.org/ada", id="u1")
    reply = Comment(text="Agreed.")
    comment = Comment(
        text="First!",
        author=author,
        id="c1",
        published=WHEN,
        edited=WHEN + timedelta(minutes=5),
        score=-3,
        state=CommentState.REMOVED,
        url="https://example.org/c1",
        replies=(reply,),
        extra={"likes": 2},
    )
    assert comment.text == "First!"
    assert comment.author is author
    assert comment.id == "c1"
    assert comment.published == WHEN
    assert comment.edited == datetime(2024, 5, 1, 12, 35, tzinfo=UTC)
    assert comment.score == -3
    assert comment.state is CommentState.REMOVED
    assert comment.url == "https://example.org/c1"
    assert comment.replies == (reply,)
    assert comment.replies[0] is reply
    assert comment.extra == {"likes": 2}


def test_defaults() -> None:
    comment = Comment(text="x")
    assert (comment.author, comment.id, comment.published, comment.edited) == (None,) * 4
    assert (comment.score, comment.url, comment.replies) == (None, None, ())
    assert comment.state is CommentState.VISIBLE
    assert comment.extra == {}
    article = Article(title="T")
    assert (article.subtitle, article.body, article.authors, article.tags) == (None, "", (), ())
    assert (article.published, article.url, article.site, article.comments) == (None,) * 3 + ((),)
    assert Author() == Author(name=None, bio="", url=None, id=None)


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Comment("text")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Article("title")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Author("name")  # type: ignore[misc]


def test_state_accepts_its_string_value() -> None:
    assert Comment(text="x", state="spam").state is CommentState.SPAM  # type: ignore[arg-type]


def test_lists_become_tuples() -> None:
    reply = Comment(text="r")
    comment = Comment(text="x", replies=[reply])  # type: ignore[arg-type]
    assert type(comment.replies) is tuple
    article = Article(title="T", comments=[comment], tags=["a"], authors=[Author(name="A")])  # type: ignore[arg-type]
    assert type(article.comments) is tuple
    assert type(article.tags) is tuple
    assert type(article.authors) is tuple


@pytest.mark.parametrize(
    ("instance", "field"),
    [
        (Comment(text="x"), "text"),
        (Comment(text="x"), "replies"),
        (Article(title="T"), "comments"),
        (Article(title="T"), "title"),
        (Author(name="A"), "name"),
    ],
)
def test_instances_are_frozen(instance: object, field: str) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, field, "changed")


# -- normalisation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\rb", "a\n\nb"),
        ("\n\na\n", "a"),
        ("\r\na\r\n", "a"),
        ("a\n\n\nb", "a\n\nb"),
        ("a\n\n\n\n\n\nb", "a\n\nb"),
        ("a\r\n\r\n\r\nb", "a\n\nb"),
        # Spaces are kept: at the ends, on whitespace-only lines, and tabs.
        ("  a  ", "  a  "),
        ("\n  a\n", "  a"),
        ("a\n \n\nb", "a\n \n\nb"),
        ("\ta\t", "\ta\t"),
        ("a\u2028b\u2029c", "a\u2028b\u2029c"),
        ("", ""),
        ("\n\n", ""),
    ],
)
def test_text_fields_are_normalised(given: str, stored: str) -> None:
    assert Comment(text=given).text == stored
    assert Article(title="T", body=given).body == stored
    assert Author(name="A", bio=given).bio == stored


def test_line_fields_are_stripped() -> None:
    article = Article(
        title="  Title \t",
        subtitle=" Sub ",
        url=" https://example.org ",
        site="\u00a0Site\u00a0",
        tags=("  news ", "x"),
    )
    assert article.title == "Title"
    assert article.subtitle == "Sub"
    assert article.url == "https://example.org"
    assert article.site == "Site"
    assert article.tags == ("news", "x")
    author = Author(name=" Ada ", url=" u ", id=" 7 ")
    assert (author.name, author.url, author.id) == ("Ada", "u", "7")
    comment = Comment(text="x", id=" c1 ", url=" u ")
    assert (comment.id, comment.url) == ("c1", "u")


def test_empty_optional_line_fields_become_none() -> None:
    article = Article(title="T", subtitle="   ", url="", site=" \t ")
    assert (article.subtitle, article.url, article.site) == (None, None, None)
    comment = Comment(text="x", id="", url="  ")
    assert (comment.id, comment.url) == (None, None)
    author = Author(name="  ", bio="b")
    assert author.name is None


@pytest.mark.parametrize("author", [Author(), Author(name="  ", bio="\n\n", url="", id=" ")])
def test_an_all_empty_author_of_a_comment_becomes_none(author: Author) -> None:
    assert author.is_empty()
    assert Comment(text="x", author=author).author is None


def test_an_author_with_one_field_is_kept() -> None:
    author = Author(bio="Only a bio.")
    assert not author.is_empty()
    assert Comment(text="x", author=author).author is author


class _TwoHoursEast(tzinfo):
    def utcoffset(self, when: datetime | None) -> timedelta:
        return timedelta(hours=2)

    def dst(self, when: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, when: datetime | None) -> str:
        return "TEST"


def test_datetimes_are_stored_with_a_fixed_offset() -> None:
    given = datetime(2024, 3, 31, 2, 30, 15, 250, tzinfo=_TwoHoursEast(), fold=1)
    stored = Comment(text="x", published=given).published
    assert stored is not None
    assert type(stored.tzinfo) is timezone
    assert stored.utcoffset() == timedelta(hours=2)
    assert stored == given
    assert stored.fold == 0
    assert (stored.year, stored.hour, stored.second, stored.microsecond) == (2024, 2, 15, 250)
    assert Article(title="T", published=given).published == stored


def test_equality_sees_the_utc_offset_not_only_the_instant() -> None:
    in_utc = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    in_paris = datetime(2024, 1, 1, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    assert in_utc == in_paris  # the same instant, which is all datetime compares
    assert Comment(text="x", published=in_utc) != Comment(text="x", published=in_paris)
    assert Comment(text="x", edited=in_utc) != Comment(text="x", edited=in_paris)
    assert Article(title="T", published=in_utc) != Article(title="T", published=in_paris)


# -- refusals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Comment(text="a\x00b"), "Comment.text"),
        (lambda: Comment(text="bell\x07"), "Comment.text"),
        (lambda: Comment(text="a\x7fb"), "Comment.text"),
        (lambda: Article(title="T", body="next\x85line"), "Article.body"),
        (lambda: Article(title="T", body="a\x9fb"), "Article.body"),
        (lambda: Author(name="a\ud800b"), "Author.name"),
        (lambda: Author(bio="lone \udfff"), "Author.bio"),
        (lambda: Comment(text="x\ufffe"), "Comment.text"),
        (lambda: Comment(text="x\uffff"), "Comment.text"),
        (lambda: Comment(text="x\ufdd0"), "Comment.text"),
        (lambda: Comment(text="x\U0001fffe"), "Comment.text"),
        (lambda: Comment(text="x\U0010ffff"), "Comment.text"),
        (lambda: Article(title="T", tags=("a\x00",)), "Article.tags[0]"),
        (lambda: Article(title="T", site="a\x1bb"), "Article.site"),
        (lambda: Comment(text="x", id="a\x00b"), "Comment.id"),
        (lambda: Comment(text="x", extra={"k": "v\x00"}), "extra"),
        (lambda: Comment(text="x", extra={"k\x00": "v"}), "extra"),
    ],
)
def test_forbidden_characters_are_refused(build: Any, field: str) -> None:
    with refused(field):
        build()


def test_allowed_characters_near_the_forbidden_ones() -> None:
    text = "tab\there\nnew line \u00a0 \ufdcf \ufdf0 \ufffd \U0001fffd \u2028"
    assert Comment(text=text).text == text


def test_a_naive_datetime_is_refused() -> None:
    with refused("Comment.published"):
        Comment(text="x", published=datetime(2024, 1, 1))
    with refused("Comment.edited"):
        Comment(text="x", edited=datetime(2024, 1, 1))
    with refused("Article.published"):
        Article(title="T", published=datetime(2024, 1, 1))


@pytest.mark.parametrize("offset", [timedelta(seconds=30), timedelta(hours=1, microseconds=1)])
def test_an_offset_that_is_not_whole_minutes_is_refused(offset: timedelta) -> None:
    with refused("Comment.published"):
        Comment(text="x", published=datetime(2024, 1, 1, tzinfo=timezone(offset)))


def test_whole_minute_offsets_are_accepted() -> None:
    offset = timezone(timedelta(hours=-9, minutes=-30))
    assert Comment(text="x", published=datetime(2024, 1, 1, tzinfo=offset)).published is not None


@pytest.mark.parametrize("score", [True, False])
def test_a_bool_score_is_refused(score: bool) -> None:
    with refused("Comment.score"):
        Comment(text="x", score=score)


@pytest.mark.parametrize("score", [2**63, -(2**63) - 1, 10**30])
def test_a_score_outside_64_bits_is_refused(score: int) -> None:
    with refused("Comment.score"):
        Comment(text="x", score=score)


@pytest.mark.parametrize("score", [2**63 - 1, -(2**63), 0])
def test_the_64_bit_bounds_are_accepted(score: int) -> None:
    assert Comment(text="x", score=score).score == score


@pytest.mark.parametrize(
    "extra",
    [
        {"a": float("nan")},
        {"a": float("inf")},
        {"a": [1, float("-inf")]},
        {"a": {"b": float("nan")}},
    ],
)
def test_non_finite_floats_in_extra_are_refused(extra: dict[str, Any]) -> None:
    with refused("extra"):
        Comment(text="x", extra=extra)


@pytest.mark.parametrize(
    "extra",
    [{"a": 2**63}, {"a": b"bytes"}, {"a": {1, 2}}, {"a": object()}, {1: "int key"}],
)
def test_values_that_are_not_json_are_refused_in_extra(extra: dict[Any, Any]) -> None:
    with refused("extra"):
        Comment(text="x", extra=extra)


def nested_mappings(levels: int) -> dict[str, Any]:
    """A mapping *levels* deep: 1 is ``{}``, 2 is ``{"k": {}}``."""
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"k": value}
    return value


def test_extra_nesting_limit() -> None:
    assert EXTRA_MAX_DEPTH == 32
    Extra(nested_mappings(32))
    with refused("extra"):
        Extra(nested_mappings(33))
    # Lists count as levels too: the outer mapping and 31 lists make 32.
    inner: Any = []
    for _ in range(30):
        inner = [inner]
    Extra({"k": inner})
    with refused("extra"):
        Extra({"k": [inner]})


def test_an_extra_nested_in_an_extra_counts_its_own_levels() -> None:
    deep = Extra(nested_mappings(32))
    with refused("extra"):
        Extra({"k": deep})
    value = Extra()
    with refused("extra"):
        for _ in range(40):
            value = Extra({"k": value})


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Comment(text=1), "Comment.text"),
        (lambda: Comment(text=None), "Comment.text"),
        (lambda: Comment(text=b"bytes"), "Comment.text"),
        (lambda: Comment(text="x", author="Ada"), "Comment.author"),
        (lambda: Comment(text="x", id=7), "Comment.id"),
        (lambda: Comment(text="x", published="2024-01-01T00:00:00Z"), "Comment.published"),
        (lambda: Comment(text="x", score="3"), "Comment.score"),
        (lambda: Comment(text="x", score=1.0), "Comment.score"),
        (lambda: Comment(text="x", state="hidden"), "Comment.state"),
        (lambda: Comment(text="x", replies=("reply",)), "Comment.replies[0]"),
        (lambda: Comment(text="x", replies=(Comment(text="ok"), 3)), "Comment.replies[1]"),
        (lambda: Comment(text="x", replies=None), "Comment.replies"),
        (lambda: Comment(text="x", replies=""), "Comment.replies"),
        (lambda: Comment(text="x", replies=Comment(text="one")), "Comment.replies"),
        (lambda: Comment(text="x", extra=[("a", 1)]), "extra"),
        (lambda: Comment(text="x", extra=[]), "extra"),
        (lambda: Comment(text="x", extra=0), "extra"),
        (lambda: Article(title=3), "Article.title"),
        (lambda: Article(title="T", body=None), "Article.body"),
        (lambda: Article(title="T", authors=("Ada",)), "Article.authors[0]"),
        (lambda: Article(title="T", authors=Author(name="A")), "Article.authors"),
        (lambda: Article(title="T", tags="news"), "Article.tags"),
        (lambda: Article(title="T", tags=(1,)), "Article.tags[0]"),
        (lambda: Article(title="T", comments=(Article(title="U"),)), "Article.comments[0]"),
        (lambda: Article(title="T", comments=None), "Article.comments"),
        (lambda: Author(name=["Ada"]), "Author.name"),
    ],
)
def test_wrong_types_are_refused(build: Any, field: str) -> None:
    with refused(field):
        build()


@pytest.mark.parametrize("title", ["", "   ", "\t", None])
def test_an_empty_title_is_refused(title: str | None) -> None:
    with refused("Article.title"):
        Article(title=title)  # type: ignore[arg-type]


@pytest.mark.parametrize("title", ["two\nlines", "two\rlines", "two\r\nlines"])
def test_a_line_break_in_a_line_field_is_refused(title: str) -> None:
    with refused("Article.title"):
        Article(title=title)
    with refused("Article.subtitle"):
        Article(title="T", subtitle=title)
    with refused("Author.name"):
        Author(name=title)
    with refused("Article.tags[1]"):
        Article(title="T", tags=("ok", title))


def test_line_breaks_at_the_ends_of_a_line_field_are_stripped() -> None:
    assert Article(title="\nTitle\r\n").title == "Title"


@pytest.mark.parametrize("tag", ["", "  "])
def test_an_empty_tag_is_refused(tag: str) -> None:
    with refused("Article.tags[0]"):
        Article(title="T", tags=(tag,))


def test_an_empty_author_in_an_article_is_refused() -> None:
    with refused("Article.authors[1]"):
        Article(title="T", authors=(Author(name="A"), Author()))
    with refused("Article.authors[0]"):
        Article(title="T", authors=(Author(name=" ", bio="\n"),))


def test_validation_error_is_a_value_error_with_the_field() -> None:
    with pytest.raises(ValueError, match=r"^Comment\.score: ") as caught:
        Comment(text="x", score=True)
    error = caught.value
    assert isinstance(error, ValidationError)
    assert isinstance(error, ThreadkitError)
    assert error.field == "Comment.score"
    assert "bool" in error.message
    assert str(error) == f"Comment.score: {error.message}"


# -- Extra ----------------------------------------------------------------------------


def test_extra_freezes_lists_and_mappings_and_sorts_keys() -> None:
    extra = Extra({"b": [1, [2, {"z": 1, "y": None}]], "a": {"d": True, "c": "s"}})
    assert list(extra) == ["a", "b"]
    assert extra["b"] == (1, (2, {"y": None, "z": 1}))
    assert type(extra["b"]) is tuple
    nested = extra["a"]
    assert type(nested) is Extra
    assert list(nested) == ["c", "d"]
    inner = extra["b"]
    assert isinstance(inner, tuple)
    assert isinstance(inner[1], tuple)
    assert type(inner[1][1]) is Extra
    assert len(extra) == 2
    assert "a" in extra
    assert "c" not in extra


def test_extra_thaw_gives_dicts_and_lists() -> None:
    source = {"b": [1, [2, {"z": 1.5}]], "a": {"d": True, "c": None}}
    thawed = Extra(source).thaw()
    assert thawed == source
    assert type(thawed) is dict
    assert type(thawed["b"]) is list
    assert type(thawed["b"][1]) is list
    assert type(thawed["b"][1][1]) is dict
    assert type(thawed["a"]) is dict
    assert list(thawed) == ["a", "b"]


def test_extra_is_immutable() -> None:
    extra = Extra({"a": 1})
    with pytest.raises(TypeError):
        extra["a"] = 2  # type: ignore[index]
    with pytest.raises(AttributeError):
        extra.anything = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del extra._data
    assert extra == {"a": 1}


def test_extra_copies_its_source() -> None:
    source: dict[str, Any] = {"a": [1]}
    extra = Extra(source)
    source["a"].append(2)
    source["b"] = 3
    assert extra == {"a": [1]}


def test_extra_is_hashable_and_equal_to_the_mapping_it_came_from() -> None:
    left = Extra({"a": [1, {"b": "c"}], "d": None})
    right = Extra({"d": None, "a": (1, Extra({"b": "c"}))})
    assert left == right
    assert hash(left) == hash(right)
    source = {"a": [1, {"b": "c"}], "d": None}
    assert left == source
    assert source == left  # dict gives way to Extra.__eq__
    assert left != {"a": [1, {"b": "c"}]}
    assert left != {"a": [1, {"b": "x"}], "d": None}
    assert left != {"a": [1, {"b": float("nan")}], "d": None}
    assert left != [("a", 1)]
    assert len({left, right}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [(True, 1), (False, 0), (1, 1.0), (0.0, -0.0), ([1], [True]), ({"x": 1}, {"x": 1.0})],
)
def test_extra_equality_keeps_json_types_apart(one: Any, other: Any) -> None:
    assert Extra({"v": one}) != Extra({"v": other})
    assert Extra({"v": one}) != {"v": other}
    assert Comment(text="x", extra={"v": one}) != Comment(text="x", extra={"v": other})


def test_extra_keys_that_normalise_alike_are_refused() -> None:
    with refused("extra"):
        Extra({"a\r": 1, "a": 2})


def test_extra_of_reuses_an_extra_and_shares_the_empty_one() -> None:
    extra = Extra({"a": 1})
    assert Extra.of(extra) is extra
    assert Extra.of(None) is Extra.of({})
    assert Comment(text="x", extra=extra).extra is extra
    assert Comment(text="x", extra=None).extra == {}  # type: ignore[arg-type]


def test_extra_strings_are_checked_and_their_line_ends_normalised() -> None:
    assert Extra({"k": "a\r\nb\rc"})["k"] == "a\nb\nc"


def test_extra_repr_evaluates_back() -> None:
    extra = Extra({"b": [1, {"c": None}], "a": "x"})
    assert repr(extra) == "Extra({'a': 'x', 'b': (1, Extra({'c': None}))})"
    assert eval(repr(extra), {"Extra": Extra}) == extra


# -- equality, hash, repr, pickle, copy --------------------------------------------------

NAMESPACE = {
    "Article": Article,
    "Author": Author,
    "Comment": Comment,
    "CommentState": CommentState,
    "Extra": Extra,
    "datetime": dt,
}


def test_repr_is_short_and_evaluates_back() -> None:
    comment = Comment(
        text="hi",
        score=2,
        state=CommentState.SPAM,
        replies=(Comment(text="a"), Comment(text="b", replies=(Comment(text="c"),))),
    )
    assert repr(comment) == (
        "Comment(text='hi', score=2, state=CommentState.SPAM, replies=(Comment(text='a'), "
        "Comment(text='b', replies=(Comment(text='c'),))))"
    )
    article = Article(title="T", comments=(Comment(text="only"),))
    assert repr(article) == "Article(title='T', comments=(Comment(text='only'),))"
    assert repr(Article(title="T")) == "Article(title='T')"
    assert eval(repr(comment), NAMESPACE) == comment


def test_equality_compares_replies() -> None:
    def thread(last: str) -> Comment:
        return Comment(text="a", replies=(Comment(text="b", replies=(Comment(text=last),)),))

    assert thread("c") == thread("c")
    assert thread("c") != thread("d")
    assert Comment(text="a", replies=(Comment(text="b"),)) != Comment(text="a")
    assert Comment(text="a") != "a"
    assert Comment(text="T") != Article(title="T")
    assert Article(title="T", comments=(thread("c"),)) == Article(
        title="T", comments=(thread("c"),)
    )
    assert Article(title="T", comments=(thread("c"),)) != Article(
        title="T", comments=(thread("x"),)
    )


@given(tks.articles())
def test_repr_evaluates_back_to_an_equal_article(article: Article) -> None:
    again = eval(full_repr(article), dict(NAMESPACE))
    assert again == article
    assert hash(again) == hash(article)


@given(tks.articles())
def test_pickle_round_trip(article: Article) -> None:
    again = pickle.loads(pickle.dumps(article))
    assert again == article
    assert hash(again) == hash(article)
    assert (again != article) is False
    for comment in article.comments:
        assert pickle.loads(pickle.dumps(comment)) == comment


@given(tks.articles())
def test_copy_and_deepcopy(article: Article) -> None:
    assert copy.copy(article) == article
    assert copy.deepcopy(article) == article
    for comment in article.comments:
        assert copy.copy(comment) == comment
        assert copy.deepcopy(comment) == comment


@given(tks.articles(), st.data())
def test_changing_one_comment_changes_equality(article: Article, data: st.DataObject) -> None:
    comments = list(article.walk())
    if not comments:
        assert article == attrs.evolve(article, comments=())
        return
    target = data.draw(st.sampled_from(comments))

    def change(comment: Comment) -> Comment:
        if comment is target:
            return attrs.evolve(comment, text=comment.text + "!")
        return comment

    changed = article.map(change)
    assert changed != article
    assert article != changed
    assert article == pickle.loads(pickle.dumps(article))
