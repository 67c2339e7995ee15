"""Where output goes wrong (issue 22): short writes, files that are not regular, long names.

Writing a regular file is atomic; what is not a regular file (a FIFO,
``/dev/stdout``) is written into; a write to standard output that takes
only part of the document is an error; the command line escapes the file
names it prints, so that one problem is one line.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Comment

ARTICLE = Article(title="T", comments=tuple(Comment(text="x" * 100) for _ in range(100)))


def run(
    *args: str | os.PathLike[str], stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "threadkit", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )


def test_a_short_write_to_standard_output_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    threadkit.dump(ARTICLE, source)
    document = threadkit.dumps(ARTICLE, "text").encode()
    assert len(document) > 8192
    target = tmp_path / "out.txt"

    def four_kib_at_most() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with target.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "threadkit", "convert", str(source), "--to", "text"],
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            preexec_fn=four_kib_at_most,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == b"threadkit: error: cannot write to standard output: File too large\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["convert", "--help"]])
def test_help_that_cannot_be_written_is_an_error(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = run(*args, stdout=full)
    assert done.returncode == 1
    assert done.stderr.startswith(b"threadkit: error: cannot write to standard output")


def test_dump_writes_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    threadkit.dump(ARTICLE, fifo)
    reader.join(timeout=60)
    assert received == [threadkit.dumps(ARTICLE, "json").encode()]
    assert fifo.is_fifo()
    assert sorted(os.listdir(tmp_path)) == ["pipe.json"]


def test_dump_through_a_link_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    threadkit.dump(ARTICLE, tmp_path / "link.json")
    assert (tmp_path / "link.json").is_symlink()
    assert threadkit.load(tmp_path / "real.json") == ARTICLE


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc/self/fd")
def test_convert_to_dev_stdout_writes_into_standard_output(tmp_path: Path) -> None:
    # A link of our own to the descriptor, as /dev/stdout is: a reader that
    # renamed over it would replace this link, never the system's /dev/stdout.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    source = tmp_path / "in.json"
    threadkit.dump(ARTICLE, source)
    target = tmp_path / "out.txt"
    target.write_bytes(b"before\n")
    with target.open("ab") as out:  # as a shell's >>, after what is there
        done = run("convert", source, "--to", "text", "-o", stdout, "--force", stdout=out)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"before\n" + threadkit.dumps(ARTICLE, "text").encode()
    assert stdout.is_symlink()


def test_a_name_of_255_bytes_can_be_written(tmp_path: Path) -> None:
    name = "é" * 124 + ".json"  # 253 bytes of UTF-8
    assert len(os.fsencode(name)) == 253
    threadkit.dump(ARTICLE, tmp_path / name)
    assert os.listdir(tmp_path) == [name]
    name = "a" * 250 + ".json"
    source = tmp_path / "in.json"
    threadkit.dump(ARTICLE, source)
    done = run("convert", source, "--to", "text", "-o", tmp_path / name)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / name).read_text() == threadkit.dumps(ARTICLE, "text")


def test_a_name_with_a_newline_is_one_line_of_error(tmp_path: Path) -> None:
    name = tmp_path / "a\nthreadkit: error: forged.txt"
    name.write_bytes(b"\xff\xfe\x00")
    done = run("convert", name, "--to", "json")
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"threadkit: error: {tmp_path}/a\\nthreadkit: error: forged.txt: ")
    done = run("validate", name)
    # The file's line, then the summary.
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path}/a\\nthreadkit: error: forged.txt: ")
    assert lines[1] == "0 valid, 1 invalid"


def test_stats_json_names_a_file_that_is_not_utf8_in_valid_utf8(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(name, "wb") as out:
        out.write(threadkit.dumps(ARTICLE, "json").encode())
    done = run("stats", "--json", os.fsdecode(name))
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout.decode("utf-8"))["articles"]
    assert entry["file"] == f"{tmp_path}/caf\\xe9.json"


def test_advice_for_the_command_line_names_what_it_can_do(tmp_path: Path) -> None:
    name = tmp_path / "bad.txt"
    name.write_bytes("é title\n".encode() + b"\xff\n")
    done = run("validate", name)
    out = done.stdout.decode()
    assert "errors=" not in out
    assert "encoding=" not in out
    assert "convert the file to UTF-8 first" in out
