"""The section tree, on texts written for these tests."""

from __future__ import annotations

import pytest

from minzheng_plans.text.sections import (
    HeadingKind,
    enclosing_headings,
    find_headings,
    parse_heading,
    read_sections,
)

CHAPTERED = """\
目  录
第一章 总体要求……………………3
第一节 发展基础…………………(3
第二章 重点任务……………………5

第一章  总体要求
第一节  发展基础
本节说明基础。
第二节 发展目标
到2025年,测试指标达到50%。
专栏1  主要指标
1.测试指标。写在专栏里的条目不是章节。
第二章 重点任务
第一节 养老服务
(一)完善居家养老。推进服务网络建设。
1.社区食堂。新建食堂10个。
(1)城区食堂
(2)农村食堂
(二)发展机构养老
"""

# The same structure with its table of contents written without dot leaders.
PLAIN_CONTENTS = """\
第一章 总体要求
第一节 发展基础
第二章 重点任务
为做好工作,制定本规划。
第一章 总体要求
第一节 发展基础
正文。
第二章 重点任务
"""


class TestParseHeading:
    @pytest.mark.parametrize(
        ("line", "kind", "number", "value", "title"),
        [
            ("第十二章 保障措施", HeadingKind.CHAPTER, "第十二章", 12, "保障措施"),
            ("第三节“十三五”回顾", HeadingKind.SECTION, "第三节", 3, "“十三五”回顾"),
            ("四、主要任务", HeadingKind.CN_ENUM, "四", 4, "主要任务"),
            ("(十一)加强监管。全面推进。", HeadingKind.CN_PAREN, "(十一)", 11, "加强监管"),
            ("2.社区食堂。新建10个。", HeadingKind.ARABIC, "2", 2, "社区食堂"),
            ("3、养老服务", HeadingKind.ARABIC, "3", 3, "养老服务"),
            ("(12)农村食堂", HeadingKind.ARABIC_PAREN, "(12)", 12, "农村食堂"),
        ],
    )
    def test_heading_styles(self, line, kind, number, value, title):
        """Each heading style gives its kind, number, value, title and line."""
        heading = parse_heading(line, 7)
        assert heading is not None
        assert (kind, number, value, title, 7) == (
            heading.kind,
            heading.number,
            heading.value,
            heading.title,
            heading.line,
        )

    @pytest.mark.parametrize(
        "line",
        ["一是加强监管。", "2.5万张床位", "2025年达到50%", "十三五期间", "——坚持党的领导"],
    )
    def test_not_headings(self, line):
        """Enumerations in prose and figures starting a line are no headings."""
        assert parse_heading(line, 1) is None

    def test_long_heading_paragraph_cuts_at_its_first_clause(self):
        """A heading running into a paragraph is titled by its first clause."""
        line = "1.测试工程:" + "内容" * 40
        heading = parse_heading(line, 1)
        assert heading is not None
        assert "测试工程" == heading.title


class TestTree:
    def test_contents_with_dot_leaders_and_box_items_are_left_out(self):
        """Contents lines with dot leaders and items of a box are not headings."""
        headings = find_headings(CHAPTERED)
        assert [6, 7, 9, 13, 14, 15, 16, 17, 18, 19] == [h.line for h in headings]

    def test_nesting_by_rank(self):
        """(一) nests under 第一节, 1. under (一), (1) under 1.; levels count from 1."""
        chapters = read_sections(CHAPTERED)
        assert ["第一章", "第二章"] == [c.number for c in chapters]
        task = chapters[1].sections[0].sections[0]
        assert ("(一)", "完善居家养老", 3, 15) == (task.number, task.title, task.level, task.line)
        item = task.sections[0]
        assert ["(1)", "(2)"] == [s.number for s in item.sections]
        assert 5 == item.sections[0].level
        assert ["(一)", "(二)"] == [s.number for s in chapters[1].sections[0].sections]

    def test_plain_contents_repeated_by_the_body_is_left_out(self):
        """A plain table of contents repeated by the body is left out."""
        headings = find_headings(PLAIN_CONTENTS)
        assert [5, 6, 8] == [h.line for h in headings]

    def test_a_lone_first_chapter_is_kept(self):
        """Without a repeat there is no table of contents to drop."""
        text = "第一章 总体要求\n正文。\n第二章 重点任务\n"
        assert [1, 3] == [h.line for h in find_headings(text)]

    def test_heading_without_title_takes_the_next_line(self):
        """A bare chapter number takes its title from the next line."""
        text = "第一章\n总体要求\n正文。\n"
        assert "总体要求" == find_headings(text)[0].title

    def test_enclosing_headings(self):
        """A line's enclosing headings run from chapter down; a line before any has none."""
        headings = find_headings(CHAPTERED)
        path = enclosing_headings(headings, 16)
        assert ["第二章", "第一节", "(一)", "1"] == [h.number for h in path]
        assert [] == enclosing_headings(headings, 2)
