"""MZ2xx internal-consistency rules: a failing and a passing example for each."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from minzheng_plans.builtin.rules.consistency import RULES
from minzheng_plans.core.findings import Severity
from minzheng_plans.core.model import Observation, SourceKind
from minzheng_plans.core.quantity import Comparator, Relative
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.plugins.builtins import BUILTIN_PLUGINS

from .rule_helpers import between, codes, ge, host, plan, row, run

NURSING = "养老机构护理型床位占比"  # in the bundled catalog: share, higher is better
GOV_BEDS = "政府运营床位占比"  # in the bundled catalog: share, lower is better


class TestRegistration:
    def test_rules_are_builtin_plugins(self):
        """MZ201–MZ209 are registered by a built-in plugin, named consistency.* with summaries."""
        assert "minzheng_plans.builtin.rules.consistency" in BUILTIN_PLUGINS
        registered = {info.code: info for info in host().rules()}
        for rule in RULES:
            assert rule.code in registered
            assert rule.name.startswith("consistency.")
            assert rule.summary
        assert [f"MZ20{n}" for n in range(1, 10)] == [r.code for r in RULES]


class TestBaselineYear:
    def test_baseline_after_target(self):
        """A baseline year after the target year is an error (MZ201) at the row's line."""
        bad = plan(row("养老床位总数", unit="张", baseline=(2026, "10"), target=(2025, "12")))
        found = run(bad, ["MZ201"])
        assert [("MZ201", "t1.1")] == codes(found)
        assert Severity.ERROR == found[0].severity
        assert ("plan.txt", 10) == (found[0].location.file, found[0].location.line)

    def test_baseline_before_target(self):
        """A baseline year before the target year gives no MZ201."""
        good = plan(row("养老床位总数", unit="张", baseline=(2020, "10"), target=(2025, "12")))
        assert [] == run(good, ["MZ201"])

    @pytest.mark.parametrize(("year", "flagged"), [(2020, True), (2015, False), (2018, False)])
    def test_baseline_outside_the_period(self, year, flagged):
        """A 13th-plan (2016-2020) baseline is 2015 or a year inside the period."""
        the_plan = plan(
            row("养老床位总数", unit="张", baseline=(2013 if flagged else year, "1")),
            start=2016,
            end=2020,
        )
        assert flagged == bool(run(the_plan, ["MZ202"]))

    def test_completion_rows_keep_their_own_years(self):
        """Last period's completion table (2010 → 2015 in a 2016-2020 plan) is not flagged."""
        the_plan = plan(
            row("养老床位数", unit="张", baseline=(2010, "1"), actual=(2015, "2")),
            start=2016,
            end=2020,
        )
        assert [] == run(the_plan, ["MZ202"])


class TestShareRange:
    def test_catalog_share_above_100(self):
        """A catalogued share targeted at 155 is out of range (MZ203), naming the figure."""
        found = run(plan(row(NURSING, target=(2025, "155"))), ["MZ203"])
        assert [("MZ203", "t1.1")] == codes(found)
        assert "155" in found[0].text

    def test_catalog_share_within_range(self):
        """Shares of 0 and 100 are within range."""
        assert [] == run(plan(row(NURSING, baseline=(2020, "0"), target=(2025, "100"))), ["MZ203"])

    def test_share_by_name_and_percent_unit(self):
        """An uncatalogued 率 in % is a share too: a baseline of −3 is out of range (MZ203)."""
        negative = plan(row("社区工作者持证率", baseline=(2020, "-3"), target=(2025, "20")))
        assert [("MZ203", "t1.1")] == codes(run(negative, ["MZ203"]))

    def test_growth_rates_and_ratios_may_exceed_100(self):
        """增长率 in % and a ratio of standards (90%~147%) are not shares."""
        the_plan = plan(
            row("慈善捐赠年增长率", target=(2025, "150")),
            row("抚恤补助标准与上年之比", id="t1.2", target=between(2025, "90", "147")),
        )
        assert [] == run(the_plan, ["MZ203"])


class TestBindingTargetMet:
    def test_baseline_meets_binding_target(self):
        """A binding target already met by its baseline is an info (MZ204)."""
        found = run(
            plan(row(NURSING, binding=True, baseline=(2020, "62"), target=ge(2025, "60"))),
            ["MZ204"],
        )
        assert [("MZ204", "t1.1")] == codes(found)
        assert Severity.INFO == found[0].severity

    def test_lower_is_better_read_from_the_catalog(self):
        """达到50 for a lower-is-better share allows ≤50: a baseline of 45 already meets it."""
        met = plan(row(GOV_BEDS, binding=True, baseline=(2020, "45"), target=(2025, "50")))
        assert [("MZ204", "t1.1")] == codes(run(met, ["MZ204"]))
        not_met = plan(row(GOV_BEDS, binding=True, baseline=(2020, "55"), target=(2025, "50")))
        assert [] == run(not_met, ["MZ204"])

    def test_anticipatory_or_unmet_targets_are_quiet(self):
        """A met anticipatory target or an unmet binding one gives no MZ204."""
        the_plan = plan(
            row(NURSING, binding=False, baseline=(2020, "62"), target=ge(2025, "60")),
            row(NURSING, id="t1.2", binding=True, baseline=(2020, "30"), target=ge(2025, "60")),
        )
        assert [] == run(the_plan, ["MZ204"])


class TestDuplicates:
    def test_same_normalised_name_in_one_table(self):
        """Two rows of a table with one normalised name: MZ205 on the second, relating the first."""
        the_plan = plan(
            row("护理型床位占比", target=(2025, "60")),
            row("护理型床位占比 ", id="t1.5", target=(2025, "60")),
        )
        found = run(the_plan, ["MZ205"])
        assert [("MZ205", "t1.5")] == codes(found)
        assert ("t1.1",) == found[0].related

    def test_same_code_under_two_names(self):
        """Two rows of one table with one catalog code under two names are MZ205."""
        the_plan = plan(
            row("护理型床位占比", code="EC-NURSING-BED-SHARE", target=(2025, "60")),
            row(NURSING, id="t1.2", code="EC-NURSING-BED-SHARE", target=(2025, "55")),
        )
        found = run(the_plan, ["MZ205"])
        assert [("MZ205", "t1.2")] == codes(found)
        assert "same catalog code" in found[0].text

    def test_other_tables_and_prose_are_not_duplicates(self):
        """The same name in another table or in prose is not a duplicate."""
        the_plan = plan(
            row("护理型床位占比", target=(2025, "60")),
            row(
                "护理型床位占比",
                id="t2.1",
                table="完成情况",
                target=(2020, "30"),
                actual=(2020, "32"),
            ),
            row("护理型床位占比", id="p40.1", kind=SourceKind.PROSE, target=(2025, "60")),
        )
        assert [] == run(the_plan, ["MZ205"])


class TestTableAgainstProse:
    def test_prose_states_another_figure(self):
        """Prose stating another target than the table is MZ206 at its line, relating the row."""
        the_plan = plan(
            row("护理型床位占比", target=ge(2025, "60")),
            row(
                "护理型床位占比", id="p88.1", kind=SourceKind.PROSE, target=ge(2025, "55"), line=88
            ),
        )
        found = run(the_plan, ["MZ206"])
        assert [("MZ206", "p88.1")] == codes(found)
        assert ("t1.1",) == found[0].related
        assert 88 == found[0].location.line

    def test_same_figure_in_other_words(self):
        """Table ≥60 and prose 达到60% state the same target."""
        the_plan = plan(
            row("护理型床位占比", target=ge(2025, "60")),
            row("护理型床位占比", id="p88.1", kind=SourceKind.PROSE, target=(2025, "60")),
            row("护理型床位占比", id="p90.1", kind=SourceKind.PROSE, target=(2023, "50")),
        )
        assert [] == run(the_plan, ["MZ206"])

    def test_codes_decide_over_names(self):
        """Same name but different catalog codes: two indicators, nothing to compare."""
        the_plan = plan(
            row("床位占比", code="EC-NURSING-BED-SHARE", target=ge(2025, "60")),
            row(
                "床位占比",
                id="p8.1",
                code="EC-GOV-OPERATED-BED-SHARE",
                kind=SourceKind.PROSE,
                target=ge(2025, "30"),
            ),
        )
        assert [] == run(the_plan, ["MZ206"])

    def test_figures_compare_after_unit_conversion(self):
        """6万张 in the text is the table's 60000 张; 5万张 is not."""
        the_plan = plan(
            row("养老床位总数", unit="张", target=(2025, "60000")),
            row("养老床位总数", id="p5.1", unit="万张", kind=SourceKind.PROSE, target=(2025, "6")),
            row("养老床位总数", id="p6.1", unit="万张", kind=SourceKind.PROSE, target=(2025, "5")),
        )
        assert [("MZ206", "p6.1")] == codes(run(the_plan, ["MZ206"]))

    def test_relative_targets_compare_by_reference(self):
        """Relative targets disagree only when their references differ (MZ206)."""
        reference = "居民上年度人均消费支出增速"
        table = row("低保标准增速", target=Relative(2025, Comparator.GE, reference))
        same = row(
            "低保标准增速",
            id="p9.1",
            kind=SourceKind.PROSE,
            target=Relative(2025, Comparator.GE, reference),
        )
        other = row(
            "低保标准增速",
            id="p9.2",
            kind=SourceKind.PROSE,
            target=Relative(2025, Comparator.GE, "物价涨幅"),
        )
        assert [("MZ206", "p9.2")] == codes(run(plan(table, same, other), ["MZ206"]))


class TestGrowth:
    @pytest.mark.parametrize(
        ("baseline", "actual", "growth", "basis"),
        [
            ("260", "420", "61.5", "relative"),
            ("50", "55", "5", "points"),
            ("22", "14", "-8", "points"),
            ("33.9", "45", "11.1", "points"),
            ("21.9", "45.7", "108.7", "relative"),
        ],
    )
    def test_matching_growth_says_which_reading(self, baseline, actual, growth, basis):
        """Growth matching relative % or points gives no MZ207 and an MZ208 naming the basis."""
        the_plan = plan(
            row("指标", baseline=(2010, baseline), actual=(2015, actual), growth=growth)
        )
        assert [] == run(the_plan, ["MZ207"])
        found = run(the_plan, ["MZ208"])
        assert [("MZ208", "t1.1")] == codes(found)
        assert basis == dict(found[0].args)["basis"]

    def test_growth_matching_nothing(self):
        """A growth figure matching neither reading is MZ207, giving both (66.67 and 40)."""
        the_plan = plan(row("指标", baseline=(2010, "60"), actual=(2015, "100"), growth="25"))
        found = run(the_plan, ["MZ207", "MZ208"])
        assert [("MZ207", "t1.1")] == codes(found)
        assert "66.67" in found[0].text
        assert "(40)" in found[0].text

    def test_growth_against_the_target(self):
        """A growth figure may be read against the target, and MZ208 says so."""
        the_plan = plan(
            row("指标", unit="张", target=(2020, "200"), actual=(2020, "230"), growth="15")
        )
        assert "target" == dict(run(the_plan, ["MZ208"])[0].args)["origin"]

    def test_average_annual_growth(self):
        """10 % a year for five years: 100 → 161.051."""
        the_plan = plan(
            row("指标", unit="元", baseline=(2015, "100"), actual=(2020, "161.05"), growth="10")
        )
        found = run(the_plan, ["MZ208"])
        assert "annual" == dict(found[0].args)["basis"]
        assert "average annual" in found[0].text


class TestStatus:
    def test_done_but_actual_misses_the_target(self):
        """已完成 with an actual short of the target is MZ209, quoting the status."""
        the_plan = plan(row(NURSING, target=(2020, "32.6"), actual=(2020, "30"), status="已完成"))
        found = run(the_plan, ["MZ209"])
        assert [("MZ209", "t1.1")] == codes(found)
        assert "已完成" in found[0].text

    def test_not_done_but_actual_meets_the_target(self):
        """未完成 with an actual meeting the target is MZ209."""
        the_plan = plan(row(NURSING, target=ge(2020, "30"), actual=(2020, "32"), status="未完成"))
        assert [("MZ209", "t1.1")] == codes(run(the_plan, ["MZ209"]))

    def test_consistent_statuses(self):
        """Overshooting a higher-is-better target is done; ≥95 against ≥95 is done."""
        the_plan = plan(
            row(NURSING, target=(2020, "60"), actual=(2020, "70"), status="已完成"),
            row(
                "困难残疾人生活补贴覆盖率",
                id="t1.2",
                target=ge(2020, "95"),
                actual=Observation(2020, Decimal(95), Comparator.GE),
                status="已完成",
            ),
            row(NURSING, id="t1.3", target=(2020, "60"), actual=(2020, "50"), status="基本完成"),
            row("某指标", id="t1.4", target=(2020, "60"), actual=(2020, "61"), status="已完成"),
        )
        assert [] == run(the_plan, ["MZ209"])


def test_plan_files_run_clean():
    """The example plan file, read through the plan-file reader, raises no rule error."""
    example = Path(__file__).resolve().parents[1] / "examples" / "lanxi-county-2021-2025.toml"
    the_plan = read_plan(example)
    found = run(the_plan, ["MZ2"])
    assert [] == [f for f in found if f.severity == Severity.ERROR]
