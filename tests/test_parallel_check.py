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


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_divide_keeps_every_item_in_order_across_processes():
    """Divided work comes back part by part, in order, one part worked on in another process."""
    import os  # noqa: PLC0415

    from minzheng_plans.checking.parallel import divide  # noqa: PLC0415

    items = list(range(100))
    parts = divide(items, 2, lambda part: (os.getpid(), list(part)))
    assert items == [item for _pid, part in parts for item in part]
    assert 2 == len({pid for pid, _part in parts})
    assert os.getpid() == parts[-1][0]


def test_divide_with_one_job_works_once_here():
    """With one job the work runs once, on every item, in this process."""
    from minzheng_plans.checking.parallel import divide  # noqa: PLC0415

    assert [[0, 1, 2]] == divide([0, 1, 2], 1, list)


@pytest.fixture(scope="module")
def national_sample(tmp_path_factory):
    """About seventy synthetic plans of the benchmark corpus, with planted looser targets."""
    from pathlib import Path  # noqa: PLC0415

    benchmarks = str(Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        from corpus import generate  # noqa: PLC0415 - the benchmark corpus
    finally:
        sys.path.remove(benchmarks)

    folder = tmp_path_factory.mktemp("national")
    generate(folder, 0.02)
    return sorted(folder.glob("*.toml"))


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_divided_plan_set_rules_report_what_one_process_reports(national_sample):
    """With the cross-level rules divided among processes, the report (JSON included) is the
    one a single process gives, with MZ4xx findings on plans of both halves."""
    from minzheng_plans.output.check import check_json  # noqa: PLC0415

    host = create_plugin_host(entry_points=False)
    one = check_paths(national_sample, host, use_bundled=False, jobs=1, isolated=True)
    two = check_paths(national_sample, host, use_bundled=False, jobs=2, isolated=True)
    assert one.findings == two.findings
    assert one.suppressed == two.suppressed
    assert one.folded == two.folded
    assert [p.id for p in one.plans] == [p.id for p in two.plans]
    assert check_json(one.findings, one, host, "en") == check_json(two.findings, two, host, "en")
    ids = [p.id for p in two.plans]
    flagged = {ids.index(f.plan) for f in two.findings if f.code.startswith("MZ4") and f.plan}
    assert min(flagged) < len(ids) // 2 <= max(flagged)


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_divided_rules_follow_the_selection(national_sample):
    """Selecting some cross-level codes gives, under -j 2, what one process gives."""
    host = create_plugin_host(entry_points=False)
    chosen = {"select": ("MZ401", "MZ406"), "ignore": ("MZ406",)}
    one = check_paths(national_sample, host, use_bundled=False, jobs=1, isolated=True, **chosen)
    two = check_paths(national_sample, host, use_bundled=False, jobs=2, isolated=True, **chosen)
    assert one.findings == two.findings
    assert {"MZ401"} == {f.code for f in two.findings}


def _counting_rule(code: str, *, divisible: bool) -> object:
    """A plan-set rule that reports how many plans each call was given."""
    from minzheng_plans.core.findings import Severity  # noqa: PLC0415
    from minzheng_plans.plugins.hookspecs import Rule  # noqa: PLC0415

    def check(plans, context):
        return [
            context.finding(
                "Given {count} plans from {first}.", count=len(plans), first=plans[0].id
            )
        ]

    return Rule(
        code, f"test.count-{code}", Severity.INFO, "Counts", check, "plans", divisible=divisible
    )


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_only_divisible_plan_set_rules_are_divided(tmp_path):
    """Under -j 2 a plan-set rule that does not declare itself divisible is still called once
    with every plan; one that does (here, wrongly, since it counts its plans) is called on
    parts that add up to every plan."""
    from minzheng_plans.testing import make_host  # noqa: PLC0415

    _write_plans(tmp_path)
    host = make_host(
        _counting_rule("MZ951", divisible=False), _counting_rule("MZ952", divisible=True)
    )
    two = check_paths([tmp_path], host, use_bundled=False, jobs=2, isolated=True)
    counts = {
        code: sorted(int(dict(f.args)["count"]) for f in two.findings if f.code == code)
        for code in ("MZ951", "MZ952")
    }
    assert [COUNTY] == counts["MZ951"]
    assert 2 == len(counts["MZ952"])
    assert COUNTY == sum(counts["MZ952"])
    one = check_paths([tmp_path], host, use_bundled=False, jobs=1, isolated=True)
    assert [COUNTY, COUNTY] == [int(dict(f.args)["count"]) for f in one.findings if f.code > "MZ9"]


def test_class_rules_are_divisible_only_when_they_say_so():
    """A rule class without ``divisible`` is not divisible; with it, only over plan sets."""
    from minzheng_plans.plugins.hookspecs import is_divisible  # noqa: PLC0415

    class Older:
        code, name, scope = "MZ953", "test.older", "plans"

    class Newer(Older):
        divisible = True

    class PerPlan(Newer):
        scope = "plan"

    assert [False, True, False] == [is_divisible(r()) for r in (Older, Newer, PerPlan)]


def test_processes_for_jobs_and_items():
    """A job count stands when the items are enough to share; 0 is one per core; few items
    always stay in one process."""
    import os  # noqa: PLC0415

    from minzheng_plans.checking.inputs import MIN_PATHS_PER_WORKER, processes  # noqa: PLC0415

    enough = MIN_PATHS_PER_WORKER * 2
    assert [3, os.cpu_count() or 1, 1, 1] == [
        processes(3, enough),
        processes(0, enough),
        processes(3, enough - 1),
        processes(1, 10_000),
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_a_worker_killed_mid_run_leaves_the_report_of_one_process(tmp_path):
    """A worker killed while it reads (here by a rule that kills any process but the test's):
    its batches are read again in this process, and the report is the one-process report."""
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415

    from minzheng_plans.core.findings import Severity  # noqa: PLC0415
    from minzheng_plans.plugins.hookspecs import Rule  # noqa: PLC0415
    from minzheng_plans.testing import make_host  # noqa: PLC0415

    parent = os.getpid()

    def kill_a_worker(plan, context):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return []

    _write_plans(tmp_path)
    host = make_host(Rule("MZ954", "test.kill-worker", Severity.INFO, "Kills", kill_a_worker))
    counted: list[int] = []
    two = check_paths(
        [tmp_path], host, use_bundled=False, jobs=2, isolated=True, progress=counted.append
    )
    one = check_paths([tmp_path], host, use_bundled=False, jobs=1, isolated=True)
    assert one.findings == two.findings
    assert one.plans == two.plans
    assert COUNTY + 1 == sum(counted)


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_what_the_application_froze_stays_frozen(tmp_path):
    """A check on two processes leaves the objects an application froze (gc.freeze, as a
    pre-fork server does) frozen, and unfreezes only when nothing was frozen before it."""
    import gc  # noqa: PLC0415

    _write_plans(tmp_path)
    host = create_plugin_host()
    gc.unfreeze()
    try:
        check_paths([tmp_path], host, use_bundled=False, jobs=2, isolated=True)
        assert 0 == gc.get_freeze_count()
        kept = [[] for _ in range(1000)]  # lists, which the collector tracks
        gc.freeze()
        frozen = gc.get_freeze_count()
        check_paths([tmp_path], host, use_bundled=False, jobs=2, isolated=True)
        # Some frozen temporaries are freed meanwhile; nothing was unfrozen wholesale.
        assert len(kept) < gc.get_freeze_count()
        assert frozen > 1000
    finally:
        gc.unfreeze()
