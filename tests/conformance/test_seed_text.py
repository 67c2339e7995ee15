"""The seed dump in ../shared reads to the article it shows and is written back byte for byte.

The dump itself stays in ../shared: the expected texts are cut out of the
raw file by line number (counted by hand), so every character of every text
is checked without copying any of it here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment
from threadkit.formats import text

SEED = Path("seeds") / "000_cde8dd10f19ddc6d.txt"


@pytest.fixture
def raw(shared: Path) -> str:
    path = shared / SEED
    if not path.is_file():
        pytest.skip(f"{SEED} is not in ../shared")
    return path.read_bytes().decode("utf-8")


def cut(raw: str, first: int, last: int, indent: int = 0) -> str:
    """Lines *first* to *last* (1-based, inclusive) of *raw*, less *indent* columns each."""
    lines = raw.split("\n")[first - 1 : last]
    assert all(line[:indent].strip() in ("", "•") for line in lines)
    return "\n".join(line[indent:] for line in lines)


def expected(raw: str) -> Article:
    return Article(
        title=cut(raw, 1, 1),
        subtitle=cut(raw, 3, 3),
        body=cut(raw, 5, 11),
        authors=(Author(name="Jason Ditz", bio=cut(raw, 15, 15)),),
        comments=(
            Comment(
                text=cut(raw, 19, 25, 4),
                author=Author(name="Bianca"),
                replies=(Comment(text=cut(raw, 29, 29, 6), author=Author(name="eric")),),
            ),
            Comment(
                text=cut(raw, 33, 33, 4),
                author=Author(name="jivkobivko"),
                replies=(Comment(text=cut(raw, 37, 37, 6), author=Author(name="eric")),),
            ),
            Comment(
                text=cut(raw, 41, 41, 4),
                author=Author(name="eric"),
                replies=(Comment(text=cut(raw, 45, 48, 6), author=Author(name="EmilyEnso")),),
            ),
            Comment(text=cut(raw, 50, 50, 4)),
            Comment(text=cut(raw, 54, 54, 4), author=Author(name="Distressed7")),
        ),
    )


def test_the_seed_reads_to_the_article_it_shows(raw: str) -> None:
    article = text.read(raw)
    assert article == expected(raw)
    # The shape, as the issue states it.
    assert article.subtitle is not None
    assert article.subtitle.startswith("Attacked Yesterday")
    assert len(article.body.split("\n\n")) == 4
    assert article.authors[0].bio.startswith("Jason Ditz is news editor of")
    assert article.comment_count == 8
    assert article.depth == 2
    bianca, jivkobivko, eric, authorless, last = article.comments
    assert len(bianca.text.split("\n\n")) == 4
    emily = eric.replies[0]
    assert emily.author == Author(name="EmilyEnso")
    assert "\n\n" not in emily.text
    assert emily.text.count("\n") == 3
    assert authorless.author is None
    assert authorless.text.startswith("Al Nusra was not invited")
    assert [reply.author for reply in (bianca.replies + jivkobivko.replies)] == [
        Author(name="eric"),
        Author(name="eric"),
    ]
    assert last.author == Author(name="Distressed7")


def test_the_seed_reads_the_same_from_bytes_and_with_crlf(raw: str) -> None:
    article = expected(raw)
    assert text.read(raw.encode("utf-8")) == article
    assert text.read(raw.replace("\n", "\r\n").encode("utf-8")) == article
    assert text.read(raw.replace("\n", "  \n") + "\n\n") == article


def test_writing_the_seed_gives_the_file_back(raw: str) -> None:
    written = text.write(text.read(raw))
    assert written in (raw, raw + "\n")
    assert written.rstrip("\n") == raw.rstrip("\n")


def test_the_seed_through_loads_and_dumps_and_json(raw: str) -> None:
    article = threadkit.loads(raw)  # the format is sniffed
    assert article == expected(raw)
    document = threadkit.dumps(article, "json")
    assert threadkit.loads(document, "json") == article
    assert threadkit.dumps(threadkit.loads(document), "text").rstrip("\n") == raw.rstrip("\n")


def test_the_seed_through_the_command_line(
    raw: str, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from threadkit import cli

    assert cli.main(["convert", str(shared / SEED), "--to", "json"]) == 0
    document = capsys.readouterr().out
    assert threadkit.loads(document, "json") == expected(raw)
    comments = json.loads(document)["comments"]
    assert [c.get("author", {}).get("name") for c in comments] == [
        "Bianca",
        "jivkobivko",
        "eric",
        None,
        "Distressed7",
    ]
    assert cli.main(["convert", str(shared / SEED), "--to", "text"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == raw.rstrip("\n")
