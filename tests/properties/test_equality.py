"""``==`` and ``hash`` of comments and articles against a plain field-by-field equality.

The model compares whole threads with a few passes over flat lists, in C,
and hashes a thread from part of each comment's fields (see
``threadkit._forest``). This holds that to the obvious definition, written
out here: two comments are equal when every field but ``replies`` is equal
by ``==``, their dates have equal UTC offsets too (``==`` of datetimes
compares instants alone), and their replies are equal pair by pair; equal
values hash alike. The definition walks with a stack of pairs, not by
recursion, as every operation over a thread must.

The pairs drawn are mostly near misses: a thread and a copy of it with one
comment changed in one field, its value taken from another drawn comment
(which is often the same value), or a date moved to another offset at the
same instant, or given one more reply.
"""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import threadkit.strategies as tks
from threadkit import Article, Comment

OWN = [field.name for field in attrs.fields(Comment) if field.name != "replies"]


def plain_equal(left: Comment, right: Comment) -> bool:
    pairs = [(left, right)]
    while pairs:
        a, b = pairs.pop()
        for name in OWN:
            mine, theirs = getattr(a, name), getattr(b, name)
            if mine != theirs:
                return False
            if isinstance(mine, datetime) and mine.utcoffset() != theirs.utcoffset():
                return False
        if len(a.replies) != len(b.replies):
            return False
        pairs.extend(zip(a.replies, b.replies, strict=True))
    return True


@st.composite
def near_pairs(draw: st.DrawFn) -> tuple[Comment, Comment]:
    small = tks.comments(max_depth=2, max_replies=2)
    left = draw(small)
    every = list(left.walk())
    target = draw(st.sampled_from(every))
    how = draw(st.sampled_from(["copy", "field", "zone", "reply"]))
    if how == "copy":
        return left, pickle.loads(pickle.dumps(left))
    if how == "field":
        donor = draw(st.sampled_from([*every, draw(small)]))
        name = draw(st.sampled_from(OWN))
        changes: dict[str, Any] = {name: getattr(donor, name)}
    elif how == "zone":
        # The same instant on both sides, at the offsets it has on each.
        name = draw(st.sampled_from(["published", "edited"]))
        when = getattr(target, name) or datetime(2024, 1, 1, tzinfo=UTC)
        hours = draw(st.integers(-12, 12))
        try:
            moved = when.astimezone(timezone(timedelta(hours=hours)))
        except OverflowError:  # at the ends of datetime's range
            return left, left
        left = _changed(left, target, {name: when})
        target = next(c for c in left.walk() if getattr(c, name) is when)
        changes = {name: moved}
    else:
        changes = {"replies": (*target.replies, draw(small))}

    return left, _changed(left, target, changes)


def _changed(thread: Comment, target: Comment, changes: dict[str, Any]) -> Comment:
    def change(comment: Comment) -> Comment:
        return attrs.evolve(comment, **changes) if comment is target else comment

    return thread.map(change)


@given(near_pairs())
def test_equality_is_field_by_field_equality(pair: tuple[Comment, Comment]) -> None:
    left, right = pair
    expected = plain_equal(left, right)
    assert (left == right) is expected
    assert (right == left) is expected
    assert (left != right) is not expected
    articles = Article(title="T", comments=(left,)), Article(title="T", comments=(right,))
    assert (articles[0] == articles[1]) is expected
    if expected:
        assert hash(left) == hash(right)
        assert hash(articles[0]) == hash(articles[1])
