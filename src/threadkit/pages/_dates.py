"""Dates as people see them on web pages: finding them in text and reading them.

:func:`find_date` finds the first absolute date in a text, with the time that
follows it if there is one; :func:`parse_date` reads a text that is nothing
but a date (a ``<time>`` element, an attribute); :func:`is_relative` tells
whether a text gives its date relative to when the page was seen
("10 hours ago", "gestern"), which no parser can turn into an instant
without knowing when that was.

Recognised:

* Dates with month names, in English, German, French, Spanish, Portuguese,
  Italian, Dutch, Polish, Swedish, Danish, Norwegian, Finnish, Czech,
  Russian, Turkish, Romanian and Hungarian, whatever ``language`` says (a
  French page may well show English dates): full names, abbreviations with
  or without their dot, and the inflected forms dates use (``maja``,
  ``września``, ``května``, ``сентября``, ``toukokuuta``). Case does not
  matter, nor do diacritics (``fevrier`` is ``février``). Day first
  (``21. April 2020``, ``1er mai 2019``, ``15 de mayo de 2019``,
  ``15th of May 2019``), month first (``May 15, 2019``,
  ``April 21st, 2020``) or year first (``2019. május 15.``), with an
  optional weekday in front (``Di, 21. April 2020``,
  ``Mittwoch, den 15. Mai 2019``), which is skipped, never checked.
* Numeric dates: ``15.05.2019``, ``15. 5. 2019``, ``15/05/2019``,
  ``05-15-2019``, two-digit years (``21.04.20``, read like ``%y``: 00-68
  are 2000-2068, 69-99 are 1969-1999; with dots, only with two-digit day
  and month, so that version numbers stay what they are), year first
  (``2019-05-15``, ``2013/05/05``, ISO 8601 and RFC 3339 included) and
  ``2013年5月5日``. Four-digit years run from 1000 to 2999. Numbers are
  written with the digits 0-9.
* A time after the date: ``16:40``, ``16:40:05`` (fractions of a second
  are dropped), ``4:40 pm``, ``4 PM``, ``08h07``, ``8 Uhr``, and ``8.07``
  where a word such as ``um`` or ``kl.`` comes before it or ``Uhr`` or
  ``h`` after it; joined to the date by punctuation or a word such as
  ``à``, ``um``, ``at``, ``alle``, ``om``, ``a las``, ``às``, ``o``,
  ``kl.``, or ``T``.
* After the time, a zone: a numeric offset (``+0200``, ``+02:00``,
  ``-05``), ``Z``, ``UTC`` or ``GMT`` (with or without an offset), or one of
  a few abbreviations that mean one thing only (``CET``, ``CEST``,
  ``MEZ``, ``MESZ``, ``EET``, ``EEST``, ``WET``, ``WEST``, ``BST``, ``MSK``,
  the North American ``EST`` to ``PDT``, ``JST``, ``KST``, ``AEST``,
  ``AEDT``), written in capitals. ``IST`` and other abbreviations that
  name several zones are not read.

Ambiguous numeric dates (``05/06/2019``) are read day first, except with
slashes or hyphens on a page in US English (``language`` ``en`` with no
region, or region ``US``), where they are read month first; when one of the
two numbers is above 12 it decides, whatever the language. Dates with dots
are always day first.

No time zone is invented: a date that states none gets the caller's
``default_offset``, else UTC, and :attr:`FoundDate.zone_given` is False, so
that a caller who cares can keep the raw text. A date with no time gets
midnight. A year alone, a month and year alone (``May 2019``), a day and
month without a year, and a time before its date are not read. A candidate
whose day, month, time or offset is impossible (``30.02.2019``,
``25:00``) is skipped as a whole, and the search goes on after it; nothing
here raises on any text.

Every pattern is built once, at import, from the tables below, with bounded
repetition only, so that the time taken grows in step with the length of
the text, whatever the text.

.. versionadded:: 0.1
"""

from __future__ import annotations

import calendar
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import NamedTuple

import attrs

__all__ = ["FoundDate", "find_date", "is_relative", "parse_date"]


# -- The tables ---------------------------------------------------------------
#
# Every word here is written once, in lower case and with its diacritics; the
# patterns accept it in any case, with or without them.

# The twelve months of each language: the forms a date may show, the name in
# the case dates use it (Polish "maja", Russian "мая"), other cases and
# abbreviations (without their dot, which is always optional).
_MONTHS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "january jan",
        "february feb",
        "march mar",
        "april apr",
        "may",
        "june jun",
        "july jul",
        "august aug",
        "september sep sept",
        "october oct",
        "november nov",
        "december dec",
    ),
    "de": (
        "januar jänner jan jän",
        "februar feber feb",
        "märz mär mrz",
        "april apr",
        "mai",
        "juni jun",
        "juli jul",
        "august aug",
        "september sep sept",
        "oktober okt",
        "november nov",
        "dezember dez",
    ),
    "fr": (
        "janvier janv jan",
        "février févr fév",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août",
        "septembre sept",
        "octobre oct",
        "novembre nov",
        "décembre déc",
    ),
    "es": (
        "enero ene",
        "febrero feb",
        "marzo mar",
        "abril abr",
        "mayo may",
        "junio jun",
        "julio jul",
        "agosto ago",
        "septiembre setiembre sep sept set",
        "octubre oct",
        "noviembre nov",
        "diciembre dic",
    ),
    "pt": (
        "janeiro jan",
        "fevereiro fev",
        "março mar",
        "abril abr",
        "maio mai",
        "junho jun",
        "julho jul",
        "agosto ago",
        "setembro set",
        "outubro out",
        "novembro nov",
        "dezembro dez",
    ),
    "it": (
        "gennaio gen",
        "febbraio feb",
        "marzo mar",
        "aprile apr",
        "maggio mag",
        "giugno giu",
        "luglio lug",
        "agosto ago",
        "settembre set sett",
        "ottobre ott",
        "novembre nov",
        "dicembre dic",
    ),
    "nl": (
        "januari jan",
        "februari feb",
        "maart mrt",
        "april apr",
        "mei",
        "juni jun",
        "juli jul",
        "augustus aug",
        "september sep sept",
        "oktober okt",
        "november nov",
        "december dec",
    ),
    "pl": (
        "styczeń stycznia sty",
        "luty lutego lut",
        "marzec marca mar",
        "kwiecień kwietnia kwi",
        "maj maja",
        "czerwiec czerwca cze",
        "lipiec lipca lip",
        "sierpień sierpnia sie",
        "wrzesień września wrz",
        "październik października paź",
        "listopad listopada lis",
        "grudzień grudnia gru",
    ),
    "sv": (
        "januari jan",
        "februari feb",
        "mars mar",
        "april apr",
        "maj",
        "juni jun",
        "juli jul",
        "augusti aug",
        "september sep sept",
        "oktober okt",
        "november nov",
        "december dec",
    ),
    "da": (
        "januar jan",
        "februar feb",
        "marts mar",
        "april apr",
        "maj",
        "juni jun",
        "juli jul",
        "august aug",
        "september sep sept",
        "oktober okt",
        "november nov",
        "december dec",
    ),
    "no": (
        "januar jan",
        "februar feb",
        "mars mar",
        "april apr",
        "mai",
        "juni jun",
        "juli jul",
        "august aug",
        "september sep sept",
        "oktober okt",
        "november nov",
        "desember des",
    ),
    "fi": (
        "tammikuu tammikuuta tammikuun tammik",
        "helmikuu helmikuuta helmikuun helmik",
        "maaliskuu maaliskuuta maaliskuun maalisk",
        "huhtikuu huhtikuuta huhtikuun huhtik",
        "toukokuu toukokuuta toukokuun toukok",
        "kesäkuu kesäkuuta kesäkuun kesäk",
        "heinäkuu heinäkuuta heinäkuun heinäk",
        "elokuu elokuuta elokuun elok",
        "syyskuu syyskuuta syyskuun syysk",
        "lokakuu lokakuuta lokakuun lokak",
        "marraskuu marraskuuta marraskuun marrask",
        "joulukuu joulukuuta joulukuun jouluk",
    ),
    "cs": (
        "leden ledna",
        "únor února",
        "březen března",
        "duben dubna",
        "květen května",
        "červen června",
        "červenec července",
        "srpen srpna",
        "září",
        "říjen října",
        "listopad listopadu",
        "prosinec prosince",
    ),
    "ru": (
        "январь января янв",
        "февраль февраля фев февр",
        "март марта мар",
        "апрель апреля апр",
        "май мая",
        "июнь июня июн",
        "июль июля июл",
        "август августа авг",
        "сентябрь сентября сен сент",
        "октябрь октября окт",
        "ноябрь ноября ноя нояб",
        "декабрь декабря дек",
    ),
    "tr": (
        "ocak oca",
        "şubat şub",
        "mart mar",
        "nisan nis",
        "mayıs may",
        "haziran haz",
        "temmuz tem",
        "ağustos ağu",
        "eylül eyl",
        "ekim eki",
        "kasım kas",
        "aralık ara",
    ),
    "ro": (
        "ianuarie ian",
        "februarie feb",
        "martie mar",
        "aprilie apr",
        "mai",
        "iunie iun",
        "iulie iul",
        "august aug",
        "septembrie sep sept",
        "octombrie oct",
        "noiembrie noi nov",
        "decembrie dec",
    ),
    "hu": (
        "január jan",
        "február febr feb",
        "március márc már",
        "április ápr",
        "május máj",
        "június jún",
        "július júl",
        "augusztus aug",
        "szeptember szept szep",
        "október okt",
        "november nov",
        "december dec",
    ),
}

# The weekdays, Monday first. Two-letter abbreviations ("Di", "ma") count only
# with a dot or comma after them, since so many short words look like them;
# abbreviations that are common words elsewhere are left out.
_WEEKDAYS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "monday mon",
        "tuesday tue tues",
        "wednesday wed",
        "thursday thu thur thurs",
        "friday fri",
        "saturday sat",
        "sunday sun",
    ),
    "de": (
        "montag mo",
        "dienstag di",
        "mittwoch mi",
        "donnerstag do",
        "freitag fr",
        "samstag sonnabend sa",
        "sonntag so",
    ),
    "fr": (
        "lundi lun",
        "mardi mar",
        "mercredi mer",
        "jeudi jeu",
        "vendredi ven",
        "samedi sam",
        "dimanche dim",
    ),
    "es": (
        "lunes lun",
        "martes mar",
        "miércoles mié",
        "jueves jue",
        "viernes vie",
        "sábado sáb",
        "domingo dom",
    ),
    "pt": (
        "segunda-feira segunda seg",
        "terça-feira terça ter",
        "quarta-feira quarta qua",
        "quinta-feira quinta qui",
        "sexta-feira sexta sex",
        "sábado sáb",
        "domingo dom",
    ),
    "it": (
        "lunedì lun",
        "martedì mar",
        "mercoledì mer",
        "giovedì gio",
        "venerdì ven",
        "sabato sab",
        "domenica dom",
    ),
    "nl": (
        "maandag ma",
        "dinsdag di",
        "woensdag wo",
        "donderdag do",
        "vrijdag vr",
        "zaterdag za",
        "zondag zo",
    ),
    "pl": (
        "poniedziałek pon pn",
        "wtorek wt",
        "środa śr",
        "czwartek czw",
        "piątek pt",
        "sobota sob",
        "niedziela niedz ndz nd",
    ),
    "sv": (
        "måndag mån",
        "tisdag tis",
        "onsdag ons",
        "torsdag tors",
        "fredag fre",
        "lördag lör",
        "söndag sön",
    ),
    "da": (
        "mandag man",
        "tirsdag tirs",
        "onsdag ons",
        "torsdag tors",
        "fredag fre",
        "lørdag lør",
        "søndag søn",
    ),
    "no": (
        "mandag man",
        "tirsdag tir",
        "onsdag ons",
        "torsdag tor",
        "fredag fre",
        "lørdag lør",
        "søndag søn",
    ),
    "fi": (
        "maanantai ma",
        "tiistai ti",
        "keskiviikko ke",
        "torstai to",
        "perjantai pe",
        "lauantai la",
        "sunnuntai su",
    ),
    "cs": (
        "pondělí po",
        "úterý út",
        "středa st",
        "čtvrtek čt",
        "pátek pá",
        "sobota so",
        "neděle ne",
    ),
    "ru": (
        "понедельник пн",
        "вторник вт",
        "среда ср",
        "четверг чт",
        "пятница пт",
        "суббота сб",
        "воскресенье вс",
    ),
    "tr": ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar"),
    "ro": ("luni", "marți", "miercuri", "joi", "vineri", "sâmbătă", "duminică"),
    "hu": ("hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap"),
}

# What may stand between a weekday and the day: "Mittwoch, den 15.", "Tuesday the 21st".
_WEEKDAY_LINKS = ("den", "the")

# Words inside a date: "15 de mayo de 2019", "15th of May".
_PARTICLES = ("de", "del", "of")

# Words after the year: "11 maja 2021 r.", "15 мая 2019 г.".
_YEAR_WORDS = ("r", "roku", "г", "года")

# Words between a date and its time: "15 mai 2019 à 08h07".
_TIME_CONNECTORS: Mapping[str, tuple[str, ...]] = {
    "en": ("at",),
    "de": ("um", "gegen"),
    "fr": ("à", "vers"),
    "es": ("a las", "a la", "a"),
    "pt": ("às", "à", "as", "a"),
    "it": ("alle", "alle ore", "ore"),
    "nl": ("om",),
    "pl": ("o", "o godz", "godz"),
    "sv": ("kl", "klockan"),
    "da": ("kl", "klokken"),
    "no": ("kl", "klokka"),
    "fi": ("klo", "kello"),
    "cs": ("v", "ve"),
    "ru": ("в",),
    "tr": ("saat",),
    "ro": ("ora", "la", "la ora"),
}

# Words after a time that say it is one: "14:33 Uhr", "8 h", "14:30 hs".
_HOUR_WORDS = ("uhr", "h", "hs", "hod", "ч")

# Other words that may surround a date that makes up a whole text: "le 15 mai 2019".
_DATE_WORDS = ("on", "le", "du", "am", "vom", "el", "il", "op", "em", "dnia", "dne")

# Abbreviated zones that mean one offset only, in minutes east of UTC.
_ZONES: Mapping[str, int] = {
    "CET": 60,
    "CEST": 120,
    "MEZ": 60,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "MSK": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
}

# Names of UTC itself, which may carry an offset from it: "UTC+2", "GMT-05:00".
_UNIVERSAL = ("UTC", "GMT", "UT")

# Offsets beyond any zone in use are taken for something else.
_MAX_OFFSET_HOURS = 18


class _Relative(NamedTuple):
    """How one language dates something relative to now."""

    before: tuple[str, ...] = ()
    """Words before the amount: "vor 2 Stunden"."""
    after: tuple[str, ...] = ()
    """Words after it: "2 hours ago"."""
    around: tuple[tuple[str, str], ...] = ()
    """Words on both sides, each useless alone: "för 2 timmar sedan"."""
    units: str = ""
    """Units of time, in every form the amounts need."""
    amounts: tuple[str, ...] = ()
    """Words that stand for a number: "a day ago", "vor einer Stunde"."""
    counted: str = ""
    """Units that say "ago" themselves and need a number: Hungarian "2 órája"."""
    words: tuple[str, ...] = ()
    """Words and phrases that are relative dates alone: "yesterday", "just now"."""


# One entry per language, written out in full: the rows look alike but every
# word differs, and a language is checked or added by reading its own row.
_RELATIVE: Mapping[str, _Relative] = {
    "en": _Relative(
        after=("ago",),
        units="second seconds minute minutes hour hours day days week weeks month months "
        "year years moment moments",
        amounts=("a", "an", "one", "a few", "few", "several", "a couple of", "couple of"),
        words=("yesterday", "today", "now", "just now", "right now", "the day before yesterday"),
    ),
    "de": _Relative(
        before=("vor",),
        units="sekunde sekunden minute minuten stunde stunden tag tagen woche wochen monat "
        "monaten jahr jahren moment augenblick",
        amounts=("ein", "einer", "einem", "wenigen", "ein paar", "einigen", "mehreren"),
        words=("gestern", "heute", "vorgestern", "jetzt", "gerade eben", "soeben", "eben"),
    ),
    "fr": _Relative(
        before=("il y a",),
        units="seconde secondes minute minutes heure heures jour jours semaine semaines mois "
        "an ans année années instant instants moment",
        amounts=("un", "une", "quelques", "plusieurs"),
        words=("hier", "aujourd'hui", "avant-hier", "maintenant", "à l'instant", "tout à l'heure"),
    ),
    "es": _Relative(
        before=("hace",),
        units="segundo segundos minuto minutos hora horas día días semana semanas mes meses "
        "año años momento momentos instante",
        amounts=("un", "una", "unos", "unas", "algunos", "algunas", "varios", "varias", "pocos"),
        words=("ayer", "hoy", "anteayer", "ahora", "ahora mismo", "justo ahora"),
    ),
    "pt": _Relative(
        before=("há",),
        after=("atrás",),
        units="segundo segundos minuto minutos hora horas dia dias semana semanas mês meses "
        "ano anos momento instante instantes",
        amounts=("um", "uma", "uns", "umas", "alguns", "algumas", "poucos", "poucas"),
        words=("ontem", "hoje", "anteontem", "agora", "agora mesmo", "há pouco"),
    ),
    "it": _Relative(
        after=("fa",),
        units="secondo secondi minuto minuti ora ore giorno giorni settimana settimane mese "
        "mesi anno anni momento attimo",
        amounts=("un", "una", "uno", "qualche", "pochi", "alcuni", "alcune"),
        words=("ieri", "oggi", "l'altro ieri", "ieri l'altro", "adesso", "ora", "poco fa"),
    ),
    "nl": _Relative(
        after=("geleden",),
        units="seconde seconden minuut minuten uur uren dag dagen week weken maand maanden "
        "jaar jaren moment ogenblik",
        amounts=("een", "enkele", "een paar", "paar"),
        words=("gisteren", "vandaag", "eergisteren", "nu", "zojuist", "net", "zonet"),
    ),
    "pl": _Relative(
        after=("temu",),
        units="sekundę sekundy sekund minutę minuty minut godzinę godziny godzin dzień dni "
        "tydzień tygodnie tygodni miesiąc miesiące miesięcy rok lata lat chwilę",
        amounts=("kilka", "kilkanaście", "parę"),
        words=("wczoraj", "dzisiaj", "dziś", "przedwczoraj", "teraz", "przed chwilą"),
    ),
    "sv": _Relative(
        around=(("för", "sedan"),),
        units="sekund sekunder minut minuter timme timmar dag dagar vecka veckor månad månader år",
        amounts=("en", "ett", "några"),
        words=("igår", "i går", "idag", "i dag", "i förrgår", "nu", "just nu", "nyss"),
    ),
    "da": _Relative(
        around=(("for", "siden"),),
        units="sekund sekunder minut minutter time timer dag dage uge uger måned måneder år",
        amounts=("en", "et", "nogle", "få"),
        words=("i går", "i dag", "i forgårs", "nu", "lige nu"),
    ),
    "no": _Relative(
        around=(("for", "siden"),),
        units="sekund sekunder minutt minutter time timer dag dager døgn uke uker måned måneder år",
        amounts=("en", "ett", "et", "noen", "få"),
        words=("i går", "i dag", "i forgårs", "nå", "akkurat nå", "nettopp"),
    ),
    "fi": _Relative(
        after=("sitten",),
        units="sekunti sekuntia minuutti minuuttia tunti tuntia päivä päivää viikko viikkoa "
        "kuukausi kuukautta vuosi vuotta hetki",
        amounts=("muutama", "pari"),
        words=("eilen", "tänään", "toissapäivänä", "nyt", "juuri nyt", "äsken"),
    ),
    "cs": _Relative(
        before=("před",),
        units="sekundou sekundami minutou minutami hodinou hodinami dnem dny týdnem týdny "
        "měsícem měsíci rokem lety chvílí",
        amounts=("několika", "pár"),
        words=("včera", "dnes", "předevčírem", "teď", "nyní", "právě teď"),
    ),
    "ru": _Relative(
        after=("назад",),
        units="секунду секунды секунд минуту минуты минут час часа часов день дня дней неделю "
        "недели недель месяц месяца месяцев год года лет",
        amounts=("несколько", "пару"),
        words=("вчера", "сегодня", "позавчера", "сейчас", "только что"),
    ),
    "tr": _Relative(
        after=("önce",),
        units="saniye dakika saat gün hafta ay yıl",
        amounts=("bir", "birkaç"),
        words=("dün", "bugün", "şimdi", "az önce", "demin"),
    ),
    "ro": _Relative(
        before=("acum",),
        after=("în urmă",),
        units="secundă secunde minut minute oră ore zi zile săptămână săptămâni lună luni an ani",
        amounts=("o", "un", "câteva", "câțiva"),
        words=("ieri", "azi", "astăzi", "alaltăieri", "acum", "chiar acum", "adineauri"),
    ),
    "hu": _Relative(
        after=("ezelőtt",),
        units="másodperccel perccel órával nappal héttel hónappal évvel",
        amounts=("egy", "néhány", "pár"),
        counted="másodperce perce órája napja hete hónapja éve",
        words=("tegnap", "ma", "tegnapelőtt", "most", "épp most", "éppen most", "az imént"),
    ),
}

# Units that need a number written in digits: "5 min ago", "vor 3 Std.", and
# alone, with no space, the short forms "5h", "2d", "3w".
_SHORT_UNITS = ("s", "sec", "sek", "m", "min", "h", "hr", "hrs", "std", "d", "j", "w", "wk", "mo")
_SHORT_UNITS_ALONE = ("s", "m", "min", "h", "hr", "d", "j", "w", "wk", "mo", "y", "yr")


# -- Building the patterns ----------------------------------------------------
#
# The patterns are compiled without re.IGNORECASE: letters become explicit
# classes ("[mM]"), which the engine rejects in one step, where a
# case-insensitive literal costs a call per alternative tried. Each place a
# date may start is guarded by a one-character lookahead for the same reason:
# most positions of a text start nothing, and should cost next to nothing.

# Letters that fold to another: dropping combining marks takes care of most,
# these have none to drop.
_FOLD_MORE = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "’": "'"})


def _fold(text: str) -> str:
    """*text* the way table words are compared: case-folded, without diacritics."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD_MORE)


def _forms(table: Mapping[str, tuple[str, ...]]) -> Iterable[str]:
    return itertools.chain.from_iterable(entry.split() for entry in _flat(table))


def _flat(table: Mapping[str, tuple[str, ...]]) -> Iterable[str]:
    return itertools.chain.from_iterable(table.values())


def _numbered(table: Mapping[str, tuple[str, ...]], size: int) -> dict[str, int]:
    """Folded form -> number (1-based) of the entry it is in, checking the table."""
    numbers: dict[str, int] = {}
    for language, entries in table.items():
        if len(entries) != size:
            raise AssertionError(f"{language}: {len(entries)} entries, not {size}")
        for number, entry in enumerate(entries, 1):
            for form in entry.split():
                if numbers.setdefault(_fold(form), number) != number:
                    raise AssertionError(f"{language}: {form!r} stands for two entries")
    return numbers


class _Node:
    """A node of a trie of folded words; each edge keeps the letters it was written with."""

    __slots__ = ("edges", "end")

    def __init__(self) -> None:
        self.edges: dict[str, tuple[set[str], _Node]] = {}
        self.end = False


def _words(words: Iterable[str], *, start: str = "") -> str:
    """A pattern for any of *words*, in any case, with or without their diacritics.

    The words share their prefixes, so that a position that starts none of
    them is given up after one test, however many words there are.

    Args:
        words: The words, lower case, with their diacritics.
        start: A pattern to try after the cheap test of the first letter
            and before the words, such as a lookbehind.
    """
    root = _Node()
    for word in words:
        node = root
        for char in word:
            folded = _fold(char)
            for letter in folded:
                written, node = node.edges.setdefault(letter, ({letter}, _Node()))
                if len(folded) == 1:
                    written.add(char)
        node.end = True
    initials = set().union(
        *(_cases(letter, written) for letter, (written, _) in root.edges.items())
    )
    return f"(?={_class(initials)}){start}(?:{_branches(root)})"


def _branches(node: _Node) -> str:
    branches = [
        _letter(letter, written) + _branches(child)
        for letter, (written, child) in sorted(node.edges.items())
    ]
    if not branches:
        return ""
    if len(branches) > 1:
        body = "(?:" + "|".join(branches) + ")"
    elif node.end:
        body = "(?:" + branches[0] + ")"
    else:
        return branches[0]
    # Longer words are tried first; the word boundary after every use of these
    # patterns sends the engine back for a shorter one when that was a prefix.
    return body + "?" if node.end else body


def _cases(letter: str, written: set[str]) -> set[str]:
    """Every character that may stand for *letter*, written as one of *written*."""
    if letter == " ":
        return {" ", "\t", "\n", "\xa0"}
    if letter == "'":
        return {"'", "’"}
    chars = set(written)
    for char in written:
        chars.update(c for c in (char.upper(), char.lower()) if len(c) == 1)
    if letter == "i":
        # Turkish capital dotted I, whose lower case is two characters.
        chars.add("İ")
    return chars


def _class(chars: set[str]) -> str:
    ordered = sorted(chars)
    if len(ordered) == 1:
        return re.escape(ordered[0])
    return "[" + "".join(re.escape(c) for c in ordered) + "]"


def _letter(letter: str, written: set[str]) -> str:
    if letter == " ":
        return r"\s{1,3}"
    pattern = _class(_cases(letter, written))
    # Room for a combining mark where the tables have one, for text in
    # decomposed form ("e" + U+0301).
    return pattern + r"[\u0300-\u036f]?" if len(written) > 1 else pattern


_LETTER = r"[^\W\d_]"
_WORD_END = rf"(?!{_LETTER})"
_WORD_START = rf"(?<!{_LETTER})"
_MONTH_NUMBERS = _numbered(_MONTHS, 12)
_MONTH = _words(_forms(_MONTHS))
_ORDINAL = rf"(?:{_words(('st', 'nd', 'rd', 'th', 'er', 're'))}|[ºª°]|\.º)?"
_PARTICLE = rf"(?:{_words(_PARTICLES)}{_WORD_END}\s{{1,3}})?"
_HOUR_WORD = rf"{_words(_HOUR_WORDS)}{_WORD_END}"
_AM_PM = rf"[aApP]\.?\s?[mM]{_WORD_END}"
_YEAR = r"[12][0-9]{3}(?![0-9])"


def _month(group: str) -> str:
    return rf"(?P<{group}>{_MONTH}){_WORD_END}\.?"


def _weekday() -> str:
    forms = list(_forms(_WEEKDAYS))
    long = _words((form for form in forms if len(_fold(form)) > 2), start=_WORD_START)
    short = _words((form for form in forms if len(_fold(form)) <= 2), start=_WORD_START)
    return (
        rf"(?:{long}{_WORD_END}\.?[\s,]{{1,4}}|{short}{_WORD_END}[.,][\s,]{{0,4}})"
        rf"(?:{_words(_WEEKDAY_LINKS)}\s{{1,3}})?"
    )


def _time() -> str:
    """The time after a date, and its zone; the groups :func:`_read` reads."""
    connector = _words(itertools.chain.from_iterable(_TIME_CONNECTORS.values()))
    zones = "|".join(sorted(_ZONES, key=len, reverse=True))
    offset = r"[+\-\u2212][0-9]{2}(?::?[0-9]{2})?(?![0-9])"
    universal_offset = r"[+\-\u2212][0-9]{1,2}(?::?[0-9]{2})?(?![0-9])"
    zone = (
        r"(?:\s{0,2}(?P<zp>\()?"
        rf"(?:(?P<zab>{zones})|(?P<zu>{'|'.join(_UNIVERSAL)})(?P<zuo>{universal_offset})?)"
        rf"{_WORD_END}(?(zp)\))"
        rf"|\s?(?P<zo>{offset})"
        rf"|(?P<zz>[Zz]){_WORD_END})"
    )
    return (
        # What joins it to the date: ISO's T, punctuation, perhaps a word ("à").
        # CJK dates need nothing after their 日.
        rf"(?:[\s,;|/@·•\-–—]{{1,5}}(?:(?P<conn>{connector}){_WORD_END}\.?\s{{1,3}})?"
        r"|[Tt]|(?<=[日일])\s{0,2})"
        # Hours up to 12 may have am or pm; splitting them here lets the pattern
        # leave the German "am" after "20:07" alone.
        r"(?:(?P<h12>0?[0-9]|1[0-2])|(?P<h24>1[3-9]|[2-9][0-9]))(?![0-9])"
        r"(?::(?P<mi>[0-9]{2})(?![0-9])"
        r"(?::(?P<se>[0-9]{2})(?![0-9])(?:[.,][0-9]{1,9}(?![0-9]))?)?"
        rf"|\s?[hH](?:\s?(?P<hm>[0-9]{{2}})(?![0-9])|{_WORD_END})"
        # 8.07 is a time only when a word says so; otherwise it is a price, a
        # score or the next date, and 15.05 followed by .2019 is a date anyway.
        rf"|\.(?P<dm>[0-9]{{2}})(?![0-9])(?!\.[0-9])"
        rf"(?(conn)|(?=\s?(?:{_HOUR_WORD}|{_AM_PM})))"
        r"|[時时시](?:(?P<km>[0-9]{1,2})[分분])?"
        rf"|(?(h12)(?=\s?(?:{_HOUR_WORD}|{_AM_PM}))|(?=\s?{_HOUR_WORD})))"
        rf"(?(h12)(?:\s?(?P<ap>[aApP])\.?\s?[mM]{_WORD_END}\.?)?)"
        rf"(?:\s{{0,2}}{_HOUR_WORD}\.?)?"
        rf"{zone}?"
    )


def _date() -> str:
    numeric_separator = r"[./-]|\.\s"
    digits_end = r"(?![0-9])(?![./-][0-9])"
    # Dates that start with the year: 2019-05-15, 2013年5月5日, 2019. május 15.
    year_first = (
        rf"(?P<fy>{_YEAR})(?:"
        rf"(?P<fsep>{numeric_separator})(?P<fm>[0-9]{{1,2}})(?P=fsep)(?P<fd>[0-9]{{1,2}}){digits_end}"
        r"|\s?[年년]\s?(?P<cm>[0-9]{1,2})\s?[月월]\s?(?P<cd>[0-9]{1,2})\s?[日일]"
        rf"|\.?\s{{1,3}}{_month('tm')}\s{{0,3}}(?P<td>[0-9]{{1,2}})(?![0-9])\.?)"
    )
    # Dates that start with the day (or, in the US, the month): 15.05.2019,
    # 05/15/19, 15. Mai 2019. With dots, a two-digit year needs a two-digit day
    # and month ("21.04.20"), which :func:`_read` checks: "1.2.20" is a version.
    day_first = (
        r"(?P<d>[0-9]{1,2})(?![0-9])(?:"
        rf"(?P<nsep>{numeric_separator})(?P<nb>[0-9]{{1,2}})(?P=nsep)"
        rf"(?:(?P<ny>{_YEAR})|(?P<sy>[0-9]{{2}})){digits_end}"
        rf"|{_ORDINAL}\.?[\s\-/]{{0,3}}{_PARTICLE}{_month('am')}"
        rf"[\s,\-/.]{{0,3}}{_PARTICLE}(?P<ay>{_YEAR}))"
    )
    month_first = (
        rf"(?P<bm>{_words(_forms(_MONTHS), start=_WORD_START)}){_WORD_END}\.?"
        rf"[\s\-/]{{0,3}}(?P<bd>[0-9]{{1,2}})(?![0-9]){_ORDINAL}[\s,.\-]{{1,4}}(?P<by>{_YEAR})"
    )
    year_word = rf"(?:\s{{0,2}}{_words(_YEAR_WORDS)}{_WORD_END}\.?)?"
    return (
        rf"(?:{_weekday()})?"
        rf"(?:(?=[0-9])(?<![0-9])(?<![0-9][.,:/-])(?:{year_first}|{day_first})|{month_first})"
        rf"{year_word}(?:{_time()})?"
    )


def _relative_phrase() -> str:
    def amount(words: Iterable[str]) -> str:
        return rf"(?:{_words(words)}(?:{_WORD_END}\s{{1,3}}|['’]\s{{0,2}}))"

    relatives = _RELATIVE.values()
    units = _words(itertools.chain.from_iterable(r.units.split() for r in relatives))
    amounts = amount(itertools.chain.from_iterable(r.amounts for r in relatives))
    quantity = (
        rf"(?:[0-9]{{1,4}}\s{{0,2}}{_words(_SHORT_UNITS)}"
        rf"|(?:[0-9]{{1,4}}\s{{1,3}}|{amounts})?{units}){_WORD_END}\.?"
    )
    before = _words(itertools.chain.from_iterable(r.before for r in relatives))
    after = _words(itertools.chain.from_iterable(r.after for r in relatives))
    first = _words(first for r in relatives for first, _ in r.around)
    last = _words(last for r in relatives for _, last in r.around)
    counted = _words(itertools.chain.from_iterable(r.counted.split() for r in relatives))
    # One copy of the quantity, whichever words surround it: the conditionals
    # ask for the word after it unless one came before, or both for "för ... sedan".
    return (
        # A number inside a longer one, or a word inside a longer one, starts nothing.
        rf"(?:(?=[0-9])(?<![^\W_])|(?={_LETTER}){_WORD_START})"
        rf"(?:(?:(?P<before>{before})|(?P<around>{first})){_WORD_END}\s{{1,3}})?"
        rf"(?:{quantity}(?(before)|\s{{1,3}}(?(around){last}|{after}))"
        rf"|(?:[0-9]{{1,4}}\s{{1,3}}|{amounts}){counted}){_WORD_END}"
    )


_DATE = re.compile(_date())
_RELATIVE_PHRASE = re.compile(_relative_phrase())
_RELATIVE_ALONE = re.compile(
    rf"[\W_]*{_words(w for r in _RELATIVE.values() for w in r.words)}{_WORD_END}"
    rf"(?:{_time()})?[\W_]*"
)
_SHORT_RELATIVE = re.compile(rf"[\W_]*[0-9]{{1,3}}{_words(_SHORT_UNITS_ALONE)}[\W_]*")
_WORD = re.compile(r"[^\W_]+")
_FILLERS = frozenset(
    _fold(word)
    for word in itertools.chain(
        _forms(_WEEKDAYS),
        _WEEKDAY_LINKS,
        _PARTICLES,
        _YEAR_WORDS,
        _HOUR_WORDS,
        _DATE_WORDS,
        *(connector.split() for connector in _flat(_TIME_CONNECTORS)),
    )
)


# -- Reading ------------------------------------------------------------------


@attrs.frozen
class FoundDate:
    """A date found in a text.

    .. versionadded:: 0.1
    """

    moment: datetime
    """The instant, always aware, with a fixed-offset :class:`~datetime.timezone`
    of whole minutes; seconds kept when given, microseconds 0."""
    raw: str
    """The exact part of the text that was read, weekday and time included."""
    zone_given: bool
    """Whether the text stated the offset or zone; if not, :attr:`moment` has
    the caller's default offset, else UTC."""


def find_date(
    text: str, *, language: str | None = None, default_offset: timezone | None = None
) -> FoundDate | None:
    """Find the first absolute date in *text*, with its time if one follows it.

    Args:
        text: Any text, such as ``"Par Jean Dupont, le mercredi 15 mai 2019 à 08h07"``.
        language: The page's language tag (``"de"``, ``"en-US"``, ``"pt_BR"``),
            which decides the order of an ambiguous numeric date; month names
            are read in every language whatever it says.
        default_offset: The offset for a date that states none; UTC if None.

    Returns:
        The date, or None if there is none.

    Raises:
        TypeError: *default_offset* is not a :class:`datetime.timezone`.
        ValueError: *default_offset* is not a whole number of minutes.

    .. versionadded:: 0.1
    """
    found = _search(text, language, default_offset)
    return None if found is None else found[1]


def parse_date(
    text: str, *, language: str | None = None, default_offset: timezone | None = None
) -> FoundDate | None:
    """Read *text* as a date, if a date is (nearly) all it holds.

    Around the date there may be white space, punctuation, a weekday and
    small words such as ``le``, ``am``, ``on`` or ``um``, nothing else: a
    zone the module does not know (``IST``) makes it None too.

    Args:
        text: A text such as the content of a ``<time>`` element.
        language: As for :func:`find_date`.
        default_offset: As for :func:`find_date`.

    Returns:
        The date, or None.

    Raises:
        TypeError: *default_offset* is not a :class:`datetime.timezone`.
        ValueError: *default_offset* is not a whole number of minutes.

    .. versionadded:: 0.1
    """
    found = _search(text, language, default_offset)
    if found is None:
        return None
    match, date = found
    if _fillers_only(text, 0, match.start()) and _fillers_only(text, match.end(), len(text)):
        return date
    return None


def is_relative(text: str) -> bool:
    """Whether *text* gives a date relative to now.

    An amount of time and the word that makes it past (``10 hours ago``,
    ``vor 2 Stunden``, ``il y a 3 jours``, ``hace 2 días``, ``2 godziny
    temu``, ``há 3 dias``, ``3 giorni fa``, ``3 uur geleden``...) counts
    anywhere in the text. Words such as ``yesterday``, ``gestern``, ``hier``
    or ``just now``, which mean other things too, count only when they are
    all the text holds, a time after them allowed (``gestern, 14:33 Uhr``);
    so do the short forms ``5h``, ``2d`` or ``3w``.

    Args:
        text: Any text.

    Returns:
        Whether it is a relative date.

    .. versionadded:: 0.1
    """
    return bool(
        _RELATIVE_PHRASE.search(text)
        or _RELATIVE_ALONE.fullmatch(text)
        or _SHORT_RELATIVE.fullmatch(text)
    )


def _search(
    text: str, language: str | None, default_offset: timezone | None
) -> tuple[re.Match[str], FoundDate] | None:
    default = _checked_offset(default_offset)
    month_first = _month_first(language)
    position = 0
    while (match := _DATE.search(text, position)) is not None:
        found = _read(match, month_first, default)
        if found is not None:
            return match, found
        position = match.start() + 1
    return None


def _checked_offset(offset: timezone | None) -> timezone:
    if offset is None:
        return UTC
    if not isinstance(offset, timezone):
        raise TypeError(f"default_offset: expected a datetime.timezone, got {type(offset)}")
    if offset.utcoffset(None) % timedelta(minutes=1):
        raise ValueError(f"default_offset: {offset} is not a whole number of minutes")
    return offset


def _month_first(language: str | None) -> bool:
    """Whether *language* reads ``05/06/2019`` as May 6: English, in the US or no region."""
    if not language:
        return False
    subtags = language.replace("_", "-").split("-")
    if subtags[0].casefold() != "en":
        return False
    for subtag in subtags[1:]:
        if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            return subtag.casefold() == "us"
    return True


def _read(match: re.Match[str], month_first: bool, default: timezone) -> FoundDate | None:
    """The date *match* stands for, or None if it is impossible."""
    day_month_year = _day_month_year(match, month_first)
    if day_month_year is None:
        return None
    day, month, year = day_month_year
    # Checked before the time is looked at: pages and hostile texts alike are
    # full of numbers that only fail here ("30.02.2019").
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    group = match.group
    hour = minute = second = 0
    if (hour_text := group("h12") or group("h24")) is not None:
        hour = int(hour_text)
        minute = int(group("mi") or group("hm") or group("dm") or group("km") or 0)
        second = int(group("se") or 0)
        if (am_pm := group("ap")) is not None:
            hour = hour % 12 + (12 if am_pm in "pP" else 0)
    zone: timezone | None = default
    zone_given = True
    if (abbreviation := group("zab")) is not None:
        zone = _zone(_ZONES[abbreviation])
    elif group("zu") is not None:
        zone = _offset(group("zuo") or "+0")
    elif (offset := group("zo")) is not None:
        zone = _offset(offset)
    elif group("zz") is not None:
        zone = UTC
    else:
        zone_given = False
    if zone is None:
        return None
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
    return FoundDate(moment=moment, raw=match.group(), zone_given=zone_given)


def _day_month_year(match: re.Match[str], month_first: bool) -> tuple[int, int, int] | None:
    group = match.group
    if (year := group("fy")) is not None:
        if (month := group("fm")) is not None:
            return int(group("fd")), int(month), int(year)
        if (month := group("cm")) is not None:
            return int(group("cd")), int(month), int(year)
        return _named(group("td"), group("tm"), year)
    if (year := group("by")) is not None:
        return _named(group("bd"), group("bm"), year)
    day = group("d")
    if (year := group("ay")) is not None:
        return _named(day, group("am"), year)
    separator, other = group("nsep"), group("nb")
    if (year := group("ny")) is not None:
        number = int(year)
    else:
        if separator[0] == "." and (len(day) < 2 or len(other) < 2):
            return None
        number = int(group("sy"))
        number += 2000 if number < 69 else 1900
    return (*_ordered(int(day), int(other), month_first and separator in "/-"), number)


def _named(day: str, month: str, year: str) -> tuple[int, int, int] | None:
    # The pattern admits the odd letter that case-folds or decomposes in a way
    # no table word does; such a name is simply not a month.
    number = _MONTH_NUMBERS.get(_fold(month))
    return None if number is None else (int(day), number, int(year))


def _ordered(first: int, second: int, month_first: bool) -> tuple[int, int]:
    """(day, month) from two numbers in either order; a number above 12 is the day."""
    if first > 12 or (second <= 12 and not month_first):
        return first, second
    return second, first


def _offset(text: str) -> timezone | None:
    """The zone of an offset such as ``+02:00``, ``-0500``, ``+2``, or None if out of range."""
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > _MAX_OFFSET_HOURS or minutes > 59:
        return None
    total = hours * 60 + minutes
    return _zone(total if text[0] == "+" else -total)


@functools.cache
def _zone(minutes: int) -> timezone:
    # One zone object per offset, as threadkit's readers share theirs.
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


def _fillers_only(text: str, start: int, end: int) -> bool:
    return all(_is_filler(word.group()) for word in _WORD.finditer(text, start, end))


@functools.lru_cache(maxsize=256)
def _is_filler(word: str) -> bool:
    # Cached: a text that repeats a filler many times ("le le le ...") would
    # otherwise fold it each time, and a text of many different words stops
    # at the first that is not one.
    return _fold(word) in _FILLERS
