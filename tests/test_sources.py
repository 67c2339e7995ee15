"""Opening a source: ``load_all`` and the command line open, guess and stream alike."""

from __future__ import annotations

import io
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import threadkit
from threadkit.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample.txt"
TITLE = "Harlow Council Approves Protected Bike Lane on Mill Street in 5–4 Vote"


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Path]:
    """A named pipe with no suffix, fed the bundled sample once by a thread."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "feed"
    os.mkfifo(path)

    def feed() -> None:
        with path.open("wb") as stream:
            stream.write(SAMPLE.read_bytes())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    yield path
    writer.join(timeout=10)


def test_load_all_reads_a_named_pipe_it_cannot_seek(pipe: Path) -> None:
    assert [article.title for article in threadkit.load_all(pipe)] == [TITLE]


def test_the_command_line_reads_a_named_pipe_the_same_way(
    pipe: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(pipe), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["articles"]
    assert (entry["format"], entry["title"]) == ("text", TITLE)


def test_a_file_given_open_stays_open_and_is_read_from_where_it_stands() -> None:
    data = SAMPLE.read_bytes()
    stream = io.BytesIO(b"ignored" + data)
    stream.seek(len(b"ignored"))
    (article,) = threadkit.load_all(stream)
    assert article == threadkit.loads(data)
    assert not stream.closed


def open_files() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc/self/fd here")
def test_a_path_is_closed_when_its_articles_are(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_bytes(SAMPLE.read_bytes())
    before = open_files()
    articles = threadkit.load_all(path)
    assert len(open_files() - before) == 1
    assert next(articles).title == TITLE
    articles.close()  # type: ignore[attr-defined]
    assert open_files() - before == set()
    finished = threadkit.load_all(path)
    assert len(list(finished)) == 1
    assert open_files() - before == set()
    unread = threadkit.load_all(path)
    unread.close()  # type: ignore[attr-defined]
    assert open_files() - before == set()
    assert list(unread) == []
