"""The atheris harness in fuzz/ stays runnable: its entry point is driven here without atheris."""

from __future__ import annotations

import importlib.util
import sys
import types
from contextlib import nullcontext
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_load.py"


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    fake = types.ModuleType("atheris")
    fake.instrument_imports = nullcontext  # type: ignore[attr-defined]
    saved = sys.modules.get("atheris")
    sys.modules["atheris"] = fake
    try:
        spec = importlib.util.spec_from_file_location("fuzz_load", HARNESS)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            del sys.modules["atheris"]
        else:
            sys.modules["atheris"] = saved
    return module


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00" + "某市“十四五”民政事业发展规划\n序号\n指标\n".encode(),
        b"\x01\xe2\x89\xa555%",
        b"\x02\xe5\xbc\xa0/\xe4\xba\xba",
        b"\x03a/(b+c)*100",
        b"\x04schema = 1",
        b"\x05{",
    ],
    ids=["empty", "document", "value", "unit", "formula", "toml", "json"],
)
def test_every_target_accepts_input(harness, data):
    harness.test_one_input(data)


def test_crafted_hostile_inputs_are_seeds_and_pass(harness, tmp_path):
    """Every crafted input of tests/hostile (and the quadratic prose shapes of #17) seeds
    the corpus, and each goes through its target without a crash."""
    seeds = harness.seeds()
    hostile = Path(__file__).parent / "hostile"
    files = [path for path in hostile.iterdir() if path.is_file()]
    assert len(seeds) == len(files) + len(harness._SHAPES)
    for data in seeds:
        harness.test_one_input(data)
    harness.seed(tmp_path)
    assert len(seeds) == len(list(tmp_path.iterdir()))


def test_a_crash_is_raised(harness, monkeypatch):
    """Not a library error: the harness lets it out, which is what atheris records."""

    def crash(_data: bytes) -> None:
        raise IndexError

    monkeypatch.setattr(harness, "TARGETS", (crash,))
    with pytest.raises(IndexError):
        harness.test_one_input(b"\x00x")
