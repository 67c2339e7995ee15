"""Every reader's work grows linearly with its input, on the inputs that once made one quadratic.

As ``tests/pages/test_hostile.py`` does for pages: each family of inputs is
read at one size and at eight times that size, and the reads are compared
by the ``linear`` fixture of ``tests/conftest.py``: by the number of Python
function calls, and by processor time, which sees the work done in C (a
regular expression backtracking, a string built by repeated
concatenation).

The families are those an attack found (issue 22) and their neighbours:
long wrapped lines, deep chains of comments without ids, long runs of a
construct that is never closed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import threadkit
import threadkit.tree
from threadkit import ThreadkitError
from threadkit.formats import get_format

Read = Callable[[], object]


def reading(format: str, data: str) -> Callable[[], object]:
    fmt = get_format(format)
    raw = data.encode("utf-8")
    return lambda: fmt.read(raw)


# -- the families: a format, and the input at size n -------------------------------------


def reddit_chain(n: int) -> str:
    # Comments without "id", each the only reply of the one before.
    opening = (
        '{"kind":"t1","data":{"body":"x","author":"a","created_utc":1600000000,'
        '"replies":{"kind":"Listing","data":{"children":['
    )
    post = '{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"title":"T"}}]}}'
    leaf = '{"kind":"t1","data":{"body":"x"}}'
    chain = opening * n + leaf + "]}}}}" * n
    return f'[{post},{{"kind":"Listing","data":{{"children":[{chain}]}}}}]'


def hackernews_chain(n: int) -> str:
    # Algolia's nesting, deeper than Python's JSON parser goes at both sizes.
    chain = "".join(
        f'{{"id":{k},"type":"comment","author":"a","text":"x","children":[' for k in range(2, n + 2)
    )
    return '{"id":1,"type":"story","title":"T","author":"w","children":[' + chain + "]}" * n + "]}"


def mastodon_chain(n: int) -> str:
    account = '"account":{"id":"7","username":"u","acct":"u","display_name":"U"}'
    statuses = ",".join(
        f'{{"id":"{k}","in_reply_to_id":"{k - 1}","created_at":"2024-06-01T08:00:00.000Z",'
        f'"content":"<p>x</p>",{account}}}'
        for k in range(2, n + 2)
    )
    root = (
        '{"id":"1","in_reply_to_id":null,"created_at":"2024-06-01T08:00:00.000Z",'
        f'"content":"<p>Root</p>",{account}}}'
    )
    return f'{{"ancestors":[{root}],"descendants":[{statuses}]}}'


def disqus_chain(n: int) -> str:
    posts = "".join(
        f'<post dsq:id="{k}"><message>x</message><thread dsq:id="1"/>'
        + (f'<parent dsq:id="{k - 1}"/>' if k > 2 else "")
        + "</post>"
        for k in range(2, n + 2)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><title>T</title>'
        f"</thread>{posts}</disqus>"
    )


WXR_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Site</title>'
    "<item><title>Post</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
)


def wordpress_chain(n: int) -> str:
    comments = "".join(
        f"<wp:comment><wp:comment_id>{k}</wp:comment_id><wp:comment_content>x"
        f"</wp:comment_content><wp:comment_parent>{k - 1}</wp:comment_parent></wp:comment>"
        for k in range(1, n + 1)
    )
    return f"{WXR_HEAD}{comments}</item></channel></rss>"


def jsonl_chain(n: int) -> str:
    records = "".join(
        f'{{"record":"comment","key":{k},"parent":{k - 1 if k > 1 else "null"},"text":"x"}}\n'
        for k in range(1, n + 1)
    )
    return '{"threadkit":1,"record":"article","title":"T"}\n' + records


def chain_article(n: int) -> threadkit.Article:
    comment = threadkit.Comment(text="x")
    for _ in range(n - 1):
        comment = threadkit.Comment(text="x", replies=(comment,))
    return threadkit.Article(title="T", comments=(comment,))


FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    "reddit: a chain without ids": ("reddit", lambda n: reddit_chain(300 * n)),
    "reddit: an unterminated string": ("reddit", lambda n: '[{"kind": "' + "x" * 20_000 * n),
    "hackernews: a chain": ("hackernews", lambda n: hackernews_chain(600 * n)),
    "mastodon: a chain of replies": ("mastodon", lambda n: mastodon_chain(300 * n)),
    "disqus: a chain of replies": ("disqus", lambda n: disqus_chain(300 * n)),
    "disqus: an unterminated comment": ("disqus", lambda n: "<disqus><!--" + "x-" * 10_000 * n),
    "wordpress: a chain of replies": ("wordpress", lambda n: wordpress_chain(300 * n)),
    "wordpress: unterminated references": (
        "wordpress",
        lambda n: WXR_HEAD + "<title>" + "&a" * 10_000 * n,
    ),
    "json: many comments": (
        "json",
        lambda n: (
            '{"threadkit":1,"title":"T","comments":['
            + ",".join(['{"text":"x","score":1}'] * 1_000 * n)
            + "]}"
        ),
    ),
    "json: an unterminated string": (
        "json",
        lambda n: '{"threadkit":1,"title":"' + "x" * 20_000 * n,
    ),
    "jsonl: a chain of records": ("jsonl", lambda n: jsonl_chain(500 * n)),
    "text: a title wrapped over many lines": (
        "text",
        lambda n: "Title words\n" * 5_000 * n + "\nBody.\n",
    ),
    # The charset prescan reads the first 64 KiB: eight times the run stays inside.
    "html: an unterminated <meta": ("html", lambda n: "<meta " * 1_000 * n),
    "html: a chain of replies of our own": (
        "html",
        lambda n: threadkit.dumps(chain_article(300 * n), "html"),
    ),
    "jsonl: one long line": ("jsonl", lambda n: '{"threadkit":1,"title":"' + "x\\n" * 10_000 * n),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_work_grows_linearly(family: str, linear: Callable[[Read, Read], None]) -> None:
    format, build = FAMILIES[family]
    linear(reading(format, build(1)), reading(format, build(8)))


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_families_are_read_or_refused(family: str) -> None:
    # Only a ThreadkitError may escape, and the chains are whole threads.
    format, build = FAMILIES[family]
    try:
        article = reading(format, build(1))()
    except ThreadkitError:
        assert "chain" not in family
        assert "many" not in family
        return
    assert isinstance(article, threadkit.Article)
    if "chain" in family:
        assert threadkit.tree.depth(article) >= 300
