"""Each format's options: typed per format for type checkers, refused by name at run time."""

from __future__ import annotations

import io
from typing import Any

import pytest

import threadkit
from threadkit import Article, get_format
from threadkit.formats import FORMATS, options

ARTICLE = Article(title="T")
TEXT = threadkit.dumps(ARTICLE, "text")

# The TypedDict of each format's reader, as threadkit.api's overloads use them.
READ_OPTIONS = {
    "json": options.ReadOptions,
    "jsonl": options.JSONLReadOptions,
    "text": options.TextReadOptions,
    "html": options.HTMLReadOptions,
    "reddit": options.RedditReadOptions,
    "hackernews": options.ImportReadOptions,
    "mastodon": options.ImportReadOptions,
    "disqus": options.DisqusReadOptions,
    "wordpress": options.WordPressReadOptions,
}


def test_every_format_has_its_options_typed() -> None:
    assert set(READ_OPTIONS) == {fmt.name for fmt in FORMATS}
    for fmt in FORMATS:
        assert set(READ_OPTIONS[fmt.name].__annotations__) == set(fmt.options("read") or ()), (
            fmt.name
        )
    assert set(options.HTMLWriteOptions.__annotations__) == set(
        get_format("html").options("write") or ()
    )
    for name in ("json", "jsonl"):
        assert get_format(name).options("write") == ()
    every = set().union(*(typed.__annotations__ for typed in READ_OPTIONS.values()))
    assert set(options.AnyReadOptions.__annotations__) == every


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: threadkit.loads(TEXT, "text", max_comment=3),
            "the text reader takes no option 'max_comment' (did you mean 'max_comments'?); "
            "its options are max_bytes, max_depth, max_comments, encoding, errors",
        ),
        (
            lambda: threadkit.loads(TEXT, max_comment=3),
            "the text reader takes no option 'max_comment'",
        ),
        (
            lambda: threadkit.load(io.BytesIO(TEXT.encode()), "json", url="x"),
            "the json reader takes no option 'url'; its options are",
        ),
        (
            lambda: list(threadkit.loads_all("{}", "hackernews", post_types=["x"])),
            "the hackernews reader takes no option 'post_types'; its options are orphans, "
            "duplicates, cycles, report, max_bytes",
        ),
        (
            lambda: list(threadkit.load_all(io.BytesIO(b"<x/>"), "disqus", spill=3)),
            "the disqus reader takes no option 'spill' (did you mean 'spill_after'?)",
        ),
        (
            lambda: threadkit.dumps(ARTICLE, "html", fragmnt=True),
            "the html writer takes no option 'fragmnt' (did you mean 'fragment'?); "
            "its options are fragment, max_nesting, lang",
        ),
        (
            lambda: threadkit.dumps(ARTICLE, "jsonl", indent=2),
            "the jsonl writer takes no option 'indent'; it takes none",
        ),
        (
            lambda: threadkit.dump(ARTICLE, io.StringIO(), "json", fragment=True),
            "the json writer takes no option 'fragment'; it takes none",
        ),
        (
            lambda: get_format("html").read("<p>", report_to=print),
            "the html reader takes no option 'report_to' (did you mean 'report'?)",
        ),
    ],
)
def test_an_option_the_format_does_not_take_is_a_type_error(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_options_the_format_takes_pass() -> None:
    assert threadkit.loads(TEXT, "text", max_comments=3, errors="replace") == ARTICLE
    assert "<article" in threadkit.dumps(ARTICLE, "html", fragment=True, lang="de")
    assert get_format("text").options("write") is None  # it says so itself
    with pytest.raises(TypeError, match=r"text\.write\(\) takes no options"):
        threadkit.dumps(ARTICLE, "text", wrap=72)
