"""The 开封 loader (henan.kaifeng-prose): a prose-only plan written for the tests, the seed."""

from __future__ import annotations

import importlib
from decimal import Decimal

from minzheng_plans.core.model import Level, SourceKind
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.testing import make_load_context

LOAD_CONTEXT = make_load_context()

kaifeng = importlib.import_module("minzheng_plans_henan.kaifeng")
plugin = importlib.import_module("minzheng_plans_henan")

# Written for these tests in the 开封 layout: title with years, review chapter, prose targets.
FIXTURE = """\
开封市民政事业发展第十三个五年规划(2016—2020年)

        根据《河南省民政事业发展第十三个五年规划》精神,制定本规划。

一、“十二五”规划实施情况

到2015年底,全市养老床位达到15000张。

二、发展目标和主要任务

到2020年,全市养老床位达到20000张,每千名老人床位数达到30-35张。
按照上一年度全市居民消费支出的20%—30%确定城乡低保标准。
(汴民文〔2016〕99号)

To Top
"""


def test_fixture_plan() -> None:
    """A prose-only 开封 plan gives its metadata, and a count, a range and a relative band."""
    result = kaifeng.load(Document.from_text("kaifeng.txt", FIXTURE), LOAD_CONTEXT)
    plan = result.plan
    assert plan.id == "410200-2016-2020"
    assert plan.jurisdiction.level == Level.PREFECTURE
    assert plan.jurisdiction.parent == "410000"
    assert plan.document_number == "汴民文〔2016〕99号"
    assert plan.issuers == ("开封市民政局",)
    assert plan.based_on[0].id == "410000-2016-2020"
    got = {i.name: i.target for i in plan.indicators}
    assert got == {
        "养老床位": Comparison(2020, Decimal(20000)),
        "每千名老人床位数": Range(2020, Decimal(30), Decimal(35)),
        "城乡低保标准": Relative(
            2020, Comparator.EQ, "上一年度全市居民消费支出", Decimal(20), Decimal(30)
        ),
    }
    assert all(i.source.kind == SourceKind.PROSE for i in plan.indicators)
    assert all(i.id.startswith("p11.") or i.id.startswith("p12.") for i in plan.indicators)


def test_seed(seed_document) -> None:
    """The 开封 seed gives metadata, prose targets with units and quotes, and one MZ506."""
    document = seed_document("003")
    result = kaifeng.load(document, LOAD_CONTEXT)
    plan = result.plan
    assert plan.title.startswith("开封市民政事业发展第十三个五年规划")
    assert (plan.period.start, plan.period.end) == (2016, 2020)
    assert plan.document_number == "汴民文〔2016〕73号"
    assert [ref.title for ref in plan.based_on] == [
        "河南省民政事业发展第十三个五年规划",
        "开封市国民经济和社会发展第十三个五年规划纲要",
    ]
    by_name = {i.name: i for i in plan.indicators}
    beds = by_name["每千名老年人拥有养老床位数"]
    assert beds.target == Range(2020, Decimal(35), Decimal(40))
    assert "张/千名老年人" == beds.unit
    assert beds.source.quote == "每千名老年人拥有养老床位数达到35-40张"
    minimum = by_name["最低生活保障标准"].target
    assert isinstance(minimum, Relative)
    assert (minimum.low, minimum.high) == (Decimal(25), Decimal(35))
    assert by_name["重点医疗救助对象救助比例"].target == Comparison(
        2020, Decimal(70), Comparator.GE
    )
    assert by_name["社区居委会工作经费"].unit == "元/户·年"
    assert len(plan.indicators) >= 20
    assert [f.code for f in result.findings].count("MZ506") == 1
    assert all(i.source.quote in document.text for i in plan.indicators)
    assert len(plan.sections) == 3


def test_sniff(all_seed_documents) -> None:
    """The 开封 loader is confident on its seed and declines the others."""
    scores = {p: kaifeng.sniff(d, LOAD_CONTEXT) for p, d in all_seed_documents.items()}
    assert scores["003"] >= 0.9
    assert all(score <= 0.2 for p, score in scores.items() if p != "003")


def test_seed_loads_through_the_host(seed_document) -> None:
    """The host loads the 开封 seed with the 开封 loader unasked."""
    host = create_plugin_host(entry_points=False, extra=[plugin])
    assert load_document(seed_document("003"), host).plan.id == "410200-2016-2020"
