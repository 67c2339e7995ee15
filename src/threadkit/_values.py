"""The value space: what a string, a date, a score and a state of the model may be.

The model's constructors check and normalise their arguments with the
``check_*`` functions; readers that build comments without the constructor
ask the ``kept_*`` functions whether the constructor would keep a value as it
is. The :mod:`threadkit.model` docstring states the rules.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from threadkit.errors import ValidationError

__all__ = [
    "INT64",
    "REFUSED",
    "STATES",
    "CommentState",
    "check_line",
    "check_score",
    "check_sequence",
    "check_string",
    "check_tag",
    "check_text",
    "check_when",
    "kept_line",
    "kept_text",
    "kept_when",
    "refuse_characters",
    "shared_zone",
]

INT64 = range(-(2**63), 2**63)
"""The signed 64-bit integers: scores and the ints of ``extra``.

Test only a value of type exactly ``int`` with ``in``: for anything else,
an ``int`` subclass included, :class:`range` compares item by item.
"""


def _refused_class() -> str:
    ranges = ["\x00-\x08", "\x0b-\x1f", "\x7f-\x9f", "\ud800-\udfff", "\ufdd0-\ufdef"]
    ranges += [chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)]
    return "[" + "".join(ranges) + "]"


REFUSED = re.compile(_refused_class())
"""One character no string of the model may hold.

Controls other than tab and line feed, lone surrogates and noncharacters:
HTML and XML can carry none of them.
"""

# The same search in one pass, faster: a class holding characters beyond the
# BMP makes the regex engine test every character against every entry, so
# the search is for the refused BMP characters or any astral one, and only an
# astral find is checked again against the whole class.
_REFUSED_OR_ASTRAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]"
)
_LINE_BREAKS = re.compile(r"\n{3,}")
_MINUTE = timedelta(minutes=1)


class CommentState(enum.StrEnum):
    """Where a comment stands with its platform's moderation.

    A comment that is not visible keeps its place in the thread and its
    replies; its ``text`` may be empty.

    .. versionadded:: 0.1
    """

    VISIBLE = "visible"
    """Shown to readers."""
    DELETED = "deleted"
    """Deleted by its author."""
    REMOVED = "removed"
    """Removed by a moderator."""
    SPAM = "spam"
    """Marked as spam."""
    PENDING = "pending"
    """Waiting for moderation."""

    def __repr__(self) -> str:
        return f"CommentState.{self.name}"


STATES: dict[str, CommentState] = {state.value: state for state in CommentState}
"""Every :class:`CommentState` by the word the formats write for it."""


def refuse_characters(field: str, value: str) -> None:
    """Raise :class:`ValidationError` if *value* holds a :data:`REFUSED` character."""
    # Every refused character is a control, a surrogate or a noncharacter, none
    # of which is printable: str.isprintable, much faster than a regex, clears
    # most strings at once, and text whose only unprintable character is the
    # line feed once its line feeds are gone.
    if value.isprintable() or ("\n" in value and value.replace("\n", " ").isprintable()):
        return
    bad = _REFUSED_OR_ASTRAL.search(value)
    if bad is not None and bad.group() > "\uffff":
        bad = REFUSED.search(value, bad.start())
    if bad is not None:
        raise ValidationError(
            field,
            f"character U+{ord(bad.group()):04X} at index {bad.start()} is not allowed "
            "(control characters, lone surrogates and noncharacters cannot be carried)",
        )


def kept_line(value: str) -> bool:
    """Whether :func:`check_line` accepts *value* and returns it as it is.

    A printable string holds no line break and no refused character, and the
    only whitespace :meth:`str.strip` would remove from it is the space.
    """
    return value.isprintable() and value != "" and value[0] != " " and value[-1] != " "


def kept_text(value: str) -> bool:
    """Whether :func:`check_text` accepts *value* and returns it as it is."""
    if value.isprintable():
        return True
    # A carriage return, like every refused character, is not printable.
    return (
        not value.startswith("\n")
        and not value.endswith("\n")
        and "\n\n\n" not in value
        and value.replace("\n", " ").isprintable()
    )


def kept_when(moment: object) -> bool:
    """Whether :func:`check_when` returns *moment* as it is."""
    if type(moment) is not datetime or moment.fold or type(moment.tzinfo) is not timezone:
        return False
    offset = moment.utcoffset()
    return offset is not None and not offset % _MINUTE


def check_string(field: str, value: object) -> str:
    """*value* as a plain ``str``; a :class:`ValidationError` if it is no string."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise ValidationError(field, f"expected a str, got {type(value).__name__}")


def check_line(field: str, value: object, *, required: bool = False) -> str | None:
    """*value* as a line field: stripped, one line, ``None`` when empty and not *required*."""
    if value is None:
        if required:
            raise ValidationError(field, "is required")
        return None
    text = check_string(field, value).strip()
    if "\n" in text or "\r" in text:
        raise ValidationError(field, "must be a single line (it contains a line break)")
    refuse_characters(field, text)
    if not text:
        if required:
            raise ValidationError(field, "must not be empty")
        return None
    return text


def check_tag(field: str, value: str) -> str:
    """*value* as a tag: a line field that must not be empty."""
    tag = check_line(field, value, required=True)
    assert tag is not None
    return tag


def check_text(field: str, value: object) -> str:
    """*value* as a text field: line feeds only, none at the ends, at most two in a row."""
    text = check_string(field, value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    refuse_characters(field, text)
    if text.startswith("\n") or text.endswith("\n") or "\n\n\n" in text:
        text = _LINE_BREAKS.sub("\n\n", text.strip("\n"))
    return text


def check_when(field: str, value: object) -> datetime | None:
    """*value* as an aware datetime with a fixed-offset :class:`~datetime.timezone`."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValidationError(field, f"expected a datetime, got {type(value).__name__}")
    offset = value.utcoffset()
    if offset is None:
        raise ValidationError(field, "naive datetime: give it a timezone (tzinfo)")
    if offset % _MINUTE:
        raise ValidationError(field, f"UTC offset {offset} is not a whole number of minutes")
    if type(value) is datetime and type(value.tzinfo) is timezone and not value.fold:
        return value
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=timezone(offset),
    )


def shared_zone(moment: datetime) -> datetime:
    """*moment* with the one time zone object kept for its UTC offset.

    For the readers, whose datetimes come from :meth:`datetime.fromisoformat`
    or :func:`email.utils.parsedate_to_datetime` and so carry a zone without
    a name: each would hold a zone (and its offset) of its own, some 70
    bytes more per date than a thread needs. It is made again from its
    state, with the constructor pickle uses, ``datetime(state, tzinfo)``.
    Zones compare by offset alone, so a named one must not come here.
    """
    zone = moment.tzinfo
    if zone is UTC:
        return moment
    shared = _ZONES.setdefault(zone, zone)  # type: ignore[arg-type]
    if shared is zone:
        return moment
    return datetime(moment.__reduce__()[1][0], shared)  # type: ignore[arg-type, call-arg]


_ZONES: dict[tzinfo, tzinfo] = {}  # one per whole-minute offset: fewer than 3,000


def check_score(field: str, value: object) -> int | None:
    """*value* as an ``int`` (not a ``bool``) in :data:`INT64`."""
    if value is None:
        return None
    if type(value) is not int:
        if isinstance(value, int) and not isinstance(value, bool):
            value = int(value)
        else:
            raise ValidationError(field, f"expected an int, got {type(value).__name__}")
    assert isinstance(value, int)
    if value not in INT64:
        raise ValidationError(field, "must fit in a signed 64-bit integer")
    return value


def check_sequence(field: str, value: object, kind: type[Any]) -> tuple[Any, ...]:
    """*value* as a tuple of *kind*: any iterable but a string, bytes or a mapping."""
    if type(value) is not tuple:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise ValidationError(field, f"expected a tuple of {kind.__name__}")
        value = tuple(value)
    assert isinstance(value, tuple)
    for index, item in enumerate(value):
        if type(item) is not kind and not isinstance(item, kind):
            raise ValidationError(
                f"{field}[{index}]", f"expected {kind.__name__}, got {type(item).__name__}"
            )
    return value
