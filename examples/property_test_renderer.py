"""Property-test a renderer of your own with ``threadkit.strategies``.

``render_outline`` below turns an article into a Markdown outline, one
list item per comment with its author and the start of its text. Rather
than checking it on a handful of articles written by hand, the tests state
what must hold for *every* article and let Hypothesis search for one that
breaks it: titles and names full of Markdown syntax, empty texts, anonymous
and removed comments, nested replies. The strategies cover every value the
model accepts, so a renderer that passes them handles whatever a real file
holds. (Writing these, Hypothesis at once found an author with a bio but no
name, which an earlier version of the excerpt check did not expect.)

Needs Hypothesis (``pip install ".[hypothesis]"`` in a checkout of threadkit). Run the checks
directly, as below, or with ``pytest examples/property_test_renderer.py``
(the name does not start with ``test_``, so pytest runs it only when named)::

    $ python examples/property_test_renderer.py
    held: one line per comment
    held: excerpts are short
    held: indentation follows depth
    held: user text cannot add markup
    held: a deep chain

    # Harlow Council Approves Protected Bike Lane on Mill Street in 5–4 Vote
    - **Pete Lindqvist**: I run the hardware store at Mill and Ch…
      - **Rosa Delgado**: Pete, the traffic study counted your bl…
        - **Pete Lindqvist**: Around the corner is fine for you and m…
      - **hwilkins**: Honest question: were the business owne…
"""

from __future__ import annotations

import re

from hypothesis import given, settings

import threadkit
import threadkit.strategies as tks
from threadkit import Article, Comment

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#!|])")
EXCERPT = 40
"""How many characters of a comment's first line an item shows."""


def escape(text: str) -> str:
    """Backslash-escape everything Markdown could read as syntax."""
    return _MARKDOWN.sub(r"\\\1", text)


def render_outline(article: Article) -> str:
    """The article's title as a heading, then one list item per comment, nested by depth.

    Walks with ``Article.visits()``, so it never recurses, however deep the thread.
    """
    lines = [f"# {escape(article.title)}"]
    for visit in article.visits():
        comment = visit.comment
        name = comment.author.name if comment.author and comment.author.name else None
        who = f"**{escape(name)}**" if name else "*anonymous*"
        first = comment.text.split("\n", 1)[0].strip()
        if len(first) > EXCERPT:
            first = first[: EXCERPT - 1].rstrip() + "…"
        lines.append(f"{'  ' * (visit.depth - 1)}- {who}: {escape(first)}")
    return "\n".join(lines)


def unescaped(line: str, char: str) -> int:
    """How many times *char* occurs in *line* without a backslash before it."""
    count = 0
    escaped = False
    for current in line:
        if escaped:
            escaped = False
        elif current == "\\":
            escaped = True
        elif current == char:
            count += 1
    return count


CHECK = settings(max_examples=40, deadline=None, database=None)


@CHECK
@given(tks.articles())
def test_one_line_per_comment(article: Article) -> None:
    assert len(render_outline(article).split("\n")) == 1 + article.comment_count


@CHECK
@given(tks.articles())
def test_excerpts_are_short(article: Article) -> None:
    items = render_outline(article).split("\n")[1:]
    for line, visit in zip(items, article.visits(), strict=True):
        author = visit.comment.author
        who = f"**{escape(author.name)}**" if author and author.name else "*anonymous*"
        prefix = f"{'  ' * (visit.depth - 1)}- {who}: "
        assert line.startswith(prefix)
        # Escaping adds a backslash before a character; it does not count.
        shown = re.sub(r"\\(.)", r"\1", line.removeprefix(prefix))
        assert len(shown) <= EXCERPT


@CHECK
@given(tks.articles())
def test_indentation_follows_depth(article: Article) -> None:
    items = render_outline(article).split("\n")[1:]
    for line, visit in zip(items, article.visits(), strict=True):
        indent = "  " * (visit.depth - 1)
        assert line.startswith(indent + "- *")


@CHECK
@given(tks.articles())
def test_user_text_cannot_add_markup(article: Article) -> None:
    # Only the renderer's own emphasis is left unescaped: ** ** around a
    # name, * * around "anonymous"; and no user text opens a link or HTML.
    heading, *items = render_outline(article).split("\n")
    assert unescaped(heading, "*") == 0
    for line, comment in zip(items, article.walk(), strict=True):
        named = comment.author is not None and comment.author.name is not None
        assert unescaped(line, "*") == (4 if named else 2)
        for char in "[]<>`_":
            assert unescaped(line, char) == 0


def test_a_deep_chain() -> None:
    # Each level indents by two spaces, so the outline grows with the square
    # of the depth: 5,000 levels is already 25 MB of spaces.
    comment = Comment(text="bottom")
    for level in range(4_999):
        comment = Comment(text=f"level {level}", replies=(comment,))
    lines = render_outline(Article(title="Deep", comments=(comment,))).split("\n")
    assert len(lines) == 5_001
    assert lines[-1] == "  " * 4_999 + "- *anonymous*: bottom"


def main() -> None:
    checks = [
        test_one_line_per_comment,
        test_excerpts_are_short,
        test_indentation_follows_depth,
        test_user_text_cannot_add_markup,
        test_a_deep_chain,
    ]
    for check in checks:
        check()
        print(f"held: {check.__name__.removeprefix('test_').replace('_', ' ')}")
    sample = threadkit.load("examples/sample.txt")
    print()
    print("\n".join(render_outline(sample).split("\n")[:5]))


if __name__ == "__main__":
    main()
