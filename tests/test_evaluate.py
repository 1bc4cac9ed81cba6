import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from minzheng_plans.analysis.evaluate import Status, evaluate_plan, evaluation_year
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.files.monitoring import Actual, loads_monitoring, read_monitoring
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.output.evaluation import (
    evaluation_json,
    evaluation_text,
    needed_text,
    rule_text,
)

from ._compare_support import EXAMPLE, MONITORING


@pytest.fixture(scope="module")
def lanxi():
    return read_plan(EXAMPLE)


def _one(evaluation, indicator_id):
    (item,) = [i for i in evaluation.indicators if i.id == indicator_id]
    return item


def test_mid_term_year_is_the_middle_and_final_the_end(lanxi):
    """A 2021–2025 plan is evaluated in 2023 at mid-term and in 2025 at the end."""
    assert evaluation_year(lanxi, "mid") == 2023
    assert evaluation_year(lanxi, "final") == 2025


def test_behind_a_linear_path_is_off_track_with_points_needed(lanxi):
    """A share behind its linear path is off track, with expected value, gap and points a year."""
    result = evaluate_plan(lanxi, read_monitoring(MONITORING))
    item = _one(result, "t1.1")
    # 41.5 (2020) → ≥50 (2025): 46.6 expected in 2023; 45.5 is behind.
    assert (item.status, item.rule, item.path) == (Status.OFF_TRACK, "behind-path", "linear")
    assert item.expected == Decimal("46.6")
    assert item.gap == Decimal("4.5")
    assert item.annual_change == Decimal("2.25")  # points a year over 2024-2025


def test_ahead_of_the_path_is_on_track(lanxi):
    """A share ahead of its linear path is on track."""
    on = evaluate_plan(lanxi, [Actual("t1.1", 2023, Decimal(47))])
    assert _one(on, "t1.1").status is Status.ON_TRACK


def test_compound_path_for_levels(lanxi):
    """A level follows a compound path: on track with its yearly rate, off track when behind."""
    result = evaluate_plan(lanxi, read_monitoring(MONITORING))
    item = _one(result, "t1.5")  # 120 → 260 人 by 2025; 210 in 2023
    assert (item.status, item.path) == (Status.ON_TRACK, "compound")
    assert item.annual_change == Decimal("11.27")  # (260/210)^(1/2) - 1
    behind = evaluate_plan(lanxi, [Actual("t1.5", 2023, Decimal(150))])
    assert _one(behind, "t1.5").status is Status.OFF_TRACK


def test_met_by_code_and_unit_converted_actuals(lanxi):
    """Monitoring values given by catalog code or in another unit are matched and converted."""
    result = evaluate_plan(lanxi, read_monitoring(MONITORING))
    ratio = _one(result, "t1.2")  # given by catalog code in the file
    assert (ratio.status, ratio.rule, ratio.gap) == (Status.MET, "within-target", Decimal(0))
    beds = _one(result, "t1.3")  # 0.0345 张/人 = 34.5 张/千名老年人
    assert beds.actual == Decimal("34.5")


def test_not_assessable_cases_say_why(lanxi):
    """No value, a relative target or a wrong unit makes an indicator not assessable, and why."""
    result = evaluate_plan(lanxi, [])
    assert {i.rule for i in result.indicators} == {"no-actual", "relative-target"}
    assert all(i.status is Status.NOT_ASSESSABLE for i in result.indicators)
    bad_unit = evaluate_plan(lanxi, [Actual("t1.1", 2023, Decimal(1), "元")])
    assert _one(bad_unit, "t1.1").rule == "unit"


def test_final_stage_past_the_deadline_and_overshooting_a_range(lanxi):
    """A final value short of its target is past the deadline; one above a range overshoots."""
    final = evaluate_plan(lanxi, [Actual("t1.1", 2025, Decimal(49))], stage="final")
    assert _one(final, "t1.1").rule == "deadline-passed"
    over = evaluate_plan(lanxi, [Actual("t1.3", 2023, Decimal(45))])
    assert (_one(over, "t1.3").status, _one(over, "t1.3").rule) == (Status.OFF_TRACK, "overshoot")


def test_later_values_are_ignored_at_mid_term(lanxi):
    """Values after the mid-term year are ignored at mid-term and used at the end."""
    values = [Actual("t1.1", 2023, Decimal(45)), Actual("t1.1", 2025, Decimal(60))]
    assert _one(evaluate_plan(lanxi, values), "t1.1").actual == Decimal(45)
    assert _one(evaluate_plan(lanxi, values, stage="final"), "t1.1").status is Status.MET


def test_reports_in_both_languages(lanxi):
    """The evaluation reads in Chinese and English, and its JSON counts each status."""
    result = evaluate_plan(lanxi, read_monitoring(MONITORING))
    zh, en = evaluation_text(result, "zh"), evaluation_text(result, "en")
    assert "中期评估" in zh
    assert "[进度滞后] t1.1" in zh
    assert "此后每年需提高2.25个百分点" in zh
    assert "[off track] t1.1" in en
    data = json.loads(evaluation_json(result, "en"))
    assert data["summary"] == {
        "total": 5,
        "met": 1,
        "on-track": 2,
        "off-track": 1,
        "not-assessable": 1,
    }


def test_csv_layout_and_errors(tmp_path):
    """A monitoring CSV is read by its header; a bad header or value is an error at its line."""
    good = loads_monitoring("indicator,year,value\nt1.1,2023,46.8\n", "csv")
    assert good.actuals == (Actual("t1.1", 2023, Decimal("46.8"), None, 2),)
    with pytest.raises(PlanFileError, match="header row") as err:
        loads_monitoring("name,year\n", "csv")
    assert err.value.line == 1
    with pytest.raises(PlanFileError, match="number") as err:
        loads_monitoring("indicator,year,value\nt1.1,2023,abc\n", "csv")
    assert err.value.line == 2


def test_toml_errors_are_located():
    """A wrong type in a monitoring TOML is an error at its line."""
    text = (
        'schema = "minzheng-plans-monitoring/1"\n\n'
        '[[actual]]\nindicator = "t1.1"\nyear = "x"\nvalue = 1\n'
    )
    with pytest.raises(PlanFileError, match="year as an integer") as err:
        loads_monitoring(text)
    assert err.value.line == 5


def test_unknown_indicator_and_wrong_plan_are_refused(lanxi):
    """Values for an unknown indicator or for another plan are refused, naming it."""
    with pytest.raises(PlanFileError, match=r"no indicator 't9\.9'"):
        evaluate_plan(lanxi, [Actual("t9.9", 2023, Decimal(1))])
    other = loads_monitoring('schema = "minzheng-plans-monitoring/1"\nplan = "000000-2021-2025"\n')
    with pytest.raises(PlanFileError, match="for plan 000000-2021-2025"):
        evaluate_plan(lanxi, other)


def test_cli_evaluate(tmp_path):
    """evaluate prints a summary in Chinese or JSON and refuses monitoring files not TOML or CSV."""
    runner = CliRunner()
    args = ["evaluate", str(EXAMPLE), "--monitoring", str(MONITORING)]
    zh = runner.invoke(cli, [*args, "--lang", "zh"])
    assert zh.exit_code == 0, zh.output
    assert "共5项：已达到1项" in zh.output
    en = runner.invoke(cli, [*args, "--lang", "en", "--format", "json"])
    assert json.loads(en.output)["stage"] == "mid"
    zh_json = json.loads(runner.invoke(cli, [*args, "--lang", "zh", "--format", "json"]).output)
    assert ("zh", "共5项：已达到1项") == (zh_json["language"], zh_json["summary_text"][:9])
    bad = tmp_path / "m.txt"
    bad.write_text("x", encoding="utf-8")
    refused = runner.invoke(cli, ["evaluate", str(EXAMPLE), "--monitoring", str(bad)])
    assert refused.exit_code == 2
    assert ".toml or .csv" in refused.output


def test_a_level_from_zero_moves_linearly_in_its_own_unit(lanxi):
    """A level starting from zero follows a linear path and needs people a year, not points."""
    import attrs  # noqa: PLC0415

    from minzheng_plans.core.model import Observation  # noqa: PLC0415

    zero = attrs.evolve(lanxi.indicators[4], baseline=Observation(2020, 0))
    plan = attrs.evolve(lanxi, indicators=(zero,))
    item = _one(evaluate_plan(plan, [Actual("t1.5", 2023, Decimal(100))]), "t1.5")
    assert (item.path, item.status) == ("linear", Status.OFF_TRACK)  # 156 expected by 2023
    assert item.annual_change == Decimal(80)
    assert needed_text(item, "zh") == "此后每年需增加80人"
    assert "points" not in needed_text(item, "en")


def test_unassessed_indicators_are_listed_compactly(lanxi):
    """Unassessable indicators are listed one a line under their heading, with the reason."""
    zh = evaluation_text(evaluate_plan(lanxi, []), "zh")
    assert "[无法评估]\n    t1.1 养老机构护理型床位占比：2023年及以前没有监测值" in zh


def test_the_previous_plans_completion_rows_are_not_evaluated(lanxi):
    """A completion row of the previous period is not assessable, naming its year."""
    import attrs  # noqa: PLC0415

    from minzheng_plans.core.model import Observation  # noqa: PLC0415
    from minzheng_plans.core.quantity import Comparison  # noqa: PLC0415

    old = attrs.evolve(
        lanxi.indicators[0],
        target=Comparison(2020, 40, ">="),
        actual=Observation(2020, 41),
    )
    item = _one(evaluate_plan(attrs.evolve(lanxi, indicators=(old,))), "t1.1")
    assert (item.status, item.rule) == (Status.NOT_ASSESSABLE, "previous-period")
    assert "2020" in rule_text(item, "zh")


def test_cli_language_follows_the_environment(monkeypatch):
    """evaluate speaks Chinese under LANG=zh_CN and English under LANG=C."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    args = ["evaluate", str(EXAMPLE), "--monitoring", str(MONITORING)]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "中期评估" in CliRunner().invoke(cli, args).output
    monkeypatch.setenv("LANG", "C")
    assert "Mid-term evaluation" in CliRunner().invoke(cli, args).output
