"""The ``json`` format's writer: the document encoded by msgspec, then indented.

The article and its comments are put into the msgspec structures of
:mod:`threadkit.formats._jsonwrite`, one per comment, which msgspec encodes
in C, and :func:`msgspec.json.format` indents: the text is what
``json.dumps(document, indent=2, ensure_ascii=False) + "\n"`` gives for the
document, with dates and times as msgspec writes them (``Z`` for a zero
offset).
"""

from __future__ import annotations

from typing import NoReturn

from threadkit.errors import UnrepresentableError
from threadkit.formats.json._spec import MAX_DEPTH, VERSION
from threadkit.model import Article

__all__ = ["write"]


def write(article: Article) -> str:
    """Write *article* as a ``json`` document.

    Deterministic: fields at their default are left out, members come in the
    model's field order, indented by two spaces, and the text ends with a
    line feed.

    Raises:
        UnrepresentableError: comments nest deeper than :data:`MAX_DEPTH` levels.

    .. versionadded:: 0.1
    """
    import msgspec  # lazy: msgspec loads on the first write

    from threadkit.formats._jsonwrite import ENCODER, article_out, comments_out  # lazy, as msgspec

    comments = comments_out(article.comments, MAX_DEPTH, _too_deep)
    document = ENCODER.encode(article_out(article, VERSION, comments))
    del comments
    text = msgspec.json.format(document, indent=2).decode("utf-8")
    del document
    # Appended to the str, the only reference to it, which CPython grows in
    # place; appended to the bytes, it copied the whole document.
    text += "\n"
    return text


def _too_deep() -> NoReturn:
    raise UnrepresentableError(
        f"json: comments nest deeper than {MAX_DEPTH} levels, the bound of the "
        "json format (JSON parsers limit nesting); write the article as jsonl, "
        "which carries threads of any depth"
    )
