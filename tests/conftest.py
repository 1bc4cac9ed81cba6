"""Shared test set-up: the plugin distributions in plugins/ import without being installed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"

for source in sorted((ROOT / "plugins").glob("*/src")):
    if str(source) not in sys.path:
        sys.path.insert(0, str(source))


def seed(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix``; skips when the seeds are absent."""
    import pytest  # noqa: PLC0415 - conftest imports stay light for collection

    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here ({SEEDS})")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"no seed document {prefix}_*.txt in {SEEDS}")
    return found[0]
