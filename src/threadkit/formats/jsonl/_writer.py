"""The ``jsonl`` format's writer: the article record, then a record per comment in thread order."""

from __future__ import annotations

from json.encoder import encode_basestring

from threadkit.formats._jsondoc import ARTICLE, MARKER
from threadkit.formats._jsonwrite import author_json, extra_json, members_json, plan
from threadkit.formats.jsonl._spec import RECORD, VERSION
from threadkit.model import Article, CommentState
from threadkit.tree import visits

__all__ = ["write"]

_HEAD = plan(ARTICLE)


def write(article: Article) -> str:
    """Write *article* as a ``jsonl`` document.

    Deterministic: the article record, then one record per comment in thread
    order, keyed 1, 2, 3, ...; fields at their default are left out, members
    come in the model's field order, each line is compact JSON ending with a
    line feed. Any depth can be written.

    .. versionadded:: 0.1
    """
    head = [f'{{"{MARKER}":{VERSION},"{RECORD}":"article"']
    head.extend("," + member for member in members_json(article, _HEAD, None))
    head.append("}\n")
    out = ["".join(head)]
    append = out.append

    keys: dict[int, int] = {}  # id() of a comment -> its key
    authors: dict[int, str] = {}  # id() of an author -> its JSON
    visible = CommentState.VISIBLE
    for key, (comment, _, parent) in enumerate(visits(article), 1):
        keys[id(comment)] = key
        # A comment's members are written out one by one rather than by a
        # loop over the member table, as the article's are, since this runs
        # once per comment; a test holds their order to the table's.
        parts = [
            f'{{"record":"comment","key":{key},"parent":'
            f"{'null' if parent is None else keys[id(parent)]},"
            f'"text":{encode_basestring(comment.text)}'
        ]
        author = comment.author
        if author is not None:
            text = authors.get(id(author))
            if text is None:
                text = authors[id(author)] = author_json(author, None)
            parts.append(',"author":' + text)
        if comment.id is not None:
            parts.append(',"id":' + encode_basestring(comment.id))
        if comment.published is not None:
            parts.append(f',"published":"{comment.published.isoformat()}"')
        if comment.edited is not None:
            parts.append(f',"edited":"{comment.edited.isoformat()}"')
        if comment.score is not None:
            parts.append(f',"score":{comment.score}')
        if comment.state is not visible:
            parts.append(f',"state":"{comment.state.value}"')
        if comment.url is not None:
            parts.append(',"url":' + encode_basestring(comment.url))
        if comment.extra:
            parts.append(',"extra":' + extra_json(comment.extra, None))
        parts.append("}\n")
        append("".join(parts))
    return "".join(out)
