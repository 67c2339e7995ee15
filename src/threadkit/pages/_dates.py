"""TEMPORARY STUB until the real parser lands (not to be committed)."""
from __future__ import annotations
from datetime import datetime, timezone
import attrs
@attrs.frozen
class FoundDate:
    moment: datetime
    raw: str
    zone_given: bool
def parse_date(text, *, language=None, default_offset=None):
    try:
        m = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if m.tzinfo is None:
        return FoundDate(m.replace(tzinfo=default_offset or timezone.utc), text, False)
    return FoundDate(m, text, True)
def find_date(text, *, language=None, default_offset=None):
    return parse_date(text, language=language, default_offset=default_offset)
def is_relative(text):
    return "ago" in text
