"""Dates as the html writer shows them to people, in the page's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from threadkit.formats._shown_dates import LANGUAGES, shown_date

MOMENT = datetime(2024, 9, 14, 9, 12, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", "14 September 2024, 09:12"),
        ("en-GB", "14 September 2024, 09:12"),
        ("de-AT", "14. September 2024, 09:12"),
        ("fr", "14 septembre 2024, 09:12"),
        ("es", "14 de septiembre de 2024, 09:12"),
        ("pt-BR", "14 de setembro de 2024, 09:12"),
        ("it", "14 settembre 2024, 09:12"),
        ("nl", "14 september 2024, 09:12"),
        ("sv", "14 september 2024, 09:12"),
        ("da", "14. september 2024, 09:12"),
        ("no", "14. september 2024, 09:12"),
        ("pl", "14 września 2024, 09:12"),
        ("ru", "14 сентября 2024, 09:12"),
        ("EN", "14 September 2024, 09:12"),
        ("ja", "2024-09-14 09:12"),  # no table: the international form
        ("x-klingon", "2024-09-14 09:12"),
    ],
)
def test_a_date_in_the_page_s_language(lang: str, shown: str) -> None:
    assert shown_date(MOMENT, lang) == shown


def test_the_wall_clock_of_the_date_s_own_offset() -> None:
    late = datetime(2024, 12, 31, 23, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert shown_date(late, "en") == "31 December 2024, 23:05"
    assert shown_date(late.astimezone(UTC), "en") == "1 January 2025, 04:05"


def test_every_language_has_twelve_months_of_its_own() -> None:
    januaries = {shown_date(datetime(2024, 1, 2, tzinfo=UTC), lang) for lang in LANGUAGES}
    assert len(LANGUAGES) == 13
    assert "2 January 2024, 00:00" in januaries
    assert all("2024-01-02" not in shown for shown in januaries)
