"""Real pages from ../shared/corpus/html, read as a reader of each page sees it.

Each expectation below was checked by hand against the page: the headline a
reader sees (its ``<h1>``, or the heading that begins the ``og:title``),
the comments and their depth as ``../shared/corpus/MANIFEST.md`` counts them
(pingbacks and trackbacks apart, a forum's opening post being the article),
the comment system that holds them, and the pingbacks. One page differs from
the manifest, on purpose: spektrum.de shows 59 elements marked as comments,
but five of them sit in the sidebar's "recent comments" widget and belong to
other articles; the page itself says "54 Kommentare".
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import threadkit
from threadkit.formats import html as tk_html
from threadkit.pages import PageReport

# file: (title, comments, depth, the rule that finds them, pingbacks)
PAGES: dict[str, tuple[str, int, int, str | None, int]] = {
    "californiaglobe.com.amazon.html": (
        "Amazon Liable for Defective Third-Party Products Rules CA Appellate Court",
        *(12, 2, "wordpress", 8),
    ),
    "cicero.de.pandemie.html": (
        "Corona-Pandemie - „Es kommt auch darauf an, wie die Menschen sterben“",
        *(8, 2, "drupal", 0),
    ),
    "cubadebate.cu-sesiona.html": (
        "Sesiona IV Pleno del Comité Central del Partido",
        *(11, 3, "wordpress", 0),
    ),
    "dietagespresse.com-halloween.html": (
        "Halloween: Bizarrer Horrorclown versetzt Österreich in Angst und Schrecken",
        *(6, 2, "wordpress", 0),
    ),
    "exxpress.at-zaehne.html": (
        "Zähne zusammenbeißen: Festspiel-Reisen von Van der Bellen kosteten 57.000 Euro",
        *(25, 2, "wordpress", 0),
    ),
    "golfpost.de-premiere.html": (
        "Golf im TV: Klassiker auf der PGA Tour, Premiere beim Desert Swing",
        *(33, 3, "wordpress", 0),
    ),
    "gormulus.wordpress.com.durfen.html": (
        "„Das wird man ja wohl noch sagen dürfen!“",
        *(40, 3, "wordpress", 5),
    ),
    "handelsblatt.com.grenzschliessungen.html": (
        "Grenzschließungen: Deutschland, Frankreich und die Rückkehr der Ressentiments",
        *(3, 1, "schema.org (microdata)", 0),
    ),
    "hpd.de-Homosexuellenhass.html": (
        "Sie wissen (nicht), was sie tun: Identitätspolitische Linke unterschlägt den "
        "Homosexuellenhass neuer Qualität",
        *(10, 4, "drupal", 0),
    ),
    "katzen-forum.net-Pepe.html": (
        "Jede Nacht verliert Pepe soviel Dreck aus dem Fell",
        *(17, 1, "xenforo", 0),
    ),
    "lopinion.fr.glyphosate.html": (
        "Glyphosate: radiographie d’une intoxication collective",
        *(6, 1, "drupal", 0),
    ),
    "moritz-meyer.net.vreni.html": (
        "Ich habe das Vreni Frost-Urteil gelesen. Das müsst ihr jetzt dazu wissen.",
        *(20, 4, "wordpress", 16),
    ),
    "netzpolitik.org.abmahnungen.html": (
        "Die Cider Connection: Abmahnungen gegen Nutzer von Creative-Commons-Bildern",
        *(74, 5, "wordpress", 0),
    ),
    "newspaper4k_latvian_article.html": (
        "Norvēģijā pēc zemes nogruvuma pieci bojāgājušie",
        *(0, 0, None, 0),
    ),
    "readability_002.html": ("This API is so Fetching!", *(2, 2, "wordpress", 0)),
    "readability_aclu.html": (
        "Facebook Is Tracking Me Even Though I’m Not on Facebook",
        *(10, 2, "drupal", 0),
    ),
    "readability_citylab-1.html": (
        "Why Neon Is the Ultimate Symbol of the 20th Century",
        *(0, 0, None, 0),
    ),
    "readability_pixnet.html": ("新竹尖石_美樹營地賞楓 (2)", *(39, 1, "pixnet", 0)),
    "readability_schema-org-context-object.html": (
        "South Korean president’s impeachment fails after ruling party lawmakers walk out",
        *(0, 0, None, 0),
    ),
    "readability_wordpress.html": (
        "Stack Overflow Jobs Data Shows ReactJS Skills in High Demand, "
        "WordPress Market Oversaturated with Developers",
        *(13, 4, "wordpress-epoch", 0),
    ),
    "spektrum.de.engelbart.html": (
        "Die Ablehnung von “Gendersprache” – medial produziert",
        *(54, 2, "wordpress", 0),
    ),
    "uebermedien.de-Israel.html": (
        "Gute Tabus, schlechte Tabus: Die vertauschten Rollen in der Debatte über Israel",
        *(17, 1, "wordpress", 0),
    ),
    "verfassungsblog.de.expertinnen.html": ("Expert*innen in der Krise", *(5, 3, "wordpress", 0)),
    "zdnet.de.facebook.html": ("Facebook wehrt sich gegen Maas-Gesetz", *(2, 1, "wordpress", 0)),
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
    title, comments, depth, rule, pingbacks = PAGES[name]
    reports: list[PageReport] = []
    article = threadkit.loads(
        (corpus(shared) / name).read_bytes(), format="html", report=reports.append
    )
    (report,) = reports
    assert article.title == title
    assert (article.comment_count, article.depth) == (comments, depth)
    assert report.rule == rule
    assert report.pingbacks == pingbacks
    assert len(article.extra.get("pingbacks", ())) == pingbacks
    # Every comment found has its author: these pages all show one.
    assert all(visit.comment.author is not None for visit in article.visits())


def test_comments_that_load_by_script_are_said_to_be_missing(shared: Path) -> None:
    reports: list[PageReport] = []
    data = (corpus(shared) / "readability_citylab-1.html").read_bytes()
    threadkit.loads(data, format="html", report=reports.append)
    assert not reports[0].comments_in_page
    assert not reports[0].complete


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
