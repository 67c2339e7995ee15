"""``report=`` of the text reader: lines read as text that look like syntax, with line numbers."""

from __future__ import annotations

from pathlib import Path

import threadkit
from threadkit.formats import text
from threadkit.formats.text import TextReport, TextWarning

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "sample.txt"

HAND_WRITTEN = """\
Council Approves Bike Lane
[publisehd: 2024-05-01]

[published: 2024-05-01T09:30:00+02:00]

The town council voted.

- a list in the body is text, and says so by being at the left

Author: Dana

  * Pete

    I run the hardware store.

    - my first point
    - my second

  • Rosa
    [scroe: 3]

    Pete, the study.

    - a list in a comment's text
    [tag: not a comment's key, but in its text]
"""


def test_the_lines_that_look_like_syntax_are_reported() -> None:
    reports: list[TextReport] = []
    article = text.read(HAND_WRITTEN, report=reports.append)
    # Read as the grammar says: the misspelt key continues the title, the
    # rest is text; the warnings change nothing of that.
    assert article == text.read(HAND_WRITTEN)
    assert article.title == "Council Approves Bike Lane [publisehd: 2024-05-01]"
    assert article.published is None
    (report,) = reports
    assert report.warnings == (
        TextWarning(
            2,
            "[publisehd] is no metadata key of the dialect, so the line was read as text "
            "(start it with a backslash if that is meant)",
        ),
        TextWarning(
            4,
            "[published] after a blank line was read as text: metadata lines go directly "
            "under the line they describe",
        ),
        TextWarning(
            12,
            "'* Pete' looks like a comment but was read as text: a comment's bullet is "
            "• (U+2022), not '*'",
        ),
        TextWarning(
            20,
            "[scroe] is no metadata key of the dialect, so the line was read as text "
            "(start it with a backslash if that is meant)",
        ),
    )


def test_a_written_dump_and_the_sample_have_no_warnings() -> None:
    reports: list[TextReport] = []
    threadkit.load(SAMPLE, report=reports.append)
    assert reports == [TextReport()]
    article = threadkit.Article(
        title="T",
        body="- a list\n- in the body",
        comments=(threadkit.Comment(text="* starred\n- dashed\n[tag: x]"),),
    )
    dump = text.write(article)
    text.read(dump, report=reports.append)
    assert reports[-1] == TextReport()


def test_line_endings_do_not_move_the_line_numbers() -> None:
    reports: list[TextReport] = []
    text.read("Title\r\n\r\n[tag: late]\r\n", report=reports.append)
    text.read(b"Title\r\r[tag: late]\r", report=reports.append)
    assert [[w.line for w in report.warnings] for report in reports] == [[3], [3]]
