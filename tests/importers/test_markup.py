"""HTML fragments to model text, as the importers turn comment bodies."""

from __future__ import annotations

import pytest

from threadkit import Comment
from threadkit._html_text import to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("   \n ", ""),
        ("plain text", "plain text"),
        ("a  b\tc\nd", "a b c d"),
        # Hacker News separates paragraphs with a bare <p>.
        ("one<p>two<p>three", "one\n\ntwo\n\nthree"),
        ("<p>one</p>\n<p>two</p>", "one\n\ntwo"),
        ("a<br>b", "a\nb"),
        ("a<br><br>b", "a\n\nb"),
        ("a<br><br><br><br>b", "a\n\nb"),
        ("<p>a<br></p><p>b</p>", "a\n\nb"),
        ("<p>  lead and trail  </p>", "lead and trail"),
        ("a <b> b </b> c", "a b c"),
        ("x<i>y</i>z", "xyz"),
        # Entities are decoded once: &amp;lt; is the text "&lt;".
        ("1 &lt; 2 &amp;&amp; 3 &gt; 2", "1 < 2 && 3 > 2"),
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
        ("caf&eacute; &#8230; &#x2014;", "café … —"),
        ("vector&lt;char *&gt;", "vector<char *>"),
        ("a&nbsp;b", "a\u00a0b"),
        ("<ul><li>one</li><li> two </li></ul>after", "- one\n- two\n\nafter"),
        ("<ol><li>a<li>b</ol>", "1. a\n2. b"),
        ("<blockquote><p>quoted</p></blockquote>reply", "quoted\n\nreply"),
        ("<h2>Head</h2>body", "Head\n\nbody"),
        ("x<pre><code>  a = 1\n    b = 2\n</code></pre>y", "x\n\n  a = 1\n    b = 2\n\ny"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("a<!-- hidden -->b<script>evil()</script>c<style>p{}</style>d", "abcd"),
        ("<template><div>x</div><p>y</p></template>after", "after"),
        ("<a href='https://x.example'>link text</a>", "link text"),
        ("see <img src='x.png' alt='pic'> here", "see here"),
        ("<div class='md'><p>Reddit &amp; friends</p>\n</div>", "Reddit & friends"),
        ("unclosed <b>bold <i>both", "unclosed bold both"),
        ("a\r\nb", "a b"),
        ("<p>a\u2028b</p>", "a\u2028b"),
    ],
)
def test_html(html: str, text: str) -> None:
    assert to_text(html) == text
    Comment(text=text)  # the model takes it as it is


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("one\ntwo", "one\ntwo"),
        ("one\n\ntwo", "one\n\ntwo"),
        ("one\n\n\n\ttwo", "one\n\ntwo"),
        ("one\r\ntwo", "one\ntwo"),
        ("a<br />\nb", "a\nb"),
        ("intro\n<ul>\n\t<li>x</li>\n\t<li>y</li>\n</ul>\nend", "intro\n\n- x\n- y\n\nend"),
        ("<strong>Bold</strong>\n<h1>Title</h1>\ntext", "Bold\n\nTitle\n\ntext"),
        ("Hi, this is a comment.<br />To delete, view the post&#039;s comments.", None),
    ],
)
def test_wordpress_newlines(stored: str, text: str | None) -> None:
    if text is None:
        text = "Hi, this is a comment.\nTo delete, view the post's comments."
    assert to_text(stored, newlines=True) == text


def test_deep_nesting_needs_no_recursion() -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    assert to_text(html) == "deep"
