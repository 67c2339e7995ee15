"""The ``threadkit`` command line.

Usage::

    threadkit convert IN... --to FORMAT [-o OUT] [--from FORMAT] [--force] [-v] [--jobs N]
                      [--files-from LIST] [--fragment] [--lang TAG] [--max-nesting N]
    threadkit show IN... [--depth N] [--width N] [--color | --no-color] [--article N]
                   [--from FORMAT] [--files-from LIST]
    threadkit stats IN... [--json] [--from FORMAT] [--files-from LIST]
    threadkit validate IN... [--from FORMAT] [--strict] [--files-from LIST]
    threadkit formats
    threadkit completion bash
    threadkit --version

Every command that reads takes files, directories, quoted patterns, list
files (``--files-from``) and ``-`` for standard input (after ``-o``, ``-``
is standard output). A file's format is taken from ``--from``, else guessed
from its suffix, else from its content. ``convert`` writes one output per
article of a source that holds several.

Exit status:

=====  ==================================================================
0      success
1      a file could not be read, parsed, converted or written: one line
       ``threadkit: error: ...`` on standard error for each, no traceback,
       and no output file left half-written
2      usage error: an unknown option, a missing argument, a bad value
130    interrupted (Ctrl-C); any output file being written is removed;
       128 + N for signal N that stops ``convert`` the same way: 143 for
       SIGTERM (timeout, systemd, docker stop), 129 for SIGHUP
=====  ==================================================================

The entry point is :func:`main`, also run by ``python -m threadkit``.

.. versionadded:: 0.1
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from threadkit.cli._common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_SIGNAL,
    EXIT_USAGE,
    PROG,
    Failure,
    Style,
    Usage,
    complain,
    counted,
    display_name,
    flush_stdout,
    format_type,
    gather_inputs,
    language_tag,
    output_format_type,
    positive,
    printable,
    reading,
    reason,
    silence_stdout,
    stdout,
    wants_color,
    write_human,
)
from threadkit.formats import registered

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]


# -- the commands ---------------------------------------------------------------------
#
# Each command's module is imported when that command runs, so that a
# command loads only what it uses: ``convert`` neither the terminal renderer
# nor the thread statistics. ``validate`` and ``formats`` are short enough to be here.


def _run_convert(args: argparse.Namespace) -> int:
    from threadkit.cli import _convert  # lazy: see above

    return _convert.run(args)


def _run_show(args: argparse.Namespace) -> int:
    from threadkit.cli import _show  # lazy: see above

    return _show.run(args)


def _run_stats(args: argparse.Namespace) -> int:
    from threadkit.cli import _stats  # lazy: see above

    return _stats.run(args)


def _run_validate(args: argparse.Namespace) -> int:
    """``threadkit validate``: every article of every file read, one line per file.

    Below a file's line come the warnings its reader's report gives (lines
    of a text dump read as text that look like syntax); ``--strict`` makes
    a file with warnings invalid. A summary line ends the output; the
    status is 1 when a file is invalid.
    """
    inputs, _ = gather_inputs(args.inputs, args.files_from)
    failed = 0
    lines: list[str] = []
    for source in inputs:
        name = display_name(source)
        reports: list[object] = []
        try:
            with reading(source, args.source_format, report=reports.append) as opened:
                counts = [article.comment_count for article in opened.articles]
                format_name = opened.format.name
        except Failure as failure:
            lines.append(f"{name}: error: {printable(failure.detail)}")
            failed += 1
            continue
        warnings = [warning for report in reports for warning in getattr(report, "warnings", ())]
        found = [counted(sum(counts), "comment", "comments")]
        if len(counts) != 1:
            found.insert(0, counted(len(counts), "article", "articles"))
        if warnings:
            found.append(counted(len(warnings), "warning", "warnings"))
        verdict = "ok"
        if warnings and args.strict:
            verdict = "invalid under --strict"
            failed += 1
        lines.append(f"{name}: {verdict} ({format_name}, {', '.join(found)})")
        lines += [f"{name}:{warning.line}: warning: {warning.message}" for warning in warnings]
    valid = len(inputs) - failed
    lines.append(f"{valid} valid, {failed} invalid")
    write_human("\n".join(lines) + "\n")
    return EXIT_FAILURE if failed else EXIT_OK


def _run_completion(args: argparse.Namespace) -> int:
    from threadkit.cli._completion import bash_completion  # lazy: see above

    _, parsers = build_parser()
    write_human(bash_completion(parsers))
    return EXIT_OK


def _run_formats(args: argparse.Namespace) -> int:
    """``threadkit formats``: the registry as a table."""
    rows = [("name", "suffixes", "summary")]
    rows += [(fmt.name, " ".join(fmt.suffixes), fmt.summary) for fmt in registered()]
    name_width = max(len(row[0]) for row in rows)
    suffix_width = max(len(row[1]) for row in rows)
    style = Style(wants_color(None, stdout()))
    lines = [
        f"{name.ljust(name_width)}  {suffixes.ljust(suffix_width)}  {summary}".rstrip()
        for name, suffixes, summary in rows
    ]
    lines[0] = style.paint(lines[0], Style.BOLD)
    write_human("\n".join(lines) + "\n")
    return EXIT_OK


# -- the parser ---------------------------------------------------------------------


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help whose lists of formats include the formats of one's own.

    The names are filled in when help is shown, not when the parser is built:
    reading the entry points would otherwise slow every command.
    """

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        if text is not None and "{" in text:
            formats = registered()
            text = text.format(
                readable=", ".join(fmt.name for fmt in formats),
                writable=", ".join(fmt.name for fmt in formats if fmt.writable),
            )
        return text


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
matches (** goes into subdirectories). With several inputs, -o names a
directory (created when missing) and each output keeps its input's name
with the new format's suffix; a summary line follows, and a progress bar
on a terminal. A source holding several articles (a Disqus or WordPress
export) gives one file per article: export.xml becomes export-1.json,
export-2.json, ... A file that fails is reported at the end and the
others are still converted. Existing files are kept unless --force, and
counted in the summary (-v names each); files are written atomically
and an input is never modified.

examples:
  threadkit convert story.txt --to html -o story.html
  threadkit convert story.txt --to json                 # to standard output
  threadkit convert - --from text --to json < story.txt > story.json
  threadkit convert dumps/*.txt --to json -o converted/
  threadkit convert dumps/ --to html -o site/ --force --jobs 4
  threadkit convert 'dumps/**/*.xml' --to jsonl -o out/
  threadkit convert story.txt --to html --fragment --lang de -o part.html
  find dumps -name '*.txt' | threadkit convert --files-from - --to json -o out/

exit status: 0 every file converted, 1 a file failed (each one line on
standard error) or an existing output was kept, 2 usage error,
130 interrupted (no partial file left)."""

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
Prints a row per article (a file holding several, an export, gives a row
for each) and a totals row: comments, depth (levels of replies), authors
(distinct commenter names), deleted or removed comments, and the dates
the comments span. --json adds top-level comments, mean replies per
comment and the most replied comment. The numbers are those of
threadkit.tree.stats.

examples:
  threadkit stats story.txt
  threadkit stats dumps/
  threadkit stats 'dumps/**/*.json' --json | python -m json.tool"""

_VALIDATE_EPILOG = """\
Prints one line per file: 'FILE: ok (FORMAT, N comments)' or
'FILE: error: MESSAGE (where)'; a file holding several articles reads
'FILE: ok (FORMAT, N articles, M comments)'. Every article is read.
A summary ends it: 'N valid, M invalid'. Exits 0 when every file is
valid, else 1.

examples:
  threadkit validate story.txt
  threadkit validate dumps/ 'more/**/*.json'"""

_COMPLETION_EPILOG = """\
Load it in the shell's start-up file; zsh reads it after
'autoload -U +X bashcompinit && bashcompinit'.

examples:
  threadkit completion bash > ~/.local/share/bash-completion/completions/threadkit
  eval "$(threadkit completion bash)"     # in ~/.bashrc"""

_FORMATS_EPILOG = """\
examples:
  threadkit formats"""


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but a failed write of ``--help`` or ``--version`` is not ignored."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(message)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser of the command line, and the parser of each command by its name.

    The completion script is written from them, and the documentation's tests
    check every command line the pages show against them.
    """
    from threadkit import __version__  # lazy: reading it imports importlib.metadata

    formatter = _Formatter
    parser = _Parser(
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

    def number(
        sub: argparse.ArgumentParser, *flags: str, help: str, default: int | None = None
    ) -> None:
        # A whole number from 1, named after its long flag in messages.
        sub.add_argument(*flags, type=positive(flags[-1]), default=default, metavar="N", help=help)

    def source_format(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--from",
            dest="source_format",
            type=format_type,
            metavar="FORMAT",
            help="read the input as FORMAT ({readable}) instead of guessing",
        )

    def inputs(sub: argparse.ArgumentParser) -> None:
        # Every command that reads names its inputs the same way.
        sub.add_argument(
            "inputs",
            nargs="*",
            metavar="IN",
            help="an input file, a directory, a quoted pattern such as 'dumps/**/*.xml', "
            "or - for stdin",
        )
        sub.add_argument(
            "--files-from",
            metavar="LIST",
            help="also read the files named in LIST, one a line (- for stdin)",
        )

    convert = command("convert", "convert articles from one format to another", _CONVERT_EPILOG)
    inputs(convert)
    convert.add_argument(
        "--to",
        required=True,
        type=output_format_type,
        metavar="FORMAT",
        help="the format to write: {writable}",
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
        "-v",
        "--verbose",
        action="store_true",
        help="name each output kept because it exists (the summary counts them)",
    )
    html = convert.add_argument_group("html output (--to html)")
    html.add_argument(
        "--fragment",
        action="store_true",
        help="write only the <article> element, to embed in another page",
    )
    html.add_argument(
        "--lang",
        type=language_tag,
        metavar="TAG",
        help="the page's language, such as en or de-AT; dates are shown in it (default: en)",
    )
    html.add_argument(
        "--max-nesting",
        type=positive("--max-nesting", low=0, high=100),
        metavar="N",
        help="levels of replies nested before the rest are listed flat, 0 to 100 (default: 10)",
    )
    number(
        convert,
        "-j",
        "--jobs",
        default=1,
        help="convert N files at a time in N worker processes (default: 1)",
    )
    convert.set_defaults(handler=_run_convert)

    show = command("show", "show an article's comment thread as an indented tree", _SHOW_EPILOG)
    inputs(show)
    number(
        show,
        "--depth",
        help="show comments down to depth N (1 = top level only) and count the rest",
    )
    number(show, "--width", help="cut lines to N columns (default: the terminal's width)")
    show.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="colour the output (default: only on a terminal, and not when NO_COLOR is set)",
    )
    number(
        show, "--article", help="show the N-th article of a source that holds several (an export)"
    )
    source_format(show)
    show.set_defaults(handler=_run_show)

    stats = command("stats", "count comments, depth, authors, deletions and dates", _STATS_EPILOG)
    inputs(stats)
    stats.add_argument("--json", action="store_true", help="print a JSON array, for scripts")
    source_format(stats)
    stats.set_defaults(handler=_run_stats)

    validate = command("validate", "check that files read as articles", _VALIDATE_EPILOG)
    inputs(validate)
    validate.add_argument(
        "--strict",
        action="store_true",
        help="count a file with warnings as invalid (lines of a text dump that look like "
        "syntax but were read as text)",
    )
    source_format(validate)
    validate.set_defaults(handler=_run_validate)

    formats = command("formats", "list the formats, their suffixes and summaries", _FORMATS_EPILOG)
    formats.set_defaults(handler=_run_formats)

    completion = command(
        "completion", "print a script that completes threadkit's arguments", _COMPLETION_EPILOG
    )
    completion.add_argument("shell", choices=["bash"], help="the shell: bash (zsh reads it too)")
    completion.set_defaults(handler=_run_completion)
    return parser, parsers


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``threadkit`` command line with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 when a file could not be read,
    parsed, converted or written, 2 for a usage error, 130 when interrupted.

    .. versionadded:: 0.1
    """
    parser, parsers = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exit_:
        # --help, --version and usage errors: argparse's text must get out too.
        try:
            if sys.stdout is not None:
                flush_stdout()
        except Failure as failure:
            complain(str(failure))
            return EXIT_FAILURE
        return _exit_code(exit_.code)
    except OSError as error:
        complain(f"cannot write to standard output: {reason(error)}")
        return EXIT_FAILURE
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        status = handler(args)
        if sys.stdout is not None:
            flush_stdout()
        return status
    except Usage as usage:
        subparser = parsers[args.command]
        subparser.print_usage(sys.stderr)
        sys.stderr.write(f"{subparser.prog}: error: {printable(str(usage))}\n")
        return EXIT_USAGE
    except Failure as failure:
        complain(str(failure))
        return EXIT_FAILURE
    except KeyboardInterrupt as stop:
        signum = getattr(stop, "signum", signal.SIGINT)
        by = "" if signum == signal.SIGINT else f" by {signal.Signals(signum).name}"
        sys.stderr.write(f"{PROG}: interrupted{by}\n")
        return EXIT_SIGNAL + signum
    except BrokenPipeError:
        silence_stdout()
        return EXIT_FAILURE


def _exit_code(code: object) -> int:
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_FAILURE
