"""The 崇明 loader (shanghai.chongming-table): a table written for these tests, and the seed."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest

from minzheng_plans.core.model import Attribute, Observation, SourceKind
from minzheng_plans.core.quantity import Comparator, Comparison
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document, sniff_document
from minzheng_plans.testing import make_load_context

LOAD_CONTEXT = make_load_context()

chongming = importlib.import_module("minzheng_plans_shanghai.chongming")
plugin = importlib.import_module("minzheng_plans_shanghai")

# Written for these tests in the 崇明 layout (metadata block, one row per line, " | ").
FIXTURE = """\
公开主体:
上海市崇明区人民政府
发文字号:
沪崇府办发〔2021〕99号
成文日期:
2021-06-01
崇明区民政事业发展“十四五”规划
根据《上海市民政事业发展“十四五”规划》,制定本规划。
一、主要任务
(四)主要指标
序号 | 指标名称 | 单位 | 指标定义 (计算公式) | 2020年基准值 | 2025年目标值 | 指标 类型 |
1 | 睦邻点覆盖率 | % | 有睦邻点的村居数/村居总数 | 70 | ≥90 | 约束性 |
2 | 助餐点数量 | 个 | 全区助餐点总数 | 80 | 120 | 预期性 |
3 | 养老顾问人数 | 人 | 持证养老顾问数 | 十 | 50 | 预期性 |
4 | 残缺的一行 | 个 |
5 | 每万人养老顾问数 | 个 | 养老顾问数/常住人口数×10000 | 1.5 | 3 | 预期性 |
6 | 志愿者密度 | 人 | 志愿者数/常住人口数×10000 | 5 | 8 | 预期性 |
到2025年,社区长者食堂达到20家。
"""


def _doc(text: str = FIXTURE) -> Document:
    return Document.from_text("chongming.txt", text)


def test_rows_columns_from_the_header_and_formula_kept() -> None:
    """Columns are read by header: name, unit, formula, baseline, target, attribute and source."""
    plan = chongming.load(_doc(), LOAD_CONTEXT).plan
    first = plan.indicator("t1.1")
    assert first.name == "睦邻点覆盖率"
    assert first.unit == "%"
    assert first.definition == "有睦邻点的村居数/村居总数"
    assert first.baseline == Observation(2020, Decimal(70))
    assert first.target == Comparison(2025, Decimal(90), Comparator.GE)
    assert first.attribute == Attribute.BINDING
    assert plan.indicator("t1.2").attribute == Attribute.ANTICIPATORY
    source = first.source
    assert source is not None
    assert (source.kind, source.table, source.row, source.line) == (
        SourceKind.TABLE,
        "(四)主要指标",
        1,
        12,
    )
    assert source.quote in FIXTURE.split("\n")[11]


def test_unreadable_rows_are_mz501_not_dropped() -> None:
    """Rows that cannot be read are MZ501 at their lines, naming the indicator, never dropped."""
    result = chongming.load(_doc(), LOAD_CONTEXT)
    rows = [i for i in result.plan.indicators if i.id.startswith("t")]
    unreadable = [f for f in result.findings if f.code == "MZ501"]
    assert [i.id for i in rows] == ["t1.1", "t1.2", "t1.5", "t1.6"]
    assert sorted(f.location.line for f in unreadable) == [14, 15]
    assert "养老顾问人数" in unreadable[0].text


def test_units_are_kept_as_written() -> None:
    """A unit inconsistent with its formula is kept as written, without an MZ502 repair."""
    # A per-10,000 rate whose unit cell names the counted thing only is the document's own
    # inconsistency (rule MZ303 reports it), not an extraction slip: nothing is repaired.
    result = chongming.load(_doc(), LOAD_CONTEXT)
    assert result.plan.indicator("t1.5").unit == "个"
    assert result.plan.indicator("t1.5").source.raw is None
    assert [f for f in result.findings if f.code == "MZ502"] == []


def test_quotes_state_the_figures() -> None:
    """A row's quote is its figure cells."""
    plan = chongming.load(_doc(), LOAD_CONTEXT).plan
    assert plan.indicator("t1.1").source.quote == "70 | ≥90"
    assert plan.indicator("t1.5").source.quote == "1.5 | 3"


def test_metadata_and_prose() -> None:
    """The notice gives id, number, issuer and parent, and the prose its own target."""
    plan = chongming.load(_doc(), LOAD_CONTEXT).plan
    assert plan.id == "310151-2021-2025"
    assert plan.document_number == "沪崇府办发〔2021〕99号"
    assert plan.issuers == ("上海市崇明区人民政府",)
    assert plan.based_on[0].id == "310000-2021-2025"
    prose = [i for i in plan.indicators if i.id.startswith("p")]
    assert [(i.name, i.target) for i in prose] == [("社区长者食堂", Comparison(2025, Decimal(20)))]


def test_registered_through_the_hook() -> None:
    """The 崇明 loader is registered through the plugin hook."""
    host = create_plugin_host(entry_points=False, extra=[plugin])
    assert "shanghai.chongming-table" in {info.name for info in host.loaders()}


def test_seed_every_row(seed_document) -> None:
    """Each of the 崇明 seed's 17 rows is an indicator with its values, formula, unit and quote."""
    document = seed_document("004")
    result = chongming.load(document, LOAD_CONTEXT)
    plan = result.plan
    lines = document.text.split("\n")
    header = next(n for n, line in enumerate(lines, 1) if line.startswith("序号 | "))
    rows_in = 0
    for line in lines[header:]:
        if line.count("|") < 3:
            break
        rows_in += 1
    table = [i for i in plan.indicators if i.source and i.source.kind == SourceKind.TABLE]
    mz501 = [f for f in result.findings if f.code == "MZ501"]
    assert rows_in == 17
    assert len(table) + len(mz501) == rows_in
    assert len(table) == 17
    nursing = plan.indicator("t1.4")
    assert nursing.name == "护理型床位占比"
    assert nursing.target == Comparison(2025, Decimal(60), Comparator.GE)
    assert nursing.baseline == Observation(2020, Decimal(30))
    assert nursing.attribute == Attribute.BINDING
    assert nursing.code is not None
    organisations = plan.indicator("t1.15")
    assert organisations.definition == "社会组织总数/常住人口数×10000"
    assert organisations.unit == "个"
    assert plan.indicator("t1.17").source.quote == "41 | 90 | %"
    assert organisations.target == Comparison(2025, Decimal(10))
    assert plan.indicator("t1.6").unit == "客/日"
    for indicator in plan.indicators:
        assert indicator.source.quote in document.text
        assert len(indicator.source.quote) < 40


def test_seed_metadata_and_prose(seed_document) -> None:
    """The 崇明 seed's title, period, number, parents, sections and prose targets are read."""
    plan = chongming.load(seed_document("004"), LOAD_CONTEXT).plan
    assert plan.title == "崇明区民政事业发展“十四五”规划"
    assert (plan.period.start, plan.period.end) == (2021, 2025)
    assert plan.document_number == "沪崇府办发〔2021〕15号"
    assert [ref.id for ref in plan.based_on] == ["310000-2021-2025", None]
    prose = {i.name: i for i in plan.indicators if i.id.startswith("p")}
    assert prose["标准化认知障碍照护床位数"].target == Comparison(2025, Decimal(300))
    assert prose["长者照护之家"].target == Comparison(2025, Decimal(8))
    # The 十三五 review (e.g. 养老机构47家) gives no targets.
    assert all(i.source.line >= 64 for i in prose.values())
    assert len(plan.sections) == 5


def test_sniff(all_seed_documents) -> None:
    """The 崇明 loader is confident on its seed and declines the others."""
    scores = {p: chongming.sniff(d, LOAD_CONTEXT) for p, d in all_seed_documents.items()}
    assert scores["004"] >= 0.9
    assert all(score <= 0.2 for p, score in scores.items() if p != "004")


def test_seed_loads_without_naming_the_loader(seed_document) -> None:
    """The host picks the 崇明 loader for its seed without being told."""
    host = create_plugin_host(entry_points=False, extra=[plugin])
    document = seed_document("004")
    assert sniff_document(document, host, [])[0].loader == "shanghai.chongming-table"
    assert load_document(document, host).plan.id == "310151-2021-2025"


@pytest.mark.parametrize("text", ["", "plain english text", "崇明区旅游规划"])
def test_sniff_rejects_other_text(text: str) -> None:
    """The 崇明 loader declines empty, English and unrelated 崇明 text."""
    assert chongming.sniff(_doc(text), LOAD_CONTEXT) <= 0.2
