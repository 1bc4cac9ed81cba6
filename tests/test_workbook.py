"""The findings workbook: sheets, headers, filters, exact numbers, and text that stays text."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from minzheng_plans.checking.runner import check_paths
from minzheng_plans.core.errors import UsageError
from minzheng_plans.files.spreadsheet import sheet_title, write_cell
from minzheng_plans.output.workbook import write_findings_workbook
from minzheng_plans.plugins.host import create_plugin_host

REPORTS = Path(__file__).parent / "data" / "reports"
PLANS = [REPORTS / f"{name}-2021-2025.toml" for name in ("province", "county", "hostile")]


@pytest.fixture(name="report", scope="module")
def _report():
    return check_paths(PLANS, create_plugin_host(entry_points=False), use_bundled=False)


def _write(report, tmp_path, lang="zh"):
    path = tmp_path / f"findings-{lang}.xlsx"
    write_findings_workbook(path, report, lang=lang)
    return path, openpyxl.load_workbook(path)


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_one_findings_sheet_then_one_sheet_per_plan(report, tmp_path):
    """Sheets: the findings, then each plan by jurisdiction and period."""
    _path, book = _write(report, tmp_path)
    # The hostile jurisdiction's ESC is dropped and its "[" replaced: Excel refuses both.
    assert ["检查结果", "示范省 2021-2025", "示范县 2021-2025", "示范区_31m红 2021-2025"] == (
        book.sheetnames
    )


def test_findings_sheet_has_filters_frozen_header_and_widths(report, tmp_path):
    """A filter over every column, the header frozen, Chinese headers, sized columns."""
    _path, book = _write(report, tmp_path)
    sheet = book["检查结果"]
    # A header and three findings: the county's MZ401 and MZ404, the province's MZ408.
    assert "A1:N4" == sheet.auto_filter.ref
    assert "A2" == sheet.freeze_panes
    assert ["规划编号", "规划", "行政区域", "指标编号", "指标名称", "严重程度", "代码"] == (
        _rows(sheet)[0][:7]
    )
    assert sheet.column_dimensions["H"].width > sheet.column_dimensions["G"].width >= 8


def test_cross_level_finding_carries_both_targets(report, tmp_path):
    """MZ401: this plan's target ≥50 beside the province's binding ≥55, with the quote."""
    _path, book = _write(report, tmp_path)
    row = next(r for r in _rows(book["检查结果"]) if r[6] == "MZ401")
    assert [
        "990199-2021-2025",
        "示范县“十四五”民政事业发展规划",
        "示范县",
        "t1.1",
        "护理型床位占比",
        "错误",
        "MZ401",
    ] == row[:7]
    assert ["≥50 %（2025年）", "≥55 %（2025年）"] == row[10:12]
    assert "示范省“十四五”民政事业发展规划 (990000-2021-2025)" == row[12]
    assert "护理型床位占比" == row[13]
    assert 30 == row[9]  # the target's line in the county file


def test_english_headers(report, tmp_path):
    """lang="en" names sheets and columns in English."""
    _path, book = _write(report, tmp_path, "en")
    assert "Findings" == book.sheetnames[0]
    assert ["Plan id", "Plan", "Jurisdiction"] == _rows(book["Findings"])[0][:3]
    row = next(r for r in _rows(book["Findings"]) if r[6] == "MZ404")
    assert "Warning" == row[5]


def test_plan_sheet_lists_indicators_with_exact_numbers(report, tmp_path):
    """The county's t1.1: baseline 38 (2020), target ≥50 (2025), allowed from 50 upwards."""
    _path, book = _write(report, tmp_path)
    rows = _rows(book["示范县 2021-2025"])
    assert ["指标编号", "指标名称", "目录代码", "单位", "属性"] == rows[0][:5]
    first = rows[1]
    assert ["t1.1", "护理型床位占比", "EC-NURSING-BED-SHARE", "%", "约束性"] == first[:5]
    assert [2020, 38, 2025, "≥50", 50, None] == first[5:11]
    assert "表1 示范县主要指标 第1行 · 示范县规划.txt 第12行" == first[14]


def test_decimals_keep_their_digits(tmp_path):
    """A value such as 0.0345 is written with its own digits, not a float's."""
    report = check_paths(
        [Path(__file__).parents[1] / "examples" / "lanxi-county-2021-2025.toml"],
        create_plugin_host(entry_points=False),
        use_bundled=False,
    )
    path = tmp_path / "lanxi.xlsx"
    write_findings_workbook(path, report)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet2.xml").decode("utf-8")
    assert "<v>41.5</v>" in xml
    assert Decimal("41.5") == Decimal(str(openpyxl.load_workbook(path).worksheets[1]["G2"].value))


def test_text_that_looks_like_a_formula_stays_text(report, tmp_path):
    """Names starting with = + - @ are string cells with a quote prefix; no formula anywhere."""
    path, book = _write(report, tmp_path)
    sheet = book.worksheets[3]
    names = {row[1].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for name in (
        '=HYPERLINK("http://example.invalid","点击")',
        "+1 加号开头",
        "-2 减号开头",
        "@SUM(A1:A9) 艾特开头",
    ):
        assert ("s", True) == (names[name].data_type, names[name].quotePrefix)
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert [] == [n for n in sheets if b"<f>" in archive.read(n) or b"<f " in archive.read(n)]


def test_control_characters_become_replacement_characters(tmp_path):
    """A cell with an ESC (a terminal sequence) keeps its text, the ESC replaced by U+FFFD."""
    book = openpyxl.Workbook()
    write_cell(book.active["A1"], "\x1b[31m红\x00")
    book.save(tmp_path / "x.xlsx")
    assert "\ufffd[31m红\ufffd" == openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"].value


def test_a_failed_write_leaves_the_old_file(report, tmp_path, monkeypatch):
    """Writing is atomic: when saving fails, the existing file is untouched, no temp is left."""
    path = tmp_path / "findings.xlsx"
    path.write_bytes(b"the previous workbook")

    def broken(self, filename):
        Path(filename).write_bytes(b"half")
        msg = "disk full"
        raise OSError(msg)

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        write_findings_workbook(path, report)
    assert (b"the previous workbook", ["findings.xlsx"]) == (
        path.read_bytes(),
        [p.name for p in tmp_path.iterdir()],
    )


def test_a_missing_folder_is_a_usage_error(report, tmp_path):
    """A folder that does not exist is reported with the path, not a traceback."""
    with pytest.raises(UsageError, match="cannot write"):
        write_findings_workbook(tmp_path / "missing" / "x.xlsx", report)


@pytest.mark.parametrize(
    ("wanted", "taken", "expected"),
    [
        ("示范县 2021-2025", [], "示范县 2021-2025"),
        ("a/b:c*d?[e]", [], "a_b_c_d__e_"),
        ("x" * 40, [], "x" * 31),
        ("检查结果", ["检查结果"], "检查结果 (2)"),
        ("Sheet", ["sheet", "Sheet (2)"], "Sheet (3)"),
        ("'", [], "Sheet"),
    ],
)
def test_sheet_titles_excel_accepts(wanted, taken, expected):
    """No forbidden characters, at most 31 characters, unique without case."""
    assert expected == sheet_title(wanted, taken)
