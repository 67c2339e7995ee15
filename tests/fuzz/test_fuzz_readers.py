"""Every reader against hostile input: damaged documents and arbitrary bytes.

Each reader, given anything at all, returns an :class:`~threadkit.Article`
or raises a :class:`~threadkit.ParseError` that says where. Nothing else may
escape: not a ``KeyError`` from deep inside, not a ``ValidationError`` the
model raised without a location.

"Says where" is checked the same way for every reader (:func:`says_where`):
the error has a ``line``, a ``path`` or an ``offset``, and each one given is
plausible for the input (a line that exists, a JSONPath from ``$``, an
offset inside the bytes or just past them).

The damaged documents start from valid ones: dumps of drawn articles for the
formats threadkit writes, the small exports in ``tests/data/importers`` for
the importers. They are damaged as files get damaged: bytes dropped,
repeated or swapped, lines shuffled, indentation broken, closing tags and
brackets lost, numbers changed, cut short, stray fragments pasted in. Every
prefix of a few short documents is read too, and every input that once broke
a reader is kept in ``regressions/`` and read again.

Errors about the document as a whole (empty, no article in it) are located
at its start: line 1, or ``$`` for JSON.

Under the ``ci`` profile each reader gets at least 2,000 examples of each
kind; under ``default``, the profile's count.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import threadkit
from threadkit import Article, Author, Comment, CommentState, ParseError
from threadkit import strategies as tks
from threadkit.formats import get_format

HERE = Path(__file__).resolve().parent
IMPORTER_DATA = HERE.parent / "data" / "importers"
REGRESSIONS = HERE / "regressions"

WRITABLE = ("text", "json", "jsonl", "html")
IMPORTERS = ("reddit", "hackernews", "mastodon", "disqus", "wordpress")
READERS = WRITABLE + IMPORTERS

IMPORTER_FILES = {
    "reddit": ("reddit_thread.json", "reddit_morechildren.json"),
    "hackernews": ("hn_items.json", "hn_algolia.json", "hn_two_stories.json"),
    "mastodon": ("mastodon_status_context.json", "mastodon_context.json"),
    "disqus": ("disqus_single.xml", "disqus_export.xml"),
    "wordpress": ("wxr_export.xml",),
}

EXAMPLES = (
    max(2000, settings().max_examples)
    if os.environ.get("HYPOTHESIS_PROFILE") == "ci"
    else settings().max_examples
)
fuzz = settings(max_examples=EXAMPLES)
SEEDS = 25


def says_where(error: ParseError, data: bytes) -> None:
    """Fail unless *error* locates the problem in *data*, plausibly."""
    assert error.line is not None or error.path is not None or error.offset is not None, (
        f"no location in {error!r}"
    )
    if error.line is not None:
        lines = data.count(b"\n") + data.count(b"\r") + 1
        assert 1 <= error.line <= lines, f"line {error.line} of {lines}: {error!r}"
    if error.column is not None:
        assert error.line is not None, f"a column without a line: {error!r}"
        assert error.column >= 1, f"column {error.column}: {error!r}"
    if error.path is not None:
        assert error.path.startswith("$"), f"not a JSONPath: {error!r}"
    if error.offset is not None:
        assert 0 <= error.offset <= len(data), f"offset {error.offset} of {len(data)}: {error!r}"


def read_or_refuse(name: str, data: bytes) -> None:
    """Read *data* as *name* every way the reader offers; only a located ParseError may escape.

    An article that is read must be one the model accepts, which a round
    trip through ``jsonl`` (a format for threads of any depth) confirms
    without trusting the reader's own types.
    """
    fmt = get_format(name)
    ways: list[Callable[[], list[Article]]] = [lambda: [fmt.read(data)]]
    if name in IMPORTERS:
        ways.append(lambda: list(fmt.read_all(data)))
    if name in ("disqus", "wordpress"):
        ways.append(lambda: list(fmt.read_all(data, recover=True)))
    for way in ways:
        try:
            articles = way()
        except ParseError as error:
            says_where(error, data)
            continue
        for article in articles:
            assert type(article) is Article
            assert threadkit.loads(threadkit.dumps(article, "jsonl"), "jsonl") == article


# -- damaging valid documents ------------------------------------------------

# Pasted into a document: the starts of constructs that readers treat
# specially, bytes that are not UTF-8, and values at the edges of the model.
FRAGMENTS = (
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbf\xbe",
    b"\xc2\x85",
    b"\r",
    b"\t",
    b"\\",
    b'"',
    b"{",
    b"[",
    b"<",
    b"<![",
    b"<![CDATA[",
    b"<!--",
    b"<?",
    b"&",
    b"&#0;",
    b"&#x110000;",
    b"&#xD800;",
    b"\\u0000",
    b"\\ud800",
    b"1e999",
    b"-0",
    b"99999999999999999999",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"\xe2\x80\xa2 ",
    b"[score: ",
    b"  \xe2\x80\xa2 ",
    b"null",
    b"true",
    b"0000-00-00T00:00:00Z",
    b"9999-12-31T23:59:59-23:59",
)


# Every draw below uses one of these fixed strategies, reduced modulo what it
# picks from: a strategy built per draw with its own bounds costs Hypothesis
# several times what reading the damaged document does.
_ANY = st.integers(0, 2**16)
_SIZE = st.integers(1, 24)
_PIECE = st.sampled_from(FRAGMENTS) | st.binary(min_size=1, max_size=8)


def _pick(draw: st.DrawFn, count: int) -> int:
    """An index below *count* (at least 1)."""
    return draw(_ANY) % count


def _drop(draw: st.DrawFn, data: bytearray) -> bytearray:
    start = _pick(draw, len(data) + 1)
    del data[start : start + draw(_SIZE)]
    return data


def _duplicate(draw: st.DrawFn, data: bytearray) -> bytearray:
    start = _pick(draw, len(data) + 1)
    data[start:start] = data[start : start + draw(_SIZE)]
    return data


def _swap(draw: st.DrawFn, data: bytearray) -> bytearray:
    if len(data) < 2:
        return data
    size = 1 + _pick(draw, min(16, len(data) // 2))
    first = _pick(draw, len(data) - 2 * size + 1)
    second = first + size + _pick(draw, len(data) - first - 2 * size + 1)
    left, right = data[first : first + size], data[second : second + size]
    data[second : second + size] = left
    data[first : first + size] = right
    return data


def _shuffle_lines(draw: st.DrawFn, data: bytearray) -> bytearray:
    lines = bytes(data).split(b"\n")
    start = _pick(draw, len(lines))
    chunk = lines[start : start + 12]
    for index in range(len(chunk) - 1, 0, -1):
        other = _pick(draw, index + 1)
        chunk[index], chunk[other] = chunk[other], chunk[index]
    lines[start : start + 12] = chunk
    return bytearray(b"\n".join(lines))


def _indent(draw: st.DrawFn, data: bytearray) -> bytearray:
    lines = bytes(data).split(b"\n")
    index = _pick(draw, len(lines))
    line = lines[index]
    body = line.lstrip(b" \t")
    indent = len(line) - len(body)
    choices = (
        body,
        b" " + line,
        b"  " + line,
        b"\t" + body,
        b" " * max(indent - 1, 0) + body,
        b" " * (indent + 4) + body,
    )
    lines[index] = choices[_pick(draw, len(choices))]
    return bytearray(b"\n".join(lines))


_CLOSERS = re.compile(rb"</[^>]*>|/>|[\]})]|\]\]>|-->")


def _unclose(draw: st.DrawFn, data: bytearray) -> bytearray:
    closers = list(_CLOSERS.finditer(data))
    if closers:
        match = closers[_pick(draw, len(closers))]
        del data[match.start() : match.end()]
    return data


def _truncate(draw: st.DrawFn, data: bytearray) -> bytearray:
    return data[: _pick(draw, len(data) + 1)]


def _paste(draw: st.DrawFn, data: bytearray) -> bytearray:
    at = _pick(draw, len(data) + 1)
    data[at:at] = draw(_PIECE)
    return data


_NUMBER = re.compile(rb"[0-9]+")


def _renumber(draw: st.DrawFn, data: bytearray) -> bytearray:
    # Ids, keys and parent references are numbers in most formats: a changed
    # one makes duplicates, orphans and cycles.
    numbers = list(_NUMBER.finditer(data))
    if numbers:
        match = numbers[_pick(draw, len(numbers))]
        data[match.start() : match.end()] = str(_pick(draw, 13)).encode()
    return data


DAMAGE = (
    _drop,
    _duplicate,
    _swap,
    _shuffle_lines,
    _indent,
    _unclose,
    _truncate,
    _paste,
    _renumber,
)
_DAMAGES = st.lists(st.sampled_from(DAMAGE), min_size=1, max_size=4)


@st.composite
def damaged(draw: st.DrawFn, documents: list[bytes]) -> bytes:
    """One of *documents* damaged one to four times."""
    data = bytearray(documents[_pick(draw, len(documents))])
    for damage in draw(_DAMAGES):
        data = damage(draw, data)
    return bytes(data)


def _written(name: str) -> list[bytes]:
    """Dumps of drawn articles, the same ones on every run, drawn once per session."""
    found: list[bytes] = []

    @settings(
        max_examples=SEEDS,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(tks.articles(max_depth=2, max_replies=2, max_comments=3), st.booleans())
    def collect(article: Article, fragment: bool) -> None:
        options = {"fragment": fragment} if name == "html" else {}
        found.append(threadkit.dumps(article, name, **options).encode())

    collect()
    return found


@pytest.fixture(scope="module")
def seeds(name: str) -> list[bytes]:
    """Valid documents for the reader *name*.

    Drawn up front rather than in each example: generating an article costs
    many times what reading a damaged document does.
    """
    if name in WRITABLE:
        return _written(name)
    return [(IMPORTER_DATA / file).read_bytes() for file in IMPORTER_FILES[name]]


@pytest.mark.parametrize("name", READERS, scope="module")
@fuzz
@given(data=st.data())
def test_damaged_documents(name: str, seeds: list[bytes], data: st.DataObject) -> None:
    read_or_refuse(name, data.draw(damaged(seeds), label="document"))


_BYTES = st.binary(max_size=300)
_TEXT = st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass"))
_TAIL = st.binary(max_size=40)


@st.composite
def arbitrary(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """Bytes of any kind: random, any text as UTF-8, or a valid start then garbage."""
    kind = _pick(draw, 3)
    if kind == 0:
        return draw(_BYTES)
    if kind == 1:
        return draw(_TEXT)
    document = seeds[_pick(draw, len(seeds))]
    return document[: _pick(draw, len(document) + 1)] + draw(_TAIL)


@pytest.mark.parametrize("name", READERS, scope="module")
@fuzz
@given(data=st.data())
def test_arbitrary_bytes(name: str, seeds: list[bytes], data: st.DataObject) -> None:
    read_or_refuse(name, data.draw(arbitrary(seeds), label="input"))


# -- every prefix of a short document ------------------------------------------

_SHORT_ARTICLE = Article(
    title="Ferry timetable changes",
    subtitle="Winter service",
    body="Sailings drop to four a day.\n\nThe café stays open.",
    authors=(Author(name="Ines Alder", url="https://news.example/ines"),),
    published=datetime(2024, 11, 3, 7, 30, tzinfo=UTC),
    url="https://news.example/ferry",
    tags=("transport",),
    comments=(
        Comment(
            id="c1",
            author=Author(name="Piet"),
            text="About time • really",
            score=3,
            replies=(Comment(id="c2", text="[deleted]", state=CommentState.DELETED),),
        ),
        Comment(text="Good.", extra={"likes": [1, 2]}),
    ),
)

SHORT_FILES = {
    "reddit": (IMPORTER_DATA / "reddit_morechildren.json",),
    "hackernews": (IMPORTER_DATA / "hn_two_stories.json", IMPORTER_DATA / "hn_items.json"),
    "mastodon": (IMPORTER_DATA / "mastodon_context.json",),
    "disqus": (IMPORTER_DATA / "disqus_single.xml",),
    "wordpress": (HERE / "data" / "wordpress_short.xml",),
}


def short_documents(name: str) -> list[bytes]:
    if name in IMPORTERS:
        return [file.read_bytes() for file in SHORT_FILES[name]]
    options = {"fragment": True} if name == "html" else {}
    smallest = Article(title="T", comments=(Comment(text="c"),))
    return [threadkit.dumps(a, name, **options).encode() for a in (_SHORT_ARTICLE, smallest)]


@pytest.mark.parametrize("name", READERS)
def test_every_prefix(name: str) -> None:
    for document in short_documents(name):
        assert len(document) < 2500, "keep the truncation documents short: every prefix is read"
        for cut in range(len(document) + 1):
            read_or_refuse(name, document[:cut])


# -- inputs that once broke a reader ---------------------------------------------


def _regressions() -> list[Path]:
    return sorted(path for path in REGRESSIONS.iterdir() if path.name != "README.md")


@pytest.mark.parametrize("path", _regressions(), ids=lambda path: path.name)
def test_regression(path: Path) -> None:
    name = path.name.split("-", 1)[0]
    assert name in READERS, f"{path.name} must start with a reader's name"
    read_or_refuse(name, path.read_bytes())
