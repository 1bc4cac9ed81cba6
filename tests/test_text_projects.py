"""专栏 boxes in the three layouts, on boxes written for these tests, and on the seeds."""

from __future__ import annotations

from decimal import Decimal

from minzheng_plans.core.model import Period
from minzheng_plans.core.quantity import Comparator, Comparison
from minzheng_plans.text.projects import extract_projects, project_indicators
from minzheng_plans.text.prose import extract_targets

P = Period(2021, 2025)

ITEMS = """\
第三节  养老服务

专栏2  主要目标

专栏3  社区养老设施工程

1.照料中心建设工程。新增社区照料床位2万张，改造现有床位5000张。

2.人才培养工程。培养养老护理员800名。

第四节  社会救助

全县救助站达到12个。
"""

CELLS = """\
专栏1:儿童福利工程
儿童之家:用地面积6亩,计划设置床位数80张;预计2023年底建成。 |
到2025年,每个镇建设1个儿童服务站。 |
加强儿童关爱服务。
"""

WRAPPED = """\
专栏4  婚姻服务工程

 01 婚姻登记机关标准化

支持县级婚姻登记机关改造升级，建成婚姻家庭

辅导室40个。

这一段是专栏之后的正文，它比专栏里折行的文字长得多，因此专栏在这里结束，不再往下读取任何内容。
"""


def test_numbered_items_layout_ends_at_the_next_heading() -> None:
    """A box of numbered items is found with its lines and ends at the next heading."""
    result = extract_projects(ITEMS)
    assert [(b.number, b.title, b.line) for b in result.boxes] == [("3", "社区养老设施工程", 5)]
    assert result.boxes[0].lines == (7, 9)
    assert 13 not in result.lines


def test_table_captions_are_not_projects() -> None:
    """A table caption is not a project box."""
    assert "主要目标" not in {b.title for b in extract_projects(ITEMS).boxes}


def test_project_figures_become_k_indicators() -> None:
    """A box's figures become k-indicators of its project, with units and exact quotes."""
    result = extract_projects(ITEMS)
    projects, indicators, findings = project_indicators(result, text=ITEMS, period=P)
    assert [(p.id, p.number, p.title, p.line) for p in projects] == [
        ("k3", "3", "社区养老设施工程", 5)
    ]
    got = {(i.id, i.name): (i.target, i.unit, i.project) for i in indicators}
    assert got == {
        ("k3.1", "新增社区照料床位"): (Comparison(2025, Decimal(2)), "万张", "k3"),
        ("k3.2", "改造现有床位"): (Comparison(2025, Decimal(5000)), "张", "k3"),
        ("k3.3", "培养养老护理员"): (Comparison(2025, Decimal(800)), "名", "k3"),
    }
    assert findings == []
    lines = ITEMS.split("\n")
    assert all(i.source.quote in lines[i.source.line - 1] for i in indicators)


def test_boxes_are_kept_out_of_prose_targets() -> None:
    """Lines of a box are skipped by the prose reader."""
    skip = extract_projects(ITEMS).lines
    names = {t.name for t in extract_targets(ITEMS, period=P, skip_lines=skip).targets}
    assert names == {"救助站"}


def test_cell_per_line_layout() -> None:
    """A box of one cell a line is read, its figures due in the year the box gives."""
    result = extract_projects(CELLS)
    assert result.boxes[0].lines == (2, 3)
    _, indicators, _ = project_indicators(result, text=CELLS, period=P)
    got = {i.name: i.target for i in indicators}
    # Due when the box says the facility is finished (2023), not at the plan's end.
    assert got["计划设置床位数"] == Comparison(2023, Decimal(80))
    assert got["用地面积"] == Comparison(2023, Decimal(6))
    assert got["每镇儿童服务站数"] == Comparison(2025, Decimal(1), Comparator.EQ)


def test_wrapped_layout_ends_at_the_long_paragraph() -> None:
    """A box of wrapped lines ends where the long paragraph starts."""
    result = extract_projects(WRAPPED)
    assert result.boxes[0].lines == (3, 5, 7)
    assert 9 not in result.lines


def test_wrapped_text_is_read_joined_and_quoted_on_the_figure_line() -> None:
    """A name wrapped over lines is joined, and quoted on the line with its figure."""
    result = extract_projects(WRAPPED)
    _, indicators, _ = project_indicators(result, text=WRAPPED, period=P)
    [item] = indicators
    # The name runs over the wrap; the quote stays on the line with the figure.
    assert item.name == "建成婚姻家庭辅导室"
    assert item.target == Comparison(2025, Decimal(40))
    assert (item.source.line, item.source.quote) == (7, "辅导室40个")


def test_seed_boxes_are_found(all_seed_documents) -> None:
    """The seeds hold 7, 4, 10, 0 and 0 project boxes."""
    counts = {}
    for prefix, document in all_seed_documents.items():
        assert document.text is not None
        counts[prefix] = len(extract_projects(document.text).boxes)
    # 重庆: 专栏3-9 (专栏1-2 are indicator tables); 万盛 4; national 10; 开封 and 崇明 none.
    assert counts == {"000": 7, "001": 4, "002": 10, "003": 0, "004": 0}


def test_chongqing_bed_project(seed_document) -> None:
    """重庆's bed project gives 6 万张 new beds by 2020 as a k5 indicator."""
    document = seed_document("000")
    result = extract_projects(document.text)
    _, indicators, _ = project_indicators(result, text=document.text, period=Period(2016, 2020))
    beds = {i.name: i for i in indicators if i.project == "k5"}
    assert beds["新增养老服务床位"].target == Comparison(2020, Decimal(6))
    assert beds["新增养老服务床位"].unit == "万张"
    assert beds["新增养老服务床位"].id.startswith("k5.")
