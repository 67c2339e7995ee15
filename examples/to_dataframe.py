"""Flatten a thread into a pandas DataFrame, one row per comment.

``Article.flatten()`` gives every comment as a record with a key (its
position in thread order), its parent's key and its depth, which is the
shape a table needs. This example needs pandas (``pip install pandas``);
threadkit itself does not.

Run it from the repository's root::

    $ python examples/to_dataframe.py examples/sample.txt
         parent  depth           author  words
    key
    1      <NA>      1   Pete Lindqvist     85
    2         1      2     Rosa Delgado     37
    3         2      3   Pete Lindqvist     20
    4         1      2         hwilkins     17
    5      <NA>      1  Marguerite Osei     81
    6         5      2   TomFromTheHill     32
    7         6      3  Marguerite Osei     22
    8      <NA>      1      (anonymous)     22
    9      <NA>      1     Sam Ferreira     25
    10        9      2   Dana Whitcombe     37
    11     <NA>      1        bikedad42     37
    12       11      2         Jonah P.     12

    words by depth:
           count  sum  mean
    depth
    1          5  250  50.0
    2          5  135  27.0
    3          2   42  21.0
"""

from __future__ import annotations

import sys
from typing import Any

import threadkit

try:
    import pandas as pd
except ImportError:
    sys.exit("this example needs pandas: pip install pandas")


def to_dataframe(article: threadkit.Article) -> Any:
    """A DataFrame indexed by comment key, with the parent's key, depth, author and more."""
    rows = []
    for record in article.flatten():
        comment = record.comment
        rows.append(
            {
                "key": record.key,
                "parent": record.parent,
                "depth": record.depth,
                "author": comment.author.name if comment.author else None,
                "published": comment.published,
                "score": comment.score,
                "state": comment.state.value,
                "words": len(comment.text.split()),
                "text": comment.text,
            }
        )
    frame = pd.DataFrame(rows).set_index("key")
    # Top-level comments have no parent: a nullable integer column keeps the keys whole.
    frame["parent"] = frame["parent"].astype("Int64")
    return frame


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "examples/sample.txt"
    frame = to_dataframe(threadkit.load(path))
    shown = frame[["parent", "depth", "author", "words"]].fillna({"author": "(anonymous)"})
    print(shown.to_string())
    print()
    print("words by depth:")
    print(frame.groupby("depth")["words"].agg(["count", "sum", "mean"]).round(1).to_string())


if __name__ == "__main__":
    main()
