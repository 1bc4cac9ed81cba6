"""Checking on several processes gives exactly what checking in one gives."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest

from minzheng_plans.checking.runner import check_paths
from minzheng_plans.plugins.host import create_plugin_host

from .conftest_plans import MINIMAL_PLAN

COUNTY = 40


def _write_plans(folder):
    for n in range(COUNTY):
        code = f"9901{n:02d}"
        text = MINIMAL_PLAN.replace("990102", code)
        if n % 7 == 0:  # a share above 100 % (MZ203), a per-plan rule's error
            text = text.replace("value = 55", "value = 120")
        (folder / f"{code}.toml").write_text(text, encoding="utf-8")
    # An unreadable file among them is reported the same way too.
    (folder / "broken.toml").write_text('schema = "minzheng-plans/1"\n[plan\n', encoding="utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_two_processes_find_what_one_finds(tmp_path):
    """Checking with two processes gives the findings, plans and unreadable count of one."""
    _write_plans(tmp_path)
    host = create_plugin_host(entry_points=False)
    one = check_paths([tmp_path], host, use_bundled=False, jobs=1)
    two = check_paths([tmp_path], host, use_bundled=False, jobs=2)
    assert one.findings == two.findings
    assert [p.id for p in one.plans] == [p.id for p in two.plans]
    assert one.unreadable == two.unreadable == 1
    assert "MZ203" in {f.code for f in two.findings}


def test_progress_counts_every_file(tmp_path):
    """The progress callback counts every file, the unreadable one included."""
    _write_plans(tmp_path)
    seen: list[int] = []
    check_paths(
        [tmp_path],
        create_plugin_host(entry_points=False),
        use_bundled=False,
        jobs=2,
        progress=seen.append,
    )
    assert COUNTY + 1 == sum(seen)


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_monitoring_values_reach_the_workers(tmp_path):
    """A monitoring file naming one plan gives the same MZ601 on one process and on two."""
    from minzheng_plans.core.progress import Actual, Monitoring  # noqa: PLC0415

    _write_plans(tmp_path)
    values = Monitoring((Actual("t1.1", 2025, Decimal(50)),), plan="990103-2021-2025")
    host = create_plugin_host(entry_points=False)
    one = check_paths([tmp_path], host, use_bundled=False, jobs=1, monitoring=[values])
    two = check_paths([tmp_path], host, use_bundled=False, jobs=2, monitoring=[values])
    assert one.findings == two.findings
    assert [("MZ601", "990103-2021-2025")] == [
        (f.code, f.plan) for f in two.findings if f.code.startswith("MZ6")
    ]


def test_batches_cover_every_path_once_and_shrink():
    """Work is cut in batches that keep every path once, in order, and never grow."""
    from pathlib import Path  # noqa: PLC0415

    from minzheng_plans.checking.parallel import MIN_PATHS_PER_WORKER, _batches  # noqa: PLC0415

    paths = [Path(f"{n}.toml") for n in range(500)]
    batches = _batches(paths, 2)
    sizes = [len(batch) for batch in batches]
    assert paths == [path for batch in batches for path in batch]
    assert sizes == sorted(sizes, reverse=True)
    assert 500 // 8 == sizes[0]
    assert all(MIN_PATHS_PER_WORKER <= size for size in sizes[:-1])
