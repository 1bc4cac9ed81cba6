"""Baselines: record today's findings, then fail only on new ones (gradual adoption in CI)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from minzheng_plans import (
    Comparison,
    PlanFileError,
    Severity,
    dumps_plan,
    make_finding,
    read_plan,
)
from minzheng_plans.checking.baseline import (
    Baseline,
    fingerprint,
    match_baseline,
    read_baseline,
)
from minzheng_plans.cli.app import cli
from minzheng_plans.files.resources import data_file

from ._policy_support import COUNTY, write_pair


def _finding(**changes):
    base = make_finding(
        "MZ401",
        Severity.ERROR,
        "Target {target} is looser than {parent}.",
        plan="p",
        indicator="t1.1",
        file="a.toml",
        line=12,
        target=Decimal(50),
        parent="≥55 %",
    )
    return attrs.evolve(base, **changes)


class TestFingerprint:
    def test_line_and_file_do_not_count(self):
        """Moving a finding to another line (an edit elsewhere) keeps its fingerprint."""
        moved = _finding(location=None)
        assert fingerprint(_finding()) == fingerprint(moved)

    def test_position_arguments_do_not_count(self):
        """Arguments that hold positions (line, a row given as a number) are left out."""
        one = _finding(args={"target": Decimal(50), "line": 3, "row": 7})
        other = _finding(args={"target": Decimal(50), "line": 9, "row": 2})
        assert fingerprint(one) == fingerprint(other)

    def test_numbers_by_value_and_text_by_words(self):
        """55.0 is 55, and runs of white space are one space."""
        one = _finding(args={"target": Decimal("55.0"), "parent": "≥55  %"})
        other = _finding(args={"target": Decimal(55), "parent": "≥55 %"})
        assert fingerprint(one) == fingerprint(other)

    def test_message_wording_does_not_count(self):
        """A release that rewords a message keeps the baseline valid."""
        assert fingerprint(_finding()) == fingerprint(_finding(message="reworded {target}"))

    @pytest.mark.parametrize(
        "change",
        [
            {"args": {"target": Decimal(45), "parent": "≥55 %"}},
            {"indicator": "t1.2"},
            {"plan": "q"},
            {"code": "MZ405"},
        ],
    )
    def test_what_a_finding_says_counts(self, change):
        """A target loosened further, another indicator, plan or code: a new fingerprint."""
        assert fingerprint(_finding()) != fingerprint(_finding(**change))

    def test_equal_findings_are_counted(self):
        """Two identical findings need two entries: the second one is new."""
        baseline = Baseline.of([_finding()])
        new, matched, gone = match_baseline(
            [_finding(), _finding()], baseline, plans={"p"}, wants=lambda _c: True
        )
        assert (1, 1, 0) == (len(new), len(matched), gone)

    def test_gone_counts_only_what_the_run_could_have_matched(self):
        """Entries of other plans, or of codes not selected, are not gone."""
        baseline = Baseline.of([_finding(), _finding(plan="q"), _finding(code="MZ201")])
        _new, _matched, gone = match_baseline(
            [], baseline, plans={"p"}, wants=lambda code: code.startswith("MZ4")
        )
        assert 1 == gone


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args])
    return result.exit_code, result.stdout


class TestBundledPlans:
    """Adopting the checker on existing plans: the bundled plans, as a bureau would have them."""

    @pytest.fixture(name="plans")
    def _plans(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        shutil.copytree(data_file("plans"), tmp_path / "plans")
        return tmp_path / "plans"

    def _loosen(self, plans: Path) -> tuple[str, str]:
        """Lower a 2025 target of a plan compared with a parent (one with MZ401–MZ405 findings
        in the baseline) and rewrite the whole file, so that every line after it moves.
        Returns the plan and indicator changed."""
        recorded = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
        children = {e["plan"] for e in recorded if e["code"] in {"MZ401", "MZ402", "MZ404"}}
        for path in sorted(plans.glob("*.toml")):
            plan = read_plan(path)
            if plan.id not in children:
                continue
            for position, item in enumerate(plan.indicators):
                target = item.target
                if (
                    item.code == "EC-NURSING-BED-SHARE"
                    and isinstance(target, Comparison)
                    and target.year == 2025
                ):
                    looser = attrs.evolve(target, value=target.value - 20)
                    rows = list(plan.indicators)
                    rows[position] = attrs.evolve(item, target=looser)
                    path.write_text(
                        dumps_plan(attrs.evolve(plan, indicators=rows)), encoding="utf-8"
                    )
                    return plan.id, item.id
        msg = "no bundled child plan with a 2025 nursing-bed share target"
        raise AssertionError(msg)

    def test_baseline_run_passes_and_a_loosened_target_then_fails(self, plans):
        """Write a baseline of the bundled plans; checking against it passes; after one target
        is loosened only the new findings are reported, and the run fails."""
        code, out = _check("plans", "--write-baseline", "baseline.json")
        recorded = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
        assert 0 == code
        assert recorded
        code, out = _check("plans", "--baseline", "baseline.json", "--format", "json")
        report = json.loads(out)
        total = sum(entry["count"] for entry in recorded)
        assert (0, [], total, 0) == (
            code,
            report["findings"],
            report["baseline"]["matched"],
            report["baseline"]["gone"],
        )
        plan_id, indicator = self._loosen(plans)
        code, out = _check("plans", "--baseline", "baseline.json", "--format", "json")
        report = json.loads(out)
        assert 1 == code
        assert ("MZ401", plan_id, indicator, "error") in {
            (f["code"], f["plan"], f.get("indicator"), f["severity"]) for f in report["findings"]
        }
        assert {plan_id} == {f["plan"] for f in report["findings"]}

    def test_sarif_marks_new_and_unchanged_results(self, plans):
        """With a baseline, SARIF results say ``new`` or ``unchanged`` (suppressed)."""
        _check("plans", "--write-baseline", "baseline.json")
        self._loosen(plans)
        _code, out = _check("plans", "--baseline", "baseline.json", "--format", "sarif")
        results = json.loads(out)["runs"][0]["results"]
        states = {(r["baselineState"], "suppressions" in r) for r in results}
        assert {("new", False), ("unchanged", True)} == states


class TestBaselineFile:
    def test_fixed_finding_is_counted_as_gone(self, tmp_path, monkeypatch):
        """Tightening the county's target removes its MZ401: 1 entry gone; the province's
        MZ408 (no national plan without the bundled ones) is matched in both runs."""
        monkeypatch.chdir(tmp_path)
        write_pair(tmp_path)
        assert 0 == _check("--no-bundled", "plans", "--write-baseline", "b.json")[0]
        write_pair(tmp_path, COUNTY.replace("value = 50", "value = 60"))
        code, out = _check("--no-bundled", "plans", "--baseline", "b.json")
        assert 0 == code
        assert "Baseline b.json: 1 finding(s) matched, 1 entry(ies) no longer found" in out

    def test_baseline_from_the_configuration(self, tmp_path, monkeypatch):
        """``baseline = "…"`` in the configuration, relative to its folder, applies to every
        run under it; the first --write-baseline works before the file exists."""
        write_pair(tmp_path)
        monkeypatch.chdir(tmp_path)
        (tmp_path / "minzheng-plans.toml").write_text('baseline = "ci/b.json"\n', "utf-8")
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "plans"])
        assert 2 == result.exit_code
        assert "ci/b.json" in result.stderr
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "plans", "--write-baseline", "ci/b.json"]
        )
        assert 0 == result.exit_code
        monkeypatch.chdir(tmp_path / "plans")
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "."])
        assert 0 == result.exit_code
        # The county's MZ401 and the province's MZ408 (no national plan: --no-bundled).
        assert "2 finding(s) matched" in result.stdout

    @pytest.mark.parametrize(
        "text",
        [
            "[]",
            '{"schema": "other/1", "findings": []}',
            '{"schema": "minzheng-plans-baseline/1", "findings": [{"code": "MZ401"}]}',
            "{not json",
        ],
    )
    def test_malformed_baseline_is_refused_with_the_file_named(self, tmp_path, text):
        """A baseline that is not one is an error naming the file (exit 2 on the CLI)."""
        path = tmp_path / "b.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PlanFileError, match=str(path)):
            read_baseline(path)
        write_pair(tmp_path)
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "--baseline", str(path), str(tmp_path / "plans")]
        )
        assert 2 == result.exit_code

    def test_written_file_lists_code_plan_indicator_digest_and_count(self, tmp_path, monkeypatch):
        """The file is readable JSON: one entry per fingerprint, with a message for people."""
        monkeypatch.chdir(tmp_path)
        write_pair(tmp_path)
        _check("--no-bundled", "plans", "--write-baseline", "b.json")
        entries = json.loads(Path("b.json").read_text(encoding="utf-8"))["findings"]
        # The province's MZ408 (no national plan: --no-bundled) is recorded too.
        assert ["MZ401", "MZ408"] == sorted(e["code"] for e in entries)
        entry = next(e for e in entries if e["code"] == "MZ401")
        assert ("MZ401", "990101-2021-2025", "t1.1", 1) == (
            entry["code"],
            entry["plan"],
            entry["indicator"],
            entry["count"],
        )
        assert 16 == len(entry["digest"])
        assert entry["message"].startswith("护理型床位占比: Target ≥50 %")
