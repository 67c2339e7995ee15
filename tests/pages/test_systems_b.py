"""Comment systems, part B: Hacker News, forums, Stack Exchange, Disqus, schema.org.

Every page below was written for these tests, in the markup each system
writes (the class names and structure, not any real page's words); the
expected values are written out by hand. The corpus tests at the end read
real pages from ``../shared`` and skip without it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from threadkit import Article, Author, CommentState
from threadkit.formats import html as tk_html
from threadkit.pages import PageReport


def read(page: str, url: str | None = None) -> tuple[Article, PageReport]:
    """The article of *page* and the report of reading it."""
    reports: list[PageReport] = []
    article = tk_html.read(page, url=url, report=reports.append)
    assert len(reports) == 1
    return article, reports[0]


def outline(article: Article) -> list[tuple[int, str | None]]:
    """Each comment's depth and author's name, in thread order."""
    return [
        (visit.depth, visit.comment.author.name if visit.comment.author else None)
        for visit in article.visits()
    ]


def texts(article: Article) -> list[str]:
    return [comment.text for comment in article.walk()]


# -- Hacker News ----------------------------------------------------------------------

HN_HEADER = """
<tr><td bgcolor="#ff6600"><table border="0" width="100%"><tr>
<td style="width:18px"><a href="https://news.ycombinator.com"><img src="y18.svg"></a></td>
<td><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b>
<a href="newest">new</a> | <a href="ask">ask</a></span></td></tr></table></td></tr>
"""


def hn_row(item: int, indent: int, head: str, text: str, *, dead: bool = False) -> str:
    """One comment row as item pages have written them since about 2020."""
    colour = "cdd" if dead else "c00"
    return f"""
<tr class="athing comtr" id="{item}"><td><table border="0"><tr>
<td class="ind" indent="{indent}"><img src="s.gif" height="1" width="{indent * 40}"></td>
<td valign="top" class="votelinks"><center><a id="up_{item}" href="vote?id={item}&amp;how=up">
<div class="votearrow" title="upvote"></div></a></center></td>
<td class="default"><div style="margin-top:2px; margin-bottom:-10px;">
<span class="comhead">{head} <span id="unv_{item}"></span><span class="navs"> |
<a href="#next" class="clicky">next</a> <a class="togg clicky" href="javascript:void(0)">[–]</a>
</span></span></div><br><div class="comment"><div class="commtext {colour}">{text}</div>
<div class="reply"><p><font size="1"><u><a href="reply?id={item}">reply</a></u></font></p></div>
</div></td></tr></table></td></tr>"""


def hn_head(user: str | None, item: int, iso: str, seconds: int, shown: str) -> str:
    author = f'<a href="user?id={user}" class="hnuser">{user}</a> ' if user else ""
    return (
        f'{author}<span class="age" title="{iso} {seconds}">'
        f'<a href="item?id={item}">{shown}</a></span>'
    )


HN_NEW = f"""<html lang="en" op="item"><head><meta name="referrer" content="origin">
<title>Ask HN: How do you keep notes? | Hacker News</title></head><body><center>
<table id="hnmain" border="0" width="85%" bgcolor="#f6f6ef">{HN_HEADER}
<tr id="pagespace" title="Ask HN: How do you keep notes?" style="height:10px"></tr>
<tr><td><table class="fatitem" border="0">
<tr class="athing submission" id="4100"><td align="right" class="title"><span
class="rank"></span></td>
<td class="votelinks"><center><a id="up_4100" href="vote?id=4100&amp;how=up">
<div class="votearrow" title="upvote"></div></a></center></td>
<td class="title"><span class="titleline"><a href="item?id=4100">Ask HN: How do you keep notes?</a>
</span></td></tr>
<tr><td colspan="2"></td><td class="subtext"><span class="subline">
<span class="score" id="score_4100">57 points</span> by <a href="user?id=quill"
class="hnuser">quill</a>
<span class="age" title="2024-03-01T09:30:00 1709285400"><a href="item?id=4100">5 hours
ago</a></span>
<span id="unv_4100"></span> | <a href="hide?id=4100">hide</a> |
<a href="item?id=4100">4&nbsp;comments</a></span></td></tr>
<tr><td colspan="2"></td><td><div class="toptext">I have tried three apps this year.
<p>What has lasted for you?</div></td></tr>
<tr style="height:10px"></tr>
<tr><td colspan="2"></td><td><form action="comment" method="post">
<input type="hidden" name="parent" value="4100"><textarea name="text"></textarea>
<input type="submit" value="add comment"></form></td></tr>
</table><br><br>
<table border="0" class="comment-tree">
{
    hn_row(
        4101,
        0,
        hn_head("marla", 4101, "2024-03-01T10:00:00", 1709287200, "4 hours ago"),
        "Plain text files in one folder.<p>Grep finds <i>everything</i>.",
    )
}
{
    hn_row(
        4102,
        1,
        hn_head("tobin", 4102, "2024-03-01T10:20:00", 1709288400, "4 hours ago"),
        'How do you handle images? See <a href="https://example.org/notes" rel="nofollow">'
        "https://example.org/notes</a>",
    )
}
{
    hn_row(
        4104,
        2,
        hn_head("spamdog", 4104, "2024-03-01T10:25:00", 1709288700, "4 hours ago") + " [dead]",
        "Buy my note app.",
        dead=True,
    )
}
{
    hn_row(
        4103,
        0,
        hn_head(None, 4103, "2024-03-01T11:00:00", 1709290800, "3 hours ago"),
        "[deleted]",
    )
}
</table></td></tr></table></center></body></html>"""


def test_hacker_news_item_page() -> None:
    article, report = read(HN_NEW)
    assert report.rule == "hackernews"
    assert report.stated_count == 4
    assert report.complete
    assert article.title == "Ask HN: How do you keep notes?"
    assert article.url == "https://news.ycombinator.com/item?id=4100"
    assert article.body == "I have tried three apps this year.\n\nWhat has lasted for you?"
    assert article.authors == (
        Author(name="quill", url="https://news.ycombinator.com/user?id=quill"),
    )
    assert article.published == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert article.extra["points"] == 57
    assert outline(article) == [(1, "marla"), (2, "tobin"), (3, "spamdog"), (1, None)]
    marla, tobin, spam, gone = article.walk()
    assert marla.text == "Plain text files in one folder.\n\nGrep finds everything."
    assert marla.id == "4101"
    assert marla.url == "https://news.ycombinator.com/item?id=4101"
    assert marla.published == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    assert marla.score is None
    assert marla.author == Author(name="marla", url="https://news.ycombinator.com/user?id=marla")
    assert tobin.text == "How do you handle images? See https://example.org/notes"
    assert (spam.state, spam.text, spam.extra["dead"]) == (
        CommentState.REMOVED,
        "Buy my note app.",
        True,
    )
    assert (gone.state, gone.text, gone.author, gone.id) == (CommentState.DELETED, "", None, "4103")
    assert "published_text" not in marla.extra


HN_OLD = """<html><head><link rel="stylesheet" href="news.css">
<title>A compiler in one weekend | Hacker News</title></head><body><center>
<table id="hnmain" border="0" width="85%" bgcolor="#f6f6ef">
<tr><td bgcolor="#ff6600"><table border="0" width="100%"><tr><td style="width:18px">
<a href="http://www.ycombinator.com"><img src="y18.gif" width="18" height="18"></a></td>
<td><span class="pagetop"><b><a href="news">Hacker News</a></b>
<img src="s.gif" height="1" width="10"><a href="newest">new</a></span></td></tr></table></td></tr>
<tr style="height:10px"></tr><tr><td><table border="0">
<tr><td><center><a id="up_700" href="vote?for=700&amp;dir=up"><div class="votearrow"></div></a>
</center></td><td class="title"><span class="deadmark"></span>
<a href="https://blog.example.net/compiler">A compiler in one weekend</a>
<span class="sitebit comhead"> (example.net)</span></td></tr>
<tr><td colspan="1"></td><td class="subtext"><span class="score" id="score_700">12 points</span>
by <a href="user?id=ferro">ferro</a> <a href="item?id=700">2 hours ago</a> |
<a href="item?id=700">3 comments</a></td></tr>
<tr style="height:10px"></tr><tr><td></td><td><form method="post" action="comment">
<textarea name="text"></textarea><input type="submit" value="add comment"></form></td></tr>
</table><br><br>
<table border="0">
<tr><td><table border="0"><tr><td><img src="s.gif" height="1" width="0"></td>
<td valign="top"><center><a id="up_701" href="vote?for=701&amp;dir=up"><div class="votearrow">
</div></a></center></td><td class="default"><div style="margin-top:2px;">
<span class="comhead"><a href="user?id=ada">ada</a> <a href="item?id=701">1 hour ago</a>
<span class="deadmark"></span></span></div><br>
<span class="comment"><font color="#000000">Which parser did you use?<p>A hand-written one?</font>
</span><p><font size="1"><u><a href="reply?id=701">reply</a></u></font></td></tr></table></td></tr>
<tr><td><table border="0"><tr><td><img src="s.gif" height="1" width="40"></td>
<td valign="top"><center><a id="up_702" href="vote?for=702&amp;dir=up"><div class="votearrow">
</div></a></center></td><td class="default"><div style="margin-top:2px;">
<span class="comhead"><a href="user?id=ferro">ferro</a> <a href="item?id=702">58 minutes ago</a>
<span class="deadmark"></span></span></div><br>
<span class="comment"><font color="#000000">Recursive descent, yes.</font></span>
<p><font size="1"><u><a href="reply?id=702">reply</a></u></font></td></tr></table></td></tr>
<tr><td><table border="0"><tr><td><img src="s.gif" height="1" width="0"></td>
<td valign="top"><center><a id="up_703" href="vote?for=703&amp;dir=up"><div class="votearrow">
</div></a></center></td><td class="default"><div style="margin-top:2px;">
<span class="comhead"><a href="item?id=703">40 minutes ago</a></span></div><br>
<span class="comment">[deleted]</span></td></tr></table></td></tr>
</table></td></tr></table></center></body></html>"""


def test_hacker_news_before_2016_keeps_relative_dates_raw() -> None:
    article, report = read(HN_OLD)
    assert (report.rule, report.stated_count, article.comment_count) == ("hackernews", 3, 3)
    assert article.title == "A compiler in one weekend"
    assert article.url == "https://blog.example.net/compiler"
    assert article.body == ""
    assert article.published is None
    assert dict(article.extra) == {"points": 12, "published_text": "2 hours ago"}
    assert outline(article) == [(1, "ada"), (2, "ferro"), (1, None)]
    ada, ferro, gone = article.walk()
    assert ada.text == "Which parser did you use?\n\nA hand-written one?"
    assert (ada.published, ada.extra["published_text"]) == (None, "1 hour ago")
    assert ferro.extra["published_text"] == "58 minutes ago"
    assert ferro.url == "https://news.ycombinator.com/item?id=702"
    assert (gone.state, gone.text, gone.id) == (CommentState.DELETED, "", "703")


def test_hacker_news_addresses_follow_the_page_address() -> None:
    article, _ = read(HN_OLD, url="https://hn.mirror.example/item?id=700")
    assert article.comments[0].url == "https://hn.mirror.example/item?id=701"
    assert article.comments[0].author == Author(
        name="ada", url="https://hn.mirror.example/user?id=ada"
    )


# -- forums: the first post is the article ----------------------------------------------

XENFORO_1 = """<html><head><base href="https://bakers.example/">
<title>Sourdough starter smells of nail polish | Bakers' Corner</title>
<meta property="og:title" content="Sourdough starter smells of nail polish"></head><body>
<div class="titleBar"><h1>Sourdough starter smells of nail polish</h1></div>
<div class="pageNavLinkGroup"><div class="PageNav" data-page="1" data-last="1"></div></div>
<form action="inline-mod/post/switch" method="post" class="InlineModForm section">
<ol class="messageList" id="messageList">
<li id="post-501" class="message" data-author="Hilde">
 <div class="messageUserInfo"><div class="messageUserBlock"><h3 class="userText">
 <a href="members/hilde.31/" class="username">Hilde</a><em class="userTitle">Member</em></h3>
 </div></div>
 <div class="messageInfo primaryContent"><div class="messageContent"><article>
 <blockquote class="messageText SelectQuoteContainer ugc baseHtml">My starter smells of
 nail polish since Monday.<br><br>Is it ruined?</blockquote></article></div>
 <div class="baseHtml signature messageText ugc"><aside>Baking since 1999</aside></div>
 <div class="messageMeta"><div class="privateControls"><span class="item muted">
 <span class="authorEnd"><a href="members/hilde.31/" class="username author">Hilde</a>,</span>
 <a href="threads/sourdough.77/#post-501" class="datePermalink"><abbr class="DateTime"
 data-time="1600000000">Sep 13, 2020 at 12:26 PM</abbr></a></span></div>
 <div class="publicControls"><a href="threads/sourdough.77/#post-501"
 class="item muted postNumber hashPermalink">#1</a></div></div></div>
</li>
<li id="post-502" class="message" data-author="Ottokar">
 <div class="messageUserInfo"><div class="messageUserBlock"><h3 class="userText">
 <a href="members/ottokar.8/" class="username">Ottokar</a></h3></div></div>
 <div class="messageInfo primaryContent"><div class="messageContent"><article>
 <blockquote class="messageText SelectQuoteContainer ugc baseHtml">
 <div class="bbCodeBlock bbCodeQuote" data-author="Hilde"><aside>
 <div class="attribution type">Hilde said:</div>
 <blockquote class="quoteContainer"><div class="quote">Is it ruined?</div>
 <div class="quoteExpand">Click to expand...</div></blockquote></aside></div>
 No, it is hungry. Feed it twice a day.</blockquote></article></div>
 <div class="messageMeta"><div class="privateControls"><span class="item muted">
 <a href="threads/sourdough.77/#post-502" class="datePermalink"><span class="DateTime"
 title="Sep 13, 2020 at 1:00 PM">Sep 13, 2020</span></a></span></div>
 <div class="publicControls"><a href="threads/sourdough.77/#post-502"
 class="item muted postNumber hashPermalink">#2</a></div></div></div>
</li>
</ol></form></body></html>"""


def test_xenforo_1_opening_post_and_quote() -> None:
    article, report = read(XENFORO_1, url="https://bakers.example/threads/sourdough.77/")
    assert report.rule == "xenforo"
    assert article.title == "Sourdough starter smells of nail polish"
    # The post's text is held in a <blockquote>: it is not a quotation.
    assert article.body == "My starter smells of nail polish since Monday.\n\nIs it ruined?"
    assert article.authors == (
        Author(name="Hilde", url="https://bakers.example/members/hilde.31/"),
    )
    assert article.published == datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC)
    assert article.url == "https://bakers.example/threads/sourdough.77/"
    assert outline(article) == [(1, "Ottokar")]
    (reply,) = article.comments
    # The quotation is the box's <blockquote>; "Click to expand..." is a control.
    assert reply.text == "Hilde said:\n\n> Is it ruined?\n\nNo, it is hungry. Feed it twice a day."
    assert reply.id == "post-502"
    assert reply.url == "https://bakers.example/threads/sourdough.77/#post-502"


def vb4_post(number: int, post: int, user: str, date: str, message: str) -> str:
    """One vBulletin 4 post (postbit_legacy)."""
    return f"""
<li class="postbitlegacy postbitim postcontainer old" id="post_{post}">
 <div class="posthead"><span class="postdate old"><span class="date">{date}</span></span>
 <span class="nodecontrols"><a name="post{post}" href="showthread.php?t=9&amp;p={post}#post{post}"
 class="postcounter">#{number}</a><a id="postcount{post}" name="{number}"></a></span></div>
 <div class="postdetails"><div class="userinfo"><div class="username_container">
 {user}</div><span class="usertitle">Junior Member</span></div>
 <div class="postbody"><div class="postrow"><h2 class="title icon">Re: Tyre pressure</h2>
 <div class="content"><div id="post_message_{post}"><blockquote class="postcontent restore">
 {message}</blockquote></div></div>
 <div class="after_content"><blockquote class="signature restore">
 <div class="signaturecontainer">Ride safe</div></blockquote></div></div></div></div>
 <div class="postfoot"><span class="postcontrols"><a class="quote" href="newreply.php?p={post}">
 Reply With Quote</a></span></div>
</li>"""


VBULLETIN_4 = f"""<html><head><title>Tyre pressure for gravel</title></head><body>
<div id="pagetitle"><h1>Thread: <span class="threadtitle"><a href="showthread.php?t=9">
Tyre pressure for gravel</a></span></h1></div>
<div id="postlist" class="postlist restrain"><ol id="posts" class="posts" start="1">
{
    vb4_post(
        1,
        9001,
        '<a class="username offline popupctrl" href="member.php?u=4"><strong>kestrel</strong></a>',
        "Today, <span class='time'>08:10 AM</span>",
        "What pressure do you run on 40 mm tyres?",
    )
}
{
    vb4_post(
        2,
        9002,
        '<a class="username online popupctrl" href="member.php?u=7"><strong>dunlin</strong></a>',
        "Yesterday, <span class='time'>11:45 PM</span>",
        '<div class="bbcode_container"><div class="bbcode_quote"><div class="quote_container">'
        '<div class="bbcode_quote_container"></div><div class="bbcode_postedby">'
        "Originally Posted by <strong>kestrel</strong></div>"
        '<div class="message">What pressure do you run?</div></div></div></div>'
        "About 2.5 bar at the back.",
    )
}
{
    vb4_post(
        3,
        9003,
        '<span class="username guest">wren</span>',
        "Yesterday, <span class='time'>11:50 PM</span>",
        "Less if it rains.",
    )
}
</ol></div></body></html>"""


def test_vbulletin_4() -> None:
    article, report = read(VBULLETIN_4, url="https://forum.example/showthread.php?t=9")
    assert report.rule == "vbulletin"
    assert article.body == "What pressure do you run on 40 mm tyres?"
    assert article.authors == (Author(name="kestrel", url="https://forum.example/member.php?u=4"),)
    assert outline(article) == [(1, "dunlin"), (1, "wren")]
    dunlin, wren = article.comments
    assert dunlin.text == (
        "> Originally Posted by kestrel\n\n"
        "> What pressure do you run?\n\n"
        "About 2.5 bar at the back."
    )
    assert dunlin.url == "https://forum.example/showthread.php?t=9&p=9002#post9002"
    assert dunlin.id == "post_9002"
    # "Yesterday, 11:50 PM" is relative to a day the page does not say.
    assert (wren.published, wren.extra["published_text"]) == (None, "Yesterday, 11:50 PM")
    assert article.extra["published_text"] == "Today, 08:10 AM"
    assert wren.author == Author(name="wren")
    assert wren.text == "Less if it rains."


def vb3_post(number: int, post: int, user: str, message: str) -> str:
    """One vBulletin 3 post (postbit_legacy)."""
    return f"""
<div id="edit{post}"><table id="post{post}" class="tborder" cellpadding="6" width="100%">
<tr><td class="thead"><a name="post{post}"><img src="images/statusicon/post_old.gif"></a>
03-14-2009, 09:15 PM</td><td class="thead" align="right">#<a
href="showpost.php?p={post}&amp;postcount={number}"
 id="postcount{post}" name="{number}"><strong>{number}</strong></a></td></tr>
<tr><td class="alt2" width="175"><div id="postmenu_{post}">{user}</div>
<div class="smallfont">Member</div></td>
<td class="alt1" id="td_post_{post}"><div id="post_message_{post}">{message}</div></td></tr>
</table></div>"""


VBULLETIN_3 = f"""<html><head><title>Aquarium lights - Page 2 - Fish Keepers</title>
<link rel="prev" href="showthread.php?t=31"></head><body>
<div id="posts">
{vb3_post(11, 411, '<a class="bigusername" href="member.php?u=2">guppy</a>', "LEDs are fine.")}
{
    vb3_post(
        12,
        412,
        "tetra",
        '<div style="margin:20px; margin-top:5px; "><div class="smallfont">Quote:</div>'
        '<table cellpadding="6" width="100%"><tr><td class="alt2" style="border:1px inset">'
        "LEDs are fine.</td></tr></table></div>For plants too?",
    )
}
</div></body></html>"""


def test_vbulletin_3_second_page_has_no_opening_post() -> None:
    article, report = read(VBULLETIN_3)
    assert report.rule == "vbulletin"
    # Post #11 answers a post on the first page: every post here is a comment.
    assert outline(article) == [(1, "guppy"), (1, "tetra")]
    assert texts(article) == ["LEDs are fine.", "> Quote:\n\n> LEDs are fine.\n\nFor plants too?"]
    # A date without a zone: UTC, and the date as shown kept.
    first = article.comments[0]
    assert first.published == datetime(2009, 3, 14, 21, 15, tzinfo=UTC)
    assert first.extra["published_text"] == "03-14-2009, 09:15 PM"
    assert article.title == "Aquarium lights - Page 2 - Fish Keepers"


def phpbb_post(post: int, user: str, when: str, shown: str, content: str) -> str:
    """One phpBB 3.2 post in the prosilver style."""
    return f"""
<div id="p{post}" class="post has-profile bg2"><div class="inner">
<dl class="postprofile" id="profile{post}"><dt class="has-profile-rank">{user}</dt>
<dd class="profile-rank">Regular</dd><dd class="profile-posts"><strong>Posts:</strong> 12</dd></dl>
<div class="postbody"><div id="post_content{post}">
<h3><a href="#p{post}">Re: Chain wax</a></h3>
<ul class="post-buttons"><li><a href="./posting.php?mode=quote&amp;p={post}" class="button">
<span>Quote</span></a></li></ul>
<p class="author"><a class="unread" href="./viewtopic.php?p={post}#p{post}"><span
class="sr-only">Post</span></a>
<span class="responsive-hide">by <strong>{user}</strong> &raquo; </span>
<time datetime="{when}">{shown}</time></p>
<div class="content">{content}</div>
<div id="sig{post}" class="signature">Sent from my bike</div>
</div></div><div class="back2top"><a href="#top" class="top">Top</a></div></div></div>"""


PHPBB = f"""<html dir="ltr" lang="en-gb"><head><title>Chain wax or oil? - Cycling Forum</title>
</head><body id="phpbb" class="nojs notouch section-viewtopic ltr">
<div id="page-body" class="page-body"><h2 class="topic-title"><a href="./viewtopic.php?t=5">
Chain wax or oil?</a></h2>
<div class="action-bar bar-top"><div class="pagination">3 posts &bull; Page <strong>1</strong>
of <strong>1</strong></div></div>
{
    phpbb_post(
        71,
        '<a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">sprocket</a>',
        "2019-05-05T10:11:12+00:00",
        "Sun May 05, 2019 10:11 am",
        "Wax lasts longer, oil is quicker.<br>Which do you use?",
    )
}
{
    phpbb_post(
        72,
        '<a href="./memberlist.php?mode=viewprofile&amp;u=3" style="color: #AA0000;" '
        'class="username-coloured">derailleur</a>',
        "2019-05-05T11:00:00+00:00",
        "Sun May 05, 2019 11:00 am",
        '<blockquote><div><cite><a href="./memberlist.php?mode=viewprofile&amp;u=2">sprocket</a>'
        ' wrote: <a href="./viewtopic.php?p=71#p71" data-post-id="71">↑</a></cite>'
        "Which do you use?</div></blockquote>Wax, in a slow cooker.",
    )
}
{
    phpbb_post(
        73,
        '<span class="username">Guest</span>',
        "2019-05-06T07:30:00+00:00",
        "Mon May 06, 2019 7:30 am",
        "Oil.",
    )
}
</div></body></html>"""


def test_phpbb() -> None:
    article, report = read(PHPBB, url="https://ride.example/viewtopic.php?t=5")
    assert report.rule == "phpbb"
    assert article.body == "Wax lasts longer, oil is quicker.\nWhich do you use?"
    assert article.authors == (
        Author(name="sprocket", url="https://ride.example/memberlist.php?mode=viewprofile&u=2"),
    )
    assert article.published == datetime(2019, 5, 5, 10, 11, 12, tzinfo=UTC)
    assert outline(article) == [(1, "derailleur"), (1, "Guest")]
    quoting, guest = article.comments
    assert quoting.text == (
        "> sprocket <https://ride.example/memberlist.php?mode=viewprofile&u=2> wrote:\n"
        "> Which do you use?\n\nWax, in a slow cooker."
    )
    assert quoting.published == datetime(2019, 5, 5, 11, 0, tzinfo=UTC)
    assert quoting.id == "p72"
    assert quoting.url == "https://ride.example/viewtopic.php?p=72#p72"
    assert (guest.text, guest.author) == ("Oil.", Author(name="Guest"))


DISCOURSE_CRAWLER = """<html lang="en"><head><title>Keyboard layout for Esperanto - Tools -
Lingvo</title>
<meta property="og:title" content="Keyboard layout for Esperanto"></head><body>
<noscript data-path="/t/keyboard-layout-for-esperanto/812">
<div id="main-outlet" class="wrap" role="main">
<div id="topic-title"><h1><a href="/t/keyboard-layout-for-esperanto/812">Keyboard layout for
Esperanto</a></h1></div>
<div itemscope itemtype="http://schema.org/DiscussionForumPosting">
<meta itemprop="headline" content="Keyboard layout for Esperanto">
<div id="post_1" class="topic-body crawler-post">
 <div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope
 itemtype="http://schema.org/Person"><a itemprop="url" href="https://lingvo.example/u/zamen">
 <span itemprop="name">zamen</span></a></span>
 <span class="crawler-post-infos"><time itemprop="datePublished" datetime="2023-02-01T08:00:00Z"
 class="post-time">February 1, 2023,  8:00am</time><span itemprop="position">1</span></span></div>
 <div class="post" itemprop="articleBody"><p>Which layout gives ĉ and ŝ without dead keys?</p></div>
 <div itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter">
 <meta itemprop="userInteractionCount" content="4"><span class="post-likes">4 Likes</span></div>
</div>
<div id="post_2" itemprop="comment" itemscope itemtype="http://schema.org/Comment"
 class="topic-body crawler-post">
 <div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope
 itemtype="http://schema.org/Person"><a itemprop="url" href="https://lingvo.example/u/verda">
 <span itemprop="name">verda</span></a></span>
 <span class="crawler-post-infos"><time itemprop="datePublished" datetime="2023-02-01T09:15:00Z"
 class="post-time">February 1, 2023,  9:15am</time><span itemprop="position">2</span></span></div>
 <div class="post" itemprop="text"><aside class="quote" data-post="1" data-topic="812">
 <div class="title">zamen:</div><blockquote><p>without dead keys?</p></blockquote></aside>
 <p>Try the “x-system” layout.</p></div>
 <span class="post-likes">2 Likes</span>
</div>
<div id="post_3" itemprop="comment" itemscope itemtype="http://schema.org/Comment"
 class="topic-body crawler-post">
 <div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope
 itemtype="http://schema.org/Person"><a itemprop="url" href="https://lingvo.example/u/zamen">
 <span itemprop="name">zamen</span></a></span>
 <span class="crawler-post-infos"><time itemprop="datePublished" datetime="2023-02-02T07:00:00Z"
 class="post-time">February 2, 2023,  7:00am</time><span itemprop="position">3</span></span></div>
 <div class="post" itemprop="text"><p>That works, thanks.</p></div>
</div>
</div></div></noscript>
<div id="discourse-app"></div></body></html>"""


def test_discourse_crawler_view_in_noscript() -> None:
    article, report = read(DISCOURSE_CRAWLER)
    assert report.rule == "discourse"
    assert report.comments_in_page
    assert article.body == "Which layout gives ĉ and ŝ without dead keys?"
    assert article.authors == (Author(name="zamen", url="https://lingvo.example/u/zamen"),)
    assert article.published == datetime(2023, 2, 1, 8, 0, tzinfo=UTC)
    assert outline(article) == [(1, "verda"), (1, "zamen")]
    verda, zamen = article.comments
    assert verda.text == "zamen:\n\n> without dead keys?\n\nTry the “x-system” layout."
    assert (verda.score, verda.id) == (2, "post_2")
    assert verda.published == datetime(2023, 2, 1, 9, 15, tzinfo=UTC)
    assert (zamen.text, zamen.score) == ("That works, thanks.", None)


def discourse_post(number: int, user: str, millis: int, cooked: str, likes: str = "") -> str:
    """One post of a topic as Discourse's script draws it."""
    return f"""
<div class="topic-post clearfix regular" data-post-number="{number}">
<article id="post_{number}" aria-label="post #{number} by @{user}" role="region"
 data-post-id="{9000 + number}" data-topic-id="44" class="boxed onscreen-post">
<div class="row"><div class="topic-avatar"><a class="trigger-user-card" data-user-card="{user}">
<img alt="" width="48" height="48" src="/avatar.png" class="avatar"></a></div>
<div class="topic-body clearfix"><div role="heading" class="topic-meta-data">
<div class="names trigger-user-card"><span class="first username"><a href="/u/{user}"
 data-user-card="{user}">{user}</a></span></div>
<div class="post-infos"><div class="post-info post-date"><a class="post-date"
href="/t/x/44/{number}">
<span title="Mar 3, 2024 10:00 am" data-time="{millis}" class="relative-date">2d</span></a></div>
</div></div>
<div class="regular contents"><div class="cooked">{cooked}</div>
<section class="post-menu-area clearfix"><nav class="post-controls"><div class="actions">
{likes}<button class="widget-button reply" title="reply"><span>Reply</span></button>
</div></nav></section></div></div></div></article></div>"""


DISCOURSE_RENDERED = f"""<html><head><title>Garden pond algae - Gardening - Allotment</title>
</head><body><div id="main-outlet"><div class="posts-wrapper"><div class="topic-post-stream">
{discourse_post(1, "heron", 1709460000000, "<p>Green water every June. Why?</p>")}
{
    discourse_post(
        2,
        "newt",
        1709463600000,
        "<p>Too much sun. Plant lilies.</p>",
        '<button class="widget-button like-count">3</button>',
    )
}
</div></div></div></body></html>"""


def test_discourse_saved_after_the_script_ran() -> None:
    article, report = read(DISCOURSE_RENDERED)
    assert report.rule == "discourse"
    assert article.body == "Green water every June. Why?"
    assert article.authors == (Author(name="heron"),)
    assert outline(article) == [(1, "newt")]
    (newt,) = article.comments
    # The moment from data-time (milliseconds), not the zoneless title.
    assert newt.published == datetime(2024, 3, 3, 11, 0, tzinfo=UTC)
    assert "published_text" not in newt.extra
    assert (newt.text, newt.score, newt.id) == ("Too much sun. Plant lilies.", 3, "post_2")


# -- Stack Exchange -------------------------------------------------------------------


def se_signature(action: str, title: str, shown: str, user: str, *, owner: bool = False) -> str:
    """A post's signature: who asked, answered or edited it, and when."""
    return f"""
<div class="post-signature{" owner" if owner else ""} flex--item"><div class="user-info">
<div class="user-action-time">{action} <span title="{title}"
class="relativetime">{shown}</span></div>
<div class="user-gravatar32"><img src="/avatar.png" alt=""></div>
<div class="user-details" itemprop="author" itemscope itemtype="http://schema.org/Person">{user}
<div class="-flair"><span class="reputation-score">1,204</span></div></div></div></div>"""


def se_comment(number: int, post: int, score: str, text: str, user: str, title: str) -> str:
    """One comment under a post, as pages have written them since 2020."""
    return f"""
<li id="comment-{number}" class="comment js-comment" data-comment-id="{number}">
<div class="js-comment-actions comment-actions"><div class="comment-score js-comment-score">
{score}</div></div>
<div class="comment-text js-comment-text-and-form"><div class="comment-body js-comment-edit-hide">
<span class="comment-copy">{text}</span>
<div class="d-inline-flex ai-center">&ndash;&nbsp;{user}</div>
<span class="comment-date" dir="ltr"><a class="comment-link" href="#comment{number}_{post}">
<span title="{title}, License: CC BY-SA 4.0" class="relativetime-clean">May 6 at 9:00</span></a>
</span></div></div></li>"""


STACK_EXCHANGE = f"""<html><head><title>python - Why is my list empty after sort()? - Stack
Overflow</title>
<meta property="og:title" content="Why is my list empty after sort()?"></head><body>
<div id="content"><div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
<div id="question-header"><h1 itemprop="name" class="fs-headline1">
<a href="/questions/100/why-is-my-list-empty-after-sort" class="question-hyperlink">Why is my list
empty after sort()?</a></h1></div>
<div id="mainbar" role="main">
<div class="question js-question" data-questionid="100" data-score="7" id="question">
<div class="post-layout"><div class="votecell post-layout--left"><div class="js-voting-container">
<button class="js-vote-up-btn">Up vote</button>
<div class="js-vote-count" itemprop="upvoteCount" data-value="7">7</div>
<button class="js-vote-down-btn">Down vote</button></div></div>
<div class="postcell post-layout--right"><div class="s-prose js-post-body" itemprop="text">
<p>I wrote <code>items = items.sort()</code> and now <code>items</code> is <code>None</code>.</p>
</div>
<div class="post-taglist"><a href="/questions/tagged/python" class="post-tag">python</a></div>
<div class="mb0"><div class="d-flex">
{
    se_signature(
        "edited",
        "2021-05-05 12:00:00Z",
        "May 5, 2021 at 12:00",
        '<a href="/users/9/editor">editor</a>',
    )
}
{
    se_signature(
        "asked",
        "2021-05-05 10:11:12Z",
        "May 5, 2021 at 10:11",
        '<a href="/users/5/pia">pia</a>',
        owner=True,
    )
}
</div></div></div>
<div class="post-layout--right js-post-comments-component">
<div id="comments-100" class="comments js-comments-container" data-post-id="100">
<ul class="comments-list js-comments-list">
{
    se_comment(
        200,
        100,
        "",
        "Which Python version?",
        '<a href="/users/6/rook" class="comment-user">rook</a>',
        "2021-05-05 10:20:00Z",
    )
}
</ul></div></div></div></div>
<div id="answers"><div id="answers-header"><h2 data-answercount="2">2 Answers</h2></div>
<a name="300"></a>
<div id="answer-300" class="answer js-answer accepted-answer js-accepted-answer" data-answerid="300"
 data-parentid="100" data-score="12" itemprop="acceptedAnswer" itemscope
 itemtype="https://schema.org/Answer">
<div class="post-layout"><div class="votecell post-layout--left"><div class="js-voting-container">
<div class="js-vote-count" itemprop="upvoteCount" data-value="12">12</div>
<div class="js-accepted-answer-indicator" title="accepted">✓</div></div></div>
<div class="answercell post-layout--right"><div class="s-prose js-post-body" itemprop="text">
<p><code>list.sort()</code> sorts in place and returns <code>None</code>.</p>
<pre><code>items.sort()
print(items)
</code></pre></div>
<div class="mt24">{
    se_signature(
        "answered",
        "2021-05-05 10:30:00Z",
        "May 5, 2021 at 10:30",
        '<a href="/users/7/quill">quill</a>',
    )
}</div></div>
<div class="post-layout--right js-post-comments-component">
<div id="comments-300" class="comments js-comments-container" data-post-id="300">
<ul class="comments-list js-comments-list">
{
    se_comment(
        201,
        300,
        '<span title="number of upvotes" class="cool">3</span>',
        "Or use <code>sorted(items)</code>.",
        '<a href="/users/6/rook" class="comment-user">rook</a>',
        "2021-05-05 10:40:00Z",
    )
}
{
    se_comment(
        202,
        300,
        "",
        "Thanks, that was it.",
        '<a href="/users/5/pia" class="comment-user owner">pia</a>',
        "2021-05-05 10:45:00Z",
    )
}
</ul></div></div></div></div>
<a name="301"></a>
<div id="answer-301" class="answer js-answer" data-answerid="301" data-parentid="100"
 data-score="-1" itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
<div class="post-layout"><div class="votecell post-layout--left"><div class="js-voting-container">
<div class="js-vote-count" itemprop="upvoteCount" data-value="-1">-1</div>
<div class="js-accepted-answer-indicator d-none" title="accepted">✓</div></div></div>
<div class="answercell post-layout--right"><div class="s-prose js-post-body" itemprop="text">
<p>Restart your computer.</p></div>
<div class="mt24">{
    se_signature(
        "answered",
        "2021-05-06 08:00:00Z",
        "May 6, 2021 at 8:00",
        '<span class="d-none" itemprop="name">user12345</span>user12345',
    )
}</div></div></div>
<div id="comments-301" class="comments js-comments-container" data-post-id="301">
<ul class="comments-list js-comments-list"></ul></div></div>
</div></div></div></div></body></html>"""


def test_stack_exchange_question_answers_and_their_comments() -> None:
    url = "https://stackoverflow.com/questions/100/why-is-my-list-empty-after-sort"
    article, report = read(STACK_EXCHANGE, url=url)
    assert report.rule == "stackexchange"
    assert article.title == "Why is my list empty after sort()?"
    assert article.body == "I wrote items = items.sort() and now items is None."
    assert article.authors == (Author(name="pia", url="https://stackoverflow.com/users/5/pia"),)
    assert article.published == datetime(2021, 5, 5, 10, 11, 12, tzinfo=UTC)
    assert article.url == url
    assert article.extra["score"] == 7
    assert outline(article) == [
        (1, "rook"),
        (1, "quill"),
        (2, "rook"),
        (2, "pia"),
        (1, "user12345"),
    ]
    question_comment, accepted, thanks_rook, thanks_pia, wrong = article.walk()
    assert (question_comment.text, question_comment.score) == ("Which Python version?", 0)
    assert question_comment.id == "200"
    assert question_comment.url == url + "#comment200_100"
    assert question_comment.published == datetime(2021, 5, 5, 10, 20, tzinfo=UTC)
    assert "answer" not in question_comment.extra
    assert accepted.text == (
        "list.sort() sorts in place and returns None.\n\nitems.sort()\nprint(items)"
    )
    assert (accepted.score, accepted.id) == (12, "300")
    assert dict(accepted.extra) == {"answer": True, "accepted": True}
    assert accepted.published == datetime(2021, 5, 5, 10, 30, tzinfo=UTC)
    assert (thanks_rook.text, thanks_rook.score) == ("Or use sorted(items).", 3)
    assert thanks_pia.author == Author(name="pia", url="https://stackoverflow.com/users/5/pia")
    assert (wrong.score, dict(wrong.extra)) == (-1, {"answer": True})
    assert wrong.author == Author(name="user12345")


STACK_EXCHANGE_2015 = """<html><head><title>grammar - "ausgeraubt" or "beraubt"? - German Language
Stack Exchange</title></head><body><div id="question-header"><h1 itemprop="name">
<a href="/questions/55/ausgeraubt-or-beraubt" class="question-hyperlink">"ausgeraubt" or
"beraubt"?</a></h1></div><div id="mainbar">
<div class="question" data-questionid="55" id="question"><table><tr><td class="votecell">
<div class="vote"><span itemprop="upvoteCount" class="vote-count-post ">4</span></div></td>
<td class="postcell"><div><div class="post-text" itemprop="text"><p>Which one is right?</p></div>
<table class="fw"><tr><td class="vt"><div class="post-menu"><a href="/q/55">share</a></div></td>
<td class="post-signature owner"><div class="user-info"><div class="user-action-time">asked
<span title="2015-01-02 03:04:05Z" class="relativetime">Jan 2 '15 at 3:04</span></div>
<div class="user-details"><a href="/users/3/lotte">Lotte</a><br><span class="reputation-score">
51</span></div></div></td></tr></table></div></td></tr>
<tr><td></td><td><div id="comments-55" class="comments"><table><tbody>
<tr id="comment-90" class="comment"><td class="comment-actions"><table><tbody><tr>
<td class="comment-score"><span title="number of upvotes" class="cool">2</span></td></tr></tbody>
</table></td><td class="comment-text"><div class="comment-body"><span class="comment-copy">
Both, in different senses.</span> &ndash; <a href="/users/4/jan" class="comment-user">Jan</a>
<span class="comment-date"><span title="2015-01-02 04:00:00Z" class="relativetime-clean">
Jan 2 '15 at 4:00</span></span></div></td></tr></tbody></table></div></td></tr></table></div>
<div id="answers"><div id="answer-56" class="answer" data-answerid="56"><table><tr>
<td class="votecell"><div class="vote"><span class="vote-count-post ">0</span></div></td>
<td class="answercell"><div class="post-text" itemprop="text"><p>"Beraubt" takes a genitive.</p>
</div><table class="fw"><tr><td class="post-signature"><div class="user-info">
<div class="user-action-time">answered <span title="2015-01-03 09:00:00Z" class="relativetime">
Jan 3 '15 at 9:00</span></div><div class="user-details"><a href="/users/8/ines">Ines</a></div>
</div></td></tr></table></td></tr></table></div></div></div></body></html>"""


def test_stack_exchange_before_2020() -> None:
    article, report = read(STACK_EXCHANGE_2015, url="https://german.stackexchange.com/q/55")
    assert report.rule == "stackexchange"
    assert article.title == '"ausgeraubt" or "beraubt"?'
    assert article.body == "Which one is right?"
    assert article.published == datetime(2015, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert outline(article) == [(1, "Jan"), (1, "Ines")]
    jan, ines = article.comments
    assert (jan.text, jan.score, jan.id) == ("Both, in different senses.", 2, "90")
    assert (ines.text, ines.score, dict(ines.extra)) == (
        '"Beraubt" takes a genitive.',
        0,
        {"answer": True},
    )
    assert ines.published == datetime(2015, 1, 3, 9, 0, tzinfo=UTC)


# -- Disqus ---------------------------------------------------------------------------


def disqus_post(number: int, user: str, title: str, shown: str, message: str, likes: int) -> str:
    """The start of one post as Disqus draws it (the caller closes the <li>)."""
    return f"""
<li class="post" id="post-{number}"><div role="alert"></div>
<div class="post-content" data-role="post-content"><div class="indicator"></div>
<div class="avatar hovercard"><a href="https://disqus.com/by/{user.lower()}/" class="user">
<img data-role="user-avatar" src="/noavatar.png" alt="Avatar"></a></div>
<div class="post-body"><header class="comment__header"><span class="post-byline">
<span class="author publisher-anchor-color"><a href="https://disqus.com/by/{user.lower()}/"
 data-action="profile" data-username="{user.lower()}">{user}</a></span></span>
<span class="post-meta"><span class="bullet time-ago-bullet">•</span>
<a href="https://blog.example/post#comment-{number}" data-role="relative-time" class="time-ago"
 title="{title}">{shown}</a></span></header>
<div class="post-body-inner"><div class="post-message-container" data-role="message-container">
<div class="publisher-anchor-color" data-role="message-content">
<div class="post-message" data-role="message" dir="auto">{message}</div></div></div></div>
<footer class="comment__footer"><menu class="comment-footer__menu">
<li class="voting" data-role="voting"><a href="#" class="vote-up count-{likes}" data-action="upvote"
 title="Vote up"><span class="updatable count" data-role="likes">{likes}</span></a></li>
<li class="reply" data-role="reply-link"><a href="#" data-action="reply"><span>Reply</span></a></li>
</menu></footer></div></div>"""


DISQUS_RENDERED = f"""<html><head><title>Winter tyres, tested</title>
<meta property="og:type" content="article"><meta property="og:title" content="Winter tyres, tested">
</head><body><article><h1>Winter tyres, tested</h1><p>We drove six sets of winter tyres on ice
for a week and measured how long each took to stop.</p><p>The cheapest set stopped last.</p>
</article>
<div id="disqus_thread"><div id="layout" data-tracking-area="layout">
<ul id="post-list" class="post-list">
{
    disqus_post(
        11,
        "Marit",
        "Tuesday, January 6, 2015 10:12 AM",
        "2 years ago",
        "<p>Which brand came first?</p>",
        4,
    )
}
<ul class="children" data-role="children">
{
    disqus_post(
        12,
        "Soren",
        "Tuesday, January 6, 2015 11:00 AM",
        "2 years ago",
        "<p>See the table <a href='https://blog.example/table'>here</a>.</p>",
        0,
    )
}
</li></ul></li>
{
    disqus_post(
        13,
        "Ilse",
        "Wednesday, January 7, 2015 8:00 AM",
        "2 years ago",
        "<p>This comment was deleted.</p>",
        0,
    )
}
</li></ul></div></div></body></html>"""


def test_disqus_saved_from_its_frame() -> None:
    article, report = read(DISQUS_RENDERED)
    assert report.rule == "disqus"
    assert article.title == "Winter tyres, tested"
    assert outline(article) == [(1, "Marit"), (2, "Soren"), (1, "Ilse")]
    marit, soren, ilse = article.walk()
    assert marit.author == Author(name="Marit", url="https://disqus.com/by/marit/")
    assert (marit.text, marit.score, marit.id) == ("Which brand came first?", 4, "post-11")
    assert soren.text == "See the table here <https://blog.example/table>."
    assert soren.score == 0
    assert ilse.state is CommentState.DELETED
    # The full date is in the link's title, without a zone: UTC, and kept as shown.
    assert marit.published == datetime(2015, 1, 6, 10, 12, tzinfo=UTC)
    assert marit.extra["published_text"] == "Tuesday, January 6, 2015 10:12 AM"
    assert "We drove six sets of winter tyres" in article.body


DISQUS_WORDPRESS = """<html><head><title>Rain gauge build log</title>
<meta property="og:type" content="article"><meta property="og:title" content="Rain gauge build log">
</head><body><article class="post"><h1>Rain gauge build log</h1><p>The tipping bucket is printed
in two parts and glued.</p><p>Calibration took an afternoon with a measuring jug.</p></article>
<div id="disqus_thread"><div id="dsq-content"><ul id="dsq-comments">
<li class="comment even thread-even depth-1" id="dsq-comment-31">
<div id="dsq-comment-header-31" class="dsq-comment-header"><cite id="dsq-cite-31">
<a id="dsq-author-user-31" href="https://paula.example" target="_blank" rel="nofollow">Paula</a>
</cite></div>
<div id="dsq-comment-body-31" class="dsq-comment-body"><div id="dsq-comment-message-31"
 class="dsq-comment-message"><p>How do you keep spiders out of the funnel?</p></div></div>
<ul class="children">
<li class="comment byuser comment-author-admin bypostauthor odd alt depth-2" id="dsq-comment-32">
<div id="dsq-comment-header-32" class="dsq-comment-header"><cite id="dsq-cite-32">
<span id="dsq-author-user-32">Admin</span></cite></div>
<div id="dsq-comment-body-32" class="dsq-comment-body"><div id="dsq-comment-message-32"
 class="dsq-comment-message"><p>A fine mesh over the top.</p></div></div></li>
</ul></li>
<li class="comment even thread-odd thread-alt depth-1" id="dsq-comment-33">
<div id="dsq-comment-header-33" class="dsq-comment-header"><cite id="dsq-cite-33">
<span id="dsq-author-user-33">Guest</span></cite></div>
<div id="dsq-comment-body-33" class="dsq-comment-body"><div id="dsq-comment-message-33"
 class="dsq-comment-message"><p>Nice work.</p></div></div></li>
</ul></div></div>
<script type="text/javascript">var disqus_shortname = 'raingauge';
(function () { var s = document.createElement('script'); s.async = true;
s.src = '//' + disqus_shortname + '.disqus.com/embed.js';
(document.getElementsByTagName('HEAD')[0]).appendChild(s); }());</script>
</body></html>"""


def test_disqus_wordpress_plugin_fallback() -> None:
    article, report = read(DISQUS_WORDPRESS)
    assert report.rule == "disqus"
    assert report.comments_in_page
    assert outline(article) == [(1, "Paula"), (2, "Admin"), (1, "Guest")]
    paula, admin, guest = article.walk()
    assert paula.author == Author(name="Paula", url="https://paula.example")
    assert texts(article) == [
        "How do you keep spiders out of the funnel?",
        "A fine mesh over the top.",
        "Nice work.",
    ]
    assert (paula.id, admin.id, guest.id) == ("dsq-comment-31", "dsq-comment-32", "dsq-comment-33")
    assert "The tipping bucket" in article.body


def test_an_empty_disqus_placeholder_gives_the_article_and_says_so() -> None:
    start = DISQUS_WORDPRESS.index('<div id="disqus_thread">')
    end = DISQUS_WORDPRESS.index("<script")
    page = DISQUS_WORDPRESS[:start] + '<div id="disqus_thread"></div>' + DISQUS_WORDPRESS[end:]
    article, report = read(page)
    assert (article.comment_count, report.rule, report.comments_in_page) == (0, None, False)
    assert not report.complete
    assert "loads its comments by script" in str(report)


# -- schema.org -----------------------------------------------------------------------

RDFA = """<html><head><title>Moths of the garden</title></head><body>
<article vocab="https://schema.org/" typeof="BlogPosting">
<h1 property="headline">Moths of the garden</h1>
<div property="articleBody"><p>Twelve species came to the light trap in June.</p></div>
<section id="responses">
<div property="comment" typeof="Comment" resource="#r1">
 <p>By <span property="author" typeof="Person"><a property="url" href="https://fen.example/">
 <span property="name">Fen</span></a></span>,
 <time property="dateCreated" datetime="2022-06-30T21:15:00+01:00">30 June</time></p>
 <div property="text"><p>Was the elephant hawk-moth among them?</p></div>
 <div property="comment" typeof="Comment" resource="#r2">
  <p>By <span property="author" typeof="Person"><span property="name">Rowan</span></span>,
  <span property="dateCreated" content="2022-07-01T08:00:00+01:00">the next morning</span></p>
  <div property="text"><p>Two of them.</p></div>
  <meta property="upvoteCount" content="5">
 </div>
</div>
</section></article>
<aside prefix="dc: http://purl.org/dc/terms/" typeof="schema:Comment">
 <span property="schema:author">Pat</span>
 <p property="schema:text">Lovely pictures.</p>
 <span property="dc:created">yesterday</span>
</aside>
<div typeof="sioc:Post sioct:Comment"><p property="content:encoded">Not schema.org.</p></div>
</body></html>"""


def test_rdfa_comments_with_their_replies() -> None:
    article, report = read(RDFA)
    assert report.rule == "schema.org (rdfa)"
    assert outline(article) == [(1, "Fen"), (2, "Rowan"), (1, "Pat")]
    fen, rowan, pat = article.walk()
    assert fen.author == Author(name="Fen", url="https://fen.example/")
    assert fen.published == datetime(2022, 6, 30, 20, 15, tzinfo=UTC)
    assert fen.text == "Was the elephant hawk-moth among them?"
    assert fen.id == "#r1"
    assert (rowan.text, rowan.score) == ("Two of them.", 5)
    assert rowan.published == datetime(2022, 7, 1, 7, 0, tzinfo=UTC)
    assert (pat.text, pat.author, pat.published) == ("Lovely pictures.", Author(name="Pat"), None)
    # Comments here and there in the page: nothing around them is left out of the body.
    assert article.body.startswith("Twelve species came to the light trap in June.")


JSON_LD_FORUM = """<html><head><title>Best beginner telescope?</title>
<script type="application/ld+json">{"@context": "https://schema.org",
 "@type": "DiscussionForumPosting", "headline": "Best beginner telescope?",
 "text": "Budget is about 300 euros.", "author": {"@type": "Person", "name": "Vega"},
 "datePublished": "2023-11-02T19:00:00+01:00",
 "comment": [{"@type": "Comment", "@id": "#c1", "text": "A 6-inch Dobsonian.",
   "author": {"@type": "Person", "name": "Altair"}, "datePublished": "2023-11-02T19:30:00+01:00",
   "upvoteCount": 3},
  {"@type": "Comment", "@id": "#c2", "text": "Seconded.", "parentItem": {"@id": "#c1"},
   "author": {"@type": "Person", "name": "Deneb"}}]}
</script></head><body><h1>Best beginner telescope?</h1></body></html>"""


def test_json_ld_comments() -> None:
    article, report = read(JSON_LD_FORUM)
    assert report.rule == "schema.org (json-ld)"
    assert article.body == "Budget is about 300 euros."
    assert outline(article) == [(1, "Altair"), (2, "Deneb")]
    altair, deneb = article.walk()
    assert (altair.score, altair.id, deneb.id) == (3, "#c1", "#c2")
    assert altair.published == datetime(2023, 11, 2, 18, 30, tzinfo=UTC)


# -- real pages (../shared) -------------------------------------------------------------


def corpus_page(shared: Path, folder: str, name: str) -> str:
    path = shared / "corpus" / folder / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path.read_bytes().decode("utf-8")


def test_hacker_news_corpus_page(shared: Path) -> None:
    article, report = read(corpus_page(shared, "hackernews", "hn_item_9342369_page.html"))
    assert (report.rule, report.stated_count, report.complete) == ("hackernews", 121, True)
    assert article.title == "Microsoft announces Hyper-V Containers"
    assert article.url == (
        "http://azure.microsoft.com/blog/2015/04/08/"
        "microsoft-unveils-new-container-technologies-for-the-next-generation-cloud"
    )
    assert article.authors[0].name == "swernli"
    assert dict(article.extra) == {"points": 279, "published_text": "11 hours ago"}
    assert article.comment_count == 121
    assert article.depth == 8
    comments = list(article.walk())
    assert all(c.author is not None and c.author.name for c in comments)
    assert all(c.published is None and c.extra["published_text"].endswith("ago") for c in comments)
    assert [len(article.comments), sum(1 for v in article.visits() if v.depth == 2)] == [17, 24]
    first = article.comments[0]
    assert (first.author, first.id) == (
        Author(name="kirinan", url="https://news.ycombinator.com/user?id=kirinan"),
        "9342585",
    )
    assert first.text.startswith("This will be what takes containers into the mainstream")
    assert first.replies[0].author == Author(
        name="jsprogrammer", url="https://news.ycombinator.com/user?id=jsprogrammer"
    )


def test_xenforo_corpus_page(shared: Path) -> None:
    article, report = read(corpus_page(shared, "html", "katzen-forum.net-Pepe.html"))
    assert report.rule == "xenforo"
    assert article.title == "Jede Nacht verliert Pepe soviel Dreck aus dem Fell"
    # The opening post is the article, its whole text (JSON-LD's is cut short).
    assert article.body.startswith("Hallo,\nPepe schläft nachts mit mir im Schlafzimmer")
    assert article.body.endswith("die Schlaf -und Ruheplätze?")
    assert article.authors[0].name == "Pepemaus"
    assert article.comment_count == 17
    assert article.depth == 1
    assert all(c.author is not None and c.author.name for c in article.comments)
    assert all(c.published is not None for c in article.comments)
    first = article.comments[0]
    assert first.author == Author(
        name="yellowkitty", url="https://www.katzen-forum.net/members/yellowkitty.100882/"
    )
    assert first.published == datetime(2018, 9, 27, 13, 11, 51, tzinfo=UTC)
    assert first.id == "post-6331423"
    quoting = [c for c in article.comments if c.text.startswith("> ")]
    assert len(quoting) == 2
    assert (
        quoting[0].text.splitlines()[2] == "> yellowkitty die Ohren sind total sauber, kein Dreck"
    )


def test_handelsblatt_corpus_page(shared: Path) -> None:
    page = corpus_page(shared, "html", "handelsblatt.com.grenzschliessungen.html")
    article, report = read(page)
    assert report.rule == "schema.org (microdata)"
    assert article.depth == 1
    assert [c.author.name if c.author else None for c in article.comments] == [
        "Steffen Ecks",
        "Tobias Schmitz",
        "Hans Bajohr",
    ]
    assert article.comments[0].published == datetime(2020, 4, 28, 8, 27, 29, tzinfo=UTC)
    assert article.comments[0].text.startswith("Diese ganze Situation")


def test_citylab_corpus_page_loads_its_comments_by_script(shared: Path) -> None:
    article, report = read(corpus_page(shared, "html", "readability_citylab-1.html"))
    assert article.title == "Why Neon Is the Ultimate Symbol of the 20th Century"
    assert article.comment_count == 0
    assert (report.rule, report.comments_in_page, report.complete) == (None, False, False)
    assert report.notes == ("the page loads its comments by script; none were in it",)


def test_a_hacker_news_comment_page_makes_the_comment_the_article() -> None:
    focused = hn_row(
        5001,
        0,
        hn_head("orla", 5001, "2024-04-02T08:00:00", 1712044800, "1 day ago")
        + ' | <a href="item?id=4999">parent</a> | on: <a href="item?id=4998">Tabs or spaces</a>',
        "Tabs, for one reason: width is the reader's choice.",
    )
    page = (
        f"<html><head><title>Tabs, for one reason | Hacker News</title></head><body>"
        f'<table id="hnmain">{HN_HEADER}<tr><td><table class="fatitem">{focused}</table>'
        f'<table class="comment-tree">'
        + hn_row(
            5002,
            0,
            hn_head("ptolemy", 5002, "2024-04-02T09:00:00", 1712048400, "23 hours ago"),
            "Until the linter disagrees.",
        )
        + "</table></td></tr></table></body></html>"
    )
    article, report = read(page)
    assert report.rule == "hackernews"
    assert article.body == "Tabs, for one reason: width is the reader's choice."
    assert article.url == "https://news.ycombinator.com/item?id=5001"
    assert article.authors == (
        Author(name="orla", url="https://news.ycombinator.com/user?id=orla"),
    )
    assert article.published == datetime(2024, 4, 2, 8, 0, tzinfo=UTC)
    assert outline(article) == [(1, "ptolemy")]


def test_an_ask_hn_before_2016_has_its_text() -> None:
    page = HN_OLD.replace(
        '<a href="https://blog.example.net/compiler">A compiler in one weekend</a>\n'
        '<span class="sitebit comhead"> (example.net)</span>',
        '<a href="item?id=700">Ask HN: A compiler in one weekend?</a>',
    ).replace(
        '<tr style="height:10px"></tr><tr><td></td><td><form',
        '<tr style="height:2px"></tr><tr><td></td>'
        "<td>Has anyone tried it?<p>Which book?</td></tr>"
        '<tr style="height:10px"></tr><tr><td></td><td><form',
    )
    article, _ = read(page)
    assert article.title == "Ask HN: A compiler in one weekend?"
    assert article.url == "https://news.ycombinator.com/item?id=700"
    assert article.body == "Has anyone tried it?\n\nWhich book?"
    assert article.comment_count == 3


def test_disqus_fallback_inside_noscript() -> None:
    page = DISQUS_WORDPRESS.replace('<div id="dsq-content">', '<noscript><div id="dsq-content">')
    page = page.replace("</ul></div></div>", "</ul></div></noscript></div>")
    article, report = read(page)
    assert report.rule == "disqus"
    assert outline(article) == [(1, "Paula"), (2, "Admin"), (1, "Guest")]


def test_broken_addresses_are_left_out_not_raised() -> None:
    # A control character in a profile link: the name stays, the address goes.
    article, _ = read(HN_OLD.replace('href="user?id=ada"', 'href="user?id=a\x01da"'))
    assert article.comments[0].author == Author(name="ada")
