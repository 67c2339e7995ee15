"""``threadkit convert``: the plan from inputs to outputs, numbered outputs, the batch.

Every output is checked before anything is written (never an input, never
a directory, never an existing file without ``--force``); a source holding
several articles gives numbered files, all of them or none; many inputs go
through :mod:`threadkit.cli._workers`.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import shutil
import signal
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from threadkit._io import atomic_write, temporary_prefix, written_in_place
from threadkit.cli._common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_SIGNAL,
    PROG,
    STDIO,
    Failure,
    Usage,
    complain,
    counted,
    gather_inputs,
    guarded,
    printable,
    reading,
    reason,
    write_document,
    write_human,
)
from threadkit.cli._workers import (
    Outcome,
    Progress,
    Task,
    in_workers,
    interruptible,
    stop_if_asked,
    whole_write,
)
from threadkit.errors import ThreadkitError
from threadkit.formats import Format
from threadkit.model import Article

__all__ = ["run"]


class Settings(NamedTuple):
    """What every conversion of one ``convert`` run shares, sent once to each worker."""

    source_format: Format | None
    target: Format
    force: bool
    inputs: dict[tuple[int, int], str]
    """The device and inode of every input, which no output may replace, to its name."""
    planned: dict[str, str]
    """Each planned output, normalised, and the input it comes from."""
    options: dict[str, Any]
    """The options of the writer: ``--fragment``, ``--lang``, ``--max-nesting`` for html."""


def _plan(args: argparse.Namespace) -> tuple[list[Task], bool]:
    """Pair every input with its output, and say whether the output is a directory."""
    inputs, several = gather_inputs(args.inputs, args.files_from)
    output: str | None = args.output
    target: Format = args.to
    if output is None or output == STDIO:
        if several:
            raise Usage("several inputs need -o DIRECTORY")
        return [Task(0, inputs[0], None)], False
    into_directory = several or os.path.isdir(output) or output.endswith(("/", os.sep))
    if not into_directory:
        return [Task(0, inputs[0], output)], False
    if STDIO in inputs:
        raise Usage("standard input ('-') has no name to keep in a directory; give -o FILE")
    if os.path.exists(output) and not os.path.isdir(output):
        raise Failure(f"{output} is not a directory; several inputs need -o DIRECTORY")
    tasks: list[Task] = []
    taken: dict[str, str] = {}
    for index, source in enumerate(inputs):
        stem = os.path.splitext(os.path.basename(source))[0]
        destination = os.path.join(output, stem + target.suffixes[0])
        key = os.path.normcase(os.path.abspath(destination))
        if key in taken:
            raise Usage(f"{taken[key]} and {source} would both be written to {destination}")
        taken[key] = source
        tasks.append(Task(index, source, destination))
    return tasks, True


def _identities(tasks: Sequence[Task]) -> dict[tuple[int, int], str]:
    """The device and inode of each input that exists, to its name."""
    found: dict[tuple[int, int], str] = {}
    for task in tasks:
        if task.source == STDIO:
            continue
        try:
            status = os.stat(task.source)
        except OSError:
            continue  # reported when it is read
        found.setdefault((status.st_dev, status.st_ino), task.source)
    return found


class Refusal(NamedTuple):
    """Why an output must not be written; *exists* when only ``--force`` would allow it."""

    message: str
    exists: bool = False


def _refusal(destination: str, inputs: dict[tuple[int, int], str], force: bool) -> Refusal | None:
    """Why *destination* must not be written, or ``None`` when it may."""
    try:
        status = os.stat(destination)
    except OSError:
        status = None
    if status is not None and (status.st_dev, status.st_ino) in inputs:
        source = inputs[status.st_dev, status.st_ino]
        return Refusal(f"{destination} is the input {source}; threadkit never overwrites its input")
    if os.path.isdir(destination):
        return Refusal(f"{destination} is a directory")
    # A FIFO, a device or /dev/stdout is written into, not replaced: no --force.
    if os.path.lexists(destination) and not force and not written_in_place(destination):
        return Refusal(f"{destination} exists; use --force to replace it", exists=True)
    parent = os.path.dirname(destination)
    if parent and not os.path.isdir(parent):
        return Refusal(f"cannot write {destination}: directory {parent} does not exist")
    return None


class Existing(Exception):
    """Outputs of a task that exist already, left alone without ``--force``."""

    def __init__(self, message: str, outputs: tuple[str, ...]) -> None:
        super().__init__(message)
        self.outputs = outputs


def _numbered(destination: str, number: int) -> str:
    """The name of article *number* of a source that holds several: ``name-N.suffix``."""
    stem, suffix = os.path.splitext(destination)
    return f"{stem}-{number}{suffix}"


def _dump(name: str, article: Article, fmt: Format, options: dict[str, Any]) -> str:
    try:
        text: str = guarded(lambda: fmt.write(article, **options))
    except ThreadkitError as error:
        raise Failure(f"{name}: cannot write it as {fmt.name}: {error}") from None
    return text


def _write_file(path: str, text: str) -> None:
    try:
        with whole_write():
            atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise Failure(f"cannot write {path}: {reason(error)}") from None


def _convert_to_stdout(task: Task, settings: Settings) -> None:
    with reading(task.source, settings.source_format) as opened:
        first = next(opened.articles, None)
        if first is None:
            raise Failure(f"{opened.name} holds no article; nothing was written")
        if next(opened.articles, None) is not None:
            raise Failure(
                f"{opened.name} holds several articles; "
                "give -o DIRECTORY to write one file per article"
            )
        text = _dump(opened.name, first, settings.target, settings.options)
    write_document(text)


def _convert_to_files(task: Task, settings: Settings) -> tuple[str, ...]:
    """Convert *task* into its file, or into numbered files when it holds several articles.

    The outputs are checked once the number of articles is known, so that
    the plain name of a source holding several is never in the way of the
    numbered names it is written to. Raises :class:`Existing` when an output
    exists and ``--force`` was not given.
    """
    assert task.destination is not None
    with reading(task.source, settings.source_format) as opened:
        first = next(opened.articles, None)
        if first is None:
            raise Failure(f"{opened.name} holds no article; nothing was written")
        second = next(opened.articles, None)
        if second is None:
            problem = _refusal(task.destination, settings.inputs, settings.force)
            if problem is not None and problem.exists:
                raise Existing(problem.message, (task.destination,))
            if problem is not None:
                raise Failure(problem.message)
            text = _dump(opened.name, first, settings.target, settings.options)
            _write_file(task.destination, text)
            return (task.destination,)
        articles = itertools.chain((first, second), opened.articles)
        return _write_numbered(opened.name, articles, task.destination, settings)


def _write_numbered(
    name: str, articles: Iterator[Article], destination: str, settings: Settings
) -> tuple[str, ...]:
    """Write each article to its numbered file: all of them, or none when one fails.

    Each is written atomically into a hidden folder beside the outputs, and
    they are moved into place only once every article has been read,
    converted and written.
    """
    import tempfile  # lazy: only sources of several articles need it; it is slow to import

    parent = os.path.dirname(destination) or "."
    try:
        with whole_write():
            staging = tempfile.mkdtemp(
                dir=parent, prefix=temporary_prefix(destination), suffix=".tmp"
            )
    except OSError as error:
        raise Failure(f"cannot write {destination}: {reason(error)}") from None
    staged: list[tuple[str, str]] = []
    try:
        for number, article in enumerate(articles, 1):
            output = _numbered(destination, number)
            owner = settings.planned.get(os.path.normcase(os.path.abspath(output)))
            if owner is not None:
                raise Failure(
                    f"{name} holds several articles, and its article {number} would be "
                    f"written to {output}, the output of {owner}; convert them apart"
                )
            problem = _refusal(output, settings.inputs, settings.force)
            if problem is not None and problem.exists:
                raise Existing(f"{name} holds several articles: {problem.message}", (output,))
            if problem is not None:
                raise Failure(f"{name} holds several articles: {problem.message}")
            text = _dump(f"{name} (article {number})", article, settings.target, settings.options)
            temporary = os.path.join(staging, os.path.basename(output))
            try:
                with whole_write():
                    atomic_write(temporary, text.encode("utf-8"))
            except OSError as error:
                raise Failure(f"cannot write {output}: {reason(error)}") from None
            staged.append((temporary, output))
        with whole_write():
            for temporary, output in staged:
                try:
                    os.replace(temporary, output)
                except OSError as error:
                    raise Failure(f"cannot write {output}: {reason(error)}") from None
    finally:
        with whole_write():
            shutil.rmtree(staging, ignore_errors=True)
    return tuple(output for _, output in staged)


def _run_task(task: Task, settings: Settings) -> Outcome:
    """Convert *task* into files, with a problem in its outcome rather than raised."""
    try:
        written = _convert_to_files(task, settings)
    except Failure as failure:
        return Outcome(task.position, (), str(failure))
    except Existing as existing:
        return Outcome(task.position, (), None, skipped=existing.outputs)
    return Outcome(task.position, written, None)


def _batch(tasks: Sequence[Task], settings: Settings, jobs: int, output: str, verbose: bool) -> int:
    """Convert many files into a directory: report failures at the end, then a summary."""
    outcomes: list[Outcome | None] = [None] * len(tasks)
    stderr = sys.stderr
    progress = (
        Progress(len(tasks), stderr)
        if stderr is not None and getattr(stderr, "isatty", lambda: False)()
        else None
    )

    def record(outcome: Outcome) -> None:
        outcomes[outcome.position] = outcome
        if progress is not None:
            progress.advance(outcome.error is not None)

    interrupted = 0  # the signal that stopped the batch
    try:
        if jobs == 1 or len(tasks) == 1:
            for task in tasks:
                record(_run_task(task, settings))
                stop_if_asked()
        else:
            in_workers(tasks, functools.partial(_run_task, settings=settings), jobs, record)
    except KeyboardInterrupt as stop:
        interrupted = getattr(stop, "signum", signal.SIGINT)
    finally:
        if progress is not None:
            progress.clear()
    done = [o for o in outcomes if o is not None and not o.interrupted]
    failures = [o.error for o in done if o.error is not None]
    skipped = [o.skipped for o in done if o.skipped]
    for error in failures:
        complain(error)
    if verbose:
        for outputs in skipped:
            sys.stderr.write(f"{PROG}: kept {printable(outputs[0])}: it exists\n")
    converted = len(done) - len(failures) - len(skipped)
    articles = sum(len(o.written) for o in done)
    if interrupted:
        by = "" if interrupted == signal.SIGINT else f" by {signal.Signals(interrupted).name}"
        sys.stderr.write(
            f"{PROG}: interrupted{by} after converting {converted} of "
            f"{counted(len(tasks), 'file', 'files')}; no partial output was left\n"
        )
        return EXIT_SIGNAL + interrupted
    files = counted(len(tasks), "file", "files")
    summary = f"{converted} of {files}" if converted < len(tasks) else files
    into = printable(output)
    line = f"converted {summary} into {into} ({counted(articles, 'article', 'articles')})"
    if skipped:
        # One line for a rerun, however many outputs are already there.
        line += f"; {len(skipped)} skipped: {'its' if len(skipped) == 1 else 'their'} output "
        line += "exists (--force replaces it" + (")" if verbose else ", -v names each)")
    if failures:
        line += f"; {len(failures)} failed"
    write_human(line + "\n")
    return EXIT_FAILURE if failures or skipped else EXIT_OK


_HTML_OPTIONS = {"fragment": "--fragment", "lang": "--lang", "max_nesting": "--max-nesting"}


def _writer_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options of the writer the command line gives, refused for a format without them."""
    given = {
        name: getattr(args, name)
        for name in _HTML_OPTIONS
        if getattr(args, name, None) not in (None, False)
    }
    if given and args.to.name != "html":
        flags = ", ".join(_HTML_OPTIONS[name] for name in given)
        verb = "goes" if len(given) == 1 else "go"
        raise Usage(f"{flags} {verb} with --to html only")
    return given


def _make_directory(output: str) -> None:
    """Create the output directory *output*, with its parents, when it does not exist."""
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as error:
        raise Failure(f"cannot create the directory {output}: {reason(error)}") from None


def run(args: argparse.Namespace) -> int:
    """``threadkit convert``."""
    options = _writer_options(args)
    tasks, into_directory = _plan(args)
    inputs = _identities(tasks)
    if into_directory:
        _make_directory(args.output)
    settings = Settings(
        source_format=args.source_format,
        target=args.to,
        force=args.force,
        inputs=inputs,
        planned={
            os.path.normcase(os.path.abspath(task.destination)): task.source
            for task in tasks
            if task.destination is not None
        },
        options=options,
    )
    with interruptible():
        if into_directory:
            return _batch(tasks, settings, args.jobs, args.output, args.verbose)
        (task,) = tasks
        if task.destination is None:
            _convert_to_stdout(task, settings)
        else:
            try:
                _convert_to_files(task, settings)
            except Existing as existing:
                raise Failure(str(existing)) from None
            stop_if_asked()
    return EXIT_OK
