"""Coverage-guided fuzzing of one reader with atheris, run by hand (pytest does not collect it).

    .venv/bin/python -m pip install atheris   # the fuzz dependency group
    .venv/bin/python tests/fuzz/atheris_readers.py READER [libFuzzer options] [CORPUS_DIR]

for example ``tests/fuzz/atheris_readers.py disqus -max_total_time=60 /tmp/corpus-disqus``.
The check is the one the Hypothesis tests make (``read_or_refuse`` in
``test_fuzz_readers.py``): anything but a located ``ParseError`` is a crash,
and libFuzzer writes the input to ``crash-*``. A corpus directory that does
not exist yet is filled with the same valid documents the Hypothesis tests
damage. Keep every crashing input under ``regressions/`` once it is fixed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["threadkit"]):
    from threadkit.formats import FORMATS

    # Format modules are imported on first use: import them all now, instrumented.
    for _format in FORMATS:
        _format._implementation()

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("fuzz_checks", HERE / "test_fuzz_readers.py")
assert _spec is not None
assert _spec.loader is not None
checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checks)


def _seed(name: str, corpus: Path) -> None:
    corpus.mkdir(parents=True)
    if name in checks.WRITABLE:
        documents = checks._written(name)
    else:
        documents = [
            (checks.IMPORTER_DATA / file).read_bytes() for file in checks.IMPORTER_FILES[name]
        ]
    for number, document in enumerate(documents):
        (corpus / f"seed-{number:03}").write_bytes(document)


def main() -> None:
    name, *rest = sys.argv[1:]
    if name not in checks.READERS:
        raise SystemExit(f"the reader must be one of {', '.join(checks.READERS)}")
    for argument in rest:
        if not argument.startswith("-") and not Path(argument).exists():
            _seed(name, Path(argument))

    def one_input(data: bytes) -> None:
        checks.read_or_refuse(name, data)

    atheris.Setup([sys.argv[0], *rest], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
