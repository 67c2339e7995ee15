"""The ``threadkit`` command line.

Usage::

    threadkit convert IN... --to FORMAT [-o OUT] [--from FORMAT] [--force]
    threadkit show FILE [--depth N] [--width N] [--color | --no-color] [--from FORMAT]
    threadkit stats FILE... [--json] [--from FORMAT]
    threadkit validate FILE... [--from FORMAT]
    threadkit formats
    threadkit --version

``-`` names standard input (and, after ``-o``, standard output). A file's
format is taken from ``--from``, else guessed from its suffix, else from its
content.

Exit status:

=====  ==================================================================
0      success
1      a file could not be read, parsed, converted or written: one line
       ``threadkit: error: ...`` on standard error, no traceback, and no
       output file left half-written
2      usage error: an unknown option, a missing argument, a bad value
130    interrupted (Ctrl-C); any output file being written is removed
=====  ==================================================================

The entry point is :func:`main`, also run by ``python -m threadkit``.

.. versionadded:: 0.1
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, TextIO, TypeVar

from threadkit._io import atomic_write
from threadkit.errors import ThreadkitError, UnknownFormatError
from threadkit.formats import FORMATS, Format, get_format, guess_format
from threadkit.model import Article, Comment, CommentState

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


class _Loaded(NamedTuple):
    name: str
    article: Article
    format: Format


# -- reading and writing ----------------------------------------------------------


def _display_name(source: str) -> str:
    return "<stdin>" if source == STDIO else source


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _read_bytes(source: str) -> bytes:
    if source == STDIO:
        stream = sys.stdin
        if stream is None:
            raise _Failure("cannot read <stdin>: there is no standard input")
        buffer = getattr(stream, "buffer", None)
        try:
            data: str | bytes = buffer.read() if buffer is not None else stream.read()
        except OSError as error:
            reason = _reason(error)
            raise _Failure(f"cannot read <stdin>: {reason}", detail=reason) from None
        return data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(source, "rb") as stream_in:
            return stream_in.read()
    except OSError as error:
        reason = _reason(error)
        raise _Failure(f"cannot read {source}: {reason}", detail=reason) from None


def _load(source: str, fmt: Format | None) -> _Loaded:
    name = _display_name(source)
    data = _read_bytes(source)
    try:
        chosen = fmt
        if chosen is None:
            path = None if source == STDIO else source
            chosen = _guarded(lambda: guess_format(path, data))
        reader = chosen
        article: Article = _guarded(lambda: reader.read(data))
    except UnknownFormatError:
        names = ", ".join(f.name for f in FORMATS)
        detail = (
            f"cannot tell its format from its name or content; give --from FORMAT (one of {names})"
        )
        raise _Failure(f"{name}: {detail}", detail=detail) from None
    except ThreadkitError as error:
        raise _Failure(f"{name}: {error}", detail=str(error)) from None
    return _Loaded(name, article, chosen)


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


def _dump(loaded: _Loaded, fmt: Format) -> str:
    try:
        text: str = _guarded(lambda: fmt.write(loaded.article))
    except ThreadkitError as error:
        raise _Failure(f"{loaded.name}: cannot write it as {fmt.name}: {error}") from None
    return text


def _write_file(path: str, text: str) -> None:
    try:
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
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "replace").decode(encoding))


def _complain(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    sys.stderr.flush()


# -- convert ----------------------------------------------------------------------


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _plan_outputs(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """Pair every input with its output path (``None`` for standard output)."""
    inputs: list[str] = args.inputs
    output: str | None = args.output
    target: Format = args.to
    several = len(inputs) > 1
    if output is None or output == STDIO:
        if several:
            raise _Usage("several inputs need -o DIRECTORY")
        return [(inputs[0], None)]
    into_directory = several or os.path.isdir(output) or output.endswith(("/", os.sep))
    if not into_directory:
        return [(inputs[0], output)]
    if STDIO in inputs:
        raise _Usage("standard input ('-') has no name to keep in a directory; give -o FILE")
    if not os.path.isdir(output):
        if os.path.exists(output):
            raise _Failure(f"{output} is not a directory; several inputs need -o DIRECTORY")
        raise _Failure(f"output directory {output} does not exist")
    plan: list[tuple[str, str | None]] = []
    taken: dict[str, str] = {}
    for source in inputs:
        stem = os.path.splitext(os.path.basename(source))[0]
        destination = os.path.join(output, stem + target.suffixes[0])
        key = os.path.normcase(os.path.abspath(destination))
        if key in taken:
            raise _Usage(f"{taken[key]} and {source} would both be written to {destination}")
        taken[key] = source
        plan.append((source, destination))
    return plan


def _check_destination(destination: str, inputs: Sequence[str], force: bool) -> str | None:
    """Why *destination* must not be written, or ``None`` when it may."""
    for source in inputs:
        if source != STDIO and _same_file(source, destination):
            return f"{destination} is the input {source}; threadkit never overwrites its input"
    if os.path.isdir(destination):
        return f"{destination} is a directory"
    if os.path.lexists(destination) and not force:
        return f"{destination} exists; use --force to replace it"
    parent = os.path.dirname(destination)
    if parent and not os.path.isdir(parent):
        return f"cannot write {destination}: directory {parent} does not exist"
    return None


def _cmd_convert(args: argparse.Namespace) -> int:
    plan = _plan_outputs(args)
    problems = [
        problem
        for _, destination in plan
        if destination is not None
        and (problem := _check_destination(destination, args.inputs, args.force)) is not None
    ]
    if problems:
        for problem in problems:
            _complain(problem)
        return EXIT_FAILURE
    failed = 0
    for source, destination in plan:
        try:
            loaded = _load(source, args.source_format)
            text = _dump(loaded, args.to)
            if destination is None:
                _write_document(text)
            else:
                _write_file(destination, text)
        except _Failure as failure:
            _complain(str(failure))
            failed += 1
    return EXIT_FAILURE if failed else EXIT_OK


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
    loaded = _load(args.file, args.source_format)
    width: int = args.width or shutil.get_terminal_size().columns
    style = _Style(_wants_color(args.color, _stdout()))
    batch: list[str] = []
    for line in _show_lines(loaded.article, width=width, max_depth=args.depth, style=style):
        batch.append(line)
        if len(batch) >= 512:
            _write_human("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        _write_human("\n".join(batch) + "\n")
    _stdout().flush()
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
    """Metrics as rows, one column per file, aligned with spaces."""
    header = ["", *(str(result["file"]) for result in results)]
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
        try:
            loaded = _load(source, args.source_format)
        except _Failure as failure:
            _complain(str(failure))
            failed += 1
            continue
        results.append(
            {"file": loaded.name, "format": loaded.format.name, **_thread_stats(loaded.article)}
        )
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
            loaded = _load(source, args.source_format)
        except _Failure as failure:
            lines.append(f"{name}: error: {failure.detail}")
            failed += 1
            continue
        count = loaded.article.comment_count
        lines.append(f"{name}: ok ({loaded.format.name}, {_count(count, 'comment', 'comments')})")
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
  threadkit show thread.json --depth 2
  threadkit stats dumps/*.txt
  threadkit validate dumps/*.txt

exit status: 0 ok, 1 a file could not be read, parsed or written,
2 usage error, 130 interrupted.
Run 'threadkit COMMAND --help' for the options of a command."""

_CONVERT_EPILOG = """\
Formats are guessed from each input's suffix, then from its content,
unless --from names one. With one input and no -o (or -o -) the result
goes to standard output. With several inputs, -o names an existing
directory and each output keeps its input's name with the new format's
suffix. Existing files are kept unless --force; files are written
atomically and an input is never modified.

examples:
  threadkit convert story.txt --to html -o story.html
  threadkit convert story.txt --to json                 # to standard output
  threadkit convert - --from text --to json < story.txt > story.json
  threadkit convert dumps/*.txt --to json -o converted/
  threadkit convert dumps/*.txt --to html -o site/ --force"""

_SHOW_EPILOG = """\
Each comment shows its author, date, score, moderation state when it is
not visible, its number of replies and the first line of its text, cut to
the width. Colour is used on a terminal unless NO_COLOR is set.

examples:
  threadkit show story.txt
  threadkit show story.json --depth 2       # top level and first replies only
  threadkit show story.html --width 60 --no-color | less"""

_STATS_EPILOG = """\
Reports, for each file: comments, top-level comments, depth (levels of
replies), participants (distinct commenter names), mean direct replies per
comment, and the comment with the most direct replies.

examples:
  threadkit stats story.txt
  threadkit stats dumps/*.txt
  threadkit stats dumps/*.json --json | python -m json.tool"""

_VALIDATE_EPILOG = """\
Prints one line per file: 'FILE: ok (FORMAT, N comments)' or
'FILE: error: MESSAGE (where)'. Exits 0 when every file reads, else 1.

examples:
  threadkit validate story.txt
  threadkit validate dumps/*.txt dumps/*.json"""

_FORMATS_EPILOG = """\
examples:
  threadkit formats"""


def _build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    from threadkit import __version__

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
    convert.add_argument("inputs", nargs="+", metavar="IN", help="input file, or - for stdin")
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
        return handler(args)
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
