"""data/plans/ is what the loaders make of the seed documents: regenerate and compare."""

from __future__ import annotations

import importlib.util

import jsonschema
import pytest
import tomli

from minzheng_plans.files.planfile import read_plan
from minzheng_plans.schema import plan_schema, to_json_value
from tests.conftest import ROOT, SEEDS
from tests.conftest import seed_path as seed

PLANS = ROOT / "data" / "plans"
# The plans whose loaders live in this branch's plugins: each must be committed.
REQUIRED = ("000000-2021-2025", "500000-2016-2020", "500000-WS-2021-2025")


def _script():
    path = ROOT / "scripts" / "regenerate_plans.py"
    spec = importlib.util.spec_from_file_location("regenerate_plans", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(name="generated", scope="module")
def _generated():
    seed("000")  # skips when the seed documents are absent
    files, skipped = _script().generate(SEEDS)
    return files, skipped


def test_required_plans_are_committed():
    """The national, Chongqing and Wansheng plans are committed in data/plans."""
    for plan_id in REQUIRED:
        assert (PLANS / f"{plan_id}.toml").is_file(), plan_id


def test_committed_plans_match_a_regeneration(generated):
    """Run ``python scripts/regenerate_plans.py`` after changing a loader, and commit."""
    files, _skipped = generated
    script = _script()
    committed = {path.name: path.read_text(encoding="utf-8") for path in PLANS.glob("*.toml")}
    assert set(committed) <= set(files), "a committed plan no loader regenerates"
    assert [] == script.differences({k: files[k] for k in committed}, PLANS)


def test_every_seed_is_loaded(generated):
    """Regenerating loads every seed document and skips none."""
    files, skipped = generated
    assert [] == skipped
    assert len(list(SEEDS.glob("*.txt"))) == len(files)


def test_differences_are_reported(generated, tmp_path):
    """A committed plan differing from the regenerated one is reported, and --check exits 1."""
    files, _skipped = generated
    script = _script()
    name = f"{REQUIRED[0]}.toml"
    (tmp_path / name).write_text(files[name].replace("预期性", "约束性", 1), encoding="utf-8")
    assert script.differences({name: files[name]}, tmp_path)
    assert 1 == script.main(["--seeds", str(SEEDS), "--out", str(tmp_path), "--check"])


@pytest.mark.parametrize("plan_id", REQUIRED)
def test_committed_plans_validate_against_the_schema(plan_id):
    """Each committed plan satisfies the plan JSON Schema."""
    tree = tomli.loads((PLANS / f"{plan_id}.toml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(plan_schema())
    assert [] == [error.message for error in validator.iter_errors(to_json_value(tree))]


@pytest.mark.parametrize("plan_id", REQUIRED)
def test_committed_plans_read_back(plan_id):
    """Each committed plan reads back with its id and a quote for every indicator."""
    plan = read_plan(PLANS / f"{plan_id}.toml")
    assert plan_id == plan.id
    assert all(i.source is not None and i.source.quote for i in plan.indicators)


def test_main_without_seeds(tmp_path):
    """The script exits 2 when the seed folder is missing."""
    assert 2 == _script().main(["--seeds", str(tmp_path / "absent"), "--check"])
