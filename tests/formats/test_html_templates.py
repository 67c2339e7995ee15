"""The html format's templates: what the writer fills is what the reader's patterns match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadkit.formats.html import _templates
from threadkit.formats.html._templates import Group, Template

TEMPLATES = {name: value for name, value in vars(_templates).items() if isinstance(value, Template)}

# Values with none of the characters of the markup around a hole, so that
# where one value ends is never in doubt.
VALUES = st.text(st.sampled_from("aZ09é東-_.:/"), max_size=12)


def test_the_templates_are_found() -> None:
    assert {"PAGE", "ARTICLE", "CARD", "COMMENTER", "REPLIES"} <= set(TEMPLATES)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@given(data=st.data())
def test_each_template_fills_as_str_format_would(name: str, data: st.DataObject) -> None:
    template = TEMPLATES[name]
    values = {hole: data.draw(VALUES, label=hole) for hole in template.holes}
    assert template.fill(**values) == template.source.format(**values)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@given(data=st.data())
def test_each_template_s_pattern_matches_its_filling(name: str, data: st.DataObject) -> None:
    template = TEMPLATES[name]
    values = {hole: data.draw(VALUES, label=hole) for hole in template.holes}
    pattern = template.pattern(**{hole: Group(hole, ".*?") for hole in template.holes})
    filled = template.fill(**values)
    found = re.fullmatch(pattern, filled, re.DOTALL)
    assert found is not None
    # Two holes side by side may share out their text differently; filled
    # again with what the groups took, the template gives the same text.
    assert template.fill(**found.groupdict()) == filled
    if all(literal for literal, _ in template.parts[1:-1]):
        assert found.groupdict() == values


def test_a_hole_named_twice_holds_the_same_text_twice() -> None:
    template = Template('<a id="c{n}" href="#c{n}">{label}</a>')
    assert template.holes == ("n", "label")
    assert template.fill(n=3, label="x") == '<a id="c3" href="#c3">x</a>'
    captured = re.compile(template.pattern(n=Group("n", "[0-9]+"), label="[a-z]*"))
    assert captured.fullmatch('<a id="c3" href="#c3">x</a>')
    assert not captured.fullmatch('<a id="c3" href="#c4">x</a>')
    # A hole given as a plain pattern is matched by it each time, captured never.
    plain = re.compile(template.pattern(n="[0-9]+", label="[a-z]*"))
    assert plain.fullmatch('<a id="c3" href="#c4">x</a>')
    assert plain.groups == 0


def test_literal_text_is_matched_literally() -> None:
    template = Template("a.b{{c}}[{x}]+?")
    assert template.opening == "a.b{c}["
    assert template.fill(x="*") == "a.b{c}[*]+?"
    pattern = re.compile(template.pattern(x=r"\*"))
    assert pattern.fullmatch("a.b{c}[*]+?")
    assert not pattern.fullmatch("axb{c}[*]+?")
    # A plain pattern stays one unit, whatever alternatives it holds.
    assert re.fullmatch(Template("<{x}>").pattern(x="a|b"), "<b>")


@pytest.mark.parametrize(
    "source", ["no hole", "{0}", "{}", "{x!r}", "{x:>4}", "{x.y}", "{class}", "{x[0]}"]
)
def test_a_template_needs_holes_that_are_bare_names(source: str) -> None:
    with pytest.raises(ValueError, match="hole"):
        Template(source)


def test_a_pattern_needs_exactly_the_template_s_holes() -> None:
    template = Template("{a}-{b}")
    with pytest.raises(ValueError, match="holes"):
        template.pattern(a="x")
    with pytest.raises(ValueError, match="holes"):
        template.pattern(a="x", b="y", c="z")
    with pytest.raises(TypeError):
        template.fill(a="x")
