"""The docs build with the docs extra alone, and what they show can be copied and run.

Building the whole documentation runs every command it shows and takes a while; CI does that
(`.ci/run`, in an environment with only the docs extra). These tests build a small page with
the project's own Sphinx configuration and extensions, and import what autodoc imports with
every dependency of the test extra hidden.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _automodules() -> list[str]:
    names: list[str] = []
    for page in DOCS.rglob("*.md"):
        if "_build" in page.parts:
            continue
        names += re.findall(r"\.\. automodule:: ([\w.]+)", page.read_text(encoding="utf-8"))
    return sorted(set(names))


#: Top-level modules that only the test extra (or no extra) brings.
TEST_ONLY = ["hypothesis", "jsonschema", "openpyxl", "pandas", "pytest", "sarif_pydantic", "yaml"]


_IMPORTER = """
import importlib, importlib.abc, sys
sys.path.insert(0, {ext!r})
blocked = {blocked!r}

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"{{name}} is not installed with the docs extra")
        return None

sys.meta_path.insert(0, Block())
namespace = {{"__file__": {conf!r}}}
exec(compile(open({conf!r}).read(), {conf!r}, "exec"), namespace)
from sphinx.ext.autodoc.mock import mock
failed = []
with mock(namespace.get("autodoc_mock_imports", [])):
    for name in {modules!r}:
        try:
            importlib.import_module(name)
        except Exception as error:
            failed.append(f"{{name}}: {{type(error).__name__}}: {{error}}")
print("\\n".join(failed))
"""


def test_autodoc_imports_every_module_without_the_test_extra():
    """Each module the API reference documents imports with only the docs extra (#18, item 3)."""
    modules = _automodules()
    assert "minzheng_plans.strategies" in modules
    code = _IMPORTER.format(
        ext=str(DOCS / "_ext"),
        blocked=TEST_ONLY,
        conf=str(DOCS / "conf.py"),
        modules=modules,
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert 0 == done.returncode, done.stderr
    assert "" == done.stdout.strip()


def test_hiding_hypothesis_is_what_breaks_strategies_without_the_mock():
    """The importer above really hides the test extra: strategies fails without the mock."""
    code = _IMPORTER.format(
        ext=str(DOCS / "_ext"),
        blocked=TEST_ONLY,
        conf=str(DOCS / "conf.py"),
        modules=["minzheng_plans.strategies"],
    ).replace('namespace.get("autodoc_mock_imports", [])', "[]")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert "hypothesis is not installed" in done.stdout


PAGE = textwrap.dedent(
    """\
    # Page

    Copy this: `minzheng-plans check --places "x" data`, and the prose --places "x" -- too.

    ```{run} python -c "print('--places \\"x\\" -- it\\'s')"
    ```

    ```{run} python -c "import sys; print('bad'); sys.exit(2)"
    :exit: 2
    ```

    ```{run} python -c "import sys; sys.exit(1)"
    ```

    ```{run-python}
    print(sum(range(4)))
    ```

    ```{eval-rst}
    .. click-reference::
    ```
    """
)


@pytest.fixture(name="built", scope="module")
def _built(tmp_path_factory):
    source = tmp_path_factory.mktemp("src")
    (source / "index.md").write_text(PAGE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-c",
            str(DOCS),
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    text = (out / "index.html").read_text(encoding="utf-8")
    return done, html.unescape(re.sub(r"<[^>]+>", "", text))


def test_prose_and_commands_keep_straight_quotes_and_double_hyphens(built):
    """No en dash for `--`, no curly quotes: copied commands run (#18, item 8)."""
    _done, text = built
    assert '--places "x" -- too' in text
    assert "–places" not in text
    assert "“" not in text
    assert "”" not in text
    assert "--disable-plugin" in text  # the CLI reference, rendered from click


def test_run_shows_command_output_and_exit_code(built):
    """{run} shows `$ command`, its real output and `[exit N]` when it is not 0."""
    _done, text = built
    assert "$ python -c" in text
    assert '--places "x" -- it\'s' in text
    assert "bad\n[exit 2]" in text
    assert "print(sum(range(4)))" in text
    assert "\n6\n" in text


def test_an_unexpected_exit_code_is_a_warning_that_fails_a_strict_build(built):
    """A run whose exit code differs from the page's `:exit:` (default 0) warns, so -W fails."""
    done, _text = built
    assert "exited 1, the page expects 0" in done.stderr
    assert "exited 2" not in done.stderr
