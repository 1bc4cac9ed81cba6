"""MZ3xx unit and formula rules: a failing and a passing example for each."""

from __future__ import annotations

import pytest

from minzheng_plans.builtin.rules.units import RULES
from minzheng_plans.core.findings import Severity
from minzheng_plans.plugins.builtins import BUILTIN_PLUGINS

from .rule_helpers import codes, host, plan, row, run

NURSING = "养老机构护理型床位占比"  # in the bundled catalog, unit %
PROFESSIONALS = "社会工作专业人才总量"  # in the bundled catalog, unit 人


class TestRegistration:
    def test_rules_are_builtin_plugins(self):
        """MZ301–MZ304 are registered by a built-in plugin, named units.* with summaries."""
        assert "minzheng_plans.builtin.rules.units" in BUILTIN_PLUGINS
        registered = {info.code for info in host().rules()}
        assert {r.code for r in RULES} <= registered
        assert all(r.name.startswith("units.") and r.summary for r in RULES)
        assert ["MZ301", "MZ302", "MZ303", "MZ304"] == [r.code for r in RULES]


class TestUnknownUnit:
    def test_unknown_unit_with_suggestions(self):
        """An unknown unit (涨) is a warning (MZ301) naming it."""
        found = run(plan(row("养老床位总数", unit="涨", target=(2025, "10"))), ["MZ301"])
        assert [("MZ301", "t1.1")] == codes(found)
        assert Severity.WARNING == found[0].severity
        assert "涨" in found[0].text

    @pytest.mark.parametrize(
        "unit", ["张", "%", "‰", "元/人·月", "个/万人", "张/千名老年人", "", "1:x"]
    )
    def test_known_units(self, unit):
        """Known units, including none and 1:x, give no MZ301."""
        assert [] == run(plan(row("指标", unit=unit, target=(2025, "10"))), ["MZ301"])


class TestCatalogDimension:
    def test_beds_where_the_catalog_counts_people(self):
        """A unit of beds where the catalog counts people is MZ302, naming the code."""
        found = run(plan(row(PROFESSIONALS, unit="张", target=(2025, "200"))), ["MZ302"])
        assert [("MZ302", "t1.1")] == codes(found)
        assert "SW-PROFESSIONALS-TOTAL" in found[0].text

    def test_per_population_base_in_the_name(self):
        """每千名老年人…床位数 with the unit 张: the name gives the base the column leaves out."""
        fine = plan(row("每千名老年人拥有养老床位数", unit="张", target=(2025, "35")))
        assert [] == run(fine, ["MZ302"])
        wrong = plan(row("每千名老年人拥有养老床位数", unit="人", target=(2025, "35")))
        assert [("MZ302", "t1.1")] == codes(run(wrong, ["MZ302"]))

    def test_same_dimension_on_another_scale(self):
        """万人 converts to 人: same dimension, no finding (comparisons convert)."""
        the_plan = plan(
            row(PROFESSIONALS, unit="万人", target=(2025, "200")),
            row(NURSING, id="t1.2", unit="%", target=(2025, "60")),
            row(NURSING, id="t1.3", unit="", target=(2025, "60")),
        )
        assert [] == run(the_plan, ["MZ302"])


# Rows in the layout of a district plan with a formula column (names and units only).
PER_TEN_THOUSAND = "社会组织总数/常住人口数×10000"
CERTIFIED = "取得证书的人员总数/常住人口数×10000"


class TestFormulaContradiction:
    def test_per_ten_thousand_formula_with_a_bare_count_unit(self):
        """×10000 over a population, unit column 个: the unit should be 个/万人."""
        found = run(
            plan(row("每万人拥有社会组织数", unit="个", definition=PER_TEN_THOUSAND)), ["MZ303"]
        )
        assert [("MZ303", "t1.1")] == codes(found)
        assert "个/万人" in found[0].text

    def test_people_per_ten_thousand_people_with_unit_people(self):
        """A per-万人 formula with the unit 人 is MZ303, naming 人/万人."""
        found = run(plan(row("每万人持证人数", unit="人", definition=CERTIFIED)), ["MZ303"])
        assert [("MZ303", "t1.1")] == codes(found)
        assert "人/万人" in found[0].text

    def test_another_scale(self):
        """A unit per 千人 for a formula per 万人 is MZ303 about the scale."""
        found = run(
            plan(row("每万人拥有社会组织数", unit="个/千人", definition=PER_TEN_THOUSAND)),
            ["MZ303"],
        )
        assert [("MZ303", "t1.1")] == codes(found)
        assert "scale" in found[0].text

    @pytest.mark.parametrize(
        ("unit", "definition"),
        [("人/千人", CERTIFIED), ("‰", "护理型床位数/总床位数×100")],
    )
    def test_dimensionless_formulas_on_another_scale(self, unit, definition):
        """A ratio formula with a unit on another scale (per 千, ‰ for ×100) is MZ303."""
        found = run(plan(row("指标", unit=unit, definition=definition)), ["MZ303"])
        assert [("MZ303", "t1.1")] == codes(found)

    def test_units_that_agree_with_their_formulas(self):
        """Units agreeing with their formulas, and prose definitions, give no MZ303."""
        the_plan = plan(
            row("每万人拥有社会组织数", unit="个/万人", definition=PER_TEN_THOUSAND),
            row("低保人数占户籍人口数比重", id="t1.2", definition="低保人数/户籍人口数"),
            row("护理型床位占比", id="t1.3", definition="护理型床位数/总床位数×100%"),
            row("护理型床位比例", id="t1.8", definition="护理型床位数/总床位数×100"),
            row("每万人持证人数", id="t1.9", unit="人/万人", definition=CERTIFIED),
            row(
                "政府补助收入占比",
                id="t1.4",
                definition="(年度政府购买服务收入+政府补助收入)/全区社会组织年度总收入",
            ),
            # prose definitions and formulas outside the grammar are not judged
            row(
                "养老床位总数", id="t1.5", unit="张", definition="全区机构、社区、居家养老床位总数"
            ),
            row("小型墓比例", id="t1.6", definition="占地≤0.6平方米的安葬量/总安葬量"),
            row("安葬比例", id="t1.7", unit="张", definition="生态安葬量/总安葬量"),
            row("月人均救助", id="t1.10", unit="元/人·月", definition="救助资金支出/救助人数/12"),
        )
        assert [] == run(the_plan, ["MZ303"])


class TestFormulaUnmeasurable:
    def test_numbers_only(self):
        """A formula of numbers only is MZ304."""
        found = run(plan(row("达标率", definition="100/100")), ["MZ304"])
        assert [("MZ304", "t1.1")] == codes(found)

    def test_names_that_measure_nothing(self):
        """A formula of names that measure nothing is MZ304, naming them."""
        found = run(plan(row("工作成效", definition="工作情况/总体要求")), ["MZ304"])
        assert [("MZ304", "t1.1")] == codes(found)
        assert "工作情况" in found[0].text

    def test_measurable_formulas(self):
        """Formulas of measurable names give no MZ304."""
        the_plan = plan(
            row("持证率", definition="持证养老护理员/养老护理员总数"),
            row("生态安葬率", id="t1.2", definition="生态安葬量/总安葬量"),
            row("养老床位总数", id="t1.3", unit="张", definition="全区养老床位总数"),
        )
        assert [] == run(the_plan, ["MZ304"])
