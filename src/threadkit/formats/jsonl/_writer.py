"""The ``jsonl`` format's writer: the article record, then a record per comment in thread order."""

from __future__ import annotations

from threadkit.formats.jsonl._spec import RECORD, VERSION
from threadkit.model import Article

__all__ = ["write"]


def write(article: Article) -> str:
    """Write *article* as a ``jsonl`` document.

    Deterministic: the article record, then one record per comment in thread
    order, keyed 1, 2, 3, ...; fields at their default are left out, members
    come in the model's field order, each line is compact JSON ending with a
    line feed. Any depth can be written.

    .. versionadded:: 0.1
    """
    # lazy: msgspec loads on the first write
    from threadkit.formats._jsonwrite import ENCODER, article_record, comment_records

    records = comment_records(article.comments, RECORD, article_record(article, VERSION, RECORD))
    # Each record on its own line, every line ending with a line feed.
    return ENCODER.encode_lines(records).decode("utf-8")
