"""The ``json`` format's writer: the indented document, written directly.

The writer emits the text itself rather than building dicts for
:func:`json.dumps`, whose indenting encoder is pure Python and would be the
slowest part of a write; the text is exactly what
``json.dumps(document, indent=2, ensure_ascii=False) + "\n"`` gives.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from json.encoder import encode_basestring

from threadkit.errors import UnrepresentableError
from threadkit.formats._jsondoc import ARTICLE, MARKER, Kind
from threadkit.formats._jsonwrite import author_json, extra_json, members_json, plan
from threadkit.formats.json._spec import MAX_DEPTH, VERSION
from threadkit.model import Article, Comment, CommentState

__all__ = ["write"]


# The article's own members, either side of its comments.
_AT = next(index for index, member in enumerate(ARTICLE) if member.kind is Kind.COMMENTS)
_BEFORE, _AFTER = plan(ARTICLE[:_AT]), plan(ARTICLE[_AT + 1 :])


@functools.cache
def _indents(level: int) -> tuple[str, str, str, str]:
    # For a comment at *level*: the indent of its braces, of its members, the
    # line feeds that open and separate them, and the opening of "replies".
    brace = " " * (4 * level)
    member = brace + "  "
    return brace, member, ",\n" + member, ",\n" + member + '"replies": [\n'


def write(article: Article) -> str:
    """Write *article* as a ``json`` document.

    Deterministic: fields at their default are left out, members come in the
    model's field order, indented by two spaces, and the text ends with a
    line feed.

    Raises:
        UnrepresentableError: comments nest deeper than :data:`MAX_DEPTH` levels.

    .. versionadded:: 0.1
    """
    out = ["{\n", f'  "{MARKER}": {VERSION}']
    append = out.append
    for member in members_json(article, _BEFORE, "  "):
        append(",\n  " + member)
    if article.comments:
        append(',\n  "comments": [\n')
        _write_comments(article.comments, append)
        append("\n  ]")
    for member in members_json(article, _AFTER, "  "):
        append(",\n  " + member)
    append("\n}\n")
    return "".join(out)


def _write_comments(roots: tuple[Comment, ...], append: Callable[[str], None]) -> None:
    authors: dict[tuple[int, int], str] = {}
    unindented: dict[int, str] = {}
    visible = CommentState.VISIBLE
    stack: list[tuple[Comment, int] | str] = []
    _push_siblings(stack, roots, 1)
    pop = stack.pop
    while stack:
        item = pop()
        if isinstance(item, str):
            append(item)
            continue
        comment, level = item
        brace, member, next_member, open_replies = _indents(level)
        # A comment's members are written out one by one rather than by a
        # loop over the member table, as the article's are, since this runs
        # once per comment; a test holds their order to the table's.
        append(f'{brace}{{\n{member}"text": {encode_basestring(comment.text)}')
        author = comment.author
        if author is not None:
            key = (id(author), level)
            text = authors.get(key)
            if text is None:
                # Rendered once per author, indented once per level: a JSON
                # string holds no raw line feed.
                flat = unindented.get(key[0])
                if flat is None:
                    flat = unindented[key[0]] = author_json(author, "")
                text = authors[key] = flat.replace("\n", "\n" + member)
            append(f'{next_member}"author": {text}')
        if comment.id is not None:
            append(f'{next_member}"id": {encode_basestring(comment.id)}')
        if comment.published is not None:
            append(f'{next_member}"published": "{comment.published.isoformat()}"')
        if comment.edited is not None:
            append(f'{next_member}"edited": "{comment.edited.isoformat()}"')
        if comment.score is not None:
            append(f'{next_member}"score": {comment.score}')
        if comment.state is not visible:
            append(f'{next_member}"state": "{comment.state.value}"')
        if comment.url is not None:
            append(f'{next_member}"url": {encode_basestring(comment.url)}')
        extra = comment.extra
        close = f"\n{brace}}}"
        if extra:
            close = f'{next_member}"extra": {extra_json(extra, member)}{close}'
        if comment.replies:
            if level >= MAX_DEPTH:
                raise UnrepresentableError(
                    f"json: comments nest deeper than {MAX_DEPTH} levels, the bound of the "
                    "json format (JSON parsers limit nesting); write the article as jsonl, "
                    "which carries threads of any depth"
                )
            append(open_replies)
            stack.append(f"\n{member}]{close}")
            _push_siblings(stack, comment.replies, level + 1)
        else:
            append(close)


def _push_siblings(
    stack: list[tuple[Comment, int] | str], siblings: tuple[Comment, ...], level: int
) -> None:
    # Pushed in reverse, so that they pop in thread order, with the separator
    # between neighbours.
    for index in range(len(siblings) - 1, 0, -1):
        stack.append((siblings[index], level))
        stack.append(",\n")
    stack.append((siblings[0], level))
