"""Hypothesis profiles and shared fixtures.

``default`` is quick, for the edit-test loop; ``ci`` is thorough and is
what ``.ci/run`` selects through ``HYPOTHESIS_PROFILE``. The properties an
issue names a number of examples for (the fuzzing, the cross-format pairs)
ask for it themselves; everything else runs ``ci``'s 200, which keeps the
whole suite inside CI's time on a 2-core machine.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from threadkit import ThreadkitError

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The ``../shared`` folder of real-world material; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


# -- linear work -------------------------------------------------------------------------
#
# A read is compared with the same read of an input eight times as big: by
# the Python function calls it makes, counted with sys.setprofile (exact,
# but blind to work inside C, such as a regular expression backtracking),
# and by its processor time, best of three. Work that grows with the square
# of its input takes about 64 times as much at eight times the size; linear
# work about 8. The bounds leave room for a busy machine, not for the square.

Read = Callable[[], object]


def _calls(read: Read) -> int:
    """How many Python-level calls *read* makes (after a first read, which loads modules)."""
    with contextlib.suppress(ThreadkitError):
        read()
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        read()
    except ThreadkitError:
        pass
    finally:
        sys.setprofile(None)
    return count


def _seconds(read: Read) -> float:
    """The processor time *read* takes, best of three."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with contextlib.suppress(ThreadkitError):
            read()
        best = min(best, time.process_time() - start)
    return best


@pytest.fixture
def linear() -> Callable[[Read, Read], None]:
    """Fail unless reading *large* (eight times *small*'s input) takes about eight times the work.

    Only a :class:`~threadkit.ThreadkitError` may come out of either read.
    """

    def check(small: Read, large: Read) -> None:
        small_calls, large_calls = _calls(small), _calls(large)
        assert large_calls <= 12 * small_calls, (small_calls, large_calls)
        small_time, large_time = _seconds(small), _seconds(large)
        assert large_time <= 24 * max(small_time, 0.001), (small_time, large_time)

    return check
