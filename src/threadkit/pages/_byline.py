"""Telling a commenter's name from the date written beside it.

Many comment templates put the name and the date in one line of text, with
no element around either: "Anna | Di, 21. April 2020 - 16:40", "Par Bruno,
le mercredi 15 mai 2019 à 08h07", "Am 29. Mai 2017 um 14:38 von Hugo",
"Posted by Anna on March 3, 2020". :func:`byline_name` cuts such a line
down to the name, and :func:`looks_like_date` says whether a short text
shows a date or a time at all (in the languages whose month and weekday
names are listed here), which the general rule uses to tell a comment's
header from its text without the date parser.

Both work on the text alone: they do not read the moment (the date reader
does that), they only find where a date is, with the date reader's help
and patterns of their own for what it leaves out (relative dates, times,
dates without a year).
"""

from __future__ import annotations

import re

from threadkit.pages._dates import find_date

__all__ = ["byline_name", "looks_like_date", "only_says"]

# Month names and their usual short forms, as they appear in dates: English,
# German, French, Spanish, Italian, Portuguese, Dutch, the Scandinavian
# languages, Polish, Czech (both in the genitive, as dates write them),
# Russian and Turkish. A short form may be followed by a dot.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
    "januar|jänner|jänn|jän|februar|feber|märz|mär|mai|juni|juli|oktober|okt|dezember|dez|"
    "janvier|janv|février|fevrier|févr|fevr|fév|mars|avril|avr|juin|juillet|juil|août|aout|"
    "septembre|octobre|novembre|décembre|decembre|déc|"
    "enero|ene|febrero|marzo|abril|abr|mayo|junio|julio|agosto|ago|septiembre|setiembre|"
    "octubre|noviembre|diciembre|dic|"
    "gennaio|gen|febbraio|aprile|maggio|mag|giugno|giu|luglio|lug|settembre|set|ottobre|ott|"
    "dicembre|"
    "janeiro|fevereiro|fev|março|maio|junho|julho|setembro|outubro|out|dezembro|"
    "januari|februari|maart|mrt|mei|augustus|augusti|"
    "marts|maj|"
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    "listopada|grudnia|styczeń|luty|marzec|kwiecień|czerwiec|lipiec|sierpień|wrzesień|"
    "październik|listopad|grudzień|"
    "ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    "ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    "thurs|fri|sat|sun|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|mo|di|mi|do|fr|sa|so|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|"
    "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|"
    "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|segunda|terça|quarta|"
    "quinta|sexta|"
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela"
)
# Units of relative dates ("3 hours ago", "vor 2 Stunden", "il y a 5 jours").
_UNITS = (
    r"sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?|"
    r"sekunden?|minuten?|stunden?|std|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?|"
    r"secondes?|heures?|jours?|semaines?|mois|ans?|années?|"
    r"segundos?|minutos?|horas?|días?|dias?|semanas?|mes(?:es)?|años?|anos?|"
    r"minut[iy]?|or[ae]|giorni|settimane|mesi|anni|"
    r"uur|dagen|weken|maanden|jaar|"
    r"godzin[ay]?|dni|tygodni|miesięcy|lat"
)
_DATE_BODY = (
    # 2020-04-21, 2013/12/28, 2020年4月21日
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?"
    # 21.04.2020, 4/21/20
    r"|(?<!\d)\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}\b"
    # 21. April 2020, 15 mai 2019, 15 de mayo de 2020
    rf"|(?<!\d)\d{{1,2}}(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?:{_MONTHS})\b\.?"
    r"(?:,?\s*(?:de\s+)?\d{4}\b)?"
    # April 5, 2018; March 2020
    rf"|\b(?:{_MONTHS})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*\d{{4}}\b)?"
    rf"|\b(?:{_MONTHS})\b\.?\s+\d{{4}}\b"
    # 12/02 à 11:30, 3.5. um 14:05: a day and month with the time after them
    r"|(?<!\d)\d{1,2}\s*[./]\s*\d{1,2}\.?"
    r"(?=\s*(?:,|-|à|a las|um|at|alle|om|o)?\s*\d{1,2}\s*[:h]\s*\d{2})"
    # 14:38, 08h07, 6:32 PM
    r"|(?<!\d)\d{1,2}\s*(?::|h)\s*\d{2}\b(?:\s*[ap]\.?\s?m\b\.?)?"
    # 3 hours ago, vor 2 Stunden, il y a 5 jours, hace 3 días, 2 uur geleden
    rf"|(?<!\d)\d+\s*(?:{_UNITS})\b\.?\s+(?:ago|geleden|temu|fa|siden|sedan)\b"
    rf"|\b(?:vor|il\s+y\s+a|hace|há|fa)\s+(?:\d+|einer?|einem|un|une|una|um|uma)\s*(?:{_UNITS})\b"
)
# "Yesterday", "heute", "hier" are dates only when they stand alone (maybe
# with a time): in a sentence they are words.
_ALONE = re.compile(
    r"(?i)^\W*(?:yesterday|today|gestern|heute|vorgestern|hier|aujourd'hui|ayer|hoy|ieri|"
    r"oggi|ontem|hoje|gisteren|vandaag|wczoraj|dzisiaj|just now|gerade eben)\b"
    r"[\s,]*(?:(?:um|at|à|a las|alle|om|o)\s+)?(?:\d{1,2}[:h.]\d{2}\s*(?:uhr|h)?)?\W*$"
)
_DATE = re.compile(_DATE_BODY, re.IGNORECASE)
# What sits between a date and the time, or before a date: "am", "um", "on",
# "at", "le", "à", "el", "a las", "alle", "op", "om", "em", "às", "dnia", "o".
_CONNECTOR = (
    r"am|um|on|at|le|à|a|el|las|les|il|alle|ore|op|om|em|às|as|dnia|o|den|kl|klo|the|de|del|"
    r"du|vom|ab|seit|gegen|uhr|h|於|于|在|發表於|发表于"
)
# Possessive repetition throughout: a run of small words is taken whole or
# not at all, so that no text makes the search go back and forth over it.
_WEEKDAY = re.compile(rf"(?i)^(?:(?:{_CONNECTOR})\s+)*+(?:{_WEEKDAYS})\.?$")
_ONLY_CONNECTORS = re.compile(rf"(?i)^(?:(?:{_CONNECTOR})\b\.?\s*+)++$")
# A date and the connector words and weekday just before it, and the time
# just after it: the whole span is cut out of a byline.
_DATE_SPAN = re.compile(
    rf"(?i)(?:\b(?:{_CONNECTOR})\s+)*+(?:\b(?:{_WEEKDAYS})\b\.?,?\s+)?(?:\b(?:{_CONNECTOR})\s+)*+"
    rf"(?:{_DATE_BODY})"
    rf"(?:\s*(?:[-–,]|\b(?:{_CONNECTOR})\b)?\s*\d{{1,2}}\s*(?::|h|\.)\s*\d{{2}}"
    r"(?:\s*(?:uhr|h|[ap]\.?\s?m\b\.?))?)?"
)
_TRAILING_CONNECTORS = re.compile(rf"(?i)(?:\s+\b(?:{_CONNECTOR})\b)++$")
_LEADING_CONNECTORS = re.compile(rf"(?i)^(?:\b(?:{_CONNECTOR})\b\s+)++")
# What separates the parts of a byline.
_SEPARATOR = re.compile(r"\s*(?:[|·•‧∙⋅/,;]|\s[-–—]\s|[–—]|\n|\x00)\s*")
# "by", "von", "par"... before a name, maybe after "posted", "geschrieben"...
_BY = re.compile(
    r"(?i)^(?:(?:posted|written|submitted|commented|comment|reply|replied|geschrieben|verfasst|"
    r"eingereicht|gepostet|soumis|envoyé|inviato|ingezonden|"
    r"kommentiert|kommentar|antwort|publié|écrit|posté|commentaire|réponse|escrito|publicado|"
    r"enviado|comentado|comentario|respuesta|scritto|pubblicato|inviato|commento|risposta|"
    r"geplaatst|geschreven|reactie|napisany|dodany|komentarz|odpowiedź)\s+)?"
    r"(?:by|von|par|por|door|przez|av|af|da|di|from)\s*:?\s+"
)
# What follows a name in many themes: "Anna says:", "Anna sagt:", "Ramón dijo:".
# Not one word list with _BY's: that one holds participles that come before
# "by" ("geschrieben von"), this one verbs that follow a name ("schreibt"); the
# few words both hold ("commented", "écrit") stand in a different place in each.
_SAYS = re.compile(
    r"(?i)(?:\s*+\b(?:says|said|wrote|writes|replied|replies|commented|comments|sagt|schreibt|"
    r"schrieb|meint|antwortet|antwortete|kommentiert|kommentierte|dit|a dit|écrit|a écrit|"
    r"répond|a répondu|a commenté|dice|dijo|escribió|escribe|comentó|comenta|respondió|responde|"
    r"pisze|napisał|napisała|odpowiada|diz|disse|escreveu|comentou|respondeu|scrive|"
    r"ha scritto|ha detto|ha commentato|risponde|zegt|schreef|reageert|skriver|skrev|sanoo|"
    r"kirjoitti|říká|napsal|napsala|говорит|пишет|написал|написала|hat gesagt|zei|"
    r"powiedział|powiedziała|sagde|kirjoittaa)\b(?:\s*+(?:\.\.\.|…))?+)?+\s*+:?+\s*+$"
)
# Every quantifier above is possessive: a long run of spaces inside a text
# must not be shared out between them in every possible way before failing.
_LONGEST = 200
_STRIP = " \t\n\r\f\u00a0,;:|·•-–—\"'“”„«»"
# A leading or trailing "@" or "#12" (a floor number) is not part of a name.
_FLOOR = re.compile(r"^#?\d+\s+|\s+#\d+$")


def only_says(text: str) -> bool:
    """Whether *text* is nothing but what follows a name: "says:", "dijo:", "hat gesagt…"."""
    text = text.strip()
    return bool(text) and len(text) < 40 and not _SAYS.sub("", text).strip(_STRIP)


def looks_like_date(text: str) -> bool:
    """Whether *text* shows a date, a time of day, or a relative date ("2 hours ago")."""
    return _DATE.search(text) is not None or _ALONE.match(text) is not None


def _tidy(part: str) -> str:
    part = part.strip(_STRIP)
    part = _SAYS.sub("", part).strip(_STRIP)
    part = _FLOOR.sub("", part).strip(_STRIP)
    # A bracket left open or closed by the cut ("Anna (21.04.2020)").
    if part.count("(") != part.count(")"):
        part = part.strip("()[] ")
    return part


def byline_name(text: str) -> str | None:
    """The name in a byline: *text* without its date, connectors and "by".

    A text holding neither a date nor a leading "by" comes back as it is,
    less a trailing "says:". ``None`` when nothing is left.
    """
    text = " ".join(text.split())
    if len(text) > _LONGEST:
        return text  # no byline: a name and a date do not take that long
    cut = text
    # The date reader knows exactly where its date is, weekday and time
    # included; the patterns here find the rest (relative dates, times).
    found = find_date(text)
    if found is not None and found.raw in cut:
        cut = cut.replace(found.raw, "\x00", 1)
    cut = _DATE_SPAN.sub("\x00", cut)
    had_date = cut != text
    if not had_date:
        single = _BY.sub("", text, count=1)
        return _tidy(single) or None
    for part in _SEPARATOR.split(cut):
        part = part.strip(_STRIP)
        if not part or _WEEKDAY.match(part) or _ONLY_CONNECTORS.match(part):
            continue
        part = _BY.sub("", part, count=1)
        # Connector words left at the ends once the date is gone ("Anna am").
        part = _TRAILING_CONNECTORS.sub("", part)
        part = _LEADING_CONNECTORS.sub("", part)
        part = _tidy(part)
        if part and any(character.isalpha() for character in part):
            return part
    return None
