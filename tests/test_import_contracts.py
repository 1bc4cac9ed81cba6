"""The import contracts: layers (import-linter), private modules, and plugins on public API only."""

from __future__ import annotations

import ast
import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

import minzheng_plans

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "minzheng_plans"
# Separate distributions that may use only the public API (docs/architecture.md), in their
# code and in their own tests.
PLUGIN_SOURCES = sorted(
    [
        *ROOT.glob("plugins/*/src"),
        *ROOT.glob("plugins/*/tests"),
        ROOT / "examples" / "minimal_plugin" / "src",
        ROOT / "examples" / "minimal_plugin" / "tests",
    ]
)
PUBLIC_MODULES = ("minzheng_plans", "minzheng_plans.text", "minzheng_plans.testing")


def _module_name(path: Path, base: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, base: Path) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(line, module, names) for every import in ``path``, relative ones resolved."""
    name = _module_name(path, base)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*anchor, module] if module else anchor)
            yield node.lineno, module, tuple(alias.name for alias in node.names)


def _is_module(dotted: str) -> bool:
    path = SRC.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _private_owner(dotted: str) -> str | None:
    """The package a private module belongs to (``minzheng_plans.units`` for
    ``minzheng_plans.units._tokens``), or None when no part of ``dotted`` is private."""
    parts = dotted.split(".")
    for position, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:position])
    return None


def test_import_linter_contracts_are_kept():
    """Every contract in pyproject.toml [tool.importlinter] holds (what CI runs as lint-imports)."""
    out = io.StringIO()
    cwd = Path.cwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out):
            code = lint_imports(no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)
    assert (0, "") == (code, "" if code == 0 else out.getvalue())


def test_no_private_module_is_imported_from_outside_its_package():
    """``_name`` modules are imported only by modules of the package that holds them."""
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path, SRC)
        for line, module, names in _imports(path, SRC):
            targets = [module, *(f"{module}.{n}" for n in names if _is_module(f"{module}.{n}"))]
            for target in targets:
                owner = _private_owner(target)
                if owner is not None and not (importer + ".").startswith(owner + "."):
                    offences.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert [] == offences


def _plugin_offences(source: Path) -> list[str]:
    """Imports under ``source`` of anything but the public modules and their public names."""
    exported = set(minzheng_plans.__all__)
    offences = []
    for path in sorted(source.rglob("*.py")):
        for line, module, names in _imports(path, source):
            if module != "minzheng_plans" and not module.startswith("minzheng_plans."):
                continue
            where = f"{path.relative_to(source)}:{line}"
            if module == "minzheng_plans":
                offences.extend(f"{where} imports {n}" for n in names if n not in exported)
            elif not any(module == m or module.startswith(f"{m}.") for m in PUBLIC_MODULES[1:]):
                offences.append(f"{where} imports {module}")
            elif _private_owner(module) is not None or any(n.startswith("_") for n in names):
                offences.append(f"{where} imports a private name of {module}")
    return offences


@pytest.mark.parametrize("source", PLUGIN_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_plugins_import_only_the_public_api(source):
    """Plugins and the example import minzheng_plans, .text and .testing, and public names only."""
    assert [] == _plugin_offences(source)


def test_the_plugin_check_names_each_kind_of_offence(tmp_path):
    """Internal modules, names outside __all__ and private text names are each reported."""
    package = tmp_path / "plugin_x"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from minzheng_plans import Plan, _EXPORTS\n"
        "from minzheng_plans.core.model import Level\n"
        "from minzheng_plans.text.tables import find_tables, _private\n"
        "from minzheng_plans.text import _numerals\n"
        "def later():\n"
        "    import minzheng_plans.reading.assemble\n",
        encoding="utf-8",
    )
    expected = [
        "plugin_x/__init__.py:1 imports _EXPORTS",
        "plugin_x/__init__.py:2 imports minzheng_plans.core.model",
        "plugin_x/__init__.py:3 imports a private name of minzheng_plans.text.tables",
        "plugin_x/__init__.py:4 imports a private name of minzheng_plans.text",
        "plugin_x/__init__.py:6 imports minzheng_plans.reading.assemble",
    ]
    assert expected == sorted(_plugin_offences(tmp_path))


def test_private_modules_belong_to_their_package():
    """A private module's owner is the package that holds it; public paths have none."""
    assert "minzheng_plans.units" == _private_owner("minzheng_plans.units._tokens")
    assert "minzheng_plans" == _private_owner("minzheng_plans._entry")
    assert _private_owner("minzheng_plans.units.registry") is None


def test_the_plugin_check_sees_plugin_imports():
    """The public-API check reads the plugins' imports (it would pass vacuously otherwise)."""
    modules = {
        module
        for source in PLUGIN_SOURCES
        for path in source.rglob("*.py")
        for _line, module, _names in _imports(path, source)
    }
    assert {"minzheng_plans", "minzheng_plans.text.tables"} <= modules
