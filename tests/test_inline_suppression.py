"""Inline suppressions in TOML plan files: ``# minzheng: ignore[CODE] reason`` next to an
indicator waives that indicator's finding; one without a reason, misspelt, or next to no
indicator is MZ106 and waives nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from minzheng_plans import check_paths, loads_plan
from minzheng_plans.cli.app import cli
from minzheng_plans.testing import make_host

from ._policy_support import COUNTY, write_pair

HEADER = "[[indicators]]\n"
TARGET = 'target = { year = 2025, comparator = ">=", value = 50 }\n'
REASON = "省厅批复同意过渡期目标"


def _county(old: str, new: str) -> str:
    assert old in COUNTY
    return COUNTY.replace(old, new, 1)


def _check(tmp_path, county: str):
    plans = write_pair(tmp_path, county)
    return check_paths([plans], make_host(), use_bundled=False, isolated=True)


class TestWaives:
    def test_comment_just_above_the_indicator(self, tmp_path):
        """A comment line directly above [[indicators]] waives its MZ401, with the reason."""
        county = _county(HEADER, f"# minzheng: ignore[MZ401] {REASON}\n{HEADER}")
        report = _check(tmp_path, county)
        # Left: the province's MZ408 (no national plan among the plans of this check).
        assert (["MZ408"], 0) == ([f.code for f in report], report.exit_code)
        (item,) = report.suppressed
        assert ("MZ401", "plan", REASON) == (
            item.finding.code,
            item.origin,
            item.waiver.reason if item.waiver else None,
        )

    def test_trailing_comment_on_a_key_of_the_indicator(self, tmp_path):
        """A comment at the end of the indicator's target line waives it too."""
        county = _county(TARGET, f"{TARGET.rstrip()}  # minzheng: ignore[MZ401]: {REASON}\n")
        report = _check(tmp_path, county)
        assert ["MZ401"] == [item.finding.code for item in report.suppressed]
        assert REASON == report.suppressed[0].waiver.reason  # type: ignore[union-attr]

    def test_several_codes(self):
        """ignore[MZ401, MZ404] waives both codes for the indicator."""
        plan = loads_plan(_county(HEADER, f"# minzheng: ignore[MZ401, mz404] {REASON}\n{HEADER}"))
        assert [("MZ401", "t1.1"), ("MZ404", "t1.1")] == [
            (w.code, w.indicator) for w in plan.waivers
        ]

    def test_sarif_kind_is_in_source(self, tmp_path, monkeypatch):
        """In SARIF an inline suppression is ``inSource`` with the comment's reason."""
        monkeypatch.chdir(tmp_path)
        write_pair(tmp_path, _county(HEADER, f"# minzheng: ignore[MZ401] {REASON}\n{HEADER}"))
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "--isolated", "--format", "sarif", "plans"]
        )
        results = json.loads(result.stdout)["runs"][0]["results"]
        (suppressed,) = [r for r in results if r.get("suppressions")]
        assert [{"kind": "inSource", "justification": REASON}] == [
            {k: s[k] for k in ("kind", "justification")} for s in suppressed["suppressions"]
        ]

    def test_unused_inline_suppression_is_reported(self, tmp_path):
        """A comment waiving a code the indicator does not have is MZ105, like any waiver."""
        county = _county(HEADER, f"# minzheng: ignore[MZ404] {REASON}\n{HEADER}")
        report = _check(tmp_path, county)
        assert {"MZ401", "MZ105", "MZ408"} == {f.code for f in report}


class TestRefused:
    @pytest.mark.parametrize(
        ("comment", "words"),
        [
            ("# minzheng: ignore[MZ401]", "has no reason"),
            ("# minzheng: ignore[MZ401]   :  ", "has no reason"),
            ("# minzheng: ignroe[MZ401] 理由", "not understood"),
            ("# minzheng: ignore[MZ40] 理由", "MZ40, which is not a finding code"),
            ("# minzheng: ignore[] 理由", "not a finding code"),
        ],
    )
    def test_unusable_comment_is_mz106_and_waives_nothing(self, tmp_path, comment, words):
        """The finding stays (exit 1), and MZ106 points at the comment's line."""
        county = _county(HEADER, f"{comment}\n{HEADER}")
        report = _check(tmp_path, county)
        (problem,) = [f for f in report if f.code == "MZ106"]
        assert words in problem.text
        assert problem.location is not None
        assert county.splitlines().index(comment) + 1 == problem.location.line
        assert ("MZ401" in {f.code for f in report}, report.exit_code) == (True, 1)

    def test_comment_next_to_no_indicator(self):
        """A suppression by the plan's metadata waives nothing."""
        plan = loads_plan(
            _county('title = "测试县', f'# minzheng: ignore[MZ401] {REASON}\ntitle = "测试县')
        )
        assert ((), ["MZ106"]) == (plan.waivers, [f.code for f in plan.findings])
        assert "neither on nor just above an indicator" in plan.findings[0].text

    def test_blank_line_between_comment_and_indicator(self):
        """A blank line in between: the comment is not *just* above the indicator."""
        plan = loads_plan(_county(HEADER, f"# minzheng: ignore[MZ401] {REASON}\n\n{HEADER}"))
        assert ((), ["MZ106"]) == (plan.waivers, [f.code for f in plan.findings])

    def test_hash_inside_a_string_is_not_a_comment(self):
        """A name containing ``# minzheng: ignore[...]`` is text, not a suppression."""
        plan = loads_plan(
            _county(
                'name = "护理型床位占比"', 'name = "护理型床位占比 # minzheng: ignore[MZ401] x"'
            )
        )
        assert ((), ()) == (plan.waivers, plan.findings)

    def test_plain_comments_are_left_alone(self):
        """Other comments, even mentioning minzheng, are not suppressions."""
        plan = loads_plan(_county(HEADER, f"# checked with minzheng-plans\n{HEADER}"))
        assert ((), ()) == (plan.waivers, plan.findings)

    def test_json_plan_files_have_no_comments(self):
        """JSON has no comments; nothing is scanned (and nothing goes wrong)."""
        from minzheng_plans import dumps_plan  # noqa: PLC0415

        plan = loads_plan(COUNTY)
        assert plan == loads_plan(dumps_plan(plan, "json"), fmt="json")
