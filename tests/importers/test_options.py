"""The options every importer takes: one value inside, one table in the docs, every signature."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import attrs
import pytest

from threadkit.formats import FORMATS, Format
from threadkit.importers._options import ImportOptions

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "formats" / "importers.md"
IMPORTERS = [fmt for fmt in FORMATS if not fmt.writable]
# Only the XML importers can recover from a document that is not well-formed.
RECOVERING = {"disqus", "wordpress"}


def _entry(module_name: str) -> inspect.Signature:
    module = importlib.import_module(module_name)
    return inspect.signature(getattr(module, "read_all", module.read))


@pytest.mark.parametrize("fmt", IMPORTERS, ids=lambda fmt: fmt.name)
def test_every_importer_spells_out_the_shared_options_with_their_defaults(fmt: Format) -> None:
    parameters = _entry(fmt.module).parameters
    for field in attrs.fields(ImportOptions):
        if field.name == "recover" and fmt.name not in RECOVERING:
            assert "recover" not in parameters
            continue
        parameter = parameters[field.name]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, field.name
        assert parameter.default == field.default, field.name


def test_the_docs_describe_each_shared_option_in_one_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("(importer-options)=") :]
    section = section[: section.index("\n## ", section.index("## Options") + 1)]
    first_table = section.split("\n\n| importer ")[0]
    rows = re.findall(r"^\| `([a-z_]+)` +\|", first_table, re.MULTILINE)
    shared = [field.name for field in attrs.fields(ImportOptions) if field.name != "recover"]
    assert rows == shared
    assert re.search(r"^\| `disqus` +\| `recover` ", section, re.MULTILINE)


def test_options_are_taken_from_the_keywords_an_importer_was_given() -> None:
    given = {"data": b"{}", "text": "html", "orphans": "drop", "max_depth": 3, "recover": True}
    options = ImportOptions.of(given)
    assert options == ImportOptions(orphans="drop", max_depth=3, recover=True)
    assert options.duplicates == "keep"
    assert options.max_comments == 1_000_000


@pytest.mark.parametrize(
    ("keywords", "error"),
    [
        ({"max_bytes": -1}, ValueError),
        ({"max_comments": 1.5}, TypeError),
        ({"errors": "ignore"}, ValueError),
    ],
)
def test_options_that_are_not_limits_are_refused_at_once(
    keywords: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        ImportOptions.of(keywords)
