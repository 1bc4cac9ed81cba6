"""Exports that data tools read without help: Frictionless, SQLite with keys, datasette, pandas."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import re
import sqlite3
from pathlib import Path

import attrs
import pytest

from minzheng_plans.analysis import export_sqlite
from minzheng_plans.analysis.export import EXPORT_COLUMNS, export_plans, tidy_rows
from minzheng_plans.checking.bundled import bundled_plans
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.core.errors import UsageError
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.plugins.host import create_plugin_host

ROOT = Path(__file__).resolve().parents[1]
REPORTS = Path(__file__).parent / "data" / "reports"
SORTING = REPORTS / "sorting-2021-2025.toml"
PROVINCE = REPORTS / "province-2021-2025.toml"
COUNTY = REPORTS / "county-2021-2025.toml"
EXAMPLE = ROOT / "examples" / "lanxi-county-2021-2025.toml"


def _plans():
    return [*bundled_plans(), read_plan(EXAMPLE), read_plan(SORTING)]


# -- columns --------------------------------------------------------------------------------


def test_every_exact_column_has_a_number_beside_it():
    """value, low, high and the normalised ones are each followed by their _number column."""
    pairs = [
        (name, EXPORT_COLUMNS[i + 1]) for i, name in enumerate(EXPORT_COLUMNS) if "value" in name
    ]
    assert [
        ("value", "value_number"),
        ("value_number", "low"),
        ("normalised_value", "normalised_value_number"),
        ("normalised_value_number", "normalised_low"),
    ] == pairs
    assert 25 == len(EXPORT_COLUMNS)


def test_csv_keeps_exact_text_and_adds_a_number(tmp_path):
    """The sorting county's targets: exact 1200.5, 941, 95 with their floats."""
    path = tmp_path / "values.csv"
    export_plans([read_plan(SORTING)], path)
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "target"]
    assert [("941", "941.0"), ("95", "95.0"), ("1200.5", "1200.5")] == [
        (r["value"], r["value_number"]) for r in rows
    ]


# -- Frictionless ---------------------------------------------------------------------------


def test_frictionless_validates_the_data_package(tmp_path):
    """`frictionless validate datapackage.json` passes on the bundled plans' export."""
    from frictionless import validate  # noqa: PLC0415 - the test extra

    export_plans(_plans(), tmp_path / "values.csv")
    report = validate(str(tmp_path / "datapackage.json"))
    assert (True, 0) == (report.valid, len(report.flatten(["type"])))


def test_frictionless_reads_codes_as_text_numbers_as_numbers_years_as_years(tmp_path):
    """000000 keeps its zeros; 73.3 is a number; 2025 is a year."""
    from decimal import Decimal  # noqa: PLC0415

    from frictionless import Package  # noqa: PLC0415

    export_plans(_plans(), tmp_path / "values.csv")
    package = Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("values").read_rows()
    national = next(r for r in rows if r["plan"] == "000000-2021-2025" and r["indicator"] == "t1.2")
    assert ("000000", 2025, Decimal(75), 75.0) == (
        national["jurisdiction_code"],
        national["year"],
        national["value"],
        national["value_number"],
    )
    fields = {f.name: f.type for f in package.get_resource("values").schema.fields}
    assert ("string", "year", "number", "string") == (
        fields["jurisdiction_code"],
        fields["year"],
        fields["value"],
        fields["code"],
    )


def test_without_the_schema_frictionless_would_lose_the_zeros(tmp_path):
    """The reason for the descriptor: inferred, jurisdiction_code becomes an integer."""
    from frictionless import Resource  # noqa: PLC0415

    export_plans(_plans(), tmp_path / "values.csv")
    inferred = Resource(str(tmp_path / "values.csv"))
    inferred.infer()
    assert "integer" == inferred.schema.get_field("jurisdiction_code").type


def test_two_exports_share_one_data_package(tmp_path):
    """A second CSV in the folder adds a resource; exporting one again replaces only it."""
    export_plans([read_plan(EXAMPLE)], tmp_path / "lanxi.csv")
    export_plans([read_plan(SORTING)], tmp_path / "Sorting County.csv")
    export_plans([read_plan(SORTING)], tmp_path / "Sorting County.csv")
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [("lanxi", "lanxi.csv"), ("sorting-county", "Sorting County.csv")] == [
        (r["name"], r["path"]) for r in package["resources"]
    ]


def test_a_foreign_datapackage_json_is_not_overwritten(tmp_path):
    """A datapackage.json that is not a data package is refused, and left as it was."""
    (tmp_path / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UsageError, match="not a data package"):
        export_plans([read_plan(EXAMPLE)], tmp_path / "values.csv")
    assert "[1, 2]" == (tmp_path / "datapackage.json").read_text(encoding="utf-8")


# -- SQLite ---------------------------------------------------------------------------------


@pytest.fixture(name="database")
def _database(tmp_path):
    path = tmp_path / "export.sqlite"
    plans = [read_plan(PROVINCE), read_plan(COUNTY), read_plan(SORTING)]
    findings = check_plans(plans, create_plugin_host(entry_points=False))
    export_plans(plans, path, findings=findings)
    return path


def _query(path, sql, *args):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def test_sqlite_has_separate_tables_with_keys(database):
    """plans, indicators, targets, observations, findings; primary and foreign keys hold."""
    tables = _query(database, "SELECT name, type FROM sqlite_master WHERE type IN ('table','view')")
    assert {
        ("plans", "table"),
        ("indicators", "table"),
        ("targets", "table"),
        ("observations", "table"),
        ("findings", "table"),
        ("indicator_values", "view"),
    } == set(tables)
    keys = {
        table: {
            (row[2], row[3], row[4])
            for row in _query(database, f"PRAGMA foreign_key_list({table})")
        }
        for table in ("indicators", "targets", "observations", "findings")
    }
    assert {("plans", "plan", "id")} == keys["indicators"]
    assert {("plans", "plan", "id"), ("indicators", "indicator", "key")} == keys["targets"]
    assert keys["targets"] == keys["findings"] == keys["observations"]
    primary = {
        table: [row[1] for row in _query(database, f"PRAGMA table_info({table})") if row[5]]
        for table in ("plans", "indicators", "targets", "observations", "findings")
    }
    assert {
        "plans": ["id"],
        "indicators": ["key"],
        "targets": ["indicator"],
        "observations": ["id"],
        "findings": ["id"],
    } == primary
    assert [] == _query(database, "PRAGMA foreign_key_check")


def test_exact_text_and_real_numbers(database):
    """value is TEXT with the plan's digits, value_number REAL; counts match the tidy rows."""
    assert [("1200.5", "text", 1200.5, "real")] == _query(
        database,
        "SELECT value, typeof(value), value_number, typeof(value_number) FROM targets "
        "WHERE indicator = '990197-2021-2025/t1.3'",
    )
    rows = tidy_rows([read_plan(PROVINCE), read_plan(COUNTY), read_plan(SORTING)])
    assert [(len(rows),)] == _query(database, "SELECT count(*) FROM indicator_values")


def test_numbers_sort_as_numbers(database):
    """The issue's complaint: as text "941" sorts before "95"; value_number sorts 95 first."""
    where = "FROM targets WHERE plan = '990197-2021-2025'"
    assert ["1200.5", "941", "95"] == [
        r[0] for r in _query(database, f"SELECT value {where} ORDER BY value")
    ]
    assert ["95", "941", "1200.5"] == [
        r[0] for r in _query(database, f"SELECT value {where} ORDER BY value_number")
    ]


def test_findings_point_at_their_plan_and_indicator(database):
    """The check's MZ401 and MZ404 land in findings, keyed to the county's indicators; the
    sorting county's MZ408 (no parent known) is keyed to its plan only."""
    assert [
        ("990199-2021-2025", "990199-2021-2025/t1.1", "MZ401", "error"),
        ("990199-2021-2025", "990199-2021-2025/t1.2", "MZ404", "warning"),
        ("990197-2021-2025", None, "MZ408", "info"),
    ] == _query(
        database, "SELECT plan, indicator, code, severity FROM findings ORDER BY code, plan"
    )


def test_the_view_has_the_csv_columns(database):
    """indicator_values has exactly the tidy export's columns, in order."""
    columns = tuple(row[1] for row in _query(database, "PRAGMA table_info(indicator_values)"))
    assert EXPORT_COLUMNS == columns


def test_a_repeated_indicator_id_keeps_both(tmp_path):
    """Two indicators with one id (built in code; plan files refuse them) get distinct keys."""
    plan = read_plan(SORTING)
    twice = attrs.evolve(plan, indicators=(*plan.indicators, plan.indicators[0]))
    export_plans([twice], tmp_path / "x.sqlite")
    assert [("990197-2021-2025/t1.1",), ("990197-2021-2025/t1.1#2",)] == _query(
        tmp_path / "x.sqlite", "SELECT key FROM indicators WHERE id = 't1.1' ORDER BY key"
    )


def test_plans_sharing_an_id_are_refused(tmp_path):
    """A draft and its final text share an id; a database keyed by id cannot hold both."""
    with pytest.raises(UsageError, match="share the id 990101-2021-2025"):
        export_plans([read_plan(EXAMPLE), read_plan(EXAMPLE)], tmp_path / "x.sqlite")


def test_a_database_with_other_tables_is_not_replaced(tmp_path):
    """An existing database holding someone else's tables is refused and left untouched."""
    path = tmp_path / "mine.db"
    _query(path, "CREATE TABLE notes (text TEXT)")
    before = path.read_bytes()
    with pytest.raises(UsageError, match=r"holds tables this export does not write \(notes\)"):
        export_plans([read_plan(SORTING)], path)
    assert before == path.read_bytes()


def _half_then_fail(path, *args):
    with open(path, "wb") as handle:  # noqa: PTH123 - Path.write_bytes is what is patched
        handle.write(b"half")
    msg = "broken midway"
    raise OSError(msg)


@pytest.mark.parametrize("suffix", [".csv", ".sqlite", ".xlsx"])
def test_a_failed_export_leaves_the_old_file(tmp_path, monkeypatch, suffix):
    """Writes are atomic: a write failing midway leaves the previous file whole, no temporary."""
    import openpyxl  # noqa: PLC0415

    path = tmp_path / f"values{suffix}"
    export_plans([read_plan(EXAMPLE)], path)
    before = path.read_bytes()
    monkeypatch.setattr(Path, "write_bytes", lambda self, data: _half_then_fail(self))
    monkeypatch.setattr(openpyxl.Workbook, "save", lambda self, name: _half_then_fail(name))
    # The database is filled in its temporary file; fail after the rows, before the findings.
    monkeypatch.setattr(export_sqlite, "_fill_findings", lambda *a: _half_then_fail(os.devnull))
    with pytest.raises(OSError, match="broken midway"):
        export_plans([read_plan(SORTING)], path)
    monkeypatch.undo()
    assert before == path.read_bytes()
    assert [] == [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


# -- datasette ------------------------------------------------------------------------------


def test_metadata_labels_facets_and_label_columns(database):
    """metadata.json beside the database: Chinese labels, facets, the column naming a row."""
    tree = json.loads(database.with_name("metadata.json").read_text(encoding="utf-8"))
    tables = tree["databases"]["export"]["tables"]
    assert ("title", "name") == (
        tables["plans"]["label_column"],
        tables["indicators"]["label_column"],
    )
    assert ["severity", "code", "plan"] == tables["findings"]["facets"]
    assert tables["targets"]["columns"]["value_number"].startswith("数值（浮点）")
    assert "规划名称" == tables["plans"]["columns"]["title"]
    assert set(tables) == set(export_sqlite.TABLES)


def test_metadata_of_two_databases_merges(tmp_path):
    """Two exports in one folder share metadata.json, one entry per database."""
    export_plans([read_plan(EXAMPLE)], tmp_path / "a.sqlite")
    export_plans([read_plan(SORTING)], tmp_path / "b.sqlite")
    tree = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert ["a", "b"] == sorted(tree["databases"])


def test_datasette_serves_the_export_with_its_metadata(database):
    """datasette's test client: facets from the metadata, labelled keys, numeric sorting."""
    from datasette.app import Datasette  # noqa: PLC0415 - the test extra

    metadata = json.loads(database.with_name("metadata.json").read_text(encoding="utf-8"))

    async def visit():
        site = Datasette([str(database)], metadata=metadata)
        findings = await site.client.get("/export/findings.json")
        targets = await site.client.get(
            "/export/targets.json?_shape=array&_labels=on&plan=990197-2021-2025&_sort=value_number"
        )
        page = await site.client.get("/export/plans")
        return findings, targets, page

    findings, targets, page = asyncio.run(visit())
    assert (200, 200, 200) == (findings.status_code, targets.status_code, page.status_code)
    assert {"severity", "code", "plan"} <= set(findings.json()["facet_results"])
    rows = targets.json()
    assert ["95", "941", "1200.5"] == [row["value"] for row in rows]
    assert {"value": "990197-2021-2025/t1.2", "label": "社区养老服务站数"} == rows[0]["indicator"]
    assert "规划名称" in page.text


# -- pandas recipes -------------------------------------------------------------------------

RECIPES = ROOT / "docs" / "howto" / "open-exports.md"


def _recipes() -> list[str]:
    # The page runs its recipes while the docs build ({run-python}), after exporting.
    text = RECIPES.read_text(encoding="utf-8")
    return re.findall(r"```\{run-python\}\n(.*?)```", text, flags=re.DOTALL)


def test_the_docs_pandas_recipes_run(tmp_path, monkeypatch):
    """Every Python recipe on the docs page runs against a fresh export and checks itself."""
    plans = _plans()
    export_plans(plans, tmp_path / "values.csv")
    export_plans(plans, tmp_path / "export.sqlite")
    export_plans(plans, tmp_path / "values.xlsx")
    monkeypatch.chdir(tmp_path)
    recipes = _recipes()
    assert len(recipes) >= 3
    for recipe in recipes:
        exec(compile(recipe, str(RECIPES), "exec"), {})  # noqa: S102 - our own docs page
