#!/bin/sh
# Refresh requirements/lock.txt: the newest releases that pyproject.toml allows,
# for the package, its whole development toolchain and the benchmarks' peers
# (the bench group), resolved in a new venv.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e . --group dev --group bench
{
    echo "# The development environment, locked: made by scripts/lock.sh; edit it only through that."
    echo "# Python $("$work/venv/bin/python" -c 'import platform; print(platform.python_version())'), $(date -u +%Y-%m-%d)."
    echo "pip==$("$work/venv/bin/python" -c 'import pip; print(pip.__version__)')"
    "$work/venv/bin/python" -m pip freeze --exclude-editable | LC_ALL=C sort -f
} > requirements/lock.txt
echo "wrote requirements/lock.txt ($(grep -c '==' requirements/lock.txt) pins)"
