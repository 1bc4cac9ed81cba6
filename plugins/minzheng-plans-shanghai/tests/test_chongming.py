"""The 崇明 loader on a plan written for these tests in the district's layout.

``fixtures/chongming-2026-2030.txt`` is a fictional 十五五 plan of 崇明区: the web page's
metadata block (公开主体, 发文字号, 成文日期), an indicator table of one row per line with
`` | `` between cells and a definition (formula) column, a row whose baseline no value reader
understands, a name that states another figure (小型墓比例(≤0.6平方米)), a review chapter and a
prose target. Expected values are hand-written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import minzheng_plans_shanghai
import pytest
from minzheng_plans_shanghai.chongming import CHONGMING, LOADER_NAME, load, sniff

from minzheng_plans import (
    Attribute,
    Comparator,
    Comparison,
    Document,
    DocumentError,
    Observation,
    SourceKind,
    default_jurisdictions,
    load_document,
)
from minzheng_plans.testing import assert_loader_contract, make_host, make_load_context

FIXTURE = Path(__file__).parent / "fixtures" / "chongming-2026-2030.txt"
TABLE = "(二)主要指标"
OTHERS = [
    ("table.csv", "period,2021,2025\nname,unit,target\n测试覆盖率,%,≥90\n"),
    ("county.txt", "测试县民政事业发展“十五五”规划\n到2030年,测试覆盖率达到90%。\n"),
    ("tourism.txt", "崇明区旅游发展规划\n到2030年,接待游客达到800万人次。\n"),
]
CONTEXT = make_load_context(minzheng_plans_shanghai)


@pytest.fixture(name="host", scope="module")
def _host():
    return make_host(minzheng_plans_shanghai)


@pytest.fixture(name="result", scope="module")
def _result(host):
    return load_document(Document.from_path(FIXTURE), host)


def test_loader_keeps_the_contract(host):
    """Claims the table layout, is selected over the built-ins, loses the others."""
    (info,) = [i for i in host.loaders() if i.name == LOADER_NAME]
    assert "minzheng_plans_shanghai" == info.plugin.name
    assert_loader_contract(info.loader, [FIXTURE], OTHERS, host=host)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("崇明区民政事业发展规划\n序号 | 指标名称 | 单位 |\n", 0.95),
        ("崇明区民政事业发展规划\n正文。\n", 0.5),  # the district's plan, without the table
        ("崇明区旅游发展规划\n", 0.0),
        ("plain english text", 0.0),
    ],
)
def test_sniff(text, expected):
    """The district and 民政事业发展 in the head; the table header makes it near-certain."""
    assert expected == sniff(Document.from_text("x.txt", text), CONTEXT)


def test_metadata(result):
    """Period from the title, number, issuer and date from the metadata block, the basis."""
    plan = result.plan
    assert ("310151-2026-2030", "崇明区民政事业发展“十五五”规划") == (plan.id, plan.title)
    assert ("沪崇府办发〔2026〕7号", ("上海市崇明区人民政府",), dt.date(2026, 5, 20)) == (
        plan.document_number,
        plan.issuers,
        plan.issued,
    )
    assert ["上海市民政事业发展“十五五”规划"] == [ref.title for ref in plan.based_on]


def test_rows_with_their_formulas(result):
    """Each readable row: unit, 2025 baseline, 2030 target, attribute and definition."""
    plan = result.plan
    first = plan.indicator("t1.1")
    assert ("社区睦邻点覆盖率", "%", Attribute.BINDING) == (
        first.name,
        first.unit,
        first.attribute,
    )
    assert (Observation(2025, Decimal(80)), Comparison(2030, Decimal(95), Comparator.GE)) == (
        first.baseline,
        first.target,
    )
    assert "设有睦邻点的村居数/村居总数" == first.definition
    assert ("客/日", Comparison(2030, Decimal(12000))) == (
        plan.indicator("t1.2").unit,
        plan.indicator("t1.2").target,
    )
    assert all(plan.indicator(f"t1.{n}").source.table == TABLE for n in (1, 2, 3, 5))


def test_unit_cells_are_kept_as_written(result):
    """个 beside a per-10,000 formula is the document's own inconsistency, left for MZ303."""
    row = result.plan.indicator("t1.3")
    assert ("个", None, "社会组织总数/常住人口数×10000") == (
        row.unit,
        row.source.raw,
        row.definition,
    )
    assert not [f for f in result.findings if f.code == "MZ502"]


def test_quotes_state_the_figures(result):
    """A row's quote is its figures as written, not the name (which may hold another)."""
    plan = result.plan
    assert "80 | ≥95 | %" == plan.indicator("t1.1").source.quote
    assert "40 | 70 | %" == plan.indicator("t1.5").source.quote


def test_unreadable_row_is_an_mz501(result):
    """约两百 is no value: row 4 (line 23) is reported with its text, the others load."""
    (finding,) = [f for f in result.findings if f.code == "MZ501"]
    assert ("t1.4", 23) == (finding.indicator, finding.location.line)
    assert "养老顾问人数" in finding.text
    assert ["t1.1", "t1.2", "t1.3", "t1.5"] == [
        i.id for i in result.plan.indicators if i.source.kind is SourceKind.TABLE
    ]


def test_prose_after_the_review(result):
    """The review's 30家 is history; the task's 达到40家 is the target."""
    prose = [(i.name, i.target) for i in result.plan.indicators if i.id.startswith("p")]
    assert [("长者照护之家", Comparison(2030, Decimal(40)))] == prose


def test_a_document_without_a_period_is_refused():
    """No period in the title: a DocumentError naming what is missing."""
    with pytest.raises(DocumentError, match="period"):
        load(Document.from_text("x.txt", "崇明区民政工作要点\n序号 | 指标名称 |\n"), CONTEXT)


def test_jurisdiction_agrees_with_the_registry():
    """The plugin's jurisdiction is the bundled registry's, field for field."""
    assert default_jurisdictions().get(CHONGMING.code) == CHONGMING
