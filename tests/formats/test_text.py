"""The text format: golden dumps, the dialect's rules, lenient reading, errors, round trips."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadkit
import threadkit.strategies as tks
from threadkit import (
    Article,
    Author,
    Comment,
    CommentState,
    ParseError,
    UnrepresentableError,
)
from threadkit.formats import text
from threadkit.formats.text import _grammar

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "text"


def zone(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


# -- golden dumps: each file reads to its article and is written back byte for byte ----

CASES: dict[str, Article] = {
    "minimal": Article(title="Just a Title"),
    "no-subtitle": Article(
        title="Harbour Ferry Timetable Changes From Monday",
        body=(
            "The harbour ferry will run every 20 minutes on weekdays from Monday, "
            "the port authority said on Friday.\n\n"
            "Weekend crossings stay at every half hour.\n"
            "The last boat still leaves at 23:10."
        ),
        authors=(
            Author(
                name="Mirela Kostova",
                bio="Mirela Kostova reports on transport for the Quayside Courier.",
            ),
        ),
        comments=(
            Comment(
                text="Every 20 minutes is still not enough at eight in the morning.",
                author=Author(name="Olek"),
                replies=(
                    Comment(
                        text="It is better than every 40, which is what we had in 2019.",
                        author=Author(name="Anneke Vos"),
                    ),
                ),
            ),
        ),
    ),
    "no-author": Article(
        title="Library Extends Opening Hours Through the Exam Season",
        subtitle="Reading rooms stay open until midnight from 1 May",
        body=(
            "The central library will keep its reading rooms open until midnight on "
            "weekdays from 1 May until the end of June.\n\n"
            "Staff say the change costs less than expected: “We already heat the "
            "building,” the head librarian said."
        ),
        comments=(
            Comment(
                text="Finally. The 8 pm closing was a joke in exam season.",
                author=Author(name="Priya"),
            ),
            Comment(text="Will the café stay open too?", author=Author(name="Tomasz Wren")),
        ),
    ),
    "deep-replies": Article(
        title="Residents Vote on the New Park Design",
        body="Three designs, one vote, and a lot of opinions about the fountain.",
        comments=(
            Comment(
                text="I like design B.",
                author=Author(name="Ada"),
                replies=(
                    Comment(
                        text="B has no shade at all.",
                        author=Author(name="Ben"),
                        replies=(
                            Comment(
                                text="The trees will grow.",
                                author=Author(name="Ada"),
                                replies=(
                                    Comment(
                                        text="In about thirty years.",
                                        author=Author(name="Cal"),
                                        replies=(
                                            Comment(
                                                text="Then our grandchildren will have shade.",
                                                author=Author(name="Ada"),
                                                replies=(
                                                    Comment(
                                                        text="That is the most park-committee "
                                                        "sentence ever written.",
                                                        author=Author(name="Dee"),
                                                    ),
                                                ),
                                            ),
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                    Comment(text="B also keeps the old oak.", author=Author(name="Eve")),
                ),
            ),
            Comment(
                text="Has anyone asked about the fountain’s running costs?",
                author=Author(name="Fin"),
            ),
        ),
    ),
    "authorless": Article(
        title="Night Buses Return to the Eastern Line",
        body="The eastern night bus returns on Friday after a two-year gap.",
        comments=(
            Comment(text="Welcome back, N7. I missed you."),
            Comment(
                text="This guest comment has replies.",
                replies=(
                    Comment(
                        text="Same here, the taxi fare was eating my wages.",
                        author=Author(name="Gabor"),
                    ),
                    Comment(text="And this reply is a guest’s too."),
                ),
            ),
            Comment(
                text="A guest comment can have several paragraphs.\n\n"
                "This is its second one,\nwith a line break inside."
            ),
            Comment(text=""),
            Comment(
                text="Anyone know if it stops at the hospital?",
                author=Author(name="Hana"),
                replies=(Comment(text="It does, both ways.\nThe last one leaves at 03:40."),),
            ),
        ),
    ),
    "no-subtitle-marker": Article(
        title="Polls Close at Eight",
        body="Counting starts at nine\n\nResults are expected after midnight.",
    ),
    "metadata": Article(
        title="Bridge Repairs Close the Old Road for Two Weeks",
        subtitle="Detours run through the market square.",
        body="The old road closes on Monday for two weeks of repairs.",
        authors=(
            Author(
                name="Ana Souza",
                bio="Ana covers city hall.",
                url="https://news.example/staff/ana",
                id="staff-17",
            ),
            Author(name="Jonas Weber"),
            Author(id="desk-3"),
        ),
        published=datetime(2024, 3, 5, 9, 30, tzinfo=zone(1)),
        url="https://news.example/city/old-road",
        site="The Example Courier",
        tags=("roads", "city"),
        extra={"section": "local", "weight": 0.5, "pinned": False, "ids": [1, 2]},
        comments=(
            Comment(
                text="Two weeks is optimistic.",
                author=Author(
                    name="riverside_rita",
                    bio="Lives by the river.\nWalks to work.",
                    url="https://news.example/u/rita",
                    id="u42",
                ),
                id="c1",
                published=datetime(2024, 3, 5, 10, 2, 11, tzinfo=zone(1)),
                edited=datetime(2024, 3, 5, 10, 15, 0, 250000, tzinfo=zone(1)),
                score=57,
                url="https://news.example/c/1",
                extra={"flair": "local"},
                replies=(
                    Comment(
                        text="",
                        id="c2",
                        published=datetime(2024, 3, 5, 5, 0, tzinfo=zone(-5)),
                        state=CommentState.REMOVED,
                    ),
                ),
            ),
            Comment(
                text="A guest with a profile link.",
                author=Author(url="https://guest.example/me"),
                score=-3,
                state=CommentState.PENDING,
            ),
            Comment(
                text="",
                author=Author(name="Quiet Reader"),
                replies=(Comment(text="Quiet Reader wrote nothing, and this reply says so."),),
            ),
        ),
    ),
    "escapes": Article(
        title="[Updated] Council \\ Budget",
        subtitle="The vote was close.",
        body=(
            "Author: not a byline, just the first words of a paragraph.\n\n"
            "• a bulleted point\n"
            "  an indented line\n"
            "\\ a line that starts with a backslash\n\n"
            "a line with trailing spaces  \n"
            "   \n"
            "\tstarts with a tab\n"
            "ends with a tab\t\n"
            "ends with a backslash\\\n"
            "\\both ends\\"
        ),
        authors=(
            Author(
                name="Rui Prata",
                bio="• Rui has covered the council since 2015.\nAuthor: of two books.",
            ),
        ),
        comments=(
            Comment(
                text="• first point\n• second point\n\n    indented four\n  \n\\ backslash",
                author=Author(name="Sol"),
            ),
            Comment(text=" starts with a space"),
            Comment(
                text="Author: means nothing in a comment.",
                author=Author(name="Author: Someone"),
            ),
            Comment(text="[id: not metadata]"),
            Comment(text="[id: not metadata either]", author=Author(name="Ola")),
            Comment(text="trailing tab\t", author=Author(name="Tess")),
        ),
    ),
}


def test_every_golden_dump_has_a_case() -> None:
    assert sorted(path.stem for path in GOLDEN.glob("*.txt")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_dump_reads_to_its_article(name: str) -> None:
    assert text.read((GOLDEN / f"{name}.txt").read_bytes()) == CASES[name]


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_article_writes_its_dump_byte_for_byte(name: str) -> None:
    assert text.write(CASES[name]).encode("utf-8") == (GOLDEN / f"{name}.txt").read_bytes()


@pytest.mark.parametrize("name", ["no-subtitle", "no-author", "deep-replies", "authorless"])
def test_sample_like_articles_need_no_markers_or_literal_lines(name: str) -> None:
    for line in text.write(CASES[name]).split("\n"):
        assert not line.lstrip(" ").startswith(("[", "\\")), line


# -- the dialect's rules -------------------------------------------------------------

SHAPE = """\
Title

Subtitle without a full stop

First body paragraph.

Author: Kim Lee

Kim Lee writes about rivers.

  • Named

    Named's text.

  • An authorless comment on one line.
"""


def test_the_parts_of_a_dump() -> None:
    article = text.read(SHAPE)
    assert article == Article(
        title="Title",
        subtitle="Subtitle without a full stop",
        body="First body paragraph.",
        authors=(Author(name="Kim Lee", bio="Kim Lee writes about rivers."),),
        comments=(
            Comment(text="Named's text.", author=Author(name="Named")),
            Comment(text="An authorless comment on one line."),
        ),
    )


@pytest.mark.parametrize(
    ("second", "is_subtitle"),
    [
        ("Attacked on Tuesday, the group barely survived", True),
        ("A question without its mark", True),
        ("Short", True),
        ("Ends with a full stop.", False),
        ("Ends with a question?", False),
        ("Ends with an exclamation!", False),
        ("Ends with a colon:", False),
        ("Ends with a semicolon;", False),
        ("Ends with a comma,", False),
        ("Ends with an ellipsis…", False),
        ("“Ends with a quoted sentence.”", False),
        ("(Ends with a bracketed sentence.)", False),
        ("“A quoted phrase”", True),
        ("x" * 250, True),
        ("x" * 251, False),
    ],
)
def test_which_second_paragraph_is_a_subtitle(second: str, is_subtitle: bool) -> None:
    article = text.read(f"Title\n\n{second}\n\nBody.\n")
    if is_subtitle:
        assert (article.subtitle, article.body) == (second, "Body.")
    else:
        assert (article.subtitle, article.body) == (None, f"{second}\n\nBody.")


def test_a_second_paragraph_of_two_lines_is_body() -> None:
    article = text.read("Title\n\nTwo lines\nwithout full stops\n")
    assert (article.subtitle, article.body) == (None, "Two lines\nwithout full stops")


def test_a_lone_short_second_paragraph_is_the_subtitle() -> None:
    assert text.read("Title\n\nOnly a dek\n") == Article(title="Title", subtitle="Only a dek")


def test_the_writer_marks_a_body_that_would_read_as_a_subtitle() -> None:
    article = Article(title="T", body="Looks like a dek\n\nThen the body.")
    assert text.write(article) == "T\n[no subtitle]\n\nLooks like a dek\n\nThen the body.\n"


def test_the_writer_marks_a_subtitle_that_would_read_as_body() -> None:
    article = Article(title="T", subtitle="A whole sentence.", body="Body.")
    assert text.write(article) == "T\n[subtitle: A whole sentence.]\n\nBody.\n"


def test_the_writer_escapes_lines_by_their_breaks_and_spells_dates_as_isoformat() -> None:
    zero, west = timezone(timedelta(0)), timezone(-timedelta(hours=9, minutes=30))
    first, second = datetime(2024, 1, 2, 3, 4, 5, tzinfo=zero), datetime(2024, 1, 3, tzinfo=west)
    article = Article(
        title="T",
        comments=(
            Comment(text="one \ntwo", published=first),
            Comment(text="one\n• two\n\nthree", edited=second.replace(microsecond=60)),
            Comment(text="one\n\ntwo\nthree", published=second, edited=first),
        ),
    )
    assert text.write(article) == (
        "T"
        "\n\n  •\n    [published: 2024-01-02T03:04:05+00:00]\n\n    \\one \\\n    two"
        "\n\n  •\n    [edited: 2024-01-03T00:00:00.000060-09:30]"
        "\n\n    one\n    \\• two\n\n    three"
        "\n\n  •\n    [published: 2024-01-03T00:00:00-09:30]"
        "\n    [edited: 2024-01-02T03:04:05+00:00]\n\n    one\n\n    two\n    three\n"
    )
    assert text.read(text.write(article)) == article


@pytest.mark.parametrize("subtitle", ["• bullet", "\\ backslash", "Author: Someone"])
def test_a_subtitle_that_needs_escaping_goes_in_a_metadata_line(subtitle: str) -> None:
    article = Article(title="T", subtitle=subtitle)
    assert text.write(article) == f"T\n[subtitle: {subtitle}]\n"
    assert text.read(text.write(article)) == article


def test_a_line_break_inside_a_paragraph_is_kept() -> None:
    dump = "T\n\nOne.\nTwo.\n\n  • A\n\n    Three.\n    Four.\n\n    Five.\n"
    article = text.read(dump)
    assert article.body == "One.\nTwo."
    assert article.comments[0].text == "Three.\nFour.\n\nFive."


def test_several_authors_each_with_a_bio() -> None:
    dump = "T\n\nBody.\n\nAuthor: A\n\nBio of A.\n\nAuthor: B\n\nBio of B.\n\nMore of B.\n"
    article = text.read(dump)
    assert article.authors == (
        Author(name="A", bio="Bio of A."),
        Author(name="B", bio="Bio of B.\n\nMore of B."),
    )
    assert text.write(article) == dump


def test_a_bullet_whose_next_line_is_a_reply_is_an_authorless_comment() -> None:
    article = text.read("T\n\n  • Not a name\n\n    • Reply\n\n      Text.\n")
    assert article.comments == (
        Comment(
            text="Not a name",
            replies=(Comment(text="Text.", author=Author(name="Reply")),),
        ),
    )


def test_metadata_lines_only_count_directly_under_their_line() -> None:
    dump = "T\n\n[url: body text]\n\n  • Name\n\n    [id: comment text]\n"
    article = text.read(dump)
    assert (article.url, article.subtitle) == (None, "[url: body text]")
    assert article.comments == (Comment(text="[id: comment text]", author=Author(name="Name")),)


def test_a_bracketed_line_with_an_unknown_key_under_a_bullet_is_text() -> None:
    article = text.read("T\n\n  • Name\n    [quote: not a key]\n")
    assert article.comments == (Comment(text="[quote: not a key]", author=Author(name="Name")),)


def test_literal_lines() -> None:
    dump = "T\n\nBody.\n\n  • N\n\n    \\• a\n    \\  b  \\\n    \\\\c\\\\\n    d\\\n"
    assert text.read(dump).comments[0].text == "• a\n  b  \n\\c\\\nd\\"


def test_an_authorless_comment_with_author_fields() -> None:
    article = Article(
        title="T",
        comments=(
            Comment(text="Guest text.", author=Author(id="g1")),
            Comment(text="Two\nlines.", author=Author(bio="Bio.")),
        ),
    )
    dump = text.write(article)
    assert dump == (
        'T\n\n  • Guest text.\n    [author-id: g1]\n\n  •\n    [author-bio: "Bio."]\n\n'
        "    Two\n    lines.\n"
    )
    assert text.read(dump) == article


def test_comment_ids_and_urls_keep_every_character() -> None:
    article = Article(
        title="T",
        url="https://x.example/a?b=[1]",
        comments=(Comment(text="t", id="a]b: c", url="https://x.example/#]"),),
    )
    assert text.read(text.write(article)) == article


def test_a_title_that_looks_like_json_or_html_stays_text() -> None:
    for title in ("{not json}", "<b>not html</b>", "[bracketed]"):
        dump = text.write(Article(title=title))
        assert dump == f"\\{title}\n"
        assert text.sniff(dump)
        assert threadkit.loads(dump) == Article(title=title)


def test_the_first_line_is_the_title_whatever_it_looks_like() -> None:
    article = Article(
        title="Author: Jason Ditz",
        body="Jason Ditz is news editor of",
        authors=(Author(name="Jason Ditz", bio="Author: of this article."),),
    )
    dump = text.write(article)
    assert dump == (
        "Author: Jason Ditz\n[no subtitle]\n\nJason Ditz is news editor of\n\n"
        "Author: Jason Ditz\n\n"
        "\\Author: of this article.\n"
    )
    assert text.read(dump) == article


def test_a_title_starting_with_a_byte_order_mark_keeps_it() -> None:
    article = Article(title="\ufeffMark")
    assert text.read(text.write(article)) == article
    assert text.read(text.write(article).encode("utf-8")) == article


def test_u2028_and_u2029_are_text_not_line_breaks() -> None:
    article = Article(
        title="A\u2028B",
        body="C\u2029D",
        comments=(Comment(text="E\u2028\n\u2029F", author=Author(name="G\u2029H")),),
    )
    dump = text.write(article)
    assert dump == (
        "A\u2028B\n[no subtitle]\n\nC\u2029D\n\n  • G\u2029H\n\n    E\u2028\n    \u2029F\n"
    )
    assert text.read(dump) == article


def test_options_are_refused() -> None:
    with pytest.raises(TypeError):
        text.read("T\n", strict=True)
    with pytest.raises(TypeError):
        text.write(Article(title="T"), width=80)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Title\n\nBody", True),
        ("\\{escaped title", True),
        ("  indented", True),
        ("", False),
        ("  \n\n", False),
        ('{"threadkit": 1}', False),
        ("<!doctype html>", False),
        ("<html>", False),
        ("<3 this title", True),
    ],
)
def test_sniff(head: str, expected: bool) -> None:
    assert text.sniff(head) is expected


# -- reading real dumps leniently ------------------------------------------------------

CANONICAL = (
    "Title\n\nDek line\n\nBody one.\n\nBody two.\n\nAuthor: A B\n\nBio.\n\n  • N\n\n    Hi.\n"
)


@pytest.mark.parametrize(
    "variant",
    [
        CANONICAL.replace("\n", "\r\n"),
        CANONICAL.replace("\n", "\r"),
        CANONICAL.rstrip("\n"),
        CANONICAL + "\n\n\n",
        "\n\n" + CANONICAL,
        CANONICAL.replace("\n", "  \n"),
        CANONICAL.replace("\n", " \t\r\n"),
        CANONICAL.replace("\n\n", "\n\n\n\n"),
        CANONICAL.replace("\n\n", "\n   \n"),
    ],
    ids=[
        "crlf",
        "cr",
        "no-final-newline",
        "extra-newlines",
        "leading-blanks",
        "trailing-spaces",
        "trailing-whitespace-crlf",
        "runs-of-blank-lines",
        "blank-lines-with-spaces",
    ],
)
def test_real_dump_variations_read_the_same(variant: str) -> None:
    assert text.read(variant) == text.read(CANONICAL)


@pytest.mark.parametrize(
    "data",
    [
        CANONICAL.encode("utf-8"),
        b"\xef\xbb\xbf" + CANONICAL.encode("utf-8"),
        CANONICAL.encode("utf-16"),
        "\ufeff" + CANONICAL,
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "str-bom"],
)
def test_encodings(data: str | bytes) -> None:
    assert text.read(data) == text.read(CANONICAL)


def test_a_bullet_that_skips_a_level_is_a_reply_to_the_comment_above() -> None:
    dump = (
        "T\n\n  • A\n\n    a\n\n      • B\n\n        b\n\n      • C\n\n        c\n\n"
        "  • D\n\n    d\n"
    )
    article = text.read(dump)
    assert article.comments == (
        Comment(
            text="a",
            author=Author(name="A"),
            replies=(
                Comment(text="b", author=Author(name="B")),
                Comment(text="c", author=Author(name="C")),
            ),
        ),
        Comment(text="d", author=Author(name="D")),
    )


def test_odd_bullet_indentation_nests_by_comparison() -> None:
    dump = "T\n\n • A\n\n   a\n\n    • B\n\n      b\n\n   • C\n\n     c\n"
    article = text.read(dump)
    assert article.comments == (
        Comment(
            text="a",
            author=Author(name="A"),
            replies=(
                Comment(text="b", author=Author(name="B")),
                Comment(text="c", author=Author(name="C")),
            ),
        ),
    )


def test_a_top_level_bullet_at_the_margin_is_a_comment() -> None:
    article = text.read("T\n\nBody.\n\n• A\n\n  a\n")
    assert article.comments == (Comment(text="a", author=Author(name="A")),)


def test_text_indented_deeper_than_its_level_keeps_the_extra_spaces() -> None:
    article = text.read("T\n\n  • A\n\n    a\n      deeper\n")
    assert article.comments[0].text == "a\n  deeper"


def test_text_directly_under_the_bullet_is_read_as_its_text() -> None:
    article = text.read("T\n\n  • A\n    first line\n    second line\n")
    assert article.comments == (Comment(text="first line\nsecond line", author=Author(name="A")),)


def test_a_bio_directly_under_the_author_line() -> None:
    article = text.read("T\n\nBody.\nAuthor: A\nBio line.\n")
    assert (article.body, article.authors) == ("Body.", (Author(name="A", bio="Bio line."),))


def test_a_title_wrapped_over_two_lines_is_joined() -> None:
    assert text.read("A long title\nwrapped\n\nBody.\n").title == "A long title wrapped"
    assert text.read("Title\n[unfinished: \n").title == "Title [unfinished:"


def test_a_tab_after_the_bullet_is_read_as_a_space() -> None:
    article = text.read("T\n\n  •\tName\n\n    Text.\n")
    assert article.comments == (Comment(text="Text.", author=Author(name="Name")),)


def test_a_bare_author_line_names_nobody() -> None:
    assert text.read("T\n\nBody.\n\nAuthor:\n").authors == ()


# -- errors: ParseError with a line and a column, never another exception ---------------


@pytest.mark.parametrize(
    ("dump", "line", "column", "words"),
    [
        ("", 1, 1, "empty"),
        ("\n  \n", 1, 1, "empty"),
        ("  • Early\n\nTitle\n", 1, 3, "before the title"),
        ("\n\n• Early\n", 3, 1, "before the title"),
        ("T\n\n  • A\n\n   a\n", 5, 4, "no comment's level"),
        ("T\n\n  • A\n\n    a\n\n    • B\n\n      b\n\n    more a\n", 11, 5, "no comment's level"),
        ("T\n\n\t• A\n", 3, 1, "tab"),
        ("T\n\n  • A\n\n  \ta\n", 5, 3, "tab"),
        ("T\n\n  • A\n\n    \t• B\n", 5, 5, "tab"),
        ("T\n\n  • A\n\n    \\\n", 5, 5, "nothing to take literally"),
        ("T\n\nBody\n\\\\\n", 4, 1, "nothing to take literally"),
        ("\\\n", 1, 1, "nothing to take literally"),
        ("T\n\n  • A\n    [score: many]\n", 4, 5, "whole number"),
        ("T\n\n  • A\n    [score: 9223372036854775808]\n", 4, 5, "64-bit"),
        ("T\n\n  • A\n    [published: yesterday]\n", 4, 5, "ISO 8601"),
        ("T\n\n  • A\n    [published: 2024-01-01T10:00:00]\n", 4, 5, "no UTC offset"),
        ("T\n\n  • A\n    [edited: 2024-01-01T10:00:00+01:00:30]\n", 4, 5, "whole minutes"),
        ("T\n\n  • A\n    [state: hidden]\n", 4, 5, "not one of"),
        ("T\n\n  • A\n    [extra: {oops}]\n", 4, 5, "not valid JSON"),
        ("T\n\n  • A\n    [extra: [1, 2]]\n", 4, 5, "JSON object"),
        ("T\n\n  • A\n    [author-bio: 42]\n", 4, 5, "JSON string"),
        ("T\n\n  • A\n    [id: 1]\n    [id: 2]\n", 5, 5, "twice"),
        ("T\n\n  • A\n    [no text]\n    [no text]\n", 5, 5, "twice"),
        ("T\n\n  • A\n    [no text]\n\n    But text.\n", 3, 5, "[no text]"),
        ("T\n[subtitle: a]\n[no subtitle]\n", 3, 1, "twice"),
        ("T\n[url: a]\n[url: b]\n", 3, 1, "twice"),
        ("T\n[url: a]\nnot metadata\n", 3, 1, "[key: value]"),
        ("T\n[published: 2024-13-01T00:00:00+00:00]\n", 2, 1, "ISO 8601"),
        ("T\n[url: a]\n[extra: {}\n", 3, 1, "[key: value]"),
        ("T\n\nAuthor: A\n[url: a]\n[url: b]\n", 5, 1, "twice"),
        ("T\n\n  • A\n\n    a\x01b\n", 5, 6, "U+0001"),
        ("T\x7f\n", 1, 2, "U+007F"),
        ("\\\n\nBody.\n", 1, 1, "nothing to take literally"),
    ],
)
def test_malformed_input_raises_parse_error_with_a_location(
    dump: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(ParseError) as caught:
        text.read(dump)
    error = caught.value
    assert (error.format, error.line, error.column) == ("text", line, column)
    assert words in error.message


def test_an_empty_title_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as caught:
        text.read("\n\n\\ \\\n")
    assert (caught.value.line, caught.value.column) == (3, 1)


def test_invalid_utf8_is_a_parse_error_with_an_offset() -> None:
    # UTF-8 before the bad byte (the é), so no windows-1252 fallback.
    with pytest.raises(ParseError) as caught:
        text.read(b"Titl\xc3\xa9\n\n\xff\n")
    assert caught.value.offset == 8


_FRAGMENTS = st.sampled_from(
    [
        "",
        " ",
        "Title",
        "Body.",
        "Author: X",
        "Author:",
        "•",
        "• A",
        "  • N",
        "    • R",
        "      • D",
        "\t• T",
        "  \tx",
        "    text",
        "   odd",
        "      deep",
        "\\",
        "\\\\",
        "\\x\\",
        "    \\",
        "[no subtitle]",
        "[subtitle: s]",
        "[tag: t]",
        "[extra: {}]",
        "[extra: {",
        "    [id: i]",
        "    [no text]",
        "    [score: x]",
        "    [published: 2024-01-01T00:00:00+00:00]",
        '    [author-bio: "b"]',
        "\ufeff",
        "\u2028",
        "\x00",
        "\x85",
    ]
)


@given(st.lists(_FRAGMENTS, max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_arrangement_of_syntax_reads_or_raises_parse_error(
    lines: list[str], newline: str
) -> None:
    error: ParseError | None = None
    try:
        text.read(newline.join(lines))
    except ParseError as raised:
        error = raised
    if error is not None:
        assert error.line is not None
        assert error.line >= 1
        assert error.column is not None
        assert error.column >= 1


@given(st.text())
def test_any_text_reads_or_raises_parse_error(data: str) -> None:
    with suppress(ParseError):
        text.read(data)


@given(st.binary())
def test_any_bytes_read_or_raise_parse_error(data: bytes) -> None:
    with suppress(ParseError):
        text.read(data)


# -- round trips -----------------------------------------------------------------------


@given(tks.articles())
def test_round_trip(article: Article) -> None:
    dump = text.write(article)
    again = text.read(dump)
    assert again == article
    assert text.write(again) == dump


@given(tks.articles())
def test_round_trip_through_bytes_and_sniffing(article: Article) -> None:
    data = threadkit.dumps(article, "text").encode("utf-8")
    assert threadkit.loads(data) == article


@given(tks.articles(max_depth=8, max_replies=2, max_comments=3))
def test_round_trip_of_deeper_threads(article: Article) -> None:
    assert text.read(text.write(article)) == article


_WORDS = st.sampled_from(
    [
        *("the", "council", "harbour", "ferry", "vote", "budget", "bridge", "road", "night"),
        *("bus", "library", "river", "market", "square", "Tuesday", "residents", "oak"),
    ]
)
_PHRASE = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_SENTENCE = _PHRASE.map(lambda phrase: phrase[0].upper() + phrase[1:] + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=3).map("\n".join)
_TEXT = st.lists(_PARAGRAPH, min_size=1, max_size=3).map("\n\n".join)
_NAME = st.lists(_WORDS, min_size=1, max_size=2).map(" ".join)


def _sample_like_comments(depth: int) -> st.SearchStrategy[Comment]:
    named = st.builds(lambda name, body: Comment(text=body, author=Author(name=name)), _NAME, _TEXT)
    authorless = st.builds(lambda sentence: Comment(text=sentence), _SENTENCE)
    leaf = named | authorless
    if depth <= 1:
        return leaf
    return st.builds(
        lambda comment, replies: Comment(
            text=comment.text, author=comment.author, replies=tuple(replies)
        ),
        leaf,
        st.lists(_sample_like_comments(depth - 1), max_size=2),
    )


_SAMPLE_LIKE = st.builds(
    Article,
    title=_PHRASE,
    subtitle=st.none() | _PHRASE,
    body=_TEXT | st.just(""),
    authors=st.lists(st.builds(Author, name=_NAME, bio=_TEXT | st.just("")), max_size=1).map(tuple),
    comments=st.lists(_sample_like_comments(3), max_size=4).map(tuple),
)


@given(_SAMPLE_LIKE)
def test_articles_like_the_sample_are_written_without_markers(article: Article) -> None:
    dump = text.write(article)
    for line in dump.split("\n"):
        assert not line.lstrip(" ").startswith(("[", "\\")), line
    assert text.read(dump) == article


def _json_or_skip() -> object:
    try:
        from threadkit.formats import json as tk_json
    except ImportError:  # pragma: no cover - only while the json format is missing
        pytest.skip("threadkit.formats.json is not importable yet")
    return tk_json


@given(tks.articles())
def test_text_to_json_to_text(article: Article) -> None:
    _json_or_skip()
    dump = text.write(article)
    via_json = threadkit.loads(threadkit.dumps(text.read(dump), "json"), "json")
    assert text.write(via_json) == dump


@given(tks.articles())
def test_json_to_text_to_json(article: Article) -> None:
    _json_or_skip()
    document = threadkit.dumps(article, "json")
    via_text = text.read(text.write(threadkit.loads(document, "json")))
    assert threadkit.dumps(via_text, "json") == document


# -- depth -----------------------------------------------------------------------------


def _chain(depth: int) -> Article:
    comment = Comment(text="last", author=Author(name="z"))
    for level in range(depth - 1, 0, -1):
        author = Author(name=f"n{level % 7}") if level % 3 else None
        comment = Comment(text=f"r{level}", author=author, replies=(comment,))
    return Article(title="Deep", comments=(comment,))


@contextmanager
def _shallow_stack(frames: int) -> Iterator[None]:
    """Allow only *frames* more frames than the caller has: any recursion would fail."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def test_a_reply_chain_5000_deep_reads_and_writes_without_recursion() -> None:
    article = _chain(5000)
    with _shallow_stack(60):
        dump = text.write(article)
        again = text.read(dump)
    assert again.depth == 5000
    assert again == article
    lines = dump.split("\n")
    assert lines[-4:] == [" " * 10000 + "• z", "", " " * 10002 + "last", ""]


def test_the_depth_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # The bound as the writer and the readers look it up, where the grammar keeps it.
    monkeypatch.setattr(_grammar, "MAX_DEPTH", 3)
    assert text.read(text.write(_chain(3))) == _chain(3)
    with pytest.raises(UnrepresentableError, match="deeper than 3"):
        text.write(_chain(4))
    monkeypatch.setattr(_grammar, "MAX_DEPTH", 10_000)
    dump = text.write(_chain(4))
    monkeypatch.setattr(_grammar, "MAX_DEPTH", 3)
    with pytest.raises(ParseError) as caught:
        text.read(dump)
    assert (caught.value.line, caught.value.column) == (13, 9)


def test_the_default_depth_bound_is_documented_and_above_5000() -> None:
    assert text.MAX_DEPTH == 10_000
    assert text.__doc__ is not None
    assert "MAX_DEPTH" in text.__doc__
