"""``minzheng-plans catalog``: Chinese and English queries, text and JSON output."""

from __future__ import annotations

import json
import types

import pytest
from click.testing import CliRunner

from minzheng_plans import hookimpl
from minzheng_plans.cli.app import EXIT_FINDINGS, EXIT_OK, cli
from minzheng_plans.registries.catalog import CatalogEntry


@pytest.fixture(name="run")
def _run():
    runner = CliRunner()

    def run(*args: str, obj: dict[str, object] | None = None):
        return runner.invoke(cli, list(args), catch_exceptions=False, obj=obj)

    return run


def _codes(result) -> list[str]:
    return [row["code"] for row in json.loads(result.stdout)["indicators"]]


def test_chinese_and_english_find_the_same_entry(run):
    """A Chinese and an English query find the same catalog entry."""
    chinese = run("catalog", "--format", "json", "护理型床位")
    english = run("catalog", "--format", "json", "nursing beds")
    assert EXIT_OK == chinese.exit_code == english.exit_code
    assert ["EC-NURSING-BED-SHARE"] == _codes(chinese) == _codes(english)


def test_json_fields(run):
    """The JSON output gives an entry's direction, kind, intensiveness and unit."""
    result = run("catalog", "--format", "json", "政府运营床位占比")
    [row] = json.loads(result.stdout)["indicators"]
    assert ("lower", "share", True, "%") == (
        row["direction"],
        row["kind"],
        row["intensive"],
        row["unit"],
    )


def test_text_shows_one_entry_in_full_and_many_in_lines(run):
    """One match is shown in full; many are one a line, found by name or alias."""
    one = run("catalog", "镇（街）未成年人保护工作站覆盖率")
    assert "code:       CW-MINOR-PROTECTION-STATION-COVERAGE" in one.stdout
    assert "aliases:" in one.stdout
    many = run("catalog", "覆盖率")
    lines = many.stdout.splitlines()
    assert len(lines) > 5
    found = {line.split()[0] for line in lines}
    # Aliases count: 农村社区建设推广面 is also written 农村社区建设覆盖率.
    assert {"DW-LIVING-ALLOWANCE-COVERAGE", "CG-RURAL-COMMUNITY-BUILDING-EXTENT"} <= found
    assert "EC-BEDS-TOTAL" not in found


def test_code_query_and_empty_query(run):
    """A code finds its entry whatever its case; an empty query lists every entry once."""
    assert ["SA-MEDICAL-OOP-LEVEL"] == _codes(
        run("catalog", "--format", "json", "sa-medical-oop-level")
    )
    everything = _codes(run("catalog", "--format", "json"))
    assert len(everything) > 50
    assert len(everything) == len(set(everything))


def test_no_match_exits_1_with_suggestions(run):
    """No match exits 1, suggesting close entries on stderr."""
    result = run("catalog", "养老机构护理床位")
    assert EXIT_FINDINGS == result.exit_code
    assert "" == result.stdout
    assert "EC-NURSING-BED-SHARE" in result.stderr
    empty = run("catalog", "--format", "json", "zzzz")
    assert EXIT_FINDINGS == empty.exit_code
    assert [] == json.loads(empty.stdout)["indicators"]


def test_plugin_entries_are_searchable(run, monkeypatch):
    """Entries a plugin registers are found by catalog."""
    entry = CatalogEntry(
        code="GN-TEST-ONLY",
        name="测试专用指标覆盖率",
        name_en="Coverage used only by this test",
        unit="%",
        kind="coverage",  # type: ignore[arg-type]
    )
    plugin = types.SimpleNamespace(__name__="t", register_catalog=hookimpl(lambda: [entry]))
    from minzheng_plans.plugins import host as plugins  # noqa: PLC0415

    host = plugins.create_plugin_host(entry_points=False, extra=[plugin])
    result = run("catalog", "--format", "json", "测试专用", obj={"host": host})
    assert ["GN-TEST-ONLY"] == _codes(result)


def test_conflicting_plugin_entries_are_warned_about(run):
    """A plugin entry claiming a bundled name is warned about, and the bundled entry kept."""
    clash = CatalogEntry(
        code="GN-CLASH",
        name="护理型床位占比",  # already an alias of EC-NURSING-BED-SHARE
        name_en="A clashing entry",
        unit="%",
    )
    plugin = types.SimpleNamespace(__name__="c", register_catalog=hookimpl(lambda: [clash]))
    from minzheng_plans.plugins import host as plugins  # noqa: PLC0415

    host = plugins.create_plugin_host(entry_points=False, extra=[plugin])
    result = run("catalog", "--format", "json", "护理型床位占比", obj={"host": host})
    assert "EC-NURSING-BED-SHARE" in result.stderr
    assert "GN-CLASH" in result.stderr
    assert "EC-NURSING-BED-SHARE" == _codes(result)[0]
