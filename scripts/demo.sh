#!/bin/sh
# The main job: convert the bundled sample article to HTML and JSON, then show its thread.
set -eu
cd "$(dirname "$0")/.."
SETUP=package
. scripts/setup.sh
mkdir -p out
.venv/bin/threadkit convert examples/sample.txt --to html -o out/sample.html --force
.venv/bin/threadkit convert examples/sample.txt --to json -o out/sample.json --force
echo "wrote out/sample.html and out/sample.json"
.venv/bin/threadkit show examples/sample.txt
