"""Code a type checker must accept: what the documentation shows works at run time.

tests/test_typing.py runs mypy --strict and basedpyright over this folder:
this file must type-check cleanly, and every line of rejected.py marked
``# error`` must be an error (and no other line).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Unpack

import attrs
import cattrs

import threadkit
from threadkit import Article, Author, Comment, CommentState, Extra
from threadkit.formats.options import ReadOptions
from threadkit.tree import CommentIndex, RebuildReport

# -- the constructors take what their converters take -----------------------------------


def replies() -> Iterator[Comment]:
    yield Comment(text="a generator's reply")


when = datetime(2024, 5, 1, tzinfo=UTC)
reply = Comment(text="reply", state="deleted", replies=replies())
top = Comment(
    text="top",
    author=Author(name="Ann"),
    state=CommentState.SPAM,
    replies=[reply, Comment(text="another")],
    extra={"votes": [1, 2], "flag": None},
    published=when,
)
article = Article(
    title="Rates held",
    tags=["economy", "rates"],
    authors=[Author(name="Bo")],
    comments=(c for c in [top]),
    extra=Extra({"source": "wire"}),
)
state: CommentState = reply.state
tags: tuple[str, ...] = article.tags
evolved: Article = attrs.evolve(article, tags=["news"])

# -- reading and writing, with each format's options -------------------------------------

text = threadkit.dumps(article, "text")
again: Article = threadkit.loads(text, format="text", max_comments=10, errors="replace")
page = threadkit.dumps(article, format="html", fragment=True, lang="de")
threadkit.loads(page, format="html", url="https://example.org/", max_depth=None)
threadkit.loads(b"{}", format="reddit", text="html", orphans="drop")
threadkit.loads(b"{}", format="hackernews", duplicates="last", report=print)
threadkit.loads(b"<x/>", format="disqus", recover=True, spill_after=10)
threadkit.loads(b"<x/>", format="wordpress", post_types={"post"})
threadkit.loads(b"{}", format="jsonl", orphans="keep", duplicates="last")
threadkit.loads(text)
# A guessed format takes any reader's options: the run time checks them.
threadkit.loads(text, max_bytes=1_000)
threadkit.load("page.html", url="https://example.org/")
threadkit.load_all("export.xml", report=print, recover=True)
threadkit.load("examples/sample.txt", max_depth=50)
threadkit.dump(article, "out.html")
threadkit.dump(article, "out.html", fragment=True)
threadkit.dump(article, "out.html", format="html", max_nesting=3)
articles: Iterator[Article] = threadkit.load_all("export.xml", format="disqus", recover=True)
# A Format object (a plug-in's, say) takes any keyword: the run time checks them.
threadkit.loads(text, threadkit.get_format("text"), max_comments=3)


def read_quietly(path: str, **options: Unpack[ReadOptions]) -> Article:
    return threadkit.load(path, **options)


# -- submodules without importing them ---------------------------------------------------

first = threadkit.tree.find(article, "c1")
report: RebuildReport = threadkit.tree.rebuild([(1, None, reply)], duplicates="last").report

# -- lookups -----------------------------------------------------------------------------

index: CommentIndex = article.index()
found: Comment | None = article.find("c1")
by_predicate: Comment | None = article.find(lambda c: c.score is not None)
parent: Comment | None = article.parent(reply)
path: tuple[Comment, ...] = article.path("c1") if "c1" in index else ()
duplicates: tuple[str, ...] = index.duplicates

# -- plain values and frames -------------------------------------------------------------

document = threadkit.converter.unstructure(article)
rebuilt: Article = threadkit.converter.structure(document, Article)
packer: cattrs.Converter = threadkit.configure_converter(cattrs.Converter())
frame = threadkit.frames.to_frame(article)
from_rows: Article = threadkit.frames.from_frame(frame, orphans="keep", duplicates="last")
whole: str = threadkit.model.full_repr(article)
