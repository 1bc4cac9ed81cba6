"""``Loader.from_module``: a loader whose functions live in a module imported on first use."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from minzheng_plans import Document, Loader
from minzheng_plans.reading.loading import load_document
from minzheng_plans.testing import make_host

# A loader module of its own: it claims ``.mz-test`` files, whose one line is a place code.
_MODULE = """
from minzheng_plans import LoadResult
from minzheng_plans.testing import make_plan

def sniff(document, context):
    return 1.0 if document.name.endswith(".mz-test") else 0.0

def load(document, context):
    return LoadResult(make_plan(code=document.text.strip()))
"""

_TABLE = "序号,指标名称,单位,2020年,2025年,属性\n1,养老机构护理型床位占比,%,41.5,≥55,约束性\n"


@pytest.fixture
def module_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on ``sys.path`` holding the loader module ``mz_lazy_loader``."""
    (tmp_path / "mz_lazy_loader.py").write_text(textwrap.dedent(_MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "mz_lazy_loader", raising=False)
    return tmp_path


def test_the_module_is_imported_on_the_first_sniff(module_dir: Path) -> None:
    """Registering the loader imports nothing; loading a document imports the module."""
    loader = Loader.from_module("test.lazy", "a lazy loader", "mz_lazy_loader")
    host = make_host(loader)
    assert "mz_lazy_loader" not in sys.modules
    result = load_document(Document.from_text("plan.mz-test", "990177\n"), host)
    assert "mz_lazy_loader" in sys.modules
    assert "990177-2021-2025" == result.plan.id


def test_the_module_functions_are_called_with_document_and_context(module_dir: Path) -> None:
    """``sniff`` and ``load`` are the module's own functions, given what a loader is given."""
    loader = Loader.from_module("test.lazy", "a lazy loader", "mz_lazy_loader")
    context = make_host(loader).load_context()
    document = Document.from_text("plan.mz-test", "990177\n")
    assert 1.0 == loader.sniff(document, context)
    assert 0.0 == loader.sniff(Document.from_text("plan.txt", "990177\n"), context)
    assert "990177-2021-2025" == loader.load(document, context).plan.id


def test_a_module_that_is_missing_is_a_plugin_failure(module_dir: Path) -> None:
    """A module that cannot be imported fails the sniff: MZ004, and another loader loads."""
    loader = Loader.from_module("test.missing", "gone", "mz_no_such_module")
    host = make_host(loader)
    result = load_document(Document.from_text("table.csv", _TABLE), host)
    assert "MZ004" in [f.code for f in result.findings]
    assert result.plan.indicators


def test_a_module_without_the_function_is_a_plugin_failure(module_dir: Path) -> None:
    """A module lacking ``sniff`` fails the sniff the same way, naming the loader."""
    (module_dir / "mz_half_loader.py").write_text("def load(d, c):\n    pass\n", encoding="utf-8")
    loader = Loader.from_module("test.half", "half", "mz_half_loader")
    host = make_host(loader)
    result = load_document(Document.from_text("table.csv", _TABLE), host)
    failures = [f for f in result.findings if f.code == "MZ004"]
    assert failures
    assert "test.half" in failures[0].text
