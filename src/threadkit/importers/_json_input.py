"""JSON input for the importers: the document read within the limits, at any depth.

:func:`load_json` parses with :mod:`json` and falls back on a parser with
an explicit stack for documents nested deeper than :mod:`json` can recurse;
:class:`JSONPath` says where a value sits, for the errors.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from threadkit._io import Source, decode, huge_number, take
from threadkit.errors import ParseError
from threadkit.importers._options import ImportOptions

__all__ = ["JSONPath", "load_json", "path_of", "read_text"]


def read_text(data: Source, format: str, options: ImportOptions) -> str:
    """The whole of *data* as text, within the size limit."""
    raw = take(data, format=format, max_bytes=options.max_bytes)
    return decode(raw, format=format, encoding=options.encoding, errors=options.errors)


def load_json(data: Source, format: str, options: ImportOptions) -> Any:
    """Parse JSON from *data*; nesting of any depth is read without recursion."""
    text = read_text(data, format, options)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"not valid JSON: {error.msg}", format=format, line=error.lineno, column=error.colno
        ) from None
    except RecursionError:
        return _loads_deep(text, format)
    except ValueError:  # an integer with more digits than Python converts
        huge = huge_number(text, format, "not valid JSON: ")
        if huge is not None:
            raise huge from None
        return _loads_deep(text, format)


_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "NaN": math.nan,
    "Infinity": math.inf,
    "-Infinity": -math.inf,
}


def _loads_deep(text: str, format: str) -> Any:
    """A JSON parser with an explicit stack, for documents nested too deeply for :mod:`json`."""

    def fail(message: str, at: int) -> ParseError:
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        return ParseError(f"not valid JSON: {message}", format=format, line=line, column=column)

    def skip(at: int) -> int:
        match = _WHITESPACE.match(text, at)
        assert match is not None
        return match.end()

    def key_at(at: int) -> tuple[str, int]:
        if not text.startswith('"', at):
            raise fail("expecting a property name in double quotes", at)
        try:
            key, at = _scanstring(text, at + 1, True)
        except json.JSONDecodeError as error:
            raise fail(error.msg, error.pos) from None
        at = skip(at)
        if not text.startswith(":", at):
            raise fail("expecting ':' delimiter", at)
        return key, skip(at + 1)

    containers: list[list[Any] | dict[str, Any]] = []
    keys: list[str] = []
    end = len(text)
    at = skip(0)
    while True:
        char = text[at : at + 1]
        value: Any
        if char == "{":
            at = skip(at + 1)
            if text.startswith("}", at):
                value, at = {}, at + 1
            else:
                key, at = key_at(at)
                containers.append({})
                keys.append(key)
                continue
        elif char == "[":
            at = skip(at + 1)
            if text.startswith("]", at):
                value, at = [], at + 1
            else:
                containers.append([])
                keys.append("")
                continue
        elif char == '"':
            try:
                value, at = _scanstring(text, at + 1, True)
            except json.JSONDecodeError as error:
                raise fail(error.msg, error.pos) from None
        else:
            for word, constant in _CONSTANTS.items():
                if text.startswith(word, at):
                    value, at = constant, at + len(word)
                    break
            else:
                match = _NUMBER.match(text, at)
                if match is None:
                    raise fail("expecting a value", at)
                number = match.group()
                try:
                    value = float(number) if match.group(1) or match.group(2) else int(number)
                except ValueError:
                    digits = len(number.lstrip("-"))
                    raise fail(
                        f"a number with {digits:_} digits, more than the "
                        f"{sys.get_int_max_str_digits():_} Python converts "
                        "(sys.set_int_max_str_digits)",
                        at,
                    ) from None
                at = match.end()
        while True:
            if not containers:
                at = skip(at)
                if at != end:
                    raise fail("extra data", at)
                return value
            top = containers[-1]
            if isinstance(top, list):
                top.append(value)
            else:
                top[keys[-1]] = value
            at = skip(at)
            char = text[at : at + 1]
            if char == ",":
                at = skip(at + 1)
                if isinstance(top, dict):
                    keys[-1], at = key_at(at)
                break
            if char == ("]" if isinstance(top, list) else "}"):
                at += 1
                value = containers.pop()
                keys.pop()
                continue
            raise fail("expecting ',' delimiter", at)


class JSONPath:
    """Where a value sits in the document, kept as a chain so a deep thread costs no more.

    Turned into a JSONPath only when a message needs it.
    """

    __slots__ = ("parent", "parts")

    def __init__(self, parent: JSONPath | None, *parts: str | int) -> None:
        self.parent = parent
        self.parts = parts

    def __call__(self, *parts: str | int) -> JSONPath:
        return JSONPath(self, *parts)

    def __str__(self) -> str:
        chunks: list[tuple[str | int, ...]] = []
        node: JSONPath | None = self
        while node is not None:
            chunks.append(node.parts)
            node = node.parent
        return path_of([part for chunk in reversed(chunks) for part in chunk])


def path_of(parts: Sequence[str | int]) -> str:
    """A JSONPath such as ``$[1].data.children[3]``."""
    out = ["$"]
    for part in parts:
        out.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(out)
