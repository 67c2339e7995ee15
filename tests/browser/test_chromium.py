"""The written page in a real browser: headless Chromium, driven over the DevTools protocol.

The page itself has no JavaScript. These tests measure it from outside: a
small client (standard library only) speaks the DevTools protocol to
Chromium over ``--remote-debugging-pipe``, loads the page, asks for the
boxes of the comment cards with ``Runtime.evaluate``, clicks like a user
with ``Input.dispatchMouseEvent`` and takes screenshots.

They skip when no Chromium is on ``PATH`` (Debian: ``apt-get install chromium``),
saying what was looked for, and fail instead under ``.ci/run``, which installs it
and sets ``THREADKIT_REQUIRE_CHROMIUM``.
Run as a script to refresh the screenshots in the documentation::

    .venv/bin/python tests/browser/test_chromium.py docs/_static
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from threadkit import Article, Author, Comment
from threadkit.formats import html as tk_html

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = next((found for name in NAMES if (found := shutil.which(name))), None)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
)
ROOT = Path(__file__).resolve().parents[2]

# .ci/run sets THREADKIT_REQUIRE_CHROMIUM once it has installed Chromium: there
# a browser that cannot be found fails the tests instead of skipping them.
if CHROMIUM is None and os.environ.get("THREADKIT_REQUIRE_CHROMIUM"):
    raise RuntimeError(
        f"THREADKIT_REQUIRE_CHROMIUM is set, but none of {', '.join(NAMES)} "
        f"is on PATH ({os.environ.get('PATH', '')})"
    )
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason=f"Chromium is not installed: none of {', '.join(NAMES)} is on PATH "
    f"({os.environ.get('PATH', '')}); Debian: apt-get install chromium",
)


class Browser:
    """Headless Chromium and one page in it, over the DevTools pipe."""

    def __init__(self, profile: Path, timeout: float = 120.0) -> None:
        assert CHROMIUM is not None
        self.timeout = timeout
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def give_pipe_to_chromium() -> None:  # in the child, before exec
            # Chromium reads commands on fd 3 and writes answers on fd 4.
            reading = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            writing = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self._log = open(profile.parent / "chromium.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=give_pipe_to_chromium,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=True)

    # -- the protocol --------------------------------------------------------------

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise ConnectionError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        received: dict[str, Any] = json.loads(message)
        return received

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, event: str) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            for index, seen in enumerate(self.events):
                if seen.get("method") == event:
                    del self.events[: index + 1]
                    return
            self.events.append(self._receive(deadline))

    # -- what the tests do -----------------------------------------------------------

    def open(self, path: Path, width: int = 1000, height: int = 800, mobile: bool = False) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.events.clear()
        self.call("Page.navigate", session=True, url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                session=True,
                type=kind,
                x=x,
                y=y,
                button="left",
                clickCount=1,
            )

    def screenshot(self, target: Path, max_height: int = 4000) -> None:
        size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
        width = int(size["width"])
        height = min(int(size["height"]) + 1, max_height)
        data = self.call(
            "Page.captureScreenshot",
            session=True,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )["data"]
        target.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(ConnectionError, TimeoutError, RuntimeError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    profile.mkdir()
    started = Browser(profile)
    try:
        yield started
    finally:
        started.close()


# The cards as drawn: box, whether shown, and the card each one replies to.
CARDS = """
Array.from(document.querySelectorAll("article.tk-c"), (card) => {
  const box = card.getBoundingClientRect();
  const parent = card.querySelector(":scope > [itemprop=parentItem]");
  return {
    id: card.id,
    left: box.left,
    top: box.top,
    shown: card.checkVisibility() && box.width > 0 && box.height > 0,
    parent: parent ? parent.getAttribute("href").slice(1) : null,
    link: card.querySelector(":scope > a.tk-re") !== null,
  };
})
"""


def generated_thread(seed: int = 7, count: int = 120, max_depth: int = 11) -> Article:
    """A seeded random thread: replies to recent comments, no deeper than *max_depth*."""
    rng = random.Random(seed)
    depths: list[int] = []
    parents: list[int] = []
    for index in range(count):
        candidates = [i for i in range(max(0, index - 12), index) if depths[i] < max_depth]
        if candidates and rng.random() < 0.75:
            parent = rng.choice(candidates)
            parents.append(parent)
            depths.append(depths[parent] + 1)
        else:
            parents.append(-1)
            depths.append(1)
    words = ("lane", "council", "parking", "bike", "shop", "street", "vote", "school", "traffic")
    children: list[list[int]] = [[] for _ in range(count)]
    roots = []
    for index, parent in enumerate(parents):
        (roots if parent < 0 else children[parent]).append(index)
    built: dict[int, Comment] = {}
    for index in range(count - 1, -1, -1):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 60)))
        built[index] = Comment(
            text=text if index % 17 else "",
            author=Author(name=f"reader{index % 9}") if index % 5 else None,
            score=rng.randint(-3, 40),
            state="deleted" if index % 17 == 0 else "visible",
            replies=tuple(built.pop(child) for child in children[index]),
        )
    return Article(
        title="A generated thread",
        body="Some text.\n\nMore text.",
        comments=tuple(built[index] for index in roots),
    )


def write_page(directory: Path, article: Article, name: str, **options: Any) -> Path:
    path = directory / name
    path.write_text(tk_html.write(article, **options), encoding="utf-8")
    return path


def check_thread(article: Article, cards: list[dict[str, Any]], nesting: int) -> None:
    """Every comment is shown, in thread order, and each reply to the right of its parent."""
    assert len(cards) == article.comment_count
    assert sum(card["shown"] for card in cards) == article.comment_count
    by_id = {card["id"]: card for card in cards}
    visits = list(article.visits())
    for card, visit in zip(cards, visits, strict=True):
        if visit.parent is None:
            assert card["parent"] is None
            continue
        parent = by_id[card["parent"]]
        assert parent["top"] < card["top"]
        if visit.depth <= nesting + 1:
            assert card["left"] > parent["left"], (card, parent)
            assert not card["link"]
        else:
            # Past the nesting bound a reply is drawn no further left, with a link.
            assert card["left"] >= parent["left"]
            assert card["link"]


def test_a_generated_thread_shows_every_comment_with_replies_to_the_right(
    browser: Browser, tmp_path: Path
) -> None:
    article = generated_thread()
    assert article.depth == 11
    browser.open(write_page(tmp_path, article, "thread.html"))
    check_thread(article, browser.evaluate(CARDS), tk_html.DEFAULT_MAX_NESTING)
    browser.screenshot(tmp_path / "thread.png")
    assert (tmp_path / "thread.png").read_bytes().startswith(b"\x89PNG")


def test_a_click_on_replies_folds_them_without_javascript(browser: Browser, tmp_path: Path) -> None:
    article = generated_thread()
    assert "<script" not in tk_html.write(article)
    browser.open(write_page(tmp_path, article, "fold.html"))
    first = article.comments[0]
    below = first.descendant_count
    assert below > 0
    box = browser.evaluate(
        """(() => { const b = document.querySelector("details.tk-replies > summary")
        .getBoundingClientRect(); return [b.left + 5, b.top + b.height / 2]; })()"""
    )
    browser.click(*box)
    cards = browser.evaluate(CARDS)
    assert sum(card["shown"] for card in cards) == article.comment_count - below
    browser.click(*box)
    assert sum(card["shown"] for card in browser.evaluate(CARDS)) == article.comment_count


def test_on_a_phone_nothing_sticks_out_sideways(browser: Browser, tmp_path: Path) -> None:
    article = generated_thread(max_depth=11)
    long_word = Article(
        title="A" * 200,
        comments=(Comment(text="https://example.org/" + "x" * 300), *article.comments),
    )
    browser.open(write_page(tmp_path, long_word, "phone.html"), width=375, height=700, mobile=True)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 375
    check_thread(long_word, browser.evaluate(CARDS), tk_html.DEFAULT_MAX_NESTING)
    browser.screenshot(tmp_path / "phone.png")


def test_a_reply_chain_10000_deep_renders_every_comment(browser: Browser, tmp_path: Path) -> None:
    comment = None
    for number in range(10_000, 0, -1):
        comment = Comment(text=f"reply {number}", replies=(comment,) if comment else ())
    assert comment is not None
    article = Article(title="Deep", comments=(comment,))
    browser.open(write_page(tmp_path, article, "deep.html"))
    check_thread(article, browser.evaluate(CARDS), tk_html.DEFAULT_MAX_NESTING)


def docs_screenshots(target: Path) -> None:
    """Write the documentation's screenshots of the bundled sample article."""
    import threadkit

    article = threadkit.load(ROOT / "examples" / "sample.txt")
    with tempfile.TemporaryDirectory() as scratch:
        profile = Path(scratch) / "profile"
        profile.mkdir()
        browser = Browser(profile)
        try:
            page = write_page(Path(scratch), article, "sample.html")
            browser.open(page, width=900, height=900)
            browser.screenshot(target / "html-sample.png", max_height=2600)
            browser.open(page, width=390, height=844, mobile=True)
            browser.screenshot(target / "html-sample-phone.png", max_height=1700)
        finally:
            browser.close()


if __name__ == "__main__":
    if CHROMIUM is None:
        sys.exit("Chromium is not installed")
    docs_screenshots(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "_static")


def test_a_permalink_scrolls_to_its_comment_and_opens_the_replies_that_hold_it(
    browser: Browser, tmp_path: Path
) -> None:
    # A reply chain with ids, 14 deep, below enough long comments that it
    # starts far below the first screen.
    chain = None
    for level in range(14, 0, -1):
        chain = Comment(text=f"level {level}", id=f"r {level}", replies=(chain,) if chain else ())
    assert chain is not None
    filler = tuple(Comment(text="A long comment. " * 80) for _ in range(25))
    article = Article(title="Permalinks", comments=(*filler, chain))
    page = write_page(tmp_path, article, "permalinks.html")
    assert "<script" not in page.read_text("utf-8")
    browser.open(page, width=800, height=600)
    # Fold every <details>, as a reader may have done, then follow links to
    # a comment inside the folded replies and to one past the nesting bound.
    for target in ("c-r%208", "c-r%2013"):
        browser.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = false; })")
        assert browser.evaluate("document.querySelectorAll('details[open]').length") == 0
        browser.call("Page.navigate", session=True, url=f"{page.as_uri()}#{target}")
        found = browser.evaluate(
            f"""(() => {{
              const card = document.getElementById({json.dumps(target)});
              const box = card.getBoundingClientRect();
              let folded = 0;
              for (let e = card.parentElement; e; e = e.parentElement)
                if (e.tagName === "DETAILS" && !e.open) folded++;
              return {{
                top: box.top, bottom: box.bottom, height: innerHeight, folded,
                shown: card.checkVisibility(), hash: location.hash,
                here: card.querySelector(":scope > a.tk-here").getAttribute("href"),
              }};
            }})()"""
        )
        assert found["hash"] == f"#{target}"
        assert found["here"] == f"#{target}"
        assert found["folded"] == 0
        assert found["shown"]
        assert 0 <= found["top"] < found["height"]
