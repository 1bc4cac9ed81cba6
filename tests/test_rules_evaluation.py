"""The evaluation rules (MZ6xx): what actual values say about the targets, as findings, through
``check --monitoring``, the API and ``evaluate``; each rule failing and passing, in both
languages."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from click.testing import CliRunner

from minzheng_plans import Observation, Policy, check_plans, loads_plan
from minzheng_plans.analysis.evaluate import Status, evaluate_plan
from minzheng_plans.cli.app import cli
from minzheng_plans.core.progress import Actual, Monitoring
from minzheng_plans.output.i18n import render
from minzheng_plans.testing import make_host

PLAN = """\
schema = "minzheng-plans/1"

[plan]
id = "990103-2021-2025"
title = "测试区“十四五”民政事业发展规划"

[plan.jurisdiction]
code = "990103"
name = "测试区"
level = "county"

[plan.period]
start = 2021
end = 2025

[[indicators]]
id = "t1.1"
name = "养老机构护理型床位占比"
unit = "%"
attribute = "binding"
baseline = { year = 2020, value = 40 }
target = { year = 2025, comparator = ">=", value = 55 }

[[indicators]]
id = "t1.2"
name = "社区养老服务设施覆盖率"
unit = "%"
attribute = "anticipatory"
baseline = { year = 2020, value = 60 }
target = { year = 2025, comparator = ">=", value = 90 }

[[indicators]]
id = "t1.3"
name = "每千名老年人拥有养老床位数"
unit = "张/千名老年人"
baseline = { year = 2020, value = 30 }
target = { year = 2025, comparator = ">=", value = 35 }
"""
PLAN_ID = "990103-2021-2025"


@pytest.fixture(name="plan", scope="module")
def _plan():
    return loads_plan(PLAN)


def _run(plan, *actuals: Actual, margin: str | None = None, as_of: int | None = None):
    policy = Policy(select=("MZ6",))
    if margin is not None:
        policy = Policy(select=("MZ6",), progress_margin=Decimal(margin))
    return check_plans(
        [plan],
        make_host(),
        bundled=(),
        policy=policy,
        monitoring=[Monitoring(actuals)],
        as_of=as_of,
    )


def _one(report, code: str):
    found = [f for f in report if f.code == code]
    assert 1 == len(found), list(report)
    return found[0]


class TestTargetMissed:
    def test_binding_target_missed_is_an_error(self, plan):
        """2025: 50 % against a binding ≥55 % → MZ601 error, and the run fails."""
        report = _run(plan, Actual("t1.1", 2025, Decimal(50)))
        finding = _one(report, "MZ601")
        assert ("error", "t1.1", 1) == (finding.severity.value, finding.indicator, report.exit_code)
        assert (
            "Binding target missed: 养老机构护理型床位占比 was 50 % in 2025, outside its 2025 "
            "target ≥55." == render(finding, "en")
        )
        assert (
            "约束性目标未完成：养老机构护理型床位占比2025年为50%，不在2025年目标≥55之内。"
            == render(finding, "zh_CN")
        )

    def test_binding_target_met_is_quiet(self, plan):
        """2025: 56 % meets ≥55 %."""
        assert [] == list(_run(plan, Actual("t1.1", 2025, Decimal(56))))

    def test_anticipatory_target_missed_is_a_warning(self, plan):
        """2025: 85 % against an anticipatory ≥90 % → MZ602 warning; the run passes."""
        report = _run(plan, Actual("t1.2", 2025, Decimal(85)))
        finding = _one(report, "MZ602")
        assert ("warning", 0) == (finding.severity.value, report.exit_code)
        assert "目标未完成：社区养老服务设施覆盖率2025年为85%" in render(finding, "zh_CN")
        assert "(the target is not binding)" in render(finding, "en")

    def test_anticipatory_target_met_is_quiet(self, plan):
        """2025: 95 % meets ≥90 %."""
        assert [] == list(_run(plan, Actual("t1.2", 2025, Decimal(95))))

    def test_the_plans_own_actual_counts(self, plan):
        """An actual written in the plan itself is judged like a monitoring value."""
        rows = list(plan.indicators)
        rows[0] = attrs.evolve(rows[0], actual=Observation(2025, 50))
        assert ["MZ601"] == [f.code for f in _run(attrs.evolve(plan, indicators=rows))]

    def test_before_the_target_year_nothing_is_missed_yet(self, plan):
        """A 2023 value below the target is progress to judge (MZ603), not a missed target."""
        assert set() == {f.code for f in _run(plan, Actual("t1.1", 2023, Decimal(50)))} & {
            "MZ601",
            "MZ602",
        }


class TestBehindPath:
    def test_far_behind_the_path_at_mid_term(self, plan):
        """2023: 41 %, where the straight line 40 → 55 passes 49: 53.3 % of the planned change
        short, beyond the 10 % margin → MZ603."""
        finding = _one(_run(plan, Actual("t1.1", 2023, Decimal(41))), "MZ603")
        assert (
            "养老机构护理型床位占比 is behind its path: 41 % in 2023, where the path to the 2025 "
            "target passes 49; 53.33% of the planned change short (margin 10%)."
            == render(finding, "en")
        )
        assert (
            "养老机构护理型床位占比进度滞后：2023年为41%，而按进度到2025年目标应达到49；"
            "落后计划变化量的53.33%（容差10%）。" == render(finding, "zh_CN")
        )

    def test_within_the_margin_is_quiet(self, plan):
        """2023: 48.5 % is 3.3 % of the planned change behind: within the 10 % margin."""
        assert [] == list(_run(plan, Actual("t1.1", 2023, Decimal("48.5"))))

    def test_the_margin_is_configurable(self, plan, tmp_path, monkeypatch):
        """progress-margin = 0.02 in the configuration reports the same 48.5 %."""
        assert ["MZ603"] == [
            f.code for f in _run(plan, Actual("t1.1", 2023, Decimal("48.5")), margin="0.02")
        ]
        (tmp_path / "minzheng-plans.toml").write_text("progress-margin = 0.02\n", "utf-8")
        monkeypatch.chdir(tmp_path)
        report = check_plans(
            [plan],
            make_host(),
            bundled=(),
            select=["MZ6"],
            monitoring=[Monitoring((Actual("t1.1", 2023, Decimal("48.5")),))],
        )
        assert ["MZ603"] == [f.code for f in report]

    def test_ahead_of_the_path_is_quiet(self, plan):
        """2023: 50 % is ahead of 49."""
        assert [] == list(_run(plan, Actual("t1.1", 2023, Decimal(50))))


class TestYearOutsidePeriod:
    def test_value_after_the_period(self, plan):
        """A 2027 value for a 2021–2025 plan → MZ604."""
        finding = _one(_run(plan, Actual("t1.2", 2027, Decimal(95))), "MZ604")
        assert (
            "社区养老服务设施覆盖率 has an actual value for 2027, outside the plan period "
            "2021-2025." == render(finding, "en")
        )
        assert "社区养老服务设施覆盖率有2027年的实际值，不在规划期2021—2025年之内。" == render(
            finding, "zh_CN"
        )

    def test_value_inside_the_period(self, plan):
        """A 2024 value is within the period."""
        assert "MZ604" not in {f.code for f in _run(plan, Actual("t1.2", 2024, Decimal(95)))}

    def test_completion_records_of_the_previous_plan_are_not_flagged(self):
        """A completion-table row (no target of this period, its own 2015 actual) reports the
        previous plan, not this one."""
        text = PLAN.replace(
            'target = { year = 2025, comparator = ">=", value = 35 }',
            "actual = { year = 2020, value = 31 }",
        )
        assert [] == list(_run(loads_plan(text)))


class TestUnitDoesNotConvert:
    def test_value_in_a_unit_that_does_not_convert(self, plan):
        """张/千名老年人 against a value in 人 → MZ605."""
        report = _run(plan, Actual("t1.3", 2023, Decimal(33), "人"))
        finding = _one(report, "MZ605")
        assert "does not convert to the indicator's unit 张/千名老年人" in render(finding, "en")
        assert "不能换算为指标单位张/千名老年人" in render(finding, "zh_CN")

    def test_value_in_a_unit_that_converts_is_judged(self, plan):
        """3.4 张/百名老年人 is 34 张/千名老年人: on the way to 35, and no MZ605."""
        report = _run(plan, Actual("t1.3", 2023, Decimal("3.4"), "张/百名老年人"))
        assert [] == list(report)


class TestCommandLine:
    @pytest.fixture(name="files")
    def _files(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
        (tmp_path / "values.csv").write_text(
            "indicator,year,value,unit\nt1.1,2025,50,%\nt1.2,2023,70,%\n", encoding="utf-8"
        )
        return tmp_path

    def test_check_with_monitoring_reports_a_missed_binding_target(self, files):
        """check --monitoring: MZ601 in text, JSON and SARIF, exit 1."""
        runner = CliRunner()
        base = ["check", "--no-bundled", "--isolated", "--monitoring", "values.csv", "plan.toml"]
        text = runner.invoke(cli, base)
        assert 1 == text.exit_code
        assert "MZ601 error [t1.1]" in text.stdout
        data = json.loads(runner.invoke(cli, [*base, "--format", "json"]).stdout)
        assert {("MZ601", "error")} <= {(f["code"], f["severity"]) for f in data["findings"]}
        sarif = json.loads(runner.invoke(cli, [*base, "--format", "sarif"]).stdout)
        assert {("MZ601", "error")} <= {
            (r["ruleId"], r["level"]) for r in sarif["runs"][0]["results"]
        }

    def test_check_without_monitoring_has_no_evaluation_findings(self, files):
        """Without values there is nothing to judge."""
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "--isolated", "plan.toml"])
        assert "MZ6" not in result.stdout

    def test_evaluate_reports_findings_and_sets_the_exit_code(self, files):
        """evaluate --stage final: the report, then MZ601 as a finding, and exit 1."""
        result = CliRunner().invoke(
            cli,
            ["evaluate", "plan.toml", "--monitoring", "values.csv", "--stage", "final"],
        )
        assert 1 == result.exit_code
        assert "MZ601 error [t1.1]" in result.stdout
        data = json.loads(
            CliRunner()
            .invoke(
                cli,
                [
                    "evaluate",
                    "plan.toml",
                    "--monitoring",
                    "values.csv",
                    "--stage",
                    "final",
                    "--format",
                    "json",
                ],
            )
            .stdout
        )
        assert (["MZ601"], 1) == ([f["code"] for f in data["findings"]], data["exit_code"])

    def test_evaluate_mid_term_uses_values_up_to_its_year(self, files):
        """At mid-term (2023) the 2025 value is not seen: no MZ601; the 2023 value is behind."""
        result = CliRunner().invoke(
            cli, ["evaluate", "plan.toml", "--monitoring", "values.csv", "--format", "json"]
        )
        data = json.loads(result.stdout)
        assert (0, ["MZ603"]) == (result.exit_code, [f["code"] for f in data["findings"]])

    def test_evaluate_in_chinese(self, files):
        """evaluate --lang zh shows the findings in Chinese."""
        args = ["evaluate", "plan.toml", "--monitoring", "values.csv", "--stage", "final"]
        result = CliRunner().invoke(cli, [*args, "--lang", "zh"])
        assert "约束性目标未完成：养老机构护理型床位占比2025年为50%" in result.stdout

    def test_waiver_applies_to_evaluation_findings(self, files):
        """A configuration waiver of MZ601 (with its document) turns exit 1 into 0."""
        (files / "minzheng-plans.toml").write_text(
            f'[[waivers]]\ncode = "MZ601"\nplan = "{PLAN_ID}"\nindicator = "t1.1"\n'
            'reason = "目标调整已报批"\ndocument = "测试区民发〔2025〕3号"\n',
            encoding="utf-8",
        )
        result = CliRunner().invoke(
            cli,
            ["evaluate", "plan.toml", "--monitoring", "values.csv", "--stage", "final"],
        )
        assert 0 == result.exit_code


class TestListed:
    def test_rules_lists_the_evaluation_rules(self):
        """`minzheng-plans rules` lists MZ601–MZ605 with their built-in plugin."""
        result = CliRunner().invoke(cli, ["rules"])
        listed = {line.split()[0] for line in result.stdout.splitlines() if "evaluation." in line}
        assert {"MZ601", "MZ602", "MZ603", "MZ604", "MZ605"} == listed


class TestMonitoringFiles:
    def test_unknown_indicator_names_the_monitoring_file(self, tmp_path):
        """#18: the error names the monitoring file and its line, not ``<string>``."""
        (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
        (tmp_path / "values.csv").write_text(
            "indicator,year,value\nt1.1,2023,45\nt9.9,2023,1\n", encoding="utf-8"
        )
        result = CliRunner().invoke(
            cli,
            [
                "evaluate",
                str(tmp_path / "plan.toml"),
                "--monitoring",
                str(tmp_path / "values.csv"),
            ],
        )
        assert 2 == result.exit_code
        assert f"{tmp_path / 'values.csv'}:3:" in result.stderr
        assert "t9.9" in result.stderr

    def test_gb18030_csv_is_read(self, tmp_path, plan):
        """#18: a monitoring CSV saved as GB18030 (as spreadsheets export it) is read."""
        from minzheng_plans.files.monitoring import read_monitoring  # noqa: PLC0415

        path = tmp_path / "values.csv"
        path.write_bytes("指标,year,value,unit,indicator\n护理,2023,45,%,t1.1\n".encode("gb18030"))
        values = read_monitoring(path)
        assert [("t1.1", 2023, Decimal(45), "%")] == [
            (a.indicator, a.year, a.value, a.unit) for a in values.actuals
        ]
        assert Status.OFF_TRACK is evaluate_plan(plan, values).indicators[0].status

    def test_check_refuses_values_for_a_plan_it_does_not_check(self, tmp_path):
        """A monitoring file naming another plan is an error naming the file."""
        (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
        (tmp_path / "values.toml").write_text(
            'schema = "minzheng-plans-monitoring/1"\nplan = "000000-2021-2025"\n'
            '[[actual]]\nindicator = "t1.1"\nyear = 2023\nvalue = 45\n',
            encoding="utf-8",
        )
        result = CliRunner().invoke(
            cli,
            [
                "check",
                "--isolated",
                "--monitoring",
                str(tmp_path / "values.toml"),
                str(tmp_path / "plan.toml"),
            ],
        )
        assert 2 == result.exit_code
        assert "values.toml" in result.stderr


class TestFinalEvaluationOnOldData:
    def test_no_projection_from_an_older_value(self, plan):
        """#18: a final evaluation (2025) with only a 2023 value below the target is not
        'on track … from now on': the target year has come without its value."""
        item = evaluate_plan(plan, [Actual("t1.2", 2023, Decimal(80))], stage="final").indicators[1]
        assert (Status.NOT_ASSESSABLE, "no-final-actual", None) == (
            item.status,
            item.rule,
            item.annual_change,
        )

    def test_an_older_value_that_already_meets_the_target_is_met(self, plan):
        """A 2023 value already within the target is reported met, with its year."""
        item = evaluate_plan(plan, [Actual("t1.2", 2023, Decimal(91))], stage="final").indicators[1]
        assert (Status.MET, 2023) == (item.status, item.actual_year)
