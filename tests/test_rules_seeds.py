"""The built-in rules over the five seed plans: the real problems, and no false alarm.

Read through the jurisdiction plugins (from their source folders, see conftest.py). The
expected findings were checked against the documents by hand: two unit columns that
contradict their own ×10000 formulas (崇明 rows 14 and 15), a growth figure that matches
neither reading of its two values (重庆 row 11: 11 → 12 with 69.4), and a binding target the
万盛 baseline already meets (info).
"""

from __future__ import annotations

import importlib

from minzheng_plans.checking.runner import check_paths
from minzheng_plans.plugins.host import create_plugin_host

from .conftest import seed_path

PLUGINS = ("chongqing", "henan", "national", "shanghai")
# The families this module's rules own; MZ301/MZ302 follow the unit registry and catalog data.
JUDGED = ("MZ2", "MZ303", "MZ304", "MZ51")


def test_seed_plans_report_their_real_problems_only():
    """The seed plans give exactly their four real problems and 13 growth readings."""
    paths = [seed_path(prefix) for prefix in ("000", "001", "002", "003", "004")]
    modules = [importlib.import_module(f"minzheng_plans_{name}") for name in PLUGINS]
    host = create_plugin_host(entry_points=False, extra=modules)
    report = check_paths(paths, host, select=[*JUDGED, "MZ005"])
    found = sorted((f.plan, f.code, f.indicator) for f in report.findings if f.code != "MZ208")
    assert [
        ("310151-2021-2025", "MZ303", "t1.14"),
        ("310151-2021-2025", "MZ303", "t1.15"),
        ("500000-2016-2020", "MZ207", "t1.11"),
        ("500000-WS-2021-2025", "MZ204", "t2.11"),
    ] == found
    # Every other growth figure of the 重庆 completion table matched one reading.
    assert 13 == sum(1 for f in report.findings if f.code == "MZ208")
