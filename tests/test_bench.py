"""The benchmark suite's smoke run works. Nothing here is timed: the suite is run by hand."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_run_measures_every_row_of_every_shape() -> None:
    done = subprocess.run(
        [sys.executable, "bench/suite.py", "--quick", "--sizes", "250"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    tables = done.stdout.split("\n\n")
    assert tables[1].startswith("whole processes")
    for shape, table in zip(("flat", "realistic", "chain"), tables[2:], strict=True):
        assert table.startswith(f"{shape}, 250 comments")
        names = [line[2:44].strip() for line in table.splitlines()[2:]]
        expected = ["json read", "json read, collector off in both", "json write"]
        expected += ["jsonl read", "jsonl write"]
        if shape == "chain":  # deeper than the json format's bound
            assert all("n/a: UnrepresentableError" in line for line in table.splitlines()[2:5])
        else:
            expected += ["jsonl read / json read", "jsonl write / json write"]
        chain = " (250-comment chain)" if shape == "chain" else ""
        expected += [f"text read{chain}", f"text write{chain}"]
        if shape != "chain":
            expected += ["text write, over json.dumps"]
        expected += ["html read", "html write"]
        expected += ["walk pre", "walk post", "walk breadth", "flatten", "flatten floor (tuples)"]
        expected += ["rebuild", "comment_count", "depth", "==", "hash"]
        reader = "jsonl read" if shape == "chain" else "json read"
        expected += [f"memory held ({reader})", f"memory peak ({reader})"]
        expected += ["peers"] if shape == "chain" else peer_rows()
        assert names == expected


# The peers of bench/peers.py: the module each needs, its name in the table, its short name.
PEERS = (
    ("pydantic", "pydantic, frozen models", "pydantic"),
    ("cattrs", "cattrs, frozen attrs", "cattrs"),
    ("msgspec", "msgspec Structs, frozen", "msgspec Structs"),
    ("msgspec", "msgspec into frozen attrs", "msgspec attrs"),
    ("orjson", "orjson, dicts", "orjson"),
)


# msgspec decodes into frozen attrs classes with defaults from this release on
# (its changelog, 0.18.5: "decoding dataclasses/attrs types with default values
# and slots=True, frozen=True"); the project's lower bound is older.
_MSGSPEC_FROZEN_ATTRS = (0, 18, 5)


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def peer_rows() -> list[str]:
    """The peer rows of a shape json can nest: a peer not installed is one row, n/a."""
    own: list[str] = []
    against: list[str] = []
    for module, name, short in PEERS:
        if importlib.util.find_spec(module) is None:
            own.append(f"peer {module}")
            continue
        if short == "msgspec attrs" and _release(version("msgspec")) < _MSGSPEC_FROZEN_ATTRS:
            own.append("peer msgspec_attrs")
            continue
        own += [f"{name}: read", f"{name}: write"]
        against += [f"json read / {short} read", f"json write / {short} write"]
    return own + against
