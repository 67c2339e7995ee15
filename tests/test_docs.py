"""Every code block in the documentation runs here, so the docs cannot rot.

The conventions, for everyone writing a page under ``docs/`` (``docs/**/*.md``):

``python``
    Runs. The blocks of a page run in the order of the page, in one
    namespace fresh for that page, in a new temporary working directory
    that holds a copy of the repository's ``examples/`` (so
    ``threadkit.load("examples/sample.txt")`` works). Files a block writes
    are there for the blocks after it. An exception fails the page.
``output``
    Right after a ``python`` block: exactly what that block prints.
    Trailing spaces and trailing blank lines do not count; a line holding
    only ``...`` stands for any number of lines.
``pycon``
    An interactive session (``>>>`` and ``...`` prompts), checked with
    :mod:`doctest` (``ELLIPSIS`` on) in the page's namespace and directory,
    in page order with the ``python`` blocks.
``console``
    A shell session in the page's directory. Each ``$ threadkit ...`` line
    (or ``$ python -m threadkit ...``) runs the real command with
    ``NO_COLOR=1`` and ``COLUMNS=80``; the lines up to the next ``$`` are
    what it prints (standard output, then standard error), compared as for
    ``output``. It must exit with status 0, unless the line ends with a
    comment ``# exit status N``. ``< FILE`` and ``> FILE`` work; pipes do not.
    Lines starting with ``$`` must run threadkit.
``sh``
    Commands shown for the reader to adapt, never run: each ``threadkit``
    line must be accepted by the command line's argument parser (so that a
    renamed command or option breaks the test, not the reader), after
    cutting it at the first ``|``, ``<``, ``>`` or ``;``. Any other line must
    start with one of :data:`SH_OTHER`.
``text``, ``json``, ``jsonl``, ``html``, ``xml``, ``css``, ``toml``, ``none``
    Shown, never run: grammar, file contents, sample output. Keep them few
    where a runnable block could say the same.
Directives (````{toctree}``, ````{eval-rst}``, ...)
    Not code. Those holding Markdown (``{note}``, ``{tip}``, ...) are
    searched for code blocks too. ``{eval-rst}`` must not hide code blocks.

Anything else, a fence without a language or an indented code block, fails:
say which kind a block is.

Besides, the API reference must name every public name, and the built
documentation must describe each of them and nothing private.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import importlib.util
import inspect
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin

import threadkit.formats
from threadkit.formats import FORMATS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(path for path in DOCS.rglob("*.md") if "_build" not in path.relative_to(DOCS).parts)

RUN = {"python", "output", "pycon", "console", "sh"}
SHOWN = {"text", "json", "jsonl", "html", "xml", "css", "toml", "none"}
# Directives whose content is Markdown, and so may hold code blocks of its own.
MARKDOWN_DIRECTIVES = {
    "admonition",
    "attention",
    "caution",
    "danger",
    "dropdown",
    "error",
    "hint",
    "important",
    "note",
    "seealso",
    "tip",
    "topic",
    "warning",
}
# Lines of ``sh`` blocks that are not threadkit commands: set-up, never run here.
SH_OTHER = (
    "pip install ",
    "sh scripts/",
    ".venv/bin/python -m pytest",
    ".venv/bin/python bench/",
    "python -m pip install ",
)

_markdown = MarkdownIt("commonmark").use(colon_fence_plugin).use(deflist_plugin)


@dataclass(frozen=True)
class Block:
    """One code block of a page."""

    page: Path
    line: int  # 1-based line of the opening fence
    language: str
    code: str

    @property
    def where(self) -> str:
        return f"{_shown(self.page)}:{self.line}"


def _shown(page: Path) -> str:
    return str(page.relative_to(ROOT)) if page.is_relative_to(ROOT) else str(page)


def _directive(info: str) -> tuple[str | None, str]:
    """``("code-block", "python")`` for ``{code-block} python``; ``(None, lang)`` otherwise."""
    info = info.strip()
    match = re.fullmatch(r"\{([\w-]+)\}\s*(.*)", info)
    if match:
        return match.group(1), match.group(2).strip()
    return None, info.split()[0] if info else ""


def _without_options(code: str) -> str:
    """A directive's content without its leading ``:option: value`` lines."""
    lines = code.split("\n")
    while lines and re.match(r"\s*:[\w-]+:", lines[0]):
        lines.pop(0)
    if lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def blocks(page: Path, text: str | None = None, offset: int = 0) -> Iterator[Block]:
    """The code blocks of *page*, in order, with their kind checked."""
    source = page.read_text(encoding="utf-8") if text is None else text
    tokens: list[Token] = _markdown.parse(source)
    for token in tokens:
        line = offset + (token.map[0] + 1 if token.map else 0)
        if token.type == "code_block":
            raise AssertionError(
                f"{_shown(page)}:{line}: an indented code block; "
                "use a fenced one and name its language"
            )
        if token.type not in ("fence", "colon_fence"):
            continue
        name, argument = _directive(token.info)
        if name is None:
            language = argument
            code = token.content
        elif name in ("code-block", "code", "sourcecode"):
            language = argument.split()[0] if argument else ""
            code = _without_options(token.content)
        else:
            if name in MARKDOWN_DIRECTIVES:
                yield from blocks(page, _without_options(token.content), line)
            if name == "eval-rst" and re.search(
                r"^\s*\.\. (code-block|code|sourcecode|doctest|testcode)::|::\s*$",
                token.content,
                re.MULTILINE,
            ):
                raise AssertionError(
                    f"{_shown(page)}:{line}: a code block inside {{eval-rst}} "
                    "is never run; write it as a fenced block"
                )
            continue
        if language not in RUN | SHOWN:
            raise AssertionError(
                f"{_shown(page)}:{line}: code block language {language!r}; "
                f"use one of {', '.join(sorted(RUN | SHOWN))} (see tests/test_docs.py)"
            )
        yield Block(page, line, language, code)


# -- comparing output -----------------------------------------------------------------


def _normalise(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: str, actual: str) -> bool:
    """Whether *actual* is *expected*, a line of ``...`` standing for any lines."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line == "..." else re.escape(line) + r"\n"
        for line in _normalise(expected)
    )
    return re.fullmatch(pattern, "".join(line + "\n" for line in _normalise(actual))) is not None


def _mismatch(block: Block, expected: str, actual: str) -> str:
    return (
        f"{block.where}: the output differs.\n--- the page shows:\n{expected.rstrip()}\n"
        f"--- the code printed:\n{actual.rstrip()}\n"
    )


# -- running each kind of block --------------------------------------------------------


def run_python(block: Block, namespace: dict[str, object]) -> str:
    # dont_inherit: a block runs as a script would, without this module's
    # ``from __future__ import annotations``.
    code = compile(block.code, f"{block.where} (python block)", "exec", dont_inherit=True)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        exec(code, namespace)
    return captured.getvalue()


def run_pycon(block: Block, namespace: dict[str, object]) -> None:
    test = doctest.DocTestParser().get_doctest(
        block.code, namespace, block.where, str(block.page), block.line
    )
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.write, clear_globs=False)
    namespace.update(test.globs)  # DocTest works on a copy: keep what the session defined.
    if runner.failures:
        raise AssertionError(f"{block.where}: the session differs.\n{report.getvalue()}")


_EXIT = re.compile(r"\s#\s*exit status (\d+)\s*$")


def _command_environment() -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("FORCE_COLOR", "CLICOLOR_FORCE")
    }
    environment.update(NO_COLOR="1", COLUMNS="80", TERM="dumb", PYTHONIOENCODING="utf-8")
    return environment


def _threadkit_arguments(words: list[str]) -> list[str] | None:
    """The arguments after ``threadkit`` or ``python -m threadkit``; ``None`` if neither."""
    if words[:1] == ["threadkit"]:
        return words[1:]
    if len(words) >= 3 and words[0] in ("python", "python3") and words[1:3] == ["-m", "threadkit"]:
        return words[3:]
    return None


def _sessions(code: str) -> Iterator[tuple[str, str]]:
    """``(command, expected output)`` for each ``$`` line of a console block."""
    command: str | None = None
    output: list[str] = []
    lines = iter(code.split("\n"))
    for line in lines:
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(output)
            command, output = line[2:], []
            while command.endswith("\\"):
                command = command[:-1] + next(lines, "")
        elif command is None:
            if line.strip():
                raise AssertionError(f"text before the first $ command: {line!r}")
        else:
            output.append(line)
    if command is not None:
        yield command, "\n".join(output)


def run_console(block: Block, directory: Path) -> None:
    for command, expected in _sessions(block.code):
        status = 0
        found = _EXIT.search(command)
        if found:
            status = int(found.group(1))
            command = command[: found.start()]
        words = shlex.split(command, comments=True)
        arguments = _threadkit_arguments(words)
        if arguments is None:
            raise AssertionError(
                f"{block.where}: console blocks run threadkit only, not {command!r}"
            )
        stdin: int | io.BufferedReader = subprocess.DEVNULL
        stdout_path: Path | None = None
        argv: list[str] = []
        items = iter(arguments)
        for word in items:
            if word in ("|", ";", "&&", "||", ">>"):
                raise AssertionError(f"{block.where}: {word!r} is not supported in {command!r}")
            if word == "<":
                stdin = (directory / next(items)).open("rb")
            elif word == ">":
                stdout_path = directory / next(items)
            else:
                argv.append(word)
        with contextlib.ExitStack() as stack:
            if not isinstance(stdin, int):
                stack.enter_context(stdin)
            result = subprocess.run(
                [sys.executable, "-m", "threadkit", *argv],
                cwd=directory,
                stdin=stdin,
                capture_output=True,
                env=_command_environment(),
                timeout=120,
                check=False,
            )
        stdout = result.stdout.decode("utf-8")
        stderr = result.stderr.decode("utf-8")
        if stdout_path is not None:
            stdout_path.write_text(stdout, encoding="utf-8", newline="")
            stdout = ""
        printed = stdout + stderr
        if result.returncode != status:
            raise AssertionError(
                f"{block.where}: `{command.strip()}` exited with status {result.returncode}, "
                f"expected {status}.\n{printed}"
            )
        if not matches(expected, printed):
            raise AssertionError(_mismatch(block, expected, printed))


def check_sh(block: Block) -> None:
    from threadkit import cli

    parser = cli.build_parser()[0]
    for raw in block.code.replace("\\\n", " ").split("\n"):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        words = []
        for word in shlex.split(raw, comments=True):
            if word in ("|", "<", ">", ">>", ";", "&&", "||") or word.startswith(("<", ">")):
                break
            words.append(word)
        arguments = _threadkit_arguments(words)
        if arguments is None:
            if raw.lstrip().startswith(SH_OTHER):
                continue
            raise AssertionError(
                f"{block.where}: {raw.strip()!r} is neither a threadkit command nor one of "
                f"{SH_OTHER}; use a console block to run it, or text to only show it"
            )
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            try:
                parser.parse_args(arguments)
            except SystemExit as exit_:
                if exit_.code not in (0, None):
                    raise AssertionError(
                        f"{block.where}: the command line refuses {raw.strip()!r}:\n"
                        f"{errors.getvalue()}"
                    ) from None


def run_page(page: Path, directory: Path) -> None:
    """Run every block of *page* in order, in *directory*."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    last: tuple[Block, str] | None = None
    for block in blocks(page):
        if block.language == "python":
            last = (block, run_python(block, namespace))
            continue
        if block.language == "output":
            if last is None:
                raise AssertionError(f"{block.where}: an output block must follow a python block")
            if not matches(block.code, last[1]):
                raise AssertionError(_mismatch(block, block.code, last[1]))
        elif block.language == "pycon":
            run_pycon(block, namespace)
        elif block.language == "console":
            run_console(block, directory)
        elif block.language == "sh":
            check_sh(block)
        last = None
    # Tests the page defines (as on the testing page) run as pytest would run them.
    for name, value in list(namespace.items()):
        if name.startswith("test_") and callable(value):
            value()


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_page_code_runs(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    # A page may put examples/ on the path and register a format: both end with it.
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(threadkit.formats, "_PLUGINS", dict(threadkit.formats._PLUGINS))
    run_page(page, tmp_path)


# -- type checking ---------------------------------------------------------------------


def typed_source(page: Path) -> tuple[str, list[int]]:
    """The ``python`` blocks and ``pycon`` sessions of *page* as one module.

    Returns the module's text and, for each of its lines, the page's line it
    comes from. The blocks of a page share one namespace, so they are
    checked as one module, in page order.
    """
    lines: list[str] = []
    origins: list[int] = []
    for block in blocks(page):
        if block.language == "python":
            for offset, line in enumerate(block.code.split("\n")):
                lines.append(line)
                origins.append(block.line + 1 + offset)
        elif block.language == "pycon":
            parser = doctest.DocTestParser()
            for example in parser.get_examples(block.code):
                for offset, line in enumerate(example.source.rstrip("\n").split("\n")):
                    lines.append(line)
                    origins.append(block.line + 1 + example.lineno + offset)
    return "\n".join(lines) + "\n", origins


def type_errors(pages: list[Path], directory: Path) -> list[str]:
    """What ``mypy --strict`` says of the code of *pages*, located on the pages."""
    # Without mypy (the runs against the runtime dependencies' edges install
    # the test tools only) there is nothing to say: skip, rather than pass.
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install mypy)")
    modules: dict[str, tuple[Path, list[int]]] = {}
    for page in pages:
        text, origins = typed_source(page)
        if not origins:
            continue
        where = page.relative_to(DOCS) if page.is_relative_to(DOCS) else Path(page.name)
        name = "page_" + re.sub(r"\W", "_", str(where.with_suffix("")))
        (directory / f"{name}.py").write_text(text, encoding="utf-8")
        modules[name] = (page, origins)
    if not modules:
        return []
    # In a process of its own: mypy changes the recursion limit and the
    # collector's thresholds of the process it runs in.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "--no-error-summary",
            "--hide-error-context",
            *(str(directory / f"{name}.py") for name in modules),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise AssertionError(f"mypy failed:\n{done.stdout}{done.stderr}")
    found = []
    for line in done.stdout.splitlines():
        match = re.match(r".*?(page_\w+)\.py:(\d+): (error: .*)", line)
        if match is None:
            continue
        page, origins = modules[match.group(1)]
        found.append(f"{_shown(page)}:{origins[int(match.group(2)) - 1]}: {match.group(3)}")
    return found


def test_every_page_type_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The examples directory holds modules the pages import (a plug-in format).
    monkeypatch.setenv("MYPYPATH", str(ROOT / "examples"))
    errors = type_errors(PAGES, tmp_path)
    assert not errors, "the docs' code does not type-check:\n" + "\n".join(errors)


def test_harness_reports_type_errors_where_they_are(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "Text.\n\n```python\nx: int = 1\n```\n\n```pycon\n>>> y: str = x\n```\n",
    )
    errors = type_errors([page], tmp_path)
    assert len(errors) == 1
    assert errors[0].startswith(f"{_shown(page)}:8: error: Incompatible types in assignment")


# -- the harness itself -----------------------------------------------------------------


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_harness_runs_blocks_in_order_and_compares_output(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "```python\nx = 2\nprint(x * 3)\n```\n\n```output\n6\n```\n\n```pycon\n>>> x + 1\n3\n```\n",
    )
    run_page(page, tmp_path)


def test_harness_keeps_names_across_sessions_and_blocks(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "```pycon\n>>> y = 5\n```\n\n```pycon\n>>> y\n5\n```\n\n"
        "```python\nprint(y + 1)\n```\n\n```output\n6\n```\n",
    )
    run_page(page, tmp_path)


def test_harness_calls_the_tests_a_page_defines(tmp_path: Path) -> None:
    page = _page(tmp_path, "```python\ndef test_it():\n    raise RuntimeError('called')\n```\n")
    with pytest.raises(RuntimeError, match="called"):
        run_page(page, tmp_path)


def test_harness_reports_wrong_output(tmp_path: Path) -> None:
    page = _page(tmp_path, "```python\nprint('a')\n```\n\n```output\nb\n```\n")
    with pytest.raises(AssertionError, match="the output differs"):
        run_page(page, tmp_path)


def test_harness_reports_a_failing_session(tmp_path: Path) -> None:
    page = _page(tmp_path, "```pycon\n>>> 1 + 1\n3\n```\n")
    with pytest.raises(AssertionError, match="the session differs"):
        run_page(page, tmp_path)


def test_harness_refuses_unnamed_and_unknown_blocks(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="language ''"):
        run_page(_page(tmp_path, "```\nx\n```\n"), tmp_path)
    with pytest.raises(AssertionError, match="language 'bash'"):
        run_page(_page(tmp_path, "```bash\nls\n```\n"), tmp_path)
    with pytest.raises(AssertionError, match="indented code block"):
        run_page(_page(tmp_path, "Text.\n\n    indented = True\n"), tmp_path)


def test_harness_finds_blocks_inside_notes(tmp_path: Path) -> None:
    page = _page(tmp_path, "```{note}\nSee:\n\n~~~python\nraise RuntimeError('ran')\n~~~\n```\n")
    with pytest.raises(RuntimeError, match="ran"):
        run_page(page, tmp_path)


def test_harness_checks_sh_command_lines(tmp_path: Path) -> None:
    good = "```sh\npip install threadkit\nthreadkit show a.json --depth 2 | less\n```\n"
    run_page(_page(tmp_path, good), tmp_path)
    with pytest.raises(AssertionError, match="refuses"):
        run_page(_page(tmp_path, "```sh\nthreadkit show a.json --deepness 2\n```\n"), tmp_path)
    with pytest.raises(AssertionError, match="neither a threadkit command"):
        run_page(_page(tmp_path, "```sh\nrm -rf build\n```\n"), tmp_path)


def test_harness_runs_console_sessions(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    good = (
        "```console\n"
        "$ threadkit convert examples/sample.txt --to json > sample.json\n"
        "$ threadkit validate sample.json\n"
        "sample.json: ok (json, 12 comments)\n"
        "1 valid, 0 invalid\n"
        "$ threadkit validate missing.txt  # exit status 1\n"
        "...\n"
        "```\n"
    )
    run_page(_page(tmp_path, good), tmp_path)
    wrong = "```console\n$ threadkit validate examples/sample.txt\nexamples/sample.txt: bad\n```\n"
    with pytest.raises(AssertionError, match="the output differs"):
        run_page(_page(tmp_path, wrong), tmp_path)
    failing = "```console\n$ threadkit validate missing.txt\n...\n```\n"
    with pytest.raises(AssertionError, match="exited with status 1, expected 0"):
        run_page(_page(tmp_path, failing), tmp_path)


def test_ellipsis_lines_match_any_lines() -> None:
    assert matches("a\n...\nd", "a\nb\nc\nd\n")
    assert matches("a\n...\nd", "a\nd")
    assert not matches("a\n...\nd", "a\nb\nc")
    assert matches("a  \n\n", "a")
    assert not matches("a", "a\nb")


# -- the API reference ------------------------------------------------------------------

PUBLIC_MODULES = (
    "threadkit",
    "threadkit.tree",
    "threadkit.frames",
    "threadkit.model",
    "threadkit.errors",
    "threadkit.formats",
    "threadkit.formats.options",
    "threadkit.formats.helpers",
    "threadkit.strategies",
    "threadkit.cli",
)
# The modules of the registered formats, the importers' among them: their
# public names are in the reference too.
FORMAT_MODULES = tuple(fmt.module for fmt in FORMATS)


def _public(module_name: str) -> list[tuple[str, object]]:
    module: ModuleType = importlib.import_module(module_name)
    return [(name, getattr(module, name)) for name in module.__all__]


def _documented_in_api_page() -> set[str]:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\.\. auto\w+:: ([\w.]+)", text, re.MULTILINE))


def _resolve(dotted: str) -> object:
    """The object a dotted name such as ``threadkit.tree.walk`` names; ``None`` if none."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            value = getattr(value, attribute, None)
        return value
    return None


def _undocumented(documented: set[str]) -> list[str]:
    """The public names that no name in *documented* stands for.

    A re-exported object counts as documented under any of its public names
    (``threadkit.FORMATS`` is ``threadkit.formats.FORMATS``).
    """
    seen = {(name.rsplit(".", 1)[-1], id(_resolve(name))) for name in documented}
    missing = []
    for module_name in PUBLIC_MODULES + FORMAT_MODULES:
        for name, value in _public(module_name):
            if f"{module_name}.{name}" not in documented and (name, id(value)) not in seen:
                missing.append(f"{module_name}.{name}")
    return missing


def test_api_page_names_every_public_name() -> None:
    missing = _undocumented(_documented_in_api_page())
    assert not missing, f"docs/api.md has no autodoc directive for {missing}"


def test_api_page_documents_nothing_private() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    private = [name for name in _documented_in_api_page() if "._" in name]
    assert not private
    assert ":private-members:" not in text
    assert ":undoc-members:" not in text
    assert ":special-members:" not in text


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_classes_and_functions_say_when_they_were_added(module_name: str) -> None:
    missing = [
        name
        for name, value in _public(module_name)
        if (inspect.isclass(value) or inspect.isfunction(value))
        and ".. versionadded::" not in (value.__doc__ or "")
    ]
    assert not missing, f"no '.. versionadded::' in the docstring of {missing}"


# -- the built documentation --------------------------------------------------------------


def _inventory(path: Path) -> dict[str, str]:
    """``{name: role}`` of the objects a Sphinx ``objects.inv`` lists as described.

    Entries of priority -1 are left out: they are the aliases autodoc records
    for where a re-exported object is defined (``threadkit.model.Article``
    for ``threadkit.Article``), so that references to those names resolve.
    No page shows them.
    """
    with path.open("rb") as stream:
        for _ in range(4):
            stream.readline()
        body = zlib.decompress(stream.read()).decode("utf-8")
    names = {}
    for line in body.splitlines():
        match = re.match(r"(\S+)\s+(\S+)\s+(-?\d+)\s", line)
        if match and match.group(3) != "-1":
            names[match.group(1)] = match.group(2)
    return names


@pytest.fixture(scope="module")
def built_inventory(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(DOCS), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return _inventory(out / "objects.inv")


def test_built_reference_describes_every_public_name(built_inventory: dict[str, str]) -> None:
    described = {name for name, role in built_inventory.items() if role.startswith("py:")}
    assert not _undocumented(described)


def test_built_reference_describes_nothing_private(built_inventory: dict[str, str]) -> None:
    private = [
        name
        for name, role in built_inventory.items()
        if role.startswith("py:") and any(part.startswith("_") for part in name.split("."))
    ]
    assert not private
