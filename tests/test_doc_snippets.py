"""Every ```python block of the docs runs (their {run}/{run-python} blocks run at build time).

The blocks of a page run in order in one interpreter and one namespace, from the repository
root, as a reader pasting them one after the other would; a block written as a Python session
(`>>>`) has its shown output compared, like the README's. Tutorials and how-tos show
commands only through the {run} directive: a static ```console transcript there would not
be checked, so it is refused (install and publish steps excepted: tests/test_install_commands.py
checks the pip ones; a system package, `apt-get install`, needs root and is installed by
.ci/run before the docs build).
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import docrun  # noqa: E402 - found through the path set above

PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts)
PLAIN_PAGES = [
    p
    for p in PAGES
    if any(b.language == "python" and not docrun.is_doctest(b) for b in docrun.fenced_blocks(p))
]
DOCTEST_PAGES = [p for p in PAGES if any(docrun.is_doctest(b) for b in docrun.fenced_blocks(p))]
GUIDES = [p for p in PAGES if p.parent.name in {"tutorials", "howto"}]
# Steps a guide shows but cannot run while the docs build: installing and publishing.
_NOT_RUN = re.compile(r"^((python -m )?(pip|twine|python -m build)|(sudo )?apt-get install)\b")


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(name="workspace", scope="module")
def _workspace():
    with docrun.Workspace() as workspace:
        yield workspace.path


@pytest.mark.parametrize("page", PLAIN_PAGES, ids=_label)
def test_python_blocks_run(page, workspace):
    """The page's plain ```python blocks run in order without an error."""
    blocks = [b for b in docrun.fenced_blocks(page) if b.language == "python"]
    plain = [b for b in blocks if not docrun.is_doctest(b)]
    source = "\n\n".join(b.body for b in plain)
    done = subprocess.run(
        [sys.executable, "-c", source],
        cwd=workspace,
        env=docrun.environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert 0 == done.returncode, done.stderr


@pytest.mark.parametrize("page", DOCTEST_PAGES, ids=_label)
def test_doctest_blocks_show_real_output(page, workspace):
    """A ```python block written as a session shows what the session prints."""
    blocks = [b for b in docrun.fenced_blocks(page) if docrun.is_doctest(b)]
    for block in blocks:
        actual = docrun.refresh_doctest(block.body, workspace)
        diff = "\n".join(
            difflib.unified_diff(
                block.body.splitlines(),
                actual.splitlines(),
                f"{_label(page)}:{block.start}",
                "a real run",
                lineterm="",
            )
        )
        assert actual == block.body, diff


def test_every_page_with_python_is_collected():
    """The pages this test runs include the ones known to have Python (it checks something)."""
    names = {p.name for p in [*PLAIN_PAGES, *DOCTEST_PAGES]}
    assert {"units.md", "hooks.md"} <= names


@pytest.mark.parametrize("page", GUIDES, ids=_label)
def test_guides_show_commands_only_through_run(page):
    """No static transcript in a tutorial or how-to: its output would go stale unseen."""
    for block in docrun.fenced_blocks(page):
        if block.language not in {"console", "bash", "shell", "sh"}:
            continue
        commands = [line.removeprefix("$ ") for line in block.body.splitlines()]
        unchecked = [c for c in commands if c.strip() and not _NOT_RUN.match(c.strip())]
        assert [] == unchecked, f"{_label(page)}:{block.start}: use ```{{run}} for these"


def test_only_install_and_publish_steps_may_stay_static():
    """pip, twine, build and apt-get install pass as static steps; a project command does not."""
    static = [
        "pip install '.[formats]'",
        "python -m pip install build twine",
        "python -m build",
        "apt-get install libreoffice-writer-nogui",
        "sudo apt-get install fonts-noto-cjk",
    ]
    refused = ["minzheng-plans check plans/", "apt-get remove chromium", "pipx run x"]
    assert [True] * len(static) == [bool(_NOT_RUN.match(c)) for c in static]
    assert [False] * len(refused) == [bool(_NOT_RUN.match(c)) for c in refused]


# A path in backticks (``data/units.toml`` in docstrings too), up to a space or the backtick.
_PATH = re.compile(
    r"`((?:data|examples|docs|scripts|plugins|src|tests|benchmarks|fuzz)/[\w./*-]*[\w*])[`\s]"
)
# Paths inside the package (docs/architecture.md) are relative to it.
_BASES = (ROOT, ROOT / "src" / "minzheng_plans")
_GENERATED = ("docs/_build", "fuzz/corpus")


def _named_paths() -> list[tuple[str, str]]:
    found = []
    for page in [ROOT / "README.md", *PAGES, *ROOT.glob("src/minzheng_plans/**/*.py")]:
        text = page.read_text(encoding="utf-8")
        paths = sorted(set(_PATH.findall(text)))
        found.extend((_label(page), p) for p in paths if not p.startswith(_GENERATED))
    return found


NAMED_PATHS = _named_paths()


def test_named_paths_are_collected():
    """The docs name repository paths; the test below checks something."""
    assert ("README.md", "data/schema/plan.schema.json") in NAMED_PATHS
    assert ("docs/reference/hooks.md", "data/units.toml") in NAMED_PATHS


@pytest.mark.parametrize(("page", "path"), NAMED_PATHS, ids=[f"{p}:{q}" for p, q in NAMED_PATHS])
def test_named_paths_exist(page, path):
    """A path of the repository that the docs or a docstring name exists (data/units.toml,
    not data/units.txt: #18, item 8)."""
    glob = any(c in path for c in "*?[")
    matches = [m for base in _BASES for m in (base.glob(path) if glob else [base / path])]
    assert any(m.exists() for m in matches), f"{page} names {path}, which does not exist"
