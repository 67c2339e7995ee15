"""Every reader gives the dates of a thread one time zone object per UTC offset.

A date parsed with its offset would otherwise carry a zone of its own, about
70 bytes more per date than the thread needs. Each reader is read both ways
it can be: by its fast path, on what the writer wrote, and by the reader its
errors come from, on the same document bent or handed to it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from threadkit import Article, Comment
from threadkit import tree as tk_tree
from threadkit.formats import html as tk_html
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl
from threadkit.formats import text as tk_text
from threadkit.formats.json import _checked as json_checked
from threadkit.formats.jsonl import _checked as jsonl_checked
from threadkit.formats.text import _lines, _reader

EAST = timezone(timedelta(hours=2))
WEST = timezone(-timedelta(hours=5, minutes=30))


def at(minute: int, zone: timezone) -> datetime:
    return datetime(2024, 5, 1, 9, minute, tzinfo=zone)


ARTICLE = Article(
    title="Zones",
    published=at(0, EAST),
    comments=(
        Comment(
            text="one",
            published=at(1, EAST),
            edited=at(2, EAST),
            replies=(
                Comment(text="two", published=at(3, WEST)),
                Comment(text="three", published=at(4, UTC)),
            ),
        ),
        Comment(text="four", published=at(5, WEST), edited=at(6, EAST)),
        Comment(text="five", published=at(7, timezone(timedelta(hours=2)))),
    ),
)

READERS: dict[str, Callable[[], Article]] = {
    "json": lambda: tk_json.read(tk_json.write(ARTICLE)),
    "json, checked": lambda: json_checked.read(tk_json.write(ARTICLE), None, None),
    "jsonl": lambda: tk_jsonl.read(tk_jsonl.write(ARTICLE)),
    "jsonl, checked": lambda: jsonl_checked.read(tk_jsonl.write(ARTICLE), None, None),
    "text": lambda: tk_text.read(tk_text.write(ARTICLE)),
    "text, by line": lambda: _reader.read(tk_text.write(ARTICLE), None, None, (_lines.comment,)),
    "html": lambda: tk_html.read(tk_html.write(ARTICLE)),
    # A page that does not start as the writer starts it is parsed into a tree.
    "html, parsed": lambda: tk_html.read("\n" + tk_html.write(ARTICLE)),
}


def dates(article: Article) -> list[datetime]:
    found = [article.published] + [
        moment
        for comment in tk_tree.walk(article)
        for moment in (comment.published, comment.edited)
    ]
    return [moment for moment in found if moment is not None]


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_dates_with_one_offset_share_one_zone(reader: Callable[[], Article]) -> None:
    article = reader()
    assert article == ARTICLE
    zones: dict[timedelta | None, set[int]] = {}
    for moment in dates(article):
        zones.setdefault(moment.utcoffset(), set()).add(id(moment.tzinfo))
    assert set(zones) == {timedelta(hours=2), timedelta(hours=-5, minutes=-30), timedelta(0)}
    assert all(len(ids) == 1 for ids in zones.values()), zones


def test_the_zone_shared_is_the_one_utc_singleton_for_utc() -> None:
    article = tk_text.read(tk_text.write(ARTICLE))
    utc = [moment for moment in dates(article) if moment.utcoffset() == timedelta(0)]
    assert utc
    assert all(moment.tzinfo is UTC for moment in utc)
