"""The Chongqing loaders on the real plans of 重庆市 (seed 000) and 万盛经开区 (seed 001)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import minzheng_plans_chongqing
import pytest
from minzheng_plans_chongqing import municipal, wansheng

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.model import Attribute, Level, Observation
from minzheng_plans.core.quantity import Comparator, Comparison, Relative
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_path, sniff_document
from minzheng_plans.registries.jurisdictions import default_jurisdictions
from minzheng_plans.testing import make_load_context
from tests.conftest import seed_path as seed

LOAD_CONTEXT = make_load_context()

SEEDS = ("000", "001", "002", "003", "004")


@pytest.fixture(name="host", scope="module")
def _host():
    return create_plugin_host(entry_points=False, extra=[minzheng_plans_chongqing])


@pytest.fixture(name="city", scope="module")
def _city(host):
    return load_path(seed("000"), host)


@pytest.fixture(name="zone", scope="module")
def _zone(host):
    return load_path(seed("001"), host)


def _findings(result, code, indicator=None):
    return [
        f
        for f in result.findings
        if f.code == code and (indicator is None or f.indicator == indicator)
    ]


def _table(result, number):
    return [i for i in result.plan.indicators if i.id.startswith(f"t{number}.")]


class TestSniff:
    @pytest.mark.parametrize(("sniff", "own"), [(municipal.sniff, "000"), (wansheng.sniff, "001")])
    def test_each_loader_claims_its_own_seed_only(self, sniff, own):
        """Each Chongqing loader is confident on its own plan and declines every other seed."""
        for prefix in SEEDS:
            confidence = sniff(Document.from_path(seed(prefix)), LOAD_CONTEXT)
            if prefix == own:
                assert confidence >= 0.9, prefix
            else:
                assert confidence <= 0.2, prefix

    @pytest.mark.parametrize(
        ("prefix", "loader"),
        [("000", municipal.LOADER_NAME), ("001", wansheng.LOADER_NAME)],
    )
    def test_the_host_picks_the_right_loader(self, host, prefix, loader):
        """The host ranks first the loader made for each Chongqing plan."""
        assert [] == host.findings
        candidates = sniff_document(Document.from_path(seed(prefix)), host, [])
        assert loader == candidates[0].loader


class TestMunicipalMetadata:
    def test_metadata(self, city):
        """The municipal plan's id, title, place, issuer, number, date and parents are read."""
        plan = city.plan
        assert "500000-2016-2020" == plan.id
        assert "重庆市民政事业发展“十三五”规划" == plan.title
        assert ("500000", Level.PROVINCIAL) == (plan.jurisdiction.code, plan.jurisdiction.level)
        assert ("重庆市人民政府办公厅",) == plan.issuers
        assert "渝府办发〔2016〕261号" == plan.document_number
        assert dt.date(2016, 12, 14) == plan.issued
        titles = [ref.title for ref in plan.based_on]
        assert "民政事业发展第十三个五年规划" == titles[0]
        assert "000000-2016-2020" == plan.based_on[0].id
        assert 3 == len(titles)

    def test_sections_skip_the_table_of_contents(self, city):
        """Chapters are read from the body (line 80 on), not the table of contents."""
        chapters = city.plan.sections
        assert ["第一章", "第二章", "第三章", "第四章"] == [c.number for c in chapters]
        assert 80 == chapters[0].line


class TestMunicipalTables:
    def test_row_counts(self, city):
        """专栏1 has 15 rows and 专栏2 14: each is an indicator or an MZ501."""
        for number, rows in ((1, 15), (2, 14)):
            read = _table(city, number)
            unreadable = [
                f for f in _findings(city, "MZ501") if f.indicator.startswith(f"t{number}.")
            ]
            assert rows == len(read) + len(unreadable)
            assert [] == unreadable

    def test_completion_row(self, city):
        """A completion row gives name, unit, baseline, actual, growth and attribute, no target."""
        row = city.plan.indicator("t1.9")
        assert "死亡人口平均火化率" == row.name
        assert "%" == row.unit
        assert Observation(2010, Decimal("33.9")) == row.baseline
        assert Observation(2015, 45) == row.actual
        assert Decimal("11.1") == row.growth
        assert Attribute.BINDING == row.attribute
        assert row.target is None

    def test_exact_decimals(self, city):
        """Figures are exact decimals as written (0.85, 0.03, −8)."""
        row = city.plan.indicator("t1.15")
        assert "0.85" == str(row.baseline.value)
        assert "0.03" == str(row.growth)
        assert Decimal(-8) == city.plan.indicator("t1.3").growth

    def test_target_row(self, city):
        """A target row gives baseline and target; a row without a baseline has none."""
        row = city.plan.indicator("t2.8")
        assert Observation(2015, 45) == row.baseline
        assert Comparison(2020, 50) == row.target
        assert "/" != row.unit
        assert city.plan.indicator("t2.5").baseline is None

    def test_lost_brackets_are_repaired(self, city):
        """A name that lost its closing bracket is split into name and unit, with an MZ502."""
        row = city.plan.indicator("t2.3")
        assert ("城镇社区养老服务设施覆盖率", "%") == (row.name, row.unit)
        assert "城镇社区养老服务设施覆盖率(%" == row.source.raw
        assert 1 == len(_findings(city, "MZ502", "t2.3"))
        assert row.source.quote == row.source.raw

    def test_ratio_repair(self, city):
        """Ratio cells that lost their colon (10.55) read as 1:0.55 and 1:0.8, each with MZ502."""
        row = city.plan.indicator("t2.1")
        assert "1:x" == row.unit
        assert Observation(2015, Decimal("0.55")) == row.baseline
        assert Comparison(2020, Decimal("0.8")) == row.target
        assert "10.55 | 10.8" == row.source.raw
        assert 2 == len(_findings(city, "MZ502", "t2.1"))

    def test_range_repair(self, city):
        """Run-together percentages (90147) are named 90%~147% in an MZ502; growth stays empty."""
        row = city.plan.indicator("t1.7")
        assert "90147" in row.source.raw
        assert row.growth is None
        (repair,) = [f for f in _findings(city, "MZ502", "t1.7") if "90147" in f.text]
        assert "90%~147%" in repair.text
        assert [] == _findings(city, "MZ503", "t1.7")

    def test_time_base_repair(self, city):
        """A garbled unit (元/·人) is repaired to 元/人·月 and its figures are kept."""
        row = city.plan.indicator("t1.1")
        assert "元/人·月" == row.unit
        assert Observation(2010, 260) == row.baseline
        assert Observation(2015, 420) == row.actual
        assert "(元/·人)" in row.source.raw

    def test_per_mille_repair(self, city):
        """A per-mille sign lost from the name is restored as the unit ‰, with an MZ502."""
        row = city.plan.indicator("t2.13")
        assert ("社会工作专业人才占总人口比例", "‰") == (row.name, row.unit)
        assert Comparison(2020, Decimal("0.6")) == row.target
        (repair,) = _findings(city, "MZ502", "t2.13")
        assert "‰" in repair.text

    def test_without_evidence_the_unit_stays_empty(self):
        """With the prose head counts removed, the lost unit is a warning, not a guess."""
        text = Document.from_path(seed("000")).text.replace("社会工作专业人才达到", "社工达到")
        result = municipal.load(Document.from_text("000.txt", text), LOAD_CONTEXT)
        assert "" == result.plan.indicator("t2.13").unit
        assert 1 == len(_findings(result, "MZ503", "t2.13"))
        assert [] == _findings(result, "MZ502", "t2.13")

    def test_unrepaired_rows_keep_no_raw(self, city):
        """A row read without repair keeps no raw text."""
        row = city.plan.indicator("t2.2")
        assert ("每千名老人拥有养老床位数", "张") == (row.name, row.unit)
        assert row.source.raw is None

    def test_quotes_are_on_their_lines(self, city):
        """Every indicator's quote is under 40 characters and found on its source line."""
        lines = Document.from_path(seed("000")).text.splitlines()
        for indicator in city.plan.indicators:
            source = indicator.source
            assert source.quote in lines[source.line - 1], indicator.id
            assert len(source.quote) < 40


class TestWansheng:
    def test_metadata(self, zone):
        """The Wansheng plan's id, zone under 500000, number, date and issuer are read."""
        plan = zone.plan
        assert "500000-WS-2021-2025" == plan.id
        assert ("500000-WS", Level.ZONE, "500000") == (
            plan.jurisdiction.code,
            plan.jurisdiction.level,
            plan.jurisdiction.parent,
        )
        assert "万盛经开发〔2022〕11号" == plan.document_number
        assert dt.date(2022, 3, 21) == plan.issued
        assert ("重庆市万盛经开区管委会",) == plan.issuers

    def test_row_counts(self, zone):
        """Wansheng's two tables give 9 and 17 rows, and nothing is reported unread (MZ501)."""
        assert 9 == len(_table(zone, 1))
        assert 17 == len(_table(zone, 2))
        assert [] == _findings(zone, "MZ501")

    def test_completion_table(self, zone):
        """The completion table gives targets, actuals (≥95 %), status 已完成 and attributes."""
        row = zone.plan.indicator("t1.3")
        assert Comparison(2020, 95, Comparator.GE) == row.target
        assert Observation(2020, 95, Comparator.GE) == row.actual
        assert ("已完成", Attribute.BINDING, "%") == (row.status, row.attribute, row.unit)
        assert all(i.status == "已完成" for i in _table(zone, 1))
        assert Observation(2020, Decimal("32.6")) == zone.plan.indicator("t1.9").actual

    def test_completion_units_are_inferred_and_reported(self, zone):
        """The nine completion units come from the target table, each reported (MZ502)."""
        assert 9 == len([f for f in _findings(zone, "MZ502") if f.indicator.startswith("t1.")])
        (from_table,) = _findings(zone, "MZ502", "t1.1")
        assert "t2.2" in from_table.text

    def test_target_table(self, zone):
        """The target table gives relative targets, ≤ bounds, units and exact baselines."""
        plan = zone.plan
        first = plan.indicator("t2.1")
        assert first.baseline is None
        assert Relative(2025, Comparator.GE, "上年度居民人均消费支出增速") == first.target
        beds = plan.indicator("t2.14")
        assert Observation(2020, 50, Comparator.LE) == beds.baseline
        assert Comparison(2025, 40, Comparator.LE) == beds.target
        area = plan.indicator("t2.6")
        assert ("平方米", None) == (area.unit, area.baseline)
        donations = plan.indicator("t2.8")
        assert ("万元", "285.6") == (donations.unit, str(donations.baseline.value))
        assert "支" == plan.indicator("t2.17").unit

    def test_catalog_codes(self, zone):
        """The publicly run bed share gets its catalog code."""
        assert "EC-GOV-OPERATED-BED-SHARE" == zone.plan.indicator("t2.14").code


class TestBadInput:
    @pytest.mark.parametrize("loader", [municipal.load, wansheng.load])
    def test_text_without_a_period_is_a_typed_error(self, loader):
        """A text without a plan period is a DocumentError saying so."""
        with pytest.raises(DocumentError, match="period"):
            loader(Document.from_text("x.txt", "重庆市民政工作说明\n正文。\n"), LOAD_CONTEXT)

    @pytest.mark.parametrize("loader", [municipal, wansheng])
    def test_binary_documents(self, loader):
        """A binary document is declined by sniff and refused by load with a DocumentError."""
        document = Document("x.xlsx", b"PK\x03\x04\x00")
        assert 0.0 == loader.sniff(document, LOAD_CONTEXT)
        with pytest.raises(DocumentError):
            loader.load(document, LOAD_CONTEXT)


@pytest.mark.parametrize("jurisdiction", [municipal.CHONGQING, wansheng.WANSHENG])
def test_jurisdictions_agree_with_the_registry(jurisdiction):
    """The plugin's jurisdiction is the bundled registry's, field for field."""
    assert default_jurisdictions().get(jurisdiction.code) == jurisdiction
