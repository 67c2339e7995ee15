"""Importers never fail with anything but ParseError, whatever the platform sends.

Random JSON documents, and the small exports of these tests with random
values put in place of their own, must give articles (values the model
refuses being repaired) or a ParseError: never another exception.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import threadkit
from threadkit.importers import disqus, hackernews, mastodon, reddit, wordpress

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
JSON_IMPORTERS = {"reddit": reddit, "hackernews": hackernews, "mastodon": mastodon}
JSON_FILES = {
    "reddit": ["reddit_thread.json", "reddit_morechildren.json"],
    "hackernews": ["hn_items.json", "hn_algolia.json", "hn_two_stories.json"],
    "mastodon": ["mastodon_status_context.json", "mastodon_context.json"],
}

strings = st.text(st.characters(codec="utf-8"), max_size=20) | st.sampled_from(
    ["", "[deleted]", "[removed]", "t1_c1", "t3_x", "<p>a</p>", "\x00\r\n", "2024-01-01T00:00:00Z"]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | strings
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(strings, inner, max_size=4),
    max_leaves=20,
)


def read_everything(name: str, data: str) -> None:
    try:
        for article in threadkit.loads_all(data, name):
            assert isinstance(article, threadkit.Article)
    except threadkit.ParseError:
        pass


@given(name=st.sampled_from(sorted(JSON_IMPORTERS)), document=values)
def test_any_json_document(name: str, document: Any) -> None:
    read_everything(name, json.dumps(document))


def _paths(document: Any) -> list[list[str | int]]:
    """Every place in *document* that holds a value, without recursion."""
    out: list[list[str | int]] = []
    stack: list[tuple[Any, list[str | int]]] = [(document, [])]
    while stack:
        node, path = stack.pop()
        if path:
            out.append(path)
        if isinstance(node, dict):
            stack.extend((value, [*path, key]) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, [*path, index]) for index, value in enumerate(node))
    return out


@given(data=st.data())
def test_real_shapes_with_random_values(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(JSON_FILES)))
    file = data.draw(st.sampled_from(JSON_FILES[name]))
    document = json.loads((DATA / file).read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        path = data.draw(st.sampled_from(_paths(document)))
        holder = document
        for step in path[:-1]:
            holder = holder[step]
        holder[path[-1]] = data.draw(values)
    read_everything(name, json.dumps(document))


@given(
    name=st.sampled_from(["disqus", "wordpress"]),
    cut=st.integers(min_value=0, max_value=4000),
    junk=st.text(max_size=10),
)
def test_xml_cut_anywhere(name: str, cut: int, junk: str) -> None:
    file = "disqus_export.xml" if name == "disqus" else "wxr_export.xml"
    text = (DATA / file).read_text(encoding="utf-8")
    damaged = text[:cut] + junk + text[cut + len(junk) :]
    read_everything(name, damaged)
    module = disqus if name == "disqus" else wordpress
    try:
        for article in module.read_all(damaged, recover=True):
            assert isinstance(article, threadkit.Article)
    except threadkit.ParseError:
        pass
