"""Every distribution in plugins/ keeps the plugin contract, checked with minzheng_plans.testing.

Each plugin is imported from its source folder (nothing is installed) through the module its
entry point names. Every seed document must be selected by exactly one plugin loader without a
tie, and each loader must keep the loader contract on the seeds it is selected for, against
all the other seeds.
"""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest

from minzheng_plans.reading.loading import sniff_document
from minzheng_plans.testing import as_document, assert_loader_contract, make_host

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"
DISTRIBUTIONS = sorted(path.parent for path in (ROOT / "plugins").glob("*/pyproject.toml"))


def _entry_points(folder: Path) -> dict[str, str]:
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    entry_points: dict[str, str] = project.get("entry-points", {}).get("minzheng_plans", {})
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
