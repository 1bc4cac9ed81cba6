"""find_grids and read_grids on tables written for these tests, in every layout and shape."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minzheng_plans.core.model import Attribute, Observation, Period
from minzheng_plans.core.quantity import Comparator, Comparison
from minzheng_plans.text.grid import Grid, GridCell, Place
from minzheng_plans.text.layouts import find_grids
from minzheng_plans.text.reader import infer_units, read_grids
from minzheng_plans.text.rows import Fix, part_name
from minzheng_plans.text.tables import ColumnRole, Table, grid_table
from minzheng_plans.text.vocabulary import header_key, is_no_value

PLAN = Period(2021, 2025)


def _texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.rows]


def _read(text: str):
    return read_grids(find_grids(text), period=PLAN, plan="p", file="f.txt")


MARKDOWN = """\
表1 测试市主要指标
| 序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性 |
|:---:|---|---|---:|---:|---|
| 1 | 测试覆盖率 | ％ | 80 | ≥95 | 约束性 |
| 2 | 测试人数 | 人 |  | 300 | 预期性 |

注：1.测试数据为年末数。
2.测试人数为持证人数。
第三章 后文
"""


class TestPipes:
    def test_markdown_with_separator_caption_and_notes(self):
        """The separator row is dropped, an empty inner cell kept, notes are notes."""
        (grid,) = find_grids(MARKDOWN)
        assert "row-per-line" == grid.layout
        assert [
            ["序号", "指标名称", "单位", "2020年", "2025年", "属性"],
            ["1", "测试覆盖率", "％", "80", "≥95", "约束性"],
            ["2", "测试人数", "人", "", "300", "预期性"],
        ] == _texts(grid)
        assert "表1 测试市主要指标" == grid.caption
        assert ("注：1.测试数据为年末数。", "2.测试人数为持证人数。") == grid.notes
        assert (Place(line=1), Place(line=2), Place(line=8)) == (
            grid.caption_place,
            grid.place,
            grid.end,
        )

    def test_markdown_rows_read(self):
        """Cells are published text in the grid and normalised when read (％ is %)."""
        result = _read(MARKDOWN)
        first, second = result.indicators
        assert ("t1.1", "%", Comparison(2025, Decimal(95), Comparator.GE)) == (
            first.id,
            first.unit,
            first.target,
        )
        assert second.baseline is None
        assert set(range(1, 9)) == result.lines

    def test_pipes_without_outer_pipes(self):
        """Pipes between cells only, a trailing pipe on some rows."""
        text = "指标 | 单位 | 2025年目标值\n测试率 | % | 90 |\n测试数 | 个 | 12\n"
        (grid,) = find_grids(text)
        assert [
            ["指标", "单位", "2025年目标值"],
            ["测试率", "%", "90"],
            ["测试数", "个", "12"],
        ] == (_texts(grid))


class TestTabsAndSpaces:
    def test_tab_rows_keep_empty_cells(self):
        """An empty cell between two TABs is a cell; a group header spans the years."""
        text = "序号\t指标\t指标值\t\t属性\n\t\t2020年\t2025年\t\n1\t测试率\t50\t60\t预期性\n"
        (grid,) = find_grids(text)
        assert "tab" == grid.layout
        assert ["序号", "指标", "指标值", "", "属性"] == _texts(grid)[0]
        (row,) = _read(text).indicators
        assert (Observation(2020, 50), Comparison(2025, 60)) == (row.baseline, row.target)

    def test_spaces_two_line_header_and_units_in_cells(self):
        """Kinds under years become a second header row aligned on the value columns."""
        text = (
            "序号  指标名称          2020年    2025年    属性\n"
            "                        基期值    目标值\n"
            "1     测试面积          20平方米  ≥25平方米 预期性\n"
        )
        (grid,) = find_grids(text)
        assert ["", "", "基期值", "目标值", ""] == _texts(grid)[1]
        (row,) = _read(text).indicators
        assert ("平方米", Observation(2020, 20)) == (row.unit, row.baseline)
        assert Comparison(2025, 25, Comparator.GE) == row.target

    def test_spaces_group_header_over_years(self):
        """指标值 over 2020年 2025年 on the next line: the group is repeated, marked merged."""
        text = (
            "序号  指标        单位    指标值              属性\n"
            "                          2020年    2025年\n"
            "1     测试率      %       30        40        约束性\n"
        )
        (grid,) = find_grids(text)
        assert ["序号", "指标", "单位", "指标值", "指标值", "属性"] == _texts(grid)[0]
        assert [False, False, False, False, True, False] == [c.merged for c in grid.rows[0]]
        (row,) = _read(text).indicators
        assert (Observation(2020, 30), Comparison(2025, 40)) == (row.baseline, row.target)

    def test_spaces_missing_cell_wrapped_name_and_parts(self):
        """A PDF leaves a blank cell out, wraps a name, and writes parts without numbers."""
        text = (
            "序号  指标                    单位        2020年    2025年    属性\n"
            " 1    测试标准                元/人·月\n"
            "      其中：城市              元/人·月    800       900       约束性\n"
            "            农村              元/人·月    600       700       约束性\n"
            " 2    测试乡镇具备综合        %                     60        预期性\n"
            "      功能的机构覆盖率\n"
            "注：测试。\n"
        )
        result = _read(text)
        names = [(i.id, i.name) for i in result.indicators]
        assert [
            ("t1.1.1", "城市测试标准"),
            ("t1.1.2", "农村测试标准"),
            ("t1.2", "测试乡镇具备综合功能的机构覆盖率"),
        ] == names
        last = result.indicators[-1]
        assert (None, Comparison(2025, 60)) == (last.baseline, last.target)
        assert [] == [f for f in result.findings if f.code == "MZ501"]

    def test_single_spaces_where_the_header_shows_the_columns(self):
        """Single spaces between cells; ≥ written apart from its value."""
        text = "序号 指标 单位 2020年 2025年 属性\n1 测试率 % 70 ≥ 90 约束性\n"
        (row,) = _read(text).indicators
        assert (Observation(2020, 70), Comparison(2025, 90, Comparator.GE)) == (
            row.baseline,
            row.target,
        )
        assert Attribute.BINDING == row.attribute

    @pytest.mark.parametrize(
        "text",
        [
            "第一章  总则\n本规划  依据有关规定编制。\n",
            "序号  事项  责任单位\n1  测试工作  测试局\n",
            "到2025年  全市养老床位  达到  5万张\n",
        ],
    )
    def test_prose_with_double_spaces_is_no_table(self, text):
        """Runs of spaces in prose, or a table without figures, give no indicators."""
        assert () == _read(text).indicators


class TestCellPerLine:
    def test_split_header_and_a_category_line(self):
        """``2020年`` / ``基期值`` on two lines are one header; a category line opens rows."""
        text = (
            "序号\n指标\n2020年\n基期值\n2025年\n目标值\n"
            "一、测试类\n1\n测试率\n10\n20\n2\n测试数\n3\n4\n第二章 后文\n"
        )
        (grid,) = find_grids(text)
        assert ["序号", "指标", "2020年基期值", "2025年目标值"] == _texts(grid)[0]
        result = _read(text)
        assert [("t1.1", "测试类"), ("t1.2", "测试类")] == [
            (i.id, i.section) for i in result.indicators
        ]


# A DOCX/HTML/PDF table as the document readers hand it over: merged cells expanded and
# marked, a caption row across the table, a category row across it, places without lines.
def _row(row: int, *texts: str, merged: tuple[int, ...] = ()) -> list[GridCell]:
    return [
        GridCell(text, Place(page=2, table=1, row=row, column=i + 1), merged=i in merged)
        for i, text in enumerate(texts)
    ]


STRUCTURED = Grid(
    [
        _row(1, *["表3 测试主要指标"] * 5, merged=(1, 2, 3, 4)),
        _row(2, "序号", "指标名称", "指标值", "指标值", "属性", merged=(3,)),
        _row(3, "序号", "指标名称", "2020年", "2025年", "属性", merged=(0, 1, 4)),
        _row(4, *["（一）测试服务"] * 5, merged=(1, 2, 3, 4)),
        _row(5, "1", "测试标准（元/人·月）", "700", "≥900", "约束性指标"),
        _row(6, "2", "测试床位（张）", "3000", "3500", "预期性指标"),
    ],
    place=Place(page=2, table=1),
)


class TestStructuredGrids:
    def test_merged_two_row_header_caption_and_category(self):
        """The merged 指标值 over the years is combined in the header, once per column."""
        table = grid_table(STRUCTURED)
        assert isinstance(table, Table)
        assert "表3 测试主要指标" == table.caption
        assert ["指标值2020年", "指标值2025年"] == [
            c.header for c in table.columns if c.role == ColumnRole.VALUE
        ]
        assert "grid" == table.layout

    def test_rows_with_places(self):
        """Names lose their bracketed units; the source has no line, the section is kept."""
        first, second = read_grids([STRUCTURED], period=PLAN).indicators
        assert ("测试标准", "元/人·月", "测试服务") == (first.name, first.unit, first.section)
        assert (Attribute.BINDING, None) == (first.attribute, first.source.line)
        assert ("测试床位", "张") == (second.name, second.unit)

    def test_numbered_by_the_document_and_wrapped_cells_joined(self):
        """A document's fourth table gives ids t4.*; a cell's wrapped lines are one name."""
        grid = Grid(
            [
                _row(1, "指标", "2025年"),
                _row(2, "测试服务\n设施覆盖率", "90"),
                _row(3, "Test\nrate", "1"),
            ],
            place=Place(table=4),
        )
        first, second = read_grids([grid], period=PLAN).indicators
        assert ("t4.1", "测试服务设施覆盖率") == (first.id, first.name)
        assert "Test rate" == second.name


class TestNothingSilent:
    def test_a_table_of_projects_is_reported_not_read(self):
        """A table without value columns gets an MZ507 info with its line."""
        text = (
            "表5 重点项目\n| 序号 | 项目名称 | 建设内容 |\n"
            "| 1 | 测试中心 | 新建 |\n| 2 | 测试站 | 改造 |\n"
        )
        result = _read(text)
        (finding,) = result.findings
        assert ("MZ507", "info", 1) == (finding.code, finding.severity, finding.location.line)
        assert "names the columns" in finding.text
        assert () == result.indicators

    def test_an_indicator_table_without_rows_is_a_warning(self):
        """Headers of an indicator table over rows that never read: MZ507 warning."""
        grid = Grid([_row(1, "指标", "2025年目标值"), _row(2, "测试率", "")])
        table = grid_table(grid)
        assert not isinstance(table, Table) or table.rows
        result = read_grids([Grid([_row(1, "指标", "单位"), _row(2, "测试", "%")])], period=PLAN)
        (finding,) = result.findings
        assert ("MZ507", "warning") == (finding.code, finding.severity)

    def test_unknown_columns_are_named(self):
        """A column no vocabulary word names is kept out and reported once (MZ508)."""
        text = "指标 | 2025年 | 牵头单位\n测试率 | 90 | 测试局\n"
        result = _read(text)
        (finding,) = [f for f in result.findings if f.code == "MZ508"]
        assert "牵头单位" in finding.text
        assert 1 == len(result.indicators)

    def test_a_value_in_another_unit_than_its_row(self):
        """The unit column says 张, the cell says %: kept in 张, reported (MZ503)."""
        text = "指标 | 单位 | 2025年\n测试床位 | 张 | 90%\n"
        result = _read(text)
        (finding,) = [f for f in result.findings if f.code == "MZ503"]
        assert "90%" in finding.text
        assert "张" == result.indicators[0].unit


class TestRepairs:
    def test_the_repair_hook_sees_the_tables_and_fixes_a_part(self):
        """A plugin's hook gets the tables by number; a fix addresses a part by ``sub``."""
        text = "序号 | 指标 | 单位 | 2025年\n1 | 测试标准 | 元 | |\n | 其中：城市 | 元 | 1O0 |\n"
        seen = {}

        def repair(tables):
            seen.update(tables)
            return {1: [Fix(1, "O for 0", ColumnRole.VALUE, 0, "100", sub=1)]}

        result = read_grids(find_grids(text), period=PLAN, repair=repair)
        assert [1] == list(seen)
        (part,) = result.indicators
        assert ("t1.1.1", Comparison(2025, 100), "1O0") == (part.id, part.target, part.source.raw)


@pytest.mark.parametrize(
    ("parent", "label", "name"),
    [
        ("城乡低保标准", "城市", "城市低保标准"),
        ("城乡低保标准", "农村", "农村低保标准"),
        ("低保标准", "城市", "城市低保标准"),
        ("养老床位总数", "护理型床位数", "护理型床位数"),
        ("特困人员供养标准", "集中供养", "集中供养特困人员供养标准"),
    ],
)
def test_part_names(parent, label, name):
    """A part's name: a combined prefix replaced, a full name kept, else label + parent."""
    assert name == part_name(parent, label)


def test_completion_units_from_the_other_table():
    """A completion table without units takes them from the same indicator elsewhere."""
    text = (
        "表1 “十三五”指标完成情况\n"
        "| 指标 | 2020年目标 | 2020年完成 | 完成情况 |\n| 测试标准 | 500 | 520 | 已完成 |\n"
        "| 测试覆盖率 | 90 | 95 | 已完成 |\n\n正文。\n\n"
        "| 指标 | 单位 | 2025年 |\n| 测试标准 | 元/人·月 | 600 |\n"
    )
    result = _read(text)
    indicators, findings = infer_units(result, plan="p", file="f.txt")
    assert ["元/人·月", "%", "元/人·月"] == [i.unit for i in indicators]
    assert ["MZ502", "MZ502"] == [f.code for f in findings]


def test_vocabulary_helpers():
    """Headers compare without spaces and colons; every dash and slash is no value."""
    assert "指标属性" == header_key("指标 属性：")
    assert all(is_no_value(text) for text in ["", "——", "—", "-", "/", "／", "无", " "])
    assert not is_no_value("0")


def test_a_header_over_no_rows_is_reported():
    """A table header whose rows were lost (only a remark follows) gets an MZ507 warning."""
    text = "某县“十四五”规划\n序号\n指标\n单位\n2025年目标值\n属性\n(表格数据另见附件)\n"
    result = _read(text)
    (finding,) = result.findings
    assert ("MZ507", "warning", 2) == (finding.code, finding.severity, finding.location.line)
    assert () == result.indicators


def test_binding_marks_explained_by_the_notes():
    """带★的为约束性指标: marked rows binding, the rest anticipatory, the mark not in the name."""
    text = "指标 | 2025年\n测试率★ | 90\n测试数 | 5\n注：带★的为约束性指标，其余为预期性指标。\n"
    first, second = _read(text).indicators
    assert ("测试率", Attribute.BINDING) == (first.name, first.attribute)
    assert ("测试数", Attribute.ANTICIPATORY) == (second.name, second.attribute)
    unexplained = _read("指标 | 2025年\n测试率★ | 90\n").indicators[0]
    assert ("测试率", None) == (unexplained.name, unexplained.attribute)
