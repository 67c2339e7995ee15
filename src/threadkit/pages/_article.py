"""The article of a page from elsewhere: its fields and its body, and whether it is one.

:func:`article_fields` puts together what :mod:`threadkit.pages._metadata`
finds (title, dek, authors, date, site, address, tags) and the body that
:mod:`threadkit.pages._body` finds, leaving out of the body the comment
region and the elements that show the other fields. :meth:`ArticleFields.problem`
says why a page is no article at all, for the :class:`ParseError`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

import attrs
from lxml import etree

from threadkit.pages._body import find_body
from threadkit.pages._metadata import metadata
from threadkit.pages._page import Page

__all__ = ["ArticleFields", "article_fields"]

# The title or headline of an error page, in several languages.
_ERROR_PAGE: Final = re.compile(
    r"^\W*(?:(?:error\s*)?(?:404|403|410|500|502|503)\b|page not found|not found|"
    r"file not found|access denied|forbidden|server error|"
    r"seite (?:wurde )?nicht gefunden|fehler 404|page (?:non |introuvable)|"
    r"página no encontrada|pagina non trovata|pagina niet gevonden|"
    r"oops|whoops|sorry,? (?:this|the) page)",
    re.IGNORECASE,
)
# A body longer than this is an article even under an error-like title.
_ERROR_BODY = 500
# When the body found in the page is shorter than this share of the
# schema.org articleBody, the page did not show its text (it loads it by
# script, or hides it): the stated text is the body.
_STATED_SHARE = 0.5


@attrs.define
class ArticleFields:
    """What a page holds of its article."""

    fields: dict[str, Any]
    """Keyword arguments for :class:`~threadkit.Article` (``comments`` aside)."""
    sources: list[str]
    """Where the fields came from, best first."""
    described: bool = False
    """The page says it is an article (schema.org article item, ``og:type`` article)."""

    def problem(self, comments: int) -> str | None:
        """Why the page is no article, given how many *comments* it has; ``None`` if it is one.

        A page is an article when it has a title and some text: a body, or
        comments, or metadata that says it is an article. A page with a
        title and nothing under it, or a body and no title of any kind, is
        not; nor is an error page ("404 Not Found", "Seite nicht gefunden")
        with little text.
        """
        title = self.fields.get("title")
        body = self.fields.get("body") or ""
        if title is None:
            return (
                "no article found: the page has no threadkit markup (<article data-threadkit>), "
                "no schema.org Article item, no Open Graph og:title, no <h1> and no <title>"
            )
        if _ERROR_PAGE.match(title) and len(body) < _ERROR_BODY:
            return f"no article found: the page is an error page ({title!r})"
        if not body and not comments and not self.described:
            return (
                "no article found: the page has no threadkit markup (<article data-threadkit>), "
                "no schema.org Article item or Open Graph article, no text under its title "
                "that could be told from its navigation, and no comments"
            )
        return None


def _plain(text: str) -> str:
    return " ".join(text.split())


def article_fields(
    page: Page,
    *,
    exclude: Sequence[etree._Element] = (),
    body: etree._Element | None = None,
) -> ArticleFields:
    """The fields of the article of *page*, and where they came from.

    Args:
        page: The page.
        exclude: Elements that are not the article: the comment region a
            comment rule found. Nothing in them is in the body, nor taken
            for a byline or a headline.
        body: The element whose text is the article's body, when a comment
            rule knows it: the opening post of a forum thread (see
            :attr:`threadkit.pages.Thread.article`). It is taken whole,
            less the boilerplate in it, even inside *exclude*.

    Returns:
        The fields (without ``title`` when the page has no title of any
        kind, without ``body`` when it has no text) and the sources they
        came from, best first: ``"json-ld"``, ``"microdata"``, ``"open
        graph"``, ``"meta"``, ``"html"``. :meth:`ArticleFields.problem`
        says whether they make an article.
    """
    found = metadata(page, exclude)
    fields = found.fields
    shown = found.shown

    def skip(element: etree._Element) -> bool:
        return element in shown

    result = find_body(
        page,
        exclude=exclude,
        element=body,
        stated=found.stated_body,
        skip=skip,
    )
    text = result.text
    stated = found.stated_body
    if stated and not stated.endswith(("...", "…")) and len(text) < len(stated) * _STATED_SHARE:
        text = stated
        if "json-ld" not in found.sources and "microdata" not in found.sources:
            found.sources.append("json-ld")
    lead = found.lead
    if lead and text and _plain(lead) not in _plain(text):
        text = f"{lead}\n\n{text}"
    if text:
        fields["body"] = text
        if "html" not in found.sources and text is result.text:
            found.sources.append("html")
    if text is result.text and result.links:
        # The body reads as its readers read it; where its links lead is
        # kept beside it, in the order they appear, each once.
        seen: dict[tuple[str, str], None] = dict.fromkeys(result.links)
        extra = dict(fields.get("extra") or {})
        extra["links"] = [{"text": shown, "url": url} for shown, url in seen]
        fields["extra"] = extra
    return ArticleFields(fields, found.sources, found.described)
