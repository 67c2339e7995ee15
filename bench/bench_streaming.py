"""Peak memory of reading large Disqus and WordPress exports with threadkit.load_all.

Generates, in a temporary folder, a Disqus export and a WordPress (WXR)
export of about 10 MB and about 100 MB (seeded, so every run reads the same
files), then reads each one in a fresh subprocess that iterates
``threadkit.load_all(path)`` and keeps nothing but counts. Each subprocess
reports its peak resident memory (``ru_maxrss``); a subprocess that only
imports threadkit gives the floor.

Streaming holds when the peak does not grow with the file: the 100 MB row
should need about what the 10 MB row needs, not ten times as much. The
Disqus reader also spills posts to a temporary SQLite file once it holds
more than ``spill_after`` of them (posts may name any thread, anywhere in
the file, so no thread is complete before the end).

Run it with nothing else busy (it takes a few minutes and about 250 MB of
temporary disk)::

    .venv/bin/python bench/bench_streaming.py
    .venv/bin/python bench/bench_streaming.py --sizes 5 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

VOCABULARY = (
    "the council voted on the new bridge budget and housing plan while residents asked "
    "about flooding transport schools taxes energy prices and the river park café naïve "
    "Zürich São Kraków “quoted” — … & < > 東京"
)
WORDS = VOCABULARY.split()
START = datetime(2020, 1, 1, tzinfo=UTC)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _when(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(0, 3 * 365 * 86400))


# -- generating exports -----------------------------------------------------------------


def write_disqus(out: IO[str], target: int, rng: random.Random) -> None:
    """A Disqus export of about *target* bytes: threads first, then their posts, interleaved."""
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write('<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n')
    out.write('  <category dsq:id="1"><forum>bench</forum><title>General</title></category>\n')
    written = 0
    thread_id = 0
    post_id = 0
    while written < target:
        # A batch of threads, then all their posts shuffled together, as an
        # export sorted by time would mix them.
        batch: list[str] = []
        threads = range(thread_id + 1, thread_id + 101)
        thread_id += 100
        for tid in threads:
            batch.append(
                f'  <thread dsq:id="{tid}"><id>article-{tid}</id><forum>bench</forum>'
                f'<category dsq:id="1"/><link>https://news.example/{tid}</link>'
                f"<title>{_escape(_sentence(rng, 8))}</title><message/>"
                f"<createdAt>{_when(rng):%Y-%m-%dT%H:%M:%SZ}</createdAt>"
                "<author><name>Desk</name><isAnonymous>false</isAnonymous>"
                "<username>desk</username></author></thread>\n"
            )
        posts: list[str] = []
        for tid in threads:
            ids: list[int] = []
            for _ in range(rng.randint(10, 60)):
                post_id += 1
                parent = ""
                if ids and rng.random() < 0.6:
                    parent = f'<parent dsq:id="{rng.choice(ids)}"/>'
                ids.append(post_id)
                message = "".join(
                    f"<p>{_escape(_sentence(rng, rng.randint(8, 40)))}</p>"
                    for _ in range(rng.randint(1, 3))
                )
                name = f"user{rng.randrange(5000)}"
                posts.append(
                    f'  <post dsq:id="{post_id}"><id/><message><![CDATA[{message}]]></message>'
                    f"<createdAt>{_when(rng):%Y-%m-%dT%H:%M:%SZ}</createdAt>"
                    "<isDeleted>false</isDeleted>"
                    f"<isSpam>{'true' if rng.random() < 0.02 else 'false'}</isSpam>"
                    f"<author><email>{name}@mail.example</email><name>{name}</name>"
                    f"<isAnonymous>false</isAnonymous><username>{name}</username></author>"
                    f"<ipAddress>192.0.2.{rng.randrange(256)}</ipAddress>"
                    f'<thread dsq:id="{tid}"/>{parent}</post>\n'
                )
        rng.shuffle(posts)
        chunk = "".join(batch) + "".join(posts)
        out.write(chunk)
        written += len(chunk.encode("utf-8"))
    out.write("</disqus>\n")


def write_wxr(out: IO[str], target: int, rng: random.Random) -> None:
    """A WXR export of about *target* bytes: posts, each with its comments."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        "<title>Bench Gazette</title><wp:wxr_version>1.2</wp:wxr_version>\n"
        "<wp:author><wp:author_login>desk</wp:author_login>"
        "<wp:author_display_name>Desk</wp:author_display_name></wp:author>\n"
    )
    written = 0
    post_id = 0
    comment_id = 0
    while written < target:
        post_id += 1
        when = _when(rng)
        body = "\n\n".join(_sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(3, 8)))
        parts = [
            f"<item><title>{_escape(_sentence(rng, 8))}</title>"
            f"<link>https://news.example/{post_id}</link><dc:creator>desk</dc:creator>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            f"<wp:post_id>{post_id}</wp:post_id>"
            f"<wp:post_date>{when:%Y-%m-%d %H:%M:%S}</wp:post_date>"
            f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>\n"
        ]
        ids: list[int] = []
        for _ in range(rng.randint(5, 50)):
            comment_id += 1
            parent = rng.choice(ids) if ids and rng.random() < 0.6 else 0
            ids.append(comment_id)
            text = "\n".join(_sentence(rng, rng.randint(8, 40)) for _ in range(rng.randint(1, 3)))
            name = f"reader{rng.randrange(5000)}"
            at = when + timedelta(minutes=rng.randrange(1, 10000))
            parts.append(
                f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                f"<wp:comment_author><![CDATA[{name}]]></wp:comment_author>"
                f"<wp:comment_author_email>{name}@mail.example</wp:comment_author_email>"
                f"<wp:comment_author_IP>198.51.100.{rng.randrange(256)}</wp:comment_author_IP>"
                f"<wp:comment_date>{at:%Y-%m-%d %H:%M:%S}</wp:comment_date>"
                f"<wp:comment_date_gmt>{at:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
                f"<wp:comment_content><![CDATA[{text}]]></wp:comment_content>"
                "<wp:comment_approved>1</wp:comment_approved>"
                f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
            )
        parts.append("</item>\n")
        chunk = "".join(parts)
        out.write(chunk)
        written += len(chunk.encode("utf-8"))
    out.write("</channel>\n</rss>\n")


# -- measuring ---------------------------------------------------------------------------


def child(path: str | None) -> None:
    """Read *path* with load_all in this process and print what it took, as JSON."""
    import resource

    import threadkit

    articles = comments = 0
    started = time.perf_counter()
    if path is not None:
        for article in threadkit.load_all(path):
            articles += 1
            comments += article.comment_count
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"articles": articles, "comments": comments, "seconds": elapsed, "peak_kib": peak_kib}
        )
    )


def measure(path: Path | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(path) if path else "-"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100], help="sizes in MB")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(None if args.child == "-" else args.child)
        return

    writers: dict[str, Callable[[IO[str], int, random.Random], None]] = {
        "disqus": write_disqus,
        "wordpress": write_wxr,
    }
    floor = measure(None)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu(s)")
    print(f"floor (import threadkit only): peak {floor['peak_kib'] / 1024:.1f} MiB\n")
    header = f"{'format':<10} {'file MB':>8} {'articles':>9} {'comments':>9} {'seconds':>8}"
    print(header + f" {'peak MiB':>9} {'over floor':>11}")
    with tempfile.TemporaryDirectory(prefix="threadkit-bench-") as folder:
        for name, write in writers.items():
            peaks: list[float] = []
            for size in args.sizes:
                path = Path(folder) / f"{name}-{size}mb.xml"
                with path.open("w", encoding="utf-8") as out:
                    write(out, size * 1_000_000, random.Random(size))
                result = measure(path)
                peak = result["peak_kib"] / 1024
                over = peak - floor["peak_kib"] / 1024
                peaks.append(over)
                print(
                    f"{name:<10} {path.stat().st_size / 1e6:>8.1f} {result['articles']:>9.0f} "
                    f"{result['comments']:>9.0f} {result['seconds']:>8.1f} {peak:>9.1f} "
                    f"{over:>11.1f}"
                )
                path.unlink()
            if len(peaks) > 1 and peaks[0] > 0:
                print(
                    f"{name:<10} memory over floor, largest / smallest file: "
                    f"{peaks[-1] / peaks[0]:.2f} (file size ratio "
                    f"{args.sizes[-1] / args.sizes[0]:.0f})"
                )


if __name__ == "__main__":
    main()
