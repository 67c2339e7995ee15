"""The command line as a user runs it: the ``threadkit`` program in a temporary directory.

One way to name inputs for every command that reads, summaries of batches,
quiet reruns, answers to the usual mistakes. Expected outputs are written
by hand from the articles each test writes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "tests" / "data" / "importers"


def _program() -> list[str]:
    """The installed ``threadkit`` command, or the module when it is not installed."""
    found = shutil.which("threadkit", path=str(Path(sys.executable).parent))
    return [found] if found is not None else [sys.executable, "-m", "threadkit"]


def threadkit_(*args: str, cwd: Path, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``threadkit ARGS`` in *cwd*: its status, standard output and standard error."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    result = subprocess.run(
        [*_program(), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def story(number: int, comments: int) -> Article:
    """Article *number*, with *comments* top-level comments, the first one deleted."""
    return Article(
        title=f"Story {number}",
        comments=tuple(
            Comment(
                text="" if index == 0 else f"Comment {index}.",
                author=Author(name=f"Reader {index}"),
                state=CommentState.DELETED if index == 0 else CommentState.VISIBLE,
            )
            for index in range(comments)
        ),
    )


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    """``dumps/`` holding a.txt (2 comments), b.txt (3) and sub/c.txt (1)."""
    folder = tmp_path / "dumps"
    (folder / "sub").mkdir(parents=True)
    threadkit.dump(story(1, 2), folder / "a.txt")
    threadkit.dump(story(2, 3), folder / "b.txt")
    threadkit.dump(story(3, 1), folder / "sub" / "c.txt")
    return folder


# -- one way to name inputs -----------------------------------------------------------


def test_every_command_takes_a_directory_a_pattern_a_list_and_stdin(
    dumps: Path, tmp_path: Path
) -> None:
    (tmp_path / "list").write_text("dumps/b.txt\n", "utf-8")
    a = (dumps / "a.txt").read_bytes()
    for args in (["dumps"], ["dumps/*.txt"], ["--files-from", "list", "dumps/a.txt"]):
        status, out, err = threadkit_("validate", *args, cwd=tmp_path)
        assert (status, err) == (0, "")
        assert out.splitlines()[-1] == "2 valid, 0 invalid"
        status, out, err = threadkit_("stats", *args, "--json", cwd=tmp_path)
        assert (status, err) == (0, "")
        assert json.loads(out)["totals"]["comments"] == 5
        status, out, err = threadkit_("show", *args, "--width", "60", cwd=tmp_path)
        assert (status, err) == (0, "")
        assert [line for line in out.splitlines() if line.startswith("Story")] == [
            "Story 1",
            "Story 2",
        ]
    status, out, err = threadkit_("validate", "dumps/**/*.txt", cwd=tmp_path)
    assert (status, err) == (0, "")
    assert out == (
        "dumps/a.txt: ok (text, 2 comments)\n"
        "dumps/b.txt: ok (text, 3 comments)\n"
        "dumps/sub/c.txt: ok (text, 1 comment)\n"
        "3 valid, 0 invalid\n"
    )
    status, out, err = threadkit_("validate", "-", cwd=tmp_path, stdin=a)
    assert (status, out, err) == (0, "<stdin>: ok (text, 2 comments)\n1 valid, 0 invalid\n", "")


def test_the_same_errors_from_every_command(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for command in ("convert", "show", "stats", "validate"):
        extra = ["--to", "json", "-o", "out"] if command == "convert" else []
        status, out, err = threadkit_(command, "nothing/*.txt", *extra, cwd=tmp_path)
        assert (status, out, err) == (1, "", "threadkit: error: no file matches nothing/*.txt\n")
        status, out, err = threadkit_(command, "empty", *extra, cwd=tmp_path)
        assert (status, out) == (1, "")
        assert err == "threadkit: error: empty holds no file with a suffix threadkit reads\n"


# -- stats and validate ---------------------------------------------------------------


def test_stats_prints_a_row_per_article_and_the_totals(dumps: Path, tmp_path: Path) -> None:
    status, out, err = threadkit_("stats", "dumps", cwd=tmp_path)
    assert (status, err) == (0, "")
    # Every story's first comment is deleted; Reader 0 and Reader 1 sign in
    # both stories, Reader 2 in b.txt only.
    assert out == (
        "file                comments  depth  authors  deleted  dates\n"
        "dumps/a.txt                2      1        2        1  -\n"
        "dumps/b.txt                3      1        3        1  -\n"
        "total (2 articles)         5      1        3        2  -\n"
    )


def test_validate_sums_up_and_fails_when_one_is_invalid(dumps: Path, tmp_path: Path) -> None:
    (dumps / "bad.json").write_text('{"threadkit": 1}', "utf-8")
    status, out, err = threadkit_("validate", "dumps", cwd=tmp_path)
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == "dumps/a.txt: ok (text, 2 comments)"
    assert lines[1] == "dumps/b.txt: ok (text, 3 comments)"
    assert lines[2].startswith("dumps/bad.json: error: json: ")
    assert lines[3:] == ["2 valid, 1 invalid"]


# -- batches ----------------------------------------------------------------------------


def test_the_output_directory_is_created_and_a_rerun_is_one_line(
    dumps: Path, tmp_path: Path
) -> None:
    status, out, err = threadkit_(
        "convert", "dumps", "--to", "json", "-o", "out/json", cwd=tmp_path
    )
    assert (status, out, err) == (0, "converted 2 files into out/json (2 articles)\n", "")
    assert sorted(os.listdir(tmp_path / "out" / "json")) == ["a.json", "b.json"]
    threadkit.dump(story(4, 0), dumps / "d.txt")
    status, out, err = threadkit_(
        "convert", "dumps", "--to", "json", "-o", "out/json", cwd=tmp_path
    )
    assert (status, err) == (1, "")
    assert out == (
        "converted 1 of 3 files into out/json (1 article); "
        "2 skipped: their output exists (--force replaces it, -v names each)\n"
    )
    assert threadkit.load(tmp_path / "out" / "json" / "d.json") == story(4, 0)
    status, out, err = threadkit_(
        "convert", "dumps", "--to", "json", "-o", "out/json", "-v", cwd=tmp_path
    )
    assert status == 1
    assert out == (
        "converted 0 of 3 files into out/json (0 articles); "
        "3 skipped: their output exists (--force replaces it)\n"
    )
    assert err == (
        "threadkit: kept out/json/a.json: it exists\n"
        "threadkit: kept out/json/b.json: it exists\n"
        "threadkit: kept out/json/d.json: it exists\n"
    )
    status, out, err = threadkit_(
        "convert", "dumps", "--to", "json", "-o", "out/json", "--force", cwd=tmp_path
    )
    assert (status, out, err) == (0, "converted 3 files into out/json (3 articles)\n", "")


def test_a_missing_input_is_no_such_file_whatever_its_output(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_text("<p>an older page</p>\n", "utf-8")
    status, out, err = threadkit_("convert", "x.txt", "--to", "html", "-o", "x.html", cwd=tmp_path)
    assert (status, out) == (1, "")
    assert err == "threadkit: error: cannot read x.txt: No such file or directory\n"
    assert (tmp_path / "x.html").read_text("utf-8") == "<p>an older page</p>\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "htm"], "argument --to: unknown format 'htm'; did you mean html?"),
        (["--to", "txt"], "argument --to: unknown format 'txt'; did you mean text?"),
        (["--to", "jsonn"], "argument --to: unknown format 'jsonn'; did you mean json?"),
        (
            ["--to", "json", "--from", "txt"],
            "argument --from: unknown format 'txt'; did you mean text?",
        ),
        (
            ["--to", "json", "--from", "disqs"],
            "argument --from: unknown format 'disqs'; did you mean disqus?",
        ),
    ],
)
def test_an_unknown_format_name_suggests_the_nearest(
    args: list[str], message: str, tmp_path: Path
) -> None:
    status, out, err = threadkit_("convert", "a.txt", *args, cwd=tmp_path)
    assert (status, out) == (2, "")
    assert f"threadkit convert: error: {message} " in err


def test_an_export_checks_the_numbered_names_it_writes_not_the_plain_one(tmp_path: Path) -> None:
    shutil.copy(EXPORTS / "disqus_export.xml", tmp_path / "export.xml")
    (tmp_path / "export.json").write_text("an older file\n", "utf-8")
    status, out, err = threadkit_(
        "convert", "export.xml", "--to", "json", "-o", "export.json", cwd=tmp_path
    )
    assert (status, out, err) == (0, "", "")
    assert sorted(os.listdir(tmp_path)) == [
        "export-1.json",
        "export-2.json",
        "export-3.json",
        "export.json",
        "export.xml",
    ]
    assert (tmp_path / "export.json").read_text("utf-8") == "an older file\n"
    # Run again, the numbered names are there: kept without --force, replaced with it.
    status, out, err = threadkit_(
        "convert", "export.xml", "--to", "json", "-o", "export.json", cwd=tmp_path
    )
    assert (status, out) == (1, "")
    assert err == (
        "threadkit: error: export.xml holds several articles: "
        "export-1.json exists; use --force to replace it\n"
    )
    status, out, err = threadkit_(
        "convert", "export.xml", "--to", "json", "-o", "export.json", "--force", cwd=tmp_path
    )
    assert (status, out, err) == (0, "", "")


# -- the html writer's options ----------------------------------------------------------


def test_convert_to_html_takes_the_writer_s_options(dumps: Path, tmp_path: Path) -> None:
    status, out, err = threadkit_(
        "convert", "dumps/a.txt", "--to", "html", "--fragment", "--lang", "de-AT", cwd=tmp_path
    )
    assert (status, err) == (0, "")
    assert out.startswith("<article")
    assert "<html" not in out
    assert out == threadkit.dumps(story(1, 2), "html", fragment=True, lang="de-AT")
    status, out, err = threadkit_(
        "convert", "dumps/a.txt", "--to", "html", "--max-nesting", "0", cwd=tmp_path
    )
    assert (status, err) == (0, "")
    assert out == threadkit.dumps(story(1, 2), "html", max_nesting=0)
    status, out, err = threadkit_(
        "convert", "dumps/a.txt", "--to", "json", "--fragment", cwd=tmp_path
    )
    assert (status, out) == (2, "")
    assert err.endswith("threadkit convert: error: --fragment goes with --to html only\n")
    status, out, err = threadkit_(
        "convert", "dumps/a.txt", "--to", "html", "--lang", "not a tag", cwd=tmp_path
    )
    assert status == 2
    assert "--lang takes a language tag such as en or de-AT, not 'not a tag'" in err
    status, out, err = threadkit_(
        "convert", "dumps/a.txt", "--to", "html", "--max-nesting", "101", cwd=tmp_path
    )
    assert status == 2
    assert "--max-nesting must be from 0 to 100, not 101" in err


# -- no silent misreads ---------------------------------------------------------------


def test_files_that_are_no_threads_are_refused_unless_a_format_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.toml").write_text('title = "Notes"\nversion = 2\n', "utf-8")
    (tmp_path / "table.csv").write_text("id,name\n1,Ada\n2,Bo\n", "utf-8")
    status, out, err = threadkit_("validate", "notes.toml", "table.csv", cwd=tmp_path)
    assert (status, err) == (1, "")
    formats = "reddit, hackernews, mastodon, disqus, wordpress, json, jsonl, html, text"
    assert out == (
        "notes.toml: error: cannot tell its format from its name or content (it looks like "
        f"TOML, INI, YAML or another file of settings, not a thread); give --from FORMAT "
        f"(one of {formats})\n"
        "table.csv: error: cannot tell its format from its name or content (it looks like "
        f"CSV or another table of values, not a thread); give --from FORMAT (one of {formats})\n"
        "0 valid, 2 invalid\n"
    )
    status, out, err = threadkit_("convert", "table.csv", "--to", "json", cwd=tmp_path)
    assert (status, out) == (1, "")
    assert err.startswith("threadkit: error: table.csv: cannot tell its format")
    status, out, err = threadkit_("validate", "table.csv", "--from", "text", cwd=tmp_path)
    assert (status, out, err) == (0, "table.csv: ok (text, 0 comments)\n1 valid, 0 invalid\n", "")


def test_validate_warns_of_lines_read_as_text_and_strict_fails_them(tmp_path: Path) -> None:
    (tmp_path / "hand.txt").write_text(
        "Council Approves Bike Lane\n\n[published: 2024-05-01T09:30:00+02:00]\n\n"
        "The town council voted.\n\n  * Pete\n\n    I run the hardware store.\n",
        "utf-8",
    )
    threadkit.dump(story(1, 2), tmp_path / "clean.txt")
    warnings = (
        "hand.txt:3: warning: [published] after a blank line was read as text: metadata "
        "lines go directly under the line they describe\n"
        "hand.txt:7: warning: '* Pete' looks like a comment but was read as text: a "
        "comment's bullet is • (U+2022), not '*'\n"
    )
    status, out, err = threadkit_("validate", "hand.txt", "clean.txt", cwd=tmp_path)
    assert (status, err) == (0, "")
    assert out == (
        "hand.txt: ok (text, 0 comments, 2 warnings)\n"
        + warnings
        + "clean.txt: ok (text, 2 comments)\n2 valid, 0 invalid\n"
    )
    status, out, err = threadkit_("validate", "hand.txt", "clean.txt", "--strict", cwd=tmp_path)
    assert (status, err) == (1, "")
    assert out == (
        "hand.txt: invalid under --strict (text, 0 comments, 2 warnings)\n"
        + warnings
        + "clean.txt: ok (text, 2 comments)\n1 valid, 1 invalid\n"
    )
