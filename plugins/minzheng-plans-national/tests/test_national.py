"""The national loader on a plan written for these tests in the ministry's layout.

``fixtures/national-2026-2030.txt`` is a fictional 十五五 plan (2026-2030), so the loader is
tested on years and figures it was not written for: a notice by 民政部 and 国家发展改革委, a
table of one cell per line (序号, 指标, 单位, 2030年目标值, 属性) with a relative target, an
attribute cut short to 约束 and a cell no value reader understands, a prose target and a
专栏 project. Expected values are written by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import minzheng_plans_national
import pytest
from minzheng_plans_national.mca import LOADER_NAME, NATIONAL, sniff

from minzheng_plans import (
    Attribute,
    Comparator,
    Comparison,
    Document,
    Level,
    Relative,
    SourceKind,
    default_jurisdictions,
    load_document,
)
from minzheng_plans.testing import (
    assert_codes,
    assert_loader_contract,
    make_host,
    make_load_context,
)

FIXTURE = Path(__file__).parent / "fixtures" / "national-2026-2030.txt"
TABLE = "“十五五”时期民政事业主要发展指标"
# Documents of other layouts: a CSV table, a county's prose plan, a notice of another body.
OTHERS = [
    ("table.csv", "period,2021,2025\nname,unit,target\n测试覆盖率,%,≥90\n"),
    ("county.txt", "测试县民政事业发展“十五五”规划\n到2030年,测试覆盖率达到90%。\n"),
    ("notice.txt", "某省民政厅关于印发工作要点的通知\n民政部\n一、工作要点\n"),
]
CONTEXT = make_load_context(minzheng_plans_national)


@pytest.fixture(name="host", scope="module")
def _host():
    return make_host(minzheng_plans_national)


@pytest.fixture(name="result", scope="module")
def _result(host):
    return load_document(Document.from_path(FIXTURE), host)


def test_loader_keeps_the_contract(host):
    """Claims its layout, is selected over the built-ins, loses the other layouts."""
    (result,) = assert_loader_contract(_loader(host), [FIXTURE], OTHERS, host=host)
    rows = [i.id for i in result.plan.indicators if i.id.startswith("t")]
    assert ["t1.1", "t1.2", "t1.3", "t1.4"] == rows


def _loader(host):
    (info,) = [i for i in host.loaders() if i.name == LOADER_NAME]
    assert "minzheng_plans_national" == info.plugin.name
    return info.loader


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("民政部关于印发《“十五五”民政事业发展规划》的通知\n\n“十五五”民政事业发展规划\n", 0.95),
        ("“十五五”民政事业发展规划\n", 0.6),  # a national title alone
        ("民政部 国家发展和改革委员会关于印发工作要点的通知\n\n工作要点\n", 0.3),
        ("测试市民政局关于印发《测试市民政事业发展“十五五”规划》的通知\n", 0.0),
        ("测试县养老服务规划\n正文。\n", 0.0),
    ],
)
def test_sniff_weighs_title_and_issuer(text, expected):
    """A national title and the ministry together are near-certain; either alone is not, and
    a city's plan issued by its own bureau is not national at all."""
    assert expected == sniff(Document.from_text("x.txt", text), CONTEXT)


def test_binary_is_not_claimed():
    """A document without text is never this layout."""
    assert 0.0 == sniff(Document("x.xlsx", b"PK\x03\x04"), CONTEXT)


def test_metadata(result):
    """Id, period from 十五五, issuers, date and basis come from the notice and title."""
    plan = result.plan
    assert ("000000-2026-2030", "“十五五”民政事业发展规划") == (plan.id, plan.title)
    assert (2026, 2030) == (plan.period.start, plan.period.end)
    assert ("民政部", "国家发展和改革委员会") == plan.issuers
    assert dt.date(2026, 3, 10) == plan.issued
    assert ["国家测试发展纲要"] == [ref.title for ref in plan.based_on]
    assert (NATIONAL.code, Level.NATIONAL) == (plan.jurisdiction.code, plan.jurisdiction.level)


def test_table_rows(result):
    """Each readable row: unit, target for 2030 and attribute, as the cells state them."""
    plan = result.plan
    expected = {
        "t1.1": (
            "%",
            Relative(2030, Comparator.GE, "居民上年度人均消费支出增速"),
            Attribute.BINDING,
        ),
        "t1.2": ("%", Comparison(2030, Decimal(65), Comparator.GE), Attribute.BINDING),
        "t1.3": ("平方米", Comparison(2030, Decimal(35), Comparator.GT), Attribute.ANTICIPATORY),
        "t1.4": ("万人", Comparison(2030, Decimal(260)), Attribute.ANTICIPATORY),
    }
    got = {
        ident: (
            plan.indicator(ident).unit,
            plan.indicator(ident).target,
            plan.indicator(ident).attribute,
        )
        for ident in expected
    }
    assert expected == got
    assert all(plan.indicator(ident).source.table == TABLE for ident in expected)
    assert "EC-NURSING-BED-SHARE" == plan.indicator("t1.2").code


def test_cut_attribute_is_repaired_and_reported(result):
    """约束 is read as 约束性, keeps the cell as raw text and says so (MZ502)."""
    row = result.plan.indicator("t1.2")
    assert ("约束", SourceKind.TABLE) == (row.source.raw, row.source.kind)
    repairs = [f for f in result.findings if f.code == "MZ502"]
    assert ["t1.2"] == [f.indicator for f in repairs]


def test_unreadable_row_is_reported_not_dropped(result):
    """九成 is no value: row 5 (line 73) is an MZ501 warning quoting the row."""
    (finding,) = [f for f in result.findings if f.code == "MZ501"]
    assert ("t1.5", 73) == (finding.indicator, finding.location.line)
    assert "九成" in finding.text
    with pytest.raises(KeyError):
        result.plan.indicator("t1.5")


def test_prose_and_project(result):
    """The text's 保持在100% and the 专栏's 新建…200个 are targets for the period's end."""
    by_name = {i.name: i for i in result.plan.indicators if not i.id.startswith("t")}
    assert Comparison(2030, Decimal(100)) == by_name["残疾人两项补贴覆盖率"].target
    assert Comparison(2030, Decimal(200)) == by_name["新建县级救助管理机构"].target
    assert "个" == by_name["新建县级救助管理机构"].unit


def test_findings_are_the_documented_ones(result):
    """Besides the repair and the unreadable row, only catalog misses (MZ504) are reported."""
    assert_codes(
        [f for f in result.findings if f.code != "MZ504"],
        ["MZ501", "MZ502"],
    )


def test_quotes_are_short_and_on_their_lines(result):
    """Every quote is under 40 characters and stands on the line the source names."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    for indicator in result.plan.indicators:
        source = indicator.source
        assert len(source.quote) < 40
        assert source.quote in lines[source.line - 1], indicator.id


def test_jurisdiction_agrees_with_the_registry():
    """The plugin's jurisdiction is the bundled registry's, field for field."""
    assert default_jurisdictions().get(NATIONAL.code) == NATIONAL
