"""Platform values made fit for the model, each change recorded as a repair.

A value the model refuses is not an error in an export: characters the model
cannot carry are removed, a time that cannot be read is left out (its raw
value stays in ``extra``), an integer too large for ``extra`` becomes a
string, and each such change is a :class:`~threadkit.Repair` in the article's
report. :class:`Notes` holds them while one article is read.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from threadkit._html_text import to_text
from threadkit._values import INT64, REFUSED, shared_zone
from threadkit.importers._report import Repair, UnloadedReplies
from threadkit.model import EXTRA_MAX_DEPTH, Author, CommentState

__all__ = [
    "Notes",
    "author",
    "boolean",
    "drop_empty",
    "json_text",
    "shown",
    "state_of",
    "title_or",
]

_LINE_SPACE = re.compile(r"[\r\n]+")


class Notes:
    """Cleans platform values for the model, recording every repair."""

    def __init__(self) -> None:
        self.repairs: list[Repair] = []
        self.unloaded: list[UnloadedReplies] = []
        self.unloaded_total: int | None = None
        self.notes: list[str] = []

    def repair(self, where: str, message: str) -> None:
        self.repairs.append(Repair(where=where, message=message))

    def _strip(self, value: str, where: str) -> str:
        # Every character the model refuses is one str.isprintable() refuses.
        if value.isprintable():
            return value
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if REFUSED.search(value) is None:
            return value
        cleaned, removed = REFUSED.subn("", value)
        self.repair(
            where,
            f"removed {removed} character(s) the model cannot carry "
            "(control characters, lone surrogates, noncharacters)",
        )
        return cleaned

    def line(self, value: object, where: str) -> str | None:
        """A line field: ``None`` for nothing, line breaks joined with a space.

        A number is written as text; an object or an array, which is no
        line, is left out with a repair.
        """
        if value is None or isinstance(value, bool):
            return None
        if not isinstance(value, str):
            if not isinstance(value, int | float):
                self._not_text(value, where)
                return None
            value = str(value)
        text = self._strip(value, where)
        if "\n" in text or "\r" in text:
            text = _LINE_SPACE.sub(" ", text.strip())
        return text.strip() or None

    def text(self, value: object, where: str) -> str:
        """A text field from plain text."""
        if not isinstance(value, str):
            self._not_text(value, where)
            return ""
        return self._strip(value, where)

    def _not_text(self, value: object, where: str) -> None:
        if value is not None and not isinstance(value, bool):
            self.repair(where, f"{shown(value)} where text belongs: left out")

    def html(self, value: object, where: str, *, newlines: bool = False) -> str:
        """A text field from an HTML fragment.

        Links keep their address after their text and quotations are ``"> "``
        lines: the convention the page reader follows too (see
        :mod:`threadkit._html_text`).
        """
        if not isinstance(value, str):
            self._not_text(value, where)
            return ""
        return to_text(self._strip(value, where), newlines=newlines, links=True, quotes=True)

    def epoch(self, value: object, where: str) -> datetime | None:
        """A time from Unix seconds."""
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            if value not in (None, False, ""):
                self.repair(where, f"{shown(value)} is not a Unix time; left out")
            return None
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            self.repair(where, f"{shown(value)} is out of range for a time; left out")
            return None

    def iso(self, value: object, where: str) -> datetime | None:
        """A time from ISO 8601 text; a time without an offset is taken as UTC."""
        if not isinstance(value, str) or not value.strip():
            if value not in (None, False, ""):
                self.repair(where, f"{shown(value)} is not an ISO 8601 time; left out")
            return None
        try:
            when = datetime.fromisoformat(value.strip())
        except ValueError:
            self.repair(where, f"{value!r} is not an ISO 8601 time; left out")
            return None
        return self.aware(when, where)

    def aware(self, when: datetime, where: str) -> datetime:
        """*when* with UTC attached when naive, and a whole-minute offset."""
        if when.tzinfo is None:
            return when.replace(tzinfo=UTC)
        offset = when.utcoffset()
        if offset is not None and offset % timedelta(minutes=1):
            self.repair(where, f"offset {offset} is not whole minutes; converted to UTC")
            return when.astimezone(UTC)
        return shared_zone(when)

    def score(self, value: object, where: str) -> int | None:
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            return None
        if not INT64.start <= value < INT64.stop:
            self.repair(where, f"{value} does not fit in 64 bits; left out")
            return None
        return value

    def extra(self, value: Mapping[str, Any], where: str, depth: int = 2) -> dict[str, Any]:
        """A mapping of raw platform fields, made fit for :class:`~threadkit.Extra`.

        *depth* is the nesting level the mapping will sit at (the article's or
        comment's ``extra`` is level 1).
        """
        cleaned = self._json(value, where, depth)
        assert isinstance(cleaned, dict)
        return cleaned

    def _json(self, value: object, where: str, depth: int) -> Any:
        if value is None or isinstance(value, bool | str):
            return self._strip(value, where) if isinstance(value, str) else value
        if isinstance(value, int):
            if INT64.start <= value < INT64.stop:
                return value
            self.repair(where, f"{value} does not fit in 64 bits; kept as a string")
            return str(value)
        if isinstance(value, float):
            if math.isfinite(value):
                return value
            self.repair(where, f"{value} is not a finite number; kept as a string")
            return repr(value)
        if isinstance(value, Mapping | list | tuple):
            if depth > EXTRA_MAX_DEPTH:
                self.repair(
                    where, f"nested deeper than {EXTRA_MAX_DEPTH} levels; kept as JSON text"
                )
                return self._strip(json_text(value), where)
            if isinstance(value, Mapping):
                out: dict[str, Any] = {}
                for key, item in value.items():
                    name = self._strip(str(key), where)
                    if name in out:
                        # Two keys became one once cleaned: keep both values.
                        number = 2
                        while f"{name} ({number})" in out:
                            number += 1
                        self.repair(where, f"key {name!r} repeats once cleaned; renamed")
                        name = f"{name} ({number})"
                    out[name] = self._json(item, where, depth + 1)
                return out
            return [self._json(item, where, depth + 1) for item in value]
        return self._strip(str(value), where)


def shown(value: object) -> str:
    """*value* as a repair names it: a scalar's repr, cut short; what a container is.

    An array or an object is not written out: it may be long, or nested
    deeper than :func:`repr` goes.
    """
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def author(
    notes: Notes, where: str, *, name: object = None, url: object = None, id: object = None
) -> Author | None:
    """An :class:`Author` from raw values, or ``None`` when none is set."""
    made = Author(
        name=notes.line(name, f"{where}: author name"),
        url=notes.line(url, f"{where}: author url"),
        id=notes.line(id, f"{where}: author id"),
    )
    return None if made.is_empty() else made


def drop_empty(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """*mapping* without ``None`` values."""
    return {key: value for key, value in mapping.items() if value is not None}


def title_or(notes: Notes, where: str, *candidates: object) -> str:
    """The first candidate that makes a non-empty title line."""
    for candidate in candidates:
        title = notes.line(candidate, where) if candidate is not None else None
        if title:
            return title
    raise AssertionError("the last candidate must always make a title")


def state_of(*, deleted: bool = False, removed: bool = False, spam: bool = False) -> CommentState:
    """The state of a comment from the platform's flags, the first one set winning."""
    if deleted:
        return CommentState.DELETED
    if removed:
        return CommentState.REMOVED
    if spam:
        return CommentState.SPAM
    return CommentState.VISIBLE


def boolean(notes: Notes, value: object, where: str) -> bool | None:
    """An XML boolean (``true``/``false``/``1``/``0``); ``None`` when absent or unreadable."""
    if value is None:
        return None
    if not isinstance(value, str):
        notes.repair(where, "not a boolean; kept as it is")
        return None
    token = value.strip().lower()
    if token in ("true", "1"):
        return True
    if token in ("false", "0", ""):
        return False
    notes.repair(where, f"{value!r} is not a boolean; taken as false")
    return None


def json_text(value: object) -> str:
    """Compact JSON text for *value*, written without recursion, for ``extra`` nested too deep."""
    out: list[str] = []
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            out.append(item.text)
        elif isinstance(item, Mapping):
            out.append("{")
            entries = list(item.items())
            stack.append(_Raw("}"))
            for index in range(len(entries) - 1, -1, -1):
                key, child = entries[index]
                stack.append(child)
                stack.append(_Raw(("," if index else "") + json.dumps(str(key)) + ":"))
        elif isinstance(item, list | tuple):
            out.append("[")
            stack.append(_Raw("]"))
            for index in range(len(item) - 1, -1, -1):
                stack.append(item[index])
                if index:
                    stack.append(_Raw(","))
        else:
            out.append(json.dumps(item))
    return "".join(out)


@attrs.frozen
class _Raw:
    text: str
