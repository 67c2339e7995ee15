"""Comment systems, part A: Drupal, WordPress's variants, PIXNET, Blogger,
microformats, and the general rule tried last.

Each system has a small page of our own writing with every value expected
written out; the general rule has pages from made-up CMSs in several
languages, and pages that must give no comments at all (teasers, widgets,
navigation, forms). The corpus tests at the end check the real pages this
part covers against the counts in the corpus's MANIFEST; they skip without
``../shared``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, CommentState, Extra
from threadkit.pages import SYSTEMS, PageReport
from threadkit.pages._byline import byline_name, looks_like_date


def zone(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def read(page: str) -> tuple[Article, PageReport]:
    reports: list[PageReport] = []
    article = threadkit.loads(page.encode(), format="html", report=reports.append)
    (report,) = reports
    return article, report


def shape(article: Article) -> list[tuple[int, str | None, str]]:
    """Each comment as (depth, author's name, text), in thread order."""
    return [
        (v.depth, v.comment.author.name if v.comment.author else None, v.comment.text)
        for v in article.visits()
    ]


def page(
    body: str, *, lang: str = "en", url: str = "https://news.example/story", head: str = ""
) -> str:
    # An article of a few paragraphs, then whatever the test puts after it.
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>A story | News</title><link rel="canonical" href="{url}">{head}</head><body>
<main><article class="story"><h1>A story</h1>
<p>The first paragraph of the story says what happened and where it happened.</p>
<p>The second paragraph says why it matters to the people who live there.</p>
</article>
{body}
</main></body></html>"""


# -- Drupal ----------------------------------------------------------------------------

DRUPAL_7 = page(
    """
<div id="comments" class="comment-wrapper">
  <h2 class="title">Kommentare</h2>
  <a id="comment-101"></a>
  <div class="comment comment-by-anonymous first odd clearfix" about="/comment/101#comment-101"
       typeof="sioc:Post sioct:Comment">
    <h3 property="dc:title"><a href="/comment/101#comment-101" class="permalink">Endlich</a></h3>
    <div class="submitted"><span property="dc:date dc:created"
      content="2021-03-03T14:05:00+01:00">Eingereicht von <span class="username">Anna Berg
      (nicht überprüft)</span> am Mi, 03.03.2021 - 14:05</span></div>
    <div class="content"><div class="field field-name-comment-body"><div class="field-items">
      <div class="field-item even" property="content:encoded"><p>Die Brücke wird saniert.</p>
      <p>Zweiter Absatz.</p></div></div></div></div>
    <ul class="links inline"><li class="comment-reply first last">
      <a href="/comment/reply/7/101">Antworten</a></li></ul>
  </div>
  <div class="indented">
    <a id="comment-102"></a>
    <div class="comment comment-by-node-author even clearfix">
      <h3><a href="/comment/102#comment-102">Die Sanierung dauert bis zum Herbst</a></h3>
      <div class="submitted">Eingereicht von <a href="/user/3" class="username">Redaktion</a>
        am Mi, 03.03.2021 - 15:10</div>
      <div class="content"><p>Die Sanierung dauert bis zum Herbst, sagt die Stadt.</p></div>
      <ul class="links inline"><li class="comment-reply"><a
        href="/comment/reply/7/102">Antworten</a></li>
        <li class="comment-delete"><a href="/comment/delete/102">Löschen</a></li></ul>
    </div>
    <div class="indented">
      <a id="comment-103"></a>
      <div class="comment comment-unpublished odd clearfix">
        <div class="submitted">Eingereicht von <span class="username">Karl</span>
          am Do, 04.03.2021 - 08:00</div>
        <div class="content"><p>Wartet noch auf Freigabe.</p></div>
      </div>
    </div>
  </div>
  <a id="comment-104"></a>
  <div class="comment even clearfix">
    <div class="submitted">Eingereicht von <span class="username">Bernd</span>
      am Do, 04.03.2021 - 09:30</div>
    <div class="content"><p>Dieser Kommentar wurde gelöscht.</p></div>
  </div>
  <div class="indented">
    <a id="comment-105"></a>
    <div class="comment odd clearfix">
      <div class="submitted">Eingereicht von <span class="username">Clara</span>
        am Do, 04.03.2021 - 10:00</div>
      <div class="content"><p>Die Antwort bleibt stehen.</p></div>
    </div>
  </div>
  <h2 class="title comment-form">Neuen Kommentar schreiben</h2>
  <form class="comment-form" action="/comment/reply/7" method="post" id="comment-form">
    <div class="comment comment-preview"><div class="submitted">Eingereicht von Ihnen
      am Fr, 05.03.2021 - 12:00</div><div class="content"><p>Vorschau</p></div></div>
    <label for="edit-name">Ihr Name</label><input type="text" id="edit-name" name="name">
    <textarea name="comment_body"></textarea><input type="submit" value="Speichern">
  </form>
</div>""",
    lang="de",
    url="https://stadtblatt.example/bruecke",
    head='<meta name="Generator" content="Drupal 7 (http://drupal.org)">'
    '<meta property="article:published_time" content="2021-03-01T09:00:00+01:00">',
)


def test_drupal_7_indented_replies_anchors_states_and_no_form() -> None:
    article, report = read(DRUPAL_7)
    assert report.rule == "drupal"
    assert shape(article) == [
        (1, "Anna Berg", "Die Brücke wird saniert.\n\nZweiter Absatz."),
        (2, "Redaktion", "Die Sanierung dauert bis zum Herbst, sagt die Stadt."),
        (3, "Karl", "Wartet noch auf Freigabe."),
        (1, "Bernd", ""),
        (2, "Clara", "Die Antwort bleibt stehen."),
    ]
    first, deleted = article.comments
    assert first.id == "comment-101"
    assert first.url == "https://stadtblatt.example/comment/101#comment-101"
    assert first.published == datetime(2021, 3, 3, 14, 5, tzinfo=zone(1))
    assert first.extra == {"title": "Endlich"}
    answer = first.replies[0]
    # The subject is the text's first words: Drupal made it, it is no title.
    assert "title" not in answer.extra
    assert answer.author == Author(name="Redaktion", url="https://stadtblatt.example/user/3")
    # No zone in the text: the page's own offset.
    assert answer.published == datetime(2021, 3, 3, 15, 10, tzinfo=zone(1))
    assert answer.replies[0].state is CommentState.PENDING
    assert deleted.state is CommentState.DELETED
    assert deleted.id == "comment-104"
    assert deleted.replies[0].text == "Die Antwort bleibt stehen."


DRUPAL_8 = page(
    """
<section class="comments">
  <h2 class="comments__title">Comments</h2>
  <article data-comment-user-id="0" id="comment-11" class="comment js-comment by-anonymous">
    <span class="hidden" data-comment-timestamp="1588000000"></span>
    <footer class="comment__meta">
      <p class="comment__author"><span>Guest reader</span></p>
      <p class="comment__time"><time datetime="2020-04-27T15:06:40+00:00">Mon, 04/27/2020 -
        15:06</time></p>
      <a href="/comment/11#comment-11" class="comment__permalink">Permalink</a>
    </footer>
    <div class="comment__content">
      <h3><a href="/comment/11#comment-11">A subject of my own</a></h3>
      <div class="field--name-comment-body"><p>The bridge was due for it.</p></div>
      <ul class="links inline"><li class="comment-reply">
        <a href="/comment/reply/node/5/comment/11">Reply</a></li></ul>
    </div>
  </article>
  <div class="indented">
    <article data-comment-user-id="4" id="comment-12" class="comment js-comment by-node-author">
      <footer class="comment__meta">
        <p class="comment__author"><a href="/user/4">Editor</a></p>
        <p class="comment__time"><time datetime="2020-04-27T16:00:00+00:00">Mon, 04/27/2020 -
          16:00</time></p>
        <p class="visually-hidden">In reply to <a href="/comment/11#comment-11">A subject of
          my own</a> by Guest reader</p>
        <a href="/comment/12#comment-12" class="comment__permalink">Permalink</a>
      </footer>
      <div class="comment__content"><div class="field--name-comment-body">
        <p>It was, and it is done now.</p></div></div>
    </article>
  </div>
  <div class="comment-form__wrapper"><h2>Add new comment</h2>
    <form class="comment-comment-form comment-form" data-drupal-selector="comment-form">
      <textarea name="comment_body[0][value]"></textarea></form></div>
</section>""",
    url="https://news.example/story",
)


def test_drupal_8_articles_permalinks_and_subjects() -> None:
    article, report = read(DRUPAL_8)
    assert report.rule == "drupal"
    assert shape(article) == [
        (1, "Guest reader", "The bridge was due for it."),
        (2, "Editor", "It was, and it is done now."),
    ]
    (first,) = article.comments
    assert first.published == datetime(2020, 4, 27, 15, 6, 40, tzinfo=UTC)
    assert first.url == "https://news.example/comment/11#comment-11"
    assert first.extra == {"title": "A subject of my own"}
    reply = first.replies[0]
    # Its own permalink, not the one of the comment it answers.
    assert reply.url == "https://news.example/comment/12#comment-12"
    assert reply.author == Author(name="Editor", url="https://news.example/user/4")


# -- WordPress: Epoch, callbacks without comment_class(), wpDiscuz, old themes --------

EPOCH = page(
    """
<div id="epoch-wrap" class="comments-area epoch-wrapper">
  <h3 class="comment-count-area">There are <span id="epoch-count">3</span> comments</h3>
  <div id="epoch-comments">
    <div id="comment-501" data-comment-id="501">
      <article id="div-comment-501" class="epoch-comment-body epoch-single-comment">
        <footer class="epoch-comment-meta"><div class="epoch-comment-author">
          <div class="epoch-comment-author-avatar"><img alt="Avatar of Ann" src="a.png"></div>
          <a href="https://ann.example" class="epoch-author-link">Ann (a reader)</a>
          <span class="epoch-divide">·</span>
          <a href="https://news.example/story#comment-501" class="epoch-comment-link"><time
            datetime="comment_date">March 10, 2017 at 12:20 AM</time></a></div></footer>
        <div class="epoch-comment-content"><p>First thoughts.<span
          class="pmcc-comments-report-link"><a
          href="javascript:void(0);">Report</a></span></p></div>
        <ul class="epoch-comment-actions"><li class="epoch-reply" data-comment-id="501"><a
          class="comment-reply-link" href="#respond">Reply</a></li></ul>
      </article>
      <div class="epoch-child child-of-501 level-1">
        <div id="comment-502" data-comment-id="502">
          <article class="epoch-comment-body epoch-single-comment">
            <footer class="epoch-comment-meta"><div class="epoch-comment-author">
              Bo <span class="epoch-divide">·</span>
              <a href="https://news.example/story#comment-502" class="epoch-comment-link"><time
                datetime="comment_date">March 10, 2017 at 2:56 PM</time></a></div></footer>
            <div class="epoch-comment-content"><p>A reply.</p></div>
          </article>
        </div>
      </div>
    </div>
    <div id="comment-503" data-comment-id="503">
      <article class="epoch-comment-body epoch-single-comment">
        <footer class="epoch-comment-meta"><div class="epoch-comment-author">
          <a href="https://cy.example" class="epoch-author-link">Cy</a></div></footer>
        <div class="epoch-comment-content"><p>Another.</p></div>
      </article>
    </div>
  </div>
</div>"""
)


def test_wordpress_epoch_plugin() -> None:
    article, report = read(EPOCH)
    assert (report.rule, report.stated_count) == ("wordpress-epoch", 3)
    assert shape(article) == [
        (1, "Ann (a reader)", "First thoughts."),
        (2, "Bo", "A reply."),
        (1, "Cy", "Another."),
    ]
    first = article.comments[0]
    assert first.author == Author(name="Ann (a reader)", url="https://ann.example")
    assert first.published == datetime(2017, 3, 10, 0, 20, tzinfo=UTC)
    assert first.id == "comment-501"
    # A plain-text name beside the date's link: the link is no author's.
    assert first.replies[0].author == Author(name="Bo")
    assert first.replies[0].published == datetime(2017, 3, 10, 14, 56, tzinfo=UTC)


CALLBACK = page(
    """
<div id="comments">
  <h3><span>2 Kommentare zu A story</span></h3>
  <ul class="bullets">
    <li id="li-comment-71" class="depth-1"><div class="comment-box">
      <div id="comment-71" class="comment-wrapper">
        <div class="comment-author vcard meta"><span class="date">Am 29. Mai 2017 um 14:38</span>
          <span class="author"> von <cite class="fn">Hugo</cite></span></div>
        <div class="comment_text"><p>Erster Kommentar.</p></div>
        <div class="reply"><a class="comment-reply-link"
          href="?replytocom=71#respond">Antworten</a></div>
      </div></div>
      <ul class="children">
        <li id="li-comment-72" class="depth-2"><div class="comment-box">
          <div id="comment-72" class="comment-wrapper">
            <div class="comment-author vcard meta"><span class="date">Am 29. Mai 2017 um
              15:00</span>
              <span class="author"> von <cite class="fn">Ina</cite></span></div>
            <div class="comment_text"><p>Antwort.</p></div></div></div></li>
      </ul></li>
  </ul>
</div>
<script src="https://news.example/wp-includes/js/comment-reply.min.js"></script>""",
    lang="de",
)


def test_wordpress_themes_whose_callback_drops_comment_class() -> None:
    article, report = read(CALLBACK)
    assert report.rule == "wordpress"
    assert shape(article) == [(1, "Hugo", "Erster Kommentar."), (2, "Ina", "Antwort.")]
    first = article.comments[0]
    assert first.id == "comment-71"
    assert first.published == datetime(2017, 5, 29, 14, 38, tzinfo=UTC)


KUBRICK = page(
    """
<h3 id="comments">2 respuestas</h3>
<ol class="commentlist">
  <li class="comment even thread-even depth-1" id="comment-9"><div class="commenttext">
    <cite><strong>Ramona</strong> dijo:</cite><p>Muy buen artículo.</p>
    <p>Como dice <cite>el texto</cite>, sí.</p>
    <div class="commentmetadata"> 26 abril 2022 a las 14:02 </div>
    <div class="reply"> / <a class="comment-reply-link"
      href="?replytocom=9#respond">Responder</a></div>
  </div>
  <ul class="children"><li class="comment odd depth-2" id="comment-10"><div class="commenttext">
    <cite><strong>Luis</strong> dijo:</cite><p>Gracias.</p>
    <div class="commentmetadata"> 26 abril 2022 a las 15:11 </div></div></li></ul>
  </li>
</ol>""",
    lang="es",
)


def test_wordpress_old_themes_name_the_author_in_a_bare_cite() -> None:
    article, _ = read(KUBRICK)
    assert shape(article) == [
        (1, "Ramona", "Muy buen artículo.\n\nComo dice el texto, sí."),
        (2, "Luis", "Gracias."),
    ]
    assert article.comments[0].published == datetime(2022, 4, 26, 14, 2, tzinfo=UTC)


COUNT_IN_BYLINE = page(
    """
<p class="entry-comments"><a href="https://news.example/story/#comments">2 Kommentare</a></p>
<aside class="teasers"><a href="https://news.example/other#comments">12 Kommentare</a>
  <a href="#disqus_thread">0 Kommentare</a></aside>
<ol class="commentlist">
  <li class="comment depth-1" id="comment-9"><div class="commenttext">
    <cite><strong>Ramona</strong> sagt:</cite><p>Sehr gut.</p></div></li>
  <li class="comment depth-1" id="comment-10"><div class="commenttext">
    <cite><strong>Luis</strong> sagt:</cite><p>Danke.</p></div></li>
</ol>""",
    lang="de",
)


def test_a_count_linked_to_the_pages_own_comments_is_the_stated_count() -> None:
    # With no heading counting them, the byline's link to the page's own
    # comments states the count; a teaser's link to another page and a
    # widget's placeholder count are not this page's.
    article, report = read(COUNT_IN_BYLINE)
    assert (article.comment_count, report.stated_count, report.complete) == (2, 2, True)
    wrong = COUNT_IN_BYLINE.replace(">2 Kommentare<", ">5 Kommentare<")
    _, report = read(wrong)
    assert (report.stated_count, report.complete) == (5, False)
    # Two links to this page's comments that disagree state nothing.
    both = wrong.replace(
        '<aside class="teasers">',
        '<p><a href="#respond">2 Kommentare</a></p><aside class="teasers">',
    )
    _, report = read(both)
    assert report.stated_count is None


WPDISCUZ = page(
    """
<div id="wpdcom" class="wpd-default"><div class="wpd-thread-list">
  <div id="wpd-comm-31_0" class="comment even thread-even depth-1 wpd-comment wpd_comment_level-1">
    <div class="wpd-comment-wrap wpd-blog-guest">
      <div class="wpd-comment-left"><div class="wpd-avatar"><img alt="Avatar of Pat"
        src="p.png"></div></div>
      <div id="comment-31" class="wpd-comment-right">
        <div class="wpd-comment-header">
          <div class="wpd-comment-author"><a href="https://pat.example" rel="nofollow">Pat</a></div>
          <div class="wpd-comment-label"><span>Guest</span></div>
          <div class="wpd-comment-date" title="May 11, 2021 11:50 am">2 years ago</div>
        </div>
        <div class="wpd-comment-text"><p>Useful, thanks.</p></div>
        <div class="wpd-comment-footer"><div class="wpd-vote"><div
          class="wpd-vote-result">7</div></div>
          <div class="wpd-reply-button"><span>Reply</span></div></div>
      </div>
    </div>
    <div id="wpd-comm-32_31" class="comment odd depth-2 wpd-comment wpd-reply wpd_comment_level-2">
      <div class="wpd-comment-wrap"><div id="comment-32" class="wpd-comment-right">
        <div class="wpd-comment-header"><div class="wpd-comment-author">Sam</div>
          <div class="wpd-comment-date" title="May 12, 2021 9:05 am">2 years ago</div></div>
        <div class="wpd-comment-text"><p>Agreed.</p></div></div></div>
    </div>
  </div>
</div></div>"""
)


def test_wordpress_wpdiscuz_plugin() -> None:
    article, report = read(WPDISCUZ)
    assert report.rule == "wordpress-wpdiscuz"
    assert shape(article) == [(1, "Pat", "Useful, thanks."), (2, "Sam", "Agreed.")]
    first = article.comments[0]
    assert first.author == Author(name="Pat", url="https://pat.example")
    # The absolute date is in the title; the text is relative.
    assert first.published == datetime(2021, 5, 11, 11, 50, tzinfo=UTC)
    assert first.replies[0].published == datetime(2021, 5, 12, 9, 5, tzinfo=UTC)


SIDEBAR = page(
    """
<ol class="comment-list">
  <li class="comment even depth-1" id="comment-1"><article class="comment-body">
    <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Ada</b>
      <span class="says">says:</span></div>
      <div class="comment-metadata"><time datetime="2024-01-05T10:00:00+00:00">5
        January</time></div>
    </footer><div class="comment-content"><p>On this article.</p></div></article></li>
</ol>
<div id="secondary" class="widget-area"><section class="widget widget_recent_comments">
  <ul><li class="comment even depth-1" id="comment-77"><div class="comment-author">Eve</div>
    <div class="comment-content"><p>On another article.</p></div></li></ul></section></div>"""
)


def test_comments_in_a_sidebar_widget_are_not_the_threads() -> None:
    article, _ = read(SIDEBAR)
    assert shape(article) == [(1, "Ada", "On this article.")]


DEFINITIONS = page(
    """
<dl class="commentlist">
  <dt class="comment even depth-1" id="comment-5"><span class="comment_author">Ida</span>
    <span class="comment_time"><a href="#comment-5">June 28, 2015 at 10:25 pm</a></span></dt>
  <dd class="comment even depth-1"><div class="format_text"><p>Header above, text
    here.</p></div></dd>
  <dt class="comment odd depth-1" id="comment-6"><span class="comment_author">Jo</span></dt>
  <dd class="comment odd depth-1"><p>No time.</p></dd>
</dl>
<ol class="commentlist">
  <li class="comment depth-1" id="comment-8"><div class="comment-body">
    <span class="author">Kai</span><br>März 7, 2018<p>The date stands in the text.</p></div></li>
  <li class="comment depth-1" id="comment-9"><div class="comment-body"><a
    href="#top">Top</a></div></li>
</ol>""",
    lang="de",
)


def test_wordpress_definition_lists_and_dates_in_no_element() -> None:
    article, _ = read(DEFINITIONS)
    # A dt and its dd are one comment; an element with none of a comment's
    # parts ("Top") is none.
    assert shape(article) == [
        (1, "Ida", "Header above, text here."),
        (1, "Jo", "No time."),
        (1, "Kai", "The date stands in the text."),
    ]
    ida, jo, kai = article.comments
    assert ida.published == datetime(2015, 6, 28, 22, 25, tzinfo=UTC)
    assert jo.published is None
    assert kai.published == datetime(2018, 3, 7, tzinfo=UTC)


WPDISCUZ_5 = page(
    """
<div id="wc_comm_wrap"><div class="wc-thread-wrapper">
  <div id="wc-comm-41_0" class="wc-comment wc-blog-guest wc_comment_level-1">
    <div class="wc-comment-left"><img alt="Nora" src="n.png"><div
      class="wc-comment-label"><span>Gast</span></div></div>
    <div id="comment-41" class="wc-comment-right">
      <div class="wc-comment-header"><div class="wc-comment-author">Nora</div></div>
      <div class="wc-comment-text"><p>Sehr hilfreich.</p></div>
      <div class="wc-comment-footer"><span class="wc-vote-result">6</span>
        <div class="wc-comment-date">3. Februar 2020</div></div>
    </div>
    <div id="wc-comm-42_41" class="wc-comment wc-reply wc-blog-user wc_comment_level-2">
      <div id="comment-42" class="wc-comment-right">
        <div class="wc-comment-header"><div class="wc-comment-author">Otto</div></div>
        <div class="wc-comment-text"><p>Danke!</p></div>
        <div class="wc-comment-footer"><div class="wc-comment-date">4. Februar 2020</div></div>
      </div>
    </div>
  </div>
</div></div>""",
    lang="de",
)


def test_wordpress_wpdiscuz_before_version_7() -> None:
    article, report = read(WPDISCUZ_5)
    assert report.rule == "wordpress-wpdiscuz"
    assert shape(article) == [(1, "Nora", "Sehr hilfreich."), (2, "Otto", "Danke!")]
    assert article.comments[0].id == "comment-41"
    assert article.comments[0].published == datetime(2020, 2, 3, tzinfo=UTC)


# -- PIXNET ----------------------------------------------------------------------------

PIXNET = page(
    """
<div id="comment-box" class="user-post-box">
  <h3 id="comment-title" class="user-post-title"><span>留言列表 (3)</span></h3>
  <div id="comment-text" class="user-post-text">
    <ul class="single-post">
      <li class="post-info"><a name="comment-1001"> </a><span class="floor">#1</span>
        <span class="user-name"><img class="comment-icon" src="i.gif"> <a
          href="http://mei.example/blog">小美</a></span>
        <span class="post-time">於 2013/12/28 10:28</span></li>
      <li class="post-photo"><img src="avatar.png" alt="小美"></li>
      <li class="post-text"><p id="comment-1001"></p>好漂亮的照片</li>
      <li class="reply-text">謝謝來訪！<br>下次再來
        <p><a href="http://owner.example/blog">版主</a> 於 2014/01/01 20:31 回覆 </p></li>
    </ul>
    <ul class="single-post secret"><li class="post-text">悄悄話 </li></ul>
    <ul class="single-post">
      <li class="post-info"><span class="floor">#3</span><span class="user-name">訪客</span>
        <span class="post-time">於 2014/01/02 08:00</span></li>
      <li class="post-text"><p id="comment-1003"></p>路過</li>
    </ul>
  </div>
</div>""",
    lang="zh-TW",
    url="https://owner.example/blog/post/1",
)


def test_pixnet_visitor_comments_keep_the_owners_answer() -> None:
    article, report = read(PIXNET)
    assert report.rule == "pixnet"
    # The private comment (悄悄話) shows nothing of itself and is left out;
    # the heading still counts it.
    assert (report.comment_count, report.stated_count) == (2, 3)
    assert shape(article) == [(1, "小美", "好漂亮的照片"), (1, "訪客", "路過")]
    first = article.comments[0]
    assert first.id == "comment-1001"
    assert first.url == "https://owner.example/blog/post/1#comment-1001"
    assert first.author == Author(name="小美", url="http://mei.example/blog")
    assert first.published == datetime(2013, 12, 28, 10, 28, tzinfo=UTC)
    assert first.extra["reply"] == Extra(
        {
            "author": "版主",
            "url": "http://owner.example/blog",
            "published": "2014-01-01T20:31:00+00:00",
            "text": "謝謝來訪！\n下次再來",
        }
    )
    assert "reply" not in article.comments[1].extra


# -- Blogger ---------------------------------------------------------------------------

BLOGGER_THREADED = page(
    """
<div class="widget Blog" id="Blog1"><div class="post-body"><p>The post.</p></div>
<div class="comments threaded" id="comments">
  <h4>3 comments:</h4>
  <div class="comments-content"><div id="comment-holder">
  <div class="comment-thread toplevel-thread"><ol id="top-ra">
    <li class="comment" id="c111">
      <div class="avatar-image-container"><img src="a.png" alt="Anna"></div>
      <div class="comment-block">
        <div class="comment-header"><cite class="user"><a href="https://www.blogger.com/profile/1"
          rel="nofollow">Anna</a></cite><span class="icon user"></span>
          <span class="datetime secondary-text"><a rel="nofollow"
            href="https://blog.example/2012/05/post.html?showComment=1336050360000#c111">May 3,
              2012 at 1:06 PM</a></span></div>
        <p class="comment-content">Lovely post.<br>Two lines.</p>
        <span class="comment-actions secondary-text"><a class="comment-reply"
          data-comment-id="111">Reply</a>
          <span class="item-control blog-admin"><a href="#">Delete</a></span></span>
      </div>
      <div class="comment-replies"><div id="c111-rt" class="comment-thread inline-thread">
        <span class="thread-toggle thread-expanded"><span
          class="thread-count"><a>Replies</a></span></span>
        <ol id="c111-ra" class="thread-chrome thread-expanded"><div>
          <li class="comment" id="c112"><div class="comment-block">
            <div class="comment-header"><cite class="user">Ben</cite>
              <span class="datetime secondary-text"><a href="#c112">May 3, 2012 at 2:00
                PM</a></span></div>
            <p class="comment-content">Thank you!</p></div></li>
        </div><div class="continue" id="c111-continue"><a class="comment-reply">Reply</a></div></ol>
      </div></div>
    </li>
    <li class="comment" id="c113"><div class="comment-block">
      <div class="comment-header"><cite class="user">Cleo</cite>
        <span class="datetime secondary-text"><a href="#c113">May 4, 2012 at 9:00
          AM</a></span></div>
      <p class="comment-content"><span class="deleted-comment">This comment has been removed by
        the author.</span></p></div>
      <div class="comment-replies"><div class="comment-thread inline-thread"><ol><div>
        <li class="comment" id="c114"><div class="comment-block"><div class="comment-header">
          <cite class="user">Dan</cite><span class="datetime"><a href="#c114">May 4, 2012 at 10:00
            AM</a></span></div>
          <p class="comment-content">Still here.</p></div></li></div></ol></div></div>
    </li>
  </ol></div></div></div>
</div></div>
<div class="widget PopularPosts" id="PopularPosts1"><ul><li class="comment" id="c9">
  <div class="comment-block"><div class="comment-header"><cite class="user">Zed</cite></div>
  <p class="comment-content">Not on this post.</p></div></li></ul></div>""",
    url="https://blog.example/2012/05/post.html",
)


def test_blogger_threaded_comments() -> None:
    # Blogger keeps the post and its comments in a "widget": no sidebar.
    article, report = read(BLOGGER_THREADED)
    assert (report.rule, report.stated_count) == ("blogger", 3)
    assert shape(article) == [
        (1, "Anna", "Lovely post.\nTwo lines."),
        (2, "Ben", "Thank you!"),
        (1, "Cleo", ""),
        (2, "Dan", "Still here."),
    ]
    anna, cleo = article.comments
    assert anna.id == "c111"
    assert anna.author == Author(name="Anna", url="https://www.blogger.com/profile/1")
    assert anna.published == datetime(2012, 5, 3, 13, 6, tzinfo=UTC)
    assert anna.url == "https://blog.example/2012/05/post.html?showComment=1336050360000#c111"
    # Removed by its author: deleted, in its place, with its reply.
    assert cleo.state is CommentState.DELETED


BLOGGER_CLASSIC = page(
    """
<div class="comments" id="comments">
  <a name="comments"></a><h4>3 Kommentare:</h4>
  <div id="Blog1_comments-block-wrapper"><dl class="avatar-comment-indent" id="comments-block">
    <dt class="comment-author" id="c201"><a name="c201"></a>
      <div class="avatar-image-container vcard"><span><img src="a.png" alt="Jan"></span></div>
      <a href="https://www.blogger.com/profile/2" rel="nofollow">Jan</a> hat gesagt…</dt>
    <dd class="comment-body" id="Blog1_cmt-201"><p>Schöner Beitrag!<br>Gruß</p></dd>
    <dd class="comment-footer"><span class="comment-timestamp"><a
      href="https://blog.example/2011/02/post.html?showComment=1#c201" title="comment
        permalink">3. Februar 2011 um 09:15</a>
      <span class="item-control blog-admin pid-1"><a class="comment-delete"
        href="#">Löschen</a></span></span></dd>
    <dt class="comment-author" id="c202"><a name="c202"></a>Anonym hat gesagt…</dt>
    <dd class="comment-body"><p><span class="deleted-comment">Dieser Kommentar wurde von einem
      Blog-Administrator entfernt.</span></p></dd>
    <dd class="comment-footer"><span class="comment-timestamp"><a href="#c202">4. Februar 2011 um
      10:00</a></span></dd>
    <dt class="comment-author" id="c203"><a name="c203"></a>Eva hat gesagt…</dt>
    <dd class="comment-body"><p>Danke.</p></dd>
    <dd class="comment-footer"><span class="comment-timestamp"><a href="#c203">5. Februar 2011 um
      11:00</a></span></dd>
  </dl></div>
</div>""",
    lang="de",
    url="https://blog.example/2011/02/post.html",
)


def test_blogger_classic_comment_list() -> None:
    article, report = read(BLOGGER_CLASSIC)
    assert (report.rule, report.stated_count) == ("blogger", 3)
    assert shape(article) == [
        (1, "Jan", "Schöner Beitrag!\nGruß"),
        (1, "Anonym", ""),
        (1, "Eva", "Danke."),
    ]
    jan, removed, eva = article.comments
    assert jan.id == "c201"
    assert jan.author == Author(name="Jan", url="https://www.blogger.com/profile/2")
    assert jan.published == datetime(2011, 2, 3, 9, 15, tzinfo=UTC)
    assert jan.url == "https://blog.example/2011/02/post.html?showComment=1#c201"
    assert removed.state is CommentState.REMOVED
    assert eva.url == "https://blog.example/2011/02/post.html#c203"


# -- microformats ----------------------------------------------------------------------

MF2 = page(
    """
<div class="h-entry"><a class="u-url" href="https://me.example/notes/1"></a>
  <section class="responses">
    <div class="u-comment h-cite" id="r1">
      <a class="p-author h-card" href="https://alice.example"><img class="u-photo" src="a.jpg"
        alt="Alice's photo"><span class="p-name">Alice</span></a>
      <a class="u-url" href="https://alice.example/replies/9"><time class="dt-published"
        datetime="2023-06-01T08:30:00+02:00">1 June</time></a>
      <div class="e-content"><p>Nice note.</p></div>
      <div class="p-comment h-cite" id="r2">
        <span class="p-author h-card">Bob</span>
        <time class="dt-published" datetime="2023-06-01T09:00:00+02:00">later</time>
        <p class="p-content">Same here.</p>
      </div>
    </div>
    <div class="u-comment h-cite" id="r3">
      <a class="p-author h-card" href="https://carol.example">Carol</a>
      <time class="dt-published" datetime="2023-06-02T10:00:00Z">2 June</time>
      <p class="p-content">Thanks for writing this.</p>
    </div>
    <div class="p-like h-cite"><a class="p-author h-card" href="https://dave.example">Dave</a>
      liked this</div>
  </section>
</div>"""
)


def test_microformats2_comments_and_replies_not_likes() -> None:
    article, report = read(MF2)
    assert report.rule == "microformats"
    assert shape(article) == [
        (1, "Alice", "Nice note."),
        (2, "Bob", "Same here."),
        (1, "Carol", "Thanks for writing this."),
    ]
    alice = article.comments[0]
    assert alice.author == Author(name="Alice", url="https://alice.example")
    assert alice.url == "https://alice.example/replies/9"
    assert alice.published == datetime(2023, 6, 1, 8, 30, tzinfo=zone(2))
    assert article.comments[1].published == datetime(2023, 6, 2, 10, 0, tzinfo=UTC)


HATOM = page(
    """
<div id="comments"><ol class="commentlist">
  <li class="hentry" id="c-1"><p class="entry-title vcard"><cite class="author fn">Ana</cite>
    wrote on <a rel="bookmark" href="https://news.example/story#c-1"><abbr class="published"
    title="2015-03-11T02:57:00Z">March 11th, 2015</abbr></a>:</p>
    <blockquote class="entry-content"><p>How do you abort it?</p></blockquote></li>
  <li class="hentry" id="c-2"><p class="entry-title vcard"><cite class="author fn">Nik</cite>
    wrote on <abbr class="published" title="2015-03-12T10:00:00Z">March 12th, 2015</abbr>:</p>
    <div class="entry-content"><p>You cannot, yet.</p></div></li>
</ol></div>"""
)


def test_hatom_comments_inside_a_comment_list() -> None:
    article, report = read(HATOM)
    assert report.rule == "microformats"
    # The body is in a blockquote by the theme's choice: no quotation mark.
    assert shape(article) == [(1, "Ana", "How do you abort it?"), (1, "Nik", "You cannot, yet.")]
    assert article.comments[0].published == datetime(2015, 3, 11, 2, 57, tzinfo=UTC)
    assert article.comments[0].url == "https://news.example/story#c-1"


# -- the general rule: made-up CMSs in several languages ---------------------------------

GERMAN = page(
    """
<div id="leserkommentare">
  <h2>3 Kommentare</h2>
  <div class="beitrag">
    <div class="kopf"><img class="bild" src="anna.png" alt="Profilbild von Anna">
      <strong>Anna</strong> schrieb am 3. März 2021 um 14:05:</div>
    <div class="inhalt"><p>Die Brücke war lange überfällig.</p></div>
    <div class="aktionen"><a href="#antworten">Antworten</a> <a href="#melden">Melden</a>
      <span class="zustimmung">12</span></div>
    <div class="antworten">
      <div class="beitrag">
        <div class="kopf"><strong>Bernd</strong> schrieb am 3. März 2021 um 15:20:</div>
        <div class="inhalt"><p>Das sehe ich anders.</p></div>
        <div class="aktionen"><a href="#antworten">Antworten</a> <a href="#melden">Melden</a></div>
      </div>
    </div>
  </div>
  <div class="beitrag">
    <div class="kopf"><strong>Clara</strong> schrieb am 4. März 2021 um 08:00:</div>
    <div class="inhalt"><p>Endlich!</p></div>
  </div>
</div>""",
    lang="de",
)


def test_general_rule_german_cms_with_nested_answers() -> None:
    article, report = read(GERMAN)
    assert (report.rule, report.stated_count) == ("general", 3)
    # No "Antworten", "Melden", vote count or picture's alt text in a text.
    assert shape(article) == [
        (1, "Anna", "Die Brücke war lange überfällig."),
        (2, "Bernd", "Das sehe ich anders."),
        (1, "Clara", "Endlich!"),
    ]
    assert article.comments[0].published == datetime(2021, 3, 3, 14, 5, tzinfo=UTC)


FRENCH = page(
    """
<section class="commentaires">
  <article class="avis"><p class="signature">Par Jean Dupont, le mercredi 15 mai 2019 à 08h07</p>
    <div class="texte">Un article très clair.</div></article>
  <article class="avis"><p class="signature">Par Marie Curie, le jeudi 16 mai 2019 à 10h30</p>
    <div class="texte">Je ne suis pas d'accord.<br>Voici pourquoi.</div></article>
</section>""",
    lang="fr",
    head='<meta property="article:published_time" content="2019-05-14T18:00:00+02:00">',
)


def test_general_rule_french_bylines_and_the_pages_offset() -> None:
    article, report = read(FRENCH)
    assert report.rule == "general"
    assert shape(article) == [
        (1, "Jean Dupont", "Un article très clair."),
        (1, "Marie Curie", "Je ne suis pas d'accord.\nVoici pourquoi."),
    ]
    # No zone in the text: the offset of the page's own date.
    assert article.comments[0].published == datetime(2019, 5, 15, 8, 7, tzinfo=zone(2))


SPANISH = page(
    """
<h3>2 comentarios</h3>
<ul>
  <li><b>Lucía</b> <small>12/05/2020 10:30</small><p>Gracias por la información.</p></li>
  <li><b>Pedro</b> <small>13/05/2020 09:15</small><p>¿Y el horario de los autobuses?</p></li>
</ul>""",
    lang="es",
)


def test_general_rule_a_heading_and_bare_list_items() -> None:
    article, report = read(SPANISH)
    assert (report.rule, report.stated_count) == ("general", 2)
    assert shape(article) == [
        (1, "Lucía", "Gracias por la información."),
        (1, "Pedro", "¿Y el horario de los autobuses?"),
    ]
    assert article.comments[1].published == datetime(2020, 5, 13, 9, 15, tzinfo=UTC)
    # The comments are left out of the body; the story's own column is not.
    assert article.body.startswith("The first paragraph of the story")
    assert "Gracias" not in article.body


DUTCH = page(
    """
<div id="reacties">
  <div class="reactie niveau-1"><span class="naam">Els</span> <span class="datum">12-05-2020
    10:30</span>
    <div class="tekst">Goed stuk.</div></div>
  <div class="reactie niveau-2"><span class="naam">Joost</span> <span class="datum">12-05-2020
    11:00</span>
    <div class="tekst">Eens.</div></div>
  <div class="reactie niveau-3"><span class="naam">Els</span> <span class="datum">12-05-2020
    11:30</span>
    <div class="tekst">Dank je.</div></div>
  <div class="reactie niveau-1"><span class="naam">Piet</span> <span class="datum">13-05-2020
    08:00</span>
    <div class="tekst">Wanneer is het klaar?</div></div>
</div>""",
    lang="nl",
)


def test_general_rule_depth_classes_of_a_flat_list() -> None:
    article, report = read(DUTCH)
    assert report.rule == "general"
    assert shape(article) == [
        (1, "Els", "Goed stuk."),
        (2, "Joost", "Eens."),
        (3, "Els", "Dank je."),
        (1, "Piet", "Wanneer is het klaar?"),
    ]


POLISH = page(
    """
<div class="komentarze">
  <div class="wpis" style="margin-left: 0px"><span class="autor">Kasia</span>
    <span class="kiedy">12 maja 2020, 10:15</span><p>Świetny tekst.</p></div>
  <div class="wpis" style="margin-left: 30px"><span class="autor">Tomek</span>
    <span class="kiedy">12 maja 2020, 11:00</span><p>Zgadzam się.</p></div>
  <div class="wpis" style="margin-left: 0px"><span class="autor">Ola</span>
    <span class="kiedy">13 maja 2020, 09:00</span><p>A co z kosztami?</p></div>
</div>""",
    lang="pl",
)


def test_general_rule_indentation_by_style() -> None:
    article, _ = read(POLISH)
    assert shape(article) == [
        (1, "Kasia", "Świetny tekst."),
        (2, "Tomek", "Zgadzam się."),
        (1, "Ola", "A co z kosztami?"),
    ]
    assert article.comments[0].published == datetime(2020, 5, 12, 10, 15, tzinfo=UTC)


JOURNAL = page(
    """
<div id="comments">
<div id="c1" style="margin-left: 0px"><div class="entry"><span class="poster">alice</span>
 <span class="when">2009-05-12 10:30 pm (UTC)</span><div class="body">First!</div></div></div>
<div id="c2" style="margin-left: 25px"><div class="entry"><span class="poster">bob</span>
 <span class="when">2009-05-12 11:00 pm (UTC)</span><div class="body">To alice.</div></div></div>
<div id="c3" style="margin-left: 50px"><div class="entry"><span class="poster">alice</span>
 <span class="when">2009-05-13 09:00 am (UTC)</span><div class="body">Thanks bob.</div></div></div>
<div id="c4" style="margin-left: 0px"><div class="entry"><span class="poster">carol</span>
 <span class="when">2009-05-14 08:00 am (UTC)</span><div class="body">Late.</div></div></div>
</div>"""
)


def test_general_rule_indentation_on_a_wrapper_around_each_comment() -> None:
    article, _ = read(JOURNAL)
    assert shape(article) == [
        (1, "alice", "First!"),
        (2, "bob", "To alice."),
        (3, "alice", "Thanks bob."),
        (1, "carol", "Late."),
    ]
    assert article.comments[0].published == datetime(2009, 5, 12, 22, 30, tzinfo=UTC)


NESTED_LISTS = page(
    """
<div id="comments"><h4>Kommentare (3)</h4><div class="comments-list">
 <div class="even" id="comment-item-1"><div class="rbox"><div class="comment-box usertype-guest">
   <span class="comments-vote"><span class="vote-good">+2</span></span>
   <a class="comment-anchor" href="#comment-1">#1</a> <span class="comment-author">Hans</span>
   <span class="comment-date">12.05.2020 10:30</span>
   <div class="comment-body">Guter Artikel.</div>
   <span class="comments-buttons"><a href="#">Antworten</a></span></div></div>
  <div class="clear"></div>
  <div class="comments-list"><div class="odd" id="comment-item-2"><div class="rbox">
   <div class="comment-box usertype-registered"><a class="comment-anchor" href="#comment-2">#2</a>
   <span class="comment-author">Grete</span> <span class="comment-date">12.05.2020 11:00</span>
   <div class="comment-body">Finde ich auch.</div></div></div><div class="clear"></div></div></div>
 </div>
 <div class="even" id="comment-item-3"><div class="rbox"><div class="comment-box usertype-guest">
   <a class="comment-anchor" href="#comment-3">#3</a> <span class="comment-author">Olaf</span>
   <span class="comment-date">13.05.2020 09:00</span><div
     class="comment-body">Nein.</div></div></div>
  <div class="clear"></div></div>
</div></div>""",
    lang="de",
)


def test_general_rule_nested_lists_of_a_joomla_like_component() -> None:
    article, report = read(NESTED_LISTS)
    assert (report.rule, report.stated_count) == ("general", 3)
    # No vote count, anchor number or "Antworten" in a text.
    assert shape(article) == [
        (1, "Hans", "Guter Artikel."),
        (2, "Grete", "Finde ich auch."),
        (1, "Olaf", "Nein."),
    ]


ENGLISH = page(
    """
<div class="discussion">
  <div class="post" id="p7"><a class="user-link" href="/u/kim">kim</a> <span class="age">3 hours
    ago</span>
    <div class="vote-box"><button>▲</button><span>42</span></div>
    <div class="body">Has anyone asked the council?</div>
    <ul class="replies">
      <li><div class="post" id="p8"><a class="user-link" href="/u/lee">lee</a>
        <span class="age">2 hours ago</span><div class="body">I did. No answer.</div>
        <a href="#p8">link</a> <a href="#reply">reply</a></div></li>
    </ul>
  </div>
  <div class="post" id="p9"><a class="user-link" href="/u/max">max</a> <span class="age">1 hour
    ago</span>
    <div class="body">[deleted]</div>
    <ul class="replies"><li><div class="post" id="p10"><a class="user-link" href="/u/kim">kim</a>
      <span class="age">30 minutes ago</span><div class="body">What did it
        say?</div></div></li></ul>
  </div>
</div>"""
)


def test_general_rule_relative_dates_reply_lists_and_deleted_comments() -> None:
    article, report = read(ENGLISH)
    assert report.rule == "general"
    assert shape(article) == [
        (1, "kim", "Has anyone asked the council?"),
        (2, "lee", "I did. No answer."),
        (1, "max", ""),
        (2, "kim", "What did it say?"),
    ]
    first, deleted = article.comments
    # "3 hours ago" is no moment; the text is kept.
    assert first.published is None
    assert first.extra["published_text"] == "3 hours ago"
    assert first.author == Author(name="kim", url="https://news.example/u/kim")
    assert (first.id, first.url) == ("p7", "https://news.example/story#p7")
    assert deleted.state is CommentState.DELETED


JAPANESE = page(
    """
<h2>コメント (2)</h2>
<div class="c"><span class="name">山田</span> <span class="date">2020年5月12日 10:30</span>
  <p>とても参考になりました。</p></div>
<div class="c"><span class="name">佐藤</span> <span class="date">2020年5月13日 08:00</span>
  <p>ありがとうございます。</p></div>""",
    lang="ja",
)


def test_general_rule_japanese_heading() -> None:
    article, report = read(JAPANESE)
    assert (report.rule, report.stated_count) == ("general", 2)
    assert shape(article) == [
        (1, "山田", "とても参考になりました。"),
        (1, "佐藤", "ありがとうございます。"),
    ]
    assert article.comments[0].published == datetime(2020, 5, 12, 10, 30, tzinfo=UTC)


PINGBACKS_AND_SAYS = page(
    """
<div id="kommentare"><ul>
  <li><a name="comment-1"></a><div class="sc-kAzzGY"><strong class="sc-chPdSV">Rita</strong>
    sagt:<br>
    <time datetime="2019-05-23T09:05:00+02:00">23.05.2019 - 09:05</time>
    <div class="sc-jWBwVP">So gut geschrieben!</div><button>antworten</button>
    <ul><li><div class="sc-kAzzGY"><strong class="sc-chPdSV"><a
      href="/profil/sam">Sam</a></strong> sagt:<br>
      <time datetime="2019-05-23T11:05:00+02:00">23.05.2019 - 11:05</time>
      <div class="sc-jWBwVP">Danke!</div></div></li></ul></div></li>
  <li><div class="sc-kAzzGY"><strong class="sc-chPdSV">Ein anderes Blog</strong> sagt:<br>
    <time datetime="2019-05-24T08:00:00+02:00">24.05.2019 - 08:00</time>
    <div class="sc-jWBwVP">Pingback: […] wie dort zu lesen ist […]</div></div></li>
  <li><div class="sc-kAzzGY"><time datetime="2019-05-25T08:00:00+02:00">25.05.2019</time>
    <a href="/profil/uli">Uli</a><div class="sc-jWBwVP">Nachtrag.</div></div></li>
</ul></div>""",
    lang="de",
)


def test_general_rule_says_lines_profile_links_and_pingbacks_by_their_words() -> None:
    article, report = read(PINGBACKS_AND_SAYS)
    assert report.rule == "general"
    assert shape(article) == [
        (1, "Rita", "So gut geschrieben!"),
        (2, "Sam", "Danke!"),
        (1, "Uli", "Nachtrag."),
    ]
    assert article.comments[0].replies[0].author == Author(
        name="Sam", url="https://news.example/profil/sam"
    )
    # The pingback is kept apart, not counted.
    assert (report.comment_count, report.pingbacks) == (3, 1)


# -- the general rule: what only looks like comments -------------------------------------

NOT_COMMENTS = {
    "related teasers": """
<div class="related-articles"><h2>Mehr zum Thema</h2>
  <div class="teaser"><h3><a href="/other-story">Die alte Brücke</a></h3>
    <span class="author">Von Anna Berg</span> <span class="date">3. März 2021</span>
    <p>Warum die Sanierung so lange dauert.</p></div>
  <div class="teaser"><h3><a href="/third-story">Der neue Fahrplan</a></h3>
    <span class="author">Von Bernd Kurz</span> <span class="date">4. März 2021</span>
    <p>Was sich für Pendler ändert.</p></div>
</div>""",
    "opinion pieces under a heading": """
<h2>Kommentare</h2>
<ul class="opinion-list">
  <li><h3><a href="/kommentar/bruecke">Kommentar: Die Brücke ist ein Symbol</a></h3>
    <span class="byline">Von Clara Weiß, 3. März 2021</span><p>Ein Kommentar unserer
      Redaktion.</p></li>
  <li><h3><a href="/kommentar/bahn">Kommentar: Die Bahn muss liefern</a></h3>
    <span class="byline">Von Dieter Roth, 4. März 2021</span><p>Noch ein Kommentar.</p></li>
</ul>""",
    "recent comments widget": """
<aside id="secondary" class="widget-area"><section class="widget widget_recent_comments">
  <h2 class="widget-title">Recent Comments</h2><ul id="recentcomments">
  <li class="recentcomments"><span class="comment-author-link">Anna</span> on
    <a href="https://news.example/other#comment-5">Other story</a> <span>3 May 2021</span></li>
  <li class="recentcomments"><span class="comment-author-link">Bo</span> on
    <a href="https://news.example/third#comment-9">Third story</a> <span>4 May 2021</span></li>
  </ul></section></aside>""",
    "most commented list": """
<div class="most-commented"><h2>Meistkommentiert</h2><ol>
  <li><a href="/a">Erste Geschichte</a> <span class="author">Anna</span> <span>3. Mai 2021</span>
    54 Kommentare</li>
  <li><a href="/b">Zweite Geschichte</a> <span class="author">Bo</span> <span>4. Mai 2021</span>
    31 Kommentare</li>
</ol></div>""",
    "recent comments without widget classes": """
<div class="comments-box"><h2>Comments</h2><ul>
  <li><span class="author">Anna</span> on <a href="/other-story#c1">The other story about a
    bridge</a>
    <span class="date">3 May 2021</span></li>
  <li><span class="author">Bo</span> on <a href="/third-story#c2">The third story about the
    buses</a>
    <span class="date">4 May 2021</span></li>
</ul></div>""",
    "navigation and a form": """
<nav class="comments-navigation"><ul>
  <li><a href="?page=1">Anna, 3 May 2021</a></li><li><a href="?page=2">Bo, 4 May
    2021</a></li></ul></nav>
<div id="respond" class="comment-respond"><h3>Leave a comment</h3>
  <form id="commentform"><div class="comment"><span class="author">Your name</span>
    <span class="date">3 May 2021</span><p>Preview of the comment</p></div>
  <div class="comment"><span class="author">Your name</span><span class="date">4 May 2021</span>
    <p>Another preview</p></div><textarea></textarea></form></div>""",
    "an empty comment section and a news list": """
<section id="comments"><h2>0 Comments</h2><p>No comments yet. Be the first!</p></section>
<div class="news-list">
  <div class="item"><a href="/x">Headline one</a> <span class="author">Anna</span> <span>3 May
    2021</span></div>
  <div class="item"><a href="/y">Headline two</a> <span class="author">Bo</span> <span>4 May
    2021</span></div>
</div>""",
}


@pytest.mark.parametrize("body", NOT_COMMENTS.values(), ids=NOT_COMMENTS.keys())
def test_general_rule_never_reads_teasers_widgets_navigation_or_forms(body: str) -> None:
    article, report = read(page(body))
    assert article.comments == ()
    assert report.rule is None


def test_the_general_rule_is_tried_last() -> None:
    assert SYSTEMS[-1].name == "general"


# -- bylines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Heidemarie Heim | Di, 21. April 2020 - 16:40", "Heidemarie Heim"),
        ("Par Bruno Gobin, le mercredi 15 mai 2019 à 08h07", "Bruno Gobin"),
        ("Am 29. Mai 2017 um 14:38 von Hugo", "Hugo"),
        ("Posted by: Anna | May 12, 2010 at 10:30 AM", "Anna"),
        ("Submitted by Anna on Tue, 04/21/2020 - 16:40", "Anna"),
        ("Bernd von Hohenheim am 12.05.2020", "Bernd von Hohenheim"),
        ("Anna schrieb am 3. März 2021 um 14:05:", "Anna"),
        ("Jan Kowalski, 3 dni temu", "Jan Kowalski"),
        ("Ramón dijo:", "Ramón"),
        ("Jan hat gesagt…", "Jan"),
        ("Sallie (rhymes with sketch) · March 10, 2017 at 12:20 AM", "Sallie (rhymes with sketch)"),
        ("Michaela 29 Diederichs | Di, 21. April 2020 - 18:01", "Michaela 29 Diederichs"),
        ("於 2013/12/28 10:28", None),
        ("21.04.2020, 16:40", None),
    ],
)
def test_a_byline_is_cut_down_to_the_name(byline: str, name: str | None) -> None:
    assert byline_name(byline) == name


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("3 hours ago", True),
        ("vor 2 Stunden", True),
        ("12 maja 2020, 10:15", True),
        ("2020年5月12日", True),
        ("14:38", True),
        ("Michaela 29 Diederichs", False),
        ("Reply", False),
        ("#12", False),
    ],
)
def test_what_looks_like_a_date(text: str, dated: bool) -> None:
    assert looks_like_date(text) is dated


# -- the corpus --------------------------------------------------------------------------

# file, rule, comments, depth: the MANIFEST's numbers (corpus/MANIFEST.md), all
# with an author and a date. PIXNET: the MANIFEST counts 39 visitor comments; the
# owner's inline answers are kept with them (extra["reply"]), and the three
# private ones (悄悄話, the floors missing from #1-#42) show nothing to read.
OURS = [
    ("cicero.de.pandemie.html", "drupal", 8, 2),
    ("hpd.de-Homosexuellenhass.html", "drupal", 10, 4),
    ("readability_aclu.html", "drupal", 10, 2),
    ("lopinion.fr.glyphosate.html", "drupal", 6, 1),
    ("readability_wordpress.html", "wordpress-epoch", 13, 4),
    ("zdnet.de.facebook.html", "wordpress", 2, 1),
    ("cubadebate.cu-sesiona.html", "wordpress", 11, 3),
    ("readability_pixnet.html", "pixnet", 39, 1),
]
# The WordPress pages the rule read right before this part, kept right.
# spektrum.de: the MANIFEST's 59 counts the sidebar's "recent comments"
# widget (5 comments on another article, same markup); the page says
# "54 Kommentare", and 54 are in its thread.
WORDPRESS = [
    ("californiaglobe.com.amazon.html", 12, 2),
    ("dietagespresse.com-halloween.html", 6, 2),
    ("exxpress.at-zaehne.html", 25, 2),
    ("golfpost.de-premiere.html", 33, 3),
    ("gormulus.wordpress.com.durfen.html", 40, 3),
    ("moritz-meyer.net.vreni.html", 20, 4),
    ("netzpolitik.org.abmahnungen.html", 74, 5),
    ("readability_002.html", 2, 2),
    ("spektrum.de.engelbart.html", 54, 2),
    ("uebermedien.de-Israel.html", 17, 1),
    ("verfassungsblog.de.expertinnen.html", 5, 3),
]
# What a control or a plugin would leave at the end of a text.
LEAKS = ("Reply", "Antworten", "Responder", "Report", "Melden", "Permalink", "Aufklappen")


def read_corpus(shared: Path, name: str) -> tuple[Article, PageReport]:
    reports: list[PageReport] = []
    data = (shared / "corpus" / "html" / name).read_bytes()
    article = threadkit.loads(data, format="html", report=reports.append)
    return article, reports[0]


def check(article: Article, count: int, depth: int) -> None:
    visits = list(article.visits())
    assert article.comment_count == count
    assert max(v.depth for v in visits) == depth
    assert all(v.comment.author is not None and v.comment.author.name for v in visits)
    assert all(v.comment.published is not None for v in visits)
    for visit in visits:
        assert not visit.comment.text.rstrip().endswith(LEAKS), visit.comment.text


@pytest.mark.parametrize(("name", "rule", "count", "depth"), OURS)
def test_corpus_pages_of_this_part(
    shared: Path, name: str, rule: str, count: int, depth: int
) -> None:
    article, report = read_corpus(shared, name)
    assert report.rule == rule
    check(article, count, depth)


@pytest.mark.parametrize(("name", "count", "depth"), WORDPRESS)
def test_corpus_wordpress_pages_stay_right(shared: Path, name: str, count: int, depth: int) -> None:
    article, report = read_corpus(shared, name)
    assert report.rule == "wordpress"
    check(article, count, depth)


@pytest.mark.parametrize(("name", "_rule", "count", "depth"), OURS)
def test_corpus_pages_read_by_the_general_rule_alone(
    shared: Path, monkeypatch: pytest.MonkeyPatch, name: str, _rule: str, count: int, depth: int
) -> None:
    # The general rule, on pages whose system it does not know, finds the
    # same threads as the systems' own rules.
    from threadkit.pages import _read
    from threadkit.pages._systems import general

    monkeypatch.setattr(_read, "SYSTEMS", (general.FINDER,))
    article, report = read_corpus(shared, name)
    assert report.rule == "general"
    check(article, count, depth)


def test_corpus_first_comments_by_hand(shared: Path) -> None:
    cicero, _ = read_corpus(shared, "cicero.de.pandemie.html")
    first = cicero.comments[0]
    assert first.author == Author(name="Heidemarie Heim")
    assert first.published == datetime(2020, 4, 21, 14, 40, 7, tzinfo=UTC)
    assert first.id == "comment-214106"
    assert first.text.startswith("Vielen Dank für diese Einblicke!")
    hpd, _ = read_corpus(shared, "hpd.de-Homosexuellenhass.html")
    assert hpd.comments[0].author == Author(name="Gerhard Baierlein")
    assert hpd.comments[0].published == datetime(2023, 10, 18, 13, 11, 26, tzinfo=zone(2))
    # The expanding formatter's "…" and toggle are not in the text.
    assert "…" not in hpd.comments[1].text
    lopinion, _ = read_corpus(shared, "lopinion.fr.glyphosate.html")
    assert lopinion.comments[0].author == Author(name="Bruno Gobin")
    assert lopinion.comments[0].published == datetime(2019, 5, 15, 8, 7, tzinfo=zone(2))
    assert lopinion.comments[0].extra["title"] == "Exception."
    pixnet, report = read_corpus(shared, "readability_pixnet.html")
    assert report.stated_count == 42
    reply = pixnet.comments[0].extra["reply"]
    assert isinstance(reply, Extra)
    assert (reply["author"], reply["text"]) == ("史蒂文的家_藍天", "謝謝小鳳的來訪！")
