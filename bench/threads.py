"""Synthetic articles for the benchmarks, in three shapes, seeded.

Every comment carries what real ones do: a text of varied length (many
short ones, a long tail; some non-ASCII words), an author (shared among
about twelve comments each, some with profile links or a bio), an id, a
publication time in one of several time zones, sometimes an edit time, a
score, a moderation state, sometimes a permalink and a little ``extra``.
The shapes differ only in who replies to whom:

* ``flat``: every comment at the top level;
* ``realistic``: each comment starts a thread, continues the latest
  comment's conversation, or replies to a comment picked in proportion to
  the replies it already has (which gives power-law reply counts), at most
  :data:`MAX_DEPTH` levels deep;
* ``chain``: each comment replies to the one before, in chains of at most
  :data:`CHAIN_DEPTH` comments.

The same shape, count and seed always give the same article.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from threadkit import Article, Author, Comment, CommentState

__all__ = ["CHAIN_DEPTH", "MAX_DEPTH", "SHAPES", "build"]

SHAPES = ("flat", "realistic", "chain")
MAX_DEPTH = 30
"""How deep the realistic shape nests."""
CHAIN_DEPTH = 100_000
"""The length of one reply chain in the chain shape."""

VOCABULARY = (
    "the a of to and in that is for it on was with as be this have not are but at by "
    "they from or an one will all would there their what so up out if about who get "
    "which go me when make can like time no just him know take people into year your "
    "good some could them see other than then now look only come its over think also "
    "back after use two how our work first well way even new want because any these "
    "give day most us rate bank inflation policy minister report council vote housing "
    "school budget tax energy climate election court police hospital transport water "
    "café naïve déjà façade jalapeño Zürich São Kraków 東京 € “quoted” — …"
)
WORDS = tuple(VOCABULARY.split())
ZONES = tuple(timezone(timedelta(minutes=m)) for m in (0, 60, 120, -300, -240, 330, 540, -420))


def _text(rng: random.Random) -> str:
    # Lengths spread like real comments: many short ones, a long tail.
    words = max(1, int(rng.lognormvariate(3.3, 0.9)))
    paragraphs = []
    while words > 0:
        size = min(words, rng.randint(15, 80))
        words -= size
        sentence = " ".join(rng.choices(WORDS, k=size))
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
    return "\n\n".join(paragraphs)


def _parents(shape: str, count: int, rng: random.Random) -> list[int]:
    """Each comment's parent index, -1 at the top; a parent comes before its replies."""
    if shape == "flat":
        return [-1] * count
    if shape == "chain":
        return [-1 if index % CHAIN_DEPTH == 0 else index - 1 for index in range(count)]
    if shape != "realistic":
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    parents: list[int] = []
    depths: list[int] = []
    popular: list[int] = []  # a comment once, plus once per reply it has
    for index in range(count):
        roll = rng.random()
        parent = -1
        if index and roll < 0.35 and depths[index - 1] < MAX_DEPTH:
            parent = index - 1
        elif index and roll < 0.9:
            parent = rng.choice(popular)
            if depths[parent] >= MAX_DEPTH:
                parent = -1
        parents.append(parent)
        depths.append(1 if parent < 0 else depths[parent] + 1)
        popular.append(index)
        if parent >= 0:
            popular.append(parent)
    return parents


def build(shape: str, count: int, seed: int = 20240501) -> Article:
    """An article in *shape* (one of :data:`SHAPES`) whose thread has *count* comments."""
    rng = random.Random(seed)
    people = []
    for number in range(max(1, count // 12)):
        name = f"{rng.choice(WORDS).capitalize()}{rng.choice(WORDS).capitalize()}{number}"
        people.append(
            Author(
                name=name,
                url=f"https://news.example/users/{name.lower()}" if rng.random() < 0.3 else None,
                id=f"u{number}" if rng.random() < 0.8 else None,
                bio=_text(rng) if rng.random() < 0.05 else "",
            )
        )
    parents = _parents(shape, count, rng)
    start = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    fields: list[dict[str, Any]] = []
    for index in range(count):
        when = start + timedelta(seconds=index * 7 + rng.randint(0, 6))
        published = when.astimezone(rng.choice(ZONES))
        roll = rng.random()
        state = CommentState.VISIBLE
        if roll < 0.03:
            state = CommentState.DELETED
        elif roll < 0.05:
            state = CommentState.REMOVED
        fields.append(
            {
                "text": "" if state is not CommentState.VISIBLE else _text(rng),
                "author": None if rng.random() < 0.08 else rng.choice(people),
                "id": f"c{1_000_000 + index}",
                "published": published,
                "edited": published + timedelta(minutes=rng.randint(1, 90))
                if rng.random() < 0.1
                else None,
                "score": int(rng.paretovariate(1.2)) - 1 - (rng.random() < 0.1) * 5,
                "state": state,
                "url": f"https://news.example/c/{1_000_000 + index}"
                if rng.random() < 0.5
                else None,
                "extra": {"flair": rng.choice(WORDS), "awards": rng.randint(1, 9)}
                if rng.random() < 0.05
                else None,
            }
        )
    # Built from the last comment back: a reply always comes after its parent,
    # so its replies are built by the time a comment is.
    replies: list[list[Comment] | None] = [None] * count
    roots: list[Comment] = []
    for index in range(count - 1, -1, -1):
        below = replies[index]
        replies[index] = None
        comment = Comment(replies=tuple(reversed(below)) if below else (), **fields[index])
        parent = parents[index]
        if parent < 0:
            roots.append(comment)
        elif replies[parent] is None:
            replies[parent] = [comment]
        else:
            replies[parent].append(comment)  # type: ignore[union-attr]
    return Article(
        title="Central bank holds rates as inflation cools",
        subtitle="Markets had expected the pause",
        body="\n\n".join(_text(rng) for _ in range(12)),
        authors=(Author(name="Dana Reporter", url="https://news.example/staff/dana"),),
        published=start,
        url="https://news.example/economy/rates-held",
        site="The Example News",
        tags=("economy", "rates", "inflation"),
        comments=tuple(reversed(roots)),
    )
