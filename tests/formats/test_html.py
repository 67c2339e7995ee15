"""The html format: the page, exact reading, safety, depth, charsets, schema.org pages."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import threadkit
import threadkit.strategies as tks
from threadkit import Article, Author, Comment, CommentState, ParseError, ValidationError
from threadkit.formats import html as tk_html
from threadkit.formats.html import _canonical, _own
from threadkit.pages import read_page

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "html"

# The round trip and the safety check run as many examples as the profile
# asks for; the other properties over whole articles, a quarter of that.
FEWER = settings(max_examples=max(20, settings.default.max_examples // 4))


def zone(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


SMALL = Article(
    title="Council approves bike lane",
    subtitle="A 5–4 vote",
    body="The council voted on Tuesday.\nIt was late.\n\nWork starts in April.",
    authors=(
        Author(
            name="Dana Whitcombe",
            bio="Covers town government.",
            url="https://ledger.example/dana",
            id="dw",
        ),
    ),
    published=datetime(2024, 3, 5, 21, 30, tzinfo=zone(-5)),
    url="https://ledger.example/bike-lane",
    site="Harlow Ledger",
    tags=("transport", "council"),
    comments=(
        Comment(
            text="I sell bike locks.\n\nBut <parking> matters & so do we.",
            author=Author(name="Pete"),
            id="c1",
            published=datetime(2024, 3, 5, 22, 0, tzinfo=UTC),
            score=12,
            replies=(
                Comment(
                    text="",
                    state=CommentState.DELETED,
                    id="c2",
                    replies=(
                        Comment(
                            text="Still here.",
                            author=Author(name="Rosa", url="javascript:alert(1)"),
                            edited=datetime(2024, 3, 6, 8, 15, tzinfo=zone(1)),
                            score=1,
                        ),
                    ),
                ),
            ),
        ),
        Comment(text="Nice", url="https://ledger.example/c/3", extra={"likes": 3}),
    ),
)


def parse(page: str) -> etree._Element:
    """The page as lxml's stock HTML parser sees it (depth limit and all)."""
    return lxml.html.fromstring(page.encode("utf-8"))


def cards(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//article[contains(concat(' ', @class, ' '), ' tk-c ')]")  # type: ignore[no-any-return]


def shown_text(container: etree._Element) -> str:
    """A tk-text or tk-body element's text, <p> as paragraphs and <br> as line breaks."""
    paragraphs = []
    for paragraph in container:
        assert paragraph.tag == "p"
        parts = [paragraph.text or ""]
        for child in paragraph:
            assert child.tag == "br"
            parts.append("\n" + (child.tail or ""))
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def chain(depth: int) -> Article:
    """A reply chain: comment n+1 replies to comment n."""
    comment = None
    for number in range(depth, 0, -1):
        comment = Comment(text=f"reply {number}", replies=(comment,) if comment else ())
    assert comment is not None
    return Article(title="Deep", comments=(comment,))


# -- the writer: the golden page and its structure ------------------------------------


def test_the_fragment_is_the_hand_written_golden() -> None:
    expected = (GOLDEN / "small-fragment.html").read_text(encoding="utf-8")
    assert tk_html.write(SMALL, fragment=True, max_nesting=1) == expected


def test_the_page_wraps_the_fragment_in_a_standalone_document() -> None:
    fragment = tk_html.write(SMALL, fragment=True)
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="threadkit">\n'
        "<title>Council approves bike lane</title>\n"
        "<style>\n" + tk_html.STYLESHEET + "</style>\n"
        "</head>\n"
        "<body>\n"
    )
    assert tk_html.write(SMALL) == head + fragment + "</body>\n</html>\n"
    assert tk_html.write(SMALL, lang="de-AT").startswith('<!DOCTYPE html>\n<html lang="de-AT">')


def test_the_page_shows_the_article_then_the_thread() -> None:
    root = parse(tk_html.write(SMALL))
    assert root.xpath("string(//title)") == "Council approves bike lane"
    assert root.xpath("string(//h1)") == "Council approves bike lane"
    assert root.xpath("string(//p[@class='tk-subtitle'])") == "A 5–4 vote"
    author = root.xpath("//div[@class='tk-byline']/div[@itemprop='author']")[0]
    assert author.xpath("string(.//*[@itemprop='name'])") == "Dana Whitcombe"
    assert author.xpath("string(.//*[@itemprop='description'])") == "Covers town government."
    assert root.xpath("//time[@itemprop='datePublished']/@datetime") == [
        "2024-03-05T21:30:00-05:00"
    ]
    body = root.xpath("//div[@itemprop='articleBody']")[0]
    assert shown_text(body) == SMALL.body
    # Body first, comments after it, all four of them, in thread order.
    everything = list(root.iter())
    assert everything.index(body) < everything.index(cards(root)[0])
    assert [card.get("id") for card in cards(root)] == ["tk-c1", "tk-c2", "tk-c3", "tk-c4"]
    assert root.xpath("string(//section[@class='tk-comments']//h2)") == "4 comments"


def test_each_comment_shows_author_date_score_and_state() -> None:
    first, deleted, third, fourth = cards(parse(tk_html.write(SMALL)))
    assert first.xpath("string(*[@itemprop='author'])") == "Pete"
    assert first.xpath("string(time[@itemprop='dateCreated'])") == "2024-03-05 22:00 UTC"
    assert first.xpath("string(data[@itemprop='upvoteCount'])") == "12 points"
    assert first.xpath("data[@itemprop='upvoteCount']/@value") == ["12"]
    assert shown_text(first.xpath("div[@itemprop='text']")[0]) == SMALL.comments[0].text
    # A deleted comment says so, and its reply is still there, below it.
    assert deleted.xpath("string(*[@itemprop='creativeWorkStatus'])") == "deleted"
    assert "tk-deleted" in deleted.get("class").split()
    assert third.xpath("link/@href | a[@itemprop='parentItem']/@href") == ["#tk-c2"]
    assert third.xpath("string(time[@itemprop='dateModified'])") == "2024-03-06 08:15 UTC+01:00"
    assert third.xpath("string(data[@itemprop='upvoteCount'])") == "1 point"
    assert fourth.xpath("string(*[contains(@class, 'tk-who')])") == "anonymous"


def test_replies_nest_in_details_up_to_max_nesting_then_list_flat_with_a_link() -> None:
    root = parse(tk_html.write(chain(6), max_nesting=2))
    found = cards(root)
    assert len(found) == 6

    def details_around(card: etree._Element) -> int:
        return len(card.xpath("ancestor::details[@class='tk-replies']"))

    # Depths 1, 2, 3 sit in 0, 1, 2 <details>; deeper ones stay at 2.
    assert [details_around(card) for card in found] == [0, 1, 2, 2, 2, 2]
    for number, card in enumerate(found[1:], start=2):
        assert card.xpath("*[@itemprop='parentItem']/@href") == [f"#tk-c{number - 1}"]
        shown = card.xpath("a[@class='tk-re']")
        # Where the nesting no longer says it, a visible link does.
        assert bool(shown) == (number > 3)
        if shown:
            assert shown[0].text == f"↳ in reply to comment {number - 1}"
    named = chain(3).map(lambda c: attrs_evolve(c, author=Author(name=f"N{c.text[-1]}")))
    flat = cards(parse(tk_html.write(named, max_nesting=0)))
    assert flat[2].xpath("string(a[@class='tk-re'])") == "↳ in reply to N2"
    assert [details_around(card) for card in flat] == [0, 0, 0]


def attrs_evolve(comment: Comment, **changes: Any) -> Comment:
    return attrs.evolve(comment, **changes)


def test_replies_can_be_folded_without_javascript() -> None:
    root = parse(tk_html.write(SMALL))
    folds = root.xpath("//details")
    # One around the thread, one for the replies of each comment that has some.
    assert [fold.get("class") for fold in folds] == ["tk-all", "tk-replies", "tk-replies"]
    assert all(fold.get("open") is not None for fold in folds)
    assert [fold.findtext("summary") for fold in folds[1:]] == ["1 reply", "1 reply"]
    assert not root.xpath("//script")


def test_an_article_without_comments_says_so() -> None:
    root = parse(tk_html.write(Article(title="Quiet")))
    assert root.xpath("string(//section[@class='tk-comments'])").strip() == "No comments"
    assert root.xpath("//data[@itemprop='commentCount']/@value") == ["0"]


@pytest.mark.parametrize(
    "options",
    [
        {"max_nesting": -1},
        {"max_nesting": 101},
        {"max_nesting": True},
        {"max_nesting": "3"},
        {"lang": "en us"},
        {"lang": '"><script>'},
        {"lang": ""},
    ],
)
def test_write_checks_its_options(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"max_nesting|lang"):
        tk_html.write(SMALL, **options)


def test_write_takes_only_articles() -> None:
    with pytest.raises(TypeError):
        tk_html.write(SMALL.comments[0])  # type: ignore[arg-type]


# -- reading its own pages exactly ------------------------------------------------------


def test_the_small_article_reads_back() -> None:
    for page in (tk_html.write(SMALL), tk_html.write(SMALL, fragment=True)):
        assert tk_html.read(page) == SMALL
        assert tk_html.read(page.encode("utf-8")) == SMALL
    assert threadkit.loads(threadkit.dumps(SMALL, "html"), "html") == SMALL
    assert threadkit.loads(threadkit.dumps(SMALL, "html")) == SMALL  # sniffed


@given(tks.articles(), st.integers(min_value=0, max_value=4), st.booleans())
def test_round_trip(article: Article, max_nesting: int, fragment: bool) -> None:
    page = tk_html.write(article, max_nesting=max_nesting, fragment=fragment)
    assert tk_html.read(page) == article
    assert tk_html.read(page.encode("utf-8")) == article


@FEWER
@given(tks.articles(max_depth=6, max_replies=2, max_comments=3))
def test_round_trip_through_the_api(article: Article) -> None:
    assert threadkit.loads(threadkit.dumps(article, "html"), "html") == article


@pytest.mark.parametrize(
    "text",
    [
        "line separator \u2028 and paragraph separator \u2029 stay",
        "\u00a0non-breaking\u00a0 spaces\u00a0",
        "&amp; &lt; &#60; &nbsp; are text",
        "< > & \" ' ` =",
        "  leading and trailing spaces  ",
        "\ttab\tinside\t",
        "a\n \nb",
        " \n\n \t ",
        "\ufeffbyte order mark inside \ufeff",
        "]]> <!-- --> <![CDATA[ x ]]>",
        "</p><p>not a paragraph</p>",
        "</article></details></section>",
        "emoji 🧵 and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "\u0085".replace("\u0085", "NEL is a control, so not here"),
    ],
)
def test_tricky_text_round_trips_everywhere(text: str) -> None:
    line = " ".join(text.split("\n")).strip() or "x"
    article = Article(
        title=line,
        subtitle=line,
        body=text,
        authors=(Author(name=line, bio=text, url=line, id=line),),
        site=line,
        tags=(line,),
        url=line,
        comments=(
            Comment(
                text=text,
                author=Author(name=line, bio=text, url=line, id=line),
                id=line,
                url=line,
                extra={text: [text, {line: text}]},
                replies=(Comment(text=text),),
            ),
        ),
        extra={"k": text},
    )
    page = tk_html.write(article)
    assert tk_html.read(page) == article
    root = parse(page)
    assert shown_text(root.xpath("//div[@itemprop='text']")[0]) == article.comments[0].text


def test_datetimes_keep_their_offset_and_microseconds() -> None:
    moment = datetime(1, 1, 2, 0, 0, 0, 1, tzinfo=zone(-23, -59))
    later = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=zone(14))
    article = Article(title="t", published=later, comments=(Comment(text="", published=moment),))
    back = tk_html.read(tk_html.write(article))
    assert back == article
    assert back.comments[0].published is not None
    assert back.comments[0].published.utcoffset() == timedelta(hours=-23, minutes=-59)


# -- the shortcut for pages as written agrees with the lxml reader -------------------


def read_with_lxml(page: str) -> Article:
    root = tk_html.parse(page)
    article = _own.read(root)
    return read_page(root) if article is None else article


@FEWER
@given(tks.articles(max_depth=4), st.integers(min_value=0, max_value=3), st.booleans())
def test_the_canonical_reader_takes_every_written_page(
    article: Article, max_nesting: int, fragment: bool
) -> None:
    page = tk_html.write(article, max_nesting=max_nesting, fragment=fragment)
    assert _canonical.read(page) == article
    assert read_with_lxml(page) == article


DAMAGE = (
    "", "x", "<", ">", "&", '"', "\n", "\r", "\x00", " ", "&amp;", "&lt;", "&#1;", "<br>",
    "</p><p>", "</p>", "<p>", "</details>\n", "</div>", "</article>\n", "<!--", "\ufeff",
    '<details class="tk-replies" open><summary>1 reply</summary>\n',
    '<link itemprop="parentItem" href="#tk-c1">\n', "#tk-c2", "tk-c1", "2024", "+25:00",
    ' data-extra="{}"', ' data-extra="[]"', "<script>", "\u2028", "99999999999999999999",
)  # fmt: skip


@FEWER
@given(
    tks.articles(max_depth=4),
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 8), st.sampled_from(DAMAGE)),
        min_size=1,
        max_size=3,
    ),
)
def test_damaged_pages_read_the_same_with_or_without_the_shortcut(
    article: Article, edits: list[tuple[float, int, str]]
) -> None:
    page = tk_html.write(article)
    for where, cut, insert in edits:
        at = int(where * len(page))
        page = page[:at] + insert + page[at + cut :]
    try:
        expected: Article | None = read_with_lxml(page)
    except ParseError:
        expected = None
    quick = _canonical.read(page)
    if quick is not None:
        assert quick == expected
    if expected is None:
        with pytest.raises(ParseError):
            tk_html.read(page)
    else:
        assert tk_html.read(page) == expected


# -- safety --------------------------------------------------------------------------

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "<base href='https://evil.example/'>",
    "<style>body{display:none}</style>",
    "</textarea></title></style><script>alert(1)</script>",
)

TAGS = {
    "html", "head", "meta", "title", "style", "body", "article", "header", "section",
    "details", "summary", "div", "p", "br", "span", "a", "link", "h1", "h2", "time",
    "data", "ul", "li",
}  # fmt: skip
ATTRIBUTES = {
    "lang", "charset", "name", "content", "class", "id", "href", "rel", "datetime",
    "value", "open", "itemscope", "itemtype", "itemprop", "itemid",
    "data-threadkit", "data-id", "data-url", "data-extra",
}  # fmt: skip
ITEMPROPS = {
    "publisher", "name", "headline", "alternativeHeadline", "author", "url", "description",
    "datePublished", "keywords", "articleBody", "commentCount", "comment", "parentItem",
    "dateCreated", "dateModified", "upvoteCount", "creativeWorkStatus", "text",
}  # fmt: skip
CLASSES = {
    "tk-article", "tk-site", "tk-subtitle", "tk-byline", "tk-author", "tk-name", "tk-bio",
    "tk-anon", "tk-meta", "tk-tags", "tk-body", "tk-comments", "tk-all", "tk-thread",
    "tk-c", "tk-gone", "tk-deleted", "tk-removed", "tk-spam", "tk-pending", "tk-re",
    "tk-who", "tk-edited", "tk-score", "tk-state", "tk-link", "tk-text", "tk-replies",
}  # fmt: skip
SAFE_HREF = re.compile(r"(?i:https?|mailto):|#tk-c[0-9]+$")


def assert_safe(page: str, article: Article) -> None:
    """Parse *page* back and check that all its markup is the writer's own."""
    root = parse(page)
    styles = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            raise AssertionError(f"unexpected node {element!r}")
        assert element.tag in TAGS, element.tag
        if element.tag == "style":
            styles += 1
            assert element.getparent().tag == "head"
            assert element.text == "\n" + tk_html.STYLESHEET
        for name, value in element.attrib.items():
            assert name in ATTRIBUTES, name
            if name == "href":
                assert SAFE_HREF.match(value), value
            elif name == "itemprop":
                assert value in ITEMPROPS, value
            elif name == "class":
                assert set(value.split()) <= CLASSES, value
            elif name == "id":
                assert re.fullmatch(r"tk-c[0-9]+", value), value
            elif name == "itemid":
                assert re.fullmatch(r"#tk-c[0-9]+", value), value
            elif name == "itemtype":
                assert value.startswith("https://schema.org/"), value
            elif name in ("rel", "lang", "charset", "open", "itemscope"):
                assert value in ("nofollow ugc", "en", "utf-8", ""), value
    assert styles == 1
    assert not root.xpath("//script | //base | //iframe | //img | //svg | //object | //form")
    # Exactly the comments there are, each showing exactly its text.
    found = cards(root)
    assert len(found) == article.comment_count
    for card, comment in zip(found, article.walk(), strict=True):
        (text,) = card.xpath("div[@itemprop='text']")
        assert shown_text(text) == comment.text
    assert root.xpath("string(//h1)") == article.title
    assert root.xpath("string(//title)") == article.title


@given(tks.articles())
def test_no_markup_comes_from_user_content(article: Article) -> None:
    assert_safe(tk_html.write(article), article)


_ANY_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t"),
    max_size=80,
).map(
    lambda s: "".join(c for c in s if not (0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE))
)


@given(st.one_of(_ANY_TEXT, st.sampled_from(PAYLOADS)), _ANY_TEXT)
def test_any_text_shows_as_that_text(text: str, other: str) -> None:
    line = " ".join((other + text).split("\n")).strip() or "x"
    article = Article(
        title=line,
        authors=(Author(name=line, bio=text, url=line),),
        tags=(line,),
        url=line,
        comments=(Comment(text=text, author=Author(name=line, url=line), url=line, id=line),),
    )
    page = tk_html.write(article)
    assert_safe(page, article)
    assert tk_html.read(page) == article


@pytest.mark.parametrize("payload", PAYLOADS)
def test_attacks_show_as_text(payload: str) -> None:
    article = Article(
        title=payload,
        body=payload,
        comments=(Comment(text=payload, author=Author(name=payload)),),
    )
    page = tk_html.write(article)
    assert_safe(page, article)
    root = parse(page)
    assert root.xpath("string(//div[@itemprop='text'])") == payload
    assert root.xpath("string(//article[@itemprop='comment']//*[@itemprop='name'])") == payload
    assert tk_html.read(page) == article


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://news.example/a?b=1&c=2", True),
        ("http://news.example/", True),
        ("HTTPS://NEWS.EXAMPLE/", True),
        ("mailto:editor@news.example", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("news.example/no-scheme", False),
        ("http:", True),
    ],
)
def test_addresses_are_links_only_for_http_https_and_mailto(url: str, linked: bool) -> None:
    article = Article(
        title="t",
        url=url,
        authors=(Author(url=url),),
        comments=(Comment(text="c", url=url, author=Author(name="a", url=url)),),
    )
    page = tk_html.write(article)
    root = parse(page)
    hrefs = [href for href in root.xpath("//@href") if not href.startswith("#")]
    data_urls = root.xpath("//@data-url")
    if linked:
        assert hrefs == [url] * 4
        assert data_urls == []
    else:
        assert hrefs == []
        assert data_urls == [url] * 4
    assert tk_html.read(page) == article


# -- deep threads -------------------------------------------------------------------


def test_lxml_silently_reparents_deep_nesting() -> None:
    # Why the thread is not nested: this is what a naive page would meet.
    page = "<html><body>" + "<div>" * 300 + "x" + "</div>" * 300 + "</body></html>"
    element = parse(page).find("body")
    depth = 0
    while element is not None and len(element):
        element = element[0]
        depth += 1
    assert depth < 300


def test_a_reply_chain_10000_deep_writes_and_reads_back_with_the_right_parents() -> None:
    article = chain(10_000)
    page = tk_html.write(article)
    # lxml's stock parser, with its depth limit, finds every comment and its parent.
    root = parse(page)
    found = cards(root)
    assert len(found) == 10_000
    assert found[0].xpath("*[@itemprop='parentItem']") == []
    for number, card in enumerate(found[1:], start=2):
        assert card.get("id") == f"tk-c{number}"
        assert card.xpath("*[@itemprop='parentItem']/@href") == [f"#tk-c{number - 1}"]
        assert card.xpath("string(div[@itemprop='text'])") == f"reply {number}"
    deepest = max(len(card.xpath("ancestor::*")) for card in found[::500])
    assert deepest < 40
    back = tk_html.read(page)
    assert back == article
    assert [visit.depth for visit in back.visits()] == list(range(1, 10_001))
    parents = [visit.parent.text if visit.parent else None for visit in back.visits()]
    assert parents == [None] + [f"reply {number}" for number in range(1, 10_000)]


@pytest.mark.parametrize("max_nesting", [0, 100])
def test_deep_chains_at_the_nesting_bounds(max_nesting: int) -> None:
    article = chain(2_000)
    assert tk_html.read(tk_html.write(article, max_nesting=max_nesting)) == article


# -- bytes and charsets --------------------------------------------------------------


def test_bytes_in_utf8_with_and_without_bom_and_in_utf16() -> None:
    page = tk_html.write(SMALL)
    assert tk_html.read(page.encode("utf-8")) == SMALL
    assert tk_html.read(b"\xef\xbb\xbf" + page.encode("utf-8")) == SMALL
    assert tk_html.read(page.encode("utf-16")) == SMALL  # with its BOM
    assert tk_html.read("\ufeff" + page) == SMALL


def foreign(title: str, charset_tag: str = "", filler: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{filler}{charset_tag}<title>{title}</title>"
        f'<meta property="og:type" content="article"><meta property="og:title" content="{title}">'
        "</head><body><p>x</p></body></html>"
    )


@pytest.mark.parametrize(
    ("charset_tag", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ("<meta charset=ISO-8859-1>", "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">', "iso8859-15"),
        ("<meta charset='koi8-r'>", "koi8-r"),
        ('<meta charset="shift_jis">', "shift_jis"),
    ],
)
def test_bytes_in_the_declared_charset(charset_tag: str, encoding: str) -> None:
    title = {"koi8-r": "Привет", "shift_jis": "日本語の記事"}.get(encoding, "Café €uro")
    data = foreign(title, charset_tag).encode(encoding)
    assert tk_html.read(data).title == title


def test_a_late_charset_declaration_is_still_honoured() -> None:
    filler = "<meta name='x' content='" + "padding " * 300 + "'>"
    data = foreign("Zähne", '<meta charset="iso-8859-1">', filler).encode("cp1252")
    assert len(filler) > 1024
    assert tk_html.read(data).title == "Zähne"


def test_the_byte_order_mark_wins_over_the_declaration() -> None:
    data = b"\xef\xbb\xbf" + foreign("Café", '<meta charset="windows-1252">').encode("utf-8")
    assert tk_html.read(data).title == "Café"


def test_undeclared_bytes_are_utf8_else_windows_1252() -> None:
    assert tk_html.read(foreign("Café").encode("utf-8")).title == "Café"
    assert tk_html.read(foreign("Café").encode("cp1252")).title == "Café"


def test_an_explicit_encoding_wins() -> None:
    data = foreign("Café", '<meta charset="utf-8">').encode("latin-1")
    assert tk_html.read(data, encoding="latin-1").title == "Café"
    with pytest.raises(LookupError):
        tk_html.read(data, encoding="no-such-codec")


def test_undecodable_bytes_become_replacement_characters() -> None:
    data = foreign("Caf\udcff", '<meta charset="utf-8">').encode("utf-8", "surrogateescape")
    assert tk_html.read(data).title == "Caf\ufffd"


def test_a_lone_surrogate_in_str_input_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="surrogate"):
        tk_html.read(foreign("Caf\udcff"))


# -- what is not an article, and broken pages of ours ---------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "<html><body><p>Just a paragraph.</p></body></html>",
        "<!DOCTYPE html><title>A title is not an article</title>",
        '{"title": "json is not html"}',
        "plain text",
        '<html><script type="application/ld+json">{"@type": "WebSite"}</script></html>',
        b"\x00\x01\x02binary",
    ],
)
def test_something_that_is_not_an_article_is_a_parse_error(data: str | bytes) -> None:
    with pytest.raises(ParseError, match="no article found") as caught:
        tk_html.read(data)
    assert "schema.org Article" in str(caught.value)
    assert "data-threadkit" in str(caught.value)


@pytest.mark.parametrize("data", ["", b"", "   \n  ", b"\xef\xbb\xbf"])
def test_an_empty_document_is_a_parse_error(data: str | bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        tk_html.read(data)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('itemprop="headline"', 'itemprop="heading"', "no headline"),
        ('data-threadkit="1"', 'data-threadkit="2"', "unsupported threadkit HTML version '2'"),
        ('href="#tk-c2"', 'href="#tk-c9"', "parentItem '#tk-c9' names no earlier comment"),
        ('href="#tk-c1"', 'href="#tk-c4"', "parentItem '#tk-c4' names no earlier comment"),
        ('datetime="2024-03-05T22:00:00+00:00"', 'datetime="yesterday"', "bad datetime"),
        ('datetime="2024-03-05T22:00:00+00:00"', 'datetime="2024-03-05T22:00"', "no UTC offset"),
        ('value="12"', 'value="a dozen"', "bad upvoteCount value 'a dozen'"),
        ('value="12"', 'value="99999999999999999999"', "bad upvoteCount"),
        (">deleted<", ">hidden<", "unknown comment state 'hidden'"),
        ('data-extra="{&quot;likes&quot;:3}"', 'data-extra="{"', "data-extra is not valid JSON"),
        ('data-extra="{&quot;likes&quot;:3}"', 'data-extra="[1]"', "not a JSON object"),
        ("Still here.", "Still &#1; here.", "Comment.text"),
        ("Covers town", "Covers &#xFFFE; town", "Author.bio"),
    ],
)
def test_broken_markup_of_ours_is_a_parse_error_that_says_where(
    old: str, new: str, message: str
) -> None:
    page = tk_html.write(SMALL)
    assert old in page
    with pytest.raises(ParseError) as caught:
        tk_html.read(page.replace(old, new, 1))
    assert message in str(caught.value)
    assert not isinstance(caught.value, ValidationError)
    if "version" not in message:
        assert caught.value.line is not None
        broken_line = page.replace(old, new, 1).split("\n")[caught.value.line - 1]
        assert "<" in broken_line


def test_entities_are_not_expanded() -> None:
    page = tk_html.write(Article(title="&bomb;")).replace(
        "<!DOCTYPE html>",
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY bomb "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    )
    assert tk_html.read(page).title == "&bomb;"


def test_reading_opens_no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = tk_html.write(SMALL).replace(
        "<!DOCTYPE html>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    )
    page = page.replace("<head>", '<head><link rel="stylesheet" href="http://127.0.0.1:9/x.css">')
    assert tk_html.read(page) == SMALL


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<!DOCTYPE html>\n<html>", True),
        ("<!doctype HTML><title>x</title>", True),
        ("\ufeff  <html lang=en>", True),
        ("<!-- saved from url=(0014)about:internet -->\n<html>", True),
        ('<article class="tk-article" itemscope', True),
        ("<head><title>", True),
        ('{"title": "x"}', False),
        ("Title\n\nBody <html>", False),
        ("<!-- never closed", False),
        ("<htmlx>", False),
        ("", False),
    ],
)
def test_sniff(head: str, expected: bool) -> None:
    assert tk_html.sniff(head) is expected


def test_sniff_never_raises() -> None:
    assert tk_html.sniff(None) is False  # type: ignore[arg-type]
    assert tk_html.sniff(b"<html>") is False  # type: ignore[arg-type]


# -- pages from elsewhere ------------------------------------------------------------


def page_with(head: str = "", body: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Page title</title>"
        f"{head}</head><body>{body}</body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_with_nested_comments() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Bridge opens",
        "alternativeHeadline": "After three years",
        "articleBody": "First paragraph.\n\nSecond <em>paragraph</em>.",
        "author": [{"@type": "Person", "name": "Ana Souza", "url": "https://n.example/ana"}],
        "datePublished": "2024-03-05T09:30:00+01:00",
        "publisher": {"@type": "Organization", "name": "The Example News"},
        "keywords": "city, transport",
        "url": "https://n.example/bridge",
        "comment": [
            {
                "@type": "Comment",
                "text": "<p>Finally!</p><p>Two<br>lines</p>",
                "author": {"@type": "Person", "name": "rita"},
                "dateCreated": "2024-03-05T10:02:11+01:00",
                "upvoteCount": 57,
                "comment": {
                    "@type": "Comment",
                    "text": "Agreed.",
                    "author": "tom",
                    "upvoteCount": "3",
                    "creativeWorkStatus": "Deleted",
                },
            },
            {"@type": "Comment", "text": "Too expensive.", "dateCreated": "2024-03-05"},
        ],
    }
    article = tk_html.read(page_with(ld(data)))
    assert article.title == "Bridge opens"
    assert article.subtitle == "After three years"
    assert article.body == "First paragraph.\n\nSecond paragraph."
    assert article.authors == (Author(name="Ana Souza", url="https://n.example/ana"),)
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=zone(1))
    assert article.site == "The Example News"
    assert article.tags == ("city", "transport")
    assert article.url == "https://n.example/bridge"
    assert article.comments == (
        Comment(
            text="Finally!\n\nTwo\nlines",
            author=Author(name="rita"),
            published=datetime(2024, 3, 5, 10, 2, 11, tzinfo=zone(1)),
            score=57,
            replies=(
                Comment(
                    text="Agreed.", author=Author(name="tom"), score=3, state=CommentState.DELETED
                ),
            ),
        ),
        Comment(text="Too expensive.", extra={"dateCreated": "2024-03-05"}),
    )


def test_json_ld_graph_with_linked_comments_context_object_and_type_lists() -> None:
    data = {
        "@context": {"@vocab": "http://schema.org/", "x": "http://example.org/x#"},
        "@graph": [
            {"@type": "WebSite", "@id": "https://b.example/#site", "name": "A Blog"},
            {
                "@type": ["BlogPosting", "x:Thing"],
                "@id": "https://b.example/post#article",
                "name": "Post name",
                "isPartOf": {"@id": "https://b.example/#site"},
                "author": {"@id": "https://b.example/#me"},
                "comment": [{"@id": "https://b.example/post#c1"}],
            },
            {"@type": "Person", "@id": "https://b.example/#me", "name": "Me", "description": "Bio"},
            {
                "@type": "Comment",
                "@id": "https://b.example/post#c2",
                "text": "Reply",
                "parentItem": {"@id": "https://b.example/post#c1"},
            },
            {"@type": "Comment", "@id": "https://b.example/post#c1", "text": "First"},
            {"@type": "comment", "@id": "https://b.example/post#c3", "text": "Third"},
        ],
    }
    article = tk_html.read(page_with(ld(data)))
    assert article.title == "Post name"
    assert article.site == "A Blog"
    assert article.authors == (Author(name="Me", bio="Bio", id="https://b.example/#me"),)
    assert article.comments == (
        Comment(
            text="First",
            id="https://b.example/post#c1",
            replies=(Comment(text="Reply", id="https://b.example/post#c2"),),
        ),
        Comment(text="Third", id="https://b.example/post#c3"),
    )


def test_a_correction_comment_is_not_a_user_comment() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "ReportageNewsArticle",
        "headline": "Fixed",
        "correction": {"@type": "CorrectionComment", "text": "An earlier version erred."},
        "comment": [
            {"@type": "CorrectionComment", "text": "Also not a comment."},
            {"@type": "Comment", "text": "A reader."},
        ],
    }
    assert tk_html.read(page_with(ld(data))).comments == (Comment(text="A reader."),)


def test_broken_json_ld_blocks_are_skipped_and_cdata_wrappers_removed() -> None:
    good = {"@context": "http://schema.org", "@type": "Article", "headline": "Wrapped"}
    head = (
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">\n//<![CDATA[\n'
        + json.dumps(good)
        + "\n//]]>\n</script>"
    )
    assert tk_html.read(page_with(head)).title == "Wrapped"


def test_microdata_with_nested_replies_lowercase_types_and_untyped_comments() -> None:
    body = """
    <div itemscope itemtype="http://schema.org/NewsArticle">
      <h1 itemprop="headline">  Micro   data  </h1>
      <span itemprop="author" itemscope itemtype="http://schema.org/Person">
        <span itemprop="name">Ana</span></span>
      <time itemprop="datePublished" datetime="2020-04-27T17:58:19+02:00">27.4.</time>
      <div itemprop="articleBody"><p>One</p><p>Two</p></div>
      <ul>
        <li itemprop="comment" itemscope itemtype="http://schema.org/comment">
          <span itemprop="author" itemscope itemtype="https://schema.org/Person">
            <b itemprop="name">lea</b></span>
          <meta itemprop="dateCreated" content="2020-04-27T18:00:00+02:00">
          <div itemprop="text">Top <br> level</div>
          <meta itemprop="upvoteCount" content="4">
          <ul><li itemprop="comment" itemscope itemtype="https://schema.org/Comment">
            <p itemprop="text">Nested reply</p></li></ul>
        </li>
        <li><div itemprop="comment">An untyped comment.</div></li>
      </ul>
    </div>
    """
    article = tk_html.read(page_with(body=body))
    assert article.title == "Micro data"
    assert article.authors == (Author(name="Ana"),)
    assert article.published == datetime(2020, 4, 27, 17, 58, 19, tzinfo=zone(2))
    assert article.body == "One\n\nTwo"
    assert article.comments == (
        Comment(
            text="Top\nlevel",
            author=Author(name="lea"),
            published=datetime(2020, 4, 27, 18, 0, tzinfo=zone(2)),
            score=4,
            replies=(Comment(text="Nested reply"),),
        ),
        Comment(text="An untyped comment."),
    )


def test_microdata_comments_outside_the_article_and_parent_item_links() -> None:
    body = """
    <article itemscope itemtype="https://schema.org/Article"><h1 itemprop="name">A</h1></article>
    <section itemscope itemtype="https://schema.org/WebPage">
      <div id="c1" itemprop="comment" itemscope itemtype="https://schema.org/Comment">
        <p itemprop="text">First</p></div>
      <div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
        <link itemprop="parentItem" href="#c1"><p itemprop="text">Answer</p></div>
    </section>
    """
    article = tk_html.read(page_with(body=body))
    assert article.title == "A"
    assert article.comments == (Comment(text="First", replies=(Comment(text="Answer"),)),)


def test_our_page_without_its_marker_reads_through_schema_org() -> None:
    page = tk_html.write(SMALL).replace(' data-threadkit="1"', "")
    article = tk_html.read(page)
    assert article.title == SMALL.title
    assert [c.text for c in article.walk()] == [c.text for c in SMALL.walk()]
    assert [v.depth for v in article.visits()] == [v.depth for v in SMALL.visits()]


def test_open_graph_gives_an_article_without_comments() -> None:
    head = (
        '<meta property="og:type" content="article">'
        '<meta property="og:title" content="OG title">'
        '<meta property="og:site_name" content="OG site">'
        '<meta property="og:url" content="https://og.example/a">'
        '<meta property="article:published_time" content="2019-04-08T01:30:15+00:00">'
    )
    body = '<ol class="comment-list"><li class="comment">Looks like a comment</li></ol>'
    article = tk_html.read(page_with(head, body))
    assert article == Article(
        title="OG title",
        site="OG site",
        url="https://og.example/a",
        published=datetime(2019, 4, 8, 1, 30, 15, tzinfo=UTC),
    )


def test_a_schema_org_article_without_headline_takes_the_page_title() -> None:
    body = '<div itemscope itemtype="https://schema.org/Article"><p itemprop="text">x</p></div>'
    assert tk_html.read(page_with(body=body)).title == "Page title"


def test_hostile_depth_in_foreign_markup_is_harmless() -> None:
    nested = '<div itemprop="comment" itemscope itemtype="https://schema.org/Comment">' * 5_000
    body = (
        '<div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">Deep</h1>'
        + nested
        + "x"
        + "</div>" * 5_001
    )
    deep_json = "[" * 100_000 + "]" * 100_000
    head = f'<script type="application/ld+json">{deep_json}</script>'
    article = tk_html.read(page_with(head, body))
    assert article.title == "Deep"
    assert 1 <= article.comment_count <= 5_000


def test_items_nested_in_items_are_followed_without_recursion() -> None:
    # A headline whose value is an item whose name is an item ... 1,500 deep.
    nested = '<div itemprop="name" itemscope>' * 1_500
    body = (
        '<div itemscope itemtype="https://schema.org/Article">'
        + nested
        + '<span itemprop="name">Deep name</span>'
        + "</div>" * 1_501
    )
    assert tk_html.read(page_with(body=body)).title == "Deep name"
    looping = (
        '<div itemscope itemtype="https://schema.org/Article" itemref="loop">'
        '<h1 itemprop="headline">Title</h1></div>'
        '<div id="loop" itemprop="author" itemscope itemref="loop2"></div>'
        '<div id="loop2" itemprop="name" itemscope itemref="loop"></div>'
    )
    assert tk_html.read(page_with(body=looping)).title == "Title"


def test_control_characters_in_foreign_pages_are_dropped() -> None:
    data = {"@type": "Article", "headline": "Bad\u0001 \u0085title\ufffe", "comment": []}
    assert tk_html.read(page_with(ld(data))).title == "Bad title"


# -- a schema.org extractor finds every comment -------------------------------------


def microdata(root: etree._Element) -> list[dict[str, Any]]:
    """Top-level microdata items, per the WHATWG algorithm (without itemref), iteratively."""

    def value(element: etree._Element) -> Any:
        if element.get("itemscope") is not None:
            return item(element)
        attribute = {"a": "href", "link": "href", "meta": "content", "data": "value"}
        if element.tag in attribute:
            return element.get(attribute[element.tag])
        if element.tag == "time" and element.get("datetime") is not None:
            return element.get("datetime")
        return "".join(element.itertext())

    def item(scope: etree._Element) -> dict[str, Any]:
        found: dict[str, Any] = {"type": scope.get("itemtype"), "properties": {}}
        pending = list(scope)[::-1]
        while pending:
            element = pending.pop()
            names = element.get("itemprop")
            if names:
                for name in names.split():
                    found["properties"].setdefault(name, []).append(value(element))
            if element.get("itemscope") is None:
                pending.extend(list(element)[::-1])
        return found

    return [
        item(element)
        for element in root.iter()
        if element.get("itemscope") is not None and element.get("itemprop") is None
    ]


def assert_extractor_finds_every_comment(article: Article, page: str) -> None:
    (news,) = microdata(parse(page))
    assert news["type"] == "https://schema.org/NewsArticle"
    found = news["properties"].get("comment", [])
    comments = list(article.visits())
    assert len(found) == len(comments)
    ids = {}
    for number, (entry, visit) in enumerate(zip(found, comments, strict=True), start=1):
        comment = visit.comment
        props = entry["properties"]
        assert entry["type"] == "https://schema.org/Comment"
        ids[id(comment)] = f"#tk-c{number}"
        assert props["text"] == [comment.text.replace("\n", "")]
        if comment.author is not None and comment.author.name is not None:
            (person,) = props["author"]
            assert person["type"] == "https://schema.org/Person"
            assert person["properties"]["name"] == [comment.author.name]
        if comment.published is not None:
            assert props["dateCreated"] == [comment.published.isoformat()]
        if comment.score is not None:
            assert props["upvoteCount"] == [str(comment.score)]
        if visit.parent is None:
            assert "parentItem" not in props
        else:
            assert props["parentItem"] == [ids[id(visit.parent)]]


def test_an_extractor_finds_every_comment_and_its_parent() -> None:
    assert_extractor_finds_every_comment(SMALL, tk_html.write(SMALL))
    deep = chain(30)
    assert_extractor_finds_every_comment(deep, tk_html.write(deep, max_nesting=3))


@FEWER
@given(tks.articles())
def test_an_extractor_finds_every_comment_of_any_article(article: Article) -> None:
    assert_extractor_finds_every_comment(article, tk_html.write(article))


# -- with the text format -------------------------------------------------------------


def text_format() -> Any:
    try:
        from threadkit.formats import text
    except ImportError as error:  # pragma: no cover - depends on the checkout
        pytest.skip(f"threadkit.formats.text is not importable yet: {error}")
    if not (hasattr(text, "read") and hasattr(text, "write")):  # pragma: no cover
        pytest.skip("threadkit.formats.text has no read and write yet")
    return text


@FEWER
@given(tks.articles())
def test_html_to_text_to_html(article: Article) -> None:
    text = text_format()
    page = tk_html.write(article)
    again = tk_html.write(text.read(text.write(tk_html.read(page))))
    assert again == page


@FEWER
@given(tks.articles())
def test_text_to_html_to_text(article: Article) -> None:
    text = text_format()
    dump = text.write(article)
    again = text.write(tk_html.read(tk_html.write(text.read(dump))))
    assert again == dump


def test_the_sample_article_converts() -> None:
    text = text_format()
    sample = Path(__file__).resolve().parents[2] / "examples" / "sample.txt"
    article = text.read(sample.read_bytes())
    page = tk_html.write(article)
    assert tk_html.read(page) == article
    assert len(cards(parse(page))) == article.comment_count > 0
