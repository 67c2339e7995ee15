"""A reply chain 100,000 deep, read from the flat XML exports, needs no recursion."""

from __future__ import annotations

import threadkit

DEPTH = 100_000


def test_disqus_chain() -> None:
    posts = "".join(
        f'<post dsq:id="{n}"><message>m{n}</message><thread dsq:id="1"/>'
        + (f'<parent dsq:id="{n - 1}"/>' if n > 1 else "")
        + "</post>"
        for n in range(DEPTH, 0, -1)  # replies before their parents, all of them
    )
    xml = (
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        f'<thread dsq:id="1"><title>Deep</title></thread>{posts}</disqus>'
    )
    reports: list[threadkit.ImportReport] = []
    (article,) = threadkit.loads_all(xml, report=reports.append)
    assert article.depth == DEPTH
    assert article.comments[0].id == "1"
    assert len(reports[0].rebuild.out_of_order) == DEPTH - 1


def test_wordpress_chain() -> None:
    comments = "".join(
        f"<wp:comment><wp:comment_id>{n}</wp:comment_id>"
        f"<wp:comment_content>c{n}</wp:comment_content>"
        f"<wp:comment_parent>{n - 1}</wp:comment_parent></wp:comment>"
        for n in range(1, DEPTH + 1)
    )
    xml = (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<item><title>Deep</title>{comments}</item></channel></rss>"
    )
    (article,) = threadkit.loads_all(xml)
    assert article.depth == DEPTH
    assert list(article.walk())[-1].text == f"c{DEPTH}"
