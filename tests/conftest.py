"""Shared test set-up: the plugin distributions in plugins/ import without being installed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"

for source in sorted((ROOT / "plugins").glob("*/src")):
    if str(source) not in sys.path:
        sys.path.insert(0, str(source))
