"""The canonical rule reads each comment as the line rule would, or steps aside.

The text reader reads a dump's comments with two rules over one state
(``threadkit.formats.text._reader``): ``_canonical.comments`` matches each
comment in canonical form with one regular expression and steps aside for
anything it cannot vouch for; ``_lines.comment`` reads one comment in any
form, and every error about a comment comes from it. Reading a dump with
both rules must give what reading it with the line rule alone gives, the same
article or the same error: that is the property here, on dumps the writer
wrote and on dumps bent line by line in the ways the canonical rule could get
wrong (indentation, blank lines, trailing whitespace, metadata out of order,
repeated or malformed, literal lines, bullets in odd places, characters the
model refuses, limits).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from threadkit import Article, Author, Comment, CommentState, ParseError, UnrepresentableError
from threadkit import strategies as tks
from threadkit.formats import text as tk_text
from threadkit.formats.text import _canonical, _head, _lines, _reader
from threadkit.formats.text._grammar import State


class Counted:
    """A rule that counts the times it reads."""

    def __init__(self, rule: Callable[[State], bool]) -> None:
        self.rule = rule
        self.read = 0

    def __call__(self, state: State) -> bool:
        took = self.rule(state)
        self.read += took
        return took


def by_line(text: str, max_depth: int | None = None, max_comments: int | None = None) -> Article:
    """*text* read with the line rule alone."""
    return _reader.read(text, max_depth, max_comments, (_lines.comment,))


def by_both(
    text: str,
    line_rule: Counted,
    max_depth: int | None = None,
    max_comments: int | None = None,
    canonical_rule: Callable[[State], bool] = _canonical.comments,
) -> Article:
    """*text* read as the reader reads it, the line rule counted."""
    return _reader.read(text, max_depth, max_comments, (canonical_rule, line_rule))


def outcome(read: Callable[[], Article]) -> Article | tuple[str, str, int | None, int | None]:
    """What *read* gives: the article, or its error's type, message, line and column."""
    try:
        return read()
    except ParseError as error:
        return type(error).__name__, str(error), error.line, error.column


def agree(text: str, max_depth: int | None = None, max_comments: int | None = None) -> bool:
    """Check the property for *text*; whether the canonical rule read all its comments."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as text.read does first
    canonical_rule = Counted(_canonical.comments)
    line_rule = Counted(_lines.comment)
    both = outcome(lambda: by_both(text, line_rule, max_depth, max_comments, canonical_rule))
    assert both == outcome(lambda: by_line(text, max_depth, max_comments))
    return isinstance(both, Article) and bool(canonical_rule.read) and not line_rule.read


# Comments the writer writes without literal lines, so that the canonical
# rule takes most dumps before they are bent: the strategies' own texts, made to
# find trouble, need literal lines in most threads.
PLAIN = st.fixed_dictionaries(
    {
        "text": st.sampled_from(
            ["", "Yes.", "Two words", "One line\nand the next", "A paragraph.\n\nAnother.", "x • y"]
        )
    },
    optional={
        "author": st.sampled_from(
            [Author(name="Ann"), Author(name="Bob", id="b7"), Author(url="https://e.org/u")]
        ),
        "id": st.sampled_from(["c1", "c:2", "c 3"]),
        "published": tks.datetimes(),
        "edited": tks.datetimes(),
        "score": st.integers(-(2**63), 2**63 - 1),
        "state": st.sampled_from(CommentState),
        "url": st.sampled_from(["https://e.org/c/1"]),
        "extra": st.sampled_from([{"k": [1, "v"]}, {"n": None}]),
    },
)


def plain_comments(depth: int) -> st.SearchStrategy[Comment]:
    if depth <= 1:
        return PLAIN.map(lambda fields: Comment(**fields))
    return st.builds(
        lambda fields, replies: Comment(replies=tuple(replies), **fields),
        PLAIN,
        st.lists(plain_comments(depth - 1), max_size=2),
    )


PLAIN_ARTICLES = st.builds(
    Article,
    title=st.just("A title"),
    body=st.sampled_from(["", "The body."]),
    comments=st.lists(plain_comments(3), min_size=1, max_size=3).map(tuple),
)

ODD_LINES = [
    "[id: x]",
    "[id:x]",
    "[id:  spaced]",
    "[no text]",
    "[url: https://example.org/a]",
    "[score: 12]",
    "[score: 99999999999999999999]",
    "[score: 1.5]",
    "[state: deleted]",
    "[state: gone]",
    "[published: 2024-05-01T06:00:00+00:00]",
    "[published: 2024-13-01T06:00:00+00:00]",
    "[published: 2024-05-01T06:00:00Z]",
    "[published: 2024-05-01T06:00:00]",
    "[edited: 2024-05-01T06:00:00+24:00]",
    "[edited: 2024-05-01T06:00:00.123+01:00]",
    "[author-url: https://example.org/u]",
    "[author-id: u1]",
    '[author-bio: "a bio"]',
    "[author-bio: 3]",
    '[extra: {"k": [1, "v"]}]',
    "[extra: [1]]",
    "[extra: {]",
    "[unknown: value]",
    "•",
    "• Someone",
    "•x",
    "•\tTabbed",
    "\\literal",
    "\\",
    "plain words",
    " leading space",
    "\tleading tab",
    "",
]


@given(tks.articles() | PLAIN_ARTICLES)
def test_the_canonical_rule_takes_what_the_writer_writes(article: Article) -> None:
    try:
        dump = tk_text.write(article)
    except UnrepresentableError:
        assume(False)
    taken = agree(dump)
    event("the canonical rule took it" if taken else "the canonical rule stepped aside")
    # It steps aside only for a thread without comments: it reads none.
    assert taken or not article.comments
    assert by_both(dump, Counted(_lines.comment)) == article


# -- dumps bent out of shape ---------------------------------------------------------


@st.composite
def bent(draw: st.DrawFn) -> str:
    article = draw(PLAIN_ARTICLES | tks.articles(max_depth=3, max_replies=2, max_comments=5))
    try:
        lines = tk_text.write(article).split("\n")
    except UnrepresentableError:
        assume(False)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        indent = line[: len(line) - len(line.lstrip(" "))]
        how = draw(
            st.sampled_from(
                ["indent", "shift", "trail", "blank", "swap", "again", "drop", "insert", "char"]
            )
        )
        if how == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "  ", "   ", "    ", "\t", " \t"])) + (
                line.lstrip(" ")
            )
        elif how == "trail":
            lines[at] = line + draw(st.sampled_from([" ", "\t", "  "]))
        elif how == "blank":
            lines.insert(at, draw(st.sampled_from(["", "", "  "])))
        elif how == "shift" and line.lstrip(" ").startswith("•"):
            # The comment and its text, up to the next bullet, a level or two
            # in or out.
            stop = next(
                (i for i in range(at + 1, len(lines)) if lines[i].lstrip(" ").startswith("•")),
                len(lines),
            )
            by = draw(st.sampled_from([-2, 2, 4]))
            for i in range(at, stop):
                if lines[i]:
                    lines[i] = " " * max(0, by) + lines[i][max(0, -by) :]
        elif how == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], line
        elif how == "again":
            lines.insert(at, line)
        elif how == "drop" and len(lines) > 1:
            del lines[at]
        elif how == "insert":
            odd = draw(st.sampled_from(ODD_LINES))
            extra = draw(st.sampled_from(["", "", "  ", "    "]))
            lines.insert(at + draw(st.integers(0, 1)), indent + extra + odd if odd else "")
        elif how == "char":
            where = draw(st.integers(0, len(line)))
            char = draw(st.sampled_from(["\x00", "\ufffe", "\u00ad", "\t", "•", "\\", "\u2028"]))
            lines[at] = line[:where] + char + line[where:]
    joiner = draw(st.sampled_from(["\n", "\n", "\n", "\r\n"]))
    return joiner.join(lines)


@given(bent(), st.sampled_from([None, None, 1, 2]), st.sampled_from([None, None, 1, 3]))
def test_bent_dumps(text: str, max_depth: int | None, max_comments: int | None) -> None:
    taken = agree(text, max_depth, max_comments)
    event("the canonical rule took it" if taken else "the canonical rule stepped aside")


@given(bent(), st.sampled_from([None, None, 1, 2]), st.sampled_from([None, None, 1, 3]))
def test_reading_a_bent_dump_is_reading_it_line_by_line(
    text: str, max_depth: int | None, max_comments: int | None
) -> None:
    # The same article or the same error, word for word and at the same place.
    limits = {"max_depth": max_depth, "max_comments": max_comments}
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    assert outcome(lambda: tk_text.read(text, **limits)) == outcome(
        lambda: by_line(lines, max_depth, max_comments)
    )


DUMP = """\
Title

  • Ann
    [id: c1]
    [published: 2024-05-01T06:00:00+01:00]
    [score: 3]

    First line
    second line.

    Another paragraph.

    • Bob
      [author-id: b]

      A reply.

  • A comment without a name
"""


def test_literal_lines_are_taken() -> None:
    text = DUMP.replace("    Another paragraph.", "    \\  Another paragraph. \\")
    assert agree(text)
    assert tk_text.read(text).comments[0].text.endswith("\n\n  Another paragraph. ")
    assert not agree(DUMP.replace("    Another paragraph.", "    \\"))


def test_the_sample_is_taken() -> None:
    assert agree(DUMP)
    assert agree(DUMP.replace("\n", "\r\n"))
    assert agree(DUMP.rstrip("\n"))
    assert agree(DUMP + "\n\n")
    article = tk_text.read(DUMP)
    ann, bare = article.comments
    assert ann.text == "First line\nsecond line.\n\nAnother paragraph."
    assert ann.replies[0].author == Author(id="b", name="Bob")
    assert bare == Comment(text="A comment without a name")


@pytest.mark.parametrize(
    "text",
    [
        # layout the line rule reads the same, but the writer never writes
        DUMP.replace("second line.", "second line.   "),
        DUMP.replace("    Another paragraph.", "    \\Another paragraph.  "),
        DUMP.replace("\n\n    Another", "\n\n\n    Another"),
        DUMP.replace("    [score: 3]\n", "    [score:  3]\n"),
        DUMP.replace(
            "    [published: 2024-05-01T06:00:00+01:00]\n    [score: 3]\n",
            "    [score: 3]\n    [published: 2024-05-01T06:00:00+01:00]\n",
        ),
        DUMP.replace("  • A comment", "  •\tA comment"),
        DUMP.replace(
            "    [published: 2024-05-01T06:00:00+01:00]", "    [published: 2024-05-01T05:00:00Z]"
        ),
        DUMP.replace("\n    • Bob", "\n     • Bob"),
        DUMP.replace("without a name\n", "without a name \n"),
        DUMP.replace(
            "    • Bob\n      [author-id: b]\n\n      A reply.",
            "      • Bob\n        [author-id: b]\n\n        A reply.",
        ),
        DUMP.replace("\n  ", "\n    "),
        # what the line rule refuses, with the line and column
        DUMP.replace("2024-05-01T06:00:00+01:00", "2024-13-01T06:00:00+01:00").replace(
            "A reply.", "A reply.  "
        ),
        DUMP.replace("    [score: 3]\n", "    [score: 3]\n    [score: 4]\n"),
        DUMP.replace("    [score: 3]\n", f"    [score: {2**64}]\n"),
        DUMP.replace("    [score: 3]\n", "    [score: 3]\n    [state: gone]\n"),
        DUMP.replace("A reply.", "A re\x00ply."),
        DUMP.replace("    • Bob", "        • Bob"),
        DUMP.replace("      A reply.", "     A reply."),
        DUMP.replace("  • Ann\n", "  • Ann\n    [no text]\n"),
        # a bullet sign that starts no comment, first or later
        "Title\n\n  •\x00\n",
        "Title\n\n  •x\n",
        DUMP.replace("  • A comment without a name", "  •A comment without a name"),
        DUMP.replace("    • Bob", "    •Bob"),
        # a bullet in the head that the search for the first comment passes over
        "Title\n  • Early\n" + DUMP[len("Title\n") :],
    ],
)
def test_what_the_canonical_rule_leaves_to_the_line_rule(text: str) -> None:
    assert not agree(text)

    def outcome(read: Callable[[str], Article]) -> Article | tuple[int | None, int | None]:
        try:
            return read(text)
        except ParseError as error:
            return error.line, error.column

    assert outcome(tk_text.read) == outcome(by_line)


@pytest.mark.parametrize(("max_depth", "max_comments"), [(1, None), (None, 2), (0, None)])
def test_limits_are_left_to_the_line_rule(max_depth: int | None, max_comments: int | None) -> None:
    assert not agree(DUMP, max_depth, max_comments)
    with pytest.raises(ParseError) as caught:
        tk_text.read(DUMP, max_depth=max_depth, max_comments=max_comments)
    assert caught.value.line is not None


def test_limits_that_hold_are_kept() -> None:
    assert agree(DUMP, max_depth=2, max_comments=3)


def test_a_comment_out_of_form_leaves_the_others_to_the_canonical_rule() -> None:
    for bent in (
        DUMP.replace("second line.", "second line.   "),  # Ann's text
        DUMP.replace("      A reply.", "\n      A reply."),  # Bob's, a reply
        DUMP.replace("a name\n", "a name \n"),  # the last comment
    ):
        line_rule = Counted(_lines.comment)
        assert by_both(bent, line_rule) == tk_text.read(DUMP)
        assert line_rule.read == 1, bent


def test_the_head_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    read = _head.read
    monkeypatch.setattr(_head, "read", lambda text: calls.append(text) or read(text))
    bent = DUMP.replace("second line.", "second line.   ")
    assert tk_text.read(bent) == tk_text.read(DUMP)
    assert len(calls) == 2
