"""README.md shows what happens: its transcripts and Python sessions are run and compared.

GitHub shows the README and Sphinx does not build it, so its output is written in the file.
On a difference the test prints a diff; ``python scripts/refresh_docs.py`` rewrites the
README from a real run (see docs/contributing-docs.md).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import docrun  # noqa: E402 - found through the path set above

README = ROOT / "README.md"
BLOCKS = list(docrun.checked_blocks(README))


@pytest.fixture(name="workspace", scope="module")
def _workspace():
    with docrun.Workspace() as workspace:
        yield workspace.path


def test_the_readme_shows_output_to_check():
    """The README has transcripts and a Python session; without them this test checks nothing."""
    kinds = {"console" if b.language == "console" else "doctest" for b in BLOCKS}
    assert {"console", "doctest"} == kinds


@pytest.mark.parametrize("block", BLOCKS, ids=[f"line {b.start}" for b in BLOCKS])
def test_shown_output_is_real(block, workspace):
    """Each block's shown output and exit codes are what a real run gives."""
    actual = docrun.refresh_block(block, workspace)
    if actual != block.body:
        diff = "\n".join(
            difflib.unified_diff(
                block.body.splitlines(),
                (actual or "").splitlines(),
                f"README.md:{block.start} (shown)",
                "a real run",
                lineterm="",
            )
        )
        pytest.fail(f"stale output; run `python scripts/refresh_docs.py`\n{diff}")


def test_quick_start_has_exactly_two_commands():
    """The quick start keeps its two commands; .ci/run runs the second word for word."""
    quick = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b for b in docrun.fenced_blocks(README) if b.language == "bash"]
    commands = [b.body.strip() for b in blocks if b.body.strip() in quick]
    assert 2 == len(commands)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'grep -m1 -E "^pip install -e .*pytest" README.md' in ci
    assert commands[1].startswith("pip install -e")
    assert "pytest" in commands[1]


def test_quick_start_check_runs_clean(workspace):
    """The first quick-start command's check (after its install) exits 0 on the bundled plans."""
    first = next(b for b in docrun.fenced_blocks(README) if b.language == "bash")
    check = first.body.strip().split("&&", 1)[1].strip()
    assert check.startswith("minzheng-plans check")
    result = docrun.run_command(check, workspace)
    assert 0 == result.exit_code, result.output
