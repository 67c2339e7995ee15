"""The general rule: comment-like blocks on a page no rule was written for.

Tried last. It looks only where a page says its comments are: under an
element whose ``id`` or ``class`` names comments in one of the languages
below (``comments``, ``kommentare``, ``commentaires``, ``comentarios``,
``reacties``, ``discussion``, ``responses``...), or after a heading such as
"24 Kommentare" or "Comments (3)". There it groups the elements by
signature (tag and class tokens, less the ones that vary from comment to
comment: ``odd``, ``depth-2``, ``comment--reply``, ids...) and takes the
group whose members look like comments: each has, outside the comments
nested in it, a part naming an author, a part showing a date (a ``<time>``
or a text the date patterns or the date parser recognise) and some text.
At least two members must pass, and most of the group.

It never reads what only looks like that: sidebars and widgets ("recent
comments", "most commented"), teaser and related-article lists (their
blocks lead to other pages), navigation, and reply forms are left out.

Replies are found by nesting (a comment inside another, or in a replies
container after it), by depth classes (``depth-2``, ``level-1``,
``indent-3``), or by the indentation a ``style`` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lxml import etree

from threadkit.model import Author, JSONValue
from threadkit.pages._byline import byline_name, looks_like_date, only_says
from threadkit.pages._dates import find_date, is_relative
from threadkit.pages._engine import (
    UI,
    anchor_before,
    from_depths,
    gone,
    hollow,
    in_widget,
    parents,
    says_something,
    text_outside,
)
from threadkit.pages._engine import (
    region as common,
)
from threadkit.pages._fields import author_of, count_in, date_of, text_of
from threadkit.pages._page import Page, all_text, classes, line, resolve
from threadkit.pages._rules import Found, Thread

__all__ = ["FINDER"]

# Words that name a comment section, in ids and classes ("comment-list",
# "kommentare", "js-comments", "reacties", "discussion-thread").
_SECTION = re.compile(
    r"comment|kommentar|commentaire|comentario|comentário|commenti|komentar|komentář|"
    r"kommentti|kommentaar|reactie|reaktion|reacci|réaction|discuss|diskuss|discusi|"
    r"diskuse|dyskusj|keskustelu|responses|replies|leserbrief|leserstimme|lesermeinung|"
    r"leserforum|postings|yorum|hozzaszol|hozzászól",
    re.IGNORECASE,
)
# Tokens that name something else about comments: widgets of recent or
# popular comments, related lists, the form, the counter, the link to them.
_NOT_SECTION = re.compile(
    r"widget|sidebar|recent|latest|newest|popular|most|top-|related|teaser|neueste|meist|"
    r"beliebt|dernier|populaire|reciente|populares|ultimi|recenti|nieuwste|najnowsze|count|"
    r"link|form|respond|policy|rules|netiquette|guideline|closed|disabled|icon|button|btn|"
    r"toggle|share|rss|feed",
    re.IGNORECASE,
)
# A heading over the comments: "24 Kommentare", "Comments (3)", "Kommentare",
# "3 条评论", "コメント (5)"; short, and not a widget's or a form's heading.
_HEADING = re.compile(
    r"^.{0,20}?(?:comments?|kommentare?|leserkommentare|lesermeinungen|leserbriefe|"
    r"commentaires?|comentarios?|comentários?|commenti|reacties|reactie|reaktionen|"
    r"komentarze|komentarzy|komentáře|kommentarer|kommentit|yorumlar|hozzászólások|"
    r"discussion|diskussion|diskuse|dyskusja|responses?|replies|antworten|réactions|"
    r"reacciones|postings|コメント|留言|评论|評論|回應|댓글|комментари\w*|σχόλια|"
    r"תגובות|تعليقات)(?!\w*[-_])[^.!?]{0,40}$",
    re.IGNORECASE,
)
# Headings of widgets and forms: "Recent comments", "Kommentar schreiben".
_NOT_HEADING = re.compile(
    r"recent|latest|newest|popular|most|top|neueste|letzte|meist|beliebt|dernier|populaire|"
    r"reciente|más|ultimi|più|nieuwste|najnowsze|leave|write|add|post a|your|schreiben|"
    r"verfassen|hinzufügen|ihr |laisser|écrire|ajouter|deja|escrib|añad|lascia|scrivi|"
    r"aggiungi|plaats|schrijf|napisz|dodaj|policy|rules|regeln|richtlinien|netiquette|"
    r"charte|normas|closed|geschlossen|fermés|cerrados|deaktiviert|disabled",
    re.IGNORECASE,
)
# Class tokens that change from one comment to the next, left out of a
# signature: zebra and position classes, depth and level, author and
# state marks, BEM modifiers ("comment--reply") and anything numbered
# ("depth-2", "comment-4711"); generated names ("sc-x7fKq") stay.
_VARYING = re.compile(
    r"\d$|\d{4}|--|^(?:odd|even|alt|first|last|new|unread|read|parent|child|children|reply|replies|"
    r"answer|nested|sub|indented?|active|open|closed|collapsed|expanded|selected|highlighted?|"
    r"hidden|visible|deleted|removed|pending|approved|unapproved|moderated|spam|featured|"
    r"pinned|sticky|top|own|mine|byuser|bypostauthor|by-author|by-moderator|staff|admin|"
    r"moderator|editor|author|op|guest|anonymous|registered|verified|premium|thread-.*|"
    r"depth-.*|level-.*|is-.*|has-.*|comment-author-.*|comment-by-.*|by-.*|js-.*)$"
    # The commenter's role, or a reply's mark, inside a compound token:
    # "wc-blog-guest", "role-admin", "wc-reply".
    r"|[-_](?:guest|users?|admin|administrator|moderator|editor|subscriber|member|owner|staff|"
    r"anonymous|registered|verified|post_?author|contributor|reply|child|nested|answer|"
    r"response|sub)$",
    re.IGNORECASE,
)
# Parts of a comment that name its author, by class, id, itemprop or rel.
_AUTHORISH = re.compile(
    r"author|user|name|nick|\bfn\b|poster|member|autor|auteur|autore|commenter|byline|"
    r"h-card|vcard|profile|benutzer|nutzer|usuario|utilisateur|utente|gebruiker|"
    r"uzytkownik|użytkownik|naam|\bnom\b|nombre|nome|imie|imię|jmeno|jméno|navn|namn|"
    r"nimi|isim|kullanici|signatur|verfasser|schreiber|redacteur|rédacteur",
    re.IGNORECASE,
)
_NOT_AUTHOR = re.compile(r"avatar|photo|picture|image|img|icon|badge|count|link-to", re.I)
# Addresses of a commenter's page on the site.
_PROFILE = re.compile(
    r"/(?:users?|profil(?:e|es)?|members?|mitglieder|benutzer|nutzer|author|autor|auteur|"
    r"people|u|usuario|utilisateur|utente|gebruiker|uzytkownik|community/user)/",
    re.IGNORECASE,
)
# Parts that hold the comment's date, by class or id.
_DATEISH = re.compile(
    r"date|time|datum|zeit|fecha|hora|data|heure|tijd|czas|posted|published|created|ago|when|"
    r"meta|stamp|kiedy",
    re.IGNORECASE,
)
# Parts that hold the comment's text.
_TEXTISH = re.compile(
    r"text|body|content|message|entry|inhalt|texte|contenu|contenido|testo|tekst|tresc|"
    r"treść|msg|post-?text|description|corpo|cuerpo",
    re.IGNORECASE,
)
# Containers of replies.
_REPLIES = re.compile(
    r"^(?:children|replies|reply-list|responses|answers|antworten|respuestas|réponses|"
    r"risposte|reacties|odpowiedzi|sub-?comments?|comment-?children|child-?comments|"
    r"nested(?:-comments)?|indented|thread-?children|kids|comments?-replies|replies-list)$",
    re.IGNORECASE,
)
# "depth-2", "level-1", "commentlevel-0", "wpd_comment_level-2", "indent-3".
_DEPTH = re.compile(
    r"(?:^|\s)\S*?(?:depth|level|lvl|indent|nivel|niveau|ebene|tiefe|nest)[-_]?(\d{1,2})(?=\s|$)",
    re.IGNORECASE,
)
_INDENT = re.compile(r"(?:margin|padding)-left\s*:\s*(\d+(?:\.\d+)?)\s*(px|em|rem|%)?", re.I)
# Controls and their labels, never text: class tokens, then short link or
# button texts in several languages ("Reply", "Antworten", "Melden", "J'aime").
_CONTROL_CLASS = re.compile(
    r"^(?:.*[-_])?(?:reply|respond|antwort(?:en)?|report|flag|melden|vote|votes|voting|like|"
    r"likes|rating|ratings|share|sharing|actions?|buttons?|btn|toolbar|tools|controls|"
    r"avatar|edit|delete|moderation|permalink|quote-link|menu|dropdown)(?:[-_].*)?$",
    re.IGNORECASE,
)
_CONTROL_TEXT = re.compile(
    r"^\W*(?:reply|antworten|antwort|répondre|repondre|responder|responde|rispondi|odpowiedz|"
    r"beantwoorden|reageer|reageren|svara|svar|vastaa|odpovědět|report|melden|signaler|"
    r"denunciar|segnala|zgłoś|rapporteren|like|liken|gefällt mir|j'aime|me gusta|mi piace|"
    r"lubię to|share|teilen|partager|compartir|condividi|edit|bearbeiten|modifier|editar|"
    r"modifica|delete|löschen|supprimer|eliminar|elimina|permalink|link|quote|zitieren|"
    r"citer|citar|cita|upvote|downvote|flag|recommend|empfehlen|recommander|recomendar|"
    # What themes put after the name: "says:", "sagt:", "dijo:".
    r"says|said|wrote|writes|sagt|schreibt|schrieb|meint|dit|a dit|écrit|a écrit|dice|dijo|"
    r"escribió|scrive|ha scritto|zegt|schreef|pisze|napisał|napisała|disse|diz|escreveu)"
    r"\W*(?:\(?\d+\)?)?\W*$|^\s*[+\-−]?\d{1,6}\s*$|^\W{1,3}$",
    re.IGNORECASE,
)
_CONTROL_TAGS = frozenset({"a", "button", "span", "li", "small", "i", "em", "b", "label"})
_DIGIT = re.compile(r"\d")
_PINGBACK = re.compile(r"(?i)\W*(?:pingback|trackback|rétrolien)\b")
_ADDRESS = re.compile(r" ?<(?:https?|mailto):[^<>\s]*>")
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}\b")
# Headings of teasers lead elsewhere; a comment's heading (a subject) does not.
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _elements(
    root: etree._Element, tags: Sequence[str] = (), *, within: bool = False
) -> Iterator[etree._Element]:
    """*root* and the elements inside it (only those inside, *within*), in document order.

    lxml's ``iter()`` slows down with the square of the depth, and hostile
    pages nest deep; a walk does not.
    """
    for _, element in etree.iterwalk(root, events=("start",), tag=tags or None):
        if within and element is root:
            continue
        yield element


def _tokens(element: etree._Element) -> list[str]:
    names = classes(element)
    identifier = element.get("id")
    if identifier:
        names.append(identifier)
    return names


# Elements that can hold a comment section.
_BLOCKS = frozenset(
    {"div", "section", "article", "aside", "main", "footer", "ul", "ol", "dl", "table", "tbody"}
)


def _is_section(element: etree._Element) -> bool:
    if element.tag not in _BLOCKS:
        return False
    return any(_SECTION.search(t) and not _NOT_SECTION.search(t) for t in _tokens(element))


def _regions(page: Page) -> list[list[etree._Element]]:
    """Where the comments may be: sections named so, and what follows a comments heading."""
    found: list[list[etree._Element]] = []
    sections = [e for e in _elements(page.root) if _is_section(e)]
    for element in sections:
        if page.inside(element, "comment section", _section, words=_SECTION) or _excluded(
            element, page
        ):
            continue
        found.append([element])
    for heading in _elements(page.root, _HEADINGS):
        text = line(all_text(heading))
        if text is None or not _HEADING.match(text) or _NOT_HEADING.search(text):
            continue
        if _excluded(heading, page):
            continue
        level = int(heading.tag[1])
        following: list[etree._Element] = []
        for sibling in heading.itersiblings(etree.Element):
            if sibling.tag in _HEADINGS and int(sibling.tag[1]) <= level:
                break
            following.append(sibling)
        if following:
            found.append(following)
    return found


# Tokens of lists that hold comments, or teasers, from elsewhere: a word at
# the start of the token or of one of its parts ("widget_recent_comments",
# "recentcomments", "most-commented", "related-posts"), or a sidebar. Layout
# classes that only mention a sidebar ("two-col-sidebar-right") do not count.
_ELSEWHERE = re.compile(
    r"(?:^|[-_])(?:widget|recent|latest|newest|popular|most|related|teaser|neueste|meist|"
    r"beliebt|dernier|populaire|reciente|populares|ultimi|recenti|nieuwste|najnowsze)"
    r"|^(?:sidebar|sidebars|side-bar)(?:[-_]?\d+)?$",
    re.IGNORECASE,
)


def _from_elsewhere(node: etree._Element) -> bool | None:
    # Navigation, a form, a list of things from elsewhere, a sidebar: what
    # is inside it is no comment of this page's.
    if node.tag in ("body", "html"):
        return None
    if node.tag in ("nav", "form", "template"):
        return True
    if any(_ELSEWHERE.search(t) for t in _tokens(node)):
        return True
    # A sidebar, unless it is the comment section itself.
    if node.tag == "aside" and not _is_section(node):
        return True
    return None


def _section(node: etree._Element) -> bool | None:
    return True if _is_section(node) else None


def _excluded(element: etree._Element, page: Page) -> bool:
    """Whether *element* is in a widget, a list of things from elsewhere, a form or navigation."""
    return (
        in_widget(element, page)
        or _from_elsewhere(element) is True
        or page.inside(
            element,
            "elsewhere",
            _from_elsewhere,
            tags=("nav", "form", "template", "aside"),
            words=_ELSEWHERE,
        )
    )


def _signature(element: etree._Element) -> tuple[str, frozenset[str]]:
    kept = frozenset(t.lower() for t in classes(element) if not _VARYING.search(t))
    return str(element.tag), kept


def _walk(
    element: etree._Element, stop: set[etree._Element] | frozenset[etree._Element]
) -> Iterator[etree._Element]:
    """*element*'s descendants, without entering the elements in *stop*."""
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node in stop:
            continue
        yield node
        stack.extend(reversed(node))


class _Parts:
    """What one candidate comment holds, outside the comments nested in it."""

    __slots__ = ("author", "byline", "controls", "date", "date_text", "text", "text_element")

    def __init__(self) -> None:
        self.author: etree._Element | None = None
        self.byline: str | None = None
        self.date: etree._Element | None = None
        self.date_text: str | None = None
        self.text_element: etree._Element | None = None
        self.controls: set[etree._Element] = set()
        self.text = ""


def _date_like(text: str, page: Page) -> bool:
    if looks_like_date(text) or is_relative(text):
        return True
    found: object = find_date(text, language=page.language, default_offset=page.offset)
    return found is not None


def _name_like(node: etree._Element, page: Page) -> bool:
    # A short text of its own (no elements inside), no date, no anchor link,
    # not named as the text or a picture.
    text = _short(node, 60)
    if text is None or len(node) or _date_like(text, page):
        return False
    if node.tag == "a" and (node.get("href") or "").startswith("#"):
        return False
    names = " ".join(_tokens(node))
    if _TEXTISH.search(names) or _NOT_AUTHOR.search(names):
        return False
    return byline_name(text) is not None


def _mostly_date(element: etree._Element) -> bool:
    # A date, maybe a name and a few words; not a sentence that has one.
    text = _short(element, 80) or ""
    return len(byline_name(text) or "") <= 40 and text.count(" ") <= 10


def _short(element: etree._Element, limit: int = 100) -> str | None:
    text = line(all_text(element))
    return text if text is not None and len(text) <= limit else None


def _parts(
    member: etree._Element,
    members: frozenset[etree._Element],
    page: Page,
    ui: set[etree._Element],
) -> _Parts:
    parts = _Parts()
    own = list(_walk(member, members))
    own_set = set(own)
    for node in own:
        if node in ui or _control(node):
            parts.controls.add(node)
    usable = [n for n in own if not _inside(n, parts.controls, member)]
    # The date: a <time> or datetime attribute, else the first short part
    # whose text is a date.
    for node in usable:
        if node.tag == "time" or node.get("datetime"):
            parts.date = node
            break
    if parts.date is None:
        dated = [n for n in usable if (t := _short(n, 80)) is not None and _date_like(t, page)]
        inner = set(dated)
        # The innermost: "於 2013/12/28" rather than the line holding it; and
        # one named a date or holding little else before a sentence that
        # happens to mention a date.
        innermost = [n for n in dated if not any(d in inner for d in _elements(n, within=True))]
        innermost.sort(
            key=lambda n: 0 if _DATEISH.search(" ".join(_tokens(n))) or _mostly_date(n) else 1
        )
        if innermost:
            parts.date = innermost[0]
    if parts.date is not None and not _TIME.search(all_text(parts.date)):
        # "April 5, 2018" with "6:32 PM" beside it: the line holding both.
        line_holder = parts.date.getparent()
        while line_holder is not None and line_holder is not member and line_holder in own_set:
            text = _short(line_holder, 100)
            if text is None or not _date_like(text, page):
                break
            if _TIME.search(text):
                parts.date = line_holder
                break
            line_holder = line_holder.getparent()
    if parts.date is None:
        # A date written straight into the comment, in no element of its own.
        for node in (member, *usable):
            for piece in (node.text, *(child.tail for child in node)):
                text = line(piece)
                if text and len(text) <= 80 and _date_like(text, page):
                    parts.date_text = text
                    break
            if parts.date_text:
                break
    # The author: a part named so, else the name beside the date.
    named = []
    for node in usable:
        names = " ".join([*_tokens(node), node.get("itemprop") or "", node.get("rel") or ""])
        if not _AUTHORISH.search(names) or _NOT_AUTHOR.search(names) or _TEXTISH.search(names):
            continue
        text = _short(node, 120)
        if text and byline_name(text):
            named.append(node)
    # The innermost: "b.fn" rather than the header holding it and a badge.
    inner = set(named)
    for node in named:
        if not any(d in inner for d in _elements(node, within=True)):
            parts.author = node
            break
    if parts.author is None:
        holder = parts.date.getparent() if parts.date is not None else None
        for candidate in (parts.date, holder):
            if candidate is None or candidate is member:
                continue
            text = _short(candidate, 120)
            name = byline_name(text) if text else None
            if name and not _date_like(name, page):
                parts.author = candidate
                break
    if parts.author is None and parts.date_text:
        name = byline_name(parts.date_text)
        if name and not _date_like(name, page):
            parts.byline = name
    if parts.author is None and parts.byline is None:
        # Else a link to the commenter's profile, or the name that stands
        # beside the date in the comment's header: the first short text
        # before the date, else next to it, that is no date, control or body.
        for node in usable:
            if (
                node.tag == "a"
                and _PROFILE.search(node.get("href") or "")
                and _name_like(node, page)
            ):
                parts.author = node
                break
    if parts.author is None and parts.byline is None:
        position = {node: number for number, node in enumerate(usable)}
        end = position.get(parts.date, len(usable)) if parts.date is not None else len(usable)
        beside = list(parts.date.itersiblings()) if parts.date is not None else []
        for node in [*usable[:end], *beside]:
            if node in position and _name_like(node, page):
                parts.author = node
                break
    if (parts.date is None and parts.date_text is None) or (
        parts.author is None and parts.byline is None
    ):
        return parts  # no comment: its text is not needed
    # The text: the comment less its parts, or its text element when that
    # holds most of it. Elements left with nothing to say once the parts are
    # out (a header, a floor number "#3", an empty list item) are skipped.
    taken = {p for p in (parts.author, parts.date) if p is not None} | parts.controls

    def skipped(node: etree._Element) -> bool:
        return node in members or node in taken

    # Whatever says nothing once the parts and the replies are out: a floor
    # number, a count, the list item around a reply, a bare "says:".
    empty = hollow(member, taken, skipped)
    for node in usable:
        if node.tag in ("br", "hr", "wbr") or node in taken:
            continue
        left = text_outside(node, skipped)
        if not says_something(left) or only_says(left):
            empty.add(node)

    def skip(node: etree._Element) -> bool:
        return node in members or node in taken or node in empty

    whole = text_of(member, page, skip=skip)
    best, best_size = None, 0
    for node in usable:
        names = " ".join([*_tokens(node), node.get("itemprop") or ""])
        if not _TEXTISH.search(names) or _NOT_AUTHOR.search(names) or node in taken:
            continue
        # A header holding the name or the date is not the text.
        if any(_contains(node, part, member) for part in (parts.author, parts.date)):
            continue
        text = text_of(node, page, skip=skip)
        if len(text) > best_size:
            best, best_size = node, len(text)
    if best is not None and best_size >= len(whole) * 0.5:
        parts.text_element = best
        parts.text = text_of(best, page, skip=skip)
    else:
        parts.text = whole
    if parts.date_text and parts.text.startswith(parts.date_text):
        parts.text = parts.text[len(parts.date_text) :].lstrip()
    # "Anna sagt:" with the name read: a first line that only says "sagt:".
    head, _, rest = parts.text.partition("\n")
    if only_says(head):
        parts.text = rest.lstrip("\n")
    if parts.byline and parts.text.startswith(parts.byline):
        parts.text = parts.text[len(parts.byline) :].lstrip(" ,:-–|\n")
    return parts


def _inside(node: etree._Element, group: set[etree._Element], stop: etree._Element) -> bool:
    current: etree._Element | None = node
    while current is not None and current is not stop:
        if current in group:
            return True
        current = current.getparent()
    return False


def _contains(outer: etree._Element, inner: etree._Element | None, stop: etree._Element) -> bool:
    return inner is not None and outer is not stop and _inside(inner, {outer}, stop)


def _control(node: etree._Element) -> bool:
    if node.tag in ("form", "button", "input", "select", "textarea", "svg", "img"):
        return True
    if any(_CONTROL_CLASS.match(token) for token in classes(node)):
        return True
    if node.tag in _CONTROL_TAGS:
        text = _short(node, 30)
        if text is not None and _CONTROL_TEXT.match(text):
            return True
    return False


def _teaser(
    member: etree._Element, members: frozenset[etree._Element], parts: _Parts, page: Page
) -> bool:
    """Whether a block leads elsewhere (a related article, a recent comment elsewhere).

    A teaser's heading links to another page, or most of its text is links
    to other pages; the author's link, a comment's own links in passing do
    not count.
    """
    here = (page.url or "").split("#", 1)[0]
    taken = {p for p in (parts.author, parts.date) if p is not None} | parts.controls
    links = [
        node
        for node in _walk(member, members)
        if node.tag == "a" and node.get("href") and not _inside(node, taken, member)
    ]
    away = [a for a in links if _elsewhere(a.get("href") or "", here, page)]
    for link in away:
        if any(ancestor.tag in _HEADINGS for ancestor in link.iterancestors()):
            return True
    # The text as shown: without the addresses kept after link texts.
    text = " ".join(_ADDRESS.sub("", parts.text).split())
    linked = sum(len(" ".join(all_text(a).split())) for a in away)
    return bool(text) and linked >= 0.6 * len(text)


def _elsewhere(href: str, here: str, page: Page) -> bool:
    if href.startswith("#") or href.lower().startswith(("javascript:", "mailto:")):
        return False
    target = resolve(href, page.base)
    if target is None:
        return False
    target = target.split("#", 1)[0]
    if here and target.rstrip("/") == here.rstrip("/"):
        return False
    # A link to a comment is not a teaser's link (Drupal's /comment/N).
    return "comment" not in target.lower()


# Elements that are parts of a comment, never a whole one.
_INLINE = frozenset(
    {"a", "span", "p", "br", "img", "time", "b", "strong", "em", "i", "cite", "small", "abbr"}
)


def _candidates(
    region: Sequence[etree._Element],
) -> dict[tuple[str, frozenset[str]], list[etree._Element]]:
    groups: dict[tuple[str, frozenset[str]], list[etree._Element]] = {}
    for root in region:
        for node in _elements(root):
            if isinstance(node.tag, str) and node.tag not in _INLINE:
                groups.setdefault(_signature(node), []).append(node)
    return groups


class _General:
    """The general rule: repeated comment-like blocks in a comment section."""

    name = "general"

    def find(self, page: Page) -> Thread | None:
        best: tuple[int, Thread] | None = None
        seen: set[etree._Element] = set()
        for region in _regions(page):
            if all(root in seen for root in region):
                continue
            seen.update(region)
            thread = _thread(region, page)
            if thread is not None and (best is None or len(thread.comments) > best[0]):
                best = (len(thread.comments), thread)
        return best[1] if best is not None else None


def _thread(region: Sequence[etree._Element], page: Page) -> Thread | None:
    chosen: list[tuple[list[etree._Element], dict[etree._Element, _Parts]]] = []
    controls: set[etree._Element] = set()
    for root in region:
        controls.update(UI.all(root))
        if UI.matches(root):
            controls.add(root)
    for group in _candidates(region).values():
        elements = [e for e in group if not _excluded_member(e, page)]
        # Fewer than two, or mostly empty: a layout element, not a comment.
        if len(elements) < 2 or sum(1 for e in elements if len(all_text(e)) > 3) < 2:
            continue
        members = frozenset(elements)
        passed: dict[etree._Element, _Parts] = {}
        # A member holding other members is a wrapper of the same tag (a
        # replies container, a thread), not a comment that failed.
        wrappers = {a for e in elements for a in e.iterancestors() if a in members}
        leaves = len(elements) - len(wrappers)
        failed = 0
        for element in elements:
            parts = _parts(element, members, page, controls)
            has_date = parts.date is not None or parts.date_text is not None
            has_author = parts.author is not None or parts.byline is not None
            if has_date and has_author and says_something(parts.text):
                passed[element] = parts
            elif element not in wrappers:
                failed += 1
                # Most of the group must pass: no need to look further.
                if failed * 2 > leaves:
                    break
        if len(passed) < 2 or failed * 2 > leaves:
            continue
        teasers = sum(1 for e, p in passed.items() if _teaser(e, members, p, page))
        if teasers * 2 >= len(passed):
            continue
        chosen.append(([e for e in elements if e in passed], passed))
    if not chosen:
        return None
    most = max(len(group) for group, _ in chosen)
    # Of the groups nearly as large as the largest, the outermost: a comment's
    # wrapper holds its replies, its inner body does not.
    near = [c for c in chosen if len(c[0]) * 5 >= most * 4]
    near.sort(key=lambda c: _depth_in_tree(c[0][0]))
    elements, passed = near[0]
    return _build(elements, passed, region, page)


def _controls(node: etree._Element) -> bool | None:
    return True if node.tag in ("form", "template", "nav") else None


def _excluded_member(element: etree._Element, page: Page) -> bool:
    return page.inside(
        element, "controls", _controls, tags=("form", "template", "nav")
    ) or in_widget(element, page)


def _depth_in_tree(element: etree._Element) -> int:
    return sum(1 for _ in element.iterancestors())


def _build(
    elements: list[etree._Element],
    passed: dict[etree._Element, _Parts],
    region: Sequence[etree._Element],
    page: Page,
) -> Thread:
    members = {element: number for number, element in enumerate(elements)}
    containers: set[etree._Element] = set()
    for root in region:
        for node in _elements(root):
            if node not in members and any(_REPLIES.match(t) for t in classes(node)):
                containers.add(node)
    shape = parents(elements, members, containers)
    if all(parent is None for parent in shape):
        levels = _levels(elements)
        if levels is not None:
            shape = from_depths(levels)
    is_pingback = [
        _pingback(element, members) or bool(_PINGBACK.match(passed[element].text))
        for element in elements
    ]
    thread = Thread(rule="general", comments=[])
    renumbered: list[int | None] = []
    for number, element in enumerate(elements):
        parts = passed[element]
        extra: dict[str, JSONValue] = {}
        found = Found(element=element, extra=extra)
        if parts.author is not None:
            found.author = author_of(parts.author, page)
        elif parts.byline is not None:
            found.author = Author(name=parts.byline)
        if parts.date is not None:
            found.published = date_of(parts.date, page, extra)
        elif parts.date_text is not None:
            holder = etree.Element("span")
            holder.text = parts.date_text
            found.published = date_of(holder, page, extra)
        if found.published is None and parts.author is not None:
            found.published = date_of(parts.author, page, extra)
        found.text = parts.text
        state = gone(found.text)
        if state is not None:
            found.state, found.text = state, ""
        found.id = line(element.get("id") or element.get("data-id")) or anchor_before(element)
        if found.id is not None and page.url is not None:
            found.url = page.url.split("#", 1)[0] + "#" + found.id
        if is_pingback[number]:
            renumbered.append(None)
            thread.pingbacks.append(found)
            continue
        parent = shape[number]
        # A reply to a pingback answers what the pingback was in.
        while parent is not None and is_pingback[parent]:
            parent = shape[parent]
        found.parent = None if parent is None else renumbered[parent]
        renumbered.append(len(thread.comments))
        thread.comments.append(found)
    # What holds the comments themselves: a region after a heading may be
    # the article's own column, which must stay in its body.
    thread.region = common(elements)
    thread.stated_count = _stated(region)
    return thread


def _pingback(element: etree._Element, members: dict[etree._Element, int]) -> bool:
    # WordPress and others mark pingbacks and trackbacks on the comment or
    # on the list item around it, or say so first thing ("Pingback von ...").
    if _PINGBACK.match(" ".join(all_text(element).split()[:3])):
        return True
    node: etree._Element | None = element
    for _ in range(4):
        if node is None or (node is not element and node in members):
            return False
        if {"pingback", "trackback"} & {t.lower() for t in classes(node)}:
            return True
        node = node.getparent()
    return False


def _levels(elements: Sequence[etree._Element]) -> list[int | None] | None:
    # Depth classes first ("level-0" counts from zero), then indentation.
    numbers: list[int | None] = []
    for element in elements:
        match = _DEPTH.search(element.get("class") or "")
        numbers.append(int(match.group(1)) if match else None)
    known = [n for n in numbers if n is not None]
    if known and len(set(known)) > 1:
        shift = 1 - min(known)
        return [None if n is None else n + shift for n in numbers]
    indents: list[float | None] = []
    chosen = set(elements)
    for element in elements:
        # On the comment, or on a wrapper around it alone (LiveJournal's
        # <div style="margin-left: 25px"> around each comment).
        value = None
        node: etree._Element | None = element
        for _ in range(3):
            if node is None or (node is not element and _holds_other(node, element, chosen)):
                break
            match = _INDENT.search(node.get("style") or "")
            if match:
                value = float(match.group(1))
                break
            node = node.getparent()
        indents.append(value)
    steps = sorted({i for i in indents if i is not None})
    if len(steps) > 1:
        return [1 if i is None else steps.index(i) + 1 for i in indents]
    return None


def _holds_other(
    node: etree._Element, element: etree._Element, chosen: set[etree._Element]
) -> bool:
    return any(other in chosen and other is not element for other in _elements(node))


def _stated(region: Sequence[etree._Element]) -> int | None:
    # "24 Kommentare" in a heading of the section, or just before it.
    first = region[0]
    places = list(_elements(first, _HEADINGS))
    previous = next(first.itersiblings(etree.Element, preceding=True), None)
    if previous is not None and previous.tag in _HEADINGS:
        places.insert(0, previous)
    for heading in places:
        text = line(all_text(heading))
        if text and _HEADING.match(text) and not _NOT_HEADING.search(text) and _DIGIT.search(text):
            return count_in(heading)
    return None


FINDER = _General()
"""The general rule, last in :data:`~threadkit.pages.SYSTEMS`."""
