"""What the ``json`` and ``jsonl`` writers share: members as JSON text, in the table's order.

An article's own members and an author's are written by a loop over the
member table of :mod:`threadkit.formats._jsondoc`: each member not at its
field's default, as ``"name": value``. The ``json`` writer indents (as
``json.dumps(..., indent=2)`` does), the ``jsonl`` writer does not; an
*indent* of None means compact JSON.

A comment's members are written out by each writer instead, since they are
written once per comment; a test holds their order to the table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from threadkit.formats._jsondoc import AUTHOR, Kind, Member
from threadkit.model import Author, Extra

__all__ = ["Plan", "author_json", "extra_json", "members_json", "plan"]


def author_json(author: Author, indent: str | None) -> str:
    """*author* as a JSON object, its own lines at *indent*."""
    members = members_json(author, _AUTHOR, indent)
    if indent is None:
        return "{" + ",".join(members) + "}"
    inner = indent + "  "
    return "{\n" + ",\n".join(inner + member for member in members) + "\n" + indent + "}"


def extra_json(extra: Extra, indent: str | None) -> str:
    """*extra* as a JSON object, its own lines at *indent*."""
    if indent is None:
        return json.dumps(extra.thaw(), ensure_ascii=False, separators=(",", ":"))
    # A string never holds a raw line feed, so every "\n" is a line break.
    return json.dumps(extra.thaw(), indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


def _array(items: list[str], indent: str | None) -> str:
    if indent is None:
        return "[" + ",".join(items) + "]"
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"


def _authors(authors: tuple[Author, ...], indent: str | None) -> str:
    inner = None if indent is None else indent + "  "
    return _array([author_json(author, inner) for author in authors], indent)


def _strings(strings: tuple[str, ...], indent: str | None) -> str:
    return _array([encode_basestring(string) for string in strings], indent)


# How each kind is written: by a function of the value alone, or of the
# value and the indent of its own lines.
_SCALARS: dict[Kind, Callable[[Any], str]] = {
    Kind.STRING: encode_basestring,
    Kind.OPTIONAL_STRING: encode_basestring,
    Kind.DATETIME: lambda value: f'"{value.isoformat()}"',
    Kind.INTEGER: str,
    Kind.STATE: lambda value: f'"{value.value}"',
}
_NESTED: dict[Kind, Callable[[Any, str | None], str]] = {
    Kind.AUTHOR: lambda value, indent: author_json(value, indent),
    Kind.AUTHORS: _authors,
    Kind.STRINGS: _strings,
    Kind.EXTRA: extra_json,
}

Plan = tuple[tuple[str, Callable[..., str], bool, Any], ...]
"""How to write the members of a table.

For each: its name, its writer, whether that takes the indent, its default.
"""


def plan(table: tuple[Member, ...]) -> Plan:
    """How to write the members of *table*, its comments left out."""
    return tuple(
        (name, _NESTED[kind], True, default)
        if kind in _NESTED
        else (name, _SCALARS[kind], False, default)
        for name, kind, default in table
        if kind is not Kind.COMMENTS
    )


def members_json(node: Any, plan: Plan, indent: str | None) -> list[str]:
    """The members of *node* not at their default, in *plan*'s order.

    Each is ``"name": value`` (``"name":value`` when *indent* is None), its
    value's own lines at *indent*.
    """
    colon = '": ' if indent is not None else '":'
    members = []
    for name, write, nested, default in plan:
        value = getattr(node, name)
        if value is default or value == default:
            continue
        members.append('"' + name + colon + (write(value, indent) if nested else write(value)))
    return members


_AUTHOR = plan(AUTHOR)
