"""The flat-list kernels the readers share: parent indexes to a forest, cycles, depth limits."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from threadkit import Comment
from threadkit._forest import MISSING, TOP, break_cycles, cycles, depth_breach, from_parents


def texts(forest: tuple[Comment, ...]) -> list[object]:
    """Each comment as its text, followed by a list of its replies when it has any."""
    out: list[object] = []
    for comment in forest:
        out.append(comment.text)
        if comment.replies:
            out.append(texts(comment.replies))
    return out


def build_from(names: str) -> Callable[[int, tuple[Comment, ...]], Comment]:
    def build(index: int, replies: tuple[Comment, ...]) -> Comment:
        return Comment(text=names[index], replies=replies)

    return build


@pytest.mark.parametrize(
    ("parents", "expected"),
    [
        ([], []),
        ([TOP, 0, 0, 1, TOP], ["a", ["b", ["d"], "c"], "e"]),
        # Parents after their replies: the same thread, siblings in list order.
        ([2, 2, TOP, 0, TOP], ["c", ["a", ["d"], "b"], "e"]),
        ([1, 2, 3, TOP], ["d", ["c", ["b", ["a"]]]]),
        ([MISSING, 0], ["a", ["b"]]),
    ],
)
def test_from_parents(parents: list[int], expected: list[object]) -> None:
    assert texts(from_parents(parents, build_from("abcde"))) == expected


def test_from_parents_builds_each_comment_once_after_its_replies() -> None:
    order: list[int] = []

    def build(index: int, replies: tuple[Comment, ...]) -> Comment:
        order.append(index)
        return Comment(text=str(index), replies=replies)

    from_parents([3, 3, 0, TOP], build)
    assert sorted(order) == [0, 1, 2, 3]
    assert order.index(2) < order.index(0) < order.index(3)
    assert order.index(1) < order.index(3)


def test_from_parents_goes_100000_deep() -> None:
    depth = 100_000
    forest = from_parents([TOP, *range(depth - 1)], build_from("x" * depth))
    assert forest[0].depth == depth


def test_cycles_are_yielded_from_the_first_member_met() -> None:
    # 0 -> 2 -> 1 -> 2 (a cycle of 1 and 2 met from 0); 3 replies to itself.
    parents = [2, 2, 1, 3, TOP]
    assert list(cycles(parents)) == [[2, 1], [3]]
    assert list(cycles(parents, [1])) == [[1, 2]]


def test_break_cycles_cuts_each_cycle_once() -> None:
    parents = [2, 2, 1, 3, TOP]
    assert break_cycles(parents) == [2, 3]
    assert parents == [2, 2, TOP, TOP, TOP]
    assert list(cycles(parents)) == []


def test_a_cut_made_while_walking_holds() -> None:
    parents = [1, 0, 3, 2]
    for loop in cycles(parents):
        parents[min(loop)] = TOP
    assert parents == [TOP, 0, TOP, 2]


@pytest.mark.parametrize(
    ("parents", "max_depth", "expected"),
    [
        ([], 0, None),
        ([TOP], 0, 0),
        ([TOP, 0, 1], 3, None),
        ([TOP, 0, 1], 2, 2),
        ([TOP, 0, 1, 2, 0], 1, 1),
        # Out of order: the first item too deep in list order, not its
        # ancestor 2, the shallowest one too deep.
        ([2, TOP, 3, 1], 2, 0),
        # Chains that never reach the top are passed over.
        ([MISSING, 0, 1], 1, None),
        ([1, 0, TOP, 2], 1, 3),
        ([1, 2, 0, TOP, 3, 4], 2, 5),
    ],
)
def test_depth_breach(parents: list[int], max_depth: int, expected: int | None) -> None:
    assert depth_breach(parents, max_depth) == expected


def test_depth_breach_on_a_chain_listed_bottom_up() -> None:
    depth = 100_000
    parents = [*range(1, depth), TOP]
    assert depth_breach(parents, depth) is None
    assert depth_breach(parents, depth - 1) == 0
