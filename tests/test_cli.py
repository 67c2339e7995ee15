"""The command line, used as a person or a script would use it.

Most tests call ``threadkit.cli.main`` in-process (fast, and able to break
things on purpose with monkeypatch); the ones that are about the program as
a whole run ``python -m threadkit`` in a subprocess, some of them on a
pseudo-terminal. Expected outputs are written out by hand.
"""

from __future__ import annotations

import errno
import io
import json
import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState, tree
from threadkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample.txt"

ARTICLE = Article(
    title="Council backs the Mill Street lane",
    authors=(Author(name="Dana Whitcombe"),),
    published=datetime(2024, 3, 5, 9, 0, tzinfo=timezone(timedelta(hours=-5))),
    comments=(
        Comment(
            text="Good news for the school run.\n\nSecond paragraph.",
            author=Author(name="Marguerite"),
            published=datetime(2024, 3, 5, 14, 2, tzinfo=UTC),
            score=12,
            replies=(
                Comment(
                    text="Not for the shops.",
                    author=Author(name="Pete"),
                    score=-1,
                    replies=(
                        Comment(text="They will survive.", author=Author(name="Rosa"), score=1),
                    ),
                ),
                Comment(text="", author=Author(name="Sam"), state=CommentState.DELETED),
            ),
        ),
        Comment(text="Nobody asked us.", score=0),
    ),
)

SHOW_80 = """\
Council backs the Mill Street lane
by Dana Whitcombe · 2024-03-05 · 5 comments · 3 levels deep

• Marguerite · 2024-03-05 14:02 · 12 points · 2 replies (3 in all)
  Good news for the school run. …
  • Pete · -1 point · 1 reply
    Not for the shops.
    • Rosa · 1 point
      They will survive.
  • Sam · deleted
    (no text)
• (anonymous) · 0 points
  Nobody asked us.
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current directory, so that file names in messages are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def thread_json(workdir: Path) -> Path:
    path = workdir / "thread.json"
    threadkit.dump(ARTICLE, path, format="json")
    return path


def run(
    *args: str | os.PathLike[str],
    input: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m threadkit ARGS`` with pipes for its standard streams."""
    return subprocess.run(
        [sys.executable, "-m", "threadkit", *map(str, args)],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


def plain_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "TERM")}
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def run_on_terminal(*args: str | os.PathLike[str], cwd: Path, env: dict[str, str]) -> str:
    """Run ``python -m threadkit ARGS`` with its output on a pseudo-terminal, 80 wide."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "threadkit", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 120)
            if not ready:
                raise AssertionError("no output from the program for two minutes")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the program closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def files_in(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def one_error_line(err: str) -> str:
    """The single line a failing command prints on stderr, checked to be just that."""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("threadkit: error: "), err
    assert "Traceback" not in err
    return err.removeprefix("threadkit: error: ").rstrip("\n")


# -- convert: the main paths --------------------------------------------------------


def test_convert_writes_the_output_file(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--to", "text", "-o", "thread.txt"]) == 0
    assert capsys.readouterr() == ("", "")
    assert threadkit.load(workdir / "thread.txt", format="text") == ARTICLE


def test_convert_writes_to_stdout_without_o(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--to", "text"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert threadkit.loads(out, format="text") == ARTICLE


def test_convert_dash_o_is_stdout(thread_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "thread.json", "--to", "text", "-o", "-"]) == 0
    assert threadkit.loads(capsys.readouterr().out, format="text") == ARTICLE
    assert not (thread_json.parent / "-").exists()


def test_convert_sample_to_html_and_json_like_the_demo(workdir: Path) -> None:
    for fmt in ("html", "json"):
        result = run("convert", SAMPLE, "--to", fmt, "-o", f"sample.{fmt}", cwd=workdir)
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
        converted = threadkit.load(workdir / f"sample.{fmt}")
        assert converted == threadkit.load(SAMPLE)
    assert (
        (workdir / "sample.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    )


def test_convert_reads_stdin_and_writes_stdout(workdir: Path) -> None:
    text = threadkit.dumps(ARTICLE, format="text").encode("utf-8")
    result = run("convert", "-", "--from", "text", "--to", "json", input=text, cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert threadkit.loads(result.stdout, format="json") == ARTICLE
    assert files_in(workdir) == []


def test_convert_guesses_the_format_of_stdin_from_its_content(workdir: Path) -> None:
    data = threadkit.dumps(ARTICLE, format="json").encode("utf-8")
    result = run("convert", "-", "--to", "text", input=data, cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert threadkit.loads(result.stdout, format="text") == ARTICLE


def test_convert_guesses_the_format_from_the_suffix_unless_from_says_otherwise(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # JSON content in a file named .txt: the suffix says text, --from says json.
    (workdir / "really-json.txt").write_text(threadkit.dumps(ARTICLE, format="json"), "utf-8")
    assert main(["convert", "really-json.txt", "--from", "json", "--to", "text"]) == 0
    assert threadkit.loads(capsys.readouterr().out, format="text") == ARTICLE


def test_convert_several_inputs_into_a_directory(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "in").mkdir()
    (workdir / "out").mkdir()
    threadkit.dump(ARTICLE, workdir / "in" / "first.json", format="json")
    second = attrs.evolve(ARTICLE, title="Second")
    threadkit.dump(second, workdir / "in" / "second.text", format="text")
    code = main(["convert", "in/first.json", "in/second.text", "--to", "html", "-o", "out"])
    assert code == 0, capsys.readouterr().err
    assert files_in(workdir / "out") == ["first.html", "second.html"]
    assert threadkit.load(workdir / "out" / "first.html") == ARTICLE
    assert threadkit.load(workdir / "out" / "second.html") == second


def test_convert_into_an_existing_directory_with_one_input(
    thread_json: Path, workdir: Path
) -> None:
    (workdir / "out").mkdir()
    assert main(["convert", "thread.json", "--to", "text", "-o", "out"]) == 0
    assert files_in(workdir / "out") == ["thread.txt"]


# -- convert: refusals -------------------------------------------------------------


def test_several_inputs_need_an_output_directory(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "thread.json", "--to", "text"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: threadkit convert")
    assert err.rstrip("\n").endswith("threadkit convert: error: several inputs need -o DIRECTORY")


def test_two_inputs_with_the_same_name_are_refused(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b", "out"):
        (workdir / folder).mkdir()
    threadkit.dump(ARTICLE, workdir / "a" / "x.json", format="json")
    threadkit.dump(ARTICLE, workdir / "b" / "x.json", format="json")
    assert main(["convert", "a/x.json", "b/x.json", "--to", "text", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "a/x.json and b/x.json would both be written to out/x.txt" in err
    assert files_in(workdir / "out") == []


def test_stdin_cannot_go_into_a_directory(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").mkdir()
    assert main(["convert", "-", "--to", "json", "-o", "out"]) == 2
    assert "standard input ('-') has no name to keep in a directory" in capsys.readouterr().err


def test_convert_refuses_to_overwrite_without_force(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = workdir / "thread.txt"
    existing.write_bytes(b"keep me\n")
    assert main(["convert", "thread.json", "--to", "text", "-o", "thread.txt"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert one_error_line(err) == "thread.txt exists; use --force to replace it"
    assert existing.read_bytes() == b"keep me\n"

    assert main(["convert", "thread.json", "--to", "text", "-o", "thread.txt", "--force"]) == 0
    assert threadkit.load(existing) == ARTICLE


def test_a_batch_keeps_existing_outputs_and_counts_them(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").mkdir()
    threadkit.dump(ARTICLE, workdir / "a.json", format="json")
    threadkit.dump(ARTICLE, workdir / "b.json", format="json")
    (workdir / "out" / "b.txt").write_bytes(b"old\n")
    assert main(["convert", "a.json", "b.json", "--to", "text", "-o", "out"]) == 1
    assert capsys.readouterr() == (
        "converted 1 of 2 files into out (1 article); "
        "1 skipped: its output exists (--force replaces it, -v names each)\n",
        "",
    )
    assert files_in(workdir / "out") == ["a.txt", "b.txt"]
    assert (workdir / "out" / "b.txt").read_bytes() == b"old\n"


def test_convert_never_overwrites_its_input_even_with_force(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = thread_json.read_bytes()
    (workdir / "link.json").symlink_to(thread_json)
    for target in ("thread.json", "link.json", "./thread.json"):
        code = main(["convert", "thread.json", "--to", "json", "-o", target, "--force"])
        assert code == 1
        assert one_error_line(capsys.readouterr().err) == (
            f"{target} is the input thread.json; threadkit never overwrites its input"
        )
    assert thread_json.read_bytes() == before


def test_convert_leaves_its_inputs_untouched(workdir: Path) -> None:
    (workdir / "out").mkdir()
    threadkit.dump(ARTICLE, workdir / "a.json", format="json")
    sample_copy = workdir / "sample.txt"
    sample_copy.write_bytes(SAMPLE.read_bytes())
    # An old timestamp, so that any write would show.
    old = 1_500_000_000_000_000_000
    for path in (workdir / "a.json", sample_copy):
        os.utime(path, ns=(old, old))
    before = {path: path.read_bytes() for path in (workdir / "a.json", sample_copy)}
    for fmt in ("text", "json", "html"):
        result = run(
            "convert", "a.json", "sample.txt", "--to", fmt, "-o", "out", "--force", cwd=workdir
        )
        assert result.returncode == 0, result.stderr
    for path, data in before.items():
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == old
    assert files_in(workdir / "out") == [
        "a.html",
        "a.json",
        "a.txt",
        "sample.html",
        "sample.json",
        "sample.txt",
    ]


# -- convert: input problems --------------------------------------------------------


def test_missing_input_is_one_line_and_exit_1(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "missing.txt", "--to", "json", "-o", "out.json"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "cannot read missing.txt: No such file or directory"
    )
    assert files_in(workdir) == []


def test_a_directory_where_a_file_is_expected_is_one_line_and_exit_1(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "folder.txt").mkdir()
    # On the command line a directory stands for the files in it: here, none.
    assert main(["show", "folder.txt"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "folder.txt holds no file with a suffix threadkit reads"
    )
    # In a list of inputs, a directory is a file that cannot be read.
    (workdir / "list").write_text("folder.txt\n", "utf-8")
    (workdir / "out").mkdir()
    assert main(["convert", "--files-from", "list", "--to", "json", "-o", "out"]) == 1
    out, err = capsys.readouterr()
    assert one_error_line(err) == "cannot read folder.txt: Is a directory"
    assert out == "converted 0 of 1 file into out (0 articles); 1 failed\n"
    assert files_in(workdir) == ["folder.txt", "list", "out"]
    assert files_in(workdir / "out") == []


def test_a_directory_without_articles_is_one_line_and_exit_1(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "folder").mkdir()
    (workdir / "folder" / "notes.md").write_text("not an article\n", "utf-8")
    (workdir / "out").mkdir()
    assert main(["convert", "folder", "--to", "json", "-o", "out"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "folder holds no file with a suffix threadkit reads"
    )
    assert files_in(workdir / "out") == []


def test_a_missing_input_through_the_real_program(workdir: Path) -> None:
    result = run("convert", "missing.txt", "--to", "json", cwd=workdir)
    assert result.returncode == 1
    assert result.stdout == b""
    assert (
        result.stderr == b"threadkit: error: cannot read missing.txt: No such file or directory\n"
    )


def test_invalid_input_names_the_file_and_the_place(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "broken.json").write_text('{"title": "A", "comments": [', "utf-8")
    assert main(["convert", "broken.json", "--to", "text", "-o", "out.txt"]) == 1
    message = one_error_line(capsys.readouterr().err)
    assert message.startswith("broken.json: json: ")
    assert "line 1" in message or "offset" in message or "at $" in message
    assert files_in(workdir) == ["broken.json"]


def test_one_bad_input_does_not_stop_the_others(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").mkdir()
    threadkit.dump(ARTICLE, workdir / "good.json", format="json")
    code = main(["convert", "missing.json", "good.json", "--to", "text", "-o", "out"])
    assert code == 1
    assert one_error_line(capsys.readouterr().err) == (
        "cannot read missing.json: No such file or directory"
    )
    assert files_in(workdir / "out") == ["good.txt"]


# -- convert: unknown formats --------------------------------------------------------


def test_an_unknown_output_format_is_a_usage_error(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--to", "xml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "argument --to: unknown format 'xml'; threadkit writes: json, jsonl, html, text" in err


def test_a_read_only_format_is_refused_as_output(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    read_only = [fmt.name for fmt in threadkit.FORMATS if not getattr(fmt, "writable", True)]
    if not read_only:
        pytest.skip("every registered format is writable")
    assert main(["convert", "thread.json", "--to", read_only[0]]) == 2
    assert f"argument --to: {read_only[0]} is read-only" in capsys.readouterr().err


def test_an_unknown_input_format_is_a_usage_error(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--from", "yaml", "--to", "text"]) == 2
    assert "argument --from: unknown format 'yaml'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", threadkit.FORMATS, ids=lambda fmt: fmt.name)
def test_a_format_missing_from_the_installation_is_one_line(
    fmt: threadkit.Format,
    thread_json: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, fmt.module, None)
    assert main(["stats", "thread.json", "--from", fmt.name]) == 1
    message = one_error_line(capsys.readouterr().err)
    assert message == f"format {fmt.name!r} is not available in this installation"


def test_format_names_are_not_case_sensitive(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--from", "JSON", "--to", "Text"]) == 0
    assert threadkit.loads(capsys.readouterr().out, format="text") == ARTICLE


def test_content_no_format_recognises_asks_for_from(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["convert", "-", "--to", "json"]) == 1
    message = one_error_line(capsys.readouterr().err)
    assert message.startswith("<stdin>: cannot tell its format from its name or content; ")
    assert "give --from FORMAT (one of " in message


def test_stdin_in_process(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = threadkit.dumps(ARTICLE, format="json").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["stats", "-", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["articles"]
    assert (entry["file"], entry["format"], entry["comments"]) == ("<stdin>", "json", 5)


def test_missing_to_is_a_usage_error(thread_json: Path) -> None:
    result = run("convert", "thread.json", cwd=thread_json.parent)
    assert result.returncode == 2
    assert b"the following arguments are required: --to" in result.stderr
    assert b"Traceback" not in result.stderr


# -- convert: output problems, and atomic writes -------------------------------------


def test_a_missing_output_directory_is_one_line_and_exit_1(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--to", "text", "-o", "nowhere/thread.txt"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "cannot write nowhere/thread.txt: directory nowhere does not exist"
    )
    assert files_in(workdir) == ["thread.json"]
    # An output directory is created, its parents too.
    assert main(["convert", "thread.json", "thread.json", "--to", "text", "-o", "new/dir"]) == 0
    assert capsys.readouterr() == ("converted 1 file into new/dir (1 article)\n", "")
    assert files_in(workdir / "new" / "dir") == ["thread.txt"]


def test_several_inputs_into_a_file_are_refused(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out.txt").write_bytes(b"a file\n")
    assert main(["convert", "thread.json", "thread.json", "--to", "text", "-o", "out.txt"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "out.txt is not a directory; several inputs need -o DIRECTORY"
    )
    assert (workdir / "out.txt").read_bytes() == b"a file\n"


def test_a_closed_stdout_is_one_line_and_exit_1(thread_json: Path, workdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "threadkit", "convert", "thread.json", "--to", "text"],
        stdout=None,
        stderr=subprocess.PIPE,
        cwd=workdir,
        preexec_fn=lambda: os.close(1),
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == b"threadkit: error: there is no standard output to write to\n"


class _DiskFillsUp:
    """A file object that writes half of what it is given, then fails with ENOSPC."""

    def __init__(self, stream: io.BufferedWriter) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def __enter__(self) -> _DiskFillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file opened from a descriptor fills the disk half-way through its write."""
    real_fdopen = os.fdopen
    opened: list[str] = []

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.readlink(f"/proc/self/fd/{fd}"))
        return _DiskFillsUp(real_fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)
    return opened


def test_a_full_disk_leaves_no_partial_file(
    thread_json: Path, workdir: Path, full_disk: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--to", "html", "-o", "thread.html"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "cannot write thread.html: No space left on device"
    )
    assert full_disk, "the write did not go through the patched file"
    assert files_in(workdir) == ["thread.json"]


def test_a_full_disk_keeps_the_old_output_when_forcing(
    thread_json: Path, workdir: Path, full_disk: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "thread.txt").write_bytes(b"the previous version\n")
    code = main(["convert", "thread.json", "--to", "text", "-o", "thread.txt", "--force"])
    assert code == 1
    assert "No space left on device" in one_error_line(capsys.readouterr().err)
    assert (workdir / "thread.txt").read_bytes() == b"the previous version\n"
    assert files_in(workdir) == ["thread.json", "thread.txt"]


def test_fsync_failing_leaves_no_file(
    thread_json: Path,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["convert", "thread.json", "--to", "json", "-o", "copy.json"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "cannot write copy.json: No space left on device"
    )
    assert files_in(workdir) == ["thread.json"]


def test_an_unwritable_directory_is_one_line_and_exit_1(
    thread_json: Path,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Permissions do not stop root, so the refusal is simulated where the
    # temporary file is created.
    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    assert main(["convert", "thread.json", "--to", "text", "-o", "thread.txt"]) == 1
    assert one_error_line(capsys.readouterr().err) == "cannot write thread.txt: Permission denied"
    assert files_in(workdir) == ["thread.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_directory_is_one_line_and_exit_1(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = workdir / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["convert", "thread.json", "--to", "text", "-o", "locked/t.txt"]) == 1
        assert "Permission denied" in one_error_line(capsys.readouterr().err)
        assert files_in(locked) == []
    finally:
        locked.chmod(0o700)


def test_ctrl_c_while_writing_leaves_no_file_and_exits_130(
    thread_json: Path,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fsync(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["convert", "thread.json", "--to", "html", "-o", "thread.html"]) == 130
    assert capsys.readouterr() == ("", "threadkit: interrupted\n")
    assert files_in(workdir) == ["thread.json"]


# -- show ----------------------------------------------------------------------------


def test_show_prints_the_thread_as_a_tree(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "thread.json", "--width", "80", "--no-color"]) == 0
    assert capsys.readouterr() == (SHOW_80, "")


def test_show_reads_stdin(workdir: Path) -> None:
    data = threadkit.dumps(ARTICLE, format="text").encode("utf-8")
    result = run(
        "show", "-", "--from", "text", "--width", "80", input=data, cwd=workdir, env=plain_env()
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == SHOW_80


def test_show_cuts_below_depth_and_counts_what_it_hid(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "thread.json", "--depth", "1", "--width", "80"]) == 0
    assert capsys.readouterr().out == (
        "Council backs the Mill Street lane\n"
        "by Dana Whitcombe · 2024-03-05 · 5 comments · 3 levels deep\n"
        "\n"
        "• Marguerite · 2024-03-05 14:02 · 12 points · 2 replies (3 in all)\n"
        "  Good news for the school run. …\n"
        "  … 3 replies hidden\n"
        "• (anonymous) · 0 points\n"
        "  Nobody asked us.\n"
        "\n"
        "3 replies below depth 1 hidden; raise --depth to see them\n"
    )


def test_show_depth_2(thread_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "thread.json", "--depth", "2", "--width", "80"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[7:10] == ["    … 1 reply hidden", "  • Sam · deleted", "    (no text)"]
    assert lines[-1] == "1 reply below depth 2 hidden; raise --depth to see them"


def test_show_cuts_lines_to_the_width(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "thread.json", "--width", "40"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == [
        "Council backs the Mill Street lane",
        "by Dana Whitcombe · 2024-03-05 · 5 comm…",
        "",
        "• Marguerite · 2024-03-05 14:02 · 12 po…",
        "  Good news for the school run. …",
    ]
    assert all(len(line) <= 40 for line in lines)


def test_show_counts_wide_characters_as_two_columns(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = Article(title="漢字" * 10, comments=(Comment(text="ok"),))
    threadkit.dump(article, workdir / "wide.json", format="json")
    assert main(["show", "wide.json", "--width", "9"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "漢字漢字…"


def test_show_uses_colour_on_a_terminal_only(thread_json: Path, workdir: Path) -> None:
    on_terminal = run_on_terminal("show", "thread.json", cwd=workdir, env=plain_env())
    assert "\x1b[1mCouncil backs the Mill Street lane\x1b[0m" in on_terminal
    assert "\x1b[1;36mMarguerite\x1b[0m" in on_terminal
    assert "\x1b[31mdeleted\x1b[0m" in on_terminal
    # Without the escape sequences it is the plain tree.
    assert _strip_ansi(on_terminal) == SHOW_80

    piped = run("show", "thread.json", cwd=workdir, env=plain_env())
    assert piped.returncode == 0
    assert b"\x1b" not in piped.stdout
    assert piped.stdout.decode("utf-8") == SHOW_80


def test_no_color_turns_colour_off_on_a_terminal(thread_json: Path, workdir: Path) -> None:
    output = run_on_terminal("show", "thread.json", cwd=workdir, env=plain_env(NO_COLOR="1"))
    assert "\x1b" not in output
    assert output == SHOW_80


def test_color_option_forces_colour_into_a_pipe(thread_json: Path, workdir: Path) -> None:
    result = run("show", "thread.json", "--color", cwd=workdir, env=plain_env(NO_COLOR="1"))
    assert b"\x1b[1;36mMarguerite\x1b[0m" in result.stdout


def test_show_width_defaults_to_the_terminal_or_columns(thread_json: Path, workdir: Path) -> None:
    result = run("show", "thread.json", cwd=workdir, env=plain_env(COLUMNS="30"))
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[3] == "• Marguerite · 2024-03-05 14:…"
    assert max(len(line) for line in lines) == 30


def test_show_rejects_a_bad_width(thread_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "thread.json", "--width", "0"]) == 2
    assert "argument --width: --width must be at least 1, not 0" in capsys.readouterr().err
    assert main(["show", "thread.json", "--depth", "two"]) == 2
    assert "argument --depth: --depth must be a whole number, not 'two'" in capsys.readouterr().err


def _chain(depth: int) -> Article:
    """An article whose thread is one reply chain *depth* comments deep."""
    comment = Comment(text="the bottom", author=Author(name=f"user{depth}"))
    for level in range(depth - 1, 0, -1):
        comment = Comment(
            text=f"level {level}", author=Author(name=f"user{level}"), replies=(comment,)
        )
    return Article(title="Deep", comments=(comment,))


def test_show_handles_a_100000_deep_thread(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # JSON Lines carries threads of any depth; JSON stops at a few hundred levels.
    threadkit.dump(_chain(100_000), workdir / "deep.jsonl", format="jsonl")
    assert main(["show", "deep.jsonl", "--width", "80"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Deep", "100000 comments · 100000 levels deep"]
    assert len(lines) == 3 + 2 * 100_000
    assert lines[3:5] == ["• user1 · 1 reply (99999 in all)", "  level 1"]
    # Indentation stops at 20 levels (a quarter of 80); the level is shown past that.
    assert lines[41:45] == [
        " " * 38 + "• user20 · 1 reply (99980 in all)",
        " " * 40 + "level 20",
        " " * 38 + "[21] • user21 · 1 reply (99979 in all)",
        " " * 45 + "level 21",
    ]
    assert lines[-2:] == [" " * 38 + "[100000] • user100000", " " * 49 + "the bottom"]


def test_show_depth_counts_everything_it_cut_from_a_long_chain(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    threadkit.dump(_chain(150), workdir / "chain.json", format="json")
    assert main(["show", "chain.json", "--depth", "2", "--width", "40"]) == 0
    assert capsys.readouterr().out.splitlines()[3:] == [
        "• user1 · 1 reply (149 in all)",
        "  level 1",
        "  • user2 · 1 reply (148 in all)",
        "    level 2",
        "    … 148 replies hidden",
        "",
        "148 replies below depth 2 hidden; raise…",
    ]


def test_show_stops_quietly_when_the_reader_goes_away(workdir: Path) -> None:
    comments = tuple(
        Comment(text=f"comment {i}", author=Author(name=f"u{i}")) for i in range(10_000)
    )
    threadkit.dump(Article(title="Busy", comments=comments), workdir / "busy.json", format="json")
    process = subprocess.Popen(
        [sys.executable, "-m", "threadkit", "show", "busy.json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workdir,
        env=plain_env(),
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.read(100).startswith(b"Busy\n")
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=120) == 1
    assert err == b""


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# -- stats ---------------------------------------------------------------------------


def test_stats_prints_aligned_text_in_a_pipe(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "thread.json"]) == 0
    # Counted by hand in ARTICLE: Sam's comment is the deleted one, and only
    # Marguerite's is dated.
    assert capsys.readouterr() == (
        "file               comments  depth  authors  deleted  dates\n"
        "thread.json               5      3        4        1  2024-03-05\n"
        "total (1 article)         5      3        4        1  2024-03-05\n",
        "",
    )


_THREAD_NUMBERS = {
    "comments": 5,
    "top_level_comments": 2,
    "depth": 3,
    "participants": 4,
    "deleted": 1,
    "first_published": "2024-03-05T14:02:00+00:00",
    "last_published": "2024-03-05T14:02:00+00:00",
    "replies_per_comment": 0.6,
    "most_replied": {
        "author": "Marguerite",
        "id": None,
        "replies": 2,
        "excerpt": "Good news for the school run.",
    },
}


def test_stats_json_for_scripts(thread_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "thread.json", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "articles": [
            {
                "file": "thread.json",
                "article": 1,
                "format": "json",
                "title": "Council backs the Mill Street lane",
                **_THREAD_NUMBERS,
            }
        ],
        "totals": {"articles": 1, **_THREAD_NUMBERS},
    }


def test_stats_prints_the_numbers_of_tree_stats(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(SAMPLE), "thread.json", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    articles = [threadkit.load(SAMPLE), threadkit.load(thread_json)]
    for entry, article in zip(printed["articles"], articles, strict=True):
        numbers = tree.stats(article)
        best = numbers.most_replied
        assert best is not None
        assert best.author is not None
        assert entry["comments"] == numbers.comments
        assert entry["top_level_comments"] == numbers.top_level_comments
        assert entry["depth"] == numbers.depth
        assert entry["participants"] == numbers.participants
        assert entry["deleted"] == numbers.deleted
        assert entry["replies_per_comment"] == numbers.replies_per_comment
        assert entry["most_replied"]["author"] == best.author.name
        assert entry["most_replied"]["id"] == best.id
        assert entry["most_replied"]["replies"] == len(best.replies)
    totals = tree.stats(articles)
    assert printed["totals"]["comments"] == totals.comments == 12 + 5
    assert printed["totals"]["participants"] == totals.participants
    assert printed["totals"]["depth"] == totals.depth == 3


def test_stats_of_the_sample_and_an_empty_thread(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    threadkit.dump(Article(title="Quiet"), workdir / "quiet.json", format="json")
    assert main(["stats", str(SAMPLE), "quiet.json", "--json"]) == 0
    sample, quiet = json.loads(capsys.readouterr().out)["articles"]
    # Counted by hand in examples/sample.txt.
    assert sample["format"] == "text"
    assert sample["comments"] == 12
    assert sample["top_level_comments"] == 5
    assert sample["depth"] == 3
    assert sample["participants"] == 9
    assert sample["deleted"] == 0
    assert sample["first_published"] is None
    assert sample["replies_per_comment"] == pytest.approx(7 / 12)
    assert sample["most_replied"]["author"] == "Pete Lindqvist"
    assert sample["most_replied"]["replies"] == 2
    assert quiet == {
        "file": "quiet.json",
        "article": 1,
        "format": "json",
        "title": "Quiet",
        "comments": 0,
        "top_level_comments": 0,
        "depth": 0,
        "participants": 0,
        "deleted": 0,
        "first_published": None,
        "last_published": None,
        "replies_per_comment": 0.0,
        "most_replied": None,
    }


def test_stats_of_several_files_is_one_row_each_and_a_total(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    threadkit.dump(Article(title="Quiet"), workdir / "q.json", format="json")
    later = attrs.evolve(
        ARTICLE,
        comments=(
            Comment(
                text="Two days on.",
                author=Author(name="Rosa"),
                published=datetime(2024, 3, 7, 8, 0, tzinfo=UTC),
            ),
        ),
    )
    threadkit.dump(later, workdir / "later.json", format="json")
    assert main(["stats", "thread.json", "q.json", "later.json"]) == 0
    # Rosa signs in thread.json and later.json: 4 authors in all, not 5.
    assert capsys.readouterr().out == (
        "file                comments  depth  authors  deleted  dates\n"
        "thread.json                5      3        4        1  2024-03-05\n"
        "q.json                     0      0        0        0  -\n"
        "later.json                 1      1        1        0  2024-03-07\n"
        "total (3 articles)         6      3        4        1  2024-03-05 – 2024-03-07\n"
    )


def test_stats_reports_a_bad_file_and_counts_the_others(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "missing.json", "thread.json", "--json"]) == 1
    out, err = capsys.readouterr()
    assert one_error_line(err) == "cannot read missing.json: No such file or directory"
    assert [entry["file"] for entry in json.loads(out)["articles"]] == ["thread.json"]


def test_stats_draws_a_table_on_a_terminal(thread_json: Path, workdir: Path) -> None:
    output = run_on_terminal("stats", "thread.json", cwd=workdir, env=plain_env())
    lines = output.splitlines()
    rule = "\x1b[2m" + "  ".join("─" * width for width in (17, 8, 5, 7, 7, 10)) + "\x1b[0m"
    assert lines == [
        "\x1b[1mfile               comments  depth  authors  deleted  dates\x1b[0m",
        rule,
        "thread.json               5      3        4        1  2024-03-05",
        rule,
        "\x1b[1mtotal (1 article)         5      3        4        1  2024-03-05\x1b[0m",
    ]


# -- validate, formats, version, help -----------------------------------------------


def test_validate_reports_every_file(
    thread_json: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "folder").mkdir()
    (workdir / "folder" / "note.jsonl").write_text("", "utf-8")
    assert main(["validate", "thread.json", str(SAMPLE)]) == 0
    assert capsys.readouterr() == (
        f"thread.json: ok (json, 5 comments)\n{SAMPLE}: ok (text, 12 comments)\n"
        "2 valid, 0 invalid\n",
        "",
    )
    # A directory stands for the files in it, as for every command that reads.
    assert main(["validate", "thread.json", "missing.txt", "folder"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[:2] == [
        "thread.json: ok (json, 5 comments)",
        "missing.txt: error: No such file or directory",
    ]
    assert lines[2].startswith("folder/note.jsonl: error: jsonl: ")
    assert lines[3:] == ["1 valid, 2 invalid"]


def test_validate_gives_the_location_of_a_parse_error(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {"threadkit": 1, "title": "A", "comments": [{"text": "fine"}, {"text": 5}]}
    (workdir / "bad.json").write_text(json.dumps(document), "utf-8")
    assert main(["validate", "bad.json"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("bad.json: error: json: ")
    assert out.endswith(" (at $.comments[1].text)\n0 valid, 1 invalid\n")
    assert out.count("\n") == 2


def test_validate_through_the_real_program(thread_json: Path, workdir: Path) -> None:
    result = run("validate", "thread.json", "nope.txt", cwd=workdir)
    assert result.returncode == 1
    assert result.stdout == (
        b"thread.json: ok (json, 5 comments)\nnope.txt: error: No such file or directory\n"
        b"1 valid, 1 invalid\n"
    )
    assert result.stderr == b""


def test_formats_lists_every_registered_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "suffixes", "summary"]
    assert len(lines) == 1 + len(threadkit.FORMATS)
    by_name = {line.split()[0]: line for line in lines[1:]}
    for name, suffixes, summary in [
        ("json", ".json", "nested JSON, versioned schema"),
        ("html", ".html .htm", "HTML5 page with schema.org markup"),
        ("text", ".txt .text", "plain-text dump dialect"),
    ]:
        assert by_name[name].split(None, 1)[1].startswith(suffixes + " ")
        assert by_name[name].endswith("  " + summary)
    # The suffixes and the summaries each start in one column.
    for heading in ("suffixes", "summary"):
        column = lines[0].index(heading)
        for line in lines[1:]:
            assert line[column - 2 : column] == "  "
            assert line[column] != " "


def test_formats_and_validate_on_a_terminal(thread_json: Path, workdir: Path) -> None:
    output = run_on_terminal("formats", cwd=workdir, env=plain_env())
    header, *rows = output.splitlines()
    assert header.startswith("\x1b[1mname")
    assert header.endswith("summary\x1b[0m")
    assert len(rows) == len(threadkit.FORMATS)
    output = run_on_terminal("validate", "thread.json", cwd=workdir, env=plain_env())
    assert output == "thread.json: ok (json, 5 comments)\n1 valid, 0 invalid\n"


def test_help_through_the_real_program(workdir: Path) -> None:
    result = run("convert", "--help", cwd=workdir)
    assert (result.returncode, result.stderr) == (0, b"")
    text = result.stdout.decode("utf-8")
    assert "-j N, --jobs N" in text
    assert "--files-from LIST" in text
    assert "exit status: 0 every file converted, 1 a file failed" in text


def complete(script: Path, cwd: Path, *words: str) -> list[str]:
    """What bash offers for the last of *words* after ``threadkit``, with *script* loaded."""
    line = " ".join(shlex.quote(word) for word in ["threadkit", *words])
    harness = (
        f"source {shlex.quote(str(script))}; COMP_WORDS=({line}); "
        f"COMP_CWORD={len(words)}; _threadkit; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    )
    result = subprocess.run(
        ["bash", "-c", harness], cwd=cwd, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stderr == ""
    return [line for line in result.stdout.split("\n") if line]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completion(workdir: Path) -> None:
    result = run("completion", "bash", cwd=workdir)
    assert (result.returncode, result.stderr) == (0, b"")
    script = workdir / "threadkit.bash"
    script.write_bytes(result.stdout)
    (workdir / "examples").mkdir()
    assert complete(script, workdir, "co") == ["convert", "completion"]
    assert complete(script, workdir, "--v") == ["--version"]
    assert complete(script, workdir, "convert", "--t") == ["--to"]
    assert complete(script, workdir, "convert", "--f") == [
        "--files-from",
        "--force",
        "--fragment",
        "--from",
    ]
    assert complete(script, workdir, "convert", "x", "--to", "j") == ["json", "jsonl"]
    assert complete(script, workdir, "convert", "x", "--to", "w") == []
    assert complete(script, workdir, "stats", "--from", "w") == ["wordpress"]
    assert complete(script, workdir, "convert", "x", "--jobs", "") == []
    assert complete(script, workdir, "convert", "exa") == ["examples"]
    assert complete(script, workdir, "convert", "x", "-o", "ex") == ["examples"]
    assert complete(script, workdir, "show", "--a") == ["--article"]
    assert complete(script, workdir, "completion", "") == ["bash"]
    assert complete(script, workdir, "formats", "") == []


def test_version(workdir: Path) -> None:
    result = run("--version", cwd=workdir)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == f"threadkit {version('threadkit')}\n"


@pytest.mark.parametrize(
    "command", ["convert", "show", "stats", "validate", "formats", "completion"]
)
def test_every_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: threadkit {command}")
    assert f"\nexamples:\n  threadkit {command}" in out


def test_main_help_lists_the_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("convert", "show", "stats", "validate", "formats"):
        assert f"    {command} " in out
    assert "exit status: 0 ok, 1 a file could not be read, parsed or written" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


def test_the_console_script_is_installed(workdir: Path) -> None:
    script = Path(sys.executable).with_name("threadkit")
    if not script.exists():
        pytest.skip("the threadkit script is not beside this interpreter")
    result = subprocess.run([script, "formats"], capture_output=True, check=False, timeout=60)
    assert result.returncode == 0
    assert result.stdout.split(b"\n")[0].split() == [b"name", b"suffixes", b"summary"]


# -- sources holding several articles -------------------------------------------------

EXPORTS = ROOT / "tests" / "data" / "importers"
# The threads of disqus_export.xml, in the order of the file (read by hand).
DISQUS_THREADS = [
    ("Bridge vote passes", 7),
    ("A story nobody discussed", 0),
    ("Disqus thread 300", 1),
]


@pytest.fixture
def export(workdir: Path) -> Path:
    path = workdir / "export.xml"
    path.write_bytes((EXPORTS / "disqus_export.xml").read_bytes())
    return path


def titles_and_counts(paths: list[Path]) -> list[tuple[str, int]]:
    articles = [threadkit.load(path) for path in paths]
    return [(article.title, article.comment_count) for article in articles]


def test_convert_writes_one_file_per_article_of_an_export(
    export: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").mkdir()
    assert main(["convert", "export.xml", "--to", "json", "-o", "out"]) == 0
    assert capsys.readouterr() == ("converted 1 file into out (3 articles)\n", "")
    names = ["export-1.json", "export-2.json", "export-3.json"]
    assert files_in(workdir / "out") == names
    written = [workdir / "out" / name for name in names]
    assert titles_and_counts(written) == DISQUS_THREADS
    assert [threadkit.load(path) for path in written] == list(threadkit.load_all(export))


def test_an_export_into_a_named_file_numbers_the_name(
    export: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "export.xml", "--to", "text", "-o", "threads.txt"]) == 0
    assert capsys.readouterr() == ("", "")
    assert files_in(workdir) == ["export.xml", "threads-1.txt", "threads-2.txt", "threads-3.txt"]
    written = [workdir / f"threads-{n}.txt" for n in (1, 2, 3)]
    assert titles_and_counts(written) == DISQUS_THREADS


def test_an_export_to_stdout_is_refused(
    export: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "export.xml", "--to", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert one_error_line(err) == (
        "export.xml holds several articles; give -o DIRECTORY to write one file per article"
    )


def test_an_export_with_one_thread_keeps_its_name(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "single.xml").write_bytes((EXPORTS / "disqus_single.xml").read_bytes())
    assert main(["convert", "single.xml", "--to", "json", "-o", "single.json"]) == 0
    assert files_in(workdir) == ["single.json", "single.xml"]
    assert threadkit.load(workdir / "single.json") == threadkit.load(workdir / "single.xml")


def test_an_export_keeps_existing_numbered_files_unless_forced(
    export: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").mkdir()
    (workdir / "out" / "export-2.json").write_bytes(b"keep me\n")
    assert main(["convert", "export.xml", "--to", "json", "-o", "out", "-v"]) == 1
    assert capsys.readouterr() == (
        "converted 0 of 1 file into out (0 articles); 1 skipped: its output exists "
        "(--force replaces it)\n",
        "threadkit: kept out/export-2.json: it exists\n",
    )
    # Nothing of the export was written, not even its first article.
    assert files_in(workdir / "out") == ["export-2.json"]
    assert (workdir / "out" / "export-2.json").read_bytes() == b"keep me\n"

    assert main(["convert", "export.xml", "--to", "json", "-o", "out", "--force"]) == 0
    assert files_in(workdir / "out") == ["export-1.json", "export-2.json", "export-3.json"]
    assert threadkit.load(workdir / "out" / "export-2.json").title == "A story nobody discussed"


def test_numbered_outputs_never_take_another_input_s_name(
    export: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").mkdir()
    threadkit.dump(ARTICLE, workdir / "export-2.txt", format="text")
    assert main(["convert", "export.xml", "export-2.txt", "--to", "json", "-o", "out"]) == 1
    out, err = capsys.readouterr()
    assert one_error_line(err) == (
        "export.xml holds several articles, and its article 2 would be written to "
        "out/export-2.json, the output of export-2.txt; convert them apart"
    )
    assert out == "converted 1 of 2 files into out (1 article); 1 failed\n"
    assert files_in(workdir / "out") == ["export-2.json"]
    assert threadkit.load(workdir / "out" / "export-2.json") == ARTICLE


def test_validate_and_stats_read_every_article(
    export: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "stories.json").write_bytes((EXPORTS / "hn_two_stories.json").read_bytes())
    assert main(["validate", "export.xml", "stories.json"]) == 0
    assert capsys.readouterr().out == (
        "export.xml: ok (disqus, 3 articles, 8 comments)\n"
        "stories.json: ok (hackernews, 3 articles, 4 comments)\n"
        "2 valid, 0 invalid\n"
    )
    assert main(["stats", "export.xml", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["articles"]
    assert [(e["file"], e["article"], e["title"], e["comments"]) for e in entries] == [
        ("export.xml", number, title, count)
        for number, (title, count) in enumerate(DISQUS_THREADS, 1)
    ]
    assert main(["stats", "export.xml"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:4]
    assert [row.split("  ")[0] for row in rows] == [
        "export.xml #1",
        "export.xml #2",
        "export.xml #3",
    ]


def test_validate_reports_an_error_after_the_first_article(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (EXPORTS / "disqus_export.xml").read_text("utf-8")
    cut = data.rindex("<post ")
    (workdir / "cut.xml").write_text(data[:cut] + "<post", "utf-8")
    assert main(["validate", "cut.xml"]) == 1
    line, summary = capsys.readouterr().out.splitlines()
    assert line.startswith("cut.xml: error: disqus: ")
    assert summary == "0 valid, 1 invalid"


def test_show_picks_an_article_of_an_export(
    export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "export.xml", "--article", "3", "--width", "80"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Disqus thread 300"
    assert main(["show", "export.xml"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "export.xml holds several articles; pick one with --article N"
    )
    assert main(["show", "export.xml", "--article", "4"]) == 1
    assert one_error_line(capsys.readouterr().err) == (
        "export.xml holds 3 articles; there is no article 4"
    )


# -- many inputs ----------------------------------------------------------------------


def numbered_articles(count: int) -> list[Article]:
    return [attrs.evolve(ARTICLE, title=f"Story {n}") for n in range(1, count + 1)]


def write_inputs(folder: Path, count: int, fmt: str = "text") -> list[Article]:
    """*count* articles in FOLDER/story-N.SUFFIX, written through the library."""
    folder.mkdir(exist_ok=True)
    articles = numbered_articles(count)
    suffix = threadkit.get_format(fmt).suffixes[0]
    for n, article in enumerate(articles, 1):
        threadkit.dump(article, folder / f"story-{n}{suffix}", format=fmt)
    return articles


def test_a_directory_stands_for_the_articles_in_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = write_inputs(workdir / "in", 3)
    (workdir / "in" / "notes.md").write_text("not an article\n", "utf-8")
    (workdir / "in" / ".hidden.txt").write_text("Hidden\n", "utf-8")
    (workdir / "in" / "deeper").mkdir()
    threadkit.dump(ARTICLE, workdir / "in" / "deeper" / "inside.json", format="json")
    (workdir / "out").mkdir()
    assert main(["convert", "in", "--to", "json", "-o", "out"]) == 0
    assert capsys.readouterr() == ("converted 3 files into out (3 articles)\n", "")
    assert files_in(workdir / "out") == ["story-1.json", "story-2.json", "story-3.json"]
    assert [threadkit.load(workdir / "out" / f"story-{n}.json") for n in (1, 2, 3)] == articles


def test_a_pattern_is_expanded_by_threadkit(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_inputs(workdir / "in", 3)
    (workdir / "in" / "deeper").mkdir()
    threadkit.dump(ARTICLE, workdir / "in" / "deeper" / "inside.txt", format="text")
    (workdir / "out").mkdir()
    assert main(["convert", "in/story-[12].txt", "--to", "json", "-o", "out"]) == 0
    assert files_in(workdir / "out") == ["story-1.json", "story-2.json"]
    assert main(["convert", "in/**/*.txt", "--to", "html", "-o", "out"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "converted 4 files into out (4 articles)"
    assert files_in(workdir / "out") == [
        "inside.html",
        "story-1.html",
        "story-1.json",
        "story-2.html",
        "story-2.json",
        "story-3.html",
    ]
    assert main(["convert", "in/*.nothing", "--to", "json", "-o", "out"]) == 1
    assert one_error_line(capsys.readouterr().err) == "no file matches in/*.nothing"


def test_a_list_file_names_the_inputs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = write_inputs(workdir / "in", 3)
    (workdir / "list.txt").write_text("in/story-3.txt\n\nin/story-1.txt\n", "utf-8")
    (workdir / "out").mkdir()
    assert main(["convert", "--files-from", "list.txt", "--to", "json", "-o", "out"]) == 0
    assert capsys.readouterr() == ("converted 2 files into out (2 articles)\n", "")
    assert files_in(workdir / "out") == ["story-1.json", "story-3.json"]
    assert threadkit.load(workdir / "out" / "story-3.json") == articles[2]

    (workdir / "empty.txt").write_text("\n", "utf-8")
    assert main(["convert", "--files-from", "empty.txt", "--to", "json", "-o", "out"]) == 1
    assert one_error_line(capsys.readouterr().err) == "empty.txt names no input"
    assert main(["convert", "--to", "json", "-o", "out"]) == 2
    assert "give the files to read, or --files-from LIST" in capsys.readouterr().err


def test_a_list_on_standard_input_through_the_real_program(workdir: Path) -> None:
    write_inputs(workdir / "in", 2)
    (workdir / "out").mkdir()
    names = b"in/story-1.txt\nin/story-2.txt\n"
    result = run(
        "convert", "--files-from", "-", "--to", "jsonl", "-o", "out", input=names, cwd=workdir
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == b"converted 2 files into out (2 articles)\n"
    assert files_in(workdir / "out") == ["story-1.jsonl", "story-2.jsonl"]


def test_jobs_convert_in_worker_processes_and_report_failures_at_the_end(
    workdir: Path,
) -> None:
    articles = write_inputs(workdir / "in", 40)
    (workdir / "in" / "story-7.txt").write_bytes(b"")
    (workdir / "in" / "story-23.txt").write_bytes(b"\xff\xfe\x00")
    (workdir / "out").mkdir()
    result = run("convert", "in", "--to", "json", "-o", "out", "--jobs", "2", cwd=workdir)
    assert result.returncode == 1
    assert result.stdout == b"converted 38 of 40 files into out (38 articles); 2 failed\n"
    errors = result.stderr.decode("utf-8").splitlines()
    # In the order of the inputs, whichever worker finished first.
    assert len(errors) == 2
    assert errors[0].startswith("threadkit: error: in/story-23.txt: text: ")
    assert errors[1].startswith("threadkit: error: in/story-7.txt: text: ")
    expected = sorted(f"story-{n}.json" for n in range(1, 41) if n not in (7, 23))
    assert files_in(workdir / "out") == expected
    for n in (1, 22, 40):
        assert threadkit.load(workdir / "out" / f"story-{n}.json") == articles[n - 1]


def test_jobs_must_be_a_positive_number(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "thread.json", "--to", "text", "--jobs", "0"]) == 2
    assert "argument -j/--jobs: --jobs must be at least 1, not 0" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_progress_bar_on_a_terminal(workdir: Path, jobs: str) -> None:
    write_inputs(workdir / "in", 12)
    (workdir / "out").mkdir()
    output = run_on_terminal(
        "convert", "in", "--to", "html", "-o", "out", "--jobs", jobs, cwd=workdir, env=plain_env()
    )
    # The bar is redrawn in place; the last drawing is erased before the summary.
    drawings = output.split("\r")
    assert drawings[-1] == "\x1b[Kconverted 12 files into out (12 articles)\n"
    assert "]" + " 12/12 files\x1b[K" in output
    assert "[" + "#" * 40 + "] 12/12 files" in output
    assert len(files_in(workdir / "out")) == 12


def test_no_progress_bar_in_a_pipe(workdir: Path) -> None:
    write_inputs(workdir / "in", 3)
    (workdir / "out").mkdir()
    result = run("convert", "in", "--to", "html", "-o", "out", cwd=workdir)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == b"converted 3 files into out (3 articles)\n"


# -- faults -------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux's /proc")
def test_an_unreadable_input_is_one_line_and_exit_1(workdir: Path) -> None:
    # Permissions do not stop root, so the test reads a file that no one can:
    # the program's own memory from address 0, which the kernel refuses with EIO.
    result = run("convert", "/proc/self/mem", "--from", "text", "--to", "json", cwd=workdir)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr == b"threadkit: error: cannot read /proc/self/mem: Input/output error\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_a_file_without_read_permission_is_one_line_and_exit_1(
    thread_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    thread_json.chmod(0)
    try:
        assert main(["convert", "thread.json", "--to", "text"]) == 1
        assert one_error_line(capsys.readouterr().err) == (
            "cannot read thread.json: Permission denied"
        )
    finally:
        thread_json.chmod(0o644)


def test_a_full_standard_output_is_one_line_and_exit_1(thread_json: Path, workdir: Path) -> None:
    for command in (["convert", "thread.json", "--to", "html"], ["show", "thread.json"]):
        with open("/dev/full", "wb") as full:
            result = subprocess.run(
                [sys.executable, "-m", "threadkit", *command],
                stdout=full,
                stderr=subprocess.PIPE,
                cwd=workdir,
                timeout=120,
                check=False,
            )
        assert result.returncode == 1
        assert result.stderr == (
            b"threadkit: error: cannot write to standard output: No space left on device\n"
        )


def on_a_small_disk(workdir: Path, *args: str) -> tuple[int, str, str, list[str]]:
    """Run ``python -m threadkit ARGS`` in *workdir*, whose ``out`` is a 64 KiB tmpfs.

    The file system is mounted in a private mount namespace (``unshare``),
    so it needs no privilege where user namespaces are allowed and vanishes
    with the program. Returns the exit status, standard output, standard
    error and the names in ``out``, whose files are copied to ``saved``
    before the namespace goes away.
    """
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    (workdir / "out").mkdir()
    script = (
        'mount -t tmpfs -o size=64k tmpfs out || exit 99; "$@" >stdout 2>stderr; '
        'echo "$?"; ls -A out; mkdir saved; cp -a out/. saved/'
    )
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", sys.executable, "-m", "threadkit", *args],
        cwd=workdir,
        capture_output=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {result.stderr!r}")
    status, *names = result.stdout.decode("utf-8").splitlines()
    out = (workdir / "stdout").read_text("utf-8")
    err = (workdir / "stderr").read_text("utf-8")
    return int(status), out, err, names


def test_a_really_full_disk_leaves_no_partial_file(workdir: Path) -> None:
    busy = Article(
        title="Busy",
        comments=tuple(Comment(text=f"comment number {i} " * 8) for i in range(2000)),
    )
    threadkit.dump(busy, workdir / "busy.json", format="json")
    status, out, err, names = on_a_small_disk(
        workdir, "convert", "busy.json", "--to", "html", "-o", "out/busy.html"
    )
    assert (status, out, names) == (1, "", [])
    assert err == "threadkit: error: cannot write out/busy.html: No space left on device\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_disk_filling_up_mid_batch(workdir: Path, jobs: str) -> None:
    articles = write_inputs(workdir / "in", 30)
    status, out, err, names = on_a_small_disk(
        workdir, "convert", "in", "--to", "json", "-o", "out", "--jobs", jobs
    )
    assert status == 1
    errors = err.splitlines()
    assert errors, "the disk did not fill up"
    assert all(
        re.fullmatch(r"threadkit: error: cannot write out/story-\d+\.json: .+", line)
        for line in errors
    ), errors
    assert all("No space left on device" in line for line in errors), errors
    done = 30 - len(errors)
    assert out == f"converted {done} of 30 files into out ({done} articles); {len(errors)} failed\n"
    # Only whole outputs are left, and no temporary file.
    assert len(names) == done
    assert all(re.fullmatch(r"story-\d+\.json", name) for name in names), names
    for name in names:
        number = int(name.removeprefix("story-").removesuffix(".json"))
        assert threadkit.load(workdir / "saved" / name) == articles[number - 1]


def digest(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Each file's content and modification time, to show that nothing touched them."""
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("to_group", [False, True], ids=["kill", "ctrl-c"])
def test_an_interrupt_mid_batch_leaves_only_whole_files(
    workdir: Path, jobs: str, to_group: bool
) -> None:
    """SIGINT to the program alone (``kill -INT``) or to its process group (Ctrl-C)."""
    count = 400
    articles = write_inputs(workdir / "in", count)
    before = digest(workdir / "in")
    (workdir / "out").mkdir()
    command = ["convert", "in", "--to", "html", "-o", "out", "--jobs", jobs]
    process = subprocess.Popen(
        [sys.executable, "-m", "threadkit", *command],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # A shell without job control starts background commands with SIGINT
        # ignored, which Python keeps; the test is about the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        while len(list((workdir / "out").glob("*.html"))) < 3:
            assert process.poll() is None, "the batch ended before it could be interrupted"
            time.sleep(0.01)
        if to_group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    assert out == b""
    assert re.fullmatch(
        rb"threadkit: interrupted after converting \d+ of 400 files; no partial output was left\n",
        err,
    ), err
    names = sorted(path.name for path in (workdir / "out").iterdir())
    assert 3 <= len(names) < count
    for name in names:
        assert re.fullmatch(r"story-\d+\.html", name), name
        number = int(name.removeprefix("story-").removesuffix(".html"))
        assert threadkit.load(workdir / "out" / name) == articles[number - 1]
    assert digest(workdir / "in") == before
