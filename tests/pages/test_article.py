"""The article of a page from elsewhere: its fields, its body, and pages that are no article.

The small pages here are written by hand, each for one behaviour, with the
expected values worked out by hand. The corpus tests at the end score the
body against trafilatura's evaluation snippets for the pages of
``../shared/corpus/html`` (skipped when ``../shared`` is absent).
"""

from __future__ import annotations

import importlib.util
import json
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from threadkit import Author, Extra, ParseError
from threadkit.formats import html as tk_html
from threadkit.pages import Found, PageReport, Thread, read_page
from threadkit.pages._metadata import strip_site
from threadkit.pages._page import Page

ROOT = Path(__file__).resolve().parent.parent.parent

PROSE = (
    "The council met on Tuesday evening to decide the future of the old bridge, "
    "which has carried traffic over the river since 1904, and the vote was closer "
    "than anyone in the town had expected."
)
MORE = (
    "Engineers told the members that repairs would cost twice as much as a new "
    "crossing, but residents asked for the iron arches to be kept, and the mayor "
    "promised a second hearing in the spring."
)
LAST = (
    "A decision on the design is due in June, after the public has seen the three "
    "proposals, which will be shown in the library for a month."
)


def page(head: str = "", body: str = "", *, title: str = "Bridge vote | The Town Crier") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


def article_body(*extra: str) -> str:
    return (
        "<article><h1>Bridge vote</h1>"
        f"<div class='entry-content'><p>{PROSE}</p><p>{MORE}</p><p>{LAST}</p>"
        + "".join(extra)
        + "</div></article>"
    )


def read(data: str) -> tuple[object, PageReport]:
    reports: list[PageReport] = []
    article = tk_html.read(data, report=reports.append)
    return article, reports[0]


# -- the title --------------------------------------------------------------------------


def test_the_title_is_the_visible_headline_without_the_site_name() -> None:
    article = tk_html.read(page(body=article_body()))
    assert article.title == "Bridge vote"
    assert article.site == "The Town Crier"


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Bridge vote | The Town Crier", None, ("Bridge vote", "The Town Crier")),
        ("Bridge vote - The Town Crier", "The Town Crier", ("Bridge vote", "The Town Crier")),
        ("Bridge vote » Crier", None, ("Bridge vote", "Crier")),
        ("Bridge vote – Crier", "Crier", ("Bridge vote", "Crier")),
        ("The Town Crier | Bridge vote", "The Town Crier", ("Bridge vote", "The Town Crier")),
        (
            "Corona-Pandemie - Es kommt darauf an",
            None,
            ("Corona-Pandemie - Es kommt darauf an", None),
        ),
        ("A headline with no site", None, ("A headline with no site", None)),
        ("Bridge vote | Other name", "The Town Crier", ("Bridge vote | Other name", None)),
    ],
)
def test_strip_site(title: str, site: str | None, expected: tuple[str, str | None]) -> None:
    assert strip_site(title, site) == expected


def test_the_h1_that_agrees_with_og_title_wins_over_the_first_h1() -> None:
    head = '<meta property="og:title" content="Bridge vote: council split">'
    body = "<header><h1>The Town Crier</h1></header>" + article_body().replace(
        "<h1>Bridge vote</h1>", "<h1>Bridge vote: council split</h1>"
    )
    assert tk_html.read(page(head, body)).title == "Bridge vote: council split"


def test_without_a_visible_headline_the_stated_one_is_taken() -> None:
    head = '<meta property="og:title" content="Stated headline">'
    body = f"<div class='content'><p>{PROSE}</p><p>{MORE}</p></div>"
    article, report = read(page(head, body))
    assert article.title == "Stated headline"
    assert report.metadata[0] == "open graph"


# -- dek, authors, date, site, address, tags ----------------------------------------------


def test_a_dek_under_the_headline_is_the_subtitle() -> None:
    body = article_body().replace(
        "<h1>Bridge vote</h1>", "<h1>Bridge vote</h1><p class='standfirst'>Iron arches stay</p>"
    )
    article = tk_html.read(page(body=body))
    assert article.subtitle == "Iron arches stay"
    assert "Iron arches stay" not in article.body


def test_a_long_standfirst_is_the_subtitle_and_opens_the_body() -> None:
    lead = "Residents won a second hearing after a long night in which the council split in two."
    body = article_body().replace(
        "<h1>Bridge vote</h1>", f"<h1>Bridge vote</h1><div class='article-lead'>{lead}</div>"
    )
    article = tk_html.read(page(body=body))
    assert article.subtitle == lead
    assert article.body.startswith(lead + "\n\n" + PROSE)


def test_json_ld_alternative_headline_is_the_subtitle() -> None:
    data = {"@type": "NewsArticle", "headline": "Bridge vote", "alternativeHeadline": "Arches"}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    article = tk_html.read(page(head, article_body()))
    assert article.subtitle == "Arches"


def test_the_meta_description_is_not_taken_for_a_dek() -> None:
    head = '<meta name="description" content="The council met on Tuesday evening.">'
    assert tk_html.read(page(head, article_body())).subtitle is None


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ana Souza", ["Ana Souza"]),
        ("Von Anna Muster | 23.06.2016", ["Anna Muster"]),
        ("Par Jeanne Martin, le 15 mai 2019", ["Jeanne Martin"]),
        ("Por Lucía Gómez y Pedro Ruiz", ["Lucía Gómez", "Pedro Ruiz"]),
        ("By Ana Souza and Tom Berg", ["Ana Souza", "Tom Berg"]),
        ("Von:Moritz Beispiel", ["Moritz Beispiel"]),
    ],
)
def test_bylines_in_several_languages(byline: str, names: list[str]) -> None:
    body = article_body().replace(
        "<h1>Bridge vote</h1>", f"<h1>Bridge vote</h1><p class='byline'>{byline}</p>"
    )
    article = tk_html.read(page(body=body))
    assert [author.name for author in article.authors] == names
    assert byline not in article.body


def test_a_byline_without_a_class_under_the_headline() -> None:
    body = article_body().replace("<h1>Bridge vote</h1>", "<h1>Bridge vote</h1><p>By Ana Souza</p>")
    assert tk_html.read(page(body=body)).authors == (Author(name="Ana Souza"),)


def test_rel_author_links_give_names_and_addresses() -> None:
    body = article_body().replace(
        "<h1>Bridge vote</h1>",
        "<h1>Bridge vote</h1><p>Von <a rel='author' href='/autor/anna'>Anna Muster</a> und "
        "<a rel='author' href='/autor/ben'>Ben Test</a></p>",
    )
    head = '<link rel="canonical" href="https://crier.example/2024/bridge">'
    article = tk_html.read(page(head, body))
    assert article.authors == (
        Author(name="Anna Muster", url="https://crier.example/autor/anna"),
        Author(name="Ben Test", url="https://crier.example/autor/ben"),
    )
    assert article.url == "https://crier.example/2024/bridge"


def test_an_author_box_gives_the_bio_and_stays_out_of_the_body() -> None:
    bio = "Ana Souza covers the city council and has written about bridges for ten years."
    box = (
        "<div class='author-bio'><img src='ana.jpg'><h4>Ana Souza</h4>"
        f"<p>{bio}</p><a href='/authors/ana'>All articles</a></div>"
    )
    body = (
        article_body().replace(
            "<h1>Bridge vote</h1>", "<h1>Bridge vote</h1><p class='byline'>By Ana Souza</p>"
        )
        + box
    )
    article = tk_html.read(page(body=body))
    assert article.authors == (Author(name="Ana Souza", bio=bio),)
    assert bio not in article.body


def test_json_ld_fields_come_first() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Bridge vote",
        "author": {"@type": "Person", "name": "Ana Souza", "url": "https://crier.example/ana"},
        "datePublished": "2024-03-05T09:30:00+01:00",
        "publisher": {"@type": "Organization", "name": "The Town Crier"},
        "keywords": ["bridges", "council"],
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
        '<meta property="og:site_name" content="Crier Online">'
        '<meta property="article:tag" content="other">'
    )
    article, report = read(page(head, article_body()))
    assert article.authors == (Author(name="Ana Souza", url="https://crier.example/ana"),)
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.site == "Crier Online"  # og:site_name is the site's own name for itself
    assert article.tags == ("bridges", "council")
    assert report.metadata[:2] == ("html", "open graph")
    assert "json-ld" in report.metadata


def test_open_graph_and_meta_fields() -> None:
    head = (
        '<meta property="og:site_name" content="The Town Crier">'
        '<meta property="og:url" content="https://crier.example/bridge">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00Z">'
        '<meta property="article:tag" content="bridges">'
        '<meta property="article:tag" content="Council">'
        '<meta name="author" content="Ana Souza">'
    )
    article = tk_html.read(page(head, article_body()))
    assert article.site == "The Town Crier"
    assert article.url == "https://crier.example/bridge"
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert article.tags == ("bridges", "Council")
    assert article.authors == (Author(name="Ana Souza"),)


def test_rel_tag_links_and_keywords() -> None:
    tags = (
        "<p class='tags'><a rel='tag' href='/t/a'>ferries</a>, "
        "<a rel='tag' href='/t/b'>arches</a></p>"
    )
    article = tk_html.read(page(body=article_body() + tags))
    assert article.tags == ("ferries", "arches")
    assert "ferries" not in article.body
    keywords = '<meta name="keywords" content="one, two ,three">'
    assert tk_html.read(page(keywords, article_body())).tags == ("one", "two", "three")


def test_a_date_without_a_zone_takes_utc_and_keeps_its_text() -> None:
    head = '<meta property="article:published_time" content="2024-03-05T09:30:00">'
    article = tk_html.read(page(head, article_body()))
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert article.extra["published_text"] == "2024-03-05T09:30:00"


def test_a_time_element_under_the_headline() -> None:
    body = article_body().replace(
        "<h1>Bridge vote</h1>",
        "<h1>Bridge vote</h1><time datetime='2024-03-05T09:30:00+02:00'>5 March</time>",
    )
    article = tk_html.read(page(body=body))
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert "5 March" not in article.body


# -- the body -----------------------------------------------------------------------------


def test_the_body_reads_as_shown_and_its_link_targets_are_kept_beside_it() -> None:
    body = article_body(
        "<p>Read <a href='https://crier.example/report'>the engineers' report</a> in full, "
        "with its <a href='https://crier.example/drawings'>drawings</a> of every span and "
        "pier, the costs of each of the three designs and the traffic counts of the last "
        "ten years, which <a href='https://crier.example/'>crier.example</a> has too.</p>"
    )
    article = tk_html.read(page(body=body))
    assert article.body.split("\n\n")[:3] == [PROSE, MORE, LAST]
    assert (
        "Read the engineers' report in full, with its drawings of every span and pier, "
        "the costs of each of the three designs and the traffic counts of the last ten "
        "years, which crier.example has too." in article.body
    )
    assert article.extra["links"] == (
        Extra({"text": "the engineers' report", "url": "https://crier.example/report"}),
        Extra({"text": "drawings", "url": "https://crier.example/drawings"}),
    )


def test_the_body_leaves_out_the_page_around_the_article() -> None:
    body = (
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='sidebar'><h3>Most read</h3><p>A sidebar paragraph that is long enough "
        "to be taken for text if nothing said it was a sidebar, and so on.</p></div>"
        + article_body(
            "<div class='share-buttons'><a href='https://x.example/share'>Share on X</a>"
            "<a href='https://f.example/share'>Share</a></div>",
            "<div class='related-posts'><h3>Related</h3><ul>"
            "<li><a href='/a'>Another bridge closes for the winter months</a></li>"
            "<li><a href='/b'>The ferry returns after thirty years away</a></li></ul></div>",
            "<div class='newsletter-signup'><p>Get the Crier in your inbox every morning, "
            "with the news of the town and the county.</p>"
            "<form><input type='email'><button>Subscribe</button></form></div>",
            "<div class='advert'>Advertisement: buy a boat, the best boats in the county.</div>",
        )
        + "<div id='comments'><h2>2 comments</h2><div class='comment'><p>A reader's comment, "
        "long enough to be a paragraph of text on its own, about the bridge.</p></div></div>"
        "<footer><p>Copyright The Town Crier, all rights reserved, since the year 1850 "
        "when the first issue was printed.</p></footer>"
    )
    text = tk_html.read(page(body=body)).body
    assert text == "\n\n".join([PROSE, MORE, LAST])


def test_a_comment_region_found_by_a_rule_is_never_in_the_body() -> None:
    comment = "A reader writes at length about the bridge and the river, as readers do here."
    body = (
        "<div class='main'>"
        + article_body()
        + f"<ol class='comment-list'><li class='comment depth-1' id='comment-1'>"
        f"<div class='comment-content'><p>{comment}</p></div></li></ol></div>"
    )
    article = tk_html.read(page(body=body))
    assert article.comment_count == 1
    assert comment not in article.body
    assert article.body.startswith(PROSE)


def test_itemprop_article_body_marks_the_body() -> None:
    body = (
        f"<div class='content'><p>{PROSE}</p><p>{MORE}</p><p>{LAST}</p></div>"
        f"<div itemprop='articleBody'><p>{LAST}</p><p>{MORE}</p><p>{PROSE[:120]}.</p></div>"
    )
    text = tk_html.read(page(body="<h1>Bridge vote</h1>" + body)).body
    assert text.startswith(LAST + "\n\n" + MORE)


def test_json_ld_article_body_stands_in_when_the_page_shows_no_text() -> None:
    data = {"@type": "Article", "headline": "Bridge vote", "articleBody": PROSE + "\n\n" + MORE}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    article = tk_html.read(page(head, "<h1>Bridge vote</h1><div id='app'></div>"))
    assert article.body == PROSE + "\n\n" + MORE


def test_a_forum_rule_names_the_opening_post_as_the_body() -> None:
    class Forum:
        name = "test forum"

        def find(self, page: Page) -> Thread | None:
            posts = page.root.findall(".//div[@class='post']")
            return Thread(
                rule=self.name,
                comments=[Found(text=MORE, element=posts[1])],
                region=page.root.find(".//div[@class='thread']"),
                article=Found(text=PROSE, element=posts[0].find("div[@class='text']")),
            )

    body = (
        "<h1>Bridge vote</h1><div class='thread'>"
        f"<div class='post'><div class='who'>ana</div><div class='text'>{PROSE}</div></div>"
        f"<div class='post'><div class='who'>tom</div><div class='text'>{MORE}</div></div>"
        "</div>"
    )
    article = tk_html.read(page(body=body), rules=[Forum()])
    assert article.body == PROSE
    assert [comment.text for comment in article.comments] == [MORE]


def _deep(depth: int) -> etree._Element:
    # Built as a tree: the parser itself stops nesting long before.
    root = etree.Element("html")
    etree.SubElement(etree.SubElement(root, "head"), "title").text = "Bridge vote | Crier"
    node = etree.SubElement(root, "body")
    etree.SubElement(node, "h1").text = "Bridge vote"
    # Every element's proxy is held until the tree is built: lxml, freeing the
    # proxy of a node, looks up its ancestors for another proxy, so letting
    # each go as the next is made climbs the whole chain each time.
    held = []
    for _ in range(depth):
        node = etree.SubElement(node, "div", {"class": "box"})
        held.append(node)
    etree.SubElement(node, "p").text = PROSE
    return root


def test_hostile_nesting_is_read_in_linear_time() -> None:
    # Ten times deeper must cost about ten times as much, not a hundred (what
    # a walk to the root from every element would cost). Measured alone the
    # ratio is 16 to 18; with a test worker beside it on two cores, 33 to 37.
    # The bound sits between that and a hundred. Best of two at each depth.
    timings = []
    for depth in (10_000, 100_000):
        best = float("inf")
        for _ in range(2):
            root = _deep(depth)
            start = time.process_time()
            article = read_page(root)
            best = min(best, time.process_time() - start)
            assert article.body == PROSE
            del root
        timings.append(best)
    assert timings[1] < 60 * max(timings[0], 0.01)


# -- no article -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ("<html><body><p>Just a paragraph.</p></body></html>", "no <h1> and no <title>"),
        ("<!DOCTYPE html><title>A title is not an article</title>", "no text under its title"),
        (
            "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
            "<p>The requested URL was not found on this server.</p></body></html>",
            "error page",
        ),
        (
            "<html><head><title>Seite nicht gefunden - Crier</title></head><body>"
            "<p>Diese Seite gibt es leider nicht mehr.</p></body></html>",
            "error page",
        ),
    ],
)
def test_a_page_with_no_article_is_a_parse_error(data: str, said: str) -> None:
    with pytest.raises(ParseError, match="no article found") as caught:
        tk_html.read(data)
    assert said in str(caught.value)
    assert (caught.value.format, caught.value.line) == ("html", 1)


def test_an_og_article_with_a_title_and_little_text_is_an_article() -> None:
    head = '<meta property="og:type" content="article"><meta property="og:title" content="Short">'
    assert tk_html.read(page(head, "<p>x</p>")).title == "Short"


# -- the corpus -----------------------------------------------------------------------------


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("body_eval", ROOT / "bench" / "body_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_body_against_trafilaturas_evaluation_snippets(shared: Path) -> None:
    evaluation = _eval_module()
    if not evaluation.EVALDATA.is_file():
        pytest.skip("../shared/corpus/html-evaldata.json is absent")
    rows, (found, wanted, leaked, unwanted) = evaluation.score(
        evaluation.threadkit_body, links=False
    )
    assert len(rows) == 17
    assert found >= 0.94 * wanted, rows
    assert leaked <= 0.06 * unwanted, rows


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # The entry's own headline, though og:title words it otherwise.
        ("spektrum.de.engelbart.html", "Die Ablehnung von “Gendersprache” – medial produziert"),
        # No metadata at all: the <h1>, not "... | Exxpress".
        (
            "exxpress.at-zaehne.html",
            "Zähne zusammenbeißen: Festspiel-Reisen von Van der Bellen kosteten 57.000 Euro",
        ),
        ("readability_002.html", "This API is so Fetching!"),
        (
            "handelsblatt.com.grenzschliessungen.html",
            "Grenzschließungen: Deutschland, Frankreich und die Rückkehr der Ressentiments",
        ),
        ("verfassungsblog.de.expertinnen.html", "Expert*innen in der Krise"),
    ],
)
def test_corpus_titles(shared: Path, name: str, title: str) -> None:
    path = shared / "corpus" / "html" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    assert tk_html.read(path.read_bytes()).title == title


def test_a_forum_post_without_any_title_is_no_article() -> None:
    # The opening post gives the article its text, but nothing on the page
    # names it: no <title>, no heading, no metadata. Found by tests/fuzz.
    page = (
        b"<!DOCTYPE html><html><head></head><body>"
        b'<article class="message message--post" data-author="Ada"><div class="message-content">'
        b'<time datetime="2020-04-21T16:40:00+02:00">21 April</time>'
        b'<div class="bbWrapper">My cat sheds all over the sofa.</div></div></article>'
        b"</body></html>"
    )
    with pytest.raises(ParseError, match="no article found") as caught:
        tk_html.read(page)
    assert caught.value.line == 1
