"""Every test says what it checks: a docstring on each test function and ``Test*`` method.

The docstring is the test's one-sentence statement of behaviour (STYLE.md, "Tests"); this
module parses every test module pytest collects and lists the tests that have none.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Folders pytest does not recurse into (its default norecursedirs), should one appear here.
_SKIPPED_FOLDERS = frozenset({"build", "dist", "node_modules", "venv", "__pycache__"})


def _test_roots() -> list[Path]:
    """The folders pytest collects from: ``testpaths`` in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [ROOT / path for path in config["tool"]["pytest"]["ini_options"]["testpaths"]]


def _test_modules() -> list[Path]:
    """Every file pytest reads as a test module (``test_*.py`` or ``*_test.py``) under the roots."""
    found = {
        path
        for root in _test_roots()
        for pattern in ("test_*.py", "*_test.py")
        for path in root.rglob(pattern)
        if not any(
            part.startswith(".") or part in _SKIPPED_FOLDERS or part.endswith(".egg-info")
            for part in path.relative_to(ROOT).parts[:-1]
        )
    }
    return sorted(found)


def _tests(
    body: list[ast.stmt], prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """The test functions pytest collects from a module or class body, with qualified names."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from _tests(node.body, f"{prefix}{node.name}.")


def undocumented_tests(source: str) -> list[tuple[int, str]]:
    """The line and qualified name of each test in ``source`` without a (non-blank) docstring."""
    return [
        (node.lineno, name)
        for name, node in _tests(ast.parse(source).body)
        if not (ast.get_docstring(node) or "").strip()
    ]


def test_every_test_has_a_docstring():
    """No test function or method of a Test class in any collected test module lacks a docstring."""
    modules = _test_modules()
    assert ROOT / "tests" / "test_test_docstrings.py" in modules
    assert any("plugins" == path.relative_to(ROOT).parts[0] for path in modules)
    assert any("examples" == path.relative_to(ROOT).parts[0] for path in modules)
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in modules
        for line, name in undocumented_tests(path.read_text(encoding="utf-8"))
    ]
    assert [] == missing, "tests without a docstring:\n" + "\n".join(missing)


_MODULE = '''\
"""A module of tests written for this test."""


def helper():
    return 1


def test_documented():
    """A documented test."""


def test_bare():
    assert helper()


async def test_bare_async():
    pass


def test_blank():
    """ """


class TestThing:
    def test_documented_method(self):
        """A documented method."""

    def test_bare_method(self):
        def test_nested():
            """Not collected: defined inside a test."""

    def helper_method(self):
        pass

    class TestInner:
        @pytest.mark.parametrize("x", [1])
        def test_bare_inner(self, x):
            pass


class Helper:
    def test_not_collected(self):
        pass
'''


def test_undocumented_tests_are_listed_with_their_lines():
    """Bare test functions, blank docstrings and bare methods of nested Test classes are listed."""
    assert [
        (12, "test_bare"),
        (16, "test_bare_async"),
        (20, "test_blank"),
        (28, "TestThing.test_bare_method"),
        (37, "TestThing.TestInner.test_bare_inner"),
    ] == undocumented_tests(_MODULE)


@pytest.mark.parametrize(
    "source",
    [
        'def test_a():\n    """Says what it checks."""\n',
        'class TestA:\n    def test_b(self):\n        """Says what it checks."""\n',
        "def check_a():\n    pass\n",
        "class Suite:\n    def test_c(self):\n        pass\n",
    ],
    ids=["function", "method", "not-a-test", "not-a-test-class"],
)
def test_documented_tests_and_non_tests_pass(source):
    """Documented tests, helpers and methods of classes pytest does not collect are not listed."""
    assert [] == undocumented_tests(source)
