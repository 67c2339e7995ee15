"""Convert a folder of articles on a Dask cluster, one task per file.

This is ``threadkit convert FOLDER --to FORMAT -o OUT`` for corpora larger
than one machine: the same outputs (each input's name with the new suffix,
and ``name-1``, ``name-2``, ... for each article of an export that holds
several), written by Dask workers instead of local processes. Each task
reads its file with ``threadkit.load_all`` and writes with ``threadkit.dump``,
which writes atomically, so a failed or cancelled task never leaves half a
file. A file that cannot be converted is reported and the rest go on.

Without ``--scheduler`` the script starts a small cluster inside itself;
with ``--scheduler tcp://HOST:8786`` the same code runs on that cluster,
whose workers must have threadkit installed and see the folders at the
same paths (a shared file system). It needs ``pip install distributed``.

Run it from the repository's root::

    $ python examples/dask_convert.py examples out --to json
    examples/sample.txt -> out/sample.json
    converted 1 file into out (1 article)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import threadkit

try:
    from distributed import Client, LocalCluster
except ImportError:
    sys.exit("this example needs Dask's distributed scheduler: pip install distributed")


def convert_file(source: str, target: str, to: str, force: bool) -> tuple[list[str], str | None]:
    """Convert one file into the folder *target*: the outputs written, or why none were.

    Runs on a worker, so it takes and returns plain values.
    """
    fmt = threadkit.get_format(to)
    path = Path(source)
    try:
        articles = list(threadkit.load_all(path))
        if not articles:
            return [], f"{source}: holds no article"
        if len(articles) == 1:
            outputs = [Path(target) / (path.stem + fmt.suffixes[0])]
        else:
            outputs = [
                Path(target) / f"{path.stem}-{n}{fmt.suffixes[0]}"
                for n in range(1, len(articles) + 1)
            ]
        existing = [str(output) for output in outputs if output.exists()]
        if existing and not force:
            return [], f"{source}: {existing[0]} exists; use --force to replace it"
        for article, output in zip(articles, outputs, strict=True):
            threadkit.dump(article, output, format=fmt)
    except (threadkit.ThreadkitError, OSError) as error:
        return [], f"{source}: {error}"
    return [str(output) for output in outputs], None


def articles_in(folder: Path) -> list[str]:
    """The files in *folder* whose suffix names a format, as ``threadkit convert FOLDER`` takes."""
    suffixes = {suffix for fmt in threadkit.FORMATS for suffix in fmt.suffixes}
    return [
        str(path)
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in suffixes and not path.name.startswith(".") and path.is_file()
    ]


def convert_on_dask(
    client: Client, sources: list[str], target: Path, to: str, *, force: bool = False
) -> int:
    """Convert *sources* on the cluster behind *client*; print a line each; return failures."""
    futures = client.map(convert_file, sources, target=str(target), to=to, force=force, pure=False)
    failed = articles = 0
    for source, (written, error) in zip(sources, client.gather(futures), strict=True):
        if error is not None:
            print(error, file=sys.stderr)
            failed += 1
            continue
        articles += len(written)
        print(f"{source} -> {', '.join(written)}")
    files = f"{len(sources)} file{'' if len(sources) == 1 else 's'}"
    done = f"{len(sources) - failed} of {files}" if failed else files
    summary = f"converted {done} into {target} ({articles} article{'' if articles == 1 else 's'})"
    print(summary + (f"; {failed} failed" if failed else ""))
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the folder of articles")
    parser.add_argument("target", type=Path, help="the folder to write into (created if needed)")
    parser.add_argument("--to", default="json", help="the format to write (default: json)")
    parser.add_argument("--force", action="store_true", help="replace existing outputs")
    parser.add_argument("--scheduler", help="a Dask scheduler's address (default: a local one)")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    sources = articles_in(args.source)
    if args.scheduler is not None:
        with Client(args.scheduler) as client:
            failed = convert_on_dask(client, sources, args.target, args.to, force=args.force)
    else:
        # Threads in this process: quick to start, and enough to show the flow.
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            failed = convert_on_dask(client, sources, args.target, args.to, force=args.force)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
