"""The public surface: what ``threadkit`` exports and how it is documented."""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys

import threadkit
import threadkit.errors


def test_all_is_sorted_and_complete() -> None:
    assert list(threadkit.__all__) == sorted(threadkit.__all__)
    for name in threadkit.__all__:  # some load on first use
        getattr(threadkit, name)
    public = {
        name
        for name, value in vars(threadkit).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert public == set(threadkit.__all__)


def test_every_public_name_has_a_docstring() -> None:
    for name in threadkit.__all__:
        value = getattr(threadkit, name)
        if callable(value) or inspect.isclass(value):
            assert inspect.getdoc(value), name


def test_errors_share_one_root_and_builtin_bases() -> None:
    assert issubclass(threadkit.ParseError, threadkit.ThreadkitError)
    assert issubclass(threadkit.ParseError, ValueError)
    assert issubclass(threadkit.ValidationError, ValueError)
    assert issubclass(threadkit.UnrepresentableError, ValueError)
    assert issubclass(threadkit.UnknownFormatError, LookupError)
    assert issubclass(threadkit.ReadOnlyFormatError, threadkit.UnknownFormatError)
    assert issubclass(threadkit.RebuildError, ValueError)
    assert issubclass(threadkit.CommentNotFoundError, LookupError)
    for name in threadkit.__all__:
        value = getattr(threadkit, name)
        if inspect.isclass(value) and issubclass(value, Exception):
            assert issubclass(value, threadkit.ThreadkitError), name


def test_import_leaves_lxml_and_the_importers_for_later() -> None:
    code = (
        "import sys, threadkit; "
        "print(sorted(m for m in ('lxml', 'threadkit.importers', 'threadkit.tree') "
        "if m in sys.modules)); "
        "threadkit.Visit, threadkit.ImportReport; "
        "print(threadkit.Visit.__module__, threadkit.ImportReport.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "threadkit._forest threadkit.importers._report"]


def test_version_is_the_installed_distribution_version() -> None:
    from importlib.metadata import version

    assert threadkit.__version__ == version("threadkit")


def test_every_error_survives_pickling_with_its_details() -> None:
    # Worker processes (``threadkit convert --jobs``) send errors back pickled.
    errors: list[threadkit.ThreadkitError] = [
        threadkit.ValidationError("Comment.published", "must be timezone-aware"),
        threadkit.ParseError("unexpected bullet", format="text", line=3, column=5),
        threadkit.LimitError("max_comments", 10, "more comments", format="json", path="$.c"),
        threadkit.errors.RebuildError("comment 'b' has no parent", problem="orphan", keys=("b",)),
        threadkit.UnrepresentableError("too deep for json"),
        threadkit.UnknownFormatError("no format named 'doc'"),
        threadkit.ReadOnlyFormatError("reddit is read-only"),
        threadkit.errors.CommentNotFoundError("not in this thread"),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert vars(copy) == vars(error)


def test_strategies_without_hypothesis_say_what_to_install() -> None:
    # A None in sys.modules makes `import hypothesis` fail as if it were not
    # installed; a fresh process keeps that from leaking into other tests.
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import threadkit.strategies\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "threadkit.strategies needs Hypothesis: pip install hypothesis"
