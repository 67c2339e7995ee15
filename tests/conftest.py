"""Hypothesis profiles and shared fixtures.

``default`` is quick, for the edit-test loop; ``ci`` is thorough and is
what ``.ci/run`` selects through ``HYPOTHESIS_PROFILE``. The properties an
issue names a number of examples for (the fuzzing, the cross-format pairs)
ask for it themselves; everything else runs ``ci``'s 200, which keeps the
whole suite inside CI's time on a 2-core machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
