"""The dates of web pages: threadkit.pages._dates.

Every expected moment and raw text here is written by hand from the example
beside it; the properties at the end check what holds for any text, and
read back dates formatted by the standard library or by hand.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadkit.pages._dates import FoundDate, find_date, is_relative, parse_date


def zone(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


def check(found: FoundDate | None, moment: datetime, raw: str, zone_given: bool = False) -> None:
    assert found is not None
    assert found.moment == moment
    assert found.moment.utcoffset() == moment.utcoffset()
    assert found.raw == raw
    assert found.zone_given is zone_given


# -- The examples of real pages -------------------------------------------------

EXAMPLES = [
    ("Di, 21. April 2020 - 16:40", datetime(2020, 4, 21, 16, 40, tzinfo=UTC)),
    ("le mercredi 15 mai 2019 à 08h07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("wtorek, 11 maja 2021, 23:13", datetime(2021, 5, 11, 23, 13, tzinfo=UTC)),
    ("Am 12. März 2020 um 14:33 Uhr", datetime(2020, 3, 12, 14, 33, tzinfo=UTC)),
    ("15. Mai 2019 um 8:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("May 15, 2019 at 8:07 am", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("April 21st, 2020 at 4:40 PM", datetime(2020, 4, 21, 16, 40, tzinfo=UTC)),
    ("21 avril 2020", datetime(2020, 4, 21, tzinfo=UTC)),
    ("1er mai 2019", datetime(2019, 5, 1, tzinfo=UTC)),
    ("15 de mayo de 2019 a las 8:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("15 de maio de 2019 às 08:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("15 maggio 2019 alle 08:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("15 mei 2019 om 08:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("15.05.2019, 08:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("15.05.2019 um 08:07 Uhr", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("15/05/2019 à 08:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("2019-05-15 08:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ("2013-05-05 20:35", datetime(2013, 5, 5, 20, 35, tzinfo=UTC)),
    ("2013年5月5日 20:35", datetime(2013, 5, 5, 20, 35, tzinfo=UTC)),
    ("2013/05/05 20:35", datetime(2013, 5, 5, 20, 35, tzinfo=UTC)),
    ("21.04.20 16:40", datetime(2020, 4, 21, 16, 40, tzinfo=UTC)),
]


@pytest.mark.parametrize(("text", "moment"), EXAMPLES)
def test_examples_are_read_whole(text: str, moment: datetime) -> None:
    # "le" and "Am" are words around the date, not part of it.
    check(parse_date(text), moment, text.removeprefix("le ").removeprefix("Am "))


@pytest.mark.parametrize(
    ("text", "moment", "raw"),
    [
        (
            "2019-05-15T08:07:00+02:00",
            datetime(2019, 5, 15, 8, 7, tzinfo=zone(2)),
            "2019-05-15T08:07:00+02:00",
        ),
        (
            "Wed, 15 May 2019 08:07:00 +0200",
            datetime(2019, 5, 15, 8, 7, tzinfo=zone(2)),
            "Wed, 15 May 2019 08:07:00 +0200",
        ),
        (
            "Tuesday, 21 April 2020 4:40pm GMT",
            datetime(2020, 4, 21, 16, 40, tzinfo=UTC),
            "Tuesday, 21 April 2020 4:40pm GMT",
        ),
        ("2019-05-15T08:07:00Z", datetime(2019, 5, 15, 8, 7, tzinfo=UTC), "2019-05-15T08:07:00Z"),
        (
            "2019-05-15 08:07:00.123456+0200",
            datetime(2019, 5, 15, 8, 7, tzinfo=zone(2)),
            "2019-05-15 08:07:00.123456+0200",
        ),
        (
            "2019-05-15T08:07:05.5-05:00",
            datetime(2019, 5, 15, 8, 7, 5, tzinfo=zone(-5)),
            "2019-05-15T08:07:05.5-05:00",
        ),
        (
            "Sat, 01 Jun 2019 23:59:59 -0000",
            datetime(2019, 6, 1, 23, 59, 59, tzinfo=UTC),
            "Sat, 01 Jun 2019 23:59:59 -0000",
        ),
        (
            "Fri, 31 Dec 1999 23:59:59 GMT",
            datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
            "Fri, 31 Dec 1999 23:59:59 GMT",
        ),
    ],
)
def test_iso_8601_and_rfc_2822_state_their_zone(text: str, moment: datetime, raw: str) -> None:
    found = find_date(text)
    check(found, moment, raw, zone_given=True)
    assert found is not None
    assert found.moment.microsecond == 0


@pytest.mark.parametrize(
    ("text", "moment", "raw"),
    [
        (
            "Par Jean Dupont, le mercredi 15 mai 2019 à 08h07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "mercredi 15 mai 2019 à 08h07",
        ),
        (
            "Antwort von Hugo am 3. Juni 2021 um 09:12",
            datetime(2021, 6, 3, 9, 12, tzinfo=UTC),
            "3. Juni 2021 um 09:12",
        ),
        (
            "Posted by anna on May 15, 2019 at 8:07 pm | Reply",
            datetime(2019, 5, 15, 20, 7, tzinfo=UTC),
            "May 15, 2019 at 8:07 pm",
        ),
        (
            "Opublikowano: wtorek, 11 maja 2021, 23:13 przez Jan",
            datetime(2021, 5, 11, 23, 13, tzinfo=UTC),
            "wtorek, 11 maja 2021, 23:13",
        ),
        (
            "#12 — 21.04.2020 16:40 Uhr, 3 Antworten",
            datetime(2020, 4, 21, 16, 40, tzinfo=UTC),
            "21.04.2020 16:40 Uhr",
        ),
        (
            "Updated 2019-05-15 08:07, first seen 2019-05-14",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "2019-05-15 08:07",
        ),
        (
            "comentado em 15 de maio de 2019 às 08:07 por Ana",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15 de maio de 2019 às 08:07",
        ),
        (
            "Skrevet 15. maj 2019 kl. 08.07 af Ole",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15. maj 2019 kl. 08.07",
        ),
        (
            "Lähetetty 15. toukokuuta 2019 klo 8.07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15. toukokuuta 2019 klo 8.07",
        ),
        (
            "Опубликовано 15 мая 2019 г. в 08:07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15 мая 2019 г. в 08:07",
        ),
        (
            "Publikováno 15. května 2019 v 8:07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15. května 2019 v 8:07",
        ),
        (
            "Yayınlandı: 15 Mayıs 2019 saat 08:07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15 Mayıs 2019 saat 08:07",
        ),
        (
            "Publicat 15 mai 2019, ora 08:07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15 mai 2019, ora 08:07",
        ),
        (
            "Közzétéve: 2019. május 15. 08:07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "2019. május 15. 08:07",
        ),
        (
            "Postat 15 maj 2019 kl 08:07",
            datetime(2019, 5, 15, 8, 7, tzinfo=UTC),
            "15 maj 2019 kl 08:07",
        ),
        (
            "Lugar 15 de mayo de 2019, 8:07 p. m.",
            datetime(2019, 5, 15, 20, 7, tzinfo=UTC),
            "15 de mayo de 2019, 8:07 p. m.",
        ),
    ],
)
def test_find_date_inside_text(text: str, moment: datetime, raw: str) -> None:
    check(find_date(text), moment, raw)


def test_the_first_date_is_found() -> None:
    text = "Edited 16.05.2019 10:00, first posted 15.05.2019 08:07"
    check(find_date(text), datetime(2019, 5, 16, 10, tzinfo=UTC), "16.05.2019 10:00")


# -- Month names --------------------------------------------------------------

# Twelve dates per language, month by month, each the 15th of 2019, in the
# forms real pages use (several show abbreviations and other cases).
MONTHS: dict[str, list[str]] = {
    "en": [
        "15 January 2019",
        "Feb 15, 2019",
        "15 March 2019",
        "April 15th, 2019",
        "May 15, 2019",
        "15 Jun 2019",
        "July 15 2019",
        "15 Aug. 2019",
        "Sept. 15, 2019",
        "15 October 2019",
        "Nov 15, 2019",
        "15th of December 2019",
    ],
    "de": [
        "15. Januar 2019",
        "15. Februar 2019",
        "15. März 2019",
        "15. Apr. 2019",
        "15. Mai 2019",
        "15. Juni 2019",
        "15. Juli 2019",
        "15. August 2019",
        "15. Sept. 2019",
        "15. Oktober 2019",
        "15. Nov. 2019",
        "15. Dezember 2019",
    ],
    "fr": [
        "15 janvier 2019",
        "15 févr. 2019",
        "15 mars 2019",
        "15 avril 2019",
        "15 mai 2019",
        "15 juin 2019",
        "15 juillet 2019",
        "15 août 2019",
        "15 sept. 2019",
        "15 octobre 2019",
        "15 novembre 2019",
        "15 décembre 2019",
    ],
    "es": [
        "15 de enero de 2019",
        "15 de febrero de 2019",
        "15 de marzo de 2019",
        "15 de abril de 2019",
        "15 de mayo de 2019",
        "15 de junio de 2019",
        "15 de julio de 2019",
        "15 de agosto de 2019",
        "15 de septiembre de 2019",
        "15 de octubre de 2019",
        "15 de noviembre de 2019",
        "15 de diciembre del 2019",
    ],
    "pt": [
        "15 de janeiro de 2019",
        "15 de fevereiro de 2019",
        "15 de março de 2019",
        "15 de abril de 2019",
        "15 de maio de 2019",
        "15 de junho de 2019",
        "15 de julho de 2019",
        "15 de agosto de 2019",
        "15 de setembro de 2019",
        "15 de outubro de 2019",
        "15 de novembro de 2019",
        "15 de dezembro de 2019",
    ],
    "it": [
        "15 gennaio 2019",
        "15 febbraio 2019",
        "15 marzo 2019",
        "15 aprile 2019",
        "15 maggio 2019",
        "15 giugno 2019",
        "15 luglio 2019",
        "15 agosto 2019",
        "15 settembre 2019",
        "15 ottobre 2019",
        "15 novembre 2019",
        "15 dicembre 2019",
    ],
    "nl": [
        "15 januari 2019",
        "15 februari 2019",
        "15 maart 2019",
        "15 april 2019",
        "15 mei 2019",
        "15 juni 2019",
        "15 juli 2019",
        "15 augustus 2019",
        "15 september 2019",
        "15 oktober 2019",
        "15 november 2019",
        "15 december 2019",
    ],
    "pl": [
        "15 stycznia 2019",
        "15 lutego 2019",
        "15 marca 2019",
        "15 kwietnia 2019",
        "15 maja 2019",
        "15 czerwca 2019",
        "15 lipca 2019",
        "15 sierpnia 2019",
        "15 września 2019",
        "15 października 2019",
        "15 listopada 2019",
        "15 grudnia 2019",
    ],
    "sv": [
        "15 januari 2019",
        "15 februari 2019",
        "15 mars 2019",
        "15 april 2019",
        "15 maj 2019",
        "15 juni 2019",
        "15 juli 2019",
        "15 augusti 2019",
        "15 september 2019",
        "15 oktober 2019",
        "15 november 2019",
        "15 december 2019",
    ],
    "da": [
        "15. januar 2019",
        "15. februar 2019",
        "15. marts 2019",
        "15. april 2019",
        "15. maj 2019",
        "15. juni 2019",
        "15. juli 2019",
        "15. august 2019",
        "15. september 2019",
        "15. oktober 2019",
        "15. november 2019",
        "15. december 2019",
    ],
    "no": [
        "15. januar 2019",
        "15. februar 2019",
        "15. mars 2019",
        "15. april 2019",
        "15. mai 2019",
        "15. juni 2019",
        "15. juli 2019",
        "15. august 2019",
        "15. september 2019",
        "15. oktober 2019",
        "15. november 2019",
        "15. desember 2019",
    ],
    "fi": [
        "15. tammikuuta 2019",
        "15. helmikuuta 2019",
        "15. maaliskuuta 2019",
        "15. huhtikuuta 2019",
        "15. toukokuuta 2019",
        "15. kesäkuuta 2019",
        "15. heinäkuuta 2019",
        "15. elokuuta 2019",
        "15. syyskuuta 2019",
        "15. lokakuuta 2019",
        "15. marraskuuta 2019",
        "15. joulukuuta 2019",
    ],
    "cs": [
        "15. ledna 2019",
        "15. února 2019",
        "15. března 2019",
        "15. dubna 2019",
        "15. května 2019",
        "15. června 2019",
        "15. července 2019",
        "15. srpna 2019",
        "15. září 2019",
        "15. října 2019",
        "15. listopadu 2019",
        "15. prosince 2019",
    ],
    "ru": [
        "15 января 2019",
        "15 февраля 2019",
        "15 марта 2019",
        "15 апреля 2019",
        "15 мая 2019",
        "15 июня 2019",
        "15 июля 2019",
        "15 августа 2019",
        "15 сентября 2019",
        "15 октября 2019",
        "15 ноября 2019",
        "15 декабря 2019",
    ],
    "tr": [
        "15 Ocak 2019",
        "15 Şubat 2019",
        "15 Mart 2019",
        "15 Nisan 2019",
        "15 Mayıs 2019",
        "15 Haziran 2019",
        "15 Temmuz 2019",
        "15 Ağustos 2019",
        "15 Eylül 2019",
        "15 Ekim 2019",
        "15 Kasım 2019",
        "15 Aralık 2019",
    ],
    "ro": [
        "15 ianuarie 2019",
        "15 februarie 2019",
        "15 martie 2019",
        "15 aprilie 2019",
        "15 mai 2019",
        "15 iunie 2019",
        "15 iulie 2019",
        "15 august 2019",
        "15 septembrie 2019",
        "15 octombrie 2019",
        "15 noiembrie 2019",
        "15 decembrie 2019",
    ],
    "hu": [
        "2019. január 15.",
        "2019. február 15.",
        "2019. március 15.",
        "2019. április 15.",
        "2019. május 15.",
        "2019. június 15.",
        "2019. július 15.",
        "2019. augusztus 15.",
        "2019. szeptember 15.",
        "2019. október 15.",
        "2019. november 15.",
        "2019. december 15.",
    ],
}


@pytest.mark.parametrize(
    ("language", "month", "text"),
    [
        (language, month, text)
        for language, texts in MONTHS.items()
        for month, text in enumerate(texts, 1)
    ],
)
def test_months_of_every_language(language: str, month: int, text: str) -> None:
    moment = datetime(2019, month, 15, tzinfo=UTC)
    # Whatever the page says its language is: a French page may show English dates.
    for page_language in (None, language, "fr", "en-US"):
        check(parse_date(text, language=page_language), moment, text)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        # Other forms and abbreviations.
        ("15. Jänner 2019", 1),
        ("15. Feber 2019", 2),
        ("15. Mrz. 2019", 3),
        ("15. Mär 2019", 3),
        ("15 Sept 2019", 9),
        ("15 janv. 2019", 1),
        ("15 fév 2019", 2),
        ("15 juil. 2019", 7),
        ("15 déc. 2019", 12),
        ("15 de setiembre de 2019", 9),
        ("15 ene. 2019", 1),
        ("15 dic 2019", 12),
        ("15 out. 2019", 10),
        ("15 gen 2019", 1),
        ("15 mrt 2019", 3),
        ("15 sty 2019", 1),
        ("15 paź 2019", 10),
        ("15 styczeń 2019", 1),
        ("15. kesäk. 2019", 6),
        ("15 янв. 2019", 1),
        ("15 сент. 2019", 9),
        ("15 Eyl 2019", 9),
        ("15 noi. 2019", 11),
        ("2019. szept. 15.", 9),
        ("2019. márc. 15.", 3),
        # Without their diacritics.
        ("15 fevrier 2019", 2),
        ("15 aout 2019", 8),
        ("15. Marz 2019", 3),
        ("15 de marco de 2019", 3),
        ("15 wrzesnia 2019", 9),
        ("15 pazdziernika 2019", 10),
        ("15. kvetna 2019", 5),
        ("15. cervence 2019", 7),
        ("15. zari 2019", 9),
        ("15. kesakuuta 2019", 6),
        ("15 Subat 2019", 2),
        ("15 Mayis 2019", 5),
        ("15 Agustos 2019", 8),
        ("2019. majus 15.", 5),
        # In any case.
        ("15 DÉCEMBRE 2019", 12),
        ("15. MÄRZ 2019", 3),
        ("15 MAYIS 2019", 5),
        ("15 EKİM 2019", 10),
        ("15 ARALIK 2019", 12),
        ("15 СЕНТЯБРЯ 2019", 9),
        ("15 WRZEŚNIA 2019", 9),
        ("15 may 2019", 5),
        # Decomposed text: "e" and a combining acute accent.
        ("15 fe\u0301vrier 2019", 2),
    ],
)
def test_month_forms(text: str, month: int) -> None:
    check(parse_date(text), datetime(2019, month, 15, tzinfo=UTC), text)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("Dienstag, 21. April 2020", datetime(2020, 4, 21, tzinfo=UTC)),
        ("Mittwoch, den 15. Mai 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("Mi., 15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("Sa, 15.06.2019", datetime(2019, 6, 15, tzinfo=UTC)),
        ("Tuesday the 21st of April 2020", datetime(2020, 4, 21, tzinfo=UTC)),
        ("Tue, April 21st, 2020", datetime(2020, 4, 21, tzinfo=UTC)),
        ("mercredi 15 mai 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("miércoles, 15 de mayo de 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("quarta-feira, 15 de maio de 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("mercoledì 15 maggio 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("woensdag 15 mei 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("środa, 15 maja 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("onsdag den 15 maj 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("onsdag 15. maj 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("keskiviikko 15. toukokuuta 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("středa 15. května 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("среда, 15 мая 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("Çarşamba, 15 Mayıs 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("miercuri, 15 mai 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("szerda, 15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        # Weekday abbreviations that are also month abbreviations stay weekdays.
        ("Mar, 21 April 2020", datetime(2020, 4, 21, tzinfo=UTC)),
        ("mar. 15 may. 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("sáb, 15 jun 2019", datetime(2019, 6, 15, tzinfo=UTC)),
    ],
)
def test_weekdays_are_read_and_skipped(text: str, moment: datetime) -> None:
    check(parse_date(text), moment, text)


def test_a_weekday_is_not_checked_against_the_date() -> None:
    # Pages get them wrong; the date is what counts.
    check(
        parse_date("Monday, 15 May 2019"), datetime(2019, 5, 15, tzinfo=UTC), "Monday, 15 May 2019"
    )


def test_two_letter_weekdays_need_their_dot_or_comma() -> None:
    check(find_date("so 15.05.2019"), datetime(2019, 5, 15, tzinfo=UTC), "15.05.2019")
    # Still a weekday, so a small word parse_date lets stand around a date.
    check(parse_date("so 15.05.2019"), datetime(2019, 5, 15, tzinfo=UTC), "15.05.2019")
    check(find_date("So, 15.05.2019"), datetime(2019, 5, 15, tzinfo=UTC), "So, 15.05.2019")


# -- Numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "moment"),
    [
        ("05/06/2019", None, datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "en-US", datetime(2019, 5, 6, tzinfo=UTC)),
        ("05/06/2019", "en", datetime(2019, 5, 6, tzinfo=UTC)),
        ("05/06/2019", "en_US", datetime(2019, 5, 6, tzinfo=UTC)),
        ("05/06/2019", "EN-us", datetime(2019, 5, 6, tzinfo=UTC)),
        ("05/06/2019", "en-Latn-US", datetime(2019, 5, 6, tzinfo=UTC)),
        ("05/06/2019", "en-Latn", datetime(2019, 5, 6, tzinfo=UTC)),
        ("05/06/2019", "en-GB", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "en-AU", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "en-001", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "de", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "de-AT", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "fr", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "pt-BR", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05/06/2019", "nonsense-tag", datetime(2019, 6, 5, tzinfo=UTC)),
        ("05-06-2019", "en-US", datetime(2019, 5, 6, tzinfo=UTC)),
        ("5/6/19", "en-US", datetime(2019, 5, 6, tzinfo=UTC)),
        ("5/6/19", None, datetime(2019, 6, 5, tzinfo=UTC)),
        # A number above 12 decides, whatever the language.
        ("13/06/2019", "en-US", datetime(2019, 6, 13, tzinfo=UTC)),
        ("06/13/2019", None, datetime(2019, 6, 13, tzinfo=UTC)),
        ("06/13/2019", "de", datetime(2019, 6, 13, tzinfo=UTC)),
        ("06.13.2019", "fr", datetime(2019, 6, 13, tzinfo=UTC)),
        # Dots are day first, even in the US.
        ("05.06.2019", "en-US", datetime(2019, 6, 5, tzinfo=UTC)),
        ("21.04.20", "en-US", datetime(2020, 4, 21, tzinfo=UTC)),
    ],
)
def test_ambiguous_numeric_dates(text: str, language: str | None, moment: datetime) -> None:
    check(parse_date(text, language=language), moment, text)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("15. 5. 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("1.5.2019", datetime(2019, 5, 1, tzinfo=UTC)),
        ("15-05-2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("2019/05/15", datetime(2019, 5, 15, tzinfo=UTC)),
        ("2019.05.15", datetime(2019, 5, 15, tzinfo=UTC)),
        ("2019. 05. 15", datetime(2019, 5, 15, tzinfo=UTC)),
        ("2019-5-7", datetime(2019, 5, 7, tzinfo=UTC)),
        ("2013年5月5日", datetime(2013, 5, 5, tzinfo=UTC)),
        ("2013年5月5日20時35分", datetime(2013, 5, 5, 20, 35, tzinfo=UTC)),
        ("2013년 5월 5일 20:35", datetime(2013, 5, 5, 20, 35, tzinfo=UTC)),
        ("21.04.20", datetime(2020, 4, 21, tzinfo=UTC)),
        ("21.04.68", datetime(2068, 4, 21, tzinfo=UTC)),
        ("21.04.69", datetime(1969, 4, 21, tzinfo=UTC)),
        ("31.12.99", datetime(1999, 12, 31, tzinfo=UTC)),
        ("01.01.00", datetime(2000, 1, 1, tzinfo=UTC)),
        ("29.02.2020", datetime(2020, 2, 29, tzinfo=UTC)),
        ("31.12.1000", datetime(1000, 12, 31, tzinfo=UTC)),
        ("01.01.2999", datetime(2999, 1, 1, tzinfo=UTC)),
    ],
)
def test_numeric_dates(text: str, moment: datetime) -> None:
    check(parse_date(text), moment, text)


# -- Times --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("15.05.2019 16:40", datetime(2019, 5, 15, 16, 40, tzinfo=UTC)),
        ("15.05.2019 16:40:05", datetime(2019, 5, 15, 16, 40, 5, tzinfo=UTC)),
        ("15.05.2019 00:00", datetime(2019, 5, 15, 0, 0, tzinfo=UTC)),
        ("15.05.2019 23:59:59", datetime(2019, 5, 15, 23, 59, 59, tzinfo=UTC)),
        ("May 15, 2019 4:40 pm", datetime(2019, 5, 15, 16, 40, tzinfo=UTC)),
        ("May 15, 2019 4:40pm", datetime(2019, 5, 15, 16, 40, tzinfo=UTC)),
        ("May 15, 2019 4:40 P.M.", datetime(2019, 5, 15, 16, 40, tzinfo=UTC)),
        ("May 15, 2019 4 PM", datetime(2019, 5, 15, 16, 0, tzinfo=UTC)),
        ("May 15, 2019 12 AM", datetime(2019, 5, 15, 0, 0, tzinfo=UTC)),
        ("May 15, 2019 12:30 am", datetime(2019, 5, 15, 0, 30, tzinfo=UTC)),
        ("May 15, 2019 12:30 pm", datetime(2019, 5, 15, 12, 30, tzinfo=UTC)),
        ("May 15, 2019 11:59 PM", datetime(2019, 5, 15, 23, 59, tzinfo=UTC)),
        ("May 15, 2019 @ 8:07 am", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15 mai 2019 à 08h07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15 mai 2019 à 8h", datetime(2019, 5, 15, 8, 0, tzinfo=UTC)),
        ("15 mai 2019 - 8 h 07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15. Mai 2019, 8 Uhr", datetime(2019, 5, 15, 8, 0, tzinfo=UTC)),
        ("15. Mai 2019 um 8.07 Uhr", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15. Mai 2019 8.07 Uhr", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15. Mai 2019 um 8.07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15 de mayo de 2019 a la 1:07", datetime(2019, 5, 15, 1, 7, tzinfo=UTC)),
        ("15 de maio de 2019 às 8:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15 maggio 2019 alle ore 8:07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("15 mei 2019 om 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15 maja 2019 o 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15 maja 2019 r., godz. 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15 maj 2019 kl. 20.07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15. toukokuuta 2019 klo 20.07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15. května 2019 v 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15 мая 2019 в 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15 Mayıs 2019 saat 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15 mai 2019 ora 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15.05.2019 | 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15.05.2019 — 20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("2019-05-15T20:07", datetime(2019, 5, 15, 20, 7, tzinfo=UTC)),
        ("15/05/2019 14:30 hs", datetime(2019, 5, 15, 14, 30, tzinfo=UTC)),
        # No-break spaces, as French typography puts them.
        ("15\u00a0mai\u00a02019 à\u00a008\u202fh\u202f07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
    ],
)
def test_times(text: str, moment: datetime) -> None:
    check(parse_date(text), moment, text)


@pytest.mark.parametrize(
    ("text", "raw", "moment"),
    [
        # 8.07 without a word that makes it a time is a price, a score, a version.
        ("15.05.2019 12.05 €", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("15.05.2019 3.2", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        # A date after a word such as "um" is no time.
        ("15.05.2019 um 16.05.2019", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        # A score is no time.
        ("15.05.2019 3:2", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        # A number after a date, not a time.
        ("15.05.2019 10 Kommentare", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("15 May 2019 8 hours", "15 May 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        # German "am" after a 24-hour time is a word, not a.m.
        (
            "15.05.2019 20:07 am Bahnhof",
            "15.05.2019 20:07",
            datetime(2019, 5, 15, 20, 7, tzinfo=UTC),
        ),
        # The French "est" is no zone: zones count in capitals only.
        ("15 mai 2019 à 08h07 est", "15 mai 2019 à 08h07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        # Time before the date is not read.
        ("08:07, 15.05.2019", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
    ],
)
def test_what_is_not_a_time(text: str, raw: str, moment: datetime) -> None:
    check(find_date(text), moment, raw)


# -- Zones --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "offset"),
    [
        ("+0200", zone(2)),
        ("+02:00", zone(2)),
        (" +02:00", zone(2)),
        ("-05", zone(-5)),
        ("-0530", zone(-5, -30)),
        ("\u22120300", zone(-3)),
        ("+0545", zone(5, 45)),
        ("Z", UTC),
        ("z", UTC),
        (" UTC", UTC),
        (" GMT", UTC),
        (" UT", UTC),
        (" UTC+2", zone(2)),
        (" UTC+02:00", zone(2)),
        (" GMT-5", zone(-5)),
        (" GMT+0530", zone(5, 30)),
        (" CET", zone(1)),
        (" CEST", zone(2)),
        (" MEZ", zone(1)),
        (" MESZ", zone(2)),
        (" (MESZ)", zone(2)),
        (" EET", zone(2)),
        (" EEST", zone(3)),
        (" WET", UTC),
        (" WEST", zone(1)),
        (" BST", zone(1)),
        (" MSK", zone(3)),
        (" EST", zone(-5)),
        (" EDT", zone(-4)),
        (" CST", zone(-6)),
        (" CDT", zone(-5)),
        (" MST", zone(-7)),
        (" MDT", zone(-6)),
        (" PST", zone(-8)),
        (" PDT", zone(-7)),
        (" JST", zone(9)),
        (" KST", zone(9)),
        (" AEST", zone(10)),
        (" AEDT", zone(11)),
    ],
)
def test_zones(suffix: str, offset: timezone) -> None:
    text = "2019-05-15 08:07" + suffix
    found = parse_date(text, default_offset=zone(7))
    check(found, datetime(2019, 5, 15, 8, 7, tzinfo=offset), text, zone_given=True)
    assert found is not None
    assert type(found.moment.tzinfo) is timezone


@pytest.mark.parametrize("suffix", [" IST", " XYZ", " cest", " Europe/Berlin"])
def test_unknown_zones_are_not_read(suffix: str) -> None:
    text = "2019-05-15 08:07" + suffix
    check(find_date(text), datetime(2019, 5, 15, 8, 7, tzinfo=UTC), "2019-05-15 08:07")
    # A whole text with a zone that is not read is not a date.
    assert parse_date(text) is None


def test_no_zone_takes_the_default_offset() -> None:
    check(
        find_date("15.05.2019 08:07"), datetime(2019, 5, 15, 8, 7, tzinfo=UTC), "15.05.2019 08:07"
    )
    found = find_date("15.05.2019 08:07", default_offset=zone(2))
    check(found, datetime(2019, 5, 15, 8, 7, tzinfo=zone(2)), "15.05.2019 08:07")
    found = find_date("15.05.2019", default_offset=zone(-4, -30))
    check(found, datetime(2019, 5, 15, tzinfo=zone(-4, -30)), "15.05.2019")
    # A stated zone wins over the default, and is said to be stated even when
    # it is the same.
    found = find_date("15.05.2019 08:07 UTC", default_offset=zone(2))
    check(found, datetime(2019, 5, 15, 8, 7, tzinfo=UTC), "15.05.2019 08:07 UTC", zone_given=True)
    found = find_date("15.05.2019 08:07 UTC")
    check(found, datetime(2019, 5, 15, 8, 7, tzinfo=UTC), "15.05.2019 08:07 UTC", zone_given=True)


class _Named(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "Named"


def test_a_bad_default_offset_is_refused() -> None:
    with pytest.raises(ValueError, match="whole number of minutes"):
        find_date("15.05.2019", default_offset=timezone(timedelta(seconds=30)))
    with pytest.raises(TypeError, match=r"datetime\.timezone"):
        find_date("15.05.2019", default_offset=_Named())  # type: ignore[arg-type]


# -- What is no date ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2019",
        "May 2019",
        "Mai 2019",
        "2019-05",
        "05/2019",
        "15 May",
        "May 15",
        "15. Mai",
        "Version 2.0.1",
        "Version 1.2.20",
        "0176 12345678",
        "+49 176 12345678",
        "(555) 123-4567",
        "06-12-34-56-78",
        "1.5.3",
        "192.168.1.1",
        "10.10.10.10",
        "172.16.254.1",
        "12.05 €",
        "12,05 €",
        "€ 1.299,00",
        "3:2",
        "Endstand 3:2",
        "115 May 2019",
        "15 May 0176",
        "15 May 3019",
        "15.05.19999",
        "20190515",
        # Digits other than 0-9 are not read.
        "\u0661\u0665.\u0660\u0665.\u0662\u0660\u0661\u0669",
        "１５.０５.２０１９",
        "30.02.2019",
        "31.04.2019",
        "29.02.2019",
        "00.05.2019",
        "15.00.2019",
        "15.13.2019",
        "13/13/2019",
        "32 May 2019",
        "2019-13-01",
        "2019-02-30",
        "15.05.2019 25:00",
        "15.05.2019 24:00",
        "15.05.2019 08:60",
        "15.05.2019 08:07:60",
        "15.05.2019 08:07 +2500",
        "15.05.2019 08:07 +0275",
    ],
)
def test_no_date(text: str) -> None:
    assert find_date(text) is None
    assert parse_date(text) is None


def test_an_impossible_candidate_is_skipped_and_the_search_goes_on() -> None:
    text = "30.02.2019 oder 01.03.2019"
    check(find_date(text), datetime(2019, 3, 1, tzinfo=UTC), "01.03.2019")
    text = "15.05.2019 25:00, 16.05.2019 08:00"
    check(find_date(text), datetime(2019, 5, 16, 8, tzinfo=UTC), "16.05.2019 08:00")
    assert parse_date("30.02.2019 oder 01.03.2019") is None


# -- Whole texts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "moment"),
    [
        ("2019-05-15", "2019-05-15", datetime(2019, 5, 15, tzinfo=UTC)),
        ("  <2019-05-15>\n", "2019-05-15", datetime(2019, 5, 15, tzinfo=UTC)),
        ("(15.05.2019)", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("on 15 May 2019", "15 May 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("le 15 mai 2019 à 08h07", "15 mai 2019 à 08h07", datetime(2019, 5, 15, 8, 7, tzinfo=UTC)),
        ("Am 12. März 2020", "12. März 2020", datetime(2020, 3, 12, tzinfo=UTC)),
        ("vom 12. März 2020", "12. März 2020", datetime(2020, 3, 12, tzinfo=UTC)),
        ("el 15 de mayo de 2019", "15 de mayo de 2019", datetime(2019, 5, 15, tzinfo=UTC)),
        ("dnia 11 maja 2021 r.", "11 maja 2021 r.", datetime(2021, 5, 11, tzinfo=UTC)),
        ("— 15.05.2019 —", "15.05.2019", datetime(2019, 5, 15, tzinfo=UTC)),
    ],
)
def test_parse_date_allows_small_words_around(text: str, raw: str, moment: datetime) -> None:
    check(parse_date(text), moment, raw)


@pytest.mark.parametrize(
    "text",
    [
        "Posted on 15 May 2019",
        "15 May 2019 (edited)",
        "15 May 2019 by Anna",
        "Antwort von Hugo am 3. Juni 2021",
        "2019 15.05.2019",
        "15.05.2019 12.05",
        "15.05.2019 #3",
        "x 2019-05-15",
    ],
)
def test_parse_date_refuses_other_words(text: str) -> None:
    assert find_date(text) is not None
    assert parse_date(text) is None


# -- Relative dates -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # English
        "10 hours ago",
        "an hour ago",
        "a few seconds ago",
        "2 days ago",
        "5m ago",
        "5 min ago",
        "Posted 3 weeks ago by Bob",
        "yesterday",
        "Yesterday at 8:07 pm",
        "today, 10:15",
        "just now",
        "Just now!",
        # German
        "vor 2 Stunden",
        "vor einer Stunde",
        "vor 5 Min.",
        "VOR 3 TAGEN",
        "gestern",
        "Gestern, 14:33 Uhr",
        "heute um 10:15",
        "gerade eben",
        # French
        "il y a 3 jours",
        "il y a une heure",
        "il y a 2 h",
        "hier",
        "hier à 08h07",
        "aujourd'hui",
        "à l'instant",
        # Spanish
        "hace 2 días",
        "Hace una hora",
        "ayer",
        "ayer a las 8:07",
        "hoy",
        # Polish
        "2 godziny temu",
        "godzinę temu",
        "5 minut temu",
        "wczoraj",
        "wczoraj o 23:13",
        "przed chwilą",
        # Portuguese
        "há 3 dias",
        "ha 3 dias",
        "3 dias atrás",
        "ontem",
        "ontem às 08:07",
        # Italian
        "3 giorni fa",
        "un'ora fa",
        "ieri",
        "ieri alle 08:07",
        "poco fa",
        # Dutch
        "3 uur geleden",
        "een dag geleden",
        "gisteren",
        "gisteren om 08:07",
        # Swedish, Danish, Norwegian
        "för 2 timmar sedan",
        "igår",
        "i går kl. 08:07",
        "for 2 timer siden",
        "for 3 dager siden",
        # Finnish
        "2 tuntia sitten",
        "eilen",
        # Czech
        "před 2 hodinami",
        "před chvílí",
        "včera",
        # Russian
        "2 часа назад",
        "вчера",
        "только что",
        # Turkish
        "2 saat önce",
        "dün",
        # Romanian
        "acum 2 ore",
        "2 ore în urmă",
        "alaltăieri",
        # Hungarian
        "2 órája",
        "egy órája",
        "3 napja",
        "2 perccel ezelőtt",
        "tegnap",
        # Short forms, alone.
        "5h",
        "2d",
        "3w",
        "10m",
        "1y",
        " (4h) ",
    ],
)
def test_relative(text: str) -> None:
    assert is_relative(text)
    assert find_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "15 May 2019",
        "2019-05-15T08:07:00Z",
        "2019",
        # Words that are relative dates only when alone.
        "Ich bin hier",
        "Today I learned something",
        "net als de anderen",
        "ma vie",
        # An amount without the word that makes it past.
        "for 2 hours",
        "2 hours",
        "in 2 days",
        "hace buen día",
        # Short forms only alone, and with no space.
        "5 h",
        "Posted 5h",
        "5hours",
        "Version 2d",
    ],
)
def test_not_relative(text: str) -> None:
    assert not is_relative(text)


# -- Hostile input ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1." * 200_000,
        "12 " * 300_000,
        "mai " * 200_000,
        "7" * 1_000_000,
        " " * 1_000_000,
        "Mittwoch, " * 100_000,
        "2019-05-" * 120_000,
        "May 1, " * 140_000,
        "vor il y a " * 90_000,
        "12:30 " * 160_000,
        "1.1.20." * 140_000,
    ],
)
def test_hostile_input_is_read_in_one_pass(text: str) -> None:
    assert find_date(text) is None
    assert parse_date(text) is None
    assert not is_relative(text)


def test_hostile_input_with_dates_in_it() -> None:
    text = "30.02.2019 " * 90_000 + "01.03.2019"
    check(find_date(text), datetime(2019, 3, 1, tzinfo=UTC), "01.03.2019")
    text = "2 hours " * 120_000 + "ago"
    assert is_relative(text)


# -- Properties ---------------------------------------------------------------

# Bits of dates, so that random texts come near to being dates.
PIECES = st.sampled_from(
    [
        "15",
        "2019",
        "05",
        "1",
        "12",
        ".",
        "/",
        "-",
        ":",
        " ",
        ",",
        "T",
        "Z",
        "+02:00",
        "-05",
        "am",
        "pm",
        "Uhr",
        "h",
        "mai",
        "May",
        "févr.",
        "maja",
        "мая",
        "Mittwoch",
        "Di",
        "de",
        "à",
        "um",
        "UTC",
        "CEST",
        "年",
        "月",
        "日",
        "ago",
        "vor",
        "İ",
        "ſ",
        "\u0301",
    ]
)
DATEISH = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=24).map("".join)


# Any string at all: surrogates and other unassigned or private characters too.
ANY_TEXT = st.text(st.characters(exclude_categories=()))


@given(st.one_of(ANY_TEXT, DATEISH), st.sampled_from([None, "en-US", "de", "en", "x-"]))
def test_any_text_is_read_without_error(text: str, language: str | None) -> None:
    found = find_date(text, language=language)
    whole = parse_date(text, language=language)
    is_relative(text)
    if found is None:
        assert whole is None
        return
    assert found.raw
    assert found.raw in text
    moment = found.moment
    assert type(moment.tzinfo) is timezone
    offset = moment.utcoffset()
    assert offset is not None
    assert offset % timedelta(minutes=1) == timedelta(0)
    assert moment.microsecond == 0
    assert whole is None or whole == found


ZONES = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2068, 12, 31), timezones=ZONES
).map(lambda moment: moment.replace(microsecond=0))
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@given(MOMENTS)
def test_iso_and_rfc_dates_come_back(moment: datetime) -> None:
    iso = moment.isoformat()
    found = parse_date(iso)
    assert found is not None
    assert (found.moment, found.moment.utcoffset()) == (moment, moment.utcoffset())
    assert found.raw == iso
    rfc = email.utils.format_datetime(moment)
    found = parse_date(rfc)
    assert found is not None
    assert (found.moment, found.moment.utcoffset()) == (moment, moment.utcoffset())


@given(MOMENTS)
def test_written_dates_come_back(moment: datetime) -> None:
    offset = moment.tzinfo
    assert isinstance(offset, timezone)
    minute = moment.replace(second=0)
    hour12 = (moment.hour + 11) % 12 + 1
    half = "am" if moment.hour < 12 else "pm"
    texts = [
        f"{moment.day:02}.{moment.month:02}.{moment.year} {moment.hour:02}:{moment.minute:02}",
        f"{moment.day}/{moment.month}/{moment.year % 100:02} {moment.hour}:{moment.minute:02}",
        f"{ENGLISH_MONTHS[moment.month - 1]} {moment.day}, {moment.year} at "
        f"{hour12}:{moment.minute:02} {half}",
        f"{moment.day} {ENGLISH_MONTHS[moment.month - 1]} {moment.year} "
        f"{moment.hour}h{moment.minute:02}",
    ]
    for text in texts:
        found = parse_date(text, default_offset=offset)
        assert found is not None, text
        assert found.moment == minute
        assert found.moment.utcoffset() == offset.utcoffset(None)
        assert not found.zone_given


def test_found_date_is_frozen() -> None:
    found = find_date("15.05.2019")
    assert found is not None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.raw = "x"  # type: ignore[misc]
