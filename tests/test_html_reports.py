"""The HTML reports' content, escaping and colours (the browser tests are in test_html_browser)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.analysis.evaluate import evaluate_plan
from minzheng_plans.analysis.monitoring import read_monitoring
from minzheng_plans.checking.runner import check_paths
from minzheng_plans.core.findings import Severity, make_finding
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.output.html import (
    hierarchy,
    render_check_html,
    render_comparison_html,
    render_evaluation_html,
    write_html,
)
from minzheng_plans.output.html._markup import Markup, element, join, text
from minzheng_plans.output.html._page import PALETTE
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.registries.jurisdictions import default_jurisdictions

from ._compare_support import COUNTY, EXAMPLE, MONITORING, NATIONAL

REPORTS = Path(__file__).parent / "data" / "reports"
PROVINCE = REPORTS / "province-2021-2025.toml"
CHILD = REPORTS / "county-2021-2025.toml"
HOSTILE = REPORTS / "hostile-2021-2025.toml"
DAY = dt.date(2026, 1, 15)


class _Cells(HTMLParser):
    """The text of every table row inside elements of one class, cell by cell."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted = wanted
        self.depth = 0
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag not in {"meta", "link", "br"}
        elif self.wanted in classes:
            self.depth = 1
        if self.depth and tag == "tr":
            self.rows.append([])
        if self.depth and tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rows(page: str, css_class: str) -> list[list[str]]:
    parser = _Cells(css_class)
    parser.feed(page)
    return parser.rows


def _check(lang: str, *paths: Path) -> str:
    report = check_paths(
        paths or (PROVINCE, CHILD), create_plugin_host(entry_points=False), use_bundled=False
    )
    return render_check_html(report, lang=lang, generated=DAY, version="9.9")


# -- markup ---------------------------------------------------------------------------------


class TestMarkup:
    def test_text_is_escaped_quotes_included(self):
        """Angle brackets, ampersands and both quotes become entities."""
        assert "&lt;b title=&quot;x&quot;&gt;&amp;&#x27;" == text('<b title="x">&\'')

    def test_control_characters_become_replacement_characters(self):
        """An escape sequence keeps its printable tail but loses its ESC; nothing vanishes."""
        assert "\ufffd[31m红\ufffd\n" == text("\x1b[31m红\x9b\n")

    def test_markup_is_kept_and_strings_are_not(self):
        """Only fragments built here pass unescaped."""
        assert "<i>a</i>&lt;i&gt;" == join(Markup("<i>a</i>"), "<i>")

    def test_attributes_are_escaped_and_none_left_out(self):
        """Attribute values are escaped; None and False drop the attribute."""
        assert '<td class="a&quot;b" hidden>x</td>' == element(
            "td", "x", class_='a"b', hidden=True, title=None, lang=False
        )

    @pytest.mark.parametrize("tag", ["script src=x", "a onclick", "<b>", ""])
    def test_tag_names_from_data_are_refused(self, tag):
        """A tag name must be a plain name, so data can never name an element."""
        with pytest.raises(ValueError, match="not a tag name"):
            element(tag)

    def test_attribute_names_from_data_are_refused(self):
        """An attribute name with a space or quote is refused."""
        with pytest.raises(ValueError, match="not an attribute name"):
            element("a", attributes={'href="x" onclick': "y"})


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_palette_contrast_is_at_least_4_5(name):
    """Every text colour on its background meets WCAG AA (4.5:1)."""
    fg, bg = PALETTE[name]
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


# -- check ----------------------------------------------------------------------------------


class TestCheckReport:
    def test_a_self_contained_document(self):
        """One document, Chinese by default, no script, no external reference."""
        page = _check("zh")
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        assert "<script" not in page
        assert re.findall(r'(?:src|href)="(?!#|data:)', page) == []
        assert "Content-Security-Policy" in page

    def test_summary_counts_per_plan(self):
        """The summary table gives each plan's errors, warnings and info, by hand."""
        rows = _rows(_check("zh"), "counts")
        # Per-plan tables in order: the province (only MZ408: no national plan in the run to
        # check it against), then the county.
        assert [
            ["错误", "警告", "提示"],
            ["0", "0", "1"],
            ["错误", "警告", "提示"],
            ["1", "1", "0"],
        ] == rows

    def test_hierarchy_of_each_plan(self):
        """The county sits under the province, named from the plans of the run."""
        assert "示范省 › 示范县" in _check("zh")
        assert "Model Province › Model County" in _check("en")

    def test_parent_target_beside_the_child(self):
        """MZ401 and MZ404 show this plan's target and the parent's, with attributes."""
        rows = _rows(_check("zh"), "cross")
        child = "示范县“十四五”民政事业发展规划 (990199-2021-2025)"
        parent = "示范省“十四五”民政事业发展规划 (990000-2021-2025)"
        assert [
            ["", "规划", "指标", "目标", "属性"],
            ["本规划", child, "t1.1 护理型床位占比", "≥50 %（2025年）", "约束性"],
            ["上级规划", parent, "t1.1 养老机构护理型床位占比", "≥55 %（2025年）", "约束性"],
            ["", "规划", "指标", "目标", "属性"],
            ["本规划", child, "t1.2 未成年人保护工作站覆盖率", "≥60 %（2025年）", "预期性"],
            [
                "上级规划",
                parent,
                "t1.2 乡镇（街道）未成年人保护工作站覆盖率",
                "≥50 %（2025年）",
                "约束性",
            ],
        ] == rows

    def test_findings_with_severity_words_and_locations(self):
        """Each finding row: severity in words, code, message in Chinese, file and line."""
        rows = _rows(_check("zh"), "findings")
        error = next(row for row in rows if "MZ401" in row)
        assert ["错误", "MZ401"] == error[:2]
        assert "至少与其依据的上级规划同样严格" in error[2]
        assert error[3].endswith("county-2021-2025.toml 第30行")  # the target's line

    def test_quoted_source(self):
        """The indicator's quote, its table and row, and the document's line."""
        page = _check("zh")
        assert "<p>“护理型床位占比”</p>" in page
        assert "表1 示范县主要指标 第1行 · 示范县规划.txt 第12行" in page

    def test_english(self):
        """lang="en" gives English words and an English lang attribute."""
        page = _check("en")
        assert '<html lang="en">' in page
        assert "This plan&#x27;s target beside the parent plan&#x27;s" in page
        assert "Binding" in page
        assert "规划检查报告" not in page

    def test_findings_alone_and_unknown_plans(self):
        """Findings without plans render too; a finding about no known plan has its section."""
        finding = make_finding("MZ001", Severity.ERROR, "Plugin {name} failed", name="<x>")
        page = render_check_html([finding], lang="en", generated=DAY, version="1")
        assert "Findings not tied to a plan" in page
        assert "Plugin &lt;x&gt; failed" in page

    def test_same_input_same_page(self):
        """Rendering is deterministic (no timestamps beyond the given date, stable ids)."""
        assert _check("zh") == _check("zh")

    def test_hostile_plan_is_text(self):
        """Markup in a plan's texts is escaped; a terminal escape loses its ESC."""
        page = _check("zh", PROVINCE, CHILD, HOSTILE)
        assert "<script>" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;示范区规划" in page
        assert "\x1b" not in page
        assert "<img" not in page


def test_hierarchy_from_the_registry():
    """A registered district's chain comes from the registry of places, top first."""
    plan = read_plan(Path(__file__).parents[1] / "data" / "plans" / "500000-WS-2021-2025.toml")
    assert ["全国", "重庆市", "万盛经开区"] == hierarchy(plan, default_jurisdictions(), "zh_CN")


def test_hierarchy_with_an_unknown_parent_shows_its_code():
    """A parent code neither the registry nor the run knows is shown as the code."""
    plan = read_plan(CHILD)
    assert ["990000", "示范县"] == hierarchy(plan, default_jurisdictions(), "zh_CN")


# -- evaluation -----------------------------------------------------------------------------


@functools.cache
def _evaluation_page() -> str:
    plan = read_plan(EXAMPLE)
    evaluation = evaluate_plan(plan, read_monitoring(MONITORING))
    return render_evaluation_html(evaluation, plan=plan, generated=DAY, version="1")


@functools.cache
def _comparison_page() -> str:
    table = compare_plans([read_plan(NATIONAL), read_plan(COUNTY), read_plan(EXAMPLE)])
    return render_comparison_html(table, generated=DAY, version="1")


class TestEvaluationReport:
    @pytest.fixture
    def page(self):
        return _evaluation_page()

    def test_status_in_colour_and_words(self, page):
        """Each status badge carries its class (colour) and its words."""
        found = set(re.findall(r'class="badge badge-([a-z-]+)">([^<]+)<', page))
        assert {
            ("met", "已达到"),
            ("on-track", "进度正常"),
            ("off-track", "进度滞后"),
            ("not-assessable", "无法评估"),
        } <= found

    def test_one_chart_per_assessable_indicator(self, page):
        """Four indicators are assessable (by hand: t1.1, t1.2, t1.3, t1.5), four charts."""
        assert 4 == page.count("<svg")
        assert 4 == page.count('role="img"')

    def test_chart_states_its_values(self, page):
        """t1.1's chart: baseline 41.5, actual 45.5 (off track: a square), target ≥50."""
        chart = page[page.index('id="r-chart-t1-1-title"') - 400 :]
        chart = chart[: chart.index("</svg>")]
        assert "基期值、实际值与目标" in chart
        assert "基期41.5" in chart
        assert "实际45.5" in chart
        assert "目标值≥50" in chart
        assert '<rect x="' in chart
        assert "#a4161a" in chart  # the off-track colour, on a square

    def test_unassessable_listed_with_the_reason(self, page):
        """t1.4's relative target cannot be assessed, and the report says why."""
        assert "t1.4 城乡低保标准年度增速" in page
        assert "需要该参照值才能评估" in page


# -- comparison -----------------------------------------------------------------------------


class TestComparisonReport:
    @pytest.fixture
    def page(self):
        return _comparison_page()

    def test_a_section_and_chart_per_indicator(self, page):
        """Every catalog code has a section; those with numeric targets a chart."""
        table = compare_plans([read_plan(NATIONAL), read_plan(COUNTY), read_plan(EXAMPLE)])
        charted = {
            row.code
            for row in table
            if row.code and row.comparable and (row.target_low, row.target_high) != (None, None)
        }
        assert len(table.codes()) == page.count('class="indicator"')
        assert len(charted) == page.count("<svg")

    def test_reasons_in_chinese(self, page):
        """A total is not comparable, and the table says so in Chinese."""
        assert "类指标各地口径不同，不作比较" in page

    def test_parent_target_is_the_reference(self, page):
        """The national plan is the counties' parent: its target is the dashed reference."""
        assert "上级规划目标（全国）" in page
        assert 'stroke-dasharray="5 4"' in page


def test_write_html_replaces_the_file_whole(tmp_path):
    """write_html writes UTF-8 and leaves no temporary file behind."""
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    write_html("<p>新</p>", target)
    assert ("<p>新</p>", ["report.html"]) == (
        target.read_text(encoding="utf-8"),
        sorted(p.name for p in tmp_path.iterdir()),
    )
