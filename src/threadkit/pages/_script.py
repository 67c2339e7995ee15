"""What a page says about its comments without holding them.

Pages whose comments load by script (Disqus, Facebook, Coral, Commento,
Hyvor...) hold only a placeholder; pages often state how many comments they
have, in schema.org's ``commentCount``, a heading such as "24 comments" or
"80 Kommentare", or a link to the page's own comments in its byline. Both
go into the report.
"""

from __future__ import annotations

import re

from lxml import etree

from threadkit.model import Article
from threadkit.pages._page import Page, all_text, line

__all__ = ["loaded_by_script", "stated_count"]

# Placeholders comment widgets fill in after the page has loaded.
_PLACEHOLDERS = (
    "disqus_thread",
    "coral_thread",
    "coral-thread",
    "commento",
    "hyvor-talk-view",
    "remark42",
    "isso-thread",
    "fb-comments",
    "comments-app",
    "vuukle-comments",
    "talkyard-comments",
    "cusdis_thread",
    "giscus",
    "utterances",
)
_SCRIPTS = re.compile(
    r"disqus\.com/embed\.js|\.disqus\.com|coralproject|commento\.io|hyvor\.com|"
    r"connect\.facebook\.net/[^\"']*sdk|utteranc\.es|giscus\.app|vuukle|talkyard|isso",
    re.IGNORECASE,
)
# "24 comments", "80 Kommentare", "12 commentaires", "3 comentarios", "5 komentarzy".
_COUNTED = re.compile(
    r"^\D{0,20}?(\d{1,6})\s*(?:comments?|kommentare?n?|commentaires?|comentarios?|"
    r"comentários?|commenti|reacties|reactie|komentarz[ey]?|komentarzy|kommentarer|"
    r"kommentti[a]?|komentář[ůe]?|комментари[йяев]+|responses?|replies|antworten|"
    r"leserkommentare|zuschriften|reaktionen)\b",
    re.IGNORECASE,
)


def loaded_by_script(page: Page) -> bool:
    """Whether the page holds an empty placeholder that a comment widget fills by script."""
    root = page.root
    for element in root.iter():
        identifier = element.get("id") or ""
        names = (element.get("class") or "").split()
        placeholder = identifier in _PLACEHOLDERS or any(n in _PLACEHOLDERS for n in names)
        if placeholder and (not all_text(element).strip() or len(element) == 0):
            return True
    for script in root.iter("script"):
        source = (script.get("src") or "") + (script.text or "")[:4000]
        if _SCRIPTS.search(source):
            return True
    return False


def stated_count(page: Page, article: Article) -> int | None:
    """How many comments the page says it has: schema.org ``commentCount``, else a heading."""
    stated = article.extra.get("commentCount")
    if isinstance(stated, int):
        return stated
    for heading in page.root.iter("h1", "h2", "h3", "h4"):
        text = line(all_text(heading))
        if text is None or len(text) > 80:
            continue
        match = _COUNTED.match(text)
        if match is not None and _near_comments(heading):
            return int(match.group(1))
    return _linked_count(page)


# The fragments themes link a story's comment count to ("54 Kommentare" in
# the byline, pointing at "#comments"). A widget's own count link
# ("#disqus_thread") is left out: its text is a placeholder its script fills.
_THREAD_FRAGMENTS = frozenset(
    ("comments", "comment", "respond", "kommentare", "commentaires", "comentarios", "reacties")
)


def _linked_count(page: Page) -> int | None:
    """The count a link to this page's own comments states, when every such link agrees."""
    address = (page.url or "").partition("#")[0].rstrip("/")
    counts = set()
    for link in page.root.iter("a"):
        target, _, fragment = (link.get("href") or "").strip().partition("#")
        if fragment.lower() not in _THREAD_FRAGMENTS:
            continue
        if target and (not address or target.rstrip("/") != address):
            continue  # another page's comments: a teaser
        text = line(all_text(link))
        match = _COUNTED.match(text) if text is not None and len(text) <= 40 else None
        if match is not None:
            counts.add(int(match.group(1)))
    return counts.pop() if len(counts) == 1 else None


def _near_comments(heading: etree._Element) -> bool:
    # A heading inside or just before something called comments, not a teaser.
    for node in (heading, *heading.iterancestors()):
        marks = ((node.get("id") or "") + " " + (node.get("class") or "")).lower()
        if "comment" in marks or "kommentar" in marks or "respond" in marks:
            return True
    return False
