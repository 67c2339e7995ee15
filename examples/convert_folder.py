"""Convert every article in a folder to another format.

Files are matched to a format by their suffix (see ``threadkit formats``);
other files are left alone. A file that cannot be read is reported and the
rest are still converted. An existing output is kept unless ``--force`` is
given, and each output is written atomically, so a failure never leaves a
half-written file. The ``threadkit convert`` command does the same for a
list of files.

Run it from the repository's root::

    $ python examples/convert_folder.py examples out --to json
    examples/sample.txt -> out/sample.json (12 comments)
    1 converted, 0 failed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import threadkit


def convert_folder(source: Path, target: Path, to: str, *, force: bool = False) -> int:
    """Convert the articles in *source* into *target*; return how many failed."""
    fmt = threadkit.get_format(to)
    target.mkdir(parents=True, exist_ok=True)
    converted = failed = 0
    for path in sorted(source.iterdir()):
        if not path.is_file():
            continue
        try:
            threadkit.guess_format(path)
        except threadkit.UnknownFormatError:
            continue  # not an article: a script, a README, ...
        output = target / (path.stem + fmt.suffixes[0])
        if output.exists() and not force:
            print(f"{path}: {output} exists; use --force to replace it", file=sys.stderr)
            failed += 1
            continue
        try:
            article = threadkit.load(path)
            threadkit.dump(article, output, format=fmt)
        except (threadkit.ThreadkitError, OSError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            failed += 1
            continue
        converted += 1
        print(f"{path} -> {output} ({article.comment_count} comments)")
    print(f"{converted} converted, {failed} failed")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the folder of articles")
    parser.add_argument("target", type=Path, help="the folder to write into (created if needed)")
    parser.add_argument("--to", default="json", help="the format to write (default: json)")
    parser.add_argument("--force", action="store_true", help="replace existing outputs")
    args = parser.parse_args()
    return 1 if convert_folder(args.source, args.target, args.to, force=args.force) else 0


if __name__ == "__main__":
    sys.exit(main())
