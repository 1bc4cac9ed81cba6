"""The policy in the library: the API gives the command line's findings, severities and exit
code; rules that could not run fail the run; the configuration used is named everywhere."""

from __future__ import annotations

import json
import time

import attrs
import pytest
from click.testing import CliRunner

from minzheng_plans import Rule, Severity, check_paths, check_plans, read_plan
from minzheng_plans.builtin.rules import evaluation
from minzheng_plans.checking.policy import Policy
from minzheng_plans.cli.app import cli
from minzheng_plans.testing import make_host

from ._policy_support import COUNTY, COUNTY_ID, write_pair

CONFIG_LOWERING = '[severity]\nMZ401 = "warning"\n'


def _cli(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)


def _codes(findings) -> list[tuple[str, str]]:
    return sorted((f.code, f.severity.value) for f in findings)


class TestApiGivesTheCliAnswers:
    def test_check_plans_compares_with_bundled_parents_by_default(self):
        """The README example: a county plan checked alone meets the bundled national plan."""
        plan = read_plan("examples/lanxi-county-2021-2025.toml")
        with_bundled = check_plans([plan], make_host(), isolated=True)
        alone = check_plans([plan], make_host(), isolated=True, bundled=())
        assert "MZ406" not in {f.code for f in with_bundled}
        assert "MZ406" in {f.code for f in alone}

    def test_same_findings_severities_and_exit_code(self, tmp_path, monkeypatch):
        """A configuration lowering MZ401 gives the same answer through the API and the CLI."""
        monkeypatch.chdir(tmp_path)
        plans = write_pair(tmp_path)
        (tmp_path / "minzheng-plans.toml").write_text(CONFIG_LOWERING, encoding="utf-8")
        code, report = _cli("--no-bundled", "plans")
        api = check_paths([plans], make_host(), use_bundled=False)
        in_memory = check_plans(
            [read_plan(plans / "province.toml"), read_plan(plans / "county.toml")],
            make_host(),
            bundled=(),
        )
        cli_codes = sorted((f["code"], f["severity"]) for f in report["findings"])
        # MZ408: the province has no national plan to be checked against (--no-bundled).
        assert [("MZ401", "warning"), ("MZ408", "info")] == cli_codes
        assert cli_codes == _codes(api) == _codes(in_memory)
        assert code == api.exit_code == in_memory.exit_code == 0

    def test_isolated_ignores_the_configuration(self, tmp_path, monkeypatch):
        """isolated=True and --isolated read no configuration: MZ401 stays an error."""
        monkeypatch.chdir(tmp_path)
        plans = write_pair(tmp_path)
        (tmp_path / "minzheng-plans.toml").write_text(CONFIG_LOWERING, encoding="utf-8")
        code, report = _cli("--no-bundled", "--isolated", "plans")
        api = check_paths([plans], make_host(), use_bundled=False, isolated=True)
        assert [("MZ401", "error"), ("MZ408", "info")] == _codes(api)
        assert (1, 1, None) == (code, api.exit_code, report["config"])

    def test_isolated_and_config_together_are_a_usage_error(self, tmp_path, monkeypatch):
        """--isolated with --config contradicts itself: exit 2."""
        monkeypatch.chdir(tmp_path)
        write_pair(tmp_path)
        (tmp_path / "c.toml").write_text("", encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", "--isolated", "--config", "c.toml", "plans"])
        assert 2 == result.exit_code

    def test_explicit_policy_replaces_the_configuration(self, tmp_path, monkeypatch):
        """policy= is used as given; select= and ignore= apply on top of it."""
        monkeypatch.chdir(tmp_path)
        plans = write_pair(tmp_path)
        policy = Policy(severity={"MZ4": Severity.INFO})
        report = check_paths([plans], make_host(), use_bundled=False, policy=policy)
        assert [("MZ401", "info"), ("MZ408", "info")] == _codes(report)
        narrowed = check_paths(
            [plans], make_host(), use_bundled=False, policy=policy, ignore=["MZ401"]
        )
        assert ["MZ408"] == [f.code for f in narrowed]


class TestConfigurationIsNamed:
    @pytest.fixture(name="nested")
    def _nested(self, tmp_path, monkeypatch):
        """A configuration two folders above the checked files, which lowers a severity."""
        (tmp_path / "pyproject.toml").write_text(
            '[tool.minzheng-plans.severity]\nMZ401 = "warning"\n', encoding="utf-8"
        )
        work = tmp_path / "bureau" / "2021"
        write_pair(work)
        monkeypatch.chdir(work)
        return tmp_path / "pyproject.toml"

    def test_text_names_it_in_the_first_line(self, nested):
        """A pyproject.toml in a parent folder still applies, and the text report says so."""
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "plans"])
        assert f"Configuration: {nested}" == result.stdout.splitlines()[0]

    def test_json_names_it(self, nested):
        """JSON carries the configuration's path under ``config``."""
        _code, report = _cli("--no-bundled", "plans")
        assert str(nested) == report["config"]

    def test_sarif_names_it_in_the_invocation(self, nested):
        """SARIF carries it in invocations[0].properties.config."""
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "--format", "sarif", "plans"])
        invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
        assert str(nested) == invocation["properties"]["config"]

    def test_no_configuration_no_header(self, tmp_path, monkeypatch):
        """Without a configuration file the text report starts with its findings."""
        monkeypatch.chdir(tmp_path)
        write_pair(tmp_path)
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "plans"])
        assert "== 990100-2021-2025" == result.stdout.splitlines()[0]


def _broken(rule: Rule) -> Rule:
    def check(_plan, _context):
        msg = "deliberately broken for the test"
        raise RuntimeError(msg)

    return attrs.evolve(rule, check=check)


def _slow(rule: Rule) -> Rule:
    def check(_plan, _context):
        time.sleep(3)
        return []

    return attrs.evolve(rule, check=check)


class TestIncompleteRunsFail:
    """A rule that could not run on an input fails the run unless explicitly allowed."""

    @pytest.fixture(name="broken_builtin")
    def _broken_builtin(self, monkeypatch):
        """The built-in MZ604 rule raises on every plan (its module is the built-in plugin)."""
        rules = tuple(_broken(rule) if rule.code == "MZ604" else rule for rule in evaluation.RULES)
        monkeypatch.setattr(evaluation, "RULES", rules)

    def test_built_in_rule_that_raises_fails_a_clean_run(self, broken_builtin, tmp_path):
        """No error about the data, yet exit 1: MZ604 did not run on the plan."""
        del broken_builtin
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        report = check_paths([plans], make_host(), use_bundled=False, isolated=True)
        assert [] == [
            f for f in report if f.severity is Severity.ERROR and not f.code.startswith("MZ0")
        ]
        assert 1 == report.exit_code
        (missing,) = report.not_run
        assert ("MZ604", COUNTY_ID, "raised", True) == (
            missing.rule,
            missing.plan,
            missing.reason,
            missing.builtin,
        )

    def test_allowed_incomplete_run_passes_and_still_says_what_did_not_run(
        self, broken_builtin, tmp_path
    ):
        """allow_incomplete: exit 0, and the report still lists the rule that did not run."""
        del broken_builtin
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        policy = Policy(allow_incomplete=True)
        report = check_paths([plans], make_host(), use_bundled=False, policy=policy)
        assert (0, ["MZ604"]) == (report.exit_code, [m.rule for m in report.not_run])

    def test_select_cannot_hide_a_rule_that_did_not_run(self, broken_builtin, tmp_path):
        """--select MZ6 drops MZ005 from the findings, not from what did not run."""
        del broken_builtin
        plans = write_pair(tmp_path)
        report = check_paths([plans], make_host(), use_bundled=False, isolated=True, select=["MZ6"])
        assert ([], 1) == (list(report), report.exit_code)

    def test_every_format_says_which_rule_did_not_run(self, broken_builtin, tmp_path):
        """Text, JSON and SARIF each name MZ604 and the plan it did not run on."""
        del broken_builtin
        plans = write_pair(tmp_path)
        runner = CliRunner()
        base = ["check", "--no-bundled", "--isolated", "--select", "MZ6", str(plans)]
        text = runner.invoke(cli, base)
        assert 1 == text.exit_code
        assert any(
            "MZ604" in line and "raised on 990101-2021-2025" in line
            for line in text.stdout.splitlines()
        )
        data = json.loads(runner.invoke(cli, [*base, "--format", "json"]).stdout)
        assert {("MZ604", "990101-2021-2025", "raised")} <= {
            (item["rule"], item["plan"], item["reason"]) for item in data["not_run"]
        }
        sarif = json.loads(runner.invoke(cli, [*base, "--format", "sarif"]).stdout)
        invocation = sarif["runs"][0]["invocations"][0]
        assert not invocation["executionSuccessful"]
        assert 1 == invocation["exitCode"]
        assert {"MZ604"} <= {
            n["associatedRule"]["id"] for n in invocation["toolExecutionNotifications"]
        }

    def test_allow_incomplete_flag(self, broken_builtin, tmp_path):
        """--allow-incomplete turns the exit code to 0 and says incomplete runs are allowed."""
        del broken_builtin
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "--isolated", "--allow-incomplete", str(plans)]
        )
        assert 0 == result.exit_code
        assert "Incomplete runs are allowed here (--allow-incomplete)." in result.stdout

    def test_allow_incomplete_in_the_configuration(self, broken_builtin, tmp_path):
        """allow-incomplete = true in the configuration does the same."""
        del broken_builtin
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        (tmp_path / "minzheng-plans.toml").write_text("allow-incomplete = true\n", "utf-8")
        report = check_paths([plans], make_host(), use_bundled=False)
        assert (0, 1) == (report.exit_code, len(report.not_run))

    def test_time_budget_exceeded_fails_the_run(self, monkeypatch, tmp_path):
        """A built-in rule cut off by its time budget (MZ007) fails the run like a crash."""
        rules = tuple(_slow(r) if r.code == "MZ605" else r for r in evaluation.RULES)
        monkeypatch.setattr(evaluation, "RULES", rules)
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        report = check_paths([plans], make_host(budget=0.3), use_bundled=False, isolated=True)
        (missing,) = report.not_run
        assert ("MZ605", "timed-out", 1) == (missing.rule, missing.reason, report.exit_code)

    def test_third_party_rule_that_raises_fails_the_run_too(self, tmp_path):
        """The decision for plugins: a third-party rule that raised leaves its findings
        unreported just the same, so it fails the run unless allowed."""
        rule = _broken(Rule("MZ901", "test.broken", Severity.WARNING, "raises", lambda *_: []))
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        report = check_paths([plans], make_host(rule), use_bundled=False, isolated=True)
        (missing,) = report.not_run
        assert ("MZ901", False, 1) == (missing.rule, missing.builtin, report.exit_code)

    def test_a_plugin_that_fails_to_register_does_not_fail_the_run(self, tmp_path):
        """MZ003 (a hook raised at registration) is reported but is not an incomplete run:
        the plugin never was part of it."""

        class Broken:
            __name__ = "broken-registration"

            @staticmethod
            def register_rules():
                msg = "no rules today"
                raise RuntimeError(msg)

        from minzheng_plans import hookimpl  # noqa: PLC0415

        Broken.register_rules = hookimpl(Broken.register_rules)
        plans = write_pair(tmp_path)
        (plans / "province.toml").unlink()
        report = check_paths([plans], make_host(Broken()), use_bundled=False, isolated=True)
        assert "MZ003" in {f.code for f in report}
        assert ((), 0) == (report.not_run, report.exit_code)


class TestLoaderThatDidNotRun:
    def test_sniff_that_raises_makes_the_run_incomplete_naming_the_file(self, tmp_path):
        """A loader's sniff raising on a document (MZ004) while another loader reads it: the
        document may have been read by the wrong loader, so the run is incomplete."""
        from minzheng_plans import Loader, LoadResult, hookimpl, loads_plan  # noqa: PLC0415

        plan = loads_plan(COUNTY)

        class Loaders:
            __name__ = "test-loaders"

            @staticmethod
            @hookimpl
            def register_loaders():
                def broken(_document, _context):
                    msg = "sniff broken for the test"
                    raise RuntimeError(msg)

                return [
                    Loader("test.broken", "raises", broken, lambda _d, _c: None),
                    Loader(
                        "test.good", "reads", lambda _d, _c: 0.5, lambda _d, _c: LoadResult(plan)
                    ),
                ]

        document = tmp_path / "county.txt"
        document.write_text("测试县民政规划\n", encoding="utf-8")
        report = check_paths([document], make_host(Loaders()), use_bundled=False, isolated=True)
        (missing,) = report.not_run
        assert ("test.broken", str(document), "raised", 1) == (
            missing.loader,
            missing.file,
            missing.reason,
            report.exit_code,
        )


def test_an_unreadable_input_is_reported_whatever_is_selected(tmp_path):
    """--select MZ4 cannot hide the MZ101 that makes the run exit 2."""
    (tmp_path / "broken.toml").write_text('schema = "minzheng-plans/1"\n[plan\n', "utf-8")
    report = check_paths([tmp_path], make_host(), isolated=True, select=["MZ4"])
    assert (["MZ101"], 2) == ([f.code for f in report], report.exit_code)
