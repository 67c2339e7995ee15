"""Guessing by content never takes a file that is no thread for a plain-text dump.

Each file below is written by hand as such files usually start; the
content-alone cases carry no suffix, so that only their content can tell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import threadkit
from threadkit import ThreadkitError, UnknownFormatError
from threadkit.formats import guess_format
from threadkit.formats._shape import TITLE_MARKERS

KINDS = {
    "data.csv": b"id,name,score\n1,Ada,3\n2,Bo,5\n",
    "data.tsv": b"id\tname\tscore\n1\tAda\t3\n",
    "config.toml": b'title = "Notes"\nversion = 2\n\n[owner]\nname = "Ada"\n',
    "settings.toml": b'name = "threadkit"\nversion = "0.1"\n',
    "config.yaml": b"title: Notes\ndate: 2024-09-14\ntags:\n  - a\n  - b\n",
    "compose.yml": b'services:\n  web:\n    image: "nginx"\n    ports:\n      - "80:80"\n',
    "list.yaml": b"- one\n- two\n- three\n",
    "settings.ini": b"[server]\nhost = example.org\nport = 8080\n",
    "app.cfg": b"; settings\nhost=example.org\nport=8080\n",
    "README.md": b"# Threadkit\n\nA library for threads.\n",
    "CHANGES.md": b"Changes\n=======\n\n- fixed a bug\n",
    "post.md": b"---\ntitle: Hello\n---\n\nFirst post.\n",
    "hugo.md": b'+++\ntitle = "Hello"\n+++\n\nFirst post.\n',
    "script.py": b"import os\nimport sys\n\nprint(sys.argv)\n",
    "module.py": b'"""A module."""\n\nfrom __future__ import annotations\n',
    "index.js": b"const x = 1;\nlet y = 2;\n",
    "main.c": b"#include <stdio.h>\n\nint main(void) { return 0; }\n",
    "run.sh": b"#!/bin/sh\necho hello\n",
    "app.env": b"HOST=example.org\nPORT=8080\nDEBUG=1\n",
    "app.properties": b"app.name=threadkit\napp.version=0.1\n",
    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01",
    "doc.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "archive.zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    "archive.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    "data.sqlite": b"SQLite format 3\x00\x10\x00\x01\x01",
    "empty.dat": b"",
    "zeros.bin": b"\x00" * 64,
    "data.json": b'{"name": "threadkit", "version": "0.1"}',
    "list.json": b"[1, 2, 3]",
    "notebook.ipynb": b'{"cells": [], "metadata": {}, "nbformat": 4}',
    "notes.xml": b'<?xml version="1.0"?>\n<notes><note>hi</note></notes>\n',
    "blank.log": b"\n\n   \n",
}
NO_SUFFIX = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "table": b"id,name,score\n1,Ada,3\n2,Bo,5\n",
    "settings": b'title = "Notes"\nversion = 2\n',
    "yaml": b"title: Notes\ndate: 2024-09-14\n",
    "ini": b"[server]\nhost = example.org\n",
    "object": b'{"name": "threadkit"}',
    "array": b'[{"name": "threadkit"}]',
}

# The suffixes that name a format: a file with one is read as that format,
# which then refuses it; every other file is refused before any reading.
_NAMED_BY_SUFFIX = {".json"}


def test_thirty_kinds_of_files() -> None:
    assert len(KINDS) >= 30


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_file_that_is_no_thread_is_no_article(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(KINDS[name])
    expected = ThreadkitError if path.suffix in _NAMED_BY_SUFFIX else UnknownFormatError
    with pytest.raises(expected):
        threadkit.load(path)


@pytest.mark.parametrize("name", sorted(NO_SUFFIX))
def test_content_alone_says_it_is_no_thread(name: str) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        guess_format(None, NO_SUFFIX[name])
    if name != "object":  # JSON of no known shape is refused by every JSON sniffer
        assert caught.value.looks_like is not None
    with pytest.raises(UnknownFormatError):
        threadkit.loads(NO_SUFFIX[name])


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("binary", "binary data"),
        ("table", "CSV or another table of values"),
        ("settings", "TOML, INI, YAML or another file of settings"),
        ("ini", "TOML, INI or a JSON array"),
    ],
)
def test_the_refusal_says_what_the_content_looks_like(name: str, looks_like: str) -> None:
    with pytest.raises(UnknownFormatError, match=f"it looks like {looks_like}, not a thread"):
        guess_format("notes", NO_SUFFIX[name])


def test_named_as_text_it_is_read_as_asked() -> None:
    article = threadkit.loads(KINDS["data.csv"], "text")
    assert article.title == "id,name,score 1,Ada,3 2,Bo,5"  # a title wrapped over three lines
    assert (
        threadkit.loads(KINDS["config.yaml"], "text").title
        == "title: Notes date: 2024-09-14 tags: - a - b"
    )


@pytest.mark.parametrize(
    "dump",
    [
        "Council Approves Bike Lane\n\nA year of hearings ends.\n",
        "Council Approves Bike Lane\n[published: 2024-05-01T09:30:00+02:00]\n[tag: a]\n\nBody.\n",
        "A title wrapped\nover two lines\n\nBody: with a colon.\n",
        "Breaking: council votes\n\nAuthor: Dana\n\n  • Pete\n\n    key: value\n",
        "#MeToo, five years on\n\nBody.\n",
        "\ufeffCafé, crème\n\nBody.\n",
    ],
)
def test_a_dump_is_still_taken_for_one(dump: str) -> None:
    assert guess_format(None, dump).name == "text"
    assert guess_format(None, dump.encode("utf-16")).name == "text"


def test_the_text_writer_escapes_titles_that_start_like_another_kind() -> None:
    for title in [*(f"{marker} and more" for marker in TITLE_MARKERS), "E=mc2, the film"]:
        dump = threadkit.dumps(threadkit.Article(title=title), "text")
        assert dump == f"\\{title}\n"
        assert guess_format(None, dump).name == "text"
        assert threadkit.loads(dump) == threadkit.Article(title=title)
