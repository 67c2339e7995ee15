"""Two small directives for threadkit's documentation.

``{threadkit-schema} FILE``
    Renders a JSON Schema shipped in ``src/threadkit/schema/`` (the
    ``threadkit_schema_dir`` setting) as tables: one per object (the
    document, then each object in ``$defs``) listing its members, then one
    for the other definitions, the value types. Every ``$ref`` is a link to
    the definition it names. The page is rebuilt when the file changes::

        ```{threadkit-schema} article-1.schema.json
        ```

``{optional-toctree}``
    A ``toctree`` that leaves out, silently, the entries whose page does not
    exist (yet). It takes the options of ``toctree``.

It also keeps napoleon away from the docstrings of attributes, properties
and data. threadkit's types come from annotations, and those docstrings are
prose: napoleon would read a first line such as ``Levels in the sub-thread
rooted here: 1 for a comment without replies.`` as ``TYPE: description``.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.util.docutils import SphinxDirective

# -- {optional-toctree} ----------------------------------------------------------------

_EXPLICIT_TITLE = re.compile(r"^(.*?)\s*<(.+)>$")


class OptionalTocTree(TocTree):
    """A ``toctree`` without the entries whose document does not exist."""

    def run(self) -> list[nodes.Node]:
        here = posixpath.dirname(self.env.docname)
        kept = StringList()
        for line, (source, offset) in zip(self.content, self.content.items, strict=True):
            entry = line.strip()
            match = _EXPLICIT_TITLE.match(entry)
            target = match.group(2) if match else entry
            target = target.removesuffix(".md")
            if target and not target.startswith(("http://", "https://")):
                if target.startswith("/"):
                    docname = target.lstrip("/")
                else:
                    docname = posixpath.normpath(posixpath.join(here, target))
                if docname not in self.env.found_docs:
                    continue
            kept.append(line, source, offset)
        self.content = kept
        return super().run()


# -- {threadkit-schema} --------------------------------------------------------------


def _paragraph(*children: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return paragraph


def _table(headers: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["threadkit-schema"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    head += head_row
    for header in headers:
        head_row += nodes.entry("", _paragraph(header))
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        body += row
        for cell in cells:
            row += nodes.entry("", cell)
    return table


def _joined(parts: list[list[nodes.Node]], separator: str) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            result.append(nodes.Text(separator))
        result.extend(part)
    return result


class _Renderer:
    """Turns schema fragments into inline nodes, with links between definitions."""

    def __init__(self, schema: dict[str, Any], prefix: str) -> None:
        self.schema = schema
        self.prefix = prefix
        self.defs: dict[str, Any] = schema.get("$defs", {})

    def anchor(self, name: str) -> str:
        return nodes.make_id(f"{self.prefix}-{name}")

    def link(self, ref: str) -> nodes.Node:
        name = ref.rsplit("/", 1)[-1]
        if not ref.startswith("#/$defs/") or name not in self.defs:
            return nodes.literal(ref, ref)
        reference = nodes.reference("", "", internal=True, refid=self.anchor(name))
        reference += nodes.literal(name, name)
        return reference

    def describe(self, fragment: Any) -> list[nodes.Node]:
        """A short phrase for what *fragment* accepts: ``line or null``, ``array of comment``."""
        if not isinstance(fragment, dict):
            return [nodes.literal("", json.dumps(fragment))]
        parts: list[list[nodes.Node]] = []
        if "$ref" in fragment:
            parts.append([self.link(fragment["$ref"])])
        if "const" in fragment:
            parts.append([nodes.literal("", json.dumps(fragment["const"]))])
        if "enum" in fragment:
            choices = [[nodes.literal("", json.dumps(choice))] for choice in fragment["enum"]]
            parts.append([nodes.Text("one of "), *_joined(choices, ", ")])
        if "type" in fragment:
            kinds = fragment["type"] if isinstance(fragment["type"], list) else [fragment["type"]]
            phrase: list[nodes.Node] = []
            for index, kind in enumerate(kinds):
                if index:
                    phrase.append(nodes.Text(" or "))
                phrase.append(nodes.Text(kind))
                if kind == "array" and "items" in fragment:
                    phrase.append(nodes.Text(" of "))
                    phrase.extend(self.describe(fragment["items"]))
                if kind == "object" and isinstance(fragment.get("additionalProperties"), dict):
                    phrase.append(nodes.Text(" of "))
                    phrase.extend(self.describe(fragment["additionalProperties"]))
            parts.append(phrase)
        for key, joiner in (("anyOf", " or "), ("oneOf", " or "), ("allOf", ", ")):
            if key in fragment:
                parts.append(_joined([self.describe(option) for option in fragment[key]], joiner))
        limits: list[list[nodes.Node]] = []
        if "pattern" in fragment:
            limits.append([nodes.Text("matching "), nodes.literal("", fragment["pattern"])])
        if "minimum" in fragment and "maximum" in fragment:
            limits.append([nodes.Text(f"from {fragment['minimum']:,} to {fragment['maximum']:,}")])
        if "minProperties" in fragment:
            count = fragment["minProperties"]
            limits.append([nodes.Text(f"with at least {count} member{'s' if count != 1 else ''}")])
        if "default" in fragment:
            limits.append(
                [nodes.Text("default "), nodes.literal("", json.dumps(fragment["default"]))]
            )
        if not parts:
            return _joined(limits, ", ") if limits else [nodes.Text("any value")]
        result = _joined(parts, ", ")
        if limits:
            result.append(nodes.Text(" ("))
            result.extend(_joined(limits, ", "))
            result.append(nodes.Text(")"))
        return result

    def members(self, fragment: dict[str, Any]) -> nodes.table:
        required = set(fragment.get("required", ()))
        rows = []
        for name, member in fragment.get("properties", {}).items():
            rows.append(
                [
                    _paragraph(nodes.literal(name, name)),
                    _paragraph(*self.describe(member)),
                    _paragraph("yes" if name in required else "no"),
                    _paragraph(member.get("description", "") if isinstance(member, dict) else ""),
                ]
            )
        return _table(["Member", "Value", "Required", "Description"], rows, [12, 30, 8, 50])

    def section(self, name: str, title: str, fragment: dict[str, Any]) -> list[nodes.Node]:
        rubric = nodes.rubric(title, "", ids=[self.anchor(name)])
        rubric += nodes.literal(title, title) if name != "document" else nodes.Text(title)
        out: list[nodes.Node] = [rubric]
        if fragment.get("description"):
            out.append(_paragraph(fragment["description"]))
        notes = []
        if fragment.get("additionalProperties") is False:
            notes.append("Members not listed here are refused.")
        if notes:
            out.append(_paragraph(" ".join(notes)))
        out.append(self.members(fragment))
        return out

    def value_types(self, names: list[str]) -> nodes.table:
        rows = []
        for name in names:
            fragment = self.defs[name]
            target = nodes.inline(ids=[self.anchor(name)])
            target += nodes.literal(name, name)
            rows.append(
                [
                    _paragraph(target),
                    _paragraph(*self.describe(fragment)),
                    _paragraph(fragment.get("description", "")),
                ]
            )
        return _table(["Definition", "Value", "Description"], rows, [16, 34, 50])


class ThreadkitSchema(SphinxDirective):
    """Render a shipped JSON Schema file as tables."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        folder = Path(self.config.threadkit_schema_dir)
        path = folder / self.arguments[0]
        if not path.is_file():
            raise self.error(f"threadkit-schema: no file {path}")
        self.env.note_dependency(str(path))
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise self.error(f"threadkit-schema: {path} is not JSON: {error}") from None
        renderer = _Renderer(schema, prefix=f"schema-{path.name.split('.')[0]}")
        container = nodes.container(classes=["threadkit-schema", *self.options.get("class", [])])
        header = []
        if schema.get("$id"):
            header.append(_paragraph("Schema ", nodes.literal("", schema["$id"]), ", JSON Schema "))
            dialect = str(schema.get("$schema", ""))
            header[-1] += nodes.Text(
                "draft 2020-12." if "2020-12" in dialect else f"dialect {dialect}."
            )
        container.extend(header)
        container.extend(renderer.section("document", "The document", schema))
        objects = [name for name, value in renderer.defs.items() if "properties" in value]
        for name in objects:
            container.extend(renderer.section(name, name, renderer.defs[name]))
        others = [name for name in renderer.defs if name not in objects]
        if others:
            rubric = nodes.rubric("Value types", "Value types")
            container += rubric
            container += renderer.value_types(others)
        return [container]


# -- napoleon and attribute docstrings --------------------------------------------------

_PROSE_ONLY = {"attribute", "property", "data"}
_saved: dict[str, list[str]] = {}


def _save_prose(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what in _PROSE_ONLY:
        _saved[name] = list(lines)


def _restore_prose(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    saved = _saved.pop(name, None)
    if saved is not None and what in _PROSE_ONLY:
        lines[:] = saved


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("threadkit_schema_dir", "", "env", types=[str])
    app.add_directive("threadkit-schema", ThreadkitSchema)
    app.add_directive("optional-toctree", OptionalTocTree)
    # napoleon handles this event at the default priority, 500: around it.
    app.connect("autodoc-process-docstring", _save_prose, priority=100)
    app.connect("autodoc-process-docstring", _restore_prose, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
