"""MZ510+ extraction rules: a failing and a passing example for each."""

from __future__ import annotations

from decimal import Decimal

import attrs

from minzheng_plans.builtin.rules.extraction import RULES, quoted_numbers
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.core.model import Source, SourceKind

from .rule_helpers import codes, ge, host, plan, row, run


def _quoted(quote: str, *, raw: str | None = None, **fields):
    item = row("护理型床位占比", kind=SourceKind.PROSE, **fields)
    return attrs.evolve(item, source=Source(SourceKind.PROSE, line=12, quote=quote, raw=raw))


def test_registered():
    """MZ510–MZ513 are registered as extraction.* rules."""
    assert {r.code for r in RULES} <= {info.code for info in host().rules()}
    assert ["MZ510", "MZ511", "MZ512", "MZ513"] == [r.code for r in RULES]
    assert all(r.name.startswith("extraction.") for r in RULES)


def test_quote_without_the_value():
    """A quote stating none of the indicator's values is MZ510 at its line."""
    found = run(plan(_quoted("护理型床位占比不低于50%", target=ge(2025, "55"))), ["MZ510"])
    assert [("MZ510", "t1.1")] == codes(found)
    assert 12 == found[0].location.line


def test_quotes_that_state_the_value():
    """Quotes stating a value (with 万, ratios, thousands) and repaired or figureless ones pass."""
    the_plan = plan(
        _quoted("护理型床位占比不低于55%", target=ge(2025, "55")),
        _quoted("新增养老床位6万张", id="p2.1", unit="张", target=(2025, "60000")),
        _quoted("城乡低保标准差距缩小到1:0.8", id="p3.1", unit="", target=(2020, "0.8")),
        _quoted("总投资1,598万元", id="p4.1", unit="万元", actual=(2020, "1598")),
        # repaired cells and quotes without figures are not judged
        _quoted("10.55", id="p5.1", raw="10.55", target=(2020, "0.55")),
        _quoted("覆盖率达到百分之百", id="p6.1", target=(2025, "100")),
        _quoted("到2025年所有镇基本实现全覆盖", id="p7.1", target=(2025, "100")),
    )
    assert [] == run(the_plan, ["MZ510"])


def test_quoted_numbers():
    """A quote's numbers give 6万 as 6 and 60000 and leave out years; 2025项 is a number."""
    assert {Decimal(6), Decimal(60000)} == quoted_numbers("到２０２５年新增6万张")
    assert {Decimal(2025)} == quoted_numbers("完成2025项")


def test_magnitude_jump_in_a_share():
    """A ratio 1:0.55 read as 10.55 next to a baseline of 0.005 (a lost scale)."""
    found = run(
        plan(row("城乡低保标准比", unit="%", baseline=(2015, "0.005"), target=(2020, "55"))),
        ["MZ511"],
    )
    assert [("MZ511", "t1.1")] == codes(found)
    assert "11000" in found[0].text


def test_ordinary_progress_and_counts():
    """Ordinary growth of a share or a count gives no MZ511."""
    the_plan = plan(
        row("护理型床位占比", baseline=(2020, "0.5"), target=(2025, "60")),
        row("社会工作者数量", id="t1.2", unit="人", baseline=(2020, "2"), target=(2025, "3500")),
        row(
            "康复辅助技术咨询师数量",
            id="t1.3",
            unit="人",
            baseline=(2020, "0"),
            target=(2025, "30"),
        ),
    )
    assert [] == run(the_plan, ["MZ511"])


BEDS_PER_1000 = "每千名老年人拥有养老床位数"  # catalog: per_capita, 张/千名老年人


def _county(code: str, *indicators):
    return attrs.evolve(plan(*indicators), id=f"{code}-2021-2025")


def test_magnitude_far_from_other_plans():
    """35 beds per thousand elsewhere; 0.03 here (stated per person, or misread)."""
    plans = [
        _county("990101", row(BEDS_PER_1000, unit="张/千名老年人", target=(2025, "35"))),
        _county("990102", row(BEDS_PER_1000, unit="张/千名老年人", target=(2025, "40"))),
        _county("990103", row(BEDS_PER_1000, unit="张/千名老年人", target=(2025, "0.03"))),
    ]
    found = check_plans(plans, host(), select=["MZ512", "MZ005"])
    assert [("MZ512", "t1.1")] == codes(found)
    assert "990103-2021-2025" == found[0].plan


def test_magnitude_in_line_with_other_plans_after_conversion():
    """0.035 张/人 is 35 张/千人: units convert before comparing; counts are never compared."""
    plans = [
        _county("990101", row(BEDS_PER_1000, unit="张/千名老年人", target=(2025, "35"))),
        _county("990102", row(BEDS_PER_1000, unit="张/人", target=(2025, "0.035"))),
        _county("990103", row(BEDS_PER_1000, unit="", target=(2025, "30"))),
        _county("990104", row("养老床位总数", unit="张", target=(2025, "8"))),
        _county("990105", row("养老床位总数", unit="张", target=(2025, "80000"))),
    ]
    assert [] == list(check_plans(plans, host(), select=["MZ512", "MZ005"]))


def test_ratio_off_its_table():
    """1:0.55 whose colon was lost reads 10.55 beside the table's other ratios near 1:0.6."""
    the_plan = plan(
        row("城市与农村低保标准比", unit="1:x", baseline=(2015, "10.55"), target=(2020, "0.8")),
        row("城乡特困供养标准比", id="t1.2", unit="1:x", baseline=(2015, "0.6")),
    )
    found = run(the_plan, ["MZ513"])
    assert [("MZ513", "t1.1")] == codes(found)
    assert "baseline" in found[0].text
    assert "1:10.55" in found[0].text


def test_ratios_in_one_band_and_lone_ratios_pass():
    """Ratios within a factor of ten of each other, and a table's only ratio, raise nothing."""
    in_band = plan(
        row("城市与农村低保标准比", unit="1:x", baseline=(2015, "0.55"), target=(2020, "0.8")),
        row("城乡特困供养标准比", id="t1.2", unit="1:x", baseline=(2015, "0.6")),
        row("另一表中的比", id="t2.1", unit="1:x", baseline=(2015, "9"), table="专栏1"),
    )
    assert [] == run(in_band, ["MZ513"])
