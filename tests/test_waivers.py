"""Waivers: approved deviations in the configuration or the plan file, kept as suppressed
findings with their justification (JSON, SARIF ``suppressions[]``), shown in text only on
request; expired and unused waivers are findings (MZ105)."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import jsonschema
import pytest
from click.testing import CliRunner

from minzheng_plans import (
    ConfigError,
    PlanStructureError,
    Waiver,
    check_paths,
    dumps_plan,
    loads_plan,
)
from minzheng_plans.checking.config import read_config
from minzheng_plans.cli.app import cli
from minzheng_plans.testing import make_host

from ._policy_support import COUNTY, COUNTY_ID, write_pair

DOCUMENT = "测试省民发〔2022〕12号"

CONFIG_WAIVER = f"""\
[[waivers]]
code = "MZ401"
plan = "{COUNTY_ID}"
indicator = "t1.1"
reason = "山区县护理型床位建设分两期，省厅同意过渡期目标"
approved_by = "测试省民政厅"
document = "{DOCUMENT}"
expires = 2099-12-31
"""

PLAN_WAIVER = f"""
[[waivers]]
code = "MZ401"
indicator = "t1.1"
reason = "过渡期目标，见批复"
document = "{DOCUMENT}"
"""

# The SARIF 2.1.0 members this feature writes (OASIS schema: suppression, invocation,
# notification, result.baselineState).
SARIF_POLICY = {
    "type": "object",
    "properties": {
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {
                                "executionSuccessful": {"type": "boolean"},
                                "exitCode": {"type": "integer"},
                                "toolExecutionNotifications": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["message"],
                                        "properties": {
                                            "level": {"enum": ["none", "note", "warning", "error"]},
                                            "descriptor": {
                                                "type": "object",
                                                "properties": {"id": {"type": "string"}},
                                            },
                                        },
                                    },
                                },
                                "properties": {"type": "object"},
                            },
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "baselineState": {
                                    "enum": ["new", "unchanged", "updated", "absent"]
                                },
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind"],
                                        "additionalProperties": False,
                                        "properties": {
                                            "kind": {"enum": ["inSource", "external"]},
                                            "status": {
                                                "enum": ["accepted", "underReview", "rejected"]
                                            },
                                            "justification": {"type": "string"},
                                            "guid": {"type": "string"},
                                            "location": {"type": "object"},
                                            "properties": {"type": "object"},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        }
    },
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-bundled", *args, "plans"])
    return result.exit_code, result.stdout


@pytest.fixture(name="folder")
def _folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pair(tmp_path)
    return tmp_path


class TestConfigurationWaiver:
    @pytest.fixture(name="waived")
    def _waived(self, folder):
        (folder / "minzheng-plans.toml").write_text(CONFIG_WAIVER, encoding="utf-8")
        return folder

    def test_waived_error_no_longer_fails_the_run(self, waived):
        """The MZ401 error is waived: exit 0, and the text counts it without showing it."""
        code, out = _run()
        assert 0 == code
        assert "MZ401" not in out
        assert "1 finding(s) waived or in the baseline (--show-waived lists them)" in out

    def test_show_waived_lists_it_with_the_justification(self, waived):
        """--show-waived lists the finding and the reason, approver and document number."""
        _code, out = _run("--show-waived")
        assert "MZ401 error [t1.1]" in out
        assert (
            "山区县护理型床位建设分两期，省厅同意过渡期目标 (approved by 测试省民政厅; "
            f"document {DOCUMENT}; until 2099-12-31)"
        ) in out

    def test_json_keeps_it_as_suppressed(self, waived):
        """JSON: not among the findings, but under ``suppressed`` with the waiver's fields."""
        _code, out = _run("--format", "json")
        report = json.loads(out)
        assert [] == [f for f in report["findings"] if f["code"] == "MZ401"]
        (item,) = report["suppressed"]
        suppression = item["suppression"]
        assert ("MZ401", "waiver", "config", DOCUMENT, "测试省民政厅", "2099-12-31") == (
            item["code"],
            suppression["kind"],
            suppression["origin"],
            suppression["document"],
            suppression["approved_by"],
            suppression["expires"],
        )
        assert str(waived / "minzheng-plans.toml") == suppression["source"]

    def test_sarif_result_is_suppressed_externally_with_the_document_number(self, waived):
        """SARIF: the MZ401 result carries suppressions[] of kind external whose
        justification names the approving document."""
        _code, out = _run("--format", "sarif")
        log = json.loads(out)
        jsonschema.Draft202012Validator(SARIF_POLICY).validate(log)
        (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "MZ401"]
        (suppression,) = result["suppressions"]
        assert ("external", "accepted") == (suppression["kind"], suppression["status"])
        assert DOCUMENT in suppression["justification"]

    def test_chinese_justification(self, waived):
        """In Chinese the approver, document number and date are labelled in Chinese."""
        _code, out = _run("--show-waived", "--lang", "zh")
        assert f"（批准：测试省民政厅；文号：{DOCUMENT}；有效期至2099-12-31）" in out

    def test_expired_waiver_no_longer_applies_and_is_reported_at_its_line(self, folder):
        """After its date the MZ401 error is back, with MZ105 on the waiver's line."""
        text = CONFIG_WAIVER.replace("2099-12-31", "2020-01-01")
        (folder / "minzheng-plans.toml").write_text(text, encoding="utf-8")
        code, out = _run("--format", "json")
        found = {
            (f["code"], f.get("location", {}).get("line")) for f in json.loads(out)["findings"]
        }
        assert 1 == code
        assert {("MZ105", 1)} <= found
        assert "MZ401" in {c for c, _line in found}

    def test_unused_waiver_is_reported(self, folder):
        """A waiver for an indicator with no such finding is MZ105."""
        text = CONFIG_WAIVER.replace('indicator = "t1.1"', 'indicator = "t9.9"')
        (folder / "minzheng-plans.toml").write_text(text, encoding="utf-8")
        report = json.loads(_run("--format", "json")[1])
        unused = [f for f in report["findings"] if f["code"] == "MZ105"]
        assert ["t9.9"] == [f["indicator"] for f in unused]

    def test_waiver_of_a_code_not_selected_is_not_called_unused(self, waived):
        """With --select MZ2 the MZ401 rule did not run, so its waiver matching nothing says
        nothing."""
        report = json.loads(_run("--format", "json", "--select", "MZ2")[1])
        assert [] == [f for f in report["findings"] if f["code"] == "MZ105"]

    def test_waiver_for_a_plan_outside_the_run_is_not_unused(self, waived):
        """Checking only the province leaves the county's waiver alone."""
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "--format", "json", "plans/province.toml"]
        )
        assert [] == [f for f in json.loads(result.stdout)["findings"] if f["code"] == "MZ105"]

    @pytest.mark.parametrize(
        ("remove", "message"),
        [
            ('reason = "山区县护理型床位建设分两期，省厅同意过渡期目标"\n', "reason is required"),
            (f'plan = "{COUNTY_ID}"\n', "plan is required"),
        ],
    )
    def test_reason_and_plan_are_required(self, folder, remove, message):
        """A configuration waiver without a reason or a plan is a configuration error."""
        path = folder / "minzheng-plans.toml"
        path.write_text(CONFIG_WAIVER.replace(remove, ""), encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            read_config(path)
        assert 2 == _run()[0]

    def test_pyproject_waivers(self, folder):
        """[[tool.minzheng-plans.waivers]] in pyproject.toml works the same, with its line."""
        text = "[project]\nname = 'x'\n\n" + CONFIG_WAIVER.replace(
            "[[waivers]]", "[[tool.minzheng-plans.waivers]]"
        )
        (folder / "pyproject.toml").write_text(text, encoding="utf-8")
        config = read_config(folder / "pyproject.toml")
        assert ((4,), "MZ401") == (config.waiver_lines, config.waivers[0].code)
        assert 0 == _run()[0]


class TestPlanFileWaiver:
    def test_waiver_in_the_plan_file_is_suppressed_in_source(self, folder):
        """[[waivers]] in the county's own file (no plan key): SARIF kind inSource."""
        write_pair(folder, extra=PLAN_WAIVER)
        code, out = _run("--format", "sarif")
        (result,) = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "MZ401"]
        assert 0 == code
        assert "inSource" == result["suppressions"][0]["kind"]
        assert (
            f"过渡期目标，见批复 (document {DOCUMENT})"
            == result["suppressions"][0]["justification"]
        )

    def test_old_suppress_tables_are_waivers(self, folder):
        """``[[suppress]]``, the name before waivers, reads as the same thing."""
        write_pair(folder, extra=PLAN_WAIVER.replace("[[waivers]]", "[[suppress]]"))
        assert 0 == _run()[0]
        plan = loads_plan(COUNTY + PLAN_WAIVER.replace("[[waivers]]", "[[suppress]]"))
        assert DOCUMENT == plan.waivers[0].document

    def test_both_names_at_once_are_refused(self):
        """[[suppress]] and [[waivers]] together are one concept written twice: refused."""
        text = COUNTY + PLAN_WAIVER + PLAN_WAIVER.replace("[[waivers]]", "[[suppress]]")
        with pytest.raises(PlanStructureError, match="old name of waivers"):
            loads_plan(text)

    def test_waiver_naming_another_plan_is_refused(self):
        """A plan file's waiver waives that plan only; naming another is a structure error."""
        text = COUNTY + PLAN_WAIVER.replace('code = "MZ401"', 'code = "MZ401"\nplan = "x"')
        with pytest.raises(PlanStructureError, match=r"waivers\[0\]\.plan"):
            loads_plan(text)

    def test_waiver_without_reason_is_refused(self):
        """The reason is required in a plan file too."""
        text = COUNTY + PLAN_WAIVER.replace('reason = "过渡期目标，见批复"\n', "")
        with pytest.raises(PlanStructureError, match=r"waivers\[0\]\.reason"):
            loads_plan(text)

    def test_round_trip_keeps_every_field(self):
        """Written and read back, a waiver keeps approver, document and expiry."""
        waiver = Waiver(
            "MZ401",
            "理由",
            indicator="t1.1",
            approved_by="省厅",
            document=DOCUMENT,
            expires=dt.date(2026, 12, 31),
        )
        plan = attrs.evolve(loads_plan(COUNTY), waivers=(waiver,))
        assert (waiver,) == loads_plan(dumps_plan(plan)).waivers

    def test_api_reports_suppressed_findings_too(self, folder):
        """check_paths keeps the waived finding in ``suppressed`` with its waiver."""
        plans = write_pair(folder, extra=PLAN_WAIVER)
        report = check_paths([plans], make_host(), use_bundled=False)
        (item,) = report.suppressed
        assert ("MZ401", "plan", DOCUMENT) == (
            item.finding.code,
            item.origin,
            item.waiver.document if item.waiver else None,
        )
