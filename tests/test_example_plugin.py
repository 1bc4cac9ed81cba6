"""The third-party example in examples/minimal_plugin: found by its entry point, run by the CLI.

Nothing is installed into the test environment: the entry-point path is exercised with a
``.dist-info`` folder written from the example's own ``pyproject.toml`` into a temporary folder
on ``sys.path``, which is exactly what ``importlib.metadata`` reads after ``pip install``.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from minzheng_plans import Document, check_plans, load_document
from minzheng_plans.cli.app import EXIT_OK, cli
from minzheng_plans.plugins.host import create_plugin_host

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "minimal_plugin"
PYPROJECT = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
SAMPLE = EXAMPLE / "sample.mzlist"
# What building or testing the example may leave in its folder (not part of the source).
_BUILD_LEFTOVERS = {"__pycache__", "build", "dist", "minzheng_plans_example.egg-info"}


@pytest.fixture(name="example_path")
def _example_path(monkeypatch):
    """The example's source folder on sys.path; its modules forgotten afterwards."""
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    yield
    for name in [n for n in sys.modules if n.startswith("minzheng_plans_example")]:
        del sys.modules[name]


def _dist_info(folder: Path, name: str, version: str, entry_points: dict[str, str]) -> None:
    """Write the metadata pip would write for a distribution with these entry points."""
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    lines = "".join(f"{key} = {value}\n" for key, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[minzheng_plans]\n{lines}", encoding="utf-8")


@pytest.fixture(name="installed")
def _installed(example_path, tmp_path, monkeypatch):
    """The example "installed": its dist-info, from its pyproject, on sys.path."""
    project = PYPROJECT["project"]
    site = tmp_path / "site"
    _dist_info(site, project["name"], project["version"], project["entry-points"]["minzheng_plans"])
    monkeypatch.syspath_prepend(str(site))
    return site


def test_pyproject_declares_the_entry_point():
    """The distribution is minzheng-plans-example with entry point example in our group."""
    project = PYPROJECT["project"]
    assert "minzheng-plans-example" == project["name"]
    assert {"example": "minzheng_plans_example"} == project["entry-points"]["minzheng_plans"]
    assert any(dep.startswith("minzheng-plans") for dep in project["dependencies"])


def test_extra_plugin_loads_and_checks_through_the_api(example_path):
    """Passed as an extra plugin, the example's loader reads its sample and its rule runs."""
    module = importlib.import_module("minzheng_plans_example")
    host = create_plugin_host(entry_points=False, extra=[module])
    result = load_document(Document.from_path(SAMPLE), host)
    assert "990101-2021-2025" == result.plan.id
    assert 3 == len(result.plan.indicators)
    findings = check_plans([result.plan], host)
    assert [("MZ901", "t1.3")] == [(f.code, f.indicator) for f in findings if f.code == "MZ901"]


def test_entry_point_is_discovered_with_distribution_and_version(installed):
    """`plugins --format json` lists the example with its distribution and contributions."""
    result = CliRunner().invoke(cli, ["plugins", "--format", "json"])
    rows = {row["name"]: row for row in json.loads(result.stdout)["plugins"]}
    example = rows["example"]
    assert ("minzheng-plans-example", "0.1.0", False) == (
        example["distribution"],
        example["version"],
        example["builtin"],
    )
    assert {"loaders": ["example.line-list"], "rules": ["MZ901"]} == example["contributes"]


def test_installed_loader_and_rule_run_from_the_cli(installed):
    """`check sample.mzlist` picks the example loader by sniffing and reports its rule."""
    # Only plugin findings and the example's own range: the built-in rules are tested elsewhere.
    args = ["check", "--no-bundled", "--select", "MZ0,MZ9", "--format", "json", str(SAMPLE)]
    result = CliRunner().invoke(cli, args)
    assert EXIT_OK == result.exit_code  # MZ901 is a warning
    findings = json.loads(result.stdout)["findings"]
    assert ["MZ901"] == [f["code"] for f in findings]
    rules = json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).stdout)["rules"]
    assert {"MZ901": "example"} == {r["code"]: r["plugin"] for r in rules if r["code"] == "MZ901"}


def test_broken_plugin_is_reported_and_the_run_goes_on(installed):
    """A plugin failing to import is MZ001 in `plugins` and `check`; the example still runs."""
    (installed / "minzheng_plans_broken.py").write_text(
        "raise ImportError('needs a module that is not installed')\n", encoding="utf-8"
    )
    _dist_info(installed, "minzheng-plans-broken", "0.0.1", {"broken": "minzheng_plans_broken"})
    listing = json.loads(CliRunner().invoke(cli, ["plugins", "--format", "json"]).stdout)
    rows = {row["name"]: row for row in listing["plugins"]}
    assert "ImportError: needs a module" in rows["broken"]["error"]
    assert "example" in rows
    args = ["check", "--no-bundled", "--select", "MZ0,MZ9", "--format", "json", str(SAMPLE)]
    result = CliRunner().invoke(cli, args)
    codes = sorted(f["code"] for f in json.loads(result.stdout)["findings"])
    assert ["MZ001", "MZ901"] == codes
    # The plugin failure is reported as an error, but the exit code reflects only the findings
    # about the plan (MZ901 is a warning), as it does with the broken plugin left out.
    assert EXIT_OK == result.exit_code
    cleaned = CliRunner().invoke(
        cli,
        ["--disable-plugin", "broken", "check", "--no-bundled", "--select", "MZ0,MZ9", str(SAMPLE)],
    )
    assert EXIT_OK == cleaned.exit_code
    assert "MZ901" in cleaned.stdout


def test_the_examples_own_tests_pass():
    """The example's test suite, run as its author would run it, passes."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        capture_output=True,
        text=True,
        check=False,
        cwd=EXAMPLE,
        env={**os.environ, "PYTHONPATH": str(EXAMPLE / "src")},
        timeout=120,
    )
    assert 0 == completed.returncode, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert "5 passed" in completed.stdout


def test_the_howto_includes_every_file_of_the_example():
    """Following the how-to literally produces the example: it includes each of its files."""
    howto = (EXAMPLE.parents[1] / "docs" / "howto" / "write-a-plugin.md").read_text("utf-8")
    included = set(
        re.findall(r"```\{literalinclude\} \.\./\.\./examples/minimal_plugin/(\S+)", howto)
    )
    relative = (path.relative_to(EXAMPLE) for path in EXAMPLE.rglob("*") if path.is_file())
    files = {
        path.as_posix()
        for path in relative
        if not any(part in _BUILD_LEFTOVERS or part.startswith(".") for part in path.parts)
    }
    assert files == included


def test_checking_the_examples_folder_skips_the_plugins_pyproject():
    """`check examples/` (the README's first command) reads plan files, not pyproject.toml."""
    result = CliRunner().invoke(cli, ["check", "--no-bundled", str(EXAMPLE.parent)])
    assert EXIT_OK == result.exit_code, result.stdout
    assert "pyproject" not in result.stdout


def test_directory_scan_keeps_plan_files_and_named_files(tmp_path):
    """Under a folder: plan files and broken files yes; other TOML/JSON and hidden folders no."""
    from minzheng_plans.checking.discovery import collect_plan_paths  # noqa: PLC0415

    plan = tmp_path / "plans" / "county.toml"
    plan.parent.mkdir()
    plan.write_text('schema = "minzheng-plans/1"\n', encoding="utf-8")
    (tmp_path / "plans" / "tree.json").write_text('{\n  "plan": {}\n}\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "plans" / "broken.toml").write_text("schema = = 1\n", encoding="utf-8")
    hidden = tmp_path / ".venv" / "p.toml"
    hidden.parent.mkdir()
    hidden.write_text('schema = "minzheng-plans/1"\n', encoding="utf-8")
    found = collect_plan_paths([tmp_path, tmp_path / "pyproject.toml"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    # The broken file stays: checking reports it instead of skipping it silently.
    assert ["plans/broken.toml", "plans/county.toml", "plans/tree.json", "pyproject.toml"] == names


def test_plugins_lists_contributions_the_registries_refuse(installed):
    """`plugins` builds the unit registry too, so a plugin's unusable unit line is shown."""
    (installed / "minzheng_plans_badunits.py").write_text(
        "from minzheng_plans import hookimpl\n\n"
        "@hookimpl\n"
        "def register_units():\n"
        "    return ['人 = 张']\n",
        encoding="utf-8",
    )
    _dist_info(
        installed, "minzheng-plans-badunits", "0.0.1", {"badunits": "minzheng_plans_badunits"}
    )
    listing = json.loads(CliRunner().invoke(cli, ["plugins", "--format", "json"]).stdout)
    (problem,) = [text for text in listing["findings"] if "badunits" in text]
    assert "register_units" in problem
    assert "example" in {row["name"] for row in listing["plugins"]}
