"""The ``json`` format's checked reader: :func:`json.loads`, then every member checked.

Slower than the fast reader, and the source of every error: a refusal
names the JSONPath of the offending member, malformed JSON its line and
column.
"""

from __future__ import annotations

from typing import Any

from threadkit._io import too_deep, too_many
from threadkit.errors import ParseError
from threadkit.formats._jsondoc import Invalid, article, check_version, comment, parse, wrong_type
from threadkit.formats.json._spec import MAX_DEPTH, MIGRATIONS, SPEC, VERSION
from threadkit.model import Article, Author, Comment

__all__ = ["read"]

_NO_REPLIES: list[Any] = []


def read(text: str, max_depth: int | None, max_comments: int | None) -> Article:
    """The article the document *text* holds; ParseError or LimitError if there is none."""
    document = parse(text, SPEC)
    try:
        if type(document) is not dict:
            wrong_type("", "an object", document)
        assert isinstance(document, dict)
        version = check_version(document, SPEC)
        while version != VERSION:
            document = MIGRATIONS[version](document)
            version += 1
        authors: dict[tuple[Any, ...], Author | None] = {}
        comments = _comments(
            document.get("comments", _NO_REPLIES), authors, max_depth, max_comments
        )
        return article(document, comments, SPEC)
    except Invalid as error:
        raise ParseError(error.message, format=SPEC.format, path="$" + error.where) from None


# A frame of the reading stack: the list being read, the position after the
# item being read, the comments built from it so far, and the object whose
# "replies" the list is (None for the article's "comments").
_Frame = tuple[list[Any], int, list[Comment], "dict[str, Any] | None"]


def _frames_path(frames: list[_Frame], position: int) -> str:
    # The relative path of the item just read: the last one taken from the
    # innermost list, below the comments whose replies are being read.
    steps = [".comments"]
    steps.extend(f"[{after - 1}].replies" for _, after, _, _ in frames)
    steps.append(f"[{position - 1}]")
    return "".join(steps)


def _comments(
    items: object,
    authors: dict[tuple[Any, ...], Author | None],
    max_depth: int | None,
    max_comments: int | None,
) -> tuple[Comment, ...]:
    deepest = MAX_DEPTH if max_depth is None else min(max_depth, MAX_DEPTH)
    most = -1 if max_comments is None else max_comments
    if type(items) is not list:
        wrong_type(".comments", "an array", items)
    assert isinstance(items, list)
    if items and deepest < 1:  # below, depth is checked where replies open
        assert max_depth is not None
        raise too_deep(SPEC.format, max_depth, path="$.comments[0]")
    frames: list[_Frame] = []
    built: list[Comment] = []
    owner: dict[str, Any] | None = None
    position = 0
    try:
        while True:
            if position < len(items):
                raw = items[position]
                position += 1
                most -= 1
                if most == -1:
                    assert max_comments is not None
                    path = "$" + _frames_path(frames, position)
                    raise too_many(SPEC.format, max_comments, path=path)
                if type(raw) is not dict:
                    wrong_type("", "an object", raw)
                replies = raw.get("replies", _NO_REPLIES)
                if type(replies) is not list:
                    wrong_type(".replies", "an array", replies)
                if replies:
                    if len(frames) + 2 > deepest and deepest < MAX_DEPTH:
                        assert max_depth is not None
                        path = "$" + _frames_path(frames, position) + ".replies[0]"
                        raise too_deep(SPEC.format, max_depth, path=path)
                    if len(frames) + 2 > MAX_DEPTH:
                        raise Invalid(
                            ".replies",
                            f"comments nested deeper than {MAX_DEPTH} levels, the bound of "
                            "the json format; the jsonl format carries threads of any depth",
                        )
                    frames.append((items, position, built, owner))
                    items, position, built, owner = replies, 0, [], raw
                    continue
                built.append(comment(raw, (), authors, SPEC))
            elif owner is None:
                return tuple(built)
            else:
                replies_built = tuple(built)
                raw = owner
                items, position, built, owner = frames.pop()
                built.append(comment(raw, replies_built, authors, SPEC))
    except Invalid as error:
        raise Invalid(_frames_path(frames, position) + error.where, error.message) from None
