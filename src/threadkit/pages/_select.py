"""A small subset of CSS selectors, compiled to XPath once.

Rules name the parts of a page with the selectors people already write for
stylesheets. lxml's own ``cssselect`` needs a further package; this module
understands what comment markup needs and nothing more:

- type selectors and ``*``: ``li``, ``article``;
- ``#id``, ``.class``, and attribute tests ``[attr]``, ``[attr=v]``,
  ``[attr~=v]``, ``[attr|=v]``, ``[attr^=v]``, ``[attr$=v]``, ``[attr*=v]``
  (values quoted or bare);
- ``:not(...)`` around one compound selector;
- the descendant (space) and child (``>``) combinators, and ``,`` between
  alternatives.

:class:`Selector` finds the matching elements under an element (as a
browser's ``querySelectorAll`` does: the element's ancestors count for the
selector's first parts), and tells whether one element matches; a selector
that is not understood raises :class:`ValueError` when it is compiled,
naming the place.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lxml import etree

__all__ = ["Selector", "Tokens", "pick"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s*(?P<combinator>[>,])\s*|\s+)
    | (?P<type>\*|[A-Za-z][A-Za-z0-9-]*)
    | \#(?P<id>-?[A-Za-z_][\w-]*)
    | \.(?P<class>-?[A-Za-z_][\w-]*)
    | \[\s*(?P<attr>[A-Za-z_:][\w:.-]*)\s*
        (?:(?P<op>[~|^$*]?=)\s*
            (?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]
    | (?P<not>:not\()
    | (?P<close>\))
    """,
    re.VERBOSE,
)


def _literal(value: str) -> str:
    # An XPath 1.0 string literal: it has no escapes, so a value holding both
    # quote characters is put together with concat().
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    parts = value.split('"')
    return "concat(" + ", '\"', ".join(f'"{part}"' for part in parts) + ")"


def _attribute(name: str, op: str | None, value: str) -> str:
    at = f"@{name}"
    if op is None:
        return at
    literal = _literal(value)
    if op == "=":
        return f"{at}={literal}"
    if op == "~=":
        return f"contains(concat(' ', normalize-space({at}), ' '), {_literal(f' {value} ')})"
    if op == "|=":
        return f"({at}={literal} or starts-with({at}, {_literal(value + '-')}))"
    if op == "^=":
        return f"starts-with({at}, {literal})"
    if op == "$=":
        # XPath 1.0 has no ends-with().
        return f"substring({at}, string-length({at}) - {len(value) - 1})={literal}"
    return f"contains({at}, {literal})"


class Tokens(frozenset[str]):
    """A page's tokens (see :meth:`Selector.possible`), remembering which class parts it has.

    .. versionadded:: 0.1
    """

    def __init__(self, tokens: Collection[str] = ()) -> None:
        self.parts: dict[str, bool] = {}


def _present(need: str, tokens: Collection[str]) -> bool:
    # A need is a token itself, or a part of some class token ("*vote":
    # holds it; "^vote": starts with it), which takes a look at every class
    # of the page: once per page and part, when the tokens remember it.
    kind = need[0]
    if kind not in "*^":
        return need in tokens
    known = tokens.parts if isinstance(tokens, Tokens) else None
    if known is not None and need in known:
        return known[need]
    part = need[1:]
    if kind == "*":
        found = any(token[0] == "." and part in token for token in tokens)
    else:
        found = any(token.startswith("." + part) for token in tokens)
    if known is not None:
        known[need] = found
    return found


class _Compound:
    """One compound selector: a type and the tests on the same element."""

    def __init__(self) -> None:
        self.type = "*"
        self.tests: list[str] = []
        # What the page must hold somewhere for this to match: "<tag",
        # ".class", "#id" (see Selector.possible).
        self.needs: set[str] = set()
        # Whether the needs are the whole test (no attribute test, no :not).
        self.plain = True

    def predicate(self) -> str:
        return "".join(f"[{test}]" for test in self.tests)

    def step(self) -> str:
        return self.type + self.predicate()

    def condition(self) -> str:
        # The same test as an expression on the context node.
        parts = [] if self.type == "*" else [f"self::{self.type}"]
        return " and ".join(parts + [f"({test})" for test in self.tests]) or "true()"


def _parse(text: str) -> list[list[tuple[str, _Compound]]]:
    """Alternatives, each a list of (combinator before it, compound)."""
    alternatives: list[list[tuple[str, _Compound]]] = [[]]
    combinator = " "
    current: _Compound | None = None
    negated: _Compound | None = None
    position = 0
    text = text.strip()
    if not text:
        raise ValueError("an empty selector")
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"selector {text!r}: cannot read it at {text[position:]!r}")
        position = match.end()
        if match.group("space") is not None:
            if negated is not None:
                raise ValueError(f"selector {text!r}: :not() takes one compound selector")
            if current is None and not alternatives[-1] and match.group("combinator") != ",":
                continue
            found = match.group("combinator") or " "
            if found == ",":
                if current is None:
                    raise ValueError(f"selector {text!r}: nothing before ','")
                alternatives[-1].append((combinator, current))
                alternatives.append([])
                combinator, current = " ", None
            elif current is not None:
                alternatives[-1].append((combinator, current))
                combinator, current = found, None
            elif found == ">":
                combinator = ">"
            continue
        target = negated if negated is not None else current
        if target is None:
            target = current = _Compound()
        if match.group("type") is not None:
            if target.tests or target.type != "*":
                raise ValueError(f"selector {text!r}: a type must come first")
            target.type = match.group("type").lower()
            if target is not negated and target.type != "*":
                target.needs.add("<" + target.type)
        elif match.group("id") is not None:
            target.tests.append(f"@id={_literal(match.group('id'))}")
            if target is not negated:
                target.needs.add("#" + match.group("id"))
        elif match.group("class") is not None:
            target.tests.append(_attribute("class", "~=", match.group("class")))
            if target is not negated:
                target.needs.add("." + match.group("class"))
        elif match.group("attr") is not None:
            target.plain = False
            value = match.group("dq")
            if value is None:
                value = match.group("sq")
            if value is None:
                value = match.group("bare") or ""
            name, op = match.group("attr").lower(), match.group("op")
            target.tests.append(_attribute(name, op, value))
            if target is not negated:
                if name == "class" and op in ("=", "~="):
                    target.needs.update("." + token for token in value.split())
                elif name == "class" and op in ("*=", "^=", "$=") and value.strip():
                    # A class holding, starting or ending with the value:
                    # some class token of the page must, for the first two.
                    target.needs.add(("*" if op == "*=" else "^") + value.strip())
                elif name == "id" and op == "=":
                    target.needs.add("#" + value)
                else:
                    target.needs.add("@" + name)
        elif match.group("not") is not None:
            if negated is not None:
                raise ValueError(f"selector {text!r}: :not() cannot nest")
            negated = _Compound()
        elif match.group("close") is not None:
            if negated is None or current is None:
                raise ValueError(f"selector {text!r}: ')' closes nothing")
            current.tests.append(f"not({negated.condition()})")
            current.plain = False
            negated = None
    if negated is not None:
        raise ValueError(f"selector {text!r}: :not( is not closed")
    if current is None:
        raise ValueError(f"selector {text!r}: it ends with a combinator")
    alternatives[-1].append((combinator, current))
    return alternatives


def _split(text: str) -> list[str]:
    # The alternatives of a selector group: commas outside brackets, quotes
    # and parentheses.
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    for position, character in enumerate(text):
        if quote:
            if character == quote:
                quote = ""
        elif character in "\"'":
            quote = character
        elif character in "[(":
            depth += 1
        elif character in "])":
            depth -= 1
        elif character == "," and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


class Selector:
    """A compiled selector: :meth:`all` finds, :meth:`matches` tests.

    .. versionadded:: 0.1
    """

    __slots__ = ("_find", "_match", "_needs", "alternatives", "last_needs", "plain", "text")

    def __init__(self, text: str) -> None:
        alternatives = _parse(text)
        found = []
        matched = []
        for chain in alternatives:
            # As a test on the element itself: the last compound is the
            # element, each earlier one a parent or an ancestor of the next,
            # anywhere in the page, as a browser's querySelectorAll() reads
            # a selector inside an element.
            relation = ""
            for index in range(len(chain) - 1):
                axis = "parent" if chain[index + 1][0] == ">" else "ancestor"
                step = chain[index][1].step() + (f"[{relation}]" if relation else "")
                relation = f"{axis}::{step}"
            last = chain[-1][1]
            # A selector that starts with ">" names the element's children.
            axis = "child" if len(chain) == 1 and chain[0][0] == ">" else "descendant"
            found.append(f"./{axis}::{last.step()}" + (f"[{relation}]" if relation else ""))
            condition = last.condition()
            if relation:
                condition = f"{condition} and {relation}"
            matched.append(condition)
        self.text = text
        self._needs = tuple(
            frozenset().union(*(compound.needs for _, compound in chain)) for chain in alternatives
        )
        self.last_needs: frozenset[str] = (
            frozenset(alternatives[0][-1][1].needs) if len(alternatives) == 1 else frozenset()
        )
        """What the element itself must have, for a selector of one alternative."""
        self.plain = (
            len(alternatives) == 1 and len(alternatives[0]) == 1 and alternatives[0][0][1].plain
        )
        """Whether :attr:`last_needs` is all there is to it: one compound, tags, classes, ids."""
        self.alternatives: tuple[Selector, ...] = ()
        if len(alternatives) > 1:
            self.alternatives = tuple(Selector(part) for part in _split(text))
        self._find = etree.XPath(" | ".join(found))
        self._match = etree.XPath("boolean(" + " or ".join(f"({m})" for m in matched) + ")")

    def possible(self, tokens: Collection[str] | None) -> bool:
        """Whether a page holding *tokens* can hold a match (``None``: any page can).

        *tokens* are ``"<tag"``, ``".class"``, ``"#id"`` and ``"@attribute"``
        for every tag, class, id and attribute name of the page
        (:attr:`threadkit.pages.Page.tokens`): a selector naming a class no
        element has matches nothing, and is not evaluated at all.
        """
        if tokens is None:
            return True
        return any(all(_present(need, tokens) for need in needs) for needs in self._needs)

    def all(
        self, element: etree._Element, tokens: Collection[str] | None = None
    ) -> list[etree._Element]:
        """The matching elements inside *element* (not itself), in document order.

        Given the page's *tokens*, a selector that cannot match is not run.
        """
        if tokens is not None and not self.possible(tokens):
            return []
        return [e for e in self._find(element) if isinstance(e, etree._Element)]  # type: ignore[union-attr]

    def first(
        self, element: etree._Element, tokens: Collection[str] | None = None
    ) -> etree._Element | None:
        """The first matching element inside *element*, or ``None``."""
        found = self.all(element, tokens)
        return found[0] if found else None

    def preferred(
        self, element: etree._Element, tokens: Collection[str] | None = None
    ) -> list[etree._Element]:
        """The matches inside *element*, alternatives in the order written.

        ``"a, b"`` gives every ``a`` before any ``b``: a rule lists the
        likeliest place for a part first.
        """
        if not self.alternatives:
            return self.all(element, tokens)
        found: list[etree._Element] = []
        for alternative in self.alternatives:
            found.extend(alternative.all(element, tokens))
        return found

    def matches(self, element: etree._Element) -> bool:
        """Whether *element* itself matches."""
        return bool(self._match(element))

    def __repr__(self) -> str:
        return f"Selector({self.text!r})"


def pick(selector: Selector, element: etree._Element) -> etree._Element | None:
    """The first match of *selector* in *element*, its alternatives in the order written."""
    found = selector.preferred(element)
    return found[0] if found else None
