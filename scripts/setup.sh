#!/bin/sh
# Create .venv (if needed) and install threadkit into it, at the versions of
# requirements/lock.txt. Sourced by the other scripts; needs only Python 3.11+.
#   SETUP=package   threadkit alone (what scripts/demo.sh needs)
#   SETUP=dev       threadkit and its whole development toolchain (the default)
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
SETUP=${SETUP:-dev}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
pip_install() {
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/lock.txt "$@"
}
fresh() {  # whether the stamp $1 is newer than what it was made from
    [ -f "$1" ] && [ ! pyproject.toml -nt "$1" ] && [ ! requirements/lock.txt -nt "$1" ]
}
if [ "$SETUP" = package ]; then
    if ! fresh .venv/.threadkit-dev && ! fresh .venv/.threadkit-package; then
        pip_install -e .
        touch .venv/.threadkit-package
    fi
elif ! fresh .venv/.threadkit-dev; then
    # Dependency groups (--group) need pip 25.1 or newer: the locked pip first.
    pip_install pip
    pip_install -e . --group dev
    touch .venv/.threadkit-dev
fi
