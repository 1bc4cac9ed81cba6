"""The generic loader (generic.text) on a plan of a province no plugin knows, and the seeds."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest

from minzheng_plans.builtin.loaders import generic as generic_loader
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.quantity import Comparison
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import sniff_document
from minzheng_plans.registries.resolve import UNRESOLVED_CODE
from minzheng_plans.testing import make_load_context

LOAD_CONTEXT = make_load_context()

# Written for these tests: another province's 14th plan with a review and 达到 in both parts.
FIXTURE = """\
某某省民政事业发展“十四五”规划

第一章  发展基础

“十三五”期间,全省养老床位达到30万张,社区服务设施覆盖率达到90%。

第二章  主要目标

到2025年,全省养老床位达到40万张,护理床位占比不低于57%。

专栏1  养老服务工程

1.新增养老床位10万张。

第三章  保障措施
"""


def _doc(text: str = FIXTURE) -> Document:
    return Document.from_text("province.txt", text)


def test_targets_not_review_baselines() -> None:
    """The generic loader reads targets and project figures, not the review's figures."""
    result = generic_loader.load(_doc(), LOAD_CONTEXT)
    plan = result.plan
    got = {(i.name, i.target) for i in plan.indicators if i.project is None}
    assert got == {
        ("养老床位", Comparison(2025, Decimal(40))),
        ("护理床位占比", Comparison(2025, Decimal(57), ">=")),
    }
    project = [i for i in plan.indicators if i.project is not None]
    assert [(i.id, i.name) for i in project] == [("k1.1", "新增养老床位")]


def test_mz505_says_what_was_recognised() -> None:
    """One info (MZ505) says what was read; an unknown province gets a provisional code (MZ509)."""
    result = generic_loader.load(_doc(), LOAD_CONTEXT)
    mz505 = [f for f in result.findings if f.code == "MZ505"]
    assert len(mz505) == 1
    assert mz505[0].severity == "info"
    assert "2 prose targets" in mz505[0].text
    assert "1 projects" in mz505[0].text
    assert UNRESOLVED_CODE.match(result.plan.jurisdiction.code)
    assert result.plan.jurisdiction.name == "某某省"
    assert ["MZ509"] == [f.code for f in result.findings if f.code == "MZ509"]
    assert (result.plan.period.start, result.plan.period.end) == (2021, 2025)


def test_sniff_is_low_and_only_for_chinese_plan_text() -> None:
    """The generic loader claims Chinese plan text with low confidence and nothing else."""
    assert 0 < generic_loader.sniff(_doc(), LOAD_CONTEXT) <= 0.15
    assert generic_loader.sniff(_doc("just some english words about a plan"), LOAD_CONTEXT) == 0.0
    assert generic_loader.sniff(_doc(""), LOAD_CONTEXT) == 0.0


def test_plugins_win_over_the_generic_loader(all_seed_documents) -> None:
    """Jurisdiction plugins win their seeds over the generic loader."""
    plugins = [
        importlib.import_module("minzheng_plans_henan"),
        importlib.import_module("minzheng_plans_shanghai"),
    ]
    host = create_plugin_host(entry_points=False, extra=plugins)
    for prefix, loader in (("003", "henan.kaifeng-prose"), ("004", "shanghai.chongming-table")):
        candidates = sniff_document(all_seed_documents[prefix], host, [])
        assert candidates[0].loader == loader
    for document in all_seed_documents.values():
        assert generic_loader.sniff(document, LOAD_CONTEXT) <= 0.15


def test_generic_reads_every_seed(all_seed_documents) -> None:
    """The generic loader reads indicators with exact quotes from every seed."""
    for document in all_seed_documents.values():
        plan = generic_loader.load(document, LOAD_CONTEXT).plan
        assert plan.indicators
        assert all(i.source.quote in document.text for i in plan.indicators)


NEWS = """\
某某省出台民政事业发展规划 明确五年目标
本报讯 记者日前从省民政厅获悉,该省“十四五”民政事业发展规划已经印发。
“十三五”期间,全省城乡低保标准分别达到每人每月700元和500元。
规划提出,到2025年,全省养老机构护理型床位占比达到60%,乡镇(街道)社工站实现全覆盖。
"""


def test_news_summary_of_targets() -> None:
    """A news summary of a plan gives its period and targets."""
    result = generic_loader.load(Document.from_text("news.txt", NEWS), LOAD_CONTEXT)
    plan = result.plan
    assert (plan.period.start, plan.period.end) == (2021, 2025)
    got = {(i.name, i.target) for i in plan.indicators}
    assert got == {
        ("养老机构护理型床位占比", Comparison(2025, Decimal(60))),
        ("乡镇(街道)社工站覆盖率", Comparison(2025, Decimal(100))),
    }
    assert [f.code for f in result.findings].count("MZ505") == 1


TABLED = """\
某某县民政事业发展“十四五”规划

二、主要指标

序号 | 指标名称 | 单位 | 2020年基准值 | 2025年目标值 | 指标属性 |
1 | 养老机构护理型床位占比 | % | 40 | ≥55 | 约束性 |
2 | 社区综合服务设施覆盖率 | % | 80 | 100 | 预期性 |
"""


def test_tables_in_a_known_layout_are_read() -> None:
    """Tables in a known layout are read and counted in MZ505."""
    result = generic_loader.load(Document.from_text("county.txt", TABLED), LOAD_CONTEXT)
    rows = {i.id: i for i in result.plan.indicators if i.id.startswith("t")}
    assert sorted(rows) == ["t1.1", "t1.2"]
    assert rows["t1.1"].target == Comparison(2025, Decimal(55), ">=")
    assert "1 tables with 2 rows read" in next(f.text for f in result.findings if f.code == "MZ505")


def _row_key(indicator):
    return (
        indicator.name,
        indicator.unit,
        indicator.baseline,
        indicator.target,
        indicator.attribute,
    )


def test_generic_reaches_the_seed_tables(all_seed_documents):
    """Without the jurisdiction plugins every seed table row is found; all but the three that
    need the plugins' document-specific repairs (a lost ratio colon, time base and ‰) are
    exact, measured against the bundled plans the plugins make."""
    from minzheng_plans.files.planfile import read_plan  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_document  # noqa: PLC0415
    from tests.conftest import ROOT  # noqa: PLC0415

    bundled = {}
    for path in (ROOT / "data" / "plans").glob("*.toml"):
        plan = read_plan(path)
        bundled[plan.source] = [i for i in plan.indicators if i.id.startswith("t")]
    host = create_plugin_host(entry_points=False)
    found = exact = total = 0
    for document in all_seed_documents.values():
        plan = load_document(document, host).plan
        assert any(f.message.startswith("Loaded by the generic loader") for f in plan.findings)
        rows = [i for i in plan.indicators if i.source and i.source.kind == "table"]
        keys = [_row_key(i) for i in rows]
        names = [i.name for i in rows]
        for expected in bundled[plan.source]:
            total += 1
            found += expected.name in names
            exact += _row_key(expected) in keys
    assert (87, 87) == (total, found)
    assert 84 <= exact


def test_markdown_heading_markers_read_like_plain_headings() -> None:
    """A plan written in Markdown (``#`` title, ``##`` chapters) gives the title, place,
    period and sections of the same text without the markers."""
    text = FIXTURE.replace("某某省", "浙江省")
    marked = "\n".join(
        ("# " if line.startswith("浙江省") else "## " if line.startswith("第") else "") + line
        for line in text.splitlines()
    )
    assert marked.startswith("# 浙江省")
    assert "\n## 第二章" in marked
    plain = generic_loader.load(_doc(text), LOAD_CONTEXT).plan
    plan = generic_loader.load(_doc(marked), LOAD_CONTEXT).plan
    assert ("330000", "浙江省民政事业发展“十四五”规划") == (plan.jurisdiction.code, plan.title)
    assert (plain.title, plain.jurisdiction, plain.period) == (
        plan.title,
        plan.jurisdiction,
        plan.period,
    )
    assert [(s.number, s.title, s.line) for s in plain.sections] == [
        (s.number, s.title, s.line) for s in plan.sections
    ]
    assert 3 == len(plan.sections)


def test_an_excerpt_of_one_table_takes_its_period_from_the_header() -> None:
    """A lone indicator table with no title, plan words or 到…年 is claimed (weakly) and
    loads, its period from the header's latest year, said by an MZ522."""
    text = "主要指标\n指标名称  单位  2020年基期值  2025年目标值\n社区服务设施覆盖率  %  90  100\n"
    document = _doc(text)
    assert 0 < generic_loader.sniff(document, LOAD_CONTEXT) <= 0.15
    result = generic_loader.load(document, LOAD_CONTEXT)
    assert (2021, 2025) == (result.plan.period.start, result.plan.period.end)
    said = [f.text for f in result.findings if f.code == "MZ522"]
    assert any("2025年目标值" in text for text in said)
    assert ["社区服务设施覆盖率"] == [i.name for i in result.plan.indicators]


def test_a_text_with_neither_period_nor_table_is_still_refused() -> None:
    """Without period words, 到…年 or a table header year, the refusal names what was looked for."""
    document = _doc("某某县民政工作情况\n全县民政工作稳步推进，达到预期。\n")
    with pytest.raises(DocumentError, match="table's header"):
        generic_loader.load(document, LOAD_CONTEXT)
