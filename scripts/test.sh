#!/bin/sh
# The whole test suite: lint, types, docs, then pytest. Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
SETUP=dev
. scripts/setup.sh
echo "== ruff"
.venv/bin/ruff check src tests bench examples docs typing_tests
.venv/bin/ruff format --check src tests bench examples docs typing_tests
echo "== mypy --strict"
.venv/bin/mypy --strict src
echo "== sphinx-build -W"
.venv/bin/sphinx-build -W --keep-going -q -b html docs docs/_build/html
echo "== pytest"
# -n auto: one pytest worker per core (pytest-xdist); the suite is CPU-bound.
.venv/bin/python -m pytest -n auto "$@"
