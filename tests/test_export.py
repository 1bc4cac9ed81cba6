import csv
import sqlite3
from decimal import Decimal

import pytest
from click.testing import CliRunner

from minzheng_plans.analysis.export import EXPORT_COLUMNS, export_plans, tidy_rows
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import UsageError
from minzheng_plans.files.monitoring import read_monitoring
from minzheng_plans.files.planfile import read_plan

from ._compare_support import COUNTY, EXAMPLE, MONITORING, NATIONAL


def _actuals():
    values = read_monitoring(MONITORING)
    return [(values.plan, actual) for actual in values.actuals]


def test_one_row_per_plan_indicator_kind_year():
    """Tidy rows are unique per plan, indicator, kind and year, monitoring values included."""
    rows = tidy_rows([read_plan(EXAMPLE)], _actuals())
    keys = [(r.indicator, r.kind, r.year) for r in rows]
    assert len(keys) == len(set(keys))
    assert ("t1.1", "baseline", 2020) in keys
    assert ("t1.1", "target", 2025) in keys
    assert ("t1.1", "actual", 2023) in keys
    assert ("t1.2", "actual", 2023) in keys  # the file names it by catalog code


def test_values_are_normalised_to_the_catalog_unit():
    """Values, bounds and ranges are normalised to the catalog unit, where they convert."""
    rows = tidy_rows([read_plan(NATIONAL), read_plan(COUNTY)])
    total = next(r for r in rows if r.code == "SW-PROFESSIONALS-TOTAL" and r.kind == "target")
    assert (total.value, total.unit) == (Decimal(200), "万人")
    assert (total.normalised_value, total.normalised_unit) == (Decimal(2000000), "人")
    beds = next(r for r in rows if r.code == "EC-BEDS-PER-1000-ELDERLY" and r.kind == "target")
    assert (beds.comparator, beds.low, beds.high) == ("range", Decimal("3.5"), Decimal(4))
    assert (beds.normalised_low, beds.normalised_high) == (Decimal(35), Decimal(40))
    money = next(r for r in rows if r.plan.startswith("990102") and r.indicator == "t1.2")
    assert (money.normalised_value, money.normalised_unit) == (None, "")
    relative = next(r for r in rows if r.comparator == "relative")
    assert relative.reference == ">= 居民上年度人均消费支出增速"


def test_csv_export(tmp_path):
    """The CSV export has the export columns and one line per row, normalised values included."""
    path = tmp_path / "values.csv"
    count = export_plans([read_plan(EXAMPLE)], path, _actuals())
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count
    assert tuple(rows[0]) == EXPORT_COLUMNS
    beds = next(r for r in rows if r["indicator"] == "t1.3" and r["kind"] == "actual")
    assert (beds["value"], beds["unit"], beds["normalised_value"]) == ("0.0345", "张/人", "34.5")


def test_sqlite_export_keeps_exact_numbers(tmp_path):
    """The SQLite export keeps numbers as exact text and replaces the table when rerun."""
    path = tmp_path / "values.sqlite"
    export_plans([read_plan(NATIONAL), read_plan(EXAMPLE)], path)
    export_plans([read_plan(NATIONAL), read_plan(EXAMPLE)], path)  # replaces, never appends
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
        value = connection.execute(
            "SELECT value, typeof(value) FROM indicator_values "
            "WHERE plan = '000000-2021-2025' AND indicator = 't1.2' AND kind = 'baseline'"
        ).fetchone()
    connection.close()
    assert count == len(tidy_rows([read_plan(NATIONAL), read_plan(EXAMPLE)]))
    assert value == ("73.3", "text")


def test_xlsx_export(tmp_path):
    """The XLSX export has the export columns as header and one line per row."""
    import openpyxl  # noqa: PLC0415 - a test dependency (the test extra)

    path = tmp_path / "values.xlsx"
    count = export_plans([read_plan(EXAMPLE)], path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == EXPORT_COLUMNS
    assert len(rows) == count + 1
    assert rows[1][EXPORT_COLUMNS.index("value")] == 41.5


def test_unknown_suffix_is_refused(tmp_path):
    """An export path of an unknown suffix is a UsageError listing the known ones."""
    with pytest.raises(UsageError, match=r"\.csv, \.sqlite"):
        export_plans([read_plan(EXAMPLE)], tmp_path / "values.parquet")


def test_cli_export(tmp_path):
    """export writes the rows with monitoring values and exits 2 on an unknown suffix."""
    out = tmp_path / "values.csv"
    result = CliRunner().invoke(
        cli, ["export", str(EXAMPLE), "--to", str(out), "--monitoring", str(MONITORING)]
    )
    assert result.exit_code == 0, result.output
    assert "rows written" in result.output
    assert "actual" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["export", str(EXAMPLE), "--to", str(tmp_path / "x.txt")])
    assert bad.exit_code == 2
