"""SIGTERM and SIGHUP stop ``convert`` as Ctrl-C does (issue 22).

What ``timeout``, systemd, ``docker stop`` and a CI's cancel send: the
workers stop, no temporary file is left, the status is 128 + the signal's
number, and nothing keeps the caller's pipes open (``communicate`` returns
only once every process holding them has closed them).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Comment


def inputs(folder: Path, count: int) -> list[Article]:
    folder.mkdir()
    articles = [
        Article(title=f"Story {n}", comments=tuple(Comment(text=f"c{k}") for k in range(300)))
        for n in range(1, count + 1)
    ]
    for n, article in enumerate(articles, 1):
        threadkit.dump(article, folder / f"story-{n}.txt")
    return articles


@pytest.mark.parametrize(
    ("jobs", "signum", "to_group"),
    [
        ("1", signal.SIGTERM, False),  # timeout: to the command alone
        ("2", signal.SIGTERM, True),  # docker stop, systemd: to every process
        ("2", signal.SIGHUP, False),
    ],
    ids=["jobs-1-TERM", "jobs-2-TERM-group", "jobs-2-HUP"],
)
def test_a_signal_mid_batch_stops_it_cleanly(
    tmp_path: Path, jobs: str, signum: int, to_group: bool
) -> None:
    count = 300
    articles = inputs(tmp_path / "in", count)
    (tmp_path / "out").mkdir()
    command = ["convert", "in", "--to", "html", "-o", "out", "--jobs", jobs]
    process = subprocess.Popen(
        [sys.executable, "-m", "threadkit", *command],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        while len(list((tmp_path / "out").glob("*.html"))) < 3:
            assert process.poll() is None, "the batch ended before it could be stopped"
            time.sleep(0.01)
        if to_group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    name = signal.Signals(signum).name
    assert process.returncode == 128 + signum, err
    assert out == b""
    assert re.fullmatch(
        rb"threadkit: interrupted by %s after converting \d+ of 300 files; "
        rb"no partial output was left\n" % name.encode(),
        err,
    ), err
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert 3 <= len(names) < count
    for found in names:
        assert re.fullmatch(r"story-\d+\.html", found), found
        number = int(found.removeprefix("story-").removesuffix(".html"))
        assert threadkit.load(tmp_path / "out" / found) == articles[number - 1]
