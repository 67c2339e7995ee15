"""What pyproject.toml says of the runtime dependencies, for the set-up scripts.

    python scripts/deps.py names             the runtime dependencies, one per line
    python scripts/deps.py oldest            each pinned at the lower bound it allows
    python scripts/deps.py without-runtime   requirements/lock.txt less those pins

Standard library only: it runs before any virtual environment exists.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^]]*\])?\s*(.*)$")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime() -> list[tuple[str, str]]:
    """``(name, specifier)`` for each runtime dependency of the project."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = []
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement.split(";")[0].strip())
        if match is None:
            raise SystemExit(f"cannot read the requirement {requirement!r}")
        found.append((match.group(1), match.group(2)))
    return found


def oldest() -> list[str]:
    pins = []
    for name, specifier in runtime():
        bound = re.search(r">=\s*([0-9][^,\s]*)", specifier)
        if bound is None:
            raise SystemExit(f"{name} has no lower bound (>=) in pyproject.toml")
        pins.append(f"{name}=={bound.group(1)}")
    return pins


def without_runtime() -> list[str]:
    names = {_normal(name) for name, _ in runtime()}
    kept = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = _REQUIREMENT.match(line)
        if line.startswith("#") or match is None or _normal(match.group(1)) not in names:
            kept.append(line)
    return kept


def main(argv: list[str]) -> int:
    commands = {
        "names": lambda: [name for name, _ in runtime()],
        "oldest": oldest,
        "without-runtime": without_runtime,
    }
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print("\n".join(commands[argv[0]]()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
