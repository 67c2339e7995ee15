#!/bin/sh
# The test suite (pytest only) against the runtime dependencies at the edges of
# what pyproject.toml allows, in a venv of its own (.venv-newest, .venv-oldest):
#   sh scripts/test-deps.sh newest   the newest release of each runtime dependency
#   sh scripts/test-deps.sh oldest   the lower bound of each
# The test tools stay at their locked versions. Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
edge=${1:-}
case "$edge" in
    newest|oldest) shift ;;
    *) echo "usage: sh scripts/test-deps.sh newest|oldest [pytest arguments]" >&2; exit 2 ;;
esac
PYTHON=${PYTHON:-python3}
venv=.venv-$edge
rm -rf "$venv"
"$PYTHON" -m venv "$venv"
pip="$venv/bin/python -m pip install --quiet --disable-pip-version-check"
constraints="$venv/constraints.txt"
"$PYTHON" scripts/deps.py without-runtime > "$constraints"
$pip -c "$constraints" pip
if [ "$edge" = newest ]; then
    # No cache: a release made since the last run is taken, not an older wheel.
    $pip --no-cache-dir --upgrade $("$PYTHON" scripts/deps.py names)
else
    $pip $("$PYTHON" scripts/deps.py oldest)
fi
$pip -c "$constraints" -e . --group tests --group docs
echo "== pytest, $edge runtime dependencies:"
"$venv/bin/python" -m pip list --disable-pip-version-check 2>/dev/null \
    | grep -i -E "^($("$PYTHON" scripts/deps.py names | paste -sd '|' -)) " | sed 's/^/   /'
"$venv/bin/python" -m pytest -n auto -q "$@"
