"""The shortcuts of #21 change no finding: a check with every shortcut switched off finds
exactly what the fast check finds, file and line included.

Switched off: the compiled cache, the catalog lookup without suggestions, the remembered
indicator names and refused units, the shared normalisation of a document, the quick key-line
readings, and the worker processes.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from minzheng_plans.checking import bundled, locate
from minzheng_plans.checking.runner import check_paths
from minzheng_plans.core import names
from minzheng_plans.files import cache, keylines
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading import loading
from minzheng_plans.registries.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate  # noqa: E402 - the benchmark corpus, found through the path above


class _Forgetful(dict[str, object]):
    """A memo that keeps nothing."""

    def __setitem__(self, key: str, value: object) -> None:
        pass


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> list[Path]:
    """About seventy synthetic plans (with planted cross-level violations), the bundled
    plans, and a raw seed-like text document when the seeds are at hand."""
    folder = tmp_path_factory.mktemp("sample")
    generate(folder, 0.02)
    for plan in (ROOT / "data" / "plans").glob("*.toml"):
        (folder / plan.name).write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    return sorted(folder.glob("*.toml"))


def _check(paths: list[Path], jobs: int) -> list[object]:
    bundled.bundled_plans.cache_clear()
    host = create_plugin_host()
    return list(check_paths(paths, host, jobs=jobs, isolated=True).findings)


def test_every_shortcut_off_finds_the_same(sample, monkeypatch):
    """Fast (cache, memos, quick readings, two processes) and slow (none of them) agree."""
    fast = _check(sample, jobs=2)
    assert any(f.code.startswith("MZ4") for f in fast)  # the sample has real findings
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    original_match = Catalog.match
    monkeypatch.setattr(
        Catalog,
        "match",
        lambda self, name, unit="", *, suggest=True: original_match(self, name, unit),
    )
    monkeypatch.setattr(names, "_REMEMBERED_LENGTH", -1)
    monkeypatch.setattr(loading, "normalised_once", contextlib.nullcontext)
    monkeypatch.setattr(locate, "_usual_toml_lines", lambda _text: None)
    monkeypatch.setattr(keylines, "assignment", _regex_assignment)
    original_units = type(create_plugin_host().units())
    original_init = original_units.__init__

    def forgetful_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._refused = _Forgetful()

    monkeypatch.setattr(original_units, "__init__", forgetful_init)
    slow = _check(sample, jobs=1)
    assert [repr(f) for f in slow] == [repr(f) for f in fast]


def _regex_assignment(line: str) -> tuple[str, str] | None:
    match = keylines._ASSIGN.match(line)
    if match is None:
        return None
    return ".".join(keylines._parts(match.group(1))), line[match.end() :]
