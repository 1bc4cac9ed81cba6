"""The 开封 loader on a plan written for these tests in the city's prose-only layout.

``fixtures/kaifeng-2021-2025.txt`` is a fictional 十四 five-year plan of 开封市: no table, a
review chapter whose figures are history, targets in prose (a count, a range of 张, a floor,
a share of a reference, 全覆盖), and the document number in brackets after the last line,
followed by a web page's navigation. Expected values are hand-written.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import minzheng_plans_henan
import pytest
from minzheng_plans_henan.kaifeng import KAIFENG, LOADER_NAME, load, sniff

from minzheng_plans import (
    Comparator,
    Comparison,
    Document,
    Level,
    Range,
    Relative,
    SourceKind,
    default_jurisdictions,
    load_document,
)
from minzheng_plans.testing import assert_loader_contract, make_host, make_load_context

FIXTURE = Path(__file__).parent / "fixtures" / "kaifeng-2021-2025.txt"
OTHERS = [
    ("table.csv", "period,2021,2025\nname,unit,target\n测试覆盖率,%,≥90\n"),
    ("zhengzhou.txt", "测试市民政事业发展第十四个五年规划\n到2025年,测试覆盖率达到90%。\n"),
    # A table of the city (another document than its plan): claimed less.
    ("kaifeng-table.txt", "开封市民政事业发展统计\n序号 | 指标 | 2025年 |\n1 | 床位 | 10 |\n"),
]
CONTEXT = make_load_context(minzheng_plans_henan)


@pytest.fixture(name="host", scope="module")
def _host():
    return make_host(minzheng_plans_henan)


@pytest.fixture(name="result", scope="module")
def _result(host):
    return load_document(Document.from_path(FIXTURE), host)


def test_loader_keeps_the_contract(host):
    """Claims the prose layout, is selected over the built-in generic loader, loses others."""
    (info,) = [i for i in host.loaders() if i.name == LOADER_NAME]
    assert "minzheng_plans_henan" == info.plugin.name
    assert_loader_contract(info.loader, [FIXTURE], OTHERS, host=host)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开封市民政事业发展第十四个五年规划\n正文。\n", 0.95),
        ("开封市民政事业发展统计\n1 | 床位 | 10 |\n", 0.5),  # a table: another document
        ("开封市旅游发展规划\n", 0.0),
        ("测试市民政事业发展规划\n", 0.0),
    ],
)
def test_sniff(text, expected):
    """The city and 民政事业发展 in the head; a table row halves the confidence."""
    assert expected == sniff(Document.from_text("x.txt", text), CONTEXT)


def test_metadata(result):
    """Period from the title, the bracketed number at the end, the issuer it implies."""
    plan = result.plan
    assert ("410200-2021-2025", Level.PREFECTURE, "410000") == (
        plan.id,
        plan.jurisdiction.level,
        plan.jurisdiction.parent,
    )
    assert ("汴民文〔2021〕66号", ("开封市民政局",)) == (plan.document_number, plan.issuers)
    assert [
        "河南省民政事业发展第十四个五年规划",
        "开封市国民经济和社会发展第十四个五年规划纲要",
    ] == [ref.title for ref in plan.based_on]


def test_prose_targets(result):
    """Every target the text commits to, for 2025, as the sentence states it."""
    expected = {
        "养老床位": ("张", Comparison(2025, Decimal(24000))),
        "每千名老年人拥有养老床位数": ("张/千名老年人", Range(2025, Decimal(38), Decimal(42))),
        "护理型床位占比": ("%", Comparison(2025, Decimal(55), Comparator.GE)),
        "城乡最低生活保障标准": (
            "%",
            Relative(2025, Comparator.EQ, "上年度全市居民人均消费支出", Decimal(25), Decimal(35)),
        ),
        "重点医疗救助对象救助比例": ("%", Comparison(2025, Decimal(75), Comparator.GE)),
        "乡镇(街道)社会救助服务站覆盖率": ("%", Comparison(2025, Decimal(100))),
    }
    got = {i.name: (i.unit, i.target) for i in result.plan.indicators}
    assert expected == got


def test_review_chapter_gives_no_targets(result):
    """The 18000 beds of the review chapter are history, not a target."""
    assert all(i.source.line > 7 for i in result.plan.indicators)
    assert "养老床位" in {i.name for i in result.plan.indicators}
    assert Comparison(2025, Decimal(24000)) == next(
        i.target for i in result.plan.indicators if i.name == "养老床位"
    )


def test_provenance(result):
    """Prose sources: kind, line, and a quote of under 40 characters on that line."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    for indicator in result.plan.indicators:
        source = indicator.source
        assert SourceKind.PROSE == source.kind
        assert len(source.quote) < 40
        assert source.quote in lines[source.line - 1]


def test_navigation_after_the_number_is_ignored():
    """Without the trailing To Top, the number is still found; with none, there is none."""
    text = FIXTURE.read_text(encoding="utf-8")
    plan = load(Document.from_text("k.txt", text.replace("To Top\n", "")), CONTEXT).plan
    assert "汴民文〔2021〕66号" == plan.document_number
    bare = text.replace("(汴民文〔2021〕66号)\n", "")
    plan = load(Document.from_text("k.txt", bare), CONTEXT).plan
    assert (None, ()) == (plan.document_number, plan.issuers)


def test_jurisdiction_agrees_with_the_registry():
    """The plugin's jurisdiction is the bundled registry's place: code, name, level, parent.

    (Its English name, Kaifeng, is one of the registry's aliases of Kaifeng City; the bundled
    plan file was written with it.)
    """
    registered = default_jurisdictions().get(KAIFENG.code)
    fields = ("code", "name", "level", "parent")
    assert [getattr(registered, f) for f in fields] == [getattr(KAIFENG, f) for f in fields]
