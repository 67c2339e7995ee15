"""Dates as people read them, in a page's language: ``14 September 2024, 09:12``.

The html writer shows each date this way and keeps the exact value in
``<time datetime>``, which is what its reader reads: what is shown is for
people only. A date is shown at the wall-clock time of its own offset, as
whoever wrote it saw it. Languages without a table here get the
international form, ``2024-09-14 09:12``.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

__all__ = ["LANGUAGES", "shown_date"]

# Each language: the pattern of a date, then its twelve months in the form
# a date uses (Polish and Russian put the month in the genitive).
_TABLES: Mapping[str, tuple[str, str]] = {
    "en": (
        "{day} {month} {year}, {time}",
        "January February March April May June July August September October November December",
    ),
    "de": (
        "{day}. {month} {year}, {time}",
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    ),
    "fr": (
        "{day} {month} {year}, {time}",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    ),
    "es": (
        "{day} de {month} de {year}, {time}",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    ),
    "pt": (
        "{day} de {month} de {year}, {time}",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    ),
    "it": (
        "{day} {month} {year}, {time}",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
    ),
    "nl": (
        "{day} {month} {year}, {time}",
        "januari februari maart april mei juni juli augustus september oktober november december",
    ),
    "sv": (
        "{day} {month} {year}, {time}",
        "januari februari mars april maj juni juli augusti september oktober november december",
    ),
    "da": (
        "{day}. {month} {year}, {time}",
        "januar februar marts april maj juni juli august september oktober november december",
    ),
    "nb": (
        "{day}. {month} {year}, {time}",
        "januar februar mars april mai juni juli august september oktober november desember",
    ),
    "pl": (
        "{day} {month} {year}, {time}",
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
        "listopada grudnia",
    ),
    "ru": (
        "{day} {month} {year}, {time}",
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    ),
}
# Norwegian is written "no" as often as "nb".
_ALIASES = {"no": "nb"}

LANGUAGES: frozenset[str] = frozenset(_TABLES) | frozenset(_ALIASES)
"""The primary language subtags whose dates are shown with month names.

.. versionadded:: 0.1
"""

_MONTHS = {language: months.split() for language, (_, months) in _TABLES.items()}
assert all(len(months) == 12 for months in _MONTHS.values())


def shown_date(moment: datetime, lang: str) -> str:
    """*moment* as the readers of a page in *lang* (a language tag) read a date.

    >>> from datetime import datetime, timedelta, timezone
    >>> shown_date(datetime(2024, 9, 14, 9, 12, tzinfo=timezone(timedelta(hours=1))), "en")
    '14 September 2024, 09:12'

    .. versionadded:: 0.1
    """
    primary = lang.partition("-")[0].lower()
    primary = _ALIASES.get(primary, primary)
    clock = f"{moment.hour:02}:{moment.minute:02}"
    table = _TABLES.get(primary)
    if table is None:
        return f"{moment.year:04}-{moment.month:02}-{moment.day:02} {clock}"
    pattern, _ = table
    month = _MONTHS[primary][moment.month - 1]
    return pattern.format(day=moment.day, month=month, year=moment.year, time=clock)
