"""compare, evaluate, export and chart on the bundled plans (data/plans), as the docs show."""

from pathlib import Path

from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.analysis.evaluate import Status, evaluate_plan
from minzheng_plans.analysis.export import export_plans, tidy_rows
from minzheng_plans.files.monitoring import read_monitoring
from minzheng_plans.files.planfile import read_plan

ROOT = Path(__file__).parents[1]
PLANS = ROOT / "data" / "plans"
NATIONAL = PLANS / "000000-2021-2025.toml"
CHONGMING = PLANS / "310151-2021-2025.toml"
WANSHENG = PLANS / "500000-WS-2021-2025.toml"
MONITORING = ROOT / "examples" / "chongming-monitoring-2023.csv"


def test_the_bundled_plans_are_here():
    """They are committed data: the tests below read them, never skip without them."""
    assert all(p.exists() for p in (NATIONAL, CHONGMING, WANSHENG))


def _all():
    return [read_plan(path) for path in sorted(PLANS.glob("*.toml"))]


def test_nursing_bed_share_across_the_bundled_plans():
    """The nursing-bed share compares across bundled plans: 崇明's ≥60 under the national ≥55."""
    table = compare_plans(_all(), ["EC-NURSING-BED-SHARE"])
    tables = {(r.jurisdiction_code, r.indicator_id): r for r in table if r.indicator_id[0] == "t"}
    national = tables["000000", "t1.14"]
    chongming = tables["310151", "t1.4"]
    assert (national.allowed, national.attribute) == ("≥55", "binding")
    assert (chongming.allowed, chongming.parent) == ("≥60", national.plan)
    assert all(r.comparable for r in table)


def test_the_district_below_the_national_target_is_visible():
    """Wansheng's minor-protection station targets show below the national one."""
    table = compare_plans(
        [read_plan(NATIONAL), read_plan(WANSHENG)], ["CW-MINOR-PROTECTION-STATION-COVERAGE"]
    )
    national, *zone = table.rows
    assert zone
    assert all(row.target_low < national.target_low for row in zone)


def test_mid_term_of_chongming_with_the_example_values():
    """崇明's mid-term with the example values: met, on track, off track; 万张 converted."""
    result = evaluate_plan(read_plan(CHONGMING), read_monitoring(MONITORING))
    status = {item.id: item.status for item in result.indicators}
    assert status["t1.4"] is Status.OFF_TRACK
    assert status["t1.7"] is Status.MET
    assert status["t1.1"] is Status.ON_TRACK
    beds = next(item for item in result.indicators if item.id == "t1.3")
    assert str(beds.actual) == "9500"  # 0.95 万张


def test_export_of_every_bundled_plan(tmp_path):
    """Every bundled plan exports to SQLite, one row per tidy row."""
    plans = _all()
    assert export_plans(plans, tmp_path / "plans.sqlite") == len(tidy_rows(plans))


def test_chart_of_the_bundled_plans(tmp_path):
    """The chart of the bundled plans draws the national ≥55 line and 崇明's ≥60."""
    from minzheng_plans.output.chart import draw_comparison  # noqa: PLC0415

    table = compare_plans(_all(), ["EC-NURSING-BED-SHARE"])
    result = draw_comparison(table, "EC-NURSING-BED-SHARE", tmp_path / "chart.svg")
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    national = "全国" if result.font else "China"
    assert any(
        label.startswith(national) and label.endswith("≥55 (2025)") for label in result.labels
    )
    assert "≥60 (2025)" in svg
