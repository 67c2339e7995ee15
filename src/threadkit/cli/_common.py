"""What every command shares: failures, exit statuses, sources, standard output, colour.

A problem with one file is a :class:`Failure`, printed as one line; the
wording of every message about reading a source is here, over the library's
own opener (:func:`threadkit._sources.open_articles`, the one
:func:`threadkit.load_all` uses).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import select
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, NamedTuple, TextIO, TypeVar

from threadkit._sources import open_articles
from threadkit.errors import ParseError, ThreadkitError, UnknownFormatError
from threadkit.formats import FORMATS, Format, get_format, nearest_format, registered
from threadkit.model import Article

__all__ = [
    "EXIT_FAILURE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_SIGNAL",
    "EXIT_USAGE",
    "PROG",
    "STDIO",
    "Failure",
    "Source",
    "Style",
    "Usage",
    "cannot_read",
    "complain",
    "counted",
    "display_name",
    "flush_stdout",
    "format_type",
    "gather_inputs",
    "guarded",
    "language_tag",
    "output_format_type",
    "positive",
    "printable",
    "read_stdin",
    "reading",
    "reason",
    "silence_stdout",
    "stdout",
    "wants_color",
    "write_document",
    "write_human",
    "writing_stdout",
]

PROG = "threadkit"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_SIGNAL = 128
"""Stopped by a signal: the status is this plus its number (130 for Ctrl-C, 143 for SIGTERM)."""

STDIO = "-"

_T = TypeVar("_T")


class Failure(Exception):
    """A problem with one file, reported as one line; the command exits 1.

    *detail* is the message without the file's name, for ``validate``, which
    puts the name first on every line.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = message if detail is None else detail


class Usage(Exception):
    """Arguments that argparse accepted but that do not make sense together (exit 2)."""


class Source(NamedTuple):
    """An input being read: its name for messages, its format and its articles."""

    name: str
    format: Format
    articles: Iterator[Article]


# -- reading ----------------------------------------------------------------------


def display_name(source: str) -> str:
    """How messages name *source*: escaped by :func:`printable`, ``<stdin>`` for ``-``."""
    return "<stdin>" if source == STDIO else printable(source)


# Controls (C0, DEL, C1), the Unicode line and paragraph separators, and lone
# surrogates: a file name may hold any of them, and printed as they are they
# would break a message into lines or make output that is not UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that is not UTF-8, as Python's file system encoding keeps it.
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """*text* with what would break a line or UTF-8 written as Python escapes.

    A newline becomes ``\\n``, another control ``\\xNN``, a byte of a file
    name that is not UTF-8 ``\\xNN`` too: so that one message is one line,
    and what the command line prints is valid UTF-8.
    """
    return _UNPRINTABLE.sub(_escape, text)


def reason(error: OSError) -> str:
    return error.strerror or str(error)


def cannot_read(name: str, error: OSError) -> Failure:
    why = reason(error)
    return Failure(f"cannot read {name}: {why}", detail=why)


def read_stdin() -> bytes:
    """All of standard input, as bytes."""
    stream = sys.stdin
    if stream is None:
        raise Failure("cannot read <stdin>: there is no standard input")
    buffer = getattr(stream, "buffer", None)
    try:
        data: str | bytes = buffer.read() if buffer is not None else stream.read()
    except OSError as error:
        raise cannot_read("<stdin>", error) from None
    return data.encode("utf-8") if isinstance(data, str) else data


def _stdin() -> IO[bytes]:
    buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else io.BytesIO(read_stdin())


@contextlib.contextmanager
def reading(
    source: str, fmt: Format | None, *, report: Callable[[Any], object] | None = None
) -> Iterator[Source]:
    """Open *source* and yield its articles, read one at a time as they are used.

    A file is streamed to its format, so that a large export need not fit in
    memory; standard input and pipes are read whole first, since a format is
    guessed from the start of the content and they cannot go back to it.
    Every problem comes out as a :class:`Failure` naming the input. *report*
    is given to the format's reader, which calls it with its report, if it
    makes one.
    """
    name = display_name(source)
    options: dict[str, Any] = {} if report is None else {"report": report}
    try:
        opened = guarded(
            lambda: open_articles(_stdin() if source == STDIO else source, fmt, **options)
        )
    except OSError as error:
        raise cannot_read(name, error) from None
    except UnknownFormatError as error:
        names = ", ".join(f.name for f in registered())
        seen = f" (it looks like {error.looks_like}, not a thread)" if error.looks_like else ""
        detail = (
            f"cannot tell its format from its name or content{seen}; "
            f"give --from FORMAT (one of {names})"
        )
        raise Failure(f"{name}: {detail}", detail=detail) from None
    except ThreadkitError as error:
        raise _failure(name, error) from None
    with contextlib.closing(opened.articles):
        yield Source(name, opened.format, _reported(name, opened.articles))


def _reported(name: str, articles: Iterator[Article]) -> Iterator[Article]:
    """*articles*, with a problem met while reading them turned into a :class:`Failure`."""
    while True:
        try:
            article = guarded(lambda: next(articles, None))
        except ThreadkitError as error:
            raise _failure(name, error) from None
        except OSError as error:
            raise cannot_read(name, error) from None
        if article is None:
            return
        yield article


# The library's advice names keyword arguments the command line does not
# have: what follows "; pass " is said again in the command line's terms.
_ADVICE = "; pass "
_OUR_ADVICE = (
    (
        "errors=",
        "the command line reads UTF-8, UTF-16 with a byte order mark and "
        "windows-1252: convert the file to UTF-8 first (iconv -f ENCODING -t UTF-8)",
    ),
    (
        "recover=",
        "the command line reads only well-formed XML; threadkit.load_all(..., "
        "recover=True) in Python reads what can be recovered",
    ),
    (
        "=None for no limit",
        "the command line keeps threadkit's default limits; "
        "threadkit.load(...) in Python takes larger ones",
    ),
)


def _failure(name: str, error: ThreadkitError) -> Failure:
    """The :class:`Failure` for *error* reading *name*, its advice in command-line terms."""
    if isinstance(error, ParseError) and _ADVICE in error.message:
        problem, advice = error.message.split(_ADVICE, 1)
        ours = next((text for key, text in _OUR_ADVICE if key in advice), None)
        error = ParseError(
            problem if ours is None else f"{problem}; {ours}",
            format=error.format,
            line=error.line,
            column=error.column,
            path=error.path,
            offset=error.offset,
        )
    return Failure(f"{name}: {error}", detail=str(error))


# The packages the registry's formats live in, whatever moves between them.
_FORMAT_PACKAGES = tuple(sorted({fmt.module.rpartition(".")[0] + "." for fmt in FORMATS}))


def guarded(call: Callable[[], _T]) -> _T:
    """*call*'s result, with a format whose module is missing turned into a :class:`Failure`."""
    # A format listed in the registry whose module is missing from this
    # installation is one clear error, not a traceback.
    try:
        return call()
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith(_FORMAT_PACKAGES):
            raise
        missing = error.name.rpartition(".")[2]
        raise Failure(f"format {missing!r} is not available in this installation") from None


# -- naming inputs ------------------------------------------------------------------


def _suffixes() -> frozenset[str]:
    return frozenset(suffix for fmt in registered() for suffix in fmt.suffixes)


def _files_in(directory: str) -> list[str]:
    """The files directly in *directory* whose suffix names a format, by name."""
    known = _suffixes()
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        raise cannot_read(directory, error) from None
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
            data = read_stdin()
        else:
            with open(list_file, "rb") as stream:
                data = stream.read()
    except OSError as error:
        raise cannot_read(display_name(list_file), error) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Failure(
            f"{display_name(list_file)}: file names must be UTF-8 "
            f"({error.reason} at byte offset {error.start})"
        ) from None
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _is_pattern(name: str) -> bool:
    return any(char in name for char in "*?[")


def gather_inputs(given: Sequence[str], files_from: str | None) -> tuple[list[str], bool]:
    """Every input a command names, and whether they are to be treated as several.

    On the command line, a directory stands for the files directly in it that
    threadkit reads, and a pattern (``*``, ``?``, ``[``) that names no file
    for the files it matches; either makes the inputs several, as do more
    than one name and a list file, whose lines are taken as they are. A file
    named twice is converted once.
    """
    names: list[tuple[str, bool]] = [(name, True) for name in given]
    if files_from is not None:
        listed = _listed(files_from)
        if not listed:
            raise Failure(f"{display_name(files_from)} names no input")
        names += [(name, False) for name in listed]
    if not names:
        raise Usage("give the files to read, or --files-from LIST")
    if files_from == STDIO and STDIO in given:
        raise Usage("standard input cannot be both the list of inputs and an input")
    inputs: list[str] = []
    seen: set[str] = set()
    several = len(names) > 1 or files_from is not None
    for name, expand in names:
        found = [name]
        if expand and name != STDIO and os.path.isdir(name):
            several = True
            found = _files_in(name)
            if not found:
                raise Failure(f"{printable(name)} holds no file with a suffix threadkit reads")
        elif expand and name != STDIO and not os.path.lexists(name) and _is_pattern(name):
            import glob  # lazy: only patterns need it

            several = True
            found = sorted(path for path in glob.glob(name, recursive=True) if os.path.isfile(path))
            if not found:
                raise Failure(f"no file matches {printable(name)}")
        for path in found:
            key = path if path == STDIO else os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                inputs.append(path)
    return inputs, several


# -- standard output and error ------------------------------------------------------


def stdout() -> TextIO:
    """``sys.stdout``, or a :class:`Failure` when there is none."""
    if sys.stdout is None:
        raise Failure("there is no standard output to write to")
    return sys.stdout


def write_document(text: str) -> None:
    """Write a converted document to standard output as UTF-8, whatever the locale."""
    stream = stdout()
    with writing_stdout():
        if getattr(stream, "buffer", None) is None:
            stream.write(text)
            stream.flush()
            return
        _write_bytes(stream, text.encode("utf-8"))


def write_human(text: str) -> None:
    """Write text for people, replacing what the terminal's encoding cannot show."""
    stream = stdout()
    with writing_stdout():
        encoding = getattr(stream, "encoding", None) or "ascii"
        if getattr(stream, "buffer", None) is not None:
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                data = text.encode(encoding, "replace")
            _write_bytes(stream, data)
            return
        try:
            stream.write(text)
        except UnicodeEncodeError:
            stream.write(text.encode(encoding, "replace").decode(encoding))


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """Write all of *data* to *stream*'s binary layer, or raise :class:`OSError`.

    A write may take only part of the bytes (a file grown to ``ulimit -f``,
    a full disk, a signal): what it returns is checked and the rest written
    again, so that a failure is an error and never a truncated document.
    """
    stream.flush()
    buffer = stream.buffer
    view = memoryview(data)
    while view:
        written: int | None = buffer.write(view)
        if written is None:  # a non-blocking stream that cannot take more yet
            select.select([], [buffer], [])
            continue
        if written <= 0:
            raise OSError(f"only {len(data) - len(view)} of {len(data)} bytes were written")
        view = view[written:]
    buffer.flush()


def flush_stdout() -> None:
    with writing_stdout():
        stdout().flush()


@contextlib.contextmanager
def writing_stdout() -> Iterator[None]:
    """Turn a failing standard output (a full disk, /dev/full) into one line."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        # What is still buffered would fail again, with a traceback, at exit.
        silence_stdout()
        raise Failure(f"cannot write to standard output: {reason(error)}") from None


def silence_stdout() -> None:
    """Send whatever standard output still buffers nowhere."""
    # The reader of a pipe went away: the interpreter must not complain about
    # what is left when it exits.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def complain(message: str) -> None:
    """Print *message* as one ``threadkit: error:`` line on standard error."""
    sys.stderr.write(f"{PROG}: error: {printable(message)}\n")
    sys.stderr.flush()


def counted(count: int, one: str, many: str) -> str:
    """*count* and the noun that goes with it: ``1 reply``, ``2 replies``."""
    return f"{count} {one if count == 1 else many}"


class Style:
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


def wants_color(choice: bool | None, stream: TextIO) -> bool:
    """Whether to colour: as *choice* says, else on a terminal unless NO_COLOR is set."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


# -- argument types, shared by the parser and the completion script ---------------------


def format_type(name: str) -> Format:
    """The format ``--from`` names."""
    try:
        return get_format(name)
    except UnknownFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def output_format_type(name: str) -> Format:
    """The format ``--to`` names, which threadkit must be able to write."""
    writable = ", ".join(fmt.name for fmt in registered() if fmt.writable)
    try:
        fmt = get_format(name)
    except UnknownFormatError:
        nearest = nearest_format(name, (fmt for fmt in registered() if fmt.writable))
        hint = f"; did you mean {nearest.name}?" if nearest is not None else ";"
        raise argparse.ArgumentTypeError(
            f"unknown format {name!r}{hint} threadkit writes: {writable}"
        ) from None
    if not fmt.writable:
        raise argparse.ArgumentTypeError(
            f"{fmt.name} is read-only (threadkit imports it but cannot write it); "
            f"threadkit writes: {writable}"
        )
    return fmt


# A BCP 47 language tag as the html writer takes it: letters, then subtags.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: str) -> str:
    """The language tag ``--lang`` names, such as ``en`` or ``de-AT``."""
    if not _LANGUAGE_TAG.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"--lang takes a language tag such as en or de-AT, not {value!r}"
        )
    return value


def positive(name: str, *, low: int = 1, high: int | None = None) -> Callable[[str], int]:
    """An argument type for option *name* that takes whole numbers from *low* to *high*."""

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number, not {value!r}"
            ) from None
        if high is not None and not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{name} must be from {low} to {high}, not {number}")
        if number < low:
            raise argparse.ArgumentTypeError(f"{name} must be at least {low}, not {number}")
        return number

    return convert
