"""Rules users write for their own sites, and how the engine threads what they find."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import threadkit
from threadkit import Author, Comment, CommentState
from threadkit.pages import PageReport, Rule, register, registered, unregister

HEAD = """<!DOCTYPE html><html lang="en"><head><title>Notes on bridges | Riverside</title>
<link rel="canonical" href="https://riverside.example/bridges">
<meta property="og:site_name" content="Riverside"></head><body>
<article><h1>Notes on bridges</h1><p>The old bridge closes in May for repairs that
will take most of the summer, the council said on Monday.</p></article>"""

NESTED = (
    HEAD
    + """
<section class="talk">
  <div class="note" id="n1"><span class="by"><a href="https://ann.example/">Ann</a></span>
    <time datetime="2024-05-02T10:00:00+02:00">2 May</time>
    <div class="body"><p>First!</p><p>Second paragraph.</p></div>
    <a class="answer" href="#reply">Reply</a>
    <div class="answers">
      <div class="note" id="n2"><span class="by">Bo</span>
        <div class="body">A reply to Ann.</div>
        <div class="answers"><div class="note" id="n3"><span class="by">Cy</span>
          <div class="body">Deeper.</div></div></div>
      </div>
    </div>
  </div>
  <div class="note" id="n4"><span class="by">Di</span><div class="body">Top again.</div></div>
</section></body></html>"""
)

RULE = Rule(
    name="riverside",
    applies="section.talk",
    comments=".note",
    author=".by",
    date="time",
    text=".body",
    replies=".answers",
    ignore=".answer",
)

MAY_2 = datetime(2024, 5, 2, 10, 0, tzinfo=timezone(timedelta(hours=2)))
URL = "https://riverside.example/bridges"


def read(page: str, *rules: Rule) -> tuple[threadkit.Article, PageReport]:
    reports: list[PageReport] = []
    article = threadkit.loads(page.encode(), format="html", rules=rules, report=reports.append)
    (report,) = reports
    return article, report


def test_a_rule_of_twenty_lines_reads_a_site_nobody_else_knows() -> None:
    article, report = read(NESTED, RULE)
    assert article.comments == (
        Comment(
            text="First!\n\nSecond paragraph.",
            author=Author(name="Ann", url="https://ann.example/"),
            id="n1",
            url=f"{URL}#n1",
            published=MAY_2,
            replies=(
                Comment(
                    text="A reply to Ann.",
                    author=Author(name="Bo"),
                    id="n2",
                    url=f"{URL}#n2",
                    replies=(
                        Comment(text="Deeper.", author=Author(name="Cy"), id="n3", url=f"{URL}#n3"),
                    ),
                ),
            ),
        ),
        Comment(text="Top again.", author=Author(name="Di"), id="n4", url=f"{URL}#n4"),
    )
    assert (report.rule, report.comment_count, report.pingbacks) == ("riverside", 4, 0)
    assert article.title == "Notes on bridges"
    assert article.url == URL


def test_replies_in_a_container_after_their_parent_belong_to_it() -> None:
    # Drupal's layout: the replies follow the comment, in a sibling container.
    page = (
        HEAD
        + """<div id="talk">
<a id="c1"></a><div class="note"><b>Ann</b><p>One.</p></div>
<div class="answers"><a id="c2"></a><div class="note"><b>Bo</b><p>Two.</p></div>
  <div class="answers"><div class="note"><b>Cy</b><p>Three.</p></div></div></div>
<div class="note"><b>Di</b><p>Four.</p></div></div></body></html>"""
    )
    rule = Rule(name="after", comments="#talk .note", author="b", replies=".answers")
    article, _ = read(page, rule)
    shape = [(visit.depth, visit.comment.text) for visit in article.visits()]
    assert shape == [(1, "One."), (2, "Two."), (3, "Three."), (1, "Four.")]


def test_depth_classes_give_the_shape_of_a_flat_list() -> None:
    page = (
        HEAD
        + """<ul id="talk">
<li class="c level-1">a</li><li class="c level-2">b</li><li class="c level-3">c</li>
<li class="c level-2">d</li><li class="c level-1">e</li><li class="c level-4">f</li>
<li class="c">g</li></ul></body></html>"""
    )
    rule = Rule(name="levels", comments="#talk .c", depth=r"level-(\d+)")
    article, _ = read(page, rule)
    shape = [(visit.depth, visit.comment.text) for visit in article.visits()]
    # "f" claims depth 4 under a depth-1 comment: it goes one level below it;
    # "g" names no depth: it answers the comment before it.
    assert shape == [(1, "a"), (2, "b"), (3, "c"), (2, "d"), (1, "e"), (2, "f"), (3, "g")]


def test_parent_attributes_name_the_comment_answered() -> None:
    page = (
        HEAD
        + """<div id="talk">
<div class="c" id="p-10">a</div><div class="c" id="p-11" data-parent="10">b</div>
<div class="c" id="p-12" data-parent="p-10">c</div><div class="c" id="p-13" data-parent="99">d</div>
</div></body></html>"""
    )
    rule = Rule(name="parents", comments="#talk .c", parent="data-parent")
    article, _ = read(page, rule)
    shape = [(visit.depth, visit.comment.text) for visit in article.visits()]
    # A parent that is not in the page leaves the comment at the top level.
    assert shape == [(1, "a"), (2, "b"), (2, "c"), (1, "d")]


def test_pingbacks_are_kept_apart_and_not_counted() -> None:
    page = (
        HEAD
        + """<ol id="talk">
<li class="c" id="c1"><cite>Ann</cite><p>Nice.</p></li>
<li class="c ping" id="c2">
<cite><a href="https://blog.example/post">A post that links here</a></cite>
<p>[…] as Riverside reports […]</p></li>
<li class="c" id="c3"><cite>Bo</cite><p>Agreed.</p></li></ol></body></html>"""
    )
    rule = Rule(name="pings", comments="#talk .c", author="cite", text="p", pingbacks=".ping")
    article, report = read(page, rule)
    assert [c.text for c in article.comments] == ["Nice.", "Agreed."]
    assert article.comment_count == 2
    assert report.pingbacks == 1
    assert article.extra["pingbacks"] == (
        threadkit.Extra(
            {
                "id": "c2",
                "text": "[…] as Riverside reports […]",
                "title": "A post that links here",
                "url": "https://blog.example/post",
            }
        ),
    )


def test_deleted_comments_keep_their_place_and_replies() -> None:
    page = (
        HEAD
        + """<div id="talk"><div class="c gone"><p>[deleted]</p>
<div class="c"><p>Still here.</p></div></div></div></body></html>"""
    )
    rule = Rule(name="gone", comments="#talk .c", text="p")
    article, _ = read(page, rule)
    (first,) = article.comments
    assert first.state is CommentState.DELETED
    assert [reply.text for reply in first.replies] == ["Still here."]


def test_ui_text_never_leaks_into_a_comment() -> None:
    page = (
        HEAD
        + """<div id="talk"><div class="c"><p>Words.</p><button>Like</button>
<a class="comment-reply-link" href="#">Reply</a><form><input value="Report"></form>
<span class="screen-reader-text">Reply to Ann</span></div></div></body></html>"""
    )
    article, _ = read(page, Rule(name="ui", comments="#talk .c"))
    assert article.comments[0].text == "Words."


def test_a_rule_that_does_not_apply_is_passed_over() -> None:
    rule = Rule(name="elsewhere", applies="body.elsewhere", comments=".note")
    _, report = read(NESTED, rule)
    assert report.rule != "elsewhere"


def test_registered_rules_are_tried_on_every_page() -> None:
    register(RULE)
    try:
        assert RULE in registered()
        article = threadkit.loads(NESTED.encode(), format="html")
        assert article.comment_count == 4
    finally:
        unregister(RULE)
    assert RULE not in registered()
    with pytest.raises(ValueError, match="not registered"):
        unregister(RULE)
    with pytest.raises(TypeError, match="Rule"):
        register("div.note")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"comments": "li:hover"}, "selector"),
        ({"comments": ".c", "author": "a["}, "selector"),
        ({"comments": ".c", "depth": "depth-\\d+"}, "exactly one group"),
    ],
)
def test_a_rule_with_a_bad_part_fails_where_it_is_written(
    fields: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Rule(name="bad", **fields)
