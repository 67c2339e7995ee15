"""Real pages from ../shared/corpus/html read through their schema.org markup.

Each expectation below was checked by hand against the page source: the
headline (JSON-LD ``headline``, microdata ``headline``/``name``, or
``og:title`` where the page has no schema.org article), and the comments
that schema.org markup marks up. Most of these pages show a comment section
to readers but mark none of it up, so the reader finds no comments there and
must not invent any. Pages with neither a schema.org article nor Open Graph
``og:type`` ``article`` are not articles for the reader.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from threadkit import ParseError
from threadkit.formats import html as tk_html

# file: (title, comments found through schema.org, where the article markup is)
PAGES: dict[str, tuple[str | None, int, str]] = {
    "californiaglobe.com.amazon.html": (
        "Amazon Liable for Defective Third-Party Products Rules CA Appellate Court",
        0,
        "JSON-LD Article in @graph; 20 comments on the page, none marked up",
    ),
    "cicero.de.pandemie.html": (
        "Corona-Pandemie - „Es kommt auch darauf an, wie die Menschen sterben“",
        8,
        "microdata Article, h1 itemprop=headline; comments in RDFa (typeof schema:Comment)",
    ),
    "cubadebate.cu-sesiona.html": (
        "Sesiona IV Pleno del Comité Central del Partido",
        0,
        "Open Graph only",
    ),
    "dietagespresse.com-halloween.html": (
        "Halloween: Bizarrer Horrorclown versetzt Österreich in Angst und Schrecken",
        0,
        "JSON-LD Article with commentCount 6, and microdata Article",
    ),
    "exxpress.at-zaehne.html": (None, 0, "no schema.org article, no og:type"),
    "golfpost.de-premiere.html": (
        "Golf im TV: Klassiker auf der PGA Tour, Premiere beim Desert Swing",
        0,
        "Open Graph (microdata has an Organization only)",
    ),
    "gormulus.wordpress.com.durfen.html": (
        "„Das wird man ja wohl noch sagen dürfen!“",
        0,
        "Open Graph, title with character references",
    ),
    "handelsblatt.com.grenzschliessungen.html": (
        "Deutschland und Frankreich: Der enge Partner wird zum Fremden",
        3,
        "JSON-LD NewsArticle; microdata comments typed http://schema.org/comment",
    ),
    "hpd.de-Homosexuellenhass.html": (
        "Sie wissen (nicht), was sie tun: Identitätspolitische Linke unterschlägt den "
        "Homosexuellenhass neuer Qualität",
        10,
        "microdata Article, h1 itemprop=name; untyped itemprop=comment bodies",
    ),
    "katzen-forum.net-Pepe.html": (
        "Jede Nacht verliert Pepe soviel Dreck aus dem Fell",
        17,
        "JSON-LD DiscussionForumPosting; XenForo posts, the first of 18 is the article",
    ),
    "lopinion.fr.glyphosate.html": (
        "Glyphosate: radiographie d’une intoxication collective",
        6,
        "JSON-LD NewsArticle; Drupal 7 comments (div.comment after a#comment-N)",
    ),
    "moritz-meyer.net.vreni.html": (
        "Ich habe das Vreni Frost-Urteil gelesen. Das müsst ihr jetzt dazu wissen.",
        0,
        "Open Graph only",
    ),
    "netzpolitik.org.abmahnungen.html": (None, 0, "no schema.org article, no og:type"),
    "newspaper4k_latvian_article.html": (
        "Norvēģijā pēc zemes nogruvuma pieci bojāgājušie",
        0,
        "JSON-LD NewsArticle (headline ends in a line feed)",
    ),
    "readability_002.html": (None, 0, "no schema.org article, no og:type"),
    "readability_aclu.html": (
        "Facebook Is Tracking Me Even Though I’m Not on Facebook",
        10,
        "JSON-LD Article wrapped in CDATA markers; Drupal 6 comments",
    ),
    "readability_citylab-1.html": (
        "Why Neon Is the Ultimate Symbol of the 20th Century",
        0,
        "microdata NewsArticle (og:title differs); Disqus placeholder only",
    ),
    "readability_pixnet.html": (
        "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::",
        39,
        "Open Graph (microdata Blog is not an article); PIXNET's visitor comments",
    ),
    "readability_schema-org-context-object.html": (
        "South Korean president’s impeachment fails after ruling party lawmakers walk out",
        0,
        "JSON-LD NewsArticle whose @context is an object",
    ),
    "readability_wordpress.html": (
        "Stack Overflow Jobs Data Shows ReactJS Skills in High Demand, "
        "WordPress Market Oversaturated with Developers",
        13,
        "microdata BlogPosting; the Epoch comments plugin",
    ),
    "spektrum.de.engelbart.html": (
        "Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs",
        0,
        "Open Graph only",
    ),
    "uebermedien.de-Israel.html": (
        "Gute Tabus, schlechte Tabus: Die vertauschten Rollen in der Debatte über Israel",
        0,
        "JSON-LD Article with commentCount 17",
    ),
    "verfassungsblog.de.expertinnen.html": ("Expert*innen in der Krise", 0, "Open Graph only"),
    "zdnet.de.facebook.html": (
        "Facebook wehrt sich gegen Maas-Gesetz",
        2,
        "JSON-LD and microdata NewsArticle; WordPress comments without comment_class()",
    ),
}


def corpus(shared: Path) -> Path:
    folder = shared / "corpus" / "html"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/html is absent")
    return folder


def test_every_page_of_the_corpus_is_listed(shared: Path) -> None:
    assert sorted(path.name for path in corpus(shared).glob("*.html")) == sorted(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page(shared: Path, name: str) -> None:
    title, comments, _ = PAGES[name]
    data = (corpus(shared) / name).read_bytes()
    if title is None:
        with pytest.raises(ParseError, match="no article found"):
            tk_html.read(data)
        return
    article = tk_html.read(data)
    assert article.title == title
    assert article.comment_count == comments


def test_handelsblatt_comments(shared: Path) -> None:
    data = (corpus(shared) / "handelsblatt.com.grenzschliessungen.html").read_bytes()
    article = tk_html.read(data)
    assert article.depth == 1
    authors = [c.author.name if c.author else None for c in article.comments]
    assert authors == ["Steffen Ecks", "Tobias Schmitz", "Hans Bajohr"]
    assert article.comments[0].published == datetime(
        2020, 4, 28, 10, 27, 29, tzinfo=timezone(timedelta(hours=2))
    )
    assert article.comments[0].text.startswith("Diese ganze Situation")
    assert article.comments[0].text.endswith('wo Schengen "zu Hause" ist.')
    assert article.authors[0].name == "Thomas Hanke"


def test_hpd_comments_are_text_only(shared: Path) -> None:
    # Drupal 7: the names and dates are read apart from the text, the
    # replies are threaded by their div.indented, "Antworten" is no text.
    article = tk_html.read((corpus(shared) / "hpd.de-Homosexuellenhass.html").read_bytes())
    first = article.comments[0]
    assert first.text == (
        "Dieser Spruch von Siegmund Freud trifft auf alle extremen Denkungsarten zu und macht "
        "deutlich, wie Hass und Hetze, fernab jeglicher Vernunft entsteht."
    )
    assert first.author is not None
    assert first.author.name == "Gerhard Baierlein"
    assert article.depth == 4
    deepest = article.comments[2].replies[0].replies[0].replies[0]
    assert deepest.text == "Fair enough. Vielen Dank für die Klarstellung."


def test_declared_comment_counts_are_kept(shared: Path) -> None:
    folder = corpus(shared)
    for name, count in (
        ("californiaglobe.com.amazon.html", 20),
        ("dietagespresse.com-halloween.html", 6),
        ("uebermedien.de-Israel.html", 17),
    ):
        assert tk_html.read((folder / name).read_bytes()).extra["commentCount"] == count


def test_a_late_charset_declaration(shared: Path) -> None:
    # exxpress.at declares its charset 1.5 KB into the page.
    data = (corpus(shared) / "exxpress.at-zaehne.html").read_bytes()
    assert data.find(b'<meta charset="UTF-8"') > 1024
    title = tk_html.parse(data).findtext(".//title")
    assert title == (
        "Zähne zusammenbeißen: Festspiel-Reisen von Van der Bellen kosteten 57.000 Euro | Exxpress"
    )
