"""What type checkers make of threadkit's public API: typing_tests/ under mypy and basedpyright.

``typing_tests/accepted.py`` holds code that works at run time and must
type-check cleanly; in ``typing_tests/rejected.py`` every line ending with
``# error`` must be reported as an error, and no other line. Both checkers
run in strict mode over the two files (mypy ``--strict``, basedpyright's
``standard`` rules as ``[tool.basedpyright]`` in pyproject.toml sets them);
the docs' code blocks are checked by tests/test_docs.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "typing_tests"
ACCEPTED = FOLDER / "accepted.py"
REJECTED = FOLDER / "rejected.py"
MARK = re.compile(r"#\s*error\s*$")


def expected() -> set[tuple[str, int]]:
    lines = REJECTED.read_text(encoding="utf-8").split("\n")
    return {(REJECTED.name, number) for number, line in enumerate(lines, 1) if MARK.search(line)}


def test_the_rejected_file_marks_its_lines() -> None:
    assert len(expected()) >= 20


def test_mypy() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install mypy)")
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
            str(ACCEPTED),
            str(REJECTED),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    stdout, stderr = done.stdout, done.stderr
    assert done.returncode in (0, 1), stdout + stderr
    found = set()
    for line in stdout.splitlines():
        match = re.match(r"(?:.*/)?(\w+\.py):(\d+): error:", line)
        if match:
            found.add((match.group(1), int(match.group(2))))
    assert found == expected(), stdout + stderr


def _basedpyright() -> list[str]:
    # The console script beside this Python, else on PATH.
    script = Path(sys.executable).parent / "basedpyright"
    if script.exists():
        return [str(script)]
    found = shutil.which("basedpyright")
    if found is None:
        pytest.skip("basedpyright is not installed (pip install basedpyright)")
    return [found]


def test_basedpyright() -> None:
    done = subprocess.run(
        [*_basedpyright(), "--outputjson", str(ACCEPTED), str(REJECTED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(done.stdout)
    found = {
        (Path(item["file"]).name, item["range"]["start"]["line"] + 1)
        for item in report["generalDiagnostics"]
        if item["severity"] == "error"
    }
    messages = "\n".join(
        f"{Path(item['file']).name}:{item['range']['start']['line'] + 1}: {item['message']}"
        for item in report["generalDiagnostics"]
        if item["severity"] == "error"
    )
    assert found == expected(), messages
