"""The report options of the command line: --format html|xlsx, -o FILE, --lang."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from minzheng_plans.cli.app import cli
from minzheng_plans.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

ROOT = Path(__file__).resolve().parents[1]
REPORTS = Path(__file__).parent / "data" / "reports"
PROVINCE = str(REPORTS / "province-2021-2025.toml")
COUNTY = str(REPORTS / "county-2021-2025.toml")
EXAMPLE = str(ROOT / "examples" / "lanxi-county-2021-2025.toml")
MONITORING = str(Path(__file__).parent / "data" / "compare" / "lanxi-monitoring.toml")


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_o_html_implies_the_html_format_in_chinese(tmp_path):
    """-o report.html writes the HTML page (Chinese by default); the exit code still counts."""
    out = tmp_path / "report.html"
    result = _run("check", "--no-bundled", PROVINCE, COUNTY, "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert (EXIT_FINDINGS, "") == (result.exit_code, result.stdout)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "规划检查报告" in page
    assert f"report written to {out}" in result.stderr


def test_check_html_in_english_on_stdout():
    """--format html --lang en prints the English page."""
    result = _run("check", "--no-bundled", "--format", "html", "--lang", "en", PROVINCE, COUNTY)
    assert '<html lang="en">' in result.stdout
    assert "Plan check report" in result.stdout


def test_check_xlsx_needs_a_file():
    """The workbook cannot go to stdout: exit 2 with the option to use."""
    result = _run("check", "--no-bundled", "--format", "xlsx", PROVINCE)
    assert EXIT_USAGE == result.exit_code
    assert "-o FILE.xlsx" in result.stderr


def test_check_xlsx_workbook(tmp_path):
    """--format xlsx -o writes the findings workbook, a sheet per plan after the findings."""
    out = tmp_path / "findings.xlsx"
    result = _run("check", "--no-bundled", PROVINCE, COUNTY, "--format", "xlsx", "-o", str(out))
    assert EXIT_FINDINGS == result.exit_code
    assert ["检查结果", "示范省 2021-2025", "示范县 2021-2025"] == (
        openpyxl.load_workbook(out).sheetnames
    )


def test_check_o_xlsx_implies_the_workbook_and_lang_en(tmp_path):
    """The suffix implies xlsx; --lang en gives English sheet names."""
    out = tmp_path / "findings.xlsx"
    _run("check", "--no-bundled", PROVINCE, COUNTY, "--lang", "en", "-o", str(out))
    assert "Findings" == openpyxl.load_workbook(out).sheetnames[0]


@pytest.mark.parametrize(("name", "key"), [("report.json", "schema"), ("report.sarif", "$schema")])
def test_check_o_json_and_sarif(tmp_path, name, key):
    """-o FILE.json and FILE.sarif write those formats."""
    out = tmp_path / name
    _run("check", "--no-bundled", PROVINCE, COUNTY, "-o", str(out))
    assert key in json.loads(out.read_text(encoding="utf-8"))


def test_explicit_format_wins_over_the_suffix(tmp_path):
    """--format json -o report.html writes JSON: the option is what the user asked for."""
    out = tmp_path / "report.html"
    _run("check", "--no-bundled", "--format", "json", PROVINCE, "-o", str(out))
    assert "check" == json.loads(out.read_text(encoding="utf-8"))["report"]


def test_text_to_a_file_has_no_terminal_colours(tmp_path):
    """A text report written with -o carries no escape sequences."""
    out = tmp_path / "report.txt"
    _run("check", "--no-bundled", PROVINCE, COUNTY, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "MZ401 error" in text
    assert "\x1b" not in text


def test_a_missing_folder_is_bad_usage(tmp_path):
    """-o into a folder that does not exist exits 2 with the path, no traceback."""
    result = _run("check", "--no-bundled", PROVINCE, "-o", str(tmp_path / "no" / "r.html"))
    assert EXIT_USAGE == result.exit_code
    assert "cannot write" in result.stderr


def test_evaluate_html(tmp_path):
    """evaluate -o FILE.html: the page with a chart per assessable indicator."""
    out = tmp_path / "evaluation.html"
    result = _run("evaluate", EXAMPLE, "--monitoring", MONITORING, "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert EXIT_OK == result.exit_code
    assert "中期评估" in page
    assert 4 == page.count("<svg")


def test_evaluate_html_english_on_stdout():
    """--format html --lang en prints the English page."""
    result = _run(
        "evaluate", EXAMPLE, "--monitoring", MONITORING, "--format", "html", "--lang", "en"
    )
    assert "Mid-term evaluation of" in result.stdout


def test_compare_html(tmp_path):
    """compare -o FILE.html: a section and chart per indicator."""
    out = tmp_path / "comparison.html"
    result = _run("compare", PROVINCE, COUNTY, "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert EXIT_OK == result.exit_code
    assert "指标比较" in page
    assert 2 == page.count("<svg")


def test_compare_csv_to_a_file(tmp_path):
    """-o FILE.csv implies the CSV."""
    out = tmp_path / "comparison.csv"
    _run("compare", PROVINCE, COUNTY, "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("code,indicator,plan")


@pytest.mark.parametrize(("lang", "words"), [(None, "至少与其依据"), ("en", "at least as strict")])
def test_export_sqlite_holds_the_check_findings(tmp_path, lang, words):
    """A SQLite export holds what a check finds, in Chinese unless --lang en."""
    out = tmp_path / "export.sqlite"
    args = ["export", PROVINCE, COUNTY, "--to", str(out), "--no-bundled"]
    result = _run(*args, *(["--lang", lang] if lang else []))
    assert EXIT_OK == result.exit_code
    with sqlite3.connect(out) as connection:
        rows = connection.execute("SELECT code, message FROM findings ORDER BY code").fetchall()
    connection.close()
    # --no-bundled: the province has no national plan to be checked against (MZ408).
    assert ["MZ401", "MZ404", "MZ408"] == [code for code, _message in rows]
    assert words in rows[0][1]
    assert (tmp_path / "metadata.json").is_file()


def test_export_csv_writes_its_data_package(tmp_path):
    """export --to FILE.csv leaves datapackage.json beside it."""
    _run("export", EXAMPLE, "--to", str(tmp_path / "values.csv"))
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert ["values.csv"] == [r["path"] for r in package["resources"]]
