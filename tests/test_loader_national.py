"""The national loader on the real national plan (seed 002) and on a text of our own."""

from __future__ import annotations

from decimal import Decimal

import minzheng_plans_national
import pytest
from minzheng_plans_national.mca import LOADER_NAME, NATIONAL, sniff

from minzheng_plans.core.model import Attribute, Level, SourceKind
from minzheng_plans.core.quantity import Comparator, Comparison, Relative
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document, load_path, sniff_document
from minzheng_plans.registries.jurisdictions import default_jurisdictions
from minzheng_plans.testing import make_load_context
from tests.conftest import seed_path as seed

LOAD_CONTEXT = make_load_context()

OWN = "002"
OTHERS = ("000", "001", "003", "004")


@pytest.fixture(name="host", scope="module")
def _host():
    return create_plugin_host(entry_points=False, extra=[minzheng_plans_national])


@pytest.fixture(name="result", scope="module")
def _result(host):
    return load_path(seed(OWN), host)


class TestRegistration:
    def test_registered_like_a_third_party_plugin(self, host):
        """The national loader is registered by its own distribution, not as a built-in."""
        assert [] == host.findings
        (info,) = [i for i in host.loaders() if i.name == LOADER_NAME]
        assert "minzheng_plans_national" == info.plugin.name
        assert not info.plugin.builtin


class TestSniff:
    def test_own_seed_is_claimed(self):
        """The national loader is confident on the national plan."""
        assert sniff(Document.from_path(seed(OWN)), LOAD_CONTEXT) >= 0.9

    @pytest.mark.parametrize("prefix", OTHERS)
    def test_other_seeds_are_not(self, prefix):
        """The national loader declines the other seed plans."""
        assert sniff(Document.from_path(seed(prefix)), LOAD_CONTEXT) <= 0.2

    def test_the_host_picks_this_loader(self, host):
        """The host ranks the national loader first for the national plan."""
        candidates = sniff_document(Document.from_path(seed(OWN)), host, [])
        assert LOADER_NAME == candidates[0].loader

    def test_binary_and_unrelated_text(self):
        """The national loader declines a binary document and a county's text outright."""
        assert 0.0 == sniff(Document("x.xlsx", b"PK\x03\x04"), LOAD_CONTEXT)
        assert 0.0 == sniff(
            Document.from_text("a.txt", "测试县养老服务规划\n正文。\n"), LOAD_CONTEXT
        )


class TestMetadata:
    def test_plan_metadata(self, result):
        """The national plan's id, title, level, period, issuers and parents are read."""
        plan = result.plan
        assert "000000-2021-2025" == plan.id
        assert "“十四五”民政事业发展规划" == plan.title
        assert ("000000", Level.NATIONAL) == (plan.jurisdiction.code, plan.jurisdiction.level)
        assert (2021, 2025) == (plan.period.start, plan.period.end)
        assert ("民政部", "国家发展和改革委员会") == plan.issuers
        assert 2 == len(plan.based_on)
        assert plan.based_on[1].title.endswith("2035年远景目标纲要")

    def test_sections(self, result):
        """The national plan has six chapters, the first of four sections."""
        chapters = result.plan.sections
        assert 6 == len(chapters)
        assert 4 == len(chapters[0].sections)


class TestTable:
    def test_every_row_is_accounted_for(self, result):
        """Each of the 15 table rows is an indicator t1.1–t1.15 or an MZ501, none lost."""
        rows = [i for i in result.plan.indicators if i.id.startswith("t1.")]
        unreadable = [f for f in result.findings if f.code == "MZ501"]
        assert 15 == len(rows) + len(unreadable)
        assert [f"t1.{n}" for n in range(1, 16)] == [i.id for i in rows]

    def test_relative_target(self, result):
        """The first row's target is relative to residents' consumption growth."""
        first = result.plan.indicator("t1.1")
        assert "城乡低保标准年度增速" == first.name
        assert "%" == first.unit
        assert Relative(2025, Comparator.GE, "居民上年度人均消费支出增速") == first.target

    @pytest.mark.parametrize(
        ("ident", "unit", "target", "attribute"),
        [
            ("t1.2", "%", Comparison(2025, 75), Attribute.ANTICIPATORY),
            ("t1.5", "万个", Comparison(2025, 18), Attribute.ANTICIPATORY),
            ("t1.6", "平方米", Comparison(2025, 30, Comparator.GT), Attribute.ANTICIPATORY),
            ("t1.7", "万人", Comparison(2025, 1250), Attribute.ANTICIPATORY),
            ("t1.12", "%", Comparison(2025, 100), Attribute.BINDING),
            ("t1.14", "%", Comparison(2025, 55, Comparator.GE), Attribute.BINDING),
        ],
    )
    def test_rows(self, result, ident, unit, target, attribute):
        """Rows give their unit, target, comparator and attribute, and no baseline."""
        indicator = result.plan.indicator(ident)
        assert (unit, target, attribute) == (indicator.unit, indicator.target, indicator.attribute)
        assert indicator.baseline is None

    def test_truncated_attribute_is_repaired_with_provenance(self, result):
        """An attribute cut to 约束 reads as binding, keeps its raw text and gives one MZ502."""
        row = result.plan.indicator("t1.13")
        assert Attribute.BINDING == row.attribute
        assert "约束" == row.source.raw
        repairs = [f for f in result.findings if f.code == "MZ502" and f.indicator == "t1.13"]
        assert 1 == len(repairs)

    def test_provenance_quotes_the_document(self, result):
        """Each indicator quotes its line in under 40 characters; table rows name their table."""
        text = Document.from_path(seed(OWN)).text.splitlines()
        for indicator in result.plan.indicators:
            source = indicator.source
            assert source is not None
            if source.kind is SourceKind.TABLE:
                assert "“十四五”时期民政事业主要发展指标" == source.table
            assert source.quote is not None
            assert len(source.quote) < 40
            assert source.quote in text[source.line - 1], indicator.id

    def test_catalog_codes(self, result):
        """The nursing-bed share row gets its catalog code."""
        assert "EC-NURSING-BED-SHARE" == result.plan.indicator("t1.14").code

    def test_values_are_decimal(self, result):
        """Target values are Decimals."""
        value = result.plan.indicator("t1.7").target.value
        assert isinstance(value, Decimal)


# A national notice and table written for this test, in the seed's layout.
OWN_TEXT = """\
民政部 国家发展和改革委员会关于印发《“十四五”民政事业发展规划》的通知

依据《测试纲要》,特制定《“十四五”民政事业发展规划》。现印发给你们。

2021年1月2日

“十四五”民政事业发展规划

第一章 测试章

“十四五”时期测试主要指标

序号

指标

单位

2025年目标值

属性

1

测试覆盖率

%

≥90

约束

2

测试人数

万人

两百

预期性

第二章 下一章
"""


def test_own_text(host):
    """A document in the national layout loads: a repaired attribute, an unreadable row."""
    document = Document.from_text("national.txt", OWN_TEXT)
    assert sniff(document, LOAD_CONTEXT) >= 0.9
    result = load_document(document, host)
    plan = result.plan
    assert ("000000-2021-2025", 2021) == (plan.id, plan.issued.year)
    assert ("测试纲要",) == tuple(ref.title for ref in plan.based_on)
    first = plan.indicator("t1.1")
    assert (Comparison(2025, 90, Comparator.GE), Attribute.BINDING) == (
        first.target,
        first.attribute,
    )
    (unreadable,) = [f for f in result.findings if f.code == "MZ501"]
    assert "t1.2" == unreadable.indicator
    assert "两百" in unreadable.text


def test_jurisdiction_agrees_with_the_registry():
    """The loader's national jurisdiction is the registry's."""
    assert default_jurisdictions().get(NATIONAL.code) == NATIONAL
