"""The benchmark suite: what threadkit costs per comment, as ratios against baselines.

For every shape of :mod:`threads` (flat, realistic, one long reply chain)
and every size (1,000 to 1,000,000 comments), it builds the article and
prints one table of measurements taken in this one process, each against a
baseline on the same data, both sides taken in turn, round by round, best
of the rounds, in CPU seconds (``time.process_time``, so that other work
on a shared machine counts as little as it can):

* read and write per format: ``json`` over :func:`json.loads` of the same
  bytes and compact :func:`json.dumps` of the dicts they give (the writer's
  text is theirs with ``indent=2``, which is checked); ``jsonl`` over the same per
  line and per record; ``html`` over :func:`lxml.html.fromstring` of the
  same bytes and :func:`lxml.html.tostring` of the tree it gives; ``text``
  over threadkit's own JSON reader and writer (the ``jsonl`` ones for a
  chain, which the ``json`` format cannot nest). Text dumps indent every
  level, so for the chain shape the text rows use a chain of at most
  5,000 comments;
* tree operations (walking in each order, ``flatten``, ``comment_count``,
  ``depth``, ``==`` and ``hash`` of two equal threads built apart) over a
  bare loop that visits the same ``replies`` tuples, and ``rebuild`` from
  the records of ``flatten`` over ``flatten`` itself;
* the peers of :mod:`peers` (pydantic, cattrs, msgspec, orjson) on the
  same json document, over the same baselines, and threadkit over each;
* memory per comment of a loaded thread (what :mod:`tracemalloc` counts as
  still held after reading) over what the dicts :func:`json.loads` returns
  for the same document hold; for a chain, which JSON parsers cannot nest,
  the ``jsonl`` reader over :func:`json.loads` of each line.

Then, once: the wall-clock time of a whole process that runs
``import threadkit``, and one that runs ``threadkit convert`` on the
bundled sample. At the end, how each figure grows per comment from 10,000
comments to the largest size run: 1.0 is linear.

The targets, for the realistic shape at 100,000 comments, are printed next
to each ratio. Run it from the repository's root with nothing else busy::

    .venv/bin/python bench/suite.py            # every size: hours on a small machine
    .venv/bin/python bench/suite.py --quick    # 1,000 comments, one round: seconds
    .venv/bin/python bench/suite.py --sizes 100000 --shapes realistic --rounds 5
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import json
import os
import pickle
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import lxml.html
from peers import PEERS, comments_in
from threads import SHAPES, build

import threadkit
from threadkit import Article, Comment, ParseError, UnrepresentableError, tree
from threadkit.formats import html as tk_html
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl
from threadkit.formats import text as tk_text

SIZES = (1_000, 10_000, 100_000, 1_000_000)
TEXT_CHAIN = 5_000
"""The longest reply chain the text rows use."""
ROOT = Path(__file__).resolve().parent.parent
# The readers' default limits stop at 256 MB and 1,000,000 comments, which
# the largest cases pass.
UNLIMITED: dict[str, Any] = {"max_bytes": None, "max_depth": None, "max_comments": None}

# The targets of issues 6 and 25, as the largest ratio allowed.
TARGETS = {
    "json read": 1.5,
    "json write": 0.5,
    "jsonl read / json read": 1.2,
    "jsonl write / json write": 1.2,
    "text read": 1.1,
    "text write, over json.dumps": 1.5,
    "html read": 2.0,
    "html write": 2.0,
    "walk pre": 1.5,
    "walk post": 1.5,
    "walk breadth": 1.5,
    "flatten": 5.0,
    "rebuild": 3.0,
    "==": 10.0,
    "hash": 10.0,
    "memory held": 0.65,
    "json read / pydantic read": 1.0,
    "json read / cattrs read": 1.0,
    "json read / msgspec Structs read": 3.0,
    "json write / pydantic write": 1.0,
    "json write / cattrs write": 1.0,
}


class Row:
    """One line of a table: threadkit's figure, the baseline's, and what the baseline is."""

    def __init__(self, name: str, ours: float, theirs: float, baseline: str, unit: str) -> None:
        self.name = name
        self.ours = ours
        self.theirs = theirs
        self.baseline = baseline
        self.unit = unit

    @property
    def ratio(self) -> float:
        return self.ours / self.theirs if self.theirs else float("inf")


class Missing:
    """A row that could not be measured, and why."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason


def _libc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc
        return None


_TRIM = _libc_trim()


def settle() -> None:
    """Free what earlier calls left, so that the next timed call pays only for itself.

    glibc's malloc puts small freed blocks aside and sorts them out at the
    next large request: after lxml frees the tree of a 100,000-comment page,
    the next call that asks for a large block (such as decoding a document)
    spent 0.9 s on that, ten times the decoding itself, and charged it to
    whichever side of a race ran next. ``malloc_trim`` does it now.
    """
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


def _cpu(function: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of one call of *function*, and its result.

    A call too short for the clock to tell is repeated until the batch takes
    a few milliseconds, and the time divided among the calls.
    """
    settle()
    began = time.process_time()
    value = function()
    seconds = time.process_time() - began
    if seconds < 0.005:
        calls = int(0.02 / max(seconds, 1e-6)) + 1
        settle()
        began = time.process_time()
        for _ in range(calls):
            function()
        seconds = (time.process_time() - began) / calls
    return seconds, value


def _timed(function: Callable[[], Any], calls: int) -> tuple[float, Any]:
    """CPU seconds per call of *calls* calls of *function* in a row, and its last result."""
    settle()
    value = None
    began = time.process_time()
    for _ in range(calls):
        value = function()
    return (time.process_time() - began) / calls, value


def race(
    ours: Callable[[], Any], theirs: Callable[[], Any], rounds: int
) -> tuple[float, float, Any]:
    """Best CPU times of *ours* and *theirs*, taken in turn, and *ours*' last result.

    Both sides are timed the same way: one call each, or, when the slower
    side takes under 5 ms, both as many calls in a row as make the slower
    one's batch last 20 ms. Timing only the quicker side in a batch (as
    :func:`_cpu` does for each side alone) set a warm baseline, its memory
    already mapped by the calls before it, against a single cold call of
    threadkit's just after :func:`settle` returned memory to the system:
    that alone inflated the json read's ratio at 1,000 comments by a
    fifth (docs/performance.md).
    """
    first, value = _timed(ours, 1)
    other, _ = _timed(theirs, 1)
    slower = max(first, other)
    if slower >= 0.005:
        calls, mine, baseline, left = 1, [first], [other], rounds - 1
    else:
        calls, mine, baseline, left = int(0.02 / max(slower, 1e-6)) + 1, [], [], rounds
    for _ in range(left):
        seconds, value = _timed(ours, calls)
        mine.append(seconds)
        baseline.append(_timed(theirs, calls)[0])
    return min(mine), min(baseline), value


def fresh_race(
    ours: Callable[[Any], Any],
    theirs: Callable[[], Any],
    prepare: Callable[[], Any],
    rounds: int,
) -> tuple[float, float]:
    """Like :func:`race`; *ours* gets a new *prepare()* each round, made outside the timing."""
    mine, baseline = [], []
    for _ in range(rounds):
        subject = prepare()
        settle()
        began = time.process_time()
        ours(subject)
        mine.append(time.process_time() - began)
        del subject
        baseline.append(_cpu(theirs)[0])
    return min(mine), min(baseline)


def collector_off(function: Callable[[], Any]) -> Callable[[], Any]:
    """*function*, run with the cyclic garbage collector paused, as threadkit's readers run."""

    def paused() -> Any:
        gc.disable()
        try:
            return function()
        finally:
            gc.enable()

    return paused


def bare_loop(roots: Sequence[Comment]) -> None:
    """Visit every comment's replies tuple, and do nothing else: the tree rows' baseline."""
    stack = list(roots)
    pop, extend = stack.pop, stack.extend
    while stack:
        replies = pop().replies
        if replies:
            extend(replies)


def tuple_records(roots: Sequence[Comment]) -> list[tuple[int, int | None, int, Comment]]:
    """The least a flatten can do: a (key, parent key, depth, comment) tuple per comment.

    Pre-order, as :func:`threadkit.tree.flatten` walks, with the cyclic
    collector paused as flatten pauses it; but each comment is kept as it
    is, replies and all, and nothing is checked. No flatten that makes a
    record per comment takes less, so this one's ratio to the bare loop is
    the floor for flatten's.
    """
    records: list[tuple[int, int | None, int, Comment]] = []
    append = records.append
    levels = [iter(roots)]
    owners: list[int | None] = [None]
    key = 1
    collecting = gc.isenabled()
    gc.disable()
    try:
        while levels:
            parent, depth = owners[-1], len(levels)
            for comment in levels[-1]:
                append((key, parent, depth, comment))
                key += 1
                if comment.replies:
                    levels.append(iter(comment.replies))
                    owners.append(key - 1)
                    break
            else:
                levels.pop()
                owners.pop()
    finally:
        if collecting:
            gc.enable()
    return records


def copy_of(article: Article) -> Article:
    """An equal article that shares no comment with *article*."""
    return pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))


def held(load: Callable[[], Any]) -> tuple[int, int]:
    """The bytes what *load* returns still holds, and the peak while loading."""
    gc.collect()
    tracemalloc.start()
    value = load()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del value
    return current, peak


def _fail(name: str, error: BaseException) -> Missing:
    message = str(error).splitlines()[0] if str(error) else ""
    return Missing(name, f"{type(error).__name__}: {message[:90]}")


def json_rows(article: Article, rounds: int) -> list[Row | Missing]:
    """The json reader and writer against json.loads and json.dumps."""
    try:
        document = tk_json.write(article)
    except UnrepresentableError as error:
        names = ("json read", "json read, collector off in both", "json write")
        return [_fail(name, error) for name in names]
    data = document.encode("utf-8")
    plain = json.loads(data)
    if json.dumps(plain, indent=2, ensure_ascii=False) + "\n" != document:
        raise SystemExit("the json writer's output differs from json.dumps of its own dicts")
    ours, theirs, back = race(
        lambda: tk_json.read(data, **UNLIMITED), lambda: json.loads(data), rounds
    )
    if back != article:
        raise SystemExit("the json round trip lost something")
    rows: list[Row | Missing] = [Row("json read", ours, theirs, "json.loads", "s")]
    # json.loads, as programs call it, runs with the collector on, which threadkit's
    # readers pause: this row shows what that is worth to the ratio above.
    ours, theirs, _ = race(
        lambda: tk_json.read(data, **UNLIMITED), collector_off(lambda: json.loads(data)), rounds
    )
    rows.append(Row("json read, collector off in both", ours, theirs, "json.loads, no gc", "s"))
    ours, theirs, _ = race(
        lambda: tk_json.write(article), lambda: json.dumps(plain, ensure_ascii=False), rounds
    )
    rows.append(Row("json write", ours, theirs, "json.dumps, compact", "s"))
    return rows


PEER_NAMES = {
    "pydantic, frozen models": "pydantic",
    "cattrs, frozen attrs": "cattrs",
    "msgspec Structs, frozen": "msgspec Structs",
    "msgspec into frozen attrs": "msgspec attrs",
    "orjson, dicts": "orjson",
}
"""Each peer's short name, in the rows that set threadkit against it."""


def peer_rows(article: Article, rounds: int) -> list[Row | Missing]:
    """The peers of :mod:`peers` on the same json document, and threadkit against each.

    Each peer reads the bytes and writes what it read, over ``json.loads`` and
    compact ``json.dumps``; then threadkit's json read and write over the peer's.
    """
    try:
        data = tk_json.write(article).encode("utf-8")
    except UnrepresentableError as error:
        return [_fail("peers", error)]
    plain = json.loads(data)
    count = comments_in(plain)
    rows: list[Row | Missing] = []
    against: list[Row | Missing] = []
    for make in PEERS:
        try:
            peer = make()
        except ImportError as error:
            rows.append(_fail(f"peer {make.__name__.strip('_')}", error))
            continue
        value = peer.read(data)
        written = peer.write(value)
        if peer.read(written) != value or comments_in(json.loads(written)) != count:
            raise SystemExit(f"{peer.name} does not read back what it writes")
        short = PEER_NAMES[peer.name]
        ours, theirs, _ = race(lambda peer=peer: peer.read(data), lambda: json.loads(data), rounds)
        rows.append(Row(f"{peer.name}: read", ours, theirs, "json.loads", "s"))
        ours, theirs, _ = race(
            lambda peer=peer, value=value: peer.write(value),
            lambda: json.dumps(plain, ensure_ascii=False),
            rounds,
        )
        rows.append(Row(f"{peer.name}: write", ours, theirs, "json.dumps, compact", "s"))
        ours, theirs, _ = race(
            lambda: tk_json.read(data, **UNLIMITED), lambda peer=peer: peer.read(data), rounds
        )
        against.append(Row(f"json read / {short} read", ours, theirs, f"{short} read", "s"))
        ours, theirs, _ = race(
            lambda: tk_json.write(article), lambda peer=peer, value=value: peer.write(value), rounds
        )
        against.append(Row(f"json write / {short} write", ours, theirs, f"{short} write", "s"))
        del value, written
    return rows + against


def jsonl_rows(article: Article, rounds: int) -> list[Row | Missing]:
    """The jsonl reader and writer against json.loads and json.dumps, line by line."""
    lines_text = tk_jsonl.write(article)
    lines = lines_text.encode("utf-8")
    records = [json.loads(line) for line in lines.splitlines()]

    def dump_lines() -> str:
        return "".join(
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            for record in records
        )

    if dump_lines() != lines_text:
        raise SystemExit("the jsonl writer's output differs from json.dumps of its records")
    ours, theirs, back = race(
        lambda: tk_jsonl.read(lines, **UNLIMITED),
        lambda: [json.loads(line) for line in lines.splitlines()],
        rounds,
    )
    if back != article:
        raise SystemExit("the jsonl round trip lost something")
    rows: list[Row | Missing] = [Row("jsonl read", ours, theirs, "json.loads per line", "s")]
    ours, theirs, _ = race(lambda: tk_jsonl.write(article), dump_lines, rounds)
    rows.append(Row("jsonl write", ours, theirs, "json.dumps per record", "s"))
    return rows


def text_rows(article: Article, rounds: int) -> list[Row | Missing]:
    """The text reader and writer against the json ones (jsonl where json cannot nest)."""
    label = "" if article.depth <= 30 else f" ({article.comment_count:,}-comment chain)"
    try:
        dump = tk_text.write(article).encode("utf-8")
    except UnrepresentableError as error:
        return [_fail("text read", error), _fail("text write", error)]
    try:
        other = tk_json.write(article).encode("utf-8")
        other_read, other_write, other_name = tk_json.read, tk_json.write, "json"
    except UnrepresentableError:
        other = tk_jsonl.write(article).encode("utf-8")
        other_read, other_write, other_name = tk_jsonl.read, tk_jsonl.write, "jsonl"
    ours, theirs, back = race(
        lambda: tk_text.read(dump, **UNLIMITED), lambda: other_read(other, **UNLIMITED), rounds
    )
    if back != article:
        raise SystemExit("the text round trip lost something")
    rows: list[Row | Missing] = [
        Row("text read" + label, ours, theirs, f"threadkit {other_name} read", "s")
    ]
    ours, theirs, _ = race(lambda: tk_text.write(article), lambda: other_write(article), rounds)
    rows.append(Row("text write" + label, ours, theirs, f"threadkit {other_name} write", "s"))
    if other_name == "json":
        plain = json.loads(other)
        ours, theirs, _ = race(
            lambda: tk_text.write(article), lambda: json.dumps(plain, ensure_ascii=False), rounds
        )
        rows.append(Row("text write, over json.dumps", ours, theirs, "json.dumps, compact", "s"))
    return rows


def html_rows(article: Article, rounds: int) -> list[Row | Missing]:
    """The html reader and writer against lxml.html.fromstring and tostring."""
    try:
        page = tk_html.write(article).encode("utf-8")
        parsed = lxml.html.fromstring(page)
        ours, theirs, back = race(
            lambda: tk_html.read(page, **UNLIMITED), lambda: lxml.html.fromstring(page), rounds
        )
    except (ParseError, UnrepresentableError, RecursionError, ValueError) as error:
        return [_fail("html read", error), _fail("html write", error)]
    if back != article:
        raise SystemExit("the html round trip lost something")
    rows: list[Row | Missing] = [Row("html read", ours, theirs, "lxml.html.fromstring", "s")]
    ours, theirs, _ = race(
        lambda: tk_html.write(article), lambda: lxml.html.tostring(parsed), rounds
    )
    rows.append(Row("html write", ours, theirs, "lxml.html.tostring", "s"))
    return rows


PARTS = ("json", "jsonl", "text", "html", "tree", "memory", "peers")


def case_rows(
    article: Article, text_article: Article, rounds: int, parts: Sequence[str]
) -> list[Row | Missing]:
    """Every row of one case, for the *parts* asked for; jsonl against json too."""
    rows: list[Row | Missing] = []
    json_part = json_rows(article, rounds) if "json" in parts else []
    lines = jsonl_rows(article, rounds) if "jsonl" in parts else []
    rows += json_part + lines
    if json_part and lines:
        # The json rows are read, read with the collector off in both, write.
        pairs = ((lines[0], json_part[0], "read"), (lines[1], json_part[2], "write"))
        for mine, theirs, what in pairs:
            if isinstance(mine, Row) and isinstance(theirs, Row):
                name = f"jsonl {what} / json {what}"
                rows.append(Row(name, mine.ours, theirs.ours, f"threadkit json {what}", "s"))
    if "text" in parts:
        rows += text_rows(text_article, rounds)
    if "html" in parts:
        rows += html_rows(article, rounds)
    if "tree" in parts:
        rows += tree_rows(article, rounds)
    if "memory" in parts:
        rows += memory_rows(article)
    if "peers" in parts:
        rows += peer_rows(article, rounds)
    return rows


def tree_rows(article: Article, rounds: int) -> list[Row | Missing]:
    """The tree operations, against the bare loop (``rebuild`` against ``flatten``).

    All but ``==`` and ``hash`` take best of ten rounds at least: at 100,000
    comments they take milliseconds, where one of noise moves a ratio by a
    tenth or more, and ten rounds of them cost little next to one of a reader.
    """
    roots = article.comments
    many = max(rounds, 10)

    def loop() -> None:
        bare_loop(roots)

    rows: list[Row | Missing] = []
    for order in ("pre", "post", "breadth"):
        ours, theirs, _ = race(
            lambda order=order: deque(tree.walk(article, order), maxlen=0), loop, many
        )
        rows.append(Row(f"walk {order}", ours, theirs, "bare loop", "s"))
    flat_time, theirs, records = race(lambda: tree.flatten(article), loop, many)
    rows.append(Row("flatten", flat_time, theirs, "bare loop", "s"))
    ours, theirs, floor = race(lambda: tuple_records(roots), loop, many)
    if [record[:3] for record in floor] != [(r.key, r.parent, r.depth) for r in records]:
        raise SystemExit("the tuple records do not place the comments as flatten does")
    rows.append(Row("flatten floor (tuples)", ours, theirs, "bare loop", "s"))
    ours, _, rebuilt = race(lambda: tree.rebuild(records), lambda: None, many)
    if rebuilt.comments != article.comments:
        raise SystemExit("rebuild(flatten(article)) is not the thread")
    rows.append(Row("rebuild", ours, flat_time, "flatten", "s"))
    for name, operation in (
        ("comment_count", lambda: article.comment_count),
        ("depth", lambda: article.depth),
    ):
        ours, theirs, _ = race(operation, loop, many)
        rows.append(Row(name, ours, theirs, "bare loop", "s"))
    twin = copy_of(article)
    ours, theirs = fresh_race(lambda other: other == twin, loop, lambda: copy_of(article), rounds)
    rows.append(Row("==", ours, theirs, "bare loop", "s"))
    ours, theirs = fresh_race(hash, loop, lambda: copy_of(article), rounds)
    rows.append(Row("hash", ours, theirs, "bare loop", "s"))
    return rows


def memory_rows(article: Article) -> list[Row | Missing]:
    """Bytes per comment a loaded thread holds, against json.loads' dicts."""
    n = article.comment_count
    try:
        data = tk_json.write(article).encode("utf-8")
        ours, ours_peak = held(lambda: tk_json.read(data, **UNLIMITED))
        theirs, theirs_peak = held(lambda: json.loads(data))
        what, baseline = "json read", "json.loads"
    except UnrepresentableError:
        data = tk_jsonl.write(article).encode("utf-8")
        ours, ours_peak = held(lambda: tk_jsonl.read(data, **UNLIMITED))
        theirs, theirs_peak = held(lambda: [json.loads(line) for line in data.splitlines()])
        what, baseline = "jsonl read", "json.loads per line"
    return [
        Row(f"memory held ({what})", ours / n, theirs / n, f"{baseline}, held", "B"),
        Row(f"memory peak ({what})", ours_peak / n, theirs_peak / n, f"{baseline}, peak", "B"),
    ]


def _process(command: list[str], runs: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds (user and system) of a process running *command*."""
    wall = cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        wall = min(wall, time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        cpu = min(cpu, used)
    return wall, cpu


def process_rows(runs: int) -> list[Row | Missing]:
    """Whole processes, best of *runs*: import, and a conversion of the bundled sample."""
    python = sys.executable
    script = shutil.which("threadkit", path=str(Path(python).parent))
    command = [script] if script else [python, "-m", "threadkit"]
    bare_wall, bare_cpu = _process([python, "-c", "pass"], runs)
    rows: list[Row | Missing] = []
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "sample.json")
        convert = [*command, "convert", "examples/sample.txt", "--to", "json", "-o", target]
        for name, argv in (
            ("import threadkit", [python, "-c", "import threadkit"]),
            ("threadkit convert", [*convert, "--force"]),
        ):
            wall, cpu = _process(argv, runs)
            rows.append(Row(f"{name}, wall clock", wall, bare_wall, "python -c pass", "s"))
            rows.append(Row(f"{name}, CPU", cpu, bare_cpu, "python -c pass", "s"))
    return rows


def _ratio_text(row: Row, target: float | None) -> str:
    mark = ""
    if target is not None:
        mark = f" ≤{target:g} {'ok' if row.ratio <= target else 'MISSED'}"
    return f"{row.ratio:7.2f}{mark}"


def _figure(value: float, unit: str) -> str:
    return f"{value:9.3f}s" if unit == "s" else f"{value:8.0f} B"


def print_table(title: str, rows: list[Row | Missing]) -> None:
    print(f"\n{title}")
    print(f"  {'operation':42} {'threadkit':>10} {'baseline':>10} {'ratio':>7}  target  baseline")
    for row in rows:
        if isinstance(row, Missing):
            print(f"  {row.name:42} n/a: {row.reason}")
            continue
        target = TARGETS.get(row.name.split(" (")[0])
        ratio = _ratio_text(row, target)
        figures = f"{_figure(row.ours, row.unit)} {_figure(row.theirs, row.unit)}"
        print(f"  {row.name:42} {figures} {ratio:20} {row.baseline}")
    sys.stdout.flush()


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"{platform.platform()}, threadkit {threadkit.__version__}"
    )


def growth(results: dict[tuple[str, int], list[Row | Missing]]) -> None:
    """How each figure per comment grows from 10,000 comments to the largest size run."""
    for shape in SHAPES:
        sizes = sorted(size for kind, size in results if kind == shape)
        if 10_000 not in sizes or sizes[-1] <= 10_000:
            continue
        large = sizes[-1]
        small_rows = {row.name: row for row in results[shape, 10_000] if isinstance(row, Row)}
        print(f"\ngrowth per comment, {shape}, 10,000 -> {large:,} comments (1.00 is linear)")
        for row in results[shape, large]:
            if not isinstance(row, Row) or row.name not in small_rows or "chain)" in row.name:
                continue
            before = small_rows[row.name]
            # Times are per thread, memory is per comment already.
            scale = 1 if row.unit == "B" else large / 10_000
            ours = row.ours / before.ours / scale if before.ours else float("nan")
            theirs = row.theirs / before.theirs / scale if before.theirs else 0
            print(f"  {row.name:42} threadkit {ours:6.2f}   baseline {theirs:6.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 comments, one round")
    parser.add_argument("--sizes", help="comma-separated comment counts (default: all four)")
    parser.add_argument("--shapes", help=f"comma-separated, of {', '.join(SHAPES)}")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds per figure, one above 100,000 comments"
    )
    parser.add_argument("--parts", help=f"comma-separated, of {', '.join(PARTS)} (default: all)")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process rows")
    options = parser.parse_args(argv)
    sizes = [1_000] if options.quick else list(SIZES)
    if options.sizes:
        sizes = [int(size) for size in options.sizes.split(",")]
    shapes = options.shapes.split(",") if options.shapes else list(SHAPES)
    rounds = 1 if options.quick else options.rounds
    parts = options.parts.split(",") if options.parts else list(PARTS)

    print(machine())
    if not options.no_process:
        print_table(
            "whole processes, best of runs (target: import under 0.150 s)",
            process_rows(3 if options.quick else 10),
        )
    results: dict[tuple[str, int], list[Row | Missing]] = {}
    # Every shape at one size before the next size, so that a run cut short
    # still has the smaller sizes of every shape.
    for size in sizes:
        for shape in shapes:
            began = time.perf_counter()
            article = build(shape, size)
            text_article = article
            if shape == "chain" and size > TEXT_CHAIN and "text" in parts:
                text_article = build(shape, TEXT_CHAIN)
            runs = rounds if size <= 100_000 else 1
            rows = case_rows(article, text_article, runs, parts)
            results[shape, size] = rows
            print_table(
                f"{shape}, {size:,} comments, depth {article.depth:,}; best of {runs}, "
                f"CPU seconds; {time.perf_counter() - began:.0f} s wall for the case",
                rows,
            )
            del article, text_article
    growth(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
