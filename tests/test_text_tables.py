"""Table readers on tables written for these tests in the three extracted layouts."""

from __future__ import annotations

import pytest

from minzheng_plans.text.tables import (
    ColumnRole,
    Layout,
    classify_header,
    find_tables,
    read_table,
    split_name_unit,
)

# Cell per line, header order scrambled (values first, then name and attribute), no 序号
# header, one header split over two lines, and a value equal to the next row number.
SCRAMBLED = """\
专栏1  测试县“十三五”主要指标完成情况

2015年末

2020年末

“十三五”

期间增长(%

指标

属性

1

测试床位数(张)

10

20

100

预期性

2

测试覆盖率(%

3

4

1

约束性

第二节 下一节
"""

# Cell per line ending " |", with a relative target and a no-value cell.
BARRED = """\
表2 测试区发展指标一览
序号 |
主要指标 |
单位 |
2020年 |
2025年 |
指标属性 |
1 |
测试增速 |
% |
—— |
不低于上年度测试增速 |
预期性 |
2 |
测试人数 |
人 |
≥30 |
≤40 |
约束性 |
正文从这里继续,表格已经结束了。
"""

# Row per line with " | " separators and a short row.
PIPED = """\
(四)主要指标
序号 | 指标名称 | 指标定义(计算公式) | 2020年基期值 | 2025年目标值 | 单位 | 属性 |
1 | 测试占比 | 甲数/乙数 | 32.63 | ≥35 | % | 约束性 |
2 | 测试数量 | 测试总数 | 5 | 预期性 |
3 | 测试餐次 | 每天餐次 | 500 | 900 | 客/日 | 预期性 |
四、下一章
"""


class TestClassifyHeader:
    @pytest.mark.parametrize(
        ("text", "role", "year", "kind"),
        [
            ("序号", ColumnRole.NUMBER, None, None),
            ("指标名称", ColumnRole.NAME, None, None),
            ("指标定义 (计算公式)", ColumnRole.DEFINITION, None, None),
            ("2020年基准值", ColumnRole.VALUE, 2020, "baseline"),
            ("2025年目标值", ColumnRole.VALUE, 2025, "target"),
            ("“十三五” 期末目标", ColumnRole.VALUE, 2020, "target"),
            ("2020情况", ColumnRole.VALUE, 2020, "actual"),
            ("2015", ColumnRole.VALUE, 2015, None),
            ("“十二五”期间增长(%", ColumnRole.GROWTH, None, None),
            ("指标 类型", ColumnRole.ATTRIBUTE, None, None),
            ("完成情况", ColumnRole.STATUS, None, None),
            ("2020年基期值", ColumnRole.VALUE, 2020, "baseline"),
            ("2020年实际值", ColumnRole.VALUE, 2020, "actual"),
            ("“十四五”规划值", ColumnRole.VALUE, 2025, "target"),
            ("备注", ColumnRole.NOTE, None, None),
        ],
    )
    def test_headers(self, text, role, year, kind):
        column = classify_header(text)
        assert column is not None
        assert (role, year, kind) == (column.role, column.year, column.value_kind)

    @pytest.mark.parametrize("text", ["“十二五”", "表2 测试区发展指标一览", "测试床位数", ""])
    def test_not_headers(self, text):
        """A bare period name is a fragment; a caption is too long to be a header."""
        assert classify_header(text) is None


class TestCellPerLine:
    def test_scrambled_header_order_is_recovered(self):
        """Name and attribute move to where the rows hold them; values keep their order."""
        (table,) = find_tables(SCRAMBLED)
        assert Layout.CELL_PER_LINE == table.layout
        assert table.reordered
        roles = [c.role for c in table.columns]
        assert [
            ColumnRole.NUMBER,
            ColumnRole.NAME,
            ColumnRole.VALUE,
            ColumnRole.VALUE,
            ColumnRole.GROWTH,
            ColumnRole.ATTRIBUTE,
        ] == roles
        assert [2015, 2020] == [c.year for c in table.columns if c.role == ColumnRole.VALUE]
        assert "“十三五”期间增长(%" == table.columns[4].header

    def test_rows_with_lines_and_a_value_equal_to_the_next_number(self):
        """Row 2 holds a value 1 and 3, 4: the split still follows the row width."""
        (table,) = find_tables(SCRAMBLED)
        assert [1, 2] == [row.number for row in table.rows]
        second = table.rows[1]
        assert ["2", "测试覆盖率(%", "3", "4", "1", "约束性"] == [c.text for c in second.cells]
        assert 27 == second.line
        assert 37 == second.cells[-1].line
        assert "专栏1  测试县“十三五”主要指标完成情况" == table.caption
        assert 1 == table.caption_line
        assert () == table.problems

    def test_bar_layout(self):
        (table,) = find_tables(BARRED)
        assert Layout.CELL_PER_LINE_BAR == table.layout
        assert not table.reordered
        assert 2 == len(table.rows)
        first = table.rows[0]
        assert "不低于上年度测试增速" == first.cell(table.columns, ColumnRole.VALUE, 1).text
        assert "——" == first.cell(table.columns, ColumnRole.VALUE).text
        assert first.cell(table.columns, ColumnRole.VALUE, 2) is None
        assert "表2 测试区发展指标一览" == table.caption
        assert 19 == table.end_line

    def test_short_row_is_a_problem_not_a_loss(self):
        """A row missing a cell comes back with every cell it has, and the next row reads."""
        text = BARRED.replace("≥30 |\n", "")
        (table,) = find_tables(text)
        assert [1] == [row.number for row in table.rows]
        (problem,) = table.problems
        assert 2 == problem.number
        assert ["2", "测试人数", "人", "≤40", "约束性"] == [c.text for c in problem.cells]
        assert "5 cells" in problem.reason.text
        assert 2 == table.row_count

    def test_raw_keeps_the_published_spelling(self):
        text = SCRAMBLED.replace("测试覆盖率(%", "测试覆盖率（％")
        (table,) = find_tables(text)
        cell = table.rows[1].cells[1]
        assert "测试覆盖率(%" == cell.text
        assert "测试覆盖率（％" == cell.raw


class TestRowPerLine:
    def test_piped_rows(self):
        (table,) = find_tables(PIPED)
        assert Layout.ROW_PER_LINE == table.layout
        assert "(四)主要指标" == table.caption
        assert [1, 3] == [row.number for row in table.rows]
        first = table.rows[0]
        assert "32.63" == first.cell(table.columns, ColumnRole.VALUE).text
        assert "甲数/乙数" == first.cell(table.columns, ColumnRole.DEFINITION).text
        assert 3 == first.line
        (problem,) = table.problems
        assert 4 == problem.line
        assert 5 == len(problem.cells)

    def test_read_table_at_a_line(self):
        table = read_table(PIPED, 2)
        assert table is not None
        assert 3 == table.row_count
        assert read_table(PIPED, 1) is None


def test_text_without_tables():
    assert [] == find_tables("第一章 总则\n正文。\n1.测试。\n")


class TestSplitNameUnit:
    @pytest.mark.parametrize(
        ("text", "name", "unit", "closed"),
        [
            ("测试床位数(张)", "测试床位数", "张", True),
            ("测试覆盖率(%", "测试覆盖率", "%", False),
            ("测试比例(", "测试比例", "", False),
            ("测试增速", "测试增速", "", True),
            ("测试(乡镇)覆盖率", "测试(乡镇)覆盖率", "", True),
        ],
    )
    def test_split(self, text, name, unit, closed):
        result = split_name_unit(text)
        assert (name, unit, closed) == (result.name, result.unit, result.closed)


def test_note_column_is_read_and_ignored_by_role():
    text = "序号 | 指标 | 2025年目标值 | 备注 |\n1 | 测试率 | ≥50% | 新增 |\n"
    (table,) = find_tables(text)
    assert ColumnRole.NOTE == table.columns[3].role
    assert "新增" == table.rows[0].cell(table.columns, ColumnRole.NOTE).text


def test_a_skipped_row_number_does_not_end_the_table():
    """Row 2 lost in extraction: rows 1 and 3 are read; nothing after is dropped."""
    cells = SCRAMBLED.split("2\n\n测试覆盖率(%", maxsplit=1)[0]
    text = cells + "3\n\n测试覆盖率(%\n\n3\n\n4\n\n1\n\n约束性\n\n第二节 下一节\n"
    (table,) = find_tables(text)
    assert [1, 3] == [row.number for row in table.rows]
    piped = PIPED.replace("2 | 测试数量 | 测试总数 | 5 | 预期性 |\n", "")
    (table,) = find_tables(piped)
    assert [1, 3] == [row.number for row in table.rows]
