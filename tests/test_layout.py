"""The package's import graph: layered, without cycles, private names kept at home.

Read from the source with :mod:`ast`, so that nothing is imported:

* The imports a module runs when it is imported (at its top level, in a
  class body, under ``try`` or ``if``) make the graph, and the graph has no
  cycle. Imports under ``if TYPE_CHECKING:`` are for the type checker only.
* An import inside a function runs when the function is called. It is there
  to load something on first use, which keeps ``import threadkit`` and the
  command line fast, and a comment on its line or the line above says so
  with the word "lazy"; an unmarked one would hide a cycle from the graph.
* A name starting with one underscore belongs to its package: no module
  imports one from a module of another package (``threadkit/x.py`` and
  ``threadkit/_y.py`` are both in ``threadkit``, ``threadkit/formats/z.py``
  is not). What crosses packages is a public-looking name, even when its
  module is private (``from threadkit._model import built_comment``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SOURCE / "threadkit"


class Import(NamedTuple):
    """One import statement's target, as the module it names and the names it takes."""

    importer: str
    module: str
    names: tuple[str, ...]
    line: int
    in_function: bool
    type_only: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (SOURCE / name.replace(".", "/") / "__init__.py").is_file()


def is_module(name: str) -> bool:
    return is_package(name) or (SOURCE / (name.replace(".", "/") + ".py")).is_file()


def package_of(name: str) -> str:
    """The package a module belongs to: itself for a package's ``__init__``."""
    return name if is_package(name) else name.rpartition(".")[0]


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(name: str, path: Path) -> Iterator[Import]:
    """Every import statement of a module, with where it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    stack: list[tuple[ast.AST, bool, bool]] = [(tree, False, False)]
    while stack:
        node, in_function, type_only = stack.pop()
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, (), node.lineno, in_function, type_only)
            continue
        if isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = name if is_package(name) else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{target}" if target else base
            names = tuple(alias.name for alias in node.names)
            yield Import(name, target, names, node.lineno, in_function, type_only)
            continue
        function = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend((child, function, True) for child in node.body)
            stack.extend((child, function, type_only) for child in node.orelse)
            continue
        stack.extend((child, function, type_only) for child in ast.iter_child_nodes(node))


def all_imports() -> list[Import]:
    return [found for name, path in modules().items() for found in imports(name, path)]


def graph() -> dict[str, set[str]]:
    """Which threadkit modules each one imports when it is imported."""
    edges: dict[str, set[str]] = {name: set() for name in modules()}
    for found in all_imports():
        if found.in_function or found.type_only:
            continue
        if not (found.module == "threadkit" or found.module.startswith("threadkit.")):
            continue
        # ``from package import submodule`` imports the submodule; the package
        # itself is being imported already when a module inside it runs.
        submodules = [
            f"{found.module}.{n}" for n in found.names if is_module(f"{found.module}.{n}")
        ]
        if submodules:
            edges[found.importer].update(submodules)
        if len(submodules) < len(found.names) or not found.names:
            edges[found.importer].add(found.module)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle of *edges* as the modules along it, the first repeated at the end."""
    done: set[str] = set()
    for start in sorted(edges):
        if start in done:
            continue
        # Depth first, without recursion: the path from *start* and, for each
        # module on it, the imports it has left to follow.
        path = [start]
        branches = [iter(sorted(edges[start]))]
        while branches:
            following = next(branches[-1], None)
            if following is None:
                done.add(path.pop())
                branches.pop()
                continue
            if following in path:
                return [*path[path.index(following) :], following]
            if following in done or following not in edges:
                continue
            path.append(following)
            branches.append(iter(sorted(edges[following])))
    return None


def test_the_import_graph_has_no_cycle() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_the_graph_sees_the_packages_modules() -> None:
    edges = graph()
    assert "threadkit._forest" in edges["threadkit._model"]
    assert "threadkit._model" in edges["threadkit.model"]
    assert "threadkit.tree" not in edges["threadkit._model"]
    # The formats are loaded by name, on first use, not imported by the registry.
    assert "threadkit.formats.json" not in edges["threadkit.formats"]


def test_a_cycle_is_found_and_shown() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"b", "d"}, "d": set()}
    assert find_cycle(edges) == ["b", "c", "b"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_every_import_inside_a_function_says_it_is_lazy() -> None:
    unmarked = []
    for found in all_imports():
        if not found.in_function or found.type_only:
            continue
        lines = modules()[found.importer].read_text(encoding="utf-8").splitlines()
        around = lines[found.line - 2 : found.line]
        comments = [line.partition("#")[2] for line in around if "#" in line]
        if not any("lazy" in comment.lower() for comment in comments):
            names = f" ({', '.join(found.names)})" if found.names else ""
            unmarked.append(f"{found.importer}:{found.line} imports {found.module}{names}")
    assert not unmarked, "function-level imports without a 'lazy' comment: " + ", ".join(unmarked)


def test_no_private_name_crosses_a_package() -> None:
    crossing = []
    for found in all_imports():
        if not (found.module == "threadkit" or found.module.startswith("threadkit.")):
            continue
        for name in found.names:
            if not name.startswith("_") or name.startswith("__"):
                continue
            if package_of(found.importer) != package_of(found.module):
                crossing.append(f"{found.importer}:{found.line} imports {found.module}.{name}")
    assert not crossing, "private names imported across packages: " + ", ".join(crossing)


def test_the_package_rule_tells_packages_apart() -> None:
    assert package_of("threadkit") == "threadkit"
    assert package_of("threadkit._model") == "threadkit"
    assert package_of("threadkit.formats") == "threadkit.formats"
    assert package_of("threadkit.formats._jsondoc") == "threadkit.formats"
    assert package_of("threadkit.formats.json") == "threadkit.formats.json"
    assert package_of("threadkit.formats.json._checked") == "threadkit.formats.json"
