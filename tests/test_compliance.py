"""MZ4xx cross-level compliance: target sets, unit conversion, relative targets, parents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import pytest

from minzheng_plans import Comparator, Comparison, Direction, Interval, Range, Relative
from minzheng_plans.builtin.rules.compliance import check_compliance, resolve_parents
from minzheng_plans.core.targets import (
    Undecidable,
    Verdict,
    allowed_values,
    compare_targets,
    describe_interval,
    normalise_reference,
)
from minzheng_plans.files.planfile import loads_plan

from ._compliance_support import context_for, plan_text

GE, GT, EQ, LE = Comparator.GE, Comparator.GT, Comparator.EQ, Comparator.LE
HIGHER, LOWER = Direction.HIGHER, Direction.LOWER


def _c(value: str, comparator: Comparator = EQ, year: int = 2025) -> Comparison:
    return Comparison(year, Decimal(value), comparator)


class TestAllowedValues:
    def test_bare_number_means_at_least_when_higher_is_better(self):
        """A bare figure allows that value or more when a higher value is better."""
        assert Interval(Decimal(50), None) == allowed_values(_c("50"), HIGHER)

    def test_bare_number_means_at_most_when_lower_is_better(self):
        """A bare figure allows that value or less when a lower value is better."""
        assert Interval(None, Decimal(50)) == allowed_values(_c("50"), LOWER)

    def test_bare_number_is_a_point_without_direction(self):
        """A bare figure allows only itself when neither direction is better."""
        assert Interval.point(Decimal(50)) == allowed_values(_c("50"), Direction.NEITHER)

    def test_explicit_comparator_is_read_literally(self):
        """A stated comparator wins over the indicator's direction (≤40 stays ≤40)."""
        assert "≤40" == describe_interval(allowed_values(_c("40", LE), HIGHER))

    def test_range_is_its_closed_span(self):
        """A range target allows the closed span between its bounds."""
        assert "35–40" == describe_interval(allowed_values(Range(2020, 35, 40), HIGHER))


class TestCompareAbsolute:
    @pytest.mark.parametrize(
        ("child", "parent", "direction", "verdict"),
        [
            (_c("60", GE), _c("55", GE), HIGHER, Verdict.COMPLIES),
            (_c("55", GE), _c("55", GE), HIGHER, Verdict.COMPLIES),
            (_c("45", GE), _c("50"), HIGHER, Verdict.LOOSER),
            (_c("50", GE), _c("50"), HIGHER, Verdict.COMPLIES),
            (_c("30", GE), _c("30", GT), HIGHER, Verdict.LOOSER),
            (_c("31", GE), _c("30", GT), HIGHER, Verdict.COMPLIES),
            (_c("40"), _c("50"), LOWER, Verdict.COMPLIES),
            (_c("60"), _c("50"), LOWER, Verdict.LOOSER),
            (Range(2025, 35, 40), _c("35", GE), HIGHER, Verdict.COMPLIES),
            (Range(2025, 30, 40), _c("35", GE), HIGHER, Verdict.LOOSER),
        ],
    )
    def test_child_set_inside_parent_set(self, child, parent, direction, verdict):
        """A child target complies exactly when its allowed values lie inside the parent's."""
        assert verdict == compare_targets(child, parent, direction).verdict

    def test_plain_figures_without_direction_are_undecidable(self):
        """Unequal plain figures without a direction are undecidable; equal ones comply."""
        result = compare_targets(_c("2.5"), _c("3"), Direction.NEITHER)
        assert (Verdict.UNDECIDABLE, Undecidable.NO_DIRECTION) == (result.verdict, result.reason)
        assert compare_targets(_c("3"), _c("3"), Direction.NEITHER).complies

    def test_factor_converts_child_into_parent_unit_exactly(self):
        """700 元/人·月 is 8400 元/人·年: inside ≥8400, outside ≥8401."""
        twelve = Fraction(12)
        assert compare_targets(_c("700"), _c("8400"), HIGHER, twelve).complies
        assert not compare_targets(_c("700"), _c("8401"), HIGHER, twelve).complies

    def test_fractional_factor_never_rounds(self):
        """8400 元/人·年 is exactly 700 元/人·月; 8399 is a little less (1/12 is inexact)."""
        twelfth = Fraction(1, 12)
        assert compare_targets(_c("8400"), _c("700"), HIGHER, twelfth).complies
        assert not compare_targets(_c("8399"), _c("700"), HIGHER, twelfth).complies


class TestCompareRelative:
    REF = "居民上年度人均消费支出增速"

    def test_same_relation_same_reference_complies(self):
        """The same relation to the same reference (worded locally) complies."""
        child = Relative(2025, GE, "当地居民上一年度人均消费支出增速")
        parent = Relative(2025, GE, self.REF)
        assert Verdict.COMPLIES == compare_targets(child, parent, HIGHER).verdict

    def test_weaker_relation_is_looser(self):
        """At most the reference (≤) is looser than a parent's at least the reference (≥)."""
        child = Relative(2025, LE, self.REF)
        parent = Relative(2025, GE, self.REF)
        assert Verdict.LOOSER == compare_targets(child, parent, HIGHER).verdict

    def test_share_band_inside_parent_band(self):
        """A share band of a reference complies inside the parent's band, not around it."""
        ref = "上年度当地人均消费支出"
        child = Relative(2020, EQ, ref, Decimal(30), Decimal(35))
        parent = Relative(2020, EQ, ref, Decimal(25), Decimal(35))
        assert compare_targets(child, parent, HIGHER).complies
        assert not compare_targets(parent, child, HIGHER).complies

    def test_different_references_are_undecidable(self):
        """Relative targets against different references are undecidable."""
        child = Relative(2025, GE, "城镇居民人均可支配收入增速")
        result = compare_targets(child, Relative(2025, GE, self.REF), HIGHER)
        assert (Verdict.UNDECIDABLE, Undecidable.DIFFERENT_REFERENCE) == (
            result.verdict,
            result.reason,
        )

    def test_relative_against_absolute_is_undecidable(self):
        """An absolute child against a relative parent is undecidable, and says why."""
        result = compare_targets(_c("8"), Relative(2025, GE, self.REF), HIGHER)
        assert Undecidable.RELATIVE_VS_ABSOLUTE == result.reason

    def test_reference_normalisation(self):
        """References match despite 当地, 城乡, 上一年度 or word order; not without 上年度."""
        assert normalise_reference("当地 城乡居民上一年度人均消费支出增速") == normalise_reference(
            self.REF
        )
        assert normalise_reference("上年度居民人均消费支出增速") == normalise_reference(self.REF)
        assert normalise_reference("居民人均消费支出增速") != normalise_reference(self.REF)


# -- the rules over plans --------------------------------------------------------------------


NURSING = {"code": "GN-TEST-NURSING-SHARE", "unit": "%"}


def _rule_findings(child: str, parent: str, **kwargs: object) -> list:
    plans = [loads_plan(child), loads_plan(parent)]
    context = context_for(plans, **kwargs)
    return list(check_compliance(plans[:1], context))


def _codes(findings: list) -> list[tuple[str, str]]:
    return [(f.code, str(f.severity)) for f in findings]


class TestLooserThanParent:
    def test_binding_parent_makes_it_an_error(self):
        """A target looser than a binding parent's is an error (MZ401) naming both."""
        child = plan_text("child", [(NURSING, ">=", "50", "binding")])
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        found = _rule_findings(child, parent)
        assert [("MZ401", "error")] == _codes(found)
        assert "≥50" in found[0].text
        assert "≥55" in found[0].text

    def test_anticipatory_parent_makes_it_a_warning(self):
        """A target looser than an anticipatory parent's is a warning (MZ401)."""
        child = plan_text("child", [(NURSING, ">=", "50", None)])
        parent = plan_text("parent", [(NURSING, ">=", "55", "anticipatory")])
        assert [("MZ401", "warning")] == _codes(_rule_findings(child, parent))

    def test_stricter_child_complies(self):
        """A target stricter than the parent's gives no finding."""
        child = plan_text("child", [(NURSING, ">=", "60", "binding")])
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        assert [] == _rule_findings(child, parent)

    def test_prose_restating_a_table_row_is_reported_once(self):
        """Prose restating a table row gives one MZ401, on the row, relating the prose."""
        child = plan_text("child", [(NURSING, ">=", "50", "binding")]).replace(
            'id = "t1.1"', 'id = "t1.1"\nsource = { kind = "table", row = 1 }'
        )
        child += (
            '\n[[indicators]]\nid = "p9.1"\nname = "护理型床位占比"\n'
            'code = "GN-TEST-NURSING-SHARE"\nunit = "%"\n'
            'target = { year = 2025, comparator = "=", value = 50 }\n'
            'source = { kind = "prose", line = 9 }\n'
        )
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        found = _rule_findings(child, parent)
        assert [("MZ401", "t1.1")] == [(f.code, f.indicator) for f in found]
        assert "990101-2021-2025/p9.1" in found[0].related

    def test_other_target_year_is_not_compared(self):
        """Targets for different years are not compared."""
        child = plan_text("child", [(NURSING, ">=", "50", "binding")], year=2024)
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        assert [] == _rule_findings(child, parent)

    def test_lower_is_better_direction_from_catalog(self):
        """The catalog's lower-is-better direction makes a higher bare figure looser."""
        share = {"code": "GN-TEST-PUBLIC-BEDS-SHARE", "unit": "%"}
        parent = plan_text("parent", [(share, "=", "50", "anticipatory")])
        assert [] == _rule_findings(plan_text("child", [(share, "=", "40", None)]), parent)
        found = _rule_findings(plan_text("child", [(share, "=", "60", None)]), parent)
        assert ["MZ401"] == [f.code for f in found]


class TestUnits:
    ALLOWANCE: ClassVar[dict[str, str]] = {"code": "GN-TEST-RURAL-DIBAO", "unit": "元/人·月"}

    def test_month_and_year_units_convert(self):
        """A monthly amount is compared with a yearly one after conversion (700×12 ≥ 8400)."""
        parent = plan_text(
            "parent", [({**self.ALLOWANCE, "unit": "元/人·年"}, ">=", "8400", "anticipatory")]
        )
        assert [] == _rule_findings(
            plan_text("child", [(self.ALLOWANCE, ">=", "700", None)]), parent
        )
        found = _rule_findings(plan_text("child", [(self.ALLOWANCE, ">=", "699", None)]), parent)
        assert ["MZ401"] == [f.code for f in found]

    def test_units_that_do_not_convert_are_reported(self):
        """Units that do not convert into each other give a warning (MZ403)."""
        parent = plan_text("parent", [({**NURSING, "unit": "张"}, ">=", "55", "binding")])
        found = _rule_findings(plan_text("child", [(NURSING, ">=", "60", None)]), parent)
        assert [("MZ403", "warning")] == _codes(found)

    def test_unknown_unit_is_reported(self):
        """A unit the registry does not know gives a warning (MZ403) that says so."""
        parent = plan_text("parent", [({**NURSING, "unit": "个百分点每"}, ">=", "55", "binding")])
        found = _rule_findings(plan_text("child", [(NURSING, ">=", "60", "binding")]), parent)
        assert [("MZ403", "warning")] == _codes(found)
        assert "not known" in found[0].text

    def test_unit_stated_on_one_side_only_is_reported(self):
        """A unit stated by only one of the two plans gives a warning (MZ403)."""
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        found = _rule_findings(
            plan_text("child", [({**NURSING, "unit": ""}, ">=", "60", None)]), parent
        )
        assert [("MZ403", "warning")] == _codes(found)
        assert "only one of this plan" in found[0].text

    def test_scaled_per_population_units_convert(self):
        """Per-thousand and per-hundred population units convert (35 per 千 = 3.5 per 百)."""
        beds = {"code": "GN-TEST-RURAL-DIBAO", "unit": "张/千名老年人"}
        parent = plan_text("parent", [({**beds, "unit": "张/百名老年人"}, ">=", "3.5", None)])
        assert [] == _rule_findings(plan_text("child", [(beds, ">=", "35", None)]), parent)
        found = _rule_findings(plan_text("child", [(beds, ">=", "34", None)]), parent)
        assert ["MZ401"] == [f.code for f in found]


class TestOtherFindings:
    def test_count_is_not_comparable(self):
        """Absolute counts of different places are not compared, only noted (MZ402)."""
        workers = {"code": "GN-TEST-SOCIAL-WORKERS", "unit": "人"}
        child = plan_text("child", [(workers, "=", "200", None)])
        parent = plan_text("parent", [(workers, "=", "2000000", None)])
        assert [("MZ402", "info")] == _codes(_rule_findings(child, parent))

    def test_binding_listed_as_anticipatory(self):
        """A parent's binding indicator listed as anticipatory is a warning (MZ404)."""
        child = plan_text("child", [(NURSING, ">=", "60", "anticipatory")])
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        assert [("MZ404", "warning")] == _codes(_rule_findings(child, parent))

    def test_binding_kept_binding_is_fine(self):
        """A parent's binding indicator kept binding gives no MZ404."""
        child = plan_text("child", [(NURSING, ">=", "60", "binding")])
        parent = plan_text("parent", [(NURSING, ">=", "55", "binding")])
        assert [] == [f for f in _rule_findings(child, parent) if f.code == "MZ404"]

    def test_relative_against_absolute_is_said_undecidable(self):
        """An absolute child against a relative parent gives an info (MZ405) saying so."""
        growth = {"code": "GN-TEST-DIBAO-GROWTH", "unit": "%"}
        child = plan_text("child", [(growth, ">=", "8", None)])
        parent = plan_text(
            "parent", [(growth, "relative", "居民上年度人均消费支出增速", "anticipatory")]
        )
        found = _rule_findings(child, parent)
        assert [("MZ405", "info")] == _codes(found)
        assert "relative" in found[0].text

    def test_relative_targets_compare_by_relation(self):
        """Relative targets comply on the same relation and are MZ401 on a weaker one."""
        growth = {"code": "GN-TEST-DIBAO-GROWTH", "unit": "%"}
        reference = "居民上年度人均消费支出增速"
        parent = plan_text("parent", [(growth, "relative>=", reference, "binding")])
        same = plan_text("child", [(growth, "relative>=", "当地" + reference, "binding")])
        assert [] == _rule_findings(same, parent)
        weaker = plan_text("child", [(growth, "relative<=", reference, "binding")])
        found = _rule_findings(weaker, parent)
        assert [("MZ401", "error")] == _codes(found)
        assert f"≤{reference}" in found[0].text

    def test_no_direction_plain_figures_are_undecidable_not_looser(self):
        """Unequal plain figures without a direction give MZ405, not MZ401."""
        share = {"code": "GN-TEST-RECIPIENT-SHARE", "unit": "%"}
        parent = plan_text("parent", [(share, "=", "3", "anticipatory")])
        found = _rule_findings(plan_text("child", [(share, "=", "2.5", None)]), parent)
        assert [("MZ405", "info")] == _codes(found)
        assert "neither a higher nor a lower value is better" in found[0].text
        assert [] == _rule_findings(plan_text("child", [(share, "=", "3", None)]), parent)

    def test_no_direction_explicit_bounds_still_compare(self):
        """Stated bounds compare even without a direction (≤4 is looser than ≤3)."""
        share = {"code": "GN-TEST-RECIPIENT-SHARE", "unit": "%"}
        parent = plan_text("parent", [(share, "<=", "3", "anticipatory")])
        found = _rule_findings(plan_text("child", [(share, "<=", "4", None)]), parent)
        assert ["MZ401"] == [f.code for f in found]

    def test_unknown_catalog_code_is_said_undecidable(self):
        """A code the catalog does not know is undecidable (MZ405)."""
        odd = {"code": "GN-TEST-NOT-IN-CATALOG", "unit": "%"}
        child = plan_text("child", [(odd, ">=", "1", None)])
        parent = plan_text("parent", [(odd, ">=", "2", None)])
        assert ["MZ405"] == [f.code for f in _rule_findings(child, parent)]


class TestParents:
    def test_based_on_by_title_among_ancestors(self):
        """based_on resolves by title to a plan of an ancestor jurisdiction."""
        child = loads_plan(plan_text("child", [], based_on="《测试省“十四五”民政事业发展规划》"))
        parent = loads_plan(plan_text("parent", []))
        found, missing = resolve_parents(child, context_for([child, parent]))
        assert ([parent.id], []) == ([p.id for p in found], missing)

    def test_unknown_based_on_is_reported(self):
        """An unknown based_on is an info (MZ406) and the nearest ancestor's plan stands in."""
        child = loads_plan(plan_text("child", [], based_on="《某某市民政事业发展规划》"))
        parent = loads_plan(plan_text("parent", []))
        found = list(check_compliance([child], context_for([child, parent])))
        assert [("MZ406", "info")] == _codes(found)
        # The nearest ancestor's plan stands in for the missing one.
        found_parents, missing = resolve_parents(child, context_for([child, parent]))
        assert ([parent.id], 1) == ([p.id for p in found_parents], len(missing))

    def test_missing_general_outline_is_not_reported(self):
        """A based_on naming a general outline is not MZ406; only MZ408 (no parent) remains."""
        child = loads_plan(plan_text("child", [], based_on="《某某市国民经济和社会发展纲要》"))
        # No MZ406 for the outline; MZ408 says no plan above the test county was available.
        assert ["MZ408"] == [f.code for f in check_compliance([child], context_for([child]))]

    def test_no_based_on_falls_back_to_the_jurisdiction_parent(self):
        """Without based_on, the plan of the parent jurisdiction is the parent."""
        child = loads_plan(plan_text("child", [], based_on=None))
        parent = loads_plan(plan_text("parent", []))
        found, _missing = resolve_parents(child, context_for([child, parent]))
        assert [parent.id] == [p.id for p in found]

    def test_registry_ancestors_find_the_national_plan(self):
        """万盛经开区 (500000-WS) lies under 重庆市 and 全国 in the bundled registry."""
        child = loads_plan(
            plan_text("child", [], based_on=None)
            .replace('"990101"', '"500000-WS"')
            .replace('"990101-', '"500000-WS-')
            .replace('parent = "990100"\n', "")
        )
        national = loads_plan(
            plan_text("parent", []).replace('"990100', '"000000').replace("测试省", "全国")
        )
        found, _missing = resolve_parents(child, context_for([child, national]))
        assert [national.id] == [p.id for p in found]

    def test_bundled_parent_is_used(self):
        """A bundled plan serves as the parent of a checked plan."""
        child = loads_plan(plan_text("child", [(NURSING, ">=", "50", "binding")]))
        parent = loads_plan(plan_text("parent", [(NURSING, ">=", "55", "binding")]))
        context = context_for([child], bundled=[parent], today=dt.date(2026, 1, 1))
        assert ["MZ401"] == [f.code for f in check_compliance([child], context)]


# -- end to end through the command line, with the bundled catalog -----------------------------

NATIONAL = """\
schema = "minzheng-plans/1"

[plan]
id = "000000-2021-2025"
title = "“十四五”民政事业发展规划"

[plan.jurisdiction]
code = "000000"
name = "全国"
level = "national"

[plan.period]
start = 2021
end = 2025

[[indicators]]
id = "t1.1"
name = "养老机构护理型床位占比"
code = "EC-NURSING-BED-SHARE"
unit = "%"
attribute = "binding"
target = { year = 2025, comparator = ">=", value = 55 }
"""

DISTRICT = """\
schema = "minzheng-plans/1"

[plan]
id = "310151-2021-2025"
title = "崇明区民政事业发展“十四五”规划"
based_on = [{{ title = "《“十四五”民政事业发展规划》" }}]

[plan.jurisdiction]
code = "310151"
name = "崇明区"
level = "county"

[plan.period]
start = 2021
end = 2025

[[indicators]]
id = "t1.1"
name = "护理型床位占比"
code = "EC-NURSING-BED-SHARE"
unit = "%"
attribute = "{attribute}"
target = {{ year = 2025, comparator = ">=", value = {value} }}
"""


class TestCheckCommand:
    @pytest.fixture(name="run")
    def _run(self, tmp_path, monkeypatch):
        from click.testing import CliRunner  # noqa: PLC0415

        from minzheng_plans.cli.app import cli  # noqa: PLC0415

        monkeypatch.chdir(tmp_path)
        (tmp_path / "national.toml").write_text(NATIONAL, encoding="utf-8")

        def run(value: str, attribute: str, *args: str):
            district = DISTRICT.format(value=value, attribute=attribute)
            (tmp_path / "district.toml").write_text(district, encoding="utf-8")
            return CliRunner().invoke(
                cli, ["check", "--no-bundled", *args, "district.toml", "national.toml"]
            )

        return run

    def test_weaker_district_fails_with_file_and_line(self, run):
        """check exits 1 on a looser district, giving MZ404 and MZ401 with file and line."""
        import json  # noqa: PLC0415

        result = run("50", "anticipatory", "--format", "json")
        assert 1 == result.exit_code
        found = [
            (f["code"], f["severity"], f["location"]["file"], f["location"]["line"])
            for f in json.loads(result.stdout)["findings"]
        ]
        assert [
            ("MZ404", "warning", "district.toml", 22),
            ("MZ401", "error", "district.toml", 23),
        ] == sorted(found, key=lambda f: f[3])

    def test_json_records_plugins_and_inputs_for_reproduction(self, run):
        """The JSON report lists the plugins with distribution and version, and the inputs."""
        import json  # noqa: PLC0415

        report = json.loads(run("60", "binding", "--format", "json").stdout)
        plugins = {p["name"]: p for p in report["plugins"]}
        assert (
            "minzheng-plans" == (plugins["minzheng_plans.builtin.rules.compliance"]["distribution"])
        )
        assert all(p["version"] for p in report["plugins"])
        assert ["district.toml", "national.toml"] == [i["path"] for i in report["inputs"]]

    def test_message_in_chinese(self, run):
        """With --lang zh the MZ401 message is in Chinese, with the target and the parent plan."""
        result = run("50", "binding", "--lang", "zh")
        assert "2025年目标 ≥50 % 允许的取值超出了“十四五”民政事业发展规划" in result.stdout

    def test_stricter_district_passes(self, run):
        """check exits 0 with an empty summary on a stricter district."""
        result = run("60", "binding")
        assert (0, "0 error(s), 0 warning(s), 0 info") == (
            result.exit_code,
            result.stdout.strip().splitlines()[-1],
        )


@pytest.fixture(name="found", scope="module")
def _bundled_findings():
    from pathlib import Path  # noqa: PLC0415

    from minzheng_plans.checking.runner import check_paths  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    plans = Path(__file__).resolve().parents[1] / "data" / "plans"
    # The bundled plans are committed: a missing one is a failure, not a reason to skip.
    assert (plans / "500000-WS-2021-2025.toml").is_file()
    host = create_plugin_host(entry_points=False)
    report = check_paths([plans], host, select=["MZ401", "MZ404"], use_bundled=False)
    return {(f.plan, f.indicator, f.code) for f in report.findings}


class TestBundledPlans:
    """The bundled plans (read from the seed documents): the real problems, and no others."""

    def test_wansheng_weaker_than_the_national_plan(self, found):
        """万盛: 未成年人保护工作站覆盖率 ≥45 % against 50 %, 社区服务设施面积 ≥30 against >30,
        and the national binding 公益性安葬设施覆盖率 listed as anticipatory."""
        wansheng = {(ind, code) for plan, ind, code in found if plan == "500000-WS-2021-2025"}
        assert {("t2.10", "MZ401"), ("t2.6", "MZ401"), ("t2.12", "MZ404")} <= wansheng

    def test_chongming_nursing_beds_comply(self, found):
        """崇明: 护理型床位占比 ≥60 % is inside the national ≥55 %: nothing reported."""
        assert [] == [f for f in found if f[0] == "310151-2021-2025"]
