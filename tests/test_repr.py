"""repr for people: small values whole, large ones summarised; notebooks and rich."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from threadkit import Article, Author, Comment, Extra
from threadkit.model import HTML_REPR_COMMENTS, REPR_COMMENTS, REPR_LENGTH, full_repr


def flat(count: int, text: str = "c") -> tuple[Comment, ...]:
    return tuple(Comment(text=f"{text}{i}") for i in range(count))


def test_small_values_show_whole() -> None:
    article = Article(title="T", comments=flat(REPR_COMMENTS))
    assert repr(article) == full_repr(article)
    assert repr(article).startswith("Article(title='T', comments=(Comment(text='c0'), ")
    comment = Comment(text="top", replies=flat(REPR_COMMENTS))
    assert repr(comment) == full_repr(comment)


def test_a_large_thread_is_summarised_with_its_first_comments() -> None:
    chain = Comment(text="deep", replies=(Comment(text="deeper"),))
    article = Article(
        title="Rates held",
        site="Daily Planet",
        comments=(
            Comment(text="first", author=Author(name="Ann"), replies=flat(3, "r")),
            chain,
            *flat(REPR_COMMENTS, "late"),
        ),
    )
    assert repr(article) == (
        "Article(title='Rates held', site='Daily Planet', comments=<16 comments in 2 levels: "
        "Comment(text='first', author=Author(name='Ann'), replies=<3 comments below>), "
        "Comment(text='deep', replies=<1 comment below>), Comment(text='late0'), "
        "…9 more at the top>)"
    )
    assert str(article) == repr(article)
    top = Comment(text="top", replies=(Comment(text="a", replies=flat(REPR_COMMENTS)),))
    assert repr(top) == (
        "Comment(text='top', replies=<11 comments in 2 levels: "
        "Comment(text='a', replies=<10 comments below>)>)"
    )


def test_a_long_repr_is_summarised_with_strings_cut() -> None:
    body = "word " * 400
    article = Article(
        title="T" * 120,
        body=body.strip(),
        published=datetime(2024, 5, 1, tzinfo=UTC),
        tags=tuple(f"tag{i}" for i in range(30)),
        extra={f"k{i}": i for i in range(40)},
    )
    assert len(full_repr(article)) > REPR_LENGTH
    assert repr(article) == (
        f"Article(title={'T' * 100!r}…(120 characters), "
        f"body={'word ' * 10!r}…(1,999 characters), "
        "published=datetime.datetime(2024, 5, 1, 0, 0, tzinfo=datetime.timezone.utc), "
        "tags=('tag0', <29 more>), extra=<Extra of 40 keys>)"
    )


def test_a_huge_thread_has_a_short_repr() -> None:
    article = Article(title="Big", comments=flat(10_000))
    shown = repr(article)
    assert len(shown) < 300
    assert shown == (
        "Article(title='Big', comments=<10,000 comments in 1 level: Comment(text='c0'), "
        "Comment(text='c1'), Comment(text='c2'), …9,997 more at the top>)"
    )
    assert eval(full_repr(article), {"Article": Article, "Comment": Comment}) == article


def test_full_repr_refuses_other_values() -> None:
    with pytest.raises(TypeError, match="expected an Article or a Comment, got Extra"):
        full_repr(Extra({"a": 1}))  # type: ignore[arg-type]


def test_a_notebook_shows_the_html_fragment() -> None:
    article = Article(title="Rates <held>", comments=(Comment(text="first & only"),))
    shown = article._repr_html_()
    assert shown.startswith("<style>")
    assert '<article class="tk-article"' in shown
    assert "Rates &lt;held&gt;" in shown
    assert "first &amp; only" in shown
    assert "tk-more" not in shown


def test_a_notebook_shows_the_first_comments_of_a_large_thread() -> None:
    replies = flat(HTML_REPR_COMMENTS + 50, "r")
    article = Article(title="Big", comments=(Comment(text="top", replies=replies),))
    shown = article._repr_html_()
    assert len(re.findall(r'<article class="tk-c', shown)) == HTML_REPR_COMMENTS
    assert f"The first {HTML_REPR_COMMENTS} of 251 comments in thread order." in shown
    assert f">r{HTML_REPR_COMMENTS - 2}<" in shown
    assert f">r{HTML_REPR_COMMENTS - 1}<" not in shown


def test_rich_pretty_prints_fields_and_summarises_large_threads() -> None:
    pretty = pytest.importorskip("rich.pretty")
    small = Article(title="T", comments=(Comment(text="x", state="deleted"),))
    assert pretty.pretty_repr(small) == (
        "Article(title='T', comments=(Comment(text='x', state=CommentState.DELETED),))"
    )
    large = Article(title="T", comments=flat(20))
    assert pretty.pretty_repr(large, max_width=200) == (
        "Article(title='T', comments=<20 comments in 1 level: Comment(text='c0'), "
        "Comment(text='c1'), Comment(text='c2'), …17 more at the top>)"
    )


def test_rich_is_not_imported_for_the_repr() -> None:
    code = (
        "import sys, threadkit; "
        "a = threadkit.Article(title='T', comments=[threadkit.Comment(text='x')] * 50); "
        "repr(a); a.__rich_repr__; print('rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
