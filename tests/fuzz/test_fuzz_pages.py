"""Pages from elsewhere, made up from the parts comment systems are built of.

The page reader guesses: which elements are comments, which one is the
author, the date, the text, how replies nest. Whatever a page is made of,
the guesses may be wrong but the reading may not fail: a page gives an
:class:`~threadkit.Article` the model accepts (a round trip through
``jsonl`` checks it without trusting the reader's types), whose report
agrees with it, or a :class:`~threadkit.ParseError` that says on which line.

The pages are drawn from a vocabulary of the markup the recognised comment
systems use (WordPress's ``li.comment`` and ``ol.children``, depth classes,
Disqus's and XenForo's classes, microformats, schema.org microdata and
JSON-LD, ``data-parent`` attributes, dates in several languages, reply
links, pingbacks, forms, sidebars), nested and mixed at random, so that
rules meet markup half theirs and half another's.

Under the ``ci`` profile 500 pages are read; under ``default``, the
profile's count.
"""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st

import threadkit
from threadkit import Article, ParseError
from threadkit.pages import PageReport

EXAMPLES = (
    max(500, settings().max_examples)
    if os.environ.get("HYPOTHESIS_PROFILE") == "ci"
    else settings().max_examples
)

TAGS = ("div", "li", "ol", "ul", "article", "section", "span", "p", "footer", "header", "dl")
CLASSES = (
    "comment",
    "comments",
    "comment-list",
    "commentlist",
    "children",
    "depth-1",
    "depth-2",
    "depth-7",
    "comment-author",
    "fn",
    "vcard",
    "says",
    "comment-content",
    "comment-body",
    "comment-meta",
    "commentmetadata",
    "reply",
    "pingback",
    "trackback",
    "bypostauthor",
    "indented",
    "post",
    "post-message",
    "message",
    "message-content",
    "bbWrapper",
    "h-entry",
    "h-card",
    "p-author",
    "p-name",
    "e-content",
    "u-comment",
    "dt-published",
    "widget",
    "sidebar",
    "recent-comments",
    "entry-content",
    "comment-navigation",
    "deleted",
)
IDS = ("comments", "comment-1", "comment-2", "comment-3", "disqus_thread", "respond", "main")
TEXTS = (
    "Danke für den Artikel!",
    "Reply",
    "Antworten",
    "says:",
    "Di, 21. April 2020 - 16:40",
    "le mercredi 15 mai 2019 à 08h07",
    "wtorek, 11 maja 2021, 23:13",
    "March 3, 2021 at 9:15 pm",
    "10 hours ago",
    "32 Kommentare",
    "24 comments",
    "Ada",
    "&amp; &lt;b&gt; &#0; &#x110000; &unknown;",
    "\u202e\u200b\ufeff",
    "x" * 300,
)
ATTRIBUTES = (
    ("datetime", ("2020-04-21T16:40:00+02:00", "2020-13-45", "", "yesterday")),
    ("data-parent", ("1", "2", "comment-1", "0", "99", "")),
    ("data-id", ("1", "2", "3")),
    ("itemprop", ("comment", "author", "name", "datePublished", "text", "commentCount")),
    ("itemtype", ("https://schema.org/Comment", "http://schema.org/Person", "nonsense")),
    ("href", ("#comment-1", "?cpage=2", "/comment-page-3/", "https://e.example/u/ada", "")),
    ("rel", ("author", "nofollow", "tag")),
)


@st.composite
def opening(draw: st.DrawFn) -> str:
    """A start tag with drawn classes, id and attributes."""
    tag = draw(st.sampled_from(TAGS))
    parts = [tag]
    names = draw(st.lists(st.sampled_from(CLASSES), max_size=3))
    if names:
        parts.append(f'class="{" ".join(names)}"')
    if draw(st.booleans()):
        parts.append(f'id="{draw(st.sampled_from(IDS))}"')
    for name, values in draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=2, unique=True)):
        parts.append(f'{name}="{draw(st.sampled_from(values))}"')
    if draw(st.integers(0, 9)) == 0:
        parts.append("itemscope")
    return "<" + " ".join(parts) + ">"


# The opening of one comment in the markup of a system, its parts filled in
# by drawing, and what closes it: what follows is inside it, as replies are.
SYSTEMS = (
    (
        '<li class="comment depth-{depth}" id="comment-{number}"><article class="comment-body">'
        '<footer><div class="comment-author vcard"><b class="fn">{name}</b>'
        ' <span class="says">says:</span></div><div class="comment-metadata">'
        '<time datetime="{stamp}">{date}</time></div></footer>'
        '<div class="comment-content"><p>{text}</p></div></article>'
        '<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>',
        "</li>",
    ),
    ('<ol class="children">', "</ol>"),
    (
        '<a id="comment-{number}"></a><div class="comment"><div class="submitted">{name}'
        ' {date}</div><div class="content"><p>{text}</p></div>',
        "</div>",
    ),
    ('<div class="indented">', "</div>"),
    (
        '<article class="message message--post" data-author="{name}"><div class="message-content">'
        '<time datetime="{stamp}">{date}</time><div class="bbWrapper">{text}</div></div>',
        "</article>",
    ),
    (
        '<div class="h-entry u-comment"><a class="p-author h-card" href="/u/{name}">{name}</a>'
        '<time class="dt-published" datetime="{stamp}">{date}</time>'
        '<div class="e-content">{text}</div>',
        "</div>",
    ),
    (
        '<div itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
        '<span itemprop="author">{name}</span><meta itemprop="datePublished" content="{stamp}">'
        '<div itemprop="text">{text}</div>',
        "</div>",
    ),
    (
        '<div class="comment" id="c{number}" data-parent="{parent}"><b class="author">{name}</b>'
        '<span class="date">{date}</span><div class="text">{text}</div>',
        "</div>",
    ),
)
NAMES = ("Ada", "Bo", "", "Zoë &amp; Co", "<b>", "x" * 200)
STAMPS = ("2020-04-21T16:40:00+02:00", "2019-05-15", "2020-13-45", "", "1e999")


@st.composite
def markup(draw: st.DrawFn) -> str:
    """A run of drawn elements and comments, nested up to a drawn depth, without recursion."""
    out: list[str] = []
    closing: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        step = draw(st.integers(0, 7))
        if step <= 2 and len(closing) < 30:
            if step == 0:
                start = draw(opening())
                end = "</" + start[1:].split(" ", 1)[0].rstrip(">") + ">"
            else:
                template, end = draw(st.sampled_from(SYSTEMS))
                start = template.format(
                    depth=draw(st.integers(1, 12)),
                    number=draw(st.integers(1, 5)),
                    parent=draw(st.integers(0, 5)),
                    name=draw(st.sampled_from(NAMES)),
                    stamp=draw(st.sampled_from(STAMPS)),
                    date=draw(st.sampled_from(TEXTS)),
                    text=draw(st.sampled_from(TEXTS)),
                )
            out.append(start)
            closing.append(end)
        elif step == 3 and closing:
            # Sometimes a close tag goes missing, as in real pages.
            end = closing.pop()
            if draw(st.integers(0, 7)):
                out.append(end)
        elif step == 4:
            out.append(f"<time>{draw(st.sampled_from(TEXTS))}</time>")
        elif step == 5:
            link = draw(st.sampled_from(ATTRIBUTES[5][1]))
            out.append(f'<a href="{link}">{draw(st.sampled_from(TEXTS))}</a>')
        else:
            out.append(draw(st.sampled_from(TEXTS)))
    out.extend(reversed(closing))
    return "".join(out)


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    """A whole page: maybe a head with metadata, maybe an article, and drawn markup."""
    head = ""
    if draw(st.booleans()):
        head += "<title>Tides | Harbour News</title>"
    if draw(st.booleans()):
        head += '<meta property="og:type" content="article"><meta charset="utf-8">'
    if draw(st.booleans()):
        count = draw(st.sampled_from(("3", "-1", "99999999999999999999", "x")))
        ld = {"@type": "NewsArticle", "headline": "Tides", "commentCount": count}
        head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = ""
    if draw(st.booleans()):
        body += (
            "<article><h1>Tides</h1><p>The moon pulls the sea twice a day, and the harbour"
            " shows it in the height of the water at the quay.</p></article>"
        )
    wrapper = draw(st.sampled_from(("", '<div id="comments">', '<ol class="commentlist">')))
    body += wrapper + draw(markup()) + ("</" + wrapper[1:4].strip() + ">" if wrapper else "")
    if draw(st.booleans()):
        body += '<form id="respond"><textarea>Reply</textarea></form>'
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def _located(error: ParseError, data: bytes) -> None:
    """Fail unless *error* names a line of *data*."""
    assert error.line is not None, repr(error)
    assert 1 <= error.line <= data.count(b"\n") + 1, repr(error)


@settings(max_examples=EXAMPLES)
@given(data=pages())
def test_a_page_of_any_markup_reads_or_is_refused_with_its_line(data: bytes) -> None:
    reports: list[PageReport] = []
    try:
        article = threadkit.loads(data, format="html", report=reports.append)
    except ParseError as error:
        _located(error, data)
        return
    assert type(article) is Article
    assert threadkit.loads(threadkit.dumps(article, "jsonl"), "jsonl") == article
    (report,) = reports
    assert report.article == article
    assert report.comment_count == article.comment_count == sum(1 for _ in article.visits())
    for _, address in report.comment_pages:
        assert "#" not in address
