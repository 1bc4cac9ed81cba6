"""The public surface: everything in __all__ exists, and nothing private leaks into it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import minzheng_plans


def test_all_names_are_importable():
    """Every name in __all__ resolves on the package."""
    missing = [name for name in minzheng_plans.__all__ if not hasattr(minzheng_plans, name)]
    assert [] == missing


def test_all_is_unique_and_public():
    """__all__ lists each name once and holds no private names."""
    names = minzheng_plans.__all__
    assert len(set(names)) == len(names)
    assert [] == [n for n in names if n.startswith("_") and n != "__version__"]


def test_version_is_the_installed_version():
    """__version__ is the installed distribution's version, which is pyproject.toml's, not the
    fallback an uninstalled checkout gets (the old test accepted any string, the fallback too)."""
    import tomllib  # noqa: PLC0415
    from importlib.metadata import version  # noqa: PLC0415

    pyproject = Path(minzheng_plans.__file__).parents[2] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert declared == minzheng_plans.__version__
    assert version("minzheng-plans") == minzheng_plans.__version__


def test_version_falls_back_only_without_metadata(monkeypatch):
    """Without installed metadata the version says so, rather than pretending to be one."""
    import importlib.metadata  # noqa: PLC0415

    from minzheng_plans.core import version as module  # noqa: PLC0415

    def missing(_name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(_name)

    module.own_version.cache_clear()
    monkeypatch.setattr(importlib.metadata, "version", missing)
    try:
        assert "0.0.0+unknown" == module.own_version()
    finally:
        module.own_version.cache_clear()


def _type_checking_imports() -> dict[str, str]:
    """Name -> module of the imports inside ``if TYPE_CHECKING:`` in the package's __init__."""
    tree = ast.parse(Path(minzheng_plans.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )
    return {
        alias.name: node.module or ""
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module != "typing"
        for alias in node.names
    }


def test_lazy_exports_agree_with_all_and_type_checking_imports():
    """The lazy map, __all__ and the imports type checkers read name the same things."""
    exports = minzheng_plans._EXPORTS
    assert set(minzheng_plans.__all__) - {"__version__"} == set(exports)
    assert _type_checking_imports() == exports


def test_import_is_lazy():
    """Importing the package loads neither pint, babel, pluggy nor the checking machinery."""
    heavy = ("pint", "babel", "pluggy", "minzheng_plans.checking.runner")
    code = f"import sys, minzheng_plans; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
