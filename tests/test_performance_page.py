"""docs/performance.md shows the saved benchmark run: its figures block is what
benchmarks/report.py renders from benchmarks/last-run.json, never typed by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import report  # noqa: E402 - the benchmark package is not installed


def test_page_block_is_the_saved_run() -> None:
    """The page's figures block equals the block rendered from the saved run."""
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    run = json.loads((ROOT / "benchmarks" / "last-run.json").read_text(encoding="utf-8"))
    start = page.index(report.BEGIN)
    end = page.index(report.END, start) + len(report.END)
    assert report.markdown(run) == page[start:end]


def test_every_target_of_the_saved_run_is_judged() -> None:
    """Each figure of the issue has a measured value and a verdict in the saved run."""
    run = json.loads((ROOT / "benchmarks" / "last-run.json").read_text(encoding="utf-8"))
    rows = report.judge(run)
    assert len(report.TARGETS) == len(rows)
    assert [] == [row["figure"] for row in rows if row["measured"] is None or row["met"] is None]


def test_the_machine_line_shows_the_cpu_time_the_host_took() -> None:
    """A run that recorded stolen CPU time shows it beside the load average; one without, not."""
    run = json.loads((ROOT / "benchmarks" / "last-run.json").read_text(encoding="utf-8"))
    run["run"].pop("stolen_seconds", None)
    assert "taken by the host" not in report.machine_line(run)
    run["run"]["stolen_seconds"] = 1.5
    assert "; 1.5 s of CPU time taken by the host during the run" in report.machine_line(run)
