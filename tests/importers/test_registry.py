"""Importers in the registry and the API: sniffing, read-only rows, load_all, reports."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

import threadkit
from threadkit import Article, Comment, ImportReport, Repair, UnloadedReplies
from threadkit.formats import FORMATS, Format, get_format, guess_format
from threadkit.tree import RebuildReport

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
IMPORTERS = ("reddit", "hackernews", "mastodon", "disqus", "wordpress")
FILES = {
    "reddit_thread.json": "reddit",
    "reddit_morechildren.json": "reddit",
    "hn_items.json": "hackernews",
    "hn_algolia.json": "hackernews",
    "hn_two_stories.json": "hackernews",
    "mastodon_status_context.json": "mastodon",
    "mastodon_context.json": "mastodon",
    "disqus_export.xml": "disqus",
    "wxr_export.xml": "wordpress",
}


def test_importers_are_read_only_rows_sniffed_before_json() -> None:
    names = [fmt.name for fmt in FORMATS]
    for name in IMPORTERS:
        fmt = get_format(name)
        assert fmt.writable is False
        assert names.index(name) < names.index("json")
        assert "import only" in fmt.summary
    assert get_format("json").writable is True


@pytest.mark.parametrize("name", IMPORTERS)
def test_writing_an_importer_format_says_it_is_read_only(name: str) -> None:
    article = Article(title="T")
    with pytest.raises(threadkit.UnknownFormatError, match=f"{name} is read-only"):
        threadkit.dumps(article, name)
    with pytest.raises(LookupError, match="write one of: json"):
        get_format(name).write(article)


@pytest.mark.parametrize("name", IMPORTERS)
def test_writing_an_importer_format_raises_read_only_format_error(name: str) -> None:
    # A format that exists is not unknown: the error says so by its class,
    # and stays an UnknownFormatError (and a LookupError) for older handlers.
    article = Article(title="T")
    for write in (lambda: threadkit.dumps(article, name), lambda: get_format(name).write(article)):
        with pytest.raises(threadkit.ReadOnlyFormatError) as caught:
            write()
        assert isinstance(caught.value, threadkit.UnknownFormatError)
    with pytest.raises(threadkit.UnknownFormatError) as unknown:
        get_format("doc")
    assert not isinstance(unknown.value, threadkit.ReadOnlyFormatError)


@pytest.mark.parametrize(("file", "name"), sorted(FILES.items()))
def test_content_settles_a_shared_suffix(file: str, name: str) -> None:
    path = DATA / file
    content = path.read_bytes()
    assert guess_format(path, content).name == name
    assert guess_format(None, content).name == name
    renamed = path.with_suffix(".data")
    assert guess_format(renamed, content).name == name


def test_a_shared_suffix_without_content() -> None:
    assert guess_format("out.json").name == "json"
    assert guess_format("export.wxr").name == "wordpress"
    with pytest.raises(threadkit.UnknownFormatError):
        guess_format("export.xml")


def test_loads_and_loads_all_sniff_the_content() -> None:
    data = (DATA / "reddit_thread.json").read_text()
    article = threadkit.loads(data)
    assert article.title == "Council approves the river bridge"
    assert list(threadkit.loads_all(data)) == [article]
    assert list(threadkit.loads_all(data.encode(), "reddit")) == [article]


def test_load_all_with_files_and_paths() -> None:
    path = DATA / "hn_two_stories.json"
    expected = list(threadkit.loads_all(path.read_bytes()))
    assert len(expected) == 3
    assert list(threadkit.load_all(path)) == expected
    assert list(threadkit.load_all(str(path), "hackernews")) == expected
    with path.open("rb") as stream:
        assert list(threadkit.load_all(stream)) == expected
    unseekable = io.BufferedReader(io.BytesIO(path.read_bytes()))  # type: ignore[arg-type]
    unseekable.seekable = lambda: False  # type: ignore[method-assign]
    assert list(threadkit.load_all(unseekable)) == expected


def test_load_all_fails_early_for_a_missing_file_and_closes_what_it_opens() -> None:
    with pytest.raises(FileNotFoundError):
        threadkit.load_all(DATA / "no-such-export.xml")
    articles = threadkit.load_all(DATA / "disqus_export.xml")
    first = next(articles)
    assert first.title == "Bridge vote passes"
    articles.close()  # type: ignore[attr-defined]


def test_formats_without_read_all_yield_their_one_article() -> None:
    # The mastodon module has read() only: the registry wraps it.
    fmt = Format("probe", "threadkit.importers.mastodon", (), "probe", writable=False)
    data = (DATA / "mastodon_context.json").read_bytes()
    assert list(fmt.read_all(data)) == [threadkit.loads(data, "mastodon")]
    assert list(fmt.read_all(io.BytesIO(data))) == [threadkit.loads(data, "mastodon")]


def test_the_report_reaches_the_caller() -> None:
    reports: list[ImportReport] = []
    articles = list(
        threadkit.load_all(DATA / "disqus_export.xml", report=reports.append, orphans="drop")
    )
    assert [report.article for report in reports] == articles
    assert reports[0].rebuild.dropped == ("1006",)
    assert str(reports[0]) == (
        "disqus article 0: 7 items rebuilt into 6 comments: "
        "1 orphan whose parent was not found ('1006'); "
        "1 duplicate key ('1001'); 1 item dropped ('1006'); "
        "1 item before its parent ('1002')"
    )


def test_import_report_arithmetic() -> None:
    report = ImportReport(
        format="reddit",
        index=0,
        article=Article(title="T"),
        rebuild=RebuildReport(item_count=0, comment_count=0),
        unloaded=(
            UnloadedReplies(parent=None, ids=("a", "b"), count=5),
            UnloadedReplies(parent="x", ids=("c",)),
            UnloadedReplies(parent="y", count=0),
        ),
        repairs=(Repair(where="w", message="m"),),
    )
    # x's count is not given: how many are missing is unknown, at least 2 + 1.
    assert report.unloaded_count is None
    assert report.unloaded_minimum == 6
    assert not report.clean
    assert str(report) == (
        "reddit article 0: 0 items rebuilt into 0 comments: clean; "
        "3 placeholder(s) for at least 6 unloaded replies; 1 value(s) repaired"
    )
    assert str(report.repairs[0]) == "w: m"
    assert "article" not in repr(report)
    counted = attrs.evolve(report, unloaded=report.unloaded[:1] + report.unloaded[2:])
    assert counted.unloaded_count == counted.unloaded_minimum == 5
    # A count of the whole thread wins over the placeholders'.
    story = attrs.evolve(report, unloaded_total=71, repairs=(), notes=("2 pingbacks kept",))
    assert story.unloaded_count == story.unloaded_minimum == 71
    assert story.clean
    assert str(story) == (
        "reddit article 0: 0 items rebuilt into 0 comments: clean; "
        "3 placeholder(s) for 71 unloaded replies; 2 pingbacks kept"
    )
    nothing = attrs.evolve(report, unloaded=())
    assert nothing.unloaded_count == nothing.unloaded_minimum == 0


def test_platform_values_the_model_refuses_never_crash() -> None:
    nested: object = "leaf"
    for _ in range(40):
        nested = {"n": [nested]}
    item = {
        "id": 1,
        "type": "story",
        "title": "Bad\u0000title\nsplit",
        "by": "x\u200b\ud800",
        "time": 10**20,
        "text": "para\u0001one<p>two\ufffe",
        "huge": 2**80,
        "ratio": float("nan"),
        "deep": nested,
        "\u0007key": 1,
        "key": 2,
    }
    reports: list[ImportReport] = []
    article = threadkit.loads(json.dumps(item), "hackernews", report=reports.append)
    assert article.title == "Badtitle split"
    assert article.authors[0].name == "x\u200b"
    assert article.published is None
    assert article.body == "paraone\n\ntwo"
    extra = article.extra["hackernews"]
    assert isinstance(extra, threadkit.Extra)
    assert extra["huge"] == str(2**80)
    assert extra["ratio"] == "nan"
    assert isinstance(extra["deep"], threadkit.Extra)
    # The cleaned key came first, so it keeps the name.
    assert extra["key"] == 1
    assert extra["key (2)"] == 2
    assert extra["time"] == str(10**20)
    messages = [str(repair) for repair in reports[0].repairs]
    assert any("out of range for a time" in m for m in messages)
    assert any("nested deeper than 32 levels; kept as JSON text" in m for m in messages)
    assert any("does not fit in 64 bits; kept as a string" in m for m in messages)
    assert any("not a finite number" in m for m in messages)
    assert any("repeats once cleaned; renamed" in m for m in messages)
    # Every string the model holds is one it accepts, so the article can be rebuilt.
    assert Article(title=article.title, body=article.body, extra=article.extra) == Article(
        title=article.title, body=article.body, extra=article.extra
    )


def test_naive_and_odd_offsets_become_utc() -> None:
    status = {
        "id": "1",
        "content": "<p>x</p>",
        "in_reply_to_account_id": None,
        "created_at": "2024-01-02T03:04:05",
    }
    descendants = [
        {
            "id": "2",
            "in_reply_to_id": "1",
            "content": "y",
            "created_at": "2024-01-02T03:04:05+05:30:30",
        }
    ]
    reports: list[ImportReport] = []
    article = threadkit.loads(
        json.dumps({"status": status, "descendants": descendants}),
        "mastodon",
        report=reports.append,
    )
    assert article.published == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    (reply,) = article.comments
    assert reply == Comment(
        text="y", id="2", published=datetime(2024, 1, 1, 21, 33, 35, tzinfo=UTC)
    )
    assert [r.message for r in reports[0].repairs] == [
        "offset 5:30:30 is not whole minutes; converted to UTC"
    ]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_report_is_left_out_for_readers_that_make_none(fmt: str, tmp_path: Path) -> None:
    # One call reads sources of any format: the JSON formats repair and warn
    # of nothing, so report= goes nowhere for them, and raises nothing. (The
    # text reader's report warns of lines that look like syntax.)
    article = Article(title="T", comments=(Comment(text="c"),))
    path = tmp_path / f"article{threadkit.get_format(fmt).suffixes[0]}"
    threadkit.dump(article, path)
    reports: list[object] = []
    assert threadkit.load(path, report=reports.append) == article
    assert list(threadkit.load_all(path, report=reports.append)) == [article]
    document = threadkit.dumps(article, fmt)
    assert threadkit.loads(document, fmt, report=reports.append) == article
    assert list(threadkit.loads_all(document, fmt, report=reports.append)) == [article]
    assert reports == []
    # Any other option a reader does not take is still an error.
    with pytest.raises(TypeError):
        threadkit.loads(document, fmt, cycles="break")
