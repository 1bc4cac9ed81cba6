"""The two Chongqing loaders on plans written for these tests in their layouts.

``fixtures/municipal-2021-2025.txt``: a fictional 重庆市 十四五 plan in the municipal layout
(tables of one cell per line, header cells out of order), with each damage the loader repairs
only on evidence in the text: a lost ``)`` after ``(%``, a lost time base (``元/·人``), digits
of a range run together (``80120`` for 80%~120%), the colon of ``1:0.7`` lost, and a lost ``‰``
that the prose's head counts give away. ``fixtures/wansheng-2026-2030.txt``: a fictional
万盛经开区 十五五 plan, cells ending in `` |``, a completion table without units, a target
table with ``——`` and a cell no value reader understands. Expected values are hand-written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import minzheng_plans_chongqing
import pytest
from minzheng_plans_chongqing import municipal, wansheng

from minzheng_plans import (
    Attribute,
    Comparator,
    Comparison,
    Document,
    DocumentError,
    Level,
    Observation,
    Relative,
    default_jurisdictions,
    load_document,
)
from minzheng_plans.testing import assert_loader_contract, make_host, make_load_context

FIXTURES = Path(__file__).parent / "fixtures"
MUNICIPAL = FIXTURES / "municipal-2021-2025.txt"
WANSHENG = FIXTURES / "wansheng-2026-2030.txt"
OTHERS = [
    ("table.csv", "period,2021,2025\nname,unit,target\n测试覆盖率,%,≥90\n"),
    ("county.txt", "测试县民政事业发展“十四五”规划\n到2025年,测试覆盖率达到90%。\n"),
]
CONTEXT = make_load_context(minzheng_plans_chongqing)


@pytest.fixture(name="host", scope="module")
def _host():
    return make_host(minzheng_plans_chongqing)


@pytest.fixture(name="city", scope="module")
def _city(host):
    return load_document(Document.from_path(MUNICIPAL), host)


@pytest.fixture(name="zone", scope="module")
def _zone(host):
    return load_document(Document.from_path(WANSHENG), host)


def _loader(host, name):
    (info,) = [i for i in host.loaders() if i.name == name]
    assert "minzheng_plans_chongqing" == info.plugin.name
    return info.loader


def test_each_loader_keeps_the_contract_against_the_other_layout(host):
    """Each loader is selected for its own layout and claims the other one less."""
    assert_loader_contract(
        _loader(host, municipal.LOADER_NAME), [MUNICIPAL], [WANSHENG, *OTHERS], host=host
    )
    assert_loader_contract(
        _loader(host, wansheng.LOADER_NAME), [WANSHENG], [MUNICIPAL, *OTHERS], host=host
    )


class TestMunicipal:
    def test_metadata(self, city):
        """Id, period, number, issuer and date come from the notice."""
        plan = city.plan
        assert ("500000-2021-2025", Level.PROVINCIAL) == (plan.id, plan.jurisdiction.level)
        assert ("渝府办发〔2021〕88号", ("重庆市人民政府办公厅",)) == (
            plan.document_number,
            plan.issuers,
        )
        assert dt.date(2021, 9, 30) == plan.issued

    def test_completion_row(self, city):
        """专栏1 rows hold the 2015 baseline and the 2020 actual, with the attribute."""
        row = city.plan.indicator("t1.2")
        assert ("养老机构护理型床位占比", "%", Attribute.BINDING) == (
            row.name,
            row.unit,
            row.attribute,
        )
        assert (Observation(2015, Decimal(20)), Observation(2020, Decimal(35))) == (
            row.baseline,
            row.actual,
        )

    def test_lost_time_base_is_repaired_from_the_prose(self, city):
        """元/·人 is 元/人·月 because the text names 每人每月400元 and 每人每月560元."""
        row = city.plan.indicator("t1.1")
        assert ("元/人·月", "城市最低生活保障平均标准(元/·人)") == (row.unit, row.source.raw)

    def test_run_together_range_is_reported_not_guessed(self, city):
        """80120 matches the text's 80%~120%: reported as such, no single growth invented."""
        row = city.plan.indicator("t1.3")
        assert row.growth is None
        (finding,) = [f for f in city.findings if f.indicator == "t1.3" and "80120" in f.text]
        assert "80%~120%" in finding.text

    def test_lost_ratio_colon_is_repaired(self, city):
        """10.7 and 10.8 in a row named …比 are the ratios 1:0.7 and 1:0.8."""
        row = city.plan.indicator("t2.1")
        assert ("1:x", Decimal("0.7"), Decimal("0.8")) == (
            row.unit,
            row.baseline.value,
            row.target.value,
        )

    def test_per_mille_from_the_head_counts(self, city):
        """2万 and 3万 social workers are 0.6 and 0.9 of a thousand residents: the unit is ‰."""
        row = city.plan.indicator("t2.2")
        assert ("‰", Decimal("0.6"), Decimal("0.9")) == (
            row.unit,
            row.baseline.value,
            row.target.value,
        )

    def test_every_repair_is_reported(self, city):
        """Eight repairs (MZ502): two brackets in each table, one of each other kind."""
        repaired = sorted(f.indicator for f in city.findings if f.code == "MZ502")
        assert ["t1.1", "t1.2", "t1.3", "t1.3", "t2.1", "t2.1", "t2.2", "t2.3"] == repaired

    def test_without_evidence_the_unit_stays_empty(self):
        """With the head counts gone from the text, the lost unit is not guessed: MZ503."""
        text = MUNICIPAL.read_text(encoding="utf-8").replace("社会工作专业人才达到", "社工达到")
        result = municipal.load(Document.from_text("city.txt", text), CONTEXT)
        assert "" == result.plan.indicator("t2.2").unit
        assert ["MZ503"] == [f.code for f in result.findings if f.indicator == "t2.2"]


class TestWansheng:
    def test_metadata(self, zone):
        """A zone under 重庆市, its plan id carrying the zone's local code."""
        plan = zone.plan
        assert ("500000-WS-2026-2030", Level.ZONE, "500000") == (
            plan.id,
            plan.jurisdiction.level,
            plan.jurisdiction.parent,
        )
        assert ("万盛经开发〔2026〕5号", dt.date(2026, 4, 8)) == (plan.document_number, plan.issued)

    def test_completion_table(self, zone):
        """表1: the previous period's target, its actual and the status as written."""
        row = zone.plan.indicator("t1.2")
        assert Comparison(2025, Decimal(55), Comparator.GE) == row.target
        assert (Observation(2025, Decimal(58)), "已完成") == (row.actual, row.status)
        assert "未完成" == zone.plan.indicator("t1.3").status

    def test_completion_units_are_inferred_and_reported(self, zone):
        """No unit column: % from 表2's row of the same name, or from a rate's name; a count
        keeps no unit. Each reading is an MZ502."""
        plan = zone.plan
        assert ["%", "%", ""] == [plan.indicator(f"t1.{n}").unit for n in (1, 2, 3)]
        inferred = {f.indicator: f.text for f in zone.findings if f.code == "MZ502"}
        assert ["t1.1", "t1.2"] == sorted(inferred)
        assert "t2.2" in inferred["t1.2"]

    def test_target_table(self, zone):
        """表2: —— is no baseline, a relative target, ≥ inside a cell."""
        plan = zone.plan
        first, second = plan.indicator("t2.1"), plan.indicator("t2.2")
        assert (None, Relative(2030, Comparator.GE, "上年度居民人均消费支出增速")) == (
            first.baseline,
            first.target,
        )
        assert (Observation(2025, Decimal(58)), Comparison(2030, Decimal(65), Comparator.GE)) == (
            second.baseline,
            second.target,
        )

    def test_unreadable_cell_is_an_mz501(self, zone):
        """A target cell holding only ≤ is reported with the row, which is not loaded."""
        (finding,) = [f for f in zone.findings if f.code == "MZ501"]
        assert "t2.3" == finding.indicator
        assert "社会工作专业人才数" in finding.text

    def test_prose_target(self, zone):
        """The text's 达到95% is a target for the period's end."""
        (prose,) = [i for i in zone.plan.indicators if i.id.startswith("p")]
        assert ("养老服务设施覆盖率", Comparison(2030, Decimal(95))) == (prose.name, prose.target)


@pytest.mark.parametrize("load", [municipal.load, wansheng.load])
def test_text_without_a_period_is_a_typed_error(load):
    """A text that names no period is refused with a DocumentError, not a traceback."""
    with pytest.raises(DocumentError):
        load(Document.from_text("x.txt", "重庆市民政工作说明\n正文。\n"), CONTEXT)


@pytest.mark.parametrize("sniff", [municipal.sniff, wansheng.sniff])
def test_binary_is_not_claimed(sniff):
    """A document without text is never a Chongqing layout."""
    assert 0.0 == sniff(Document("x.xlsx", b"PK\x03\x04"), CONTEXT)


@pytest.mark.parametrize("jurisdiction", [municipal.CHONGQING, wansheng.WANSHENG])
def test_jurisdictions_agree_with_the_registry(jurisdiction):
    """The plugin's jurisdictions are the bundled registry's, field for field."""
    assert default_jurisdictions().get(jurisdiction.code) == jurisdiction
