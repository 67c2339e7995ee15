"""The ``threadkit`` command line.

Usage::

    threadkit convert IN... --to FORMAT [-o OUT] [--from FORMAT] [--force] [--jobs N]
                      [--files-from LIST]
    threadkit show FILE [--depth N] [--width N] [--color | --no-color] [--article N]
                   [--from FORMAT]
    threadkit stats FILE... [--json] [--from FORMAT]
    threadkit validate FILE... [--from FORMAT]
    threadkit formats
    threadkit completion bash
    threadkit --version

``-`` names standard input (and, after ``-o``, standard output). A file's
format is taken from ``--from``, else guessed from its suffix, else from its
content. ``convert`` also takes directories, patterns and list files, and
writes one output per article of a source that holds several.

Exit status:

=====  ==================================================================
0      success
1      a file could not be read, parsed, converted or written: one line
       ``threadkit: error: ...`` on standard error for each, no traceback,
       and no output file left half-written
2      usage error: an unknown option, a missing argument, a bad value
130    interrupted (Ctrl-C); any output file being written is removed
=====  ==================================================================

The entry point is :func:`main`, also run by ``python -m threadkit``.

.. versionadded:: 0.1
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import os
import queue
import shutil
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TextIO, TypeVar

from threadkit._io import atomic_write
from threadkit.errors import ThreadkitError, UnknownFormatError
from threadkit.formats import FORMATS, Format, get_format, guess_format
from threadkit.model import Article, Comment, CommentState

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Event

__all__ = ["main"]

PROG = "threadkit"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

STDIO = "-"

_T = TypeVar("_T")


class _Failure(Exception):
    """A problem with one file, reported as one line; the command exits 1.

    *detail* is the message without the file's name, for ``validate``, which
    puts the name first on every line.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = message if detail is None else detail


class _Usage(Exception):
    """Arguments that argparse accepted but that do not make sense together (exit 2)."""


class _Source(NamedTuple):
    """An input being read: its name for messages, its format and its articles."""

    name: str
    format: Format
    articles: Iterator[Article]


# -- reading and writing ----------------------------------------------------------


def _display_name(source: str) -> str:
    return "<stdin>" if source == STDIO else source


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _cannot_read(name: str, error: OSError) -> _Failure:
    reason = _reason(error)
    return _Failure(f"cannot read {name}: {reason}", detail=reason)


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise _Failure("cannot read <stdin>: there is no standard input")
    buffer = getattr(stream, "buffer", None)
    try:
        data: str | bytes = buffer.read() if buffer is not None else stream.read()
    except OSError as error:
        raise _cannot_read("<stdin>", error) from None
    return data.encode("utf-8") if isinstance(data, str) else data


@contextlib.contextmanager
def _reading(source: str, fmt: Format | None) -> Iterator[_Source]:
    """Open *source* and yield its articles, read one at a time as they are used.

    A file is streamed to its format, so that a large export need not fit in
    memory; standard input and pipes are read whole first, since a format is
    guessed from the start of the content and they cannot go back to it.
    Every problem comes out as a :class:`_Failure` naming the input.
    """
    name = _display_name(source)
    if source == STDIO:
        whole = _read_stdin()
        yield _open_articles(name, None, whole, whole, fmt)
        return
    try:
        stream = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        raise _cannot_read(name, error) from None
    with stream:
        try:
            head = stream.read(4096)
            data: bytes | IO[bytes]
            if stream.seekable():
                stream.seek(0)
                data = stream
            else:
                data = head + stream.read()
        except OSError as error:
            raise _cannot_read(name, error) from None
        yield _open_articles(name, source, head, data, fmt)


def _open_articles(
    name: str, path: str | None, head: bytes, data: bytes | IO[bytes], fmt: Format | None
) -> _Source:
    try:
        chosen = fmt if fmt is not None else _guarded(lambda: guess_format(path, head))
        reader = chosen
        articles: Iterator[Article] = _guarded(lambda: reader.read_all(data))
    except UnknownFormatError:
        names = ", ".join(f.name for f in FORMATS)
        detail = (
            f"cannot tell its format from its name or content; give --from FORMAT (one of {names})"
        )
        raise _Failure(f"{name}: {detail}", detail=detail) from None
    except ThreadkitError as error:
        raise _Failure(f"{name}: {error}", detail=str(error)) from None
    return _Source(name, chosen, _reported(name, articles))


def _reported(name: str, articles: Iterator[Article]) -> Iterator[Article]:
    """*articles*, with a problem met while reading them turned into a :class:`_Failure`."""
    while True:
        try:
            article = _guarded(lambda: next(articles, None))
        except ThreadkitError as error:
            raise _Failure(f"{name}: {error}", detail=str(error)) from None
        except OSError as error:
            raise _cannot_read(name, error) from None
        if article is None:
            return
        yield article


def _guarded(call: Callable[[], _T]) -> _T:
    # A format listed in the registry whose module is missing from this
    # installation is one clear error, not a traceback.
    try:
        return call()
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith("threadkit.formats."):
            raise
        missing = error.name.rpartition(".")[2]
        raise _Failure(f"format {missing!r} is not available in this installation") from None


def _load_one(source: str, fmt: Format | None, number: int | None) -> tuple[str, Article]:
    """The article numbered *number* (from 1) of *source*, or its only one when ``None``."""
    with _reading(source, fmt) as opened:
        found = 0
        chosen: Article | None = None
        for article in opened.articles:
            found += 1
            if number is None:
                if found == 2:
                    raise _Failure(
                        f"{opened.name} holds several articles; pick one with --article N"
                    )
                chosen = article
            elif found == number:
                return opened.name, article
        if chosen is not None:
            return opened.name, chosen
        if number is None or found == 0:
            raise _Failure(f"{opened.name} holds no article")
        held = _count(found, "article", "articles")
        raise _Failure(f"{opened.name} holds {held}; there is no article {number}")


def _dump(name: str, article: Article, fmt: Format) -> str:
    try:
        text: str = _guarded(lambda: fmt.write(article))
    except ThreadkitError as error:
        raise _Failure(f"{name}: cannot write it as {fmt.name}: {error}") from None
    return text


def _write_file(path: str, text: str) -> None:
    try:
        with _whole_write():
            atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise _Failure(f"cannot write {path}: {_reason(error)}") from None


def _stdout() -> TextIO:
    if sys.stdout is None:
        raise _Failure("there is no standard output to write to")
    return sys.stdout


def _write_document(text: str) -> None:
    """Write a converted document to standard output as UTF-8, whatever the locale."""
    stream = _stdout()
    buffer = getattr(stream, "buffer", None)
    with _writing_stdout():
        if buffer is None:
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _write_human(text: str) -> None:
    """Write text for people, replacing what the terminal's encoding cannot show."""
    stream = _stdout()
    with _writing_stdout():
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "ascii"
            stream.write(text.encode(encoding, "replace").decode(encoding))


def _flush_stdout() -> None:
    with _writing_stdout():
        _stdout().flush()


@contextlib.contextmanager
def _writing_stdout() -> Iterator[None]:
    """Turn a failing standard output (a full disk, /dev/full) into one line."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        # What is still buffered would fail again, with a traceback, at exit.
        _silence_stdout()
        raise _Failure(f"cannot write to standard output: {_reason(error)}") from None


def _complain(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    sys.stderr.flush()


# -- convert ----------------------------------------------------------------------


class _Task(NamedTuple):
    """One input of ``convert`` and where its output goes (``None``: standard output)."""

    position: int
    source: str
    destination: str | None


class _Settings(NamedTuple):
    """What every conversion of one ``convert`` run shares, sent once to each worker."""

    source_format: Format | None
    target: Format
    force: bool
    inputs: dict[tuple[int, int], str]
    """The device and inode of every input, which no output may replace, to its name."""
    planned: dict[str, str]
    """Each planned output, normalised, and the input it comes from."""


class _Outcome(NamedTuple):
    position: int
    written: tuple[str, ...]
    error: str | None
    interrupted: bool = False


def _suffixes() -> frozenset[str]:
    return frozenset(suffix for fmt in FORMATS for suffix in fmt.suffixes)


def _files_in(directory: str) -> list[str]:
    """The files directly in *directory* whose suffix names a format, by name."""
    known = _suffixes()
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        raise _cannot_read(directory, error) from None
    return [
        os.path.join(directory, entry.name)
        for entry in entries
        if not entry.name.startswith(".")
        and os.path.splitext(entry.name)[1].lower() in known
        and entry.is_file()
    ]


def _listed(list_file: str) -> list[str]:
    """The inputs named in *list_file*, one a line; blank lines are skipped."""
    try:
        if list_file == STDIO:
            data = _read_stdin()
        else:
            with open(list_file, "rb") as stream:
                data = stream.read()
    except OSError as error:
        raise _cannot_read(_display_name(list_file), error) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Failure(
            f"{_display_name(list_file)}: file names must be UTF-8 "
            f"({error.reason} at byte offset {error.start})"
        ) from None
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _is_pattern(name: str) -> bool:
    return any(char in name for char in "*?[")


def _gather_inputs(args: argparse.Namespace) -> tuple[list[str], bool]:
    """Every input of ``convert``, and whether they are to be treated as several.

    On the command line, a directory stands for the files directly in it that
    threadkit reads, and a pattern (``*``, ``?``, ``[``) that names no file
    for the files it matches; either makes the inputs several, as do more
    than one name and a list file, whose lines are taken as they are. A file
    named twice is converted once.
    """
    names: list[tuple[str, bool]] = [(name, True) for name in args.inputs]
    if args.files_from is not None:
        listed = _listed(args.files_from)
        if not listed:
            raise _Failure(f"{_display_name(args.files_from)} names no input")
        names += [(name, False) for name in listed]
    if not names:
        raise _Usage("give the files to convert, or --files-from LIST")
    if args.files_from == STDIO and STDIO in args.inputs:
        raise _Usage("standard input cannot be both the list of inputs and an input")
    inputs: list[str] = []
    seen: set[str] = set()
    several = len(names) > 1 or args.files_from is not None
    for name, expand in names:
        found = [name]
        if expand and name != STDIO and os.path.isdir(name):
            several = True
            found = _files_in(name)
            if not found:
                raise _Failure(f"{name} holds no file with a suffix threadkit reads")
        elif expand and name != STDIO and not os.path.lexists(name) and _is_pattern(name):
            import glob  # lazy: only patterns need it

            several = True
            found = sorted(path for path in glob.glob(name, recursive=True) if os.path.isfile(path))
            if not found:
                raise _Failure(f"no file matches {name}")
        for path in found:
            key = path if path == STDIO else os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                inputs.append(path)
    return inputs, several


def _plan(args: argparse.Namespace) -> tuple[list[_Task], bool]:
    """Pair every input with its output, and say whether the output is a directory."""
    inputs, several = _gather_inputs(args)
    output: str | None = args.output
    target: Format = args.to
    if output is None or output == STDIO:
        if several:
            raise _Usage("several inputs need -o DIRECTORY")
        return [_Task(0, inputs[0], None)], False
    into_directory = several or os.path.isdir(output) or output.endswith(("/", os.sep))
    if not into_directory:
        return [_Task(0, inputs[0], output)], False
    if STDIO in inputs:
        raise _Usage("standard input ('-') has no name to keep in a directory; give -o FILE")
    if not os.path.isdir(output):
        if os.path.exists(output):
            raise _Failure(f"{output} is not a directory; several inputs need -o DIRECTORY")
        raise _Failure(f"output directory {output} does not exist")
    tasks: list[_Task] = []
    taken: dict[str, str] = {}
    for index, source in enumerate(inputs):
        stem = os.path.splitext(os.path.basename(source))[0]
        destination = os.path.join(output, stem + target.suffixes[0])
        key = os.path.normcase(os.path.abspath(destination))
        if key in taken:
            raise _Usage(f"{taken[key]} and {source} would both be written to {destination}")
        taken[key] = source
        tasks.append(_Task(index, source, destination))
    return tasks, True


def _identities(tasks: Sequence[_Task]) -> dict[tuple[int, int], str]:
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


def _refusal(destination: str, inputs: dict[tuple[int, int], str], force: bool) -> str | None:
    """Why *destination* must not be written, or ``None`` when it may."""
    try:
        status = os.stat(destination)
    except OSError:
        status = None
    if status is not None and (status.st_dev, status.st_ino) in inputs:
        source = inputs[status.st_dev, status.st_ino]
        return f"{destination} is the input {source}; threadkit never overwrites its input"
    if os.path.isdir(destination):
        return f"{destination} is a directory"
    if os.path.lexists(destination) and not force:
        return f"{destination} exists; use --force to replace it"
    parent = os.path.dirname(destination)
    if parent and not os.path.isdir(parent):
        return f"cannot write {destination}: directory {parent} does not exist"
    return None


def _numbered(destination: str, number: int) -> str:
    """The name of article *number* of a source that holds several: ``name-N.suffix``."""
    stem, suffix = os.path.splitext(destination)
    return f"{stem}-{number}{suffix}"


def _convert_to_stdout(task: _Task, settings: _Settings) -> None:
    with _reading(task.source, settings.source_format) as opened:
        first = next(opened.articles, None)
        if first is None:
            raise _Failure(f"{opened.name} holds no article; nothing was written")
        if next(opened.articles, None) is not None:
            raise _Failure(
                f"{opened.name} holds several articles; "
                "give -o DIRECTORY to write one file per article"
            )
        text = _dump(opened.name, first, settings.target)
    _write_document(text)


def _convert_to_files(task: _Task, settings: _Settings) -> tuple[str, ...]:
    """Convert *task* into its file, or into numbered files when it holds several articles."""
    assert task.destination is not None
    with _reading(task.source, settings.source_format) as opened:
        first = next(opened.articles, None)
        if first is None:
            raise _Failure(f"{opened.name} holds no article; nothing was written")
        second = next(opened.articles, None)
        if second is None:
            _write_file(task.destination, _dump(opened.name, first, settings.target))
            return (task.destination,)
        articles = itertools.chain((first, second), opened.articles)
        return _write_numbered(opened.name, articles, task.destination, settings)


def _write_numbered(
    name: str, articles: Iterator[Article], destination: str, settings: _Settings
) -> tuple[str, ...]:
    """Write each article to its numbered file: all of them, or none when one fails.

    Each is written atomically into a hidden folder beside the outputs, and
    they are moved into place only once every article has been read,
    converted and written.
    """
    import tempfile  # lazy: only sources of several articles need it; it is slow to import

    parent = os.path.dirname(destination) or "."
    try:
        with _whole_write():
            staging = tempfile.mkdtemp(
                dir=parent, prefix=f".{os.path.basename(destination)}.", suffix=".tmp"
            )
    except OSError as error:
        raise _Failure(f"cannot write {destination}: {_reason(error)}") from None
    staged: list[tuple[str, str]] = []
    try:
        for number, article in enumerate(articles, 1):
            output = _numbered(destination, number)
            owner = settings.planned.get(os.path.normcase(os.path.abspath(output)))
            if owner is not None:
                raise _Failure(
                    f"{name} holds several articles, and its article {number} would be "
                    f"written to {output}, the output of {owner}; convert them apart"
                )
            problem = _refusal(output, settings.inputs, settings.force)
            if problem is not None:
                raise _Failure(f"{name} holds several articles: {problem}")
            text = _dump(f"{name} (article {number})", article, settings.target)
            temporary = os.path.join(staging, os.path.basename(output))
            try:
                with _whole_write():
                    atomic_write(temporary, text.encode("utf-8"))
            except OSError as error:
                raise _Failure(f"cannot write {output}: {_reason(error)}") from None
            staged.append((temporary, output))
        with _whole_write():
            for temporary, output in staged:
                try:
                    os.replace(temporary, output)
                except OSError as error:
                    raise _Failure(f"cannot write {output}: {_reason(error)}") from None
    finally:
        with _whole_write():
            shutil.rmtree(staging, ignore_errors=True)
    return tuple(output for _, output in staged)


def _run_task(task: _Task, settings: _Settings) -> _Outcome:
    try:
        written = _convert_to_files(task, settings)
    except _Failure as failure:
        return _Outcome(task.position, (), str(failure))
    return _Outcome(task.position, written, None)


class _Interrupts:
    """Where Ctrl-C stops ``convert``: anywhere but in the middle of writing a file.

    A file being written is finished (or, on an error, removed) first, and
    the conversion stops at the next file. In a worker process, Ctrl-C
    between two files is ignored: the main process stops the batch.
    """

    writing = False
    deferred = False
    idle = False


def _on_interrupt(signum: int, frame: object) -> None:
    if _Interrupts.writing:
        _Interrupts.deferred = True
    elif not _Interrupts.idle:
        raise KeyboardInterrupt


@contextlib.contextmanager
def _whole_write() -> Iterator[None]:
    _Interrupts.writing = True
    try:
        yield
    finally:
        _Interrupts.writing = False


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Handle Ctrl-C with :func:`_on_interrupt` unless it is ignored, as in a background job."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    _Interrupts.deferred = False
    previous = signal.signal(signal.SIGINT, _on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop_if_asked() -> None:
    """Stop after a file that Ctrl-C let finish."""
    if _Interrupts.deferred:
        raise KeyboardInterrupt


def _worker_run(task: _Task, settings: _Settings) -> _Outcome:
    try:
        _Interrupts.idle = False
        return _run_task(task, settings)
    except KeyboardInterrupt:
        return _Outcome(task.position, (), None, interrupted=True)
    finally:
        _Interrupts.idle = True


def _worker(
    tasks: Queue[list[_Task] | None],
    results: Queue[_Outcome],
    stop: Event,
    settings: _Settings,
) -> None:
    _Interrupts.idle = True
    _Interrupts.writing = _Interrupts.deferred = False
    signal.signal(signal.SIGINT, _on_interrupt)
    while (chunk := tasks.get()) is not None:
        for task in chunk:
            if not (stop.is_set() or _Interrupts.deferred):
                results.put(_worker_run(task, settings))


def _in_workers(
    tasks: Sequence[_Task], settings: _Settings, jobs: int, record: Callable[[_Outcome], None]
) -> None:
    """Convert *tasks* in *jobs* worker processes, calling *record* as each file is done."""
    import multiprocessing  # lazy: only batches with --jobs pay for it

    context = multiprocessing.get_context()
    queue_in: Queue[list[_Task] | None] = context.Queue()
    results: Queue[_Outcome] = context.Queue()
    stop = context.Event()
    workers = [
        context.Process(target=_worker, args=(queue_in, results, stop, settings), daemon=True)
        for _ in range(min(jobs, len(tasks)))
    ]
    # Ctrl-C waits until the workers are started, so that a worker that
    # inherits the handler never sees it before setting up its own.
    with _whole_write():
        for process in workers:
            process.start()
    # Chunks of a few files keep the queue traffic small; small enough that
    # the workers finish together.
    size = max(1, min(32, len(tasks) // (len(workers) * 8)))
    received = 0
    try:
        for start in range(0, len(tasks), size):
            queue_in.put(list(tasks[start : start + size]))
        for _ in workers:
            queue_in.put(None)
        _stop_if_asked()
        while received < len(tasks):
            try:
                outcome = results.get(timeout=0.5)
            except queue.Empty:
                dead = [p.exitcode for p in workers if p.exitcode not in (None, 0)]
                if dead:
                    stop.set()
                    raise _Failure(
                        f"a worker process stopped unexpectedly (exit status {dead[0]}); "
                        f"{len(tasks) - received} of {len(tasks)} files were not converted"
                    ) from None
                continue
            received += 1
            record(outcome)
    except KeyboardInterrupt:
        _stop_workers(workers, queue_in, results, stop, record)
        raise
    finally:
        queue_in.cancel_join_thread()
        for process in workers:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()


def _stop_workers(
    workers: Sequence[BaseProcess],
    queue_in: Queue[list[_Task] | None],
    results: Queue[_Outcome],
    stop: Event,
    record: Callable[[_Outcome], None],
) -> None:
    """Stop the workers after Ctrl-C, recording the files they still finished."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        stop.set()
        for process in workers:
            if process.pid is not None and process.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGINT)
        deadline = time.monotonic() + 30
        running = True
        while running and time.monotonic() < deadline:
            # A worker that has exited has sent everything it had: take
            # what is left once more before stopping.
            running = any(process.is_alive() for process in workers)
            with contextlib.suppress(queue.Empty):
                while True:
                    record(results.get(timeout=0.05))
    finally:
        signal.signal(signal.SIGINT, previous)


class _Progress:
    """A one-line progress bar on a terminal, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.failed = 0
        self.drawn = 0.0

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done == self.total:
            self.drawn = now
            self.draw()

    def draw(self) -> None:
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):
            columns = 80
        label = f" {self.done}/{self.total} files"
        if self.failed:
            label += f", {self.failed} failed"
        room = max(10, min(40, columns - len(label) - 3))
        filled = room * self.done // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (room - filled)}]{label}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


def _batch(tasks: Sequence[_Task], settings: _Settings, jobs: int, output: str) -> int:
    """Convert many files into a directory: report failures at the end, then a summary."""
    outcomes: list[_Outcome | None] = [None] * len(tasks)
    stderr = sys.stderr
    progress = (
        _Progress(len(tasks), stderr)
        if stderr is not None and getattr(stderr, "isatty", lambda: False)()
        else None
    )

    def record(outcome: _Outcome) -> None:
        outcomes[outcome.position] = outcome
        if progress is not None:
            progress.advance(outcome.error is not None)

    interrupted = False
    try:
        if jobs == 1 or len(tasks) == 1:
            for task in tasks:
                record(_run_task(task, settings))
                _stop_if_asked()
        else:
            _in_workers(tasks, settings, jobs, record)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if progress is not None:
            progress.clear()
    done = [o for o in outcomes if o is not None and not o.interrupted]
    failures = [o.error for o in done if o.error is not None]
    for error in failures:
        _complain(error)
    converted = len(done) - len(failures)
    articles = sum(len(o.written) for o in done)
    if interrupted:
        sys.stderr.write(
            f"{PROG}: interrupted after converting {converted} of "
            f"{_count(len(tasks), 'file', 'files')}; no partial output was left\n"
        )
        return EXIT_INTERRUPTED
    files = _count(len(tasks), "file", "files")
    summary = f"{converted} of {files}" if failures else files
    line = f"converted {summary} into {output} ({_count(articles, 'article', 'articles')})"
    if failures:
        line += f"; {len(failures)} failed"
    _write_human(line + "\n")
    return EXIT_FAILURE if failures else EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    tasks, into_directory = _plan(args)
    inputs = _identities(tasks)
    problems = [
        problem
        for task in tasks
        if task.destination is not None
        and (problem := _refusal(task.destination, inputs, args.force)) is not None
    ]
    if problems:
        for problem in problems:
            _complain(problem)
        return EXIT_FAILURE
    settings = _Settings(
        source_format=args.source_format,
        target=args.to,
        force=args.force,
        inputs=inputs,
        planned={
            os.path.normcase(os.path.abspath(task.destination)): task.source
            for task in tasks
            if task.destination is not None
        },
    )
    with _interruptible():
        if into_directory:
            return _batch(tasks, settings, args.jobs, args.output)
        (task,) = tasks
        if task.destination is None:
            _convert_to_stdout(task, settings)
        else:
            _convert_to_files(task, settings)
            _stop_if_asked()
    return EXIT_OK


# -- show -------------------------------------------------------------------------


class _Style:
    """ANSI styling that is a no-op when colour is off."""

    BOLD = "1"
    DIM = "2"
    AUTHOR = "1;36"
    WARN = "33"
    ALERT = "31"

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def paint(self, text: str, code: str | None) -> str:
        if not self.enabled or not code or not text:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"


def _wants_color(choice: bool | None, stream: TextIO) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


@functools.lru_cache(maxsize=4096)
def _cells(char: str) -> int:
    """How many terminal columns *char* takes."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _fit(text: str, room: int) -> tuple[int, int]:
    """How many characters of *text* fit in *room* columns, and how many columns they take."""
    if text.isascii():
        # Printable ASCII (the model refuses control characters): one column each.
        kept = min(len(text), room)
        return kept, kept
    used = 0
    for index, char in enumerate(text):
        cells = _cells(char)
        if used + cells > room:
            return index, used
        used += cells
    return len(text), used


Segment = tuple[str, str | None]
"""A piece of a line and its ANSI style code (``None`` for none)."""


def _compose(segments: Sequence[Segment], width: int, style: _Style) -> str:
    """Join *segments* into one line of at most *width* columns, ending in … when cut."""
    room = width
    for text, _ in segments:
        kept, used = _fit(text, room)
        if kept < len(text):
            break
        room -= used
    else:
        return _paint_runs(segments, style)
    room = width - 1  # one column for the ellipsis
    line: list[Segment] = []
    for text, code in segments:
        kept, used = _fit(text, room)
        if kept < len(text):
            # Cut inside this segment: no space before the ellipsis.
            line.append((text[:kept].rstrip(" ") or text[:kept], code))
            break
        line.append((text, code))
        room -= used
    return _paint_runs(line, style) + "…"


def _paint_runs(segments: Sequence[Segment], style: _Style) -> str:
    """Paint *segments*, one escape sequence for each run of the same style."""
    out: list[str] = []
    run: list[str] = []
    run_code: str | None = None
    for text, code in segments:
        if code != run_code and run:
            out.append(style.paint("".join(run), run_code))
            run = []
        run_code = code
        run.append(text)
    if run:
        out.append(style.paint("".join(run), run_code))
    return "".join(out)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _first_line(text: str) -> tuple[str, bool]:
    """The first non-blank line of *text*, cleaned for a terminal, and whether more follows."""
    rest = text
    while rest:
        line, _, rest = rest.partition("\n")
        if line.strip():
            cleaned = line.strip().replace("\t", " ").replace("\u2028", " ").replace("\u2029", " ")
            return cleaned, bool(rest.strip())
    return "", False


def _descendants(article: Article) -> dict[int, int]:
    """How many comments are below each comment (by ``id()``), in one pass."""
    below: dict[int, int] = {}
    for visit in article.visits("post"):
        below[id(visit.comment)] = sum(below[id(reply)] + 1 for reply in visit.comment.replies)
    return below


def _author_name(comment: Comment) -> str | None:
    return comment.author.name if comment.author is not None else None


def _show_lines(
    article: Article, *, width: int, max_depth: int | None, style: _Style
) -> Iterator[str]:
    """The lines ``threadkit show`` prints, one comment at a time."""
    below = _descendants(article)
    total = sum(below[id(comment)] + 1 for comment in article.comments)
    deepest = article.depth
    yield _compose([(article.title, _Style.BOLD)], width, style)
    meta: list[str] = []
    names = [author.name for author in article.authors if author.name]
    if names:
        meta.append("by " + ", ".join(names))
    if article.published is not None:
        meta.append(article.published.strftime("%Y-%m-%d"))
    meta.append(_count(total, "comment", "comments") if total else "no comments")
    if total:
        meta.append(f"{deepest} {'level' if deepest == 1 else 'levels'} deep")
    yield _compose([(" · ".join(meta), _Style.DIM)], width, style)
    if not total:
        return
    yield ""
    # Deep threads keep their indentation within half the width and show the
    # depth as a number past that.
    max_indent_levels = max(1, width // 4)
    hidden = 0
    for visit in article.visits():
        if max_depth is not None and visit.depth > max_depth:
            continue
        comment = visit.comment
        level = visit.depth - 1
        if level < max_indent_levels:
            indent = "  " * level
            marker = "• "
        else:
            indent = "  " * (max_indent_levels - 1)
            marker = f"[{visit.depth}] • "
        name = _author_name(comment)
        header: list[Segment] = [(indent, None), (marker, None)]
        if name is None:
            header.append(("(anonymous)", _Style.DIM))
        else:
            header.append((name, _Style.AUTHOR))
        details: list[Segment] = []
        if comment.published is not None:
            details.append((comment.published.strftime("%Y-%m-%d %H:%M"), _Style.DIM))
        if comment.score is not None:
            points = "point" if abs(comment.score) == 1 else "points"
            details.append((f"{comment.score} {points}", _Style.DIM))
        if comment.state is not CommentState.VISIBLE:
            alarm = _Style.WARN if comment.state is CommentState.PENDING else _Style.ALERT
            details.append((comment.state.value, alarm))
        replies = len(comment.replies)
        if replies:
            counted = _count(replies, "reply", "replies")
            all_below = below[id(comment)]
            if all_below > replies:
                counted += f" ({all_below} in all)"
            details.append((counted, _Style.DIM))
        for detail in details:
            header.append((" · ", _Style.DIM))
            header.append(detail)
        yield _compose(header, width, style)
        line, more = _first_line(comment.text)
        text_indent = indent + " " * len(marker)
        if line:
            yield _compose(
                [(text_indent, None), (line + (" …" if more else ""), None)], width, style
            )
        else:
            yield _compose([(text_indent, None), ("(no text)", _Style.DIM)], width, style)
        if max_depth is not None and visit.depth == max_depth and below[id(comment)]:
            cut = below[id(comment)]
            hidden += cut
            note = f"… {_count(cut, 'reply', 'replies')} hidden"
            yield _compose([(text_indent, None), (note, _Style.DIM)], width, style)
    if hidden:
        yield ""
        note = (
            f"{_count(hidden, 'reply', 'replies')} below depth {max_depth} hidden; "
            "raise --depth to see them"
        )
        yield _compose([(note, _Style.DIM)], width, style)


def _cmd_show(args: argparse.Namespace) -> int:
    _, article = _load_one(args.file, args.source_format, args.article)
    width: int = args.width or shutil.get_terminal_size().columns
    style = _Style(_wants_color(args.color, _stdout()))
    batch: list[str] = []
    for line in _show_lines(article, width=width, max_depth=args.depth, style=style):
        batch.append(line)
        if len(batch) >= 512:
            _write_human("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        _write_human("\n".join(batch) + "\n")
    _flush_stdout()
    return EXIT_OK


# -- stats ------------------------------------------------------------------------


def _thread_stats(article: Article) -> dict[str, Any]:
    """The numbers ``threadkit stats`` reports for *article*, JSON-ready.

    ``most_replied`` is the comment with the most direct replies (the first
    one in thread order on a tie), or ``None`` when no comment has a reply.
    ``replies_per_comment`` is the mean number of direct replies.

    .. versionadded:: 0.1
    """
    comments = 0
    deepest = 0
    names: set[str] = set()
    best: Comment | None = None
    for visit in article.visits():
        comments += 1
        deepest = max(deepest, visit.depth)
        comment = visit.comment
        name = _author_name(comment)
        if name is not None:
            names.add(name)
        if comment.replies and (best is None or len(comment.replies) > len(best.replies)):
            best = comment
    top_level = len(article.comments)
    most_replied: dict[str, Any] | None = None
    if best is not None:
        excerpt, _ = _first_line(best.text)
        most_replied = {
            "author": _author_name(best),
            "id": best.id,
            "replies": len(best.replies),
            "excerpt": excerpt[:60],
        }
    return {
        "title": article.title,
        "comments": comments,
        "top_level_comments": top_level,
        "depth": deepest,
        "participants": len(names),
        "replies_per_comment": (comments - top_level) / comments if comments else 0.0,
        "most_replied": most_replied,
    }


_STAT_ROWS: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("format", lambda s: str(s["format"])),
    ("comments", lambda s: str(s["comments"])),
    ("top-level comments", lambda s: str(s["top_level_comments"])),
    ("depth", lambda s: str(s["depth"])),
    ("participants", lambda s: str(s["participants"])),
    ("replies per comment", lambda s: f"{s['replies_per_comment']:.2f}"),
    ("most replied", lambda s: _describe_most_replied(s["most_replied"])),
)


def _describe_most_replied(best: dict[str, Any] | None) -> str:
    if best is None:
        return "-"
    who = best["author"] or "(anonymous)"
    return f"{who} ({_count(best['replies'], 'reply', 'replies')})"


def _stats_table(results: Sequence[dict[str, Any]], style: _Style) -> str:
    """Metrics as rows, one column per article, aligned with spaces.

    A column is headed by its file's name, followed by ``#N`` when the file
    holds several articles.
    """
    several = {result["file"] for result in results if result["article"] > 1}
    header = [
        "",
        *(
            f"{result['file']} #{result['article']}"
            if result["file"] in several
            else str(result["file"])
            for result in results
        ),
    ]
    rows = [[label, *(cell(result) for result in results)] for label, cell in _STAT_ROWS]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip()

    out = [style.paint(line(header), _Style.BOLD)]
    if style.enabled:
        out.append(style.paint("  ".join("─" * width for width in widths), _Style.DIM))
    out.extend(line(row) for row in rows)
    return "\n".join(out) + "\n"


def _cmd_stats(args: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    failed = 0
    for source in args.files:
        found: list[dict[str, Any]] = []
        try:
            with _reading(source, args.source_format) as opened:
                for number, article in enumerate(opened.articles, 1):
                    found.append(
                        {
                            "file": opened.name,
                            "article": number,
                            "format": opened.format.name,
                            **_thread_stats(article),
                        }
                    )
        except _Failure as failure:
            _complain(str(failure))
            failed += 1
            continue
        results += found
    if args.json:
        _write_human(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    elif results:
        style = _Style(_wants_color(None, _stdout()))
        _write_human(_stats_table(results, style))
    return EXIT_FAILURE if failed else EXIT_OK


# -- validate and formats ---------------------------------------------------------


def _cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    lines: list[str] = []
    for source in args.files:
        name = _display_name(source)
        try:
            with _reading(source, args.source_format) as opened:
                counts = [article.comment_count for article in opened.articles]
                format_name = opened.format.name
        except _Failure as failure:
            lines.append(f"{name}: error: {failure.detail}")
            failed += 1
            continue
        comments = _count(sum(counts), "comment", "comments")
        if len(counts) == 1:
            lines.append(f"{name}: ok ({format_name}, {comments})")
        else:
            articles = _count(len(counts), "article", "articles")
            lines.append(f"{name}: ok ({format_name}, {articles}, {comments})")
    _write_human("\n".join(lines) + "\n")
    return EXIT_FAILURE if failed else EXIT_OK


def _cmd_formats(args: argparse.Namespace) -> int:
    rows = [("name", "suffixes", "summary")]
    rows += [(fmt.name, " ".join(fmt.suffixes), fmt.summary) for fmt in FORMATS]
    name_width = max(len(row[0]) for row in rows)
    suffix_width = max(len(row[1]) for row in rows)
    style = _Style(_wants_color(None, _stdout()))
    lines = [
        f"{name.ljust(name_width)}  {suffixes.ljust(suffix_width)}  {summary}".rstrip()
        for name, suffixes, summary in rows
    ]
    lines[0] = style.paint(lines[0], _Style.BOLD)
    _write_human("\n".join(lines) + "\n")
    return EXIT_OK


# -- completion ---------------------------------------------------------------------

_BASH_COMPLETION = """\
# bash completion for threadkit, written by 'threadkit completion bash'
_threadkit() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local command=${COMP_WORDS[1]} words
    COMPREPLY=()
    case $prev in
%(values)s
    esac
    if [ "$COMP_CWORD" -eq 1 ]; then
        words='%(commands)s'
    elif [[ $cur == -* ]]; then
        case $command in
%(options)s
        esac
    else
        case $command in
%(words)s
            *) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        esac
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o filenames -F _threadkit threadkit
"""


def _bash_completion() -> str:
    """The bash script, taken from the parser so that it names every command and option."""
    _, parsers = _build_parser()
    by_reply: dict[str, set[str]] = {}
    options: list[str] = []
    words: list[str] = []
    for name, sub in parsers.items():
        flags: list[str] = []
        takes_files = False
        choices: list[str] = []
        for action in sub._actions:
            flags += action.option_strings
            if not action.option_strings:
                if action.choices is None:
                    takes_files = True
                else:
                    choices += [str(choice) for choice in action.choices]
            elif action.nargs != 0:
                # Formats are named; numbers are not guessed; anything else is a file.
                if action.type in (_format_type, _output_format_type):
                    writable_only = action.type is _output_format_type
                    names = " ".join(f.name for f in FORMATS if _writable(f) or not writable_only)
                    reply = f'COMPREPLY=($(compgen -W "{names}" -- "$cur")); return'
                elif action.metavar == "N":
                    reply = "return"
                else:
                    reply = 'COMPREPLY=($(compgen -f -- "$cur")); return'
                by_reply.setdefault(reply, set()).update(action.option_strings)
        options.append(f"            {name}) words='{' '.join(sorted(flags))}' ;;")
        if not takes_files:
            words.append(f"            {name}) words='{' '.join(choices)}' ;;")
    values = [f"        {'|'.join(sorted(flags))}) {reply} ;;" for reply, flags in by_reply.items()]
    return _BASH_COMPLETION % {
        "values": "\n".join(values),
        "commands": " ".join([*parsers, "--help", "--version"]),
        "options": "\n".join(options),
        "words": "\n".join(words),
    }


def _cmd_completion(args: argparse.Namespace) -> int:
    _write_human(_bash_completion())
    return EXIT_OK


# -- the parser -------------------------------------------------------------------


def _format_type(name: str) -> Format:
    try:
        return get_format(name)
    except UnknownFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _writable(fmt: Format) -> bool:
    return bool(getattr(fmt, "writable", True))


def _output_format_type(name: str) -> Format:
    writable = ", ".join(fmt.name for fmt in FORMATS if _writable(fmt))
    try:
        fmt = get_format(name)
    except UnknownFormatError:
        raise argparse.ArgumentTypeError(
            f"unknown format {name!r}; threadkit writes: {writable}"
        ) from None
    if not _writable(fmt):
        raise argparse.ArgumentTypeError(
            f"{fmt.name} is read-only (threadkit imports it but cannot write it); "
            f"threadkit writes: {writable}"
        )
    return fmt


def _positive(name: str) -> Callable[[str], int]:
    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number, not {value!r}"
            ) from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"{name} must be at least 1, not {number}")
        return number

    return convert


_FORMAT_NAMES = ", ".join(fmt.name for fmt in FORMATS)
_WRITABLE_NAMES = ", ".join(fmt.name for fmt in FORMATS if _writable(fmt))

_MAIN_EPILOG = """\
examples:
  threadkit convert thread.txt --to html -o thread.html
  threadkit convert - --from text --to json < thread.txt > thread.json
  threadkit convert dumps/ --to json -o converted/ --jobs 2
  threadkit show thread.json --depth 2
  threadkit stats dumps/*.txt
  threadkit validate dumps/*.txt

exit status: 0 ok, 1 a file could not be read, parsed or written,
2 usage error, 130 interrupted.
Run 'threadkit COMMAND --help' for the options of a command."""

_CONVERT_EPILOG = """\
Formats are guessed from each input's suffix, then from its content,
unless --from names one. With one input and no -o (or -o -) the result
goes to standard output. A directory stands for the files directly in
it whose suffix threadkit reads; a quoted pattern for the files it
matches (** goes into subdirectories). With several inputs, -o names an
existing directory and each output keeps its input's name with the new
format's suffix; a summary line follows, and a progress bar on a
terminal. A source holding several articles (a Disqus or WordPress
export) gives one file per article: export.xml becomes export-1.json,
export-2.json, ... A file that fails is reported at the end and the
others are still converted. Existing files are kept unless --force;
files are written atomically and an input is never modified.

examples:
  threadkit convert story.txt --to html -o story.html
  threadkit convert story.txt --to json                 # to standard output
  threadkit convert - --from text --to json < story.txt > story.json
  threadkit convert dumps/*.txt --to json -o converted/
  threadkit convert dumps/ --to html -o site/ --force --jobs 4
  threadkit convert 'dumps/**/*.xml' --to jsonl -o out/
  find dumps -name '*.txt' | threadkit convert --files-from - --to json -o out/

exit status: 0 every file converted, 1 a file failed (each one line on
standard error), 2 usage error, 130 interrupted (no partial file left)."""

_SHOW_EPILOG = """\
Each comment shows its author, date, score, moderation state when it is
not visible, its number of replies and the first line of its text, cut to
the width. Colour is used on a terminal unless NO_COLOR is set.

examples:
  threadkit show story.txt
  threadkit show story.json --depth 2       # top level and first replies only
  threadkit show story.html --width 60 --no-color | less
  threadkit show disqus-export.xml --article 3"""

_STATS_EPILOG = """\
Reports, for each article: comments, top-level comments, depth (levels of
replies), participants (distinct commenter names), mean direct replies per
comment, and the comment with the most direct replies. A file holding
several articles (an export) gives a column, or a JSON object, for each.

examples:
  threadkit stats story.txt
  threadkit stats dumps/*.txt
  threadkit stats dumps/*.json --json | python -m json.tool"""

_VALIDATE_EPILOG = """\
Prints one line per file: 'FILE: ok (FORMAT, N comments)' or
'FILE: error: MESSAGE (where)'; a file holding several articles reads
'FILE: ok (FORMAT, N articles, M comments)'. Every article is read.
Exits 0 when every file reads, else 1.

examples:
  threadkit validate story.txt
  threadkit validate dumps/*.txt dumps/*.json"""

_COMPLETION_EPILOG = """\
Load it in the shell's start-up file; zsh reads it after
'autoload -U +X bashcompinit && bashcompinit'.

examples:
  threadkit completion bash > ~/.local/share/bash-completion/completions/threadkit
  eval "$(threadkit completion bash)"     # in ~/.bashrc"""

_FORMATS_EPILOG = """\
examples:
  threadkit formats"""


def _build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    from threadkit import __version__  # lazy: reading it imports importlib.metadata

    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Convert, show, count and check news articles and their comment threads.",
        epilog=_MAIN_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parsers: dict[str, argparse.ArgumentParser] = {}

    def command(name: str, help: str, epilog: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help, description=help, epilog=epilog, formatter_class=formatter
        )
        parsers[name] = sub
        return sub

    def source_format(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--from",
            dest="source_format",
            type=_format_type,
            metavar="FORMAT",
            help=f"read the input as FORMAT ({_FORMAT_NAMES}) instead of guessing",
        )

    convert = command("convert", "convert articles from one format to another", _CONVERT_EPILOG)
    convert.add_argument(
        "inputs",
        nargs="*",
        metavar="IN",
        help="an input file, a directory, a quoted pattern such as 'dumps/**/*.xml', "
        "or - for stdin",
    )
    convert.add_argument(
        "--files-from",
        metavar="LIST",
        help="also convert the files named in LIST, one a line (- for stdin)",
    )
    convert.add_argument(
        "--to",
        required=True,
        type=_output_format_type,
        metavar="FORMAT",
        help=f"the format to write: {_WRITABLE_NAMES}",
    )
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, - for stdout, or a directory (required with several inputs)",
    )
    source_format(convert)
    convert.add_argument("--force", action="store_true", help="replace existing output files")
    convert.add_argument(
        "-j",
        "--jobs",
        type=_positive("--jobs"),
        default=1,
        metavar="N",
        help="convert N files at a time in N worker processes (default: 1)",
    )
    convert.set_defaults(handler=_cmd_convert)

    show = command("show", "show an article's comment thread as an indented tree", _SHOW_EPILOG)
    show.add_argument("file", metavar="FILE", help="the article, or - for stdin")
    show.add_argument(
        "--depth",
        type=_positive("--depth"),
        metavar="N",
        help="show comments down to depth N (1 = top level only) and count the rest",
    )
    show.add_argument(
        "--width",
        type=_positive("--width"),
        metavar="N",
        help="cut lines to N columns (default: the terminal's width)",
    )
    show.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="colour the output (default: only on a terminal, and not when NO_COLOR is set)",
    )
    show.add_argument(
        "--article",
        type=_positive("--article"),
        metavar="N",
        help="show the N-th article of a source that holds several (an export)",
    )
    source_format(show)
    show.set_defaults(handler=_cmd_show)

    stats = command("stats", "count comments, depth and participants", _STATS_EPILOG)
    stats.add_argument("files", nargs="+", metavar="FILE", help="articles, or - for stdin")
    stats.add_argument("--json", action="store_true", help="print a JSON array, for scripts")
    source_format(stats)
    stats.set_defaults(handler=_cmd_stats)

    validate = command("validate", "check that files read as articles", _VALIDATE_EPILOG)
    validate.add_argument("files", nargs="+", metavar="FILE", help="articles, or - for stdin")
    source_format(validate)
    validate.set_defaults(handler=_cmd_validate)

    formats = command("formats", "list the formats, their suffixes and summaries", _FORMATS_EPILOG)
    formats.set_defaults(handler=_cmd_formats)

    completion = command(
        "completion", "print a script that completes threadkit's arguments", _COMPLETION_EPILOG
    )
    completion.add_argument("shell", choices=["bash"], help="the shell: bash (zsh reads it too)")
    completion.set_defaults(handler=_cmd_completion)
    return parser, parsers


def _silence_stdout() -> None:
    # The reader of a pipe went away: send whatever is still buffered nowhere,
    # so that the interpreter does not complain about it on exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``threadkit`` command line with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 when a file could not be read,
    parsed, converted or written, 2 for a usage error, 130 when interrupted.

    .. versionadded:: 0.1
    """
    parser, parsers = _build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exit_:
        return _exit_code(exit_.code)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        status = handler(args)
        if sys.stdout is not None:
            _flush_stdout()
        return status
    except _Usage as usage:
        subparser = parsers[args.command]
        subparser.print_usage(sys.stderr)
        sys.stderr.write(f"{subparser.prog}: error: {usage}\n")
        return EXIT_USAGE
    except _Failure as failure:
        _complain(str(failure))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILURE


def _exit_code(code: object) -> int:
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_FAILURE
