"""The json and jsonl formats' one member table, and what must follow it.

``threadkit.formats._jsondoc`` derives the members of an article, an author
and a comment from the model's fields. The shipped JSON Schema is written
by hand, and the writers write a comment's members one by one: here both
are held to the table, so that a field added to the model shows up as a
failure until each of them has it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from threadkit import Article, Author, Comment, CommentState
from threadkit._values import INT64, STATES
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl
from threadkit.formats._jsondoc import ABSENT, ARTICLE, AUTHOR, COMMENT, MARKER, Kind, Member


@pytest.mark.parametrize(
    ("table", "cls"), [(ARTICLE, Article), (AUTHOR, Author), (COMMENT, Comment)]
)
def test_the_table_is_the_models_fields_in_order(table: tuple[Member, ...], cls: type) -> None:
    fields = attrs.fields(cls)
    assert [member.name for member in table] == [field.name for field in fields]
    for member, field in zip(table, fields, strict=True):
        if field.default is attrs.NOTHING:
            assert member.default is ABSENT
        else:
            assert member.default == field.default


# -- the shipped schema ------------------------------------------------------------------

REF = "#/$defs/"

# What the schema of a member of each kind holds (every item of the dict
# given here must be in it); a string member is a line or a text.
SHAPES: dict[Kind, list[dict[str, Any]]] = {
    Kind.STRING: [{"$ref": REF + "requiredLine"}, {"$ref": REF + "text"}],
    Kind.OPTIONAL_STRING: [{"$ref": REF + "optionalLine"}],
    Kind.DATETIME: [{"$ref": REF + "optionalDateTime"}],
    Kind.INTEGER: [
        {"type": ["integer", "null"], "minimum": INT64.start, "maximum": INT64.stop - 1}
    ],
    Kind.STATE: [{"enum": list(STATES), "default": CommentState.VISIBLE.value}],
    Kind.AUTHOR: [{"anyOf": [{"type": "null"}, {"$ref": REF + "author"}]}],
    Kind.AUTHORS: [{"type": "array", "items": {"$ref": REF + "author", "minProperties": 1}}],
    Kind.STRINGS: [{"type": "array", "items": {"$ref": REF + "requiredLine"}}],
    Kind.COMMENTS: [{"type": "array", "items": {"$ref": REF + "comment"}}],
    Kind.EXTRA: [{"$ref": REF + "extra"}],
}


def check_object(schema: dict[str, Any], table: tuple[Member, ...], marker: bool) -> None:
    names = [MARKER] * marker + [member.name for member in table]
    required = [MARKER] * marker + [m.name for m in table if m.default is ABSENT]
    assert list(schema["properties"]) == names
    assert schema.get("required", []) == required
    assert schema["additionalProperties"] is False
    for member in table:
        found = schema["properties"][member.name]
        assert any(shape.items() <= found.items() for shape in SHAPES[member.kind]), member


def test_the_schema_has_the_tables_members() -> None:
    schema = tk_json.schema()
    check_object(schema, ARTICLE, marker=True)
    check_object(schema["$defs"]["author"], AUTHOR, marker=False)
    check_object(schema["$defs"]["comment"], COMMENT, marker=False)
    assert schema["properties"][MARKER]["const"] == tk_json.VERSION


def test_every_kind_has_a_shape() -> None:
    assert set(SHAPES) == set(Kind)


# -- the writers' order ------------------------------------------------------------------

WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
WHO = Author(name="Ann", bio="Reads.", url="https://a.example/ann", id="u1")
REPLY = Comment(
    text="Reply.",
    author=WHO,
    id="c2",
    published=WHEN,
    edited=WHEN,
    score=0,
    state=CommentState.DELETED,
    url="https://a.example/c2",
    extra={"k": 1},
)
# Every field set to a value other than its default.
EVERYTHING = Article(
    title="T",
    subtitle="S",
    body="B",
    authors=(WHO,),
    published=WHEN,
    url="https://a.example/",
    site="A",
    tags=("t",),
    comments=(attrs.evolve(REPLY, id="c1", replies=(REPLY,)),),
    extra={"k": 1},
)


def names(table: tuple[Member, ...], *leave_out: Kind) -> list[str]:
    return [member.name for member in table if member.kind not in leave_out]


def members(pairs: list[tuple[str, Any]]) -> list[str]:
    return [name for name, _ in pairs]


def test_the_json_writer_writes_members_in_the_tables_order() -> None:
    document = json.loads(tk_json.write(EVERYTHING), object_pairs_hook=lambda pairs: pairs)
    assert members(document) == [MARKER, *names(ARTICLE)]
    (top,) = dict(document)["comments"]
    assert members(top) == names(COMMENT)
    (reply,) = dict(top)["replies"]
    assert members(reply) == names(COMMENT, Kind.COMMENTS)
    assert members(dict(reply)["author"]) == names(AUTHOR)
    assert members(dict(document)["authors"][0]) == names(AUTHOR)


def test_the_jsonl_writer_writes_members_in_the_tables_order() -> None:
    head, *records = (
        json.loads(line, object_pairs_hook=lambda pairs: pairs)
        for line in tk_jsonl.write(EVERYTHING).split("\n")[:-1]
    )
    assert members(head) == [MARKER, "record", *names(ARTICLE, Kind.COMMENTS)]
    assert members(dict(head)["authors"][0]) == names(AUTHOR)
    assert len(records) == 2
    for record in records:
        assert members(record) == ["record", "key", "parent", *names(COMMENT, Kind.COMMENTS)]
        assert members(dict(record)["author"]) == names(AUTHOR)
