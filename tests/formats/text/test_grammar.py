"""The text format's grammar is stated once, and the writer, the rules and the docs follow it.

``threadkit.formats.text._grammar`` holds the metadata tables. The article's
head is written by going through them; a comment's metadata is written by
code spelled out for speed, and the canonical rule's expression is put
together from them but unpacked by position: these tests hold both to the
tables, and the documentation's table of comment keys too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from threadkit import Article, Author, Comment, CommentState, Extra
from threadkit import strategies as tks
from threadkit.formats import text as tk_text
from threadkit.formats.text import _canonical
from threadkit.formats.text._grammar import (
    ARTICLE_META,
    AUTHOR_META,
    META,
    NO_SUBTITLE,
    NO_TEXT,
    SUBTITLE,
    Meta,
)

DOCS = Path(__file__).resolve().parents[3] / "docs" / "formats" / "text.md"

EVERYTHING = Comment(
    text="Text.",
    author=Author(name="Ann", url="https://e.org/ann", id="a1", bio="A bio."),
    id="c1",
    published=datetime(2024, 5, 1, 6, 0, tzinfo=UTC),
    edited=datetime(2024, 5, 1, 7, 0, tzinfo=UTC),
    score=3,
    state=CommentState.REMOVED,
    url="https://e.org/c1",
    extra={"k": 1},
)


def keys(lines: list[str]) -> list[str]:
    """The keys of the metadata lines among *lines*, in their order."""
    found = (re.fullmatch(r" *\[([^]:]+)(?::.*)?\]", line) for line in lines)
    return [match.group(1) for match in found if match is not None]


def test_the_comment_writer_writes_the_keys_in_the_tables_order() -> None:
    dump = tk_text.write(Article(title="T", comments=(EVERYTHING,)))
    comment = dump.split("\n\n", 1)[1].split("\n")
    assert keys(comment) == [meta.key for meta in META]


def test_the_head_writer_writes_the_keys_in_the_tables_order() -> None:
    article = Article(
        title="T",
        subtitle="A sentence.",
        published=datetime(2024, 5, 1, 6, 0, tzinfo=UTC),
        url="https://e.org/a",
        site="E",
        tags=("x", "y"),
        extra={"k": 1},
        authors=(Author(name="Ann", url="https://e.org/ann", id="a1"),),
    )
    title, _, rest = tk_text.write(article).partition("\n\n")
    # The subtitle, which reads as body, says so first; then a line per tag.
    head = ["subtitle"]
    for meta in ARTICLE_META:
        head += [meta.key] * (len(article.tags) if meta.repeated else 1)
    assert keys(title.split("\n")) == head
    author = rest.split("Author: Ann\n", 1)[1].split("\n")
    assert keys(author) == [meta.key for meta in AUTHOR_META]


def test_the_canonical_expression_has_the_tables_groups_in_order() -> None:
    assert tuple(_canonical.COMMENT.groupindex) == _canonical.GROUPS
    assert _canonical.GROUPS[2:-2] == tuple(meta.group for meta in META)


def test_the_documentation_lists_the_keys_in_the_tables_order() -> None:
    text = DOCS.read_text(encoding="utf-8")
    tables = [
        re.findall(r"^\s*\| `([^`]+)` ", table.split("\n\n", 1)[0], re.MULTILINE)
        for table in text.split("| key | value | model field |")[1:]
    ]
    title = [SUBTITLE, NO_SUBTITLE, *(meta.key for meta in ARTICLE_META)]
    assert tables == [title, [*(meta.key for meta in META), NO_TEXT]]


VALUES: dict[str, st.SearchStrategy[Any]] = {
    "published": tks.datetimes(),
    "edited": tks.datetimes(),
    "score": st.integers(-(2**63), 2**63 - 1),
    "state": st.sampled_from(CommentState),
    "author-bio": tks.texts(min_size=1),
    "extra": tks.extras().map(Extra),
}


@given(st.data())
def test_what_the_writer_renders_is_canonical_and_parses_back(data: st.DataObject) -> None:
    meta: Meta = data.draw(st.sampled_from([meta for meta in META if meta.render is not None]))
    value = data.draw(VALUES[meta.key])
    assert meta.render is not None
    assert meta.parse is not None
    rendered = meta.render(value)
    assert re.fullmatch(meta.pattern, rendered)
    assert meta.parse(rendered, 0, 0) == value
