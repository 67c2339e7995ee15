"""threadkit.frames: a thread as a pandas DataFrame and back."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given

import threadkit.strategies as tks
from threadkit import Article, Author, Comment, CommentState, RebuildError, ValidationError
from threadkit.frames import ATTRS_KEY, COLUMNS, from_frame, to_frame
from threadkit.tree import RebuildReport

pd = pytest.importorskip("pandas")

PLUS_TWO = timezone(timedelta(hours=2))
ANN = Author(name="Ann", bio="Reads.")
ARTICLE = Article(
    title="Rates held",
    site="Daily Planet",
    published=datetime(2024, 5, 1, 9, 0, tzinfo=PLUS_TWO),
    comments=(
        Comment(
            text="First!",
            author=ANN,
            id="c1",
            published=datetime(2024, 5, 1, 10, 0, tzinfo=PLUS_TWO),
            score=3,
            replies=(
                Comment(text="Gone.", state=CommentState.DELETED, extra={"flags": [1]}),
                Comment(
                    text="Me too.", author=Author(id="u9"), edited=datetime(2024, 5, 2, tzinfo=UTC)
                ),
            ),
        ),
        Comment(text="Second.", url="https://example.org/c2", author=ANN),
    ),
    extra={"source": "wire"},
)


def test_to_frame_gives_a_row_per_comment_in_thread_order() -> None:
    frame = to_frame(ARTICLE)
    assert tuple(frame.columns) == COLUMNS
    assert frame["key"].tolist() == [1, 2, 3, 4]
    assert frame["parent"].tolist() == [pd.NA, 1, 1, pd.NA]
    assert frame["depth"].tolist() == [1, 2, 2, 1]
    assert frame["text"].tolist() == ["First!", "Gone.", "Me too.", "Second."]
    assert frame["author_name"].tolist() == ["Ann", None, None, "Ann"]
    assert frame["author_bio"].tolist() == ["Reads.", None, None, "Reads."]
    assert frame["author_id"].tolist() == [None, None, "u9", None]
    assert frame["id"].tolist() == ["c1", None, None, None]
    assert (
        frame["published"].tolist() == [datetime(2024, 5, 1, 10, 0, tzinfo=PLUS_TWO)] + [None] * 3
    )
    assert frame["edited"].tolist()[2] == datetime(2024, 5, 2, tzinfo=UTC)
    assert frame["score"].tolist() == [3, pd.NA, pd.NA, pd.NA]
    assert frame["state"].tolist() == ["visible", "deleted", "visible", "visible"]
    assert frame["url"].tolist() == [None, None, None, "https://example.org/c2"]
    assert frame["extra"].tolist() == [{}, {"flags": [1]}, {}, {}]
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        "key": "Int64",
        "parent": "Int64",
        "depth": "int64",
        "score": "Int64",
        **{name: "object" for name in COLUMNS if name not in ("key", "parent", "depth", "score")},
    }
    assert frame.attrs[ATTRS_KEY] == {
        "threadkit": 1,
        "title": "Rates held",
        "published": "2024-05-01T09:00:00+02:00",
        "site": "Daily Planet",
        "extra": {"source": "wire"},
    }


def test_from_frame_gives_the_article_back() -> None:
    frame = to_frame(ARTICLE)
    assert from_frame(frame) == ARTICLE
    # Authors repeated down the thread come back as one object.
    again = from_frame(frame)
    assert again.comments[0].author is again.comments[1].author
    # Rows in any order: siblings keep the order of their rows.
    assert from_frame(frame.iloc[::-1]).comments == (
        attrs.evolve(ARTICLE.comments[1]),
        attrs.evolve(ARTICLE.comments[0], replies=ARTICLE.comments[0].replies[::-1]),
    )


def test_a_comment_and_an_article_given_apart() -> None:
    frame = to_frame(ARTICLE.comments[0])
    assert frame["key"].tolist() == [1, 2, 3]
    assert frame.attrs == {}
    with pytest.raises(
        ValueError, match=r"carries no article.*from_frame\(frame, article=\.\.\.\)"
    ):
        from_frame(frame)
    rebuilt = from_frame(frame, Article(title="Only one"))
    assert rebuilt == Article(title="Only one", comments=ARTICLE.comments[:1])
    # The article given wins over the one in attrs.
    assert from_frame(to_frame(ARTICLE), Article(title="T")).title == "T"
    assert to_frame(Article(title="Empty")).shape == (0, len(COLUMNS))
    assert from_frame(to_frame(Article(title="Empty"))) == Article(title="Empty")


def test_a_filtered_frame_comes_back_under_an_orphan_policy() -> None:
    frame = to_frame(ARTICLE)
    late = frame[frame["text"] != "First!"]  # the parent of two replies filtered out
    assert late.attrs[ATTRS_KEY]["title"] == "Rates held"  # pandas keeps attrs
    with pytest.raises(RebuildError, match="orphans='keep' makes them top-level") as caught:
        from_frame(late)
    assert caught.value.problem == "orphan"
    assert caught.value.keys == (2, 3)
    kept = from_frame(late, orphans="keep")
    assert [c.text for c in kept.comments] == ["Gone.", "Me too.", "Second."]
    reports: list[RebuildReport] = []
    dropped = from_frame(late, orphans="drop", report=reports.append)
    assert [c.text for c in dropped.comments] == ["Second."]
    assert reports[0].dropped == (2, 3)


def test_a_rescrape_appended_wins_with_duplicates_last() -> None:
    old = to_frame(ARTICLE)
    new = old.copy()
    new.loc[new["key"] == 3, "text"] = "Me too, edited."
    both = pd.concat([old, new], ignore_index=True)
    with pytest.raises(RebuildError, match="duplicates='last'"):
        from_frame(both, ARTICLE)
    rebuilt = from_frame(both, ARTICLE, duplicates="last")
    assert [c.text for c in rebuilt.walk()] == ["First!", "Gone.", "Me too, edited.", "Second."]


def test_what_pandas_makes_of_values_is_read() -> None:
    rows = pd.DataFrame(
        {
            # Integers as floats, as a column with a missing value makes them.
            "key": [1.0, 2.0, 3.0],
            "parent": [float("nan"), 1.0, ""],
            "text": ["a", "b", float("nan")],
            "score": [float("nan"), 4.0, 2],
            "published": [pd.Timestamp("2024-05-01T10:00:00+02:00"), pd.NaT, "2024-05-02 08:00Z"],
            "extra": ['{"x": [1, 2]}', None, float("nan")],
            "state": [None, "spam", "visible"],
        }
    )
    article = from_frame(rows, Article(title="T"))
    assert article == Article(
        title="T",
        comments=(
            Comment(
                text="a",
                published=datetime(2024, 5, 1, 10, tzinfo=PLUS_TWO),
                extra={"x": [1, 2]},
                replies=(Comment(text="b", score=4, state="spam"),),
            ),
            Comment(text="", score=2, published=datetime(2024, 5, 2, 8, tzinfo=UTC)),
        ),
    )


def test_keys_may_be_strings() -> None:
    rows = pd.DataFrame({"key": ["x", "y"], "parent": [None, "x"], "text": ["top", "reply"]})
    assert from_frame(rows, Article(title="T")).comments == (
        Comment(text="top", replies=(Comment(text="reply"),)),
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("score", 1.5, "expected an integer, got 1.5"),
        ("score", True, "expected an integer, got True"),
        ("key", 2.5, "expected an integer, got 2.5"),
        ("text", 3, "expected a str, got int"),
        ("state", "hidden", "'hidden' is not one of visible"),
        ("published", "yesterday", "'yesterday' is not an ISO 8601 date and time"),
        ("published", "2024-05-01T10:00:00", "naive datetime"),
        ("extra", "[1]", "expected a mapping, got list"),
        ("extra", "{oops", "a str in extra must be a JSON object"),
        ("author_name", "a\nb", "single line"),
        ("text", "bad \x00", "U+0000"),
    ],
)
def test_refused_values_name_their_cell(column: str, value: Any, message: str) -> None:
    rows = pd.DataFrame({"key": [1, 2], "text": ["a", "b"]}, index=["r1", "r2"])
    first = rows[column].iloc[0] if column in rows else None
    rows[column] = pd.Series([first, value], index=rows.index, dtype=object)
    with pytest.raises(ValidationError) as caught:
        from_frame(rows, Article(title="T"))
    assert caught.value.field == f"frame['r2', {column!r}]"
    assert message in caught.value.message


def test_columns_that_are_no_field_are_refused() -> None:
    frame = to_frame(ARTICLE).assign(words=1)
    with pytest.raises(ValueError, match="columns that are no field of a comment: 'words'; drop"):
        from_frame(frame)
    with pytest.raises(ValueError, match="the frame has no 'key' column"):
        from_frame(pd.DataFrame({"text": ["a"]}), Article(title="T"))
    with pytest.raises(ValidationError, match="every row needs a key"):
        from_frame(pd.DataFrame({"key": [None], "text": ["a"]}), Article(title="T"))
    with pytest.raises(TypeError, match="article must be an Article, got str"):
        from_frame(frame.drop(columns=["words"]), "T")  # type: ignore[arg-type]


def test_through_csv_with_extra_as_json() -> None:
    frame = to_frame(ARTICLE)
    frame["extra"] = frame["extra"].map(json.dumps)
    text = frame.to_csv(index=False)
    again = pd.read_csv(io.StringIO(text))
    assert from_frame(again, ARTICLE) == ARTICLE


@given(tks.articles())
def test_from_frame_of_to_frame_is_the_article(article: Article) -> None:
    assert from_frame(to_frame(article)) == article


def test_a_chain_100000_deep() -> None:
    comment = Comment(text="bottom")
    for level in range(99_999):
        comment = Comment(text=str(level), replies=(comment,))
    article = Article(title="Deep", comments=(comment,))
    frame = to_frame(article)
    assert frame["depth"].iloc[-1] == 100_000
    assert frame["parent"].iloc[-1] == 99_999
    assert from_frame(frame) == article


def test_without_pandas_the_error_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "import threadkit.frames\n"
        "try:\n"
        "    threadkit.frames.to_frame(threadkit.Article(title='T'))\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "threadkit.frames needs pandas: pip install pandas"
