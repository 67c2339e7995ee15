"""The jsonl reader's orphan and duplicate policies: a filtered table, appended re-scrapes."""

from __future__ import annotations

import json

import pytest

import threadkit
from threadkit import Article, Comment, LimitError, ParseError
from threadkit.formats import jsonl

HEAD = '{"threadkit":1,"record":"article","title":"T"}'


def document(*records: tuple[int, int | None, str]) -> str:
    lines = [HEAD]
    for key, parent, text in records:
        lines.append(json.dumps({"record": "comment", "key": key, "parent": parent, "text": text}))
    return "\n".join(lines) + "\n"


# Key 2 was filtered out: 3 is an orphan, 4 its reply; key 1 was scraped again, edited.
FILTERED = document((1, None, "a"), (3, 2, "orphan"), (4, 3, "below"), (1, None, "a, edited"))


def test_by_default_orphans_and_duplicates_are_refused() -> None:
    with pytest.raises(ParseError, match="key 1 is already used on line 2") as caught:
        jsonl.read(FILTERED)
    assert caught.value.line == 5
    with pytest.raises(ParseError, match="no comment has the key 2") as orphan:
        jsonl.read(FILTERED, duplicates="last")
    assert orphan.value.line == 3


@pytest.mark.parametrize(
    ("orphans", "duplicates", "texts"),
    [
        ("keep", "last", [("a, edited", []), ("orphan", ["below"])]),
        ("keep", "first", [("a", []), ("orphan", ["below"])]),
        ("keep", "keep", [("a", []), ("a, edited", []), ("orphan", ["below"])]),
        ("drop", "last", [("a, edited", [])]),
        ("drop", "first", [("a", [])]),
    ],
)
def test_the_policies_are_rebuilds(
    orphans: str, duplicates: str, texts: list[tuple[str, list[str]]]
) -> None:
    article = threadkit.loads(FILTERED, "jsonl", orphans=orphans, duplicates=duplicates)  # type: ignore[arg-type]
    assert [(c.text, [r.text for r in c.replies]) for c in article.comments] == texts


def test_the_last_copy_takes_the_first_ones_place_and_keeps_its_replies() -> None:
    text = document(
        (1, None, "a"), (2, 1, "b"), (3, None, "c"), (1, None, "a2"), (5, 1, "d"), (2, 1, "b2")
    )
    assert jsonl.read(text, duplicates="last") == Article(
        title="T",
        comments=(
            Comment(text="a2", replies=(Comment(text="b2"), Comment(text="d"))),
            Comment(text="c"),
        ),
    )


def test_a_clean_document_reads_the_same_under_any_policy() -> None:
    text = document((1, None, "a"), (2, 1, "b"), (3, None, "c"))
    plain = jsonl.read(text)
    assert jsonl.read(text, orphans="keep", duplicates="last") == plain
    assert jsonl.read(text.encode(), orphans="drop", duplicates="first") == plain


def test_limits_hold_under_the_policies() -> None:
    with pytest.raises(LimitError, match="max_depth=1"):
        jsonl.read(FILTERED, orphans="keep", duplicates="last", max_depth=1)
    assert jsonl.read(FILTERED, orphans="keep", duplicates="last", max_depth=2).comment_count == 3
    with pytest.raises(LimitError, match="max_comments"):
        jsonl.read(FILTERED, orphans="keep", duplicates="last", max_comments=3)


def test_cycles_are_still_refused() -> None:
    text = document((1, 2, "a"), (2, 1, "b"), (3, 3, "c"))
    with pytest.raises(ParseError, match="go round in a cycle"):
        jsonl.read(text, orphans="keep", duplicates="last")


def test_an_unknown_policy_is_a_value_error_even_for_a_clean_document() -> None:
    with pytest.raises(ValueError, match="duplicates must be one of"):
        jsonl.read(document((1, None, "a")), duplicates="lst")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="orphans must be one of"):
        jsonl.read(document((1, None, "a")), orphans="kept")  # type: ignore[arg-type]


def test_the_options_are_the_format_s() -> None:
    assert threadkit.get_format("jsonl").options("read") == (
        "max_bytes",
        "max_depth",
        "max_comments",
        "encoding",
        "errors",
        "orphans",
        "duplicates",
    )
    with pytest.raises(TypeError, match="the json reader takes no option 'orphans'"):
        threadkit.loads('{"threadkit":1,"title":"T"}', "json", orphans="keep")  # type: ignore[call-overload]


def test_a_100_000_deep_chain_with_a_re_scraped_tail_and_an_orphan() -> None:
    n = 100_000
    records = [(k, None if k == 1 else k - 1, "x") for k in range(1, n + 1)]
    records += [(n, n - 1, "last, edited"), (n + 2, n + 1, "orphan")]
    article = jsonl.read(document(*records), orphans="keep", duplicates="last")
    assert article.comment_count == n + 1
    assert threadkit.tree.depth(article) == n
    assert article.comments[1] == Comment(text="orphan")
    deepest = [visit.comment for visit in article.visits() if visit.depth == n]
    assert deepest == [Comment(text="last, edited")]
