"""The reading of a format that has a fast reader and a checked one.

The fast reader gives an article only when it is the one the checked reader
gives for the same document, and None for anything else; the checked reader
then reads the document or refuses it, and every error comes from it. The
``json`` and ``jsonl`` formats read this way.
"""

from __future__ import annotations

from collections.abc import Callable

from threadkit._gc import collector_paused
from threadkit._io import Errors, Source, check_options, decode, plain_utf8, take
from threadkit.model import Article

__all__ = ["Checked", "Fast", "read_either"]

Fast = Callable[[str | bytes, int | None, int | None], Article | None]
"""A fast reader: ``(document, max_depth, max_comments)`` to an article, or None."""

Checked = Callable[[str, int | None, int | None], Article]
"""A checked reader: ``(text, max_depth, max_comments)`` to an article, or an error."""


# The options are those every reader takes, as threadkit._io.read_input,
# which the readers without a fast one call, takes them; its first two steps
# are read_input's, which would go on to decode what the fast reader takes as
# bytes.
def read_either(
    data: Source,
    fast: Fast,
    checked: Checked,
    *,
    format: str,
    max_bytes: int | None,
    max_depth: int | None,
    max_comments: int | None,
    encoding: str | None,
    errors: Errors,
) -> Article:
    """Read *data* with the *fast* reader, or with the *checked* one where it steps aside.

    The options are checked and the input taken as every reader does, and the
    collector is paused while the thread is built. Bytes go to the fast
    reader as they are when only UTF-8 can be meant, which spares decoding
    them; the rare ones that need decode's rules (or are not UTF-8) are
    decoded for the checked reader.
    """
    check_options(max_bytes, max_depth, max_comments, errors)
    raw = take(data, format=format, max_bytes=max_bytes)
    return _build(raw, format, encoding, errors, fast, checked, max_depth, max_comments)


@collector_paused()
def _build(
    raw: str | bytes,
    format: str,
    encoding: str | None,
    errors: Errors,
    fast: Fast,
    checked: Checked,
    max_depth: int | None,
    max_comments: int | None,
) -> Article:
    plain = plain_utf8(raw, encoding)
    source = (
        plain if plain is not None else decode(raw, format=format, encoding=encoding, errors=errors)
    )
    article = fast(source, max_depth, max_comments)
    if article is not None:
        return article
    if isinstance(source, str):
        text = source
    else:
        text = decode(raw, format=format, encoding=encoding, errors=errors)
    return checked(text, max_depth, max_comments)
