"""The importers on real exports from ``../shared/corpus`` (skipped when it is absent).

Every count, depth and named comment below was read off the raw files with
one-off json/lxml scripts, not with threadkit: depth 1 is a top-level comment.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import threadkit
from threadkit import Article, Author, Comment, CommentState, ImportReport, UnloadedReplies
from threadkit.tree import graft


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def by_id(article: Article) -> dict[str | None, tuple[Comment, Comment | None]]:
    """Every comment by id, with its parent."""
    return {visit.comment.id: (visit.comment, visit.parent) for visit in article.visits()}


def load(path: Path, **options: object) -> tuple[Article, ImportReport]:
    reports: list[ImportReport] = []
    article = threadkit.load(path, report=reports.append, **options)
    (report,) = reports
    return article, report


def load_all(path: Path, **options: object) -> tuple[list[Article], list[ImportReport]]:
    reports: list[ImportReport] = []
    articles = list(threadkit.load_all(path, report=reports.append, **options))
    return articles, reports


# -- Reddit ------------------------------------------------------------------------------


def test_reddit_small_self_post(shared: Path) -> None:
    path = shared / "corpus/reddit/r_SubTestBot1_jlbw48_small_selfpost.json"
    assert threadkit.guess_format(path, path.read_bytes()).name == "reddit"
    article, report = load(path)
    assert article.title == "Test self post"
    assert article.body == "Test self post text"
    assert article.authors == (Author(name="Watchful1BotTest", id="t2_1199gq"),)
    assert article.published == utc(2020, 10, 31, 3, 59, 49)
    assert article.site == "r/SubTestBot1"
    assert article.comment_count == 6
    assert article.depth == 3
    assert [c.id for c in article.comments] == ["gao5889", "gao66g9", "gius5s0"]
    comments = by_id(article)
    reply, parent = comments["gao66wc"]
    assert parent is not None
    assert parent.id == "gao66g9"
    assert reply.text == "test tree 2"
    deepest, parent = comments["gt032vq"]
    assert parent is not None
    assert parent.id == "gt00mip"
    assert parent.author == Author(name="wapisagoodsong", id="t2_b9kjg7gf")
    assert deepest.author == Author(name="KJ_Bot", id="t2_pvnt22n")
    # A moderator's view: "removed": true with the body still there.
    removed = [c.id for c in article.walk() if c.state is CommentState.REMOVED]
    assert removed == ["gao5889", "gao66g9"]
    assert comments["gao5889"][0].text == "test comment"
    assert report.clean
    assert report.unloaded == ()


def test_reddit_deep_comment_chain(shared: Path) -> None:
    article, report = load(shared / "corpus/reddit/r_test_6otocc_deep_comment_chain.json")
    assert article.title == "Comment Chain"
    assert article.comment_count == 10
    assert article.depth == 10
    chain = list(article.walk())
    assert [c.text for c in chain] == [str(n) for n in range(1, 11)]
    assert [c.id for c in chain][:3] == ["dkk4pne", "dkk4ppn", "dkk4pq8"]
    assert chain[-1].id == "dkk4pwe"
    assert all(len(c.replies) == 1 for c in chain[:-1])
    # "continue this thread" below the tenth comment.
    # Its count is 0, which says nothing of how many: unknown.
    assert report.unloaded == (UnloadedReplies(parent="dkk4pwe", ids=(), count=None),)
    assert report.unloaded_count is None
    more = chain[-1].extra["reddit"]["more"]  # type: ignore[index]
    assert more[0]["id"] == "_"  # type: ignore[index]


def test_reddit_permalink_with_context(shared: Path) -> None:
    article, report = load(shared / "corpus/reddit/r_IAmA_57dw9a_comment_context.json")
    assert article.title.startswith(
        "I’m American citizen, undecided voter, loving husband Ken Bone"
    )
    assert article.authors == (Author(name="StanGibson18"),)
    assert article.published == utc(2016, 10, 14, 1, 21, 33)
    assert article.site == "r/IAmA"
    assert article.comment_count == 145
    assert article.depth == 10
    assert [c.id for c in article.comments] == ["d8r4im1"]
    comments = by_id(article)
    answer, question = comments["d8r79x6"]
    assert question is not None
    assert question.id == "d8r4im1"
    assert question.author == Author(name="THE_GREAT_SHAZBOT")
    assert answer.author == Author(name="StanGibson18")
    assert answer.score == 6648
    hardwick, parent = comments["d8ray04"]
    assert parent is answer
    assert hardwick.text.startswith("WE LOVE YOU TOO, KENNETH.")
    deleted = [c.id for c in article.walk() if c.state is CommentState.DELETED]
    assert sorted(deleted) == sorted(["d8rbuag", "d8r9gyy", "d8ra666", "d8r9nuo", "d8ra3dn"])
    # Author account deleted, comment kept.
    kept, _ = comments["d8r8zew"]
    assert kept.author is None
    assert kept.state is CommentState.VISIBLE
    assert kept.text == "Wait, what?\n\nIs Hardwick a Comcast shill now?"
    edited, _ = comments["d8rbpal"]
    assert edited.edited == utc(2016, 10, 14, 4, 16, 22)
    assert report.unloaded == (UnloadedReplies(parent="d8rzxi2", ids=(), count=None),)
    assert report.rebuild.clean


def test_reddit_submission_with_more_placeholders(shared: Path) -> None:
    article, report = load(shared / "corpus/reddit/r_funny_3hahrw_submission_comments.json")
    assert article.title == "Ba Dum Tsss"
    assert article.url == "http://i.imgur.com/eoF76hj.gifv"
    assert article.site == "r/funny"
    assert article.comment_count == 476
    assert article.depth == 10
    assert len(article.comments) == 137
    comments = by_id(article)
    reply, parent = comments["cu5sye5"]
    assert parent is not None
    assert parent.id == "cu5pebp"
    assert parent.author == Author(name="johnnwho")
    assert reply.author == Author(name="Lommo97")
    assert reply.score == 699
    _quote, parent = comments["cu5tgzu"]
    assert parent is reply
    deep, parent = comments["cu5x3k9"]
    assert parent is not None
    assert parent.id == "cu5w3kc"
    assert deep.author == Author(name="Soddington")
    deleted = sorted(c.id or "" for c in article.walk() if c.state is CommentState.DELETED)
    assert deleted == ["cu5w5hz", "cu5y4ro", "cu60yyr", "cu61dgb", "cu61rpx", "cu61tk1"]
    # "Maybe. \r\rI'm a teacher": carriage returns are line breaks.
    assert comments["cu5xgyd"][0].text.startswith("Maybe. \n\nI'm a teacher")
    assert len(report.unloaded) == 18
    assert sum(len(p.ids) for p in report.unloaded) == 24
    assert sum(p.count or 0 for p in report.unloaded) == 61
    # Six of them are "continue this thread", of no count: unknown, 61 at least.
    assert sum(p.count is None for p in report.unloaded) == 6
    assert report.unloaded_count is None
    assert report.unloaded_minimum == 61
    top = [p for p in report.unloaded if p.parent is None]
    assert len(top) == 1
    assert top[0].count == 9
    assert len(top[0].ids) == 9
    assert report.rebuild.clean
    assert report.repairs == ()


def test_reddit_morechildren_answer(shared: Path) -> None:
    article, report = load(shared / "corpus/reddit/r_funny_3hahrw_morechildren.json")
    assert article.title == "Reddit submission 3hahrw"
    assert article.extra["reddit"] == {"id": "3hahrw", "missing": True}
    assert [c.id for c in article.comments] == [
        "cu5tead",
        "cu5tt8h",
        "cu5v9yd",
        "cu5twf5",
        "cu5oufs",
        "cu5pbdh",
        "cu5rxpy",
    ]
    assert article.depth == 1
    assert article.comments[0].author == Author(name="lava1o")
    assert report.rebuild.clean


def test_reddit_morechildren_grafted_onto_its_listing(shared: Path) -> None:
    listing, _ = load(shared / "corpus/reddit/r_funny_3hahrw_submission_comments.json")
    answer, _ = load(shared / "corpus/reddit/r_funny_3hahrw_morechildren.json")
    grafted = graft(listing, answer)
    # The answer's 7 comments answer the submission (parent_id t3_3hahrw):
    # they come after the listing's 137 top-level comments.
    assert grafted.article.comment_count == 483
    assert [c.id for c in grafted.article.comments[137:]] == [
        "cu5tead",
        "cu5tt8h",
        "cu5v9yd",
        "cu5twf5",
        "cu5oufs",
        "cu5pbdh",
        "cu5rxpy",
    ]
    ids = [c.id for c in grafted.article.walk()]
    assert len(set(ids)) == 483
    assert grafted.article.title == "Ba Dum Tsss"
    assert grafted.report.added == 7
    assert grafted.report.attached == ()
    assert grafted.report.missing == ()
    assert grafted.report.clean


# -- Hacker News ------------------------------------------------------------------------

HN = "corpus/hackernews/firebase_api_examples"


def test_hackernews_story_with_unfetched_kids(shared: Path) -> None:
    article, report = load(shared / HN / "item_8863_story.json")
    assert article.title == "My YC app: Dropbox - Throw away your USB drive"
    assert article.authors == (Author(name="dhouston", id="dhouston"),)
    assert article.published == utc(2007, 4, 4, 19, 16, 40)
    assert article.url == "http://www.getdropbox.com/u/2/screencast.html"
    assert article.comment_count == 0
    assert article.extra["hackernews"]["descendants"] == 71  # type: ignore[index]
    (placeholder,) = report.unloaded
    assert placeholder.parent is None
    assert len(placeholder.ids) == 33
    assert placeholder.ids[:3] == ("8952", "9224", "8917")
    # The 33 kids are the direct replies; descendants counts them all.
    assert placeholder.count is None
    assert report.unloaded_total == 71
    assert report.unloaded_count == 71


def test_hackernews_ask_story_html(shared: Path) -> None:
    article, report = load(shared / HN / "item_121003_story.json")
    assert article.title == "Ask HN: The Arc Effect"
    assert article.url == "https://news.ycombinator.com/item?id=121003"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0] == "or HN: the Next Iteration"
    assert paragraphs[3].endswith("What's in store for (++ HN)?")
    assert report.unloaded == (UnloadedReplies(parent=None, ids=("121016", "121109", "121168")),)


def test_hackernews_job_keeps_its_code_block(shared: Path) -> None:
    article, _ = load(shared / HN / "item_192327_job.json")
    assert article.title == "Justin.tv is looking for a Lead Flash Engineer!"
    assert "\n\n    * Contribute to product design and implementation discussions\n" in article.body
    assert article.body.endswith(
        "Completing the technical problem at http://www.justin.tv/problems/bml "
        "will go a long way with us. Cheers!"
    )


def test_hackernews_poll_and_poll_option(shared: Path) -> None:
    poll, report = load(shared / HN / "item_126809_poll.json")
    assert poll.title == "Poll: What would happen if News.YC had explicit support for polls?"
    assert poll.extra["hackernews"]["parts"] == (126810, 126811, 126812)  # type: ignore[index]
    assert len(report.unloaded[0].ids) == 25
    option, _ = load(shared / HN / "item_160705_pollopt.json")
    assert option.title == "Hacker News item 160704"
    (part,) = option.extra["hackernews"]["pollopts"]  # type: ignore[index,misc]
    assert part["score"] == 335


def test_hackernews_lone_comment(shared: Path) -> None:
    article, report = load(shared / HN / "item_2921983_comment.json")
    assert article.title == "Hacker News item 2921506"
    (comment,) = article.comments
    assert comment.author == Author(name="norvig", id="norvig")
    assert comment.text == (
        "Aw shucks, guys ... you make me blush with your compliments.\n\n"
        "Tell you what, Ill make a deal: I'll keep writing if you keep reading. K?"
    )
    assert len(report.unloaded[0].ids) == 7


def test_hackernews_refuses_what_is_not_an_item(shared: Path) -> None:
    with pytest.raises(threadkit.ParseError, match="user"):
        threadkit.load(shared / HN / "user_jl_user.json", "hackernews")
    scraped = shared / "corpus/hackernews/pyhn_scraped_comment_tree_5042735.json"
    assert not threadkit.get_format("hackernews").sniff(scraped.read_text()[:4096])
    with pytest.raises(threadkit.ParseError):
        threadkit.load(scraped, "hackernews")


# -- Mastodon ---------------------------------------------------------------------------

MASTODON = "corpus/mastodon"


def test_mastodon_status_and_context_side_by_side(shared: Path) -> None:
    status = json.loads(
        (shared / MASTODON / "mastodon.social_109294719267373593_status.json").read_text()
    )
    context = json.loads(
        (shared / MASTODON / "mastodon.social_109294719267373593_context.json").read_text()
    )
    reports: list[ImportReport] = []
    article = threadkit.loads(
        json.dumps({"status": status, "context": context}), report=reports.append
    )
    assert article.title == (
        "Mastodon will update to 4.0 soon! Here are the most exciting new features (in…"
    )
    assert article.body.startswith(
        "Mastodon will update to 4.0 soon! Here are the most exciting new features "
        "(in addition to fixes & changes):\n\n- ability to follow hashtags\n"
    )
    assert article.authors[0].name == "Austin Kocher, PhD 🌎"
    assert article.tags == ("Mastodon4",)
    assert article.site == "mastodon.social"
    assert article.comment_count == 59
    assert article.depth == 7
    assert len(article.comments) == 43
    comments = by_id(article)
    deepest, parent = comments["109296731817086780"]
    assert parent is not None
    assert parent.id == "109296725027702140"
    assert parent.author is not None
    assert parent.author.url == "https://masto.pt/@hugo"
    assert deepest.author is not None
    assert deepest.author.name == "Oli Kočková"
    reply, parent = comments["109297629232920936"]
    assert parent is not None
    assert parent.id == "109296144901329380"
    assert reply.author is not None
    assert reply.author.name == "Jörgen Andersson"
    first = article.comments[0]
    assert first.id == "109294767623508949"
    assert first.published == datetime(2022, 11, 6, 3, 36, 44, 808000, tzinfo=UTC)
    assert first.score == 23
    assert reports[0].rebuild.clean


def test_mastodon_context_alone(shared: Path) -> None:
    article, report = load(shared / MASTODON / "mastodon.social_109294719267373593_context.json")
    assert article.title == "Mastodon status 109294719267373593"
    assert article.extra["mastodon"]["missing"] is True  # type: ignore[index]
    assert article.comment_count == 59
    assert article.depth == 7
    assert report.rebuild.clean


def test_mastodon_small_contexts(shared: Path) -> None:
    small, _ = load(shared / MASTODON / "fosstodon.org_114026814291152535_context.json")
    assert small.comment_count == 3
    assert small.depth == 2
    comments = by_id(small)
    reply, parent = comments["114058233338164636"]
    assert parent is not None
    assert parent.id == "114055560713759881"
    assert reply.author is not None
    assert reply.author.name == "Mickaël CANOUIL"
    # The mention is a link: its address follows its text.
    assert comments["114027213608365869"][0].text == (
        "@schochastics <https://fosstodon.org/@schochastics> In the readme, it should be "
        "`quarto add schochastics/quarto-url-peek`"
    )
    ancestors_only, _ = load(
        shared / MASTODON / "fosstodon.org_114027213608365869_context_ancestors_only.json"
    )
    assert ancestors_only.comment_count == 0
    assert ancestors_only.title == "Mastodon status replying to 114026814291152535"
    (ancestor,) = ancestors_only.extra["mastodon"]["ancestors"]  # type: ignore[index,misc]
    assert ancestor["account"]["acct"] == "schochastics"
    tiny, _ = load(shared / MASTODON / "mastodon.social_110446983926957470_context.json")
    assert tiny.extra["mastodon"]["in_reply_to_id"] == "110446983178245440"  # type: ignore[index]
    (final,) = tiny.comments
    assert final.id == "110446984249325790"
    assert final.text == "final status"


def test_mastodon_status_alone(shared: Path) -> None:
    article, _ = load(shared / MASTODON / "mastodon.social_109294719267373593_status.json")
    assert article.comment_count == 0
    assert article.published == datetime(2022, 11, 6, 3, 24, 27, 42000, tzinfo=UTC)
    assert article.url == "https://mastodon.social/@austinkocher/109294719267373593"
    assert article.extra["mastodon"]["replies_count"] == 105  # type: ignore[index]


# -- Disqus -----------------------------------------------------------------------------


def test_disqus_isso_export(shared: Path) -> None:
    articles, reports = load_all(shared / "corpus/disqus/isso_disqus.xml")
    assert [a.title for a in articles] == [
        "Hello, World!",
        "Disqus thread 3",
        "http://localhost:4000/blog/2013/02/12/redacted/index.html",
        "Disqus thread 1337",
    ]
    hello = articles[0]
    assert hello.comment_count == 4
    assert hello.depth == 2
    comments = by_id(hello)
    reply, parent = comments["5"]
    assert parent is not None
    assert parent.id == "4"
    assert parent.author == Author(name="peter")
    assert reply.author == Author(name="user", id="user")
    assert reply.text == "Hello, World."
    deleted, _ = comments["9"]
    assert deleted.state is CommentState.DELETED
    _after_deleted, parent = comments["11"]
    assert parent is deleted
    assert [a.comment_count for a in articles] == [4, 0, 1, 1]
    assert articles[3].comments[0].author == Author(name="where am I?")
    assert all(report.rebuild.clean for report in reports)


def test_disqus_remark42_is_not_well_formed(shared: Path) -> None:
    path = shared / "corpus/disqus/remark42_disqus.xml"
    assert threadkit.guess_format(path, path.read_bytes()).name == "disqus"
    with pytest.raises(threadkit.ParseError) as caught:
        list(threadkit.load_all(path))
    assert (caught.value.line, caught.value.column) == (1, 1)


@pytest.mark.parametrize(
    ("name", "deleted"),
    [("remark42_disqus.xml", False), ("remark42_disqus-deleted-thread.xml", True)],
)
def test_disqus_remark42_recovered(shared: Path, name: str, deleted: bool) -> None:
    articles, reports = load_all(shared / "corpus/disqus" / name, recover=True)
    assert [a.title for a in articles] == [
        "Радио-Т: Радио-Т 229",
        "Радио-Т: Радио-Т 229",
        "Disqus posts without a thread",
    ]
    first, second, lost = articles
    assert first.url == "http://radio-t.umputun.com/2011/03/229_8880.html"
    assert [c.id for c in first.comments] == ["299986072", None]
    assert first.comments[1].text == "This comment had no ID"
    assert [c.id for c in second.comments] == ["299619020", "299744309", "299986073"]
    # The link's address as the export has it, doubled scheme and all.
    assert second.comments[0].text == (
        "The quick brown fox jumps over the lazy dog.\n\nsome link <https://https://radio-t.com>"
    )
    assert second.comments[2].state is CommentState.SPAM
    assert second.extra["disqus"]["isDeleted"] is deleted  # type: ignore[index]
    assert second.extra["disqus"]["isClosed"] is True  # type: ignore[index]
    assert [c.id for c in lost.comments] == ["x299986073"]
    assert lost.comments[0].published is None
    messages = [str(r) for r in reports[0].repairs]
    assert messages[0] == "document: skipped 1 byte(s) before the first tag"
    assert any(m.startswith("document line 147, column 24:") for m in messages)


# -- WordPress --------------------------------------------------------------------------

WP = "corpus/wordpress"


def test_wordpress_isso_export(shared: Path) -> None:
    articles, reports = load_all(shared / WP / "isso_wordpress.xml")
    assert [a.title for a in articles] == ["Hello, World…", "...", "No comments"]
    hello = articles[0]
    assert hello.comment_count == 7
    assert hello.depth == 3
    assert [c.id for c in hello.comments] == ["2", "6", "10", "11"]
    comments = by_id(hello)
    assert comments["2"][0].text == "Erster!1"
    reply, parent = comments["7"]
    assert parent is not None
    assert parent.id == "6"
    # No comment_date, only the GMT one.
    assert reply.published == utc(2014, 4, 29, 15, 21, 35)
    for child in ("8", "9"):
        assert comments[child][1] is reply
    multiline, _ = comments["10"]
    assert (
        multiline.text
        == "When you have a comment with multiple lines:\nWordPress exports it like this."
    )
    # Local 12:13:14, GMT 02:13:14: ten hours ahead.
    assert multiline.published == datetime(
        2022, 6, 6, 12, 13, 14, tzinfo=timezone(timedelta(hours=10))
    )
    assert [a.comment_count for a in articles] == [7, 1, 0]
    assert articles[1].comments[0].id == "11"
    assert all(report.rebuild.clean for report in reports)


def test_wordpress_theme_unit_test(shared: Path) -> None:
    articles, reports = load_all(shared / WP / "wp_themeunittestdata.wordpress.xml")
    # 58 posts and 21 pages; 37 attachments and 70 menu items hold no comments.
    assert len(articles) == 79
    with_comments = {a.title: a for a in articles if a.comments}
    assert sorted(with_comments) == sorted(
        [
            "WP 6.1 Theme block category",
            "Page with comments",
            "a Blog page",
            "Template: Comments",
            "Template: Pingbacks And Trackbacks",
            'Template: Password Protected (the password is "enter")',
            "Edge Case: No Content",
        ]
    )
    # 33 entries, of which 2 pingbacks and 2 trackbacks, which are no comments.
    assert sum(a.comment_count for a in articles) == 29
    # 37 attachments and 70 menu items are left out, and the reports say so.
    left_out: dict[str, int] = {}
    for report in reports:
        for note in report.notes:
            if "left out" in note:
                kinds = note.split("left out (", 1)[1].split(")", 1)[0]
                for kind in kinds.split(", "):
                    number, name = kind.split(" ")
                    left_out[name] = left_out.get(name, 0) + int(number)
    assert left_out == {"attachment": 37, "nav_menu_item": 70}
    threaded = with_comments["Template: Comments"]
    assert threaded.comment_count == 20
    assert threaded.depth == 10
    comments = by_id(threaded)
    tenth, parent = comments["915"]
    assert parent is not None
    assert parent.id == "914"
    assert parent.author is not None
    assert parent.author.name == "Joe Bloggs"
    assert tenth.text == "Comment Depth 10\n\nAlso an author comment."
    assert tenth.author == Author(
        name="themedemos", url="https://wpthemetestdata.wordpress.com/", id="24783058"
    )
    assert tenth.published == datetime(2013, 3, 14, 8, 14, 47, tzinfo=timezone(-timedelta(hours=7)))
    assert comments["1015"][0].state is CommentState.PENDING
    headings, _ = comments["881"]
    assert headings.text.startswith("Headings\n\nHeader one\n\nHeader two\n\nHeader three")
    page = with_comments["Page with comments"]
    reply, parent = by_id(page)["1017"]
    assert parent is not None
    assert parent.id == "168"
    assert reply.state is CommentState.PENDING
    pings = with_comments["Template: Pingbacks And Trackbacks"]
    assert pings.comment_count == 1
    kept = pings.extra["pingbacks"]
    assert [p["wordpress"]["comment_type"] for p in kept] == [  # type: ignore[index]
        "trackback",
        "trackback",
        "pingback",
        "pingback",
    ]
    first = kept[0]  # type: ignore[index]
    assert first["title"] == "Ping 1 « What’s a tellyworth?"  # type: ignore[index]
    assert first["url"] == "http://tellyworth.wordpress.com/2007/11/21/ping-1/"  # type: ignore[index]
    # Local 11:31:12, GMT 01:31:12.
    assert first["published"] == "2007-11-21T11:31:12+10:00"  # type: ignore[index]
    assert first["text"] == "[...] Trackback test. [...]"  # type: ignore[index]
    assert first["id"] == "921"  # type: ignore[index]
    assert first["wordpress"]["comment_approved"] == "1"  # type: ignore[index]
    report = reports[articles.index(pings)]
    assert report.notes == (
        '4 pingback(s) and trackback(s) kept in extra["pingbacks"], not as comments',
    )
    assert all(report.rebuild.clean for report in reports)


def test_wordpress_small_importer_fixtures(shared: Path) -> None:
    (meta,) = threadkit.load_all(shared / WP / "wpimporter_test-serialized-comment-meta.xml")
    assert meta.title == "My Entry with comments and comment meta"
    assert meta.published is None  # a draft: its GMT date is all zeros
    (comment,) = meta.comments
    assert comment.author == Author(name="A WordPress Commenter", url="https://wordpress.org/")
    assert comment.extra["wordpress"]["commentmeta"] == (  # type: ignore[index]
        {"meta_key": "string", "meta_value": "¯\\_(ツ)_/¯"},
        {"meta_key": "array", "meta_value": 'a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}'},
    )
    assert comment.text == (
        "Hi, this is a comment.\nTo get started with moderating, editing, and deleting "
        "comments, please visit the Comments screen in the dashboard.\n"
        "Commenter avatars come from Gravatar <https://gravatar.com>."
    )
    hello, about = threadkit.load_all(shared / WP / "wpimporter_valid-wxr-1.1.xml")
    assert (hello.title, about.title) == ("Hello world!", "About")
    assert hello.site == "Export Datasets"
    assert hello.authors == (Author(name="John Doe", id="john"),)
    assert hello.tags == ("alpha", "Clippable", "bieup")
    (mr,) = hello.comments
    assert mr.author == Author(name="Mr WordPress", url="http://wordpress.org/")
    assert mr.text == (
        "Hi, this is a comment.\nTo delete a comment, just log in and view the post's comments. "
        "There you will have the option to edit or delete them."
    )
    assert about.comments == ()
