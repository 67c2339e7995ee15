"""What an independent attack on the readers broke (issue 22), each one pinned down.

The inputs that made a reader raise something other than a located
:class:`~threadkit.ParseError` are kept in ``regressions/`` and read again by
``test_fuzz_readers.py``; the silent misreads are checked here, against
expectations written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Comment, ParseError
from threadkit.importers import disqus, reddit, wordpress

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
SAMPLE = Article(title="T", comments=(Comment(text="a", replies=(Comment(text="b"),)),))


@pytest.mark.parametrize("encoding", ["idna", "undefined", "IDNA"])
@pytest.mark.parametrize("format", ["text", "json", "jsonl", "html", "disqus", "reddit"])
def test_an_encoding_that_cannot_decode_documents_is_unknown(format: str, encoding: str) -> None:
    with pytest.raises(LookupError, match="unknown encoding"):
        threadkit.loads(b"x", format, encoding=encoding)


@pytest.mark.parametrize("charset", ["idna", "undefined"])
def test_a_declared_charset_that_cannot_decode_documents_is_ignored(charset: str) -> None:
    page = threadkit.dumps(Article(title="Café"), "html").encode()
    assert b'<meta charset="utf-8">' in page
    page = page.replace(b'<meta charset="utf-8">', f'<meta charset="{charset}">'.encode())
    assert threadkit.loads(page, "html").title == "Café"


@pytest.mark.parametrize("member", ["published", "edited"])
def test_an_empty_date_of_a_comment_is_refused_where_it_is(member: str) -> None:
    document = '{"threadkit": 1, "title": "T", "comments": [{"text": "a", "MEMBER": ""}]}'
    document = document.replace("MEMBER", member)
    with pytest.raises(ParseError) as caught:
        threadkit.loads(document, "json")
    assert caught.value.path == f"$.comments[0].{member}"
    records = (
        '{"threadkit": 1, "record": "article", "title": "T"}\n'
        '{"record": "comment", "key": 1, "parent": null, "text": "a", "MEMBER": ""}\n'
    ).replace("MEMBER", member)
    with pytest.raises(ParseError) as caught:
        threadkit.loads(records, "jsonl")
    assert caught.value.line == 2


@pytest.mark.parametrize("kind", [str, bytes])
def test_two_jsonl_records_on_one_line_are_refused(kind: type) -> None:
    records = (
        '{"threadkit":1,"record":"article","title":"T"}\n'
        '{"record":"comment","key":1,"parent":null,"text":"a"},'
        '{"record":"comment","key":2,"parent":null,"text":"b"}\n'
    )
    data = records if kind is str else records.encode()
    with pytest.raises(ParseError) as caught:
        threadkit.loads(data, "jsonl")
    assert caught.value.line == 2


@pytest.mark.parametrize("format", ["json", "jsonl", "html", "text"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_document_is_guessed_by_its_byte_order_mark(format: str, encoding: str) -> None:
    mark = b"\xff\xfe" if encoding == "utf-16-le" else b"\xfe\xff"
    data = mark + threadkit.dumps(SAMPLE, format).encode(encoding)
    assert threadkit.formats.guess_format(content=data).name == format
    assert threadkit.loads(data) == SAMPLE


def test_a_reddit_comment_without_an_id_is_named_by_its_place() -> None:
    # Named by its place in document order: the JSONPath of a deep one is as
    # long as the thread is deep (a chain of them took quadratic time).
    things = '{"kind": "t1", "data": {"body": "x", "edited": true}}'
    post = '{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"title": "T"}}]}}'
    listing = f'[{post}, {{"kind": "Listing", "data": {{"children": [{things}, {things}]}}}}]'
    report: list[threadkit.ImportReport] = []
    article = reddit.read(listing, report=report.append)
    assert [c.text for c in article.comments] == ["x", "x"]
    assert [repair.where for repair in report[0].repairs] == [
        "comment #1 (no id): edited",
        "comment #2 (no id): edited",
    ]


def _disqus_with(message: str, title: str = "Only thread") -> str:
    export = (DATA / "disqus_single.xml").read_text()
    export = export.replace("<title>Only thread</title>", f"<title>{title}</title>")
    return export.replace("<![CDATA[<p>Only post.</p>]]>", message)


def test_disqus_keeps_the_text_after_an_entity_it_does_not_expand() -> None:
    report: list[threadkit.ImportReport] = []
    article = disqus.read(
        _disqus_with("Before &co; after", title="Fish &chips; shop"),
        recover=True,
        report=report.append,
    )
    assert article.title == "Fish &chips; shop"
    assert article.comments[0].text == "Before &co; after"
    assert {repair.message for repair in report[0].repairs} == {
        "Entity 'chips' not defined; recovered",
        "Entity 'co' not defined; recovered",
    }


def test_an_undefined_entity_is_refused_where_it_is() -> None:
    with pytest.raises(ParseError, match="Entity 'co' not defined") as caught:
        disqus.read(_disqus_with("Before &co; after"))
    assert (caught.value.line, caught.value.column) == (9, 25)


def test_wordpress_keeps_the_text_after_an_entity_it_does_not_expand() -> None:
    export = (DATA / "wxr_export.xml").read_text()
    assert "<![CDATA[Thanks for reading." in export
    export = export.replace("<![CDATA[Thanks for reading.", "Thanks &for; reading.<![CDATA[", 1)
    texts = [
        comment.text
        for article in wordpress.read_all(export, recover=True)
        for comment in threadkit.tree.walk(article)
    ]
    assert "Thanks &for; reading.\n\nPhotos tomorrow." in texts


def test_extra_nested_too_deep_in_jsonl_is_not_blamed_on_the_format() -> None:
    record = '{"threadkit": 1, "record": "article", "title": "T", "extra": {"a": '
    document = record + "[" * 3000 + "]" * 3000 + "}}\n"
    with pytest.raises(ParseError) as caught:
        threadkit.loads(document, "jsonl")
    assert "need the jsonl format" not in str(caught.value)
    assert "extra nests at most 32 levels" in str(caught.value)
    assert (caught.value.line, caught.value.column) == (
        1,
        len(record) + 32,
    )  # the 32nd "[" is level 34


def test_a_json_ld_block_with_a_huge_number_is_still_read() -> None:
    block = (
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Big news",'
        f' "articleBody": "Body text here.", "wordCount": {"9" * 5000}}}'
    )
    page = f'<html><head><script type="application/ld+json">{block}</script></head></html>'
    assert threadkit.loads(page, "html") == Article(title="Big news", body="Body text here.")


def test_a_score_of_thousands_of_digits_is_out_of_range() -> None:
    dump = "T\n\n  • a\n    [score: " + "9" * 5000 + "]\n"
    with pytest.raises(ParseError, match="signed 64-bit") as caught:
        threadkit.loads(dump, "text")
    assert (caught.value.line, caught.value.column) == (4, 5)
