"""``threadkit show``: a thread as an indented tree, cut to the terminal's width.

Widths are counted in terminal cells (wide East Asian characters take two,
combining marks none), so that a line cut to the width never wraps.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import unicodedata
from collections.abc import Iterator, Sequence

from threadkit import tree
from threadkit.cli._common import (
    EXIT_FAILURE,
    EXIT_OK,
    Failure,
    Style,
    complain,
    counted,
    flush_stdout,
    gather_inputs,
    reading,
    stdout,
    wants_color,
    write_human,
)
from threadkit.formats import Format
from threadkit.model import Article, Comment, CommentState

__all__ = ["author_name", "first_line", "run"]


def _load_one(source: str, fmt: Format | None, number: int | None) -> tuple[str, Article]:
    """The article numbered *number* (from 1) of *source*, or its only one when ``None``."""
    with reading(source, fmt) as opened:
        found = 0
        chosen: Article | None = None
        for article in opened.articles:
            found += 1
            if number is None:
                if found == 2:
                    raise Failure(
                        f"{opened.name} holds several articles; pick one with --article N"
                    )
                chosen = article
            elif found == number:
                return opened.name, article
        if chosen is not None:
            return opened.name, chosen
        if number is None or found == 0:
            raise Failure(f"{opened.name} holds no article")
        held = counted(found, "article", "articles")
        raise Failure(f"{opened.name} holds {held}; there is no article {number}")


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


def _compose(segments: Sequence[Segment], width: int, style: Style) -> str:
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


def _paint_runs(segments: Sequence[Segment], style: Style) -> str:
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


def first_line(text: str) -> tuple[str, bool]:
    """The first non-blank line of *text*, cleaned for a terminal, and whether more follows."""
    rest = text
    while rest:
        line, _, rest = rest.partition("\n")
        if line.strip():
            cleaned = line.strip().replace("\t", " ").replace("\u2028", " ").replace("\u2029", " ")
            return cleaned, bool(rest.strip())
    return "", False


def author_name(comment: Comment) -> str | None:
    """The name that signed *comment*, if any."""
    return comment.author.name if comment.author is not None else None


def _show_lines(
    article: Article, *, width: int, max_depth: int | None, style: Style
) -> Iterator[str]:
    """The lines ``threadkit show`` prints, one comment at a time."""
    below_each = tree.descendant_counts(article)
    total = len(below_each)
    deepest = article.depth
    yield _compose([(article.title, Style.BOLD)], width, style)
    meta: list[str] = []
    names = [author.name for author in article.authors if author.name]
    if names:
        meta.append("by " + ", ".join(names))
    if article.published is not None:
        meta.append(article.published.strftime("%Y-%m-%d"))
    meta.append(counted(total, "comment", "comments") if total else "no comments")
    if total:
        meta.append(f"{deepest} {'level' if deepest == 1 else 'levels'} deep")
    yield _compose([(" · ".join(meta), Style.DIM)], width, style)
    if not total:
        return
    yield ""
    # Deep threads keep their indentation within half the width and show the
    # depth as a number past that.
    max_indent_levels = max(1, width // 4)
    hidden = 0
    for visit, below in zip(article.visits(), below_each, strict=True):
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
        name = author_name(comment)
        header: list[Segment] = [(indent, None), (marker, None)]
        if name is None:
            header.append(("(anonymous)", Style.DIM))
        else:
            header.append((name, Style.AUTHOR))
        details: list[Segment] = []
        if comment.published is not None:
            details.append((comment.published.strftime("%Y-%m-%d %H:%M"), Style.DIM))
        if comment.score is not None:
            points = "point" if abs(comment.score) == 1 else "points"
            details.append((f"{comment.score} {points}", Style.DIM))
        if comment.state is not CommentState.VISIBLE:
            alarm = Style.WARN if comment.state is CommentState.PENDING else Style.ALERT
            details.append((comment.state.value, alarm))
        replies = len(comment.replies)
        if replies:
            answers = counted(replies, "reply", "replies")
            if below > replies:
                answers += f" ({below} in all)"
            details.append((answers, Style.DIM))
        for detail in details:
            header.append((" · ", Style.DIM))
            header.append(detail)
        yield _compose(header, width, style)
        line, more = first_line(comment.text)
        text_indent = indent + " " * len(marker)
        if line:
            yield _compose(
                [(text_indent, None), (line + (" …" if more else ""), None)], width, style
            )
        else:
            yield _compose([(text_indent, None), ("(no text)", Style.DIM)], width, style)
        if max_depth is not None and visit.depth == max_depth and below:
            hidden += below
            note = f"… {counted(below, 'reply', 'replies')} hidden"
            yield _compose([(text_indent, None), (note, Style.DIM)], width, style)
    if hidden:
        yield ""
        note = (
            f"{counted(hidden, 'reply', 'replies')} below depth {max_depth} hidden; "
            "raise --depth to see them"
        )
        yield _compose([(note, Style.DIM)], width, style)


def run(args: argparse.Namespace) -> int:
    """``threadkit show``: each input's thread in turn, a blank line between two."""
    inputs, _ = gather_inputs(args.inputs, args.files_from)
    width: int = args.width or shutil.get_terminal_size().columns
    style = Style(wants_color(args.color, stdout()))
    failed = 0
    shown = 0
    for source in inputs:
        try:
            _, article = _load_one(source, args.source_format, args.article)
        except Failure as failure:
            if len(inputs) == 1:
                raise
            complain(str(failure))
            failed += 1
            continue
        batch: list[str] = [""] if shown else []
        shown += 1
        for line in _show_lines(article, width=width, max_depth=args.depth, style=style):
            batch.append(line)
            if len(batch) >= 512:
                write_human("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            write_human("\n".join(batch) + "\n")
        flush_stdout()
    return EXIT_FAILURE if failed else EXIT_OK
