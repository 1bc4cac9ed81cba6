"""pytest at the repository root: the distributions in ``plugins/`` and ``examples/`` run their
own tests with the core's.

Their packages are importable from their source folders, so ``pip install -e ".[test]" &&
pytest`` (the README's command) runs every plugin's tests without installing the plugins; an
installed plugin is the same code. Run alone (``cd plugins/minzheng-plans-henan && pytest``),
a plugin's tests use its own ``pyproject.toml`` and never load this file.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DISTRIBUTION_SOURCES = sorted(
    [*ROOT.glob("plugins/*/src"), ROOT / "examples" / "minimal_plugin" / "src"]
)

for _src in DISTRIBUTION_SOURCES:
    if str(_src) not in sys.path:
        sys.path.insert(0, str(_src))

# The compiled cache (minzheng_plans.files.cache) of a test run lives in a folder of its own,
# never in the user's cache; subprocesses the tests start inherit it.
if "MINZHENG_PLANS_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="minzheng-plans-cache-")
    os.environ["MINZHENG_PLANS_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
