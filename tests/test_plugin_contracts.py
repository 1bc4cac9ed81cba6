"""Every distribution in plugins/ keeps the plugin contract, checked with minzheng_plans.testing.

Each plugin is imported from its source folder (nothing is installed) through the module its
entry point names. Every seed document must be selected by exactly one plugin loader without a
tie, and each loader must keep the loader contract on the seeds it is selected for, against
all the other seeds.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from minzheng_plans.core.version import own_version
from minzheng_plans.reading.loading import sniff_document
from minzheng_plans.testing import as_document, assert_loader_contract, make_host

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"
DISTRIBUTIONS = sorted(path.parent for path in (ROOT / "plugins").glob("*/pyproject.toml"))


def _project(folder: Path) -> dict[str, object]:
    project: dict[str, object] = tomllib.loads(
        (folder / "pyproject.toml").read_text(encoding="utf-8")
    )["project"]
    return project


def _entry_points(folder: Path) -> dict[str, str]:
    entry_points: dict[str, str] = (
        _project(folder).get("entry-points", {}).get("minzheng_plans", {})
    )
    return entry_points


@pytest.fixture(name="host", scope="module")
def _host():
    monkeypatch = pytest.MonkeyPatch()
    for folder in DISTRIBUTIONS:
        monkeypatch.syspath_prepend(str(folder / "src"))
    modules = [
        importlib.import_module(target.split(":", 1)[0])
        for folder in DISTRIBUTIONS
        for target in _entry_points(folder).values()
    ]
    yield make_host(*modules)
    monkeypatch.undo()


@pytest.fixture(name="seeds", scope="module")
def _seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    return [as_document(path) for path in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.parametrize("folder", DISTRIBUTIONS, ids=lambda folder: folder.name)
def test_distribution_declares_an_entry_point_in_our_group(folder):
    """minzheng-plans-<slug> with an entry point in group minzheng_plans."""
    entry_points = _entry_points(folder)
    assert folder.name.startswith("minzheng-plans-")
    assert len(entry_points) >= 1, f"{folder.name} declares no minzheng_plans entry point"


def test_every_seed_is_selected_by_one_plugin_loader(host, seeds):
    """Each seed has one most confident loader, with no tie, and it comes from a plugin."""
    for document in seeds:
        ranked = sniff_document(document, host, [])
        assert ranked, document.name
        assert ranked[0].confidence > 0, document.name
        assert len(ranked) == 1 or ranked[0].confidence > ranked[1].confidence, ranked
        builtin = {i.name for i in host.loaders() if i.plugin.builtin}
        assert ranked[0].loader not in builtin, (document.name, ranked[0])


def test_plugin_loaders_keep_the_loader_contract(host, seeds):
    """Each plugin loader reads the seeds it is selected for, and claims the others less."""
    chosen: dict[str, list[int]] = {}
    for position, document in enumerate(seeds):
        chosen.setdefault(sniff_document(document, host, [])[0].loader, []).append(position)
    loaders = {info.name: info.loader for info in host.loaders()}
    for name, positions in sorted(chosen.items()):
        own = [seeds[p] for p in positions]
        others = [seed for p, seed in enumerate(seeds) if p not in positions]
        results = assert_loader_contract(loaders[name], own, others, host=host)
        assert all(result.plan.indicators for result in results), name


@pytest.mark.parametrize("folder", DISTRIBUTIONS, ids=lambda folder: folder.name)
def test_distribution_depends_on_this_minor_version_of_the_core(folder):
    """minzheng-plans>=0.X,<0.(X+1): the range the core's own version is in, upper-bounded."""
    major, minor = (int(part) for part in own_version().split(".")[:2])
    expected = f"minzheng-plans>={major}.{minor},<{major}.{minor + 1}"
    assert [expected] == [d for d in _project(folder)["dependencies"] if "minzheng-plans" in d]


@pytest.mark.parametrize("folder", DISTRIBUTIONS, ids=lambda folder: folder.name)
def test_distribution_has_a_readme_naming_its_loaders_and_limits(folder):
    """README.md, the project's readme, names every loader and has a known-limits section."""
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "README.md" == _project(folder)["readme"]
    assert "## Known limits" in readme
    package = folder / "src" / folder.name.replace("-", "_")
    names = re.findall(r'LOADER_NAME = "([^"]+)"', _sources(package))
    assert names
    assert [] == [name for name in names if f"`{name}`" not in readme]


def _sources(package: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(package.glob("*.py")))


@pytest.mark.parametrize("folder", DISTRIBUTIONS, ids=lambda folder: folder.name)
def test_distributions_own_tests_pass_on_their_own(folder):
    """The plugin's tests, run from its folder as its authors would, pass on their fixtures."""
    tests = sorted((folder / "tests").glob("test_*.py"))
    assert tests, f"{folder.name} has no tests of its own"
    assert list((folder / "tests" / "fixtures").glob("*.txt")), "no fixtures in its layout"
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(folder / "src")},
        timeout=300,
    )
    assert 0 == completed.returncode, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert re.search(r"\d+ passed", completed.stdout), completed.stdout[-500:]
