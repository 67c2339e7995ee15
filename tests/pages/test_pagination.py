"""Threads shown a page at a time: the other comment pages a page links, and grafting them."""

from __future__ import annotations

from pathlib import Path

import threadkit
from threadkit import tree
from threadkit.pages import PageReport

POST = "https://blog.example/2024/05/tides"


def _page(comments: str, navigation: str, *, elsewhere: str = "") -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>Tides | Blog</title>
<link rel="canonical" href="{POST}/">
</head><body>
<nav class="site-nav"><a href="https://blog.example/page/2/">Older posts</a></nav>
{elsewhere}
<article class="post"><h1 class="entry-title">Tides</h1>
<div class="entry-content"><p>The moon pulls the sea twice a day, and the harbour shows it.</p>
<p>We measured the harbour for a whole year and wrote down every tide.</p></div>
</article>
<div id="comments" class="comments-area">
<h2 class="comments-title">Comments</h2>
<ol class="comment-list">{comments}</ol>
{navigation}
</div></body></html>""".encode()


def _comment(number: int, author: str, text: str, page: int) -> str:
    return f"""<li id="comment-{number}" class="comment depth-1">
<article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">{author}</b></div>
<div class="comment-metadata"><a href="{POST}/comment-page-{page}/#comment-{number}">
<time datetime="2024-05-0{number}T10:00:00+00:00">May {number}, 2024</time></a></div>
</footer><div class="comment-content"><p>{text}</p></div></article></li>"""


def _read(data: bytes, url: str | None = None) -> tuple[threadkit.Article, PageReport]:
    reports: list[PageReport] = []
    article = threadkit.loads(data, format="html", url=url, report=reports.append)
    assert len(reports) == 1
    return article, reports[0]


# WordPress's numbered links: the newest page is the article's own address,
# the current page shown as text.
NEWEST = _page(
    _comment(5, "Ines", "Spring tides are the best.", 3),
    f"""<nav class="navigation comment-navigation" aria-label="Comments">
<div class="nav-links">
<a class="page-numbers" href="{POST}/comment-page-1/#comments">1</a>
<a class="page-numbers" href="{POST}/comment-page-2/#comments">2</a>
<span aria-current="page" class="page-numbers current">3</span>
<a class="prev page-numbers" href="{POST}/comment-page-2/#comments">Older comments</a>
</div></nav>""",
)


def test_numbered_links_give_the_other_pages_in_order() -> None:
    article, report = _read(NEWEST)
    assert article.comment_count == 1
    assert report.comment_page == 3
    assert report.comment_pages == (
        (1, f"{POST}/comment-page-1/"),
        (2, f"{POST}/comment-page-2/"),
    )
    assert not report.complete
    assert "other comment pages: 1, 2" in str(report)


def test_an_older_comments_link_with_the_query_form() -> None:
    data = _page(
        _comment(3, "Jan", "The harbour wall is new.", 2),
        '<div class="nav-previous"><a href="?cpage=1#comments">&larr; Older Comments</a></div>',
    )
    _, report = _read(data, url=f"{POST}/?cpage=2")
    assert report.comment_page == 2
    # The canonical address is the one links resolve against.
    assert report.comment_pages == ((1, f"{POST}/?cpage=1"),)


def test_zero_based_page_numbers_are_counted_as_shown() -> None:
    # Drupal writes the second page as ?page=1 and shows it as 2.
    pager = """<ul class="pager"><li class="pager-current first">1</li>
<li class="pager-item"><a title="Go to page 2" href="/2024/05/tides?page=1">2</a></li>
<li class="pager-item"><a title="Go to page 3" href="/2024/05/tides?page=2">3</a></li>
<li class="pager-next"><a href="/2024/05/tides?page=1">next</a></li></ul>"""
    _, report = _read(_page(_comment(1, "Ola", "First!", 1), pager), url=f"{POST}")
    assert report.comment_page == 1
    assert report.comment_pages == (
        (2, "https://blog.example/2024/05/tides?page=1"),
        (3, "https://blog.example/2024/05/tides?page=2"),
    )


def test_links_that_page_something_else_are_not_comment_pages() -> None:
    # The site's list of posts, a permalink to a comment, another post's
    # comment page: none of them is this thread's.
    elsewhere = (
        '<div class="pagination"><a href="https://blog.example/?page=3">3</a></div>'
        '<a href="https://blog.example/2024/04/waves/comment-page-2/">waves, page 2</a>'
    )
    data = _page(_comment(2, "Uwe", "Nice.", 1), "", elsewhere=elsewhere)
    _, report = _read(data)
    assert report.comment_pages == ()
    assert report.comment_page is None
    assert report.complete
    assert "comment page" not in str(report)


def test_the_pages_grafted_give_the_whole_thread_in_page_order() -> None:
    oldest = _page(
        _comment(1, "Ola", "First!", 1) + _comment(2, "Uwe", "Nice.", 1),
        f'<div class="nav-links"><a href="{POST}/comment-page-2/">Newer comments</a></div>',
    )
    middle = _page(
        _comment(3, "Jan", "The harbour wall is new.", 2),
        f"""<div class="nav-links"><a href="{POST}/comment-page-1/">Older comments</a>
<a href="{POST}/comment-page-3/">Newer comments</a></div>""",
    )
    fetched = {f"{POST}/comment-page-1/": oldest, f"{POST}/comment-page-2/": middle}
    first, report = _read(NEWEST)
    pieces = {report.comment_page: first}
    for number, address in report.comment_pages:
        pieces[number] = threadkit.loads(fetched[address], format="html", url=address)
    ordered = [pieces[number] for number in sorted(pieces)]
    whole = tree.graft(*ordered).article
    assert [comment.author.name for comment in whole.comments if comment.author] == [
        "Ola",
        "Uwe",
        "Jan",
        "Ines",
    ]
    assert [comment.id for comment in whole.comments] == [
        "comment-1",
        "comment-2",
        "comment-3",
        "comment-5",
    ]
    assert whole.title == "Tides"


def test_many_links_are_judged_in_bounded_time() -> None:
    # A page of ten thousand links that name pages: at most a bounded number
    # is judged, and those that are are found.
    links = "".join(f'<a href="?cpage={n}">{n}</a>' for n in range(1, 10_001))
    data = _page(_comment(1, "Ola", "First!", 1), f'<div class="comment-navigation">{links}</div>')
    _, report = _read(data, url=f"{POST}/?cpage=1")
    numbers = [number for number, _ in report.comment_pages]
    assert numbers == list(range(2, len(numbers) + 2))
    assert 100 <= len(numbers) < 10_000


def test_real_pages_name_their_other_comment_pages_and_only_those(shared: Path) -> None:
    # Read off the sources by hand: the ACLU post (Drupal 6) shows the first
    # of three comment pages, linked as ?page=1 ("Go to page 2") and ?page=2;
    # no other page of the corpus splits its thread, and the Mozilla Hacks
    # post links "comment-page-1" only from its comments' permalinks.
    pages = sorted((shared / "corpus" / "html").glob("*.html"))
    assert len(pages) == 24
    linked = {}
    for path in pages:
        reports: list[PageReport] = []
        threadkit.load(path, format="html", report=reports.append)
        if reports[0].comment_pages:
            linked[path.name] = (reports[0].comment_page, reports[0].comment_pages)
    address = (
        "https://www.aclu.org/blog/privacy-technology/internet-privacy/"
        "facebook-tracking-me-even-though-im-not-facebook?page="
    )
    assert linked == {
        "readability_aclu.html": (1, ((2, address + "1"), (3, address + "2"))),
    }
