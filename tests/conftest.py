"""Hypothesis profiles: "ci" (500 examples, derandomized) by default, "dev" for quick runs.

Select with ``HYPOTHESIS_PROFILE=dev``. Deadlines are off: the machine running the suite is
shared, and a slow example is not a wrong one.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=500,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
