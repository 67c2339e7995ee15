"""threadkit: news articles and their comment threads as one typed, immutable model.

Read and write them as plain text, JSON, JSON Lines or HTML::

    import threadkit

    article = threadkit.load("thread.txt")
    for comment in article.walk():
        ...
    threadkit.dump(article, "thread.html")
"""

from __future__ import annotations

import typing

from threadkit._forest import Visit
from threadkit.api import dump, dumps, load, load_all, loads, loads_all
from threadkit.errors import (
    CommentNotFoundError,
    FormatUnavailableError,
    LimitError,
    ParseError,
    ReadOnlyFormatError,
    RebuildError,
    ThreadkitError,
    UnknownFormatError,
    UnrepresentableError,
    ValidationError,
)
from threadkit.formats import FORMATS, Format, get_format, guess_format
from threadkit.model import Article, Author, Comment, CommentState, Extra

if typing.TYPE_CHECKING:
    # The submodules, for type checkers: __getattr__ loads them on first use.
    from threadkit import api as api
    from threadkit import cli as cli
    from threadkit import errors as errors
    from threadkit import formats as formats
    from threadkit import frames as frames
    from threadkit import importers as importers
    from threadkit import model as model
    from threadkit import pages as pages
    from threadkit import strategies as strategies
    from threadkit import tree as tree
    from threadkit._converter import configure_converter, converter
    from threadkit.importers._report import ImportReport, Repair, UnloadedReplies

# Names whose modules load on first use, so that ``import threadkit`` stays
# cheap: the importers' package and threadkit.tree wait until a report is wanted,
# cattrs until the converter is.
_LAZY = {
    "configure_converter": "threadkit._converter",
    "converter": "threadkit._converter",
    "ImportReport": "threadkit.importers._report",
    "Repair": "threadkit.importers._report",
    "UnloadedReplies": "threadkit.importers._report",
}

__all__ = [  # noqa: RUF022 - plain sorted(), as tests/test_api.py checks
    "Article",
    "Author",
    "Comment",
    "CommentNotFoundError",
    "CommentState",
    "Extra",
    "FORMATS",
    "Format",
    "FormatUnavailableError",
    "ImportReport",
    "LimitError",
    "ParseError",
    "ReadOnlyFormatError",
    "RebuildError",
    "Repair",
    "ThreadkitError",
    "UnknownFormatError",
    "UnloadedReplies",
    "UnrepresentableError",
    "ValidationError",
    "Visit",
    "configure_converter",
    "converter",
    "dump",
    "dumps",
    "get_format",
    "guess_format",
    "load",
    "load_all",
    "loads",
    "loads_all",
]


# Submodules a program may reach as attributes without importing them first
# (``threadkit.tree.walk`` after ``import threadkit``), as type checkers allow.
_SUBMODULES = frozenset(
    {
        "api",
        "cli",
        "errors",
        "formats",
        "frames",
        "importers",
        "model",
        "pages",
        "strategies",
        "tree",
    }
)


def __getattr__(name: str) -> typing.Any:
    module = _LAZY.get(name)
    if module is not None:
        import importlib  # lazy, as the modules it loads

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        import importlib  # lazy, as the modules it loads

        # Importing a submodule makes it an attribute of the package.
        return importlib.import_module(f"threadkit.{name}")
    if name == "__version__":
        from importlib.metadata import version  # lazy: slow to import, rarely asked for

        return version("threadkit")
    raise AttributeError(f"module 'threadkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
