"""One convention for links and quotations, in every importer and in the page reader.

The same comment HTML goes through each importer, and through the page
reader as a WordPress page: each gives the text written here by hand.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

import threadkit
from threadkit import Article

FRAGMENT = (
    '<p>See <a href="https://x.org/r">the report</a>, <a href="https://x.org/b">x.org/b</a>'
    ' and <a href="http://wordpress.org.cn/forum-thread-1234-1-1.html" rel="nofollow">'
    "http://wordpress.org.cn/forum-...</a></p>"
    "<blockquote><p>quoted</p></blockquote><p>mine</p>"
)
# The link whose text is not its address keeps the address; the one whose text
# is its address without the scheme does not; the address Disqus cut short is
# followed by the whole one; the quotation is a "> " line.
TEXT = (
    "See the report <https://x.org/r>, x.org/b and http://wordpress.org.cn/forum-... "
    "<http://wordpress.org.cn/forum-thread-1234-1-1.html>\n\n> quoted\n\nmine"
)


def reddit(html: str) -> Article:
    listing = [
        {
            "kind": "Listing",
            "data": {"children": [{"kind": "t3", "data": {"id": "p", "title": "T"}}]},
        },
        {
            "kind": "Listing",
            "data": {
                "children": [
                    {
                        "kind": "t1",
                        "data": {"id": "c", "parent_id": "t3_p", "body": "x", "body_html": html},
                    }
                ]
            },
        },
    ]
    return threadkit.loads(json.dumps(listing), "reddit", text="html")


def hackernews(html: str) -> Article:
    items = [
        {"id": 1, "type": "story", "title": "T", "by": "a", "time": 1, "kids": [2]},
        {"id": 2, "type": "comment", "parent": 1, "by": "b", "time": 2, "text": html},
    ]
    return threadkit.loads(json.dumps(items), "hackernews")


def mastodon(html: str) -> Article:
    status = {"id": "1", "content": "<p>T</p>", "in_reply_to_account_id": None}
    reply = {"id": "2", "in_reply_to_id": "1", "content": html}
    document = {"status": status, "context": {"ancestors": [], "descendants": [reply]}}
    return threadkit.loads(json.dumps(document), "mastodon")


def disqus(html: str) -> Article:
    export = (
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><title>T</title></thread>'
        f'<post dsq:id="2"><message><![CDATA[{html}]]></message><thread dsq:id="1"/></post>'
        "</disqus>"
    )
    return threadkit.loads(export, "disqus")


def wordpress(html: str) -> Article:
    export = (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>T</title>'
        "<wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        "<wp:comment><wp:comment_id>2</wp:comment_id>"
        f"<wp:comment_content>{escape(html)}</wp:comment_content></wp:comment>"
        "</item></channel></rss>"
    )
    return threadkit.loads(export, "wordpress")


def page(html: str) -> Article:
    document = (
        "<html><head><title>T</title></head><body><article><h1>T</h1>"
        "<p>The article says enough for the page to be one, in a sentence or two of text"
        " that a reader would read.</p></article>"
        '<div id="comments"><ol class="comment-list">'
        '<li id="comment-2" class="comment depth-1"><div class="comment-author">'
        '<b class="fn">Ida</b></div>'
        f'<div class="comment-content">{html}</div></li></ol></div></body></html>'
    )
    return threadkit.loads(document, "html")


@pytest.mark.parametrize("read", [reddit, hackernews, mastodon, disqus, wordpress, page])
def test_every_reader_keeps_link_targets_and_quotations_alike(read: object) -> None:
    assert callable(read)
    article = read(FRAGMENT)
    assert isinstance(article, Article)
    (comment,) = article.comments
    assert comment.text == TEXT
