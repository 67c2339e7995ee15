"""How every reader decodes bytes: byte order marks, declarations, the fallback, bad bytes.

Each document holds one comment whose text is the string under test, and
an article titled "Café" so that UTF-8 is seen before any bad byte. The
importers' documents are written by hand; the others come from the writers
(whose output the readers must take back).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable

import pytest

import threadkit
from threadkit import Article, Comment, ParseError

TITLE = "Café"


def _writer(name: str) -> Callable[[str], str]:
    def document(text: str) -> str:
        article = Article(title=TITLE, comments=(Comment(text=text),))
        return threadkit.dumps(article, name)

    return document


def _reddit(text: str) -> str:
    post = {"kind": "t3", "data": {"id": "p", "name": "t3_p", "title": TITLE, "selftext": ""}}
    comment = {
        "kind": "t1",
        "data": {"id": "a", "name": "t1_a", "parent_id": "t3_p", "body": text, "replies": ""},
    }
    listings = [
        {"kind": "Listing", "data": {"children": [post]}},
        {"kind": "Listing", "data": {"children": [comment]}},
    ]
    return json.dumps(listings, ensure_ascii=False)


def _hackernews(text: str) -> str:
    story = {
        "id": 1,
        "type": "story",
        "title": TITLE,
        "author": "x",
        "created_at_i": 1_700_000_000,
        "children": [
            {
                "id": 2,
                "type": "comment",
                "author": "x",
                "created_at_i": 1_700_000_000,
                "parent_id": 1,
                "text": text,
                "children": [],
            }
        ],
    }
    return json.dumps(story, ensure_ascii=False)


def _mastodon(text: str) -> str:
    def status(number: str, parent: str | None, content: str) -> dict[str, object]:
        return {
            "id": number,
            "created_at": "2024-05-01T10:00:00.000Z",
            "in_reply_to_id": parent,
            "content": f"<p>{content}</p>",
            "account": {"id": "1", "username": "x", "acct": "x", "display_name": "X"},
        }

    document = {
        "status": status("1", None, TITLE),
        "context": {"ancestors": [], "descendants": [status("2", "1", text)]},
    }
    return json.dumps(document, ensure_ascii=False)


def _disqus(text: str, declaration: str = "") -> str:
    return (
        declaration
        + '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
        f'<thread dsq:id="1"><title>{TITLE}</title></thread>\n'
        f'<post dsq:id="2"><message>{text}</message><thread dsq:id="1"/></post>\n'
        "</disqus>\n"
    )


def _wordpress(text: str, declaration: str = "") -> str:
    return (
        declaration + '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n'
        f"<channel><title>Site</title><item><title>{TITLE}</title><wp:post_id>1</wp:post_id>\n"
        "<wp:comment><wp:comment_id>2</wp:comment_id>"
        f"<wp:comment_content>{text}</wp:comment_content>"
        "<wp:comment_parent>0</wp:comment_parent></wp:comment>\n"
        "</item></channel></rss>\n"
    )


DOCUMENTS: dict[str, Callable[[str], str]] = {
    "text": _writer("text"),
    "json": _writer("json"),
    "jsonl": _writer("jsonl"),
    "html": _writer("html"),
    "reddit": _reddit,
    "hackernews": _hackernews,
    "mastodon": _mastodon,
    "disqus": _disqus,
    "wordpress": _wordpress,
}
NAMES = list(DOCUMENTS)


def _read(name: str, data: str | bytes, **options: object) -> tuple[str, str]:
    """The title and the one comment's text."""
    article = threadkit.loads(data, name, **options)
    (comment,) = article.comments
    return article.title, comment.text


def _undeclared(name: str, document: str) -> str:
    # A page as html writes it declares UTF-8; without that line it declares nothing.
    if name == "html":
        return document.replace('<meta charset="utf-8">\n', "", 1)
    return document


# -- byte order marks ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_utf8_with_and_without_a_bom_and_utf16_with_one(name: str, bom: bytes, codec: str) -> None:
    text = "Café € 𝄞 ü"
    data = bom + DOCUMENTS[name](text).encode(codec)
    assert _read(name, data) == (TITLE, text)


@pytest.mark.parametrize("name", NAMES)
def test_text_input_with_a_bom_character(name: str) -> None:
    assert _read(name, "\ufeff" + DOCUMENTS[name]("Café €")) == (TITLE, "Café €")


# -- the fallback for undeclared bytes that are not UTF-8 -------------------------------


@pytest.mark.parametrize(
    ("name", "codec"),
    # The text format's bullet, U+2022, is in windows-1252 but not in Latin-1.
    [
        (name, codec)
        for name in NAMES
        for codec in ("cp1252", "latin-1")
        if (name, codec) != ("text", "latin-1")
    ],
)
def test_undeclared_windows_1252_and_latin1_are_read_by_the_fallback(name: str, codec: str) -> None:
    # Latin-1 letters are the same bytes in windows-1252; "€" exists only there.
    text = "Zürich, naïve, Ærø" + (" — 5 €" if codec == "cp1252" else "")
    document = _undeclared(name, DOCUMENTS[name](text))
    data = document.replace(TITLE, "Cafe").encode(codec)
    assert _read(name, data) == ("Cafe", text)


@pytest.mark.parametrize("name", NAMES)
def test_a_byte_windows_1252_leaves_undefined_is_an_error(name: str) -> None:
    document = _undeclared(name, DOCUMENTS[name]("Zürich MARK")).replace(TITLE, "Cafe")
    data = document.encode("cp1252").replace(b"MARK", b"\x81")
    with pytest.raises(ParseError) as caught:
        threadkit.loads(data, name, errors="strict")
    assert "windows-1252" in caught.value.message
    assert caught.value.offset == data.index(b"\x81")


# -- invalid UTF-8 ----------------------------------------------------------------------


def _invalid(name: str) -> bytes:
    # UTF-8 (the é of the title) before the bad byte: no fallback applies.
    return DOCUMENTS[name]("bad MARK byte").encode("utf-8").replace(b"MARK", b"\xff")


@pytest.mark.parametrize("name", NAMES)
def test_invalid_utf8_is_an_error_naming_the_byte_offset(name: str) -> None:
    data = _invalid(name)
    with pytest.raises(ParseError) as caught:
        threadkit.loads(data, name, errors="strict")
    error = caught.value
    assert error.format == name
    assert error.offset == data.index(b"\xff")
    assert "not valid UTF-8" in error.message
    assert "0xFF" in error.message
    assert "errors='replace'" in error.message


@pytest.mark.parametrize("name", NAMES)
def test_invalid_utf8_is_replaced_when_asked(name: str) -> None:
    assert _read(name, _invalid(name), errors="replace") == (TITLE, "bad \ufffd byte")


def test_html_replaces_by_default_as_a_browser_does() -> None:
    assert _read("html", _invalid("html")) == (TITLE, "bad \ufffd byte")


@pytest.mark.parametrize("name", [name for name in NAMES if name != "html"])
def test_other_readers_are_strict_by_default(name: str) -> None:
    with pytest.raises(ParseError, match="not valid UTF-8"):
        threadkit.loads(_invalid(name), name)


def test_a_sequence_cut_short_at_the_end_is_invalid() -> None:
    data = DOCUMENTS["text"]("end").encode("utf-8") + "é".encode()[:1]
    with pytest.raises(ParseError) as caught:
        threadkit.loads(data, "text")
    assert caught.value.offset == len(data) - 1


@pytest.mark.parametrize("name", ["disqus", "wordpress"])
def test_invalid_utf8_far_into_a_streamed_export(name: str) -> None:
    # Past the first chunks read, and with a sequence cut between two reads.
    filler = "é" * 100_000
    data = DOCUMENTS[name](f"{filler} MARK").encode("utf-8").replace(b"MARK", b"\xff")
    with pytest.raises(ParseError) as caught:
        list(threadkit.loads_all(data, name))
    assert caught.value.offset == data.index(b"\xff")
    assert _read(name, data, errors="replace")[1] == f"{filler} \ufffd"


# -- declared encodings -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["disqus", "wordpress"])
@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        ("ISO-8859-1", "latin-1", "Zürich"),
        ("windows-1252", "cp1252", "5 €"),
        ("UTF-16", "utf-16", "Zürich 𝄞"),
        ("koi8-r", "koi8-r", "Привет"),
    ],
)
def test_the_xml_declaration_is_honoured(name: str, label: str, codec: str, text: str) -> None:
    declaration = f'<?xml version="1.0" encoding="{label}"?>\n'
    make = _disqus if name == "disqus" else _wordpress
    data = make(text, declaration).replace(TITLE, "Cafe").encode(codec)
    assert _read(name, data) == ("Cafe", text)


@pytest.mark.parametrize("name", ["disqus", "wordpress"])
def test_a_declared_encoding_gets_no_fallback(name: str) -> None:
    make = _disqus if name == "disqus" else _wordpress
    data = make("Zürich", '<?xml version="1.0" encoding="utf-8"?>\n').encode("latin-1")
    data = data.replace(TITLE.encode("latin-1"), b"Cafe")
    with pytest.raises(ParseError) as caught:
        threadkit.loads(data, name)
    assert caught.value.offset == data.index("ü".encode("latin-1"))


# Python codecs that are not text encodings are no encodings for a document.
UNKNOWN = ["no-such-codec", "base64", "zlib", "rot13"]


@pytest.mark.parametrize("name", ["disqus", "wordpress"])
@pytest.mark.parametrize("label", UNKNOWN)
def test_an_unknown_declared_encoding_is_a_parse_error(name: str, label: str) -> None:
    make = _disqus if name == "disqus" else _wordpress
    data = make("x", f'<?xml version="1.0" encoding="{label}"?>\n').encode("utf-8")
    with pytest.raises(ParseError, match=label) as caught:
        threadkit.loads(data, name)
    assert caught.value.line == 1


@pytest.mark.parametrize("label", UNKNOWN)
def test_an_unknown_html_charset_is_no_declaration(label: str) -> None:
    page = DOCUMENTS["html"]("Zürich").replace(
        '<meta charset="utf-8">', f'<meta charset="{label}">'
    )
    assert _read("html", page.encode("utf-8")) == (TITLE, "Zürich")


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">', "iso8859-15"),
    ],
)
def test_the_html_charset_declaration_is_honoured(declaration: str, codec: str) -> None:
    text = "Zürich — 5 €"
    page = DOCUMENTS["html"](text).replace('<meta charset="utf-8">', declaration, 1)
    if codec == "iso8859-15":
        text = text.replace("—", "-")
        page = page.replace("—", "-")
    assert _read("html", page.encode(codec)) == (TITLE, text)


# -- the caller's encoding ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_callers_encoding_wins(name: str) -> None:
    # "Ã©" in windows-1252 is the UTF-8 of "é": only the caller's encoding
    # keeps it from being read as UTF-8 (or as a declaration says).
    data = DOCUMENTS[name]("Ã©").replace(TITLE, "Cafe").encode("cp1252")
    assert _read(name, data, encoding="cp1252") == ("Cafe", "Ã©")
    if name != "text":  # whose windows-1252 bullets are not UTF-8
        assert _read(name, data)[1] == "é"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("label", UNKNOWN)
def test_an_unknown_encoding_is_a_lookup_error(name: str, label: str) -> None:
    with pytest.raises(LookupError, match=label):
        threadkit.loads(DOCUMENTS[name]("x").encode("utf-8"), name, encoding=label)


@pytest.mark.parametrize("name", NAMES)
def test_encoding_and_errors_do_not_touch_text_input(name: str) -> None:
    document = DOCUMENTS[name]("né")
    assert _read(name, document, encoding="latin-1", errors="strict") == (TITLE, "né")


@pytest.mark.parametrize(
    ("name", "data"),
    [(name, b"<") for name in NAMES if name != "html"]
    # Python's streaming UTF-16 decoder, which the XML importers use, raises
    # a bare UnicodeError on input without a byte order mark.
    + [("disqus", b"<d"), ("wordpress", b"<d")],
)
def test_utf16_cut_short_or_without_its_bom_is_a_parse_error(name: str, data: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        threadkit.loads(data, name, encoding="utf-16")
    assert caught.value.format == name


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_bytes_like_input_reads_as_bytes(name: str, kind: type) -> None:
    data = DOCUMENTS[name]("Zürich").encode("utf-8")
    assert _read(name, kind(data)) == (TITLE, "Zürich")
