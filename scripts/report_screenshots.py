"""Render the three HTML reports of the bundled plans and screenshot them for the docs.

Usage::

    python scripts/report_screenshots.py [--out docs/images] [--lang zh|en]

Writes ``report-check.png``, ``report-evaluation.png`` and ``report-comparison.png`` (the top
of each page, 1200 × 1000 CSS pixels) with headless Chromium: Debian's ``chromium`` driven by
Playwright, no browser download (``MINZHENG_CHROMIUM`` names another binary). The reports are
the ones the docs describe: a check of ``data/plans`` and ``examples/``, the mid-term
evaluation of the bundled Chongming plan with ``examples/chongming-monitoring-2023.csv``,
and a comparison of the bundled plans with the example county.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.analysis.evaluate import evaluate_plan
from minzheng_plans.analysis.monitoring import read_monitoring
from minzheng_plans.checking.bundled import bundled_plans
from minzheng_plans.checking.runner import check_paths
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.output.html import (
    render_check_html,
    render_comparison_html,
    render_evaluation_html,
)
from minzheng_plans.plugins.host import create_plugin_host

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 1, 15)


def pages(lang: str) -> dict[str, str]:
    """The three reports, by name."""
    host = create_plugin_host()
    report = check_paths([ROOT / "data" / "plans", ROOT / "examples"], host)
    chongming = read_plan(ROOT / "data" / "plans" / "310151-2021-2025.toml")
    evaluation = evaluate_plan(
        chongming,
        read_monitoring(ROOT / "examples" / "chongming-monitoring-2023.csv"),
        catalog=host.catalog(),
        units=host.units(),
    )
    table = compare_plans(
        [*bundled_plans(), read_plan(ROOT / "examples" / "lanxi-county-2021-2025.toml")],
        [
            "EC-NURSING-BED-SHARE",
            "SA-RURAL-URBAN-DIBAO-RATIO",
            "CW-MINOR-PROTECTION-STATION-COVERAGE",
        ],
        catalog=host.catalog(),
        units=host.units(),
        jurisdictions=host.jurisdictions(),
    )
    return {
        "check": render_check_html(report, lang=lang, related_plans=bundled_plans(), generated=DAY),
        "evaluation": render_evaluation_html(evaluation, lang=lang, plan=chongming, generated=DAY),
        "comparison": render_comparison_html(table, lang=lang, generated=DAY),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - the test extra

    chromium = os.environ.get("MINZHENG_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        parser.error("no chromium: apt-get install -y chromium, or set MINZHENG_CHROMIUM")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        for name, html in pages(args.lang).items():
            path = Path(folder) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            page.goto(path.as_uri())
            target = args.out / f"report-{name}.png"
            page.screenshot(path=str(target))
            print(target)  # noqa: T201 - a maintainer's script
        browser.close()


if __name__ == "__main__":
    main()
