"""A thread as a pandas DataFrame, a row per comment, and a filtered frame back as a thread.

``threadkit.frames.to_frame`` gives every comment as a row with its key
(its position in thread order, from 1), its parent's key, its depth and its
fields; ``from_frame`` rebuilds a thread from such rows, even from a frame
filtered down to some of them. This example needs pandas
(``pip install pandas``); threadkit itself does not.

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

    the comments of 30 words or more, as a thread:
    Pete Lindqvist
      Rosa Delgado
    Marguerite Osei
      TomFromTheHill
    Dana Whitcombe
    bikedad42
"""

from __future__ import annotations

import sys

import threadkit
from threadkit.frames import from_frame, to_frame

try:
    import pandas  # noqa: F401 - what to_frame needs, checked before anything runs
except ImportError:
    sys.exit("this example needs pandas: pip install pandas")


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "examples/sample.txt"
    article = threadkit.load(path)
    frame = to_frame(article)
    frame["words"] = frame["text"].str.split().str.len()
    shown = (
        frame.set_index("key")[["parent", "depth", "author_name", "words"]]
        .rename(columns={"author_name": "author"})
        .fillna({"author": "(anonymous)"})
    )
    print(shown.to_string())
    print()
    print("words by depth:")
    print(frame.groupby("depth")["words"].agg(["count", "sum", "mean"]).round(1).to_string())
    print()
    # A filtered frame has lost some parents: those replies go to the top level.
    long = frame[frame["words"] >= 30].drop(columns=["words"])
    print("the comments of 30 words or more, as a thread:")
    for visit in from_frame(long, orphans="keep").visits():
        author = visit.comment.author
        name = author.name if author is not None and author.name else "(anonymous)"
        print("  " * (visit.depth - 1) + name)


if __name__ == "__main__":
    main()
