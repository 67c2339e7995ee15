"""Formats of one's own: registered by a call or by an entry point, seen everywhere.

The plug-in used is examples/csv_format.py, the docs' worked example.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, Format, ParseError, UnknownFormatError, formats
from threadkit.formats import helpers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

CSV = """\
id,parent_id,author,published,score,body,lang
c1,,Ann,2024-05-01T09:30:00+02:00,4,<p>First!</p>,en
c2,c1,Bo,2024-05-01 10:00,,<p>Me too &amp; <b>more</b></p>,
c3,gone,,,,<p>An orphan</p>,
c2,c1,Bo,2024-05-01 10:00,,<p>Me too (edited)</p>,
"""


@pytest.fixture
def csv_format(monkeypatch: pytest.MonkeyPatch) -> Iterator[Format]:
    monkeypatch.syspath_prepend(str(EXAMPLES))
    import csv_format  # the example plug-in, from examples/

    formats.register(csv_format.FORMAT)
    try:
        yield csv_format.FORMAT
    finally:
        formats.unregister("csv")


def expected_csv_article() -> Article:
    from datetime import UTC, datetime, timedelta, timezone

    return Article(
        title="Comments",
        comments=(
            Comment(
                text="First!",
                id="c1",
                author=Author(name="Ann"),
                published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
                score=4,
                extra={"lang": "en"},
                replies=(
                    Comment(
                        text="Me too (edited)",
                        id="c2",
                        author=Author(name="Bo"),
                        published=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
                    ),
                ),
            ),
            Comment(text="An orphan", id="c3"),
        ),
    )


def test_a_registered_format_is_seen_by_name_suffix_and_content(
    csv_format: Format, tmp_path: Path
) -> None:
    assert threadkit.get_format("csv") is csv_format
    assert threadkit.get_format("CSV") is csv_format
    assert threadkit.guess_format("thread.csv") is csv_format
    assert threadkit.guess_format(content=CSV) is csv_format  # before the text format
    assert threadkit.loads(CSV, "csv") == expected_csv_article()
    assert threadkit.loads(CSV) == expected_csv_article()
    path = tmp_path / "thread.csv"
    path.write_text(CSV, encoding="utf-8")
    assert threadkit.load(path, title="Thread").title == "Thread"
    assert list(threadkit.load_all(path)) == [expected_csv_article()]
    # Sniffed after the built-in formats but before the text format.
    names = [fmt.name for fmt in formats.registered()]
    assert names[-2:] == ["csv", "text"]
    assert names[:-2] == [fmt.name for fmt in formats.FORMATS[:-1]]
    assert formats.FORMATS == formats.FORMATS  # the built-in table is not changed


def test_a_registered_format_has_its_options_checked(csv_format: Format) -> None:
    assert csv_format.options("read") == (
        "title",
        "orphans",
        "duplicates",
        "max_bytes",
        "max_depth",
        "max_comments",
        "encoding",
        "errors",
    )
    with pytest.raises(TypeError, match="the csv reader takes no option 'titel' \\(did you"):
        threadkit.loads(CSV, csv_format, titel="T")
    with pytest.raises(threadkit.ReadOnlyFormatError, match="csv is read-only"):
        threadkit.dumps(Article(title="T"), "csv")


def test_its_errors_are_the_readers_errors(csv_format: Format) -> None:
    with pytest.raises(ParseError) as caught:
        threadkit.loads("id,parent_id,score\nc1,,many\n", "csv")
    assert caught.value.format == "csv"
    assert caught.value.line == 2
    with pytest.raises(threadkit.LimitError) as limit:
        threadkit.loads(CSV, "csv", max_comments=2)
    assert limit.value.line == 4
    with pytest.raises(threadkit.LimitError, match="max_depth"):
        threadkit.loads(CSV, "csv", max_depth=1)


def test_registering_refuses_what_would_hide_a_format(csv_format: Format) -> None:
    with pytest.raises(ValueError, match="'json' is a built-in format"):
        formats.register(Format("json", "csv_format", (".j",), "no"))
    with pytest.raises(ValueError, match="a format named 'csv' is registered already"):
        formats.register(Format("csv", "csv_format", (".csv",), "again"))
    formats.register(Format("csv", "csv_format", (".tsv",), "again"), replace=True)
    assert threadkit.guess_format("x.tsv").suffixes == (".tsv",)
    with pytest.raises(TypeError, match="register takes a Format, not str"):
        formats.register("csv")  # type: ignore[arg-type]


def test_unregistered_it_is_gone(csv_format: Format) -> None:
    formats.unregister("csv")
    with pytest.raises(UnknownFormatError, match="unknown format 'csv'"):
        threadkit.get_format("csv")
    with pytest.raises(UnknownFormatError, match="no registered format 'csv'"):
        formats.unregister("csv")
    formats.register(csv_format)  # for the fixture to take away


# -- entry points: a package of one's own, installed ---------------------------------------


def _installed(tmp_path: Path, entry: str) -> dict[str, str]:
    """An environment whose path holds a distribution with *entry* in threadkit.formats."""
    site = tmp_path / "site"
    info = site / "threadkit_csv-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: threadkit-csv\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[threadkit.formats]\n{entry}\n")
    shutil.copy(EXAMPLES / "csv_format.py", site / "csv_format.py")

    return dict(os.environ, PYTHONPATH=str(site), NO_COLOR="1", COLUMNS="100")


def _python(
    arguments: list[str], environment: dict[str, str], cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _run(arguments: list[str], environment: dict[str, str], cwd: Path) -> str:
    done = _python(arguments, environment, cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_an_entry_point_is_seen_by_the_library_and_the_command_line(tmp_path: Path) -> None:
    environment = _installed(tmp_path, "csv = csv_format:FORMAT")
    (tmp_path / "thread.csv").write_text(CSV, encoding="utf-8")
    printed = _run(
        [
            "-c",
            "import threadkit; a = threadkit.load('thread.csv'); "
            "print(a.comment_count, threadkit.get_format('csv').summary, "
            "threadkit.guess_format(content=open('thread.csv').read()).name)",
        ],
        environment,
        tmp_path,
    )
    assert printed == "3 comments as CSV rows naming their parent (a plug-in) csv\n"
    listed = _run(["-m", "threadkit", "formats"], environment, tmp_path)
    rows = [line.split(None, 2) for line in listed.rstrip().split("\n")]
    assert rows[-2] == ["csv", ".csv", "comments as CSV rows naming their parent (a plug-in)"]
    assert rows[-1][0] == "text"
    convert = ["-m", "threadkit", "convert", "thread.csv", "--to", "json", "-o", "thread.json"]
    _run(convert, environment, tmp_path)
    assert threadkit.load(tmp_path / "thread.json") == expected_csv_article()
    helped = " ".join(_run(["-m", "threadkit", "convert", "--help"], environment, tmp_path).split())
    assert "--to FORMAT the format to write: json, jsonl, html, text -o" in helped
    assert "disqus, wordpress, json, jsonl, html, csv, text) instead of guessing" in helped
    shown = _run(["-m", "threadkit", "show", "thread.csv"], environment, tmp_path)
    assert "Ann" in shown
    assert "An orphan" in shown


def test_a_broken_entry_point_is_a_warning(tmp_path: Path) -> None:
    environment = _installed(tmp_path, "csv = csv_format:NO_SUCH_NAME")
    done = _python(
        [
            "-c",
            "import threadkit; print(threadkit.guess_format('a.txt').name); "
            "print([f.name for f in threadkit.formats.registered()][-1])",
        ],
        environment,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["text", "text"]
    assert "threadkit: the format plug-in 'csv' (csv_format:NO_SUCH_NAME) cannot be loaded" in (
        done.stderr
    )


def test_a_plug_in_whose_module_fails_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    environment = _installed(tmp_path, "csv = csv_broken:FORMAT")
    site = Path(environment["PYTHONPATH"])
    (site / "csv_broken.py").write_text(
        "from threadkit.formats import Format\n"
        "FORMAT = Format('csv', 'csv_broken_impl', ('.csv',), 'needs a library not installed')\n"
    )
    (site / "csv_broken_impl.py").write_text("raise ImportError('needs spreadsheetlib')\n")
    (tmp_path / "thread.csv").write_text(CSV, encoding="utf-8")
    convert = ["-m", "threadkit", "convert", "thread.csv", "--to", "json"]
    done = _python(convert, environment, tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "format 'csv' cannot be used: its module 'csv_broken_impl' cannot be imported" in (
        done.stderr
    )
    assert "(ImportError: needs spreadsheetlib)" in done.stderr
    assert not (tmp_path / "thread.json").exists()
    # Guessing a file of another format goes on past the broken plug-in, with a warning.
    convert[3] = "-"
    done = _python(convert, environment, tmp_path, stdin="A title\n\nA body.\n")
    assert done.returncode == 0, done.stderr
    assert '"title": "A title"' in done.stdout
    assert "format 'csv' cannot be used" in done.stderr


def test_import_threadkit_reads_no_entry_points(tmp_path: Path) -> None:
    environment = _installed(tmp_path, "csv = csv_format:FORMAT")
    printed = _run(
        [
            "-c",
            "import sys, threadkit; threadkit.load('x.txt') if False else None; "
            "threadkit.get_format('json'); threadkit.guess_format('a.json'); "
            "print('csv_format' in sys.modules, 'importlib.metadata' in sys.modules)",
        ],
        environment,
        tmp_path,
    )
    assert printed == "False False\n"


# -- the helpers ------------------------------------------------------------------------------


def test_html_to_text() -> None:
    fragment = (
        "<p>One &amp; <b>two</b>\x07</p><blockquote>said\r\nthis</blockquote>"
        '<ul><li>a</li><li>b</li></ul><p><a href="https://x.org/r">the report</a></p>'
    )
    assert helpers.html_to_text(fragment) == (
        "One & two\n\n> said this\n\n- a\n- b\n\nthe report <https://x.org/r>"
    )
    assert helpers.html_to_text(fragment, links=False, quotes=False) == (
        "One & two\n\nsaid this\n\n- a\n- b\n\nthe report"
    )
    assert helpers.html_to_text("a\nb\n\nc", newlines=True) == "a\nb\n\nc"
    deep = "<div>" * 50_000 + "deep" + "</div>" * 50_000
    assert helpers.html_to_text(deep) == "deep"


def test_clean_text_and_line() -> None:
    assert helpers.clean_text("a\x00b\r\n\r\n\r\nc\ud800\n") == "ab\n\nc"
    assert Comment(text=helpers.clean_text("\ufffe\x1bok")).text == "ok"
    assert helpers.clean_line("  Ann\r\nSmith\x00 ") == "Ann Smith"
    assert helpers.clean_line("\x00 \n") is None
    assert helpers.clean_line(None) is None


def test_read_input_and_check_thread() -> None:
    assert helpers.read_input(b"\xef\xbb\xbfcaf\xc3\xa9", format="mine") == "café"
    assert helpers.read_input(b"caf\xe9", format="mine") == "café"  # windows-1252
    with pytest.raises(threadkit.LimitError) as caught:
        helpers.read_input("x" * 11, format="mine", max_bytes=10)
    assert caught.value.format == "mine"
    with pytest.raises(ValueError, match="max_depth must not be negative"):
        helpers.read_input("x", format="mine", max_depth=-1)
    chain = Comment(text="a", replies=(Comment(text="b", replies=(Comment(text="c"),)),))
    helpers.check_thread((chain,), format="mine", max_depth=3, max_comments=3)
    with pytest.raises(threadkit.LimitError, match="max_depth"):
        helpers.check_thread((chain,), format="mine", max_depth=2)
    with pytest.raises(threadkit.LimitError, match="max_comments"):
        helpers.check_thread((chain,), format="mine", max_comments=2)
    assert helpers.too_many("mine", 5, line=7).line == 7


def test_the_example_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "csv_format.py")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    shown = (EXAMPLES / "csv_format.py").read_text().split("$ python examples/csv_format.py\n")[1]
    docstring = textwrap.dedent(shown.split('"""')[0])
    assert done.stdout == docstring
