"""The script's entry point: the rendered top-level help, and click for everything else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import minzheng_plans
from minzheng_plans._entry import render_help

HELP_FILE = Path(minzheng_plans.__file__).with_name("_help.txt")


def _entry(*args: str, columns: str = "100") -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; sys.argv = ['minzheng-plans', *sys.argv[1:]]\n"
        "from minzheng_plans._entry import main\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\nelse:\n    code = 0\n"
        "print('CLICK-LOADED' if 'click' in sys.modules else 'CLICK-ABSENT', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def test_rendered_help_is_what_click_prints():
    """_help.txt is click's own --help; regenerate it with render_help() when this fails."""
    assert HELP_FILE.read_text(encoding="utf-8") == render_help()
    # click itself, measuring a wide terminal as it does for a real run.
    env = {**os.environ, "COLUMNS": "120"}
    code = "from minzheng_plans.cli.app import main; main(['--help'])"
    clicked = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert render_help() == clicked.stdout


def test_help_is_served_without_importing_click():
    """--help and -h print the rendered help without importing click."""
    for flag in ("--help", "-h"):
        done = _entry(flag)
        assert 0 == done.returncode
        assert done.stdout == HELP_FILE.read_text(encoding="utf-8")
        assert "CLICK-ABSENT" in done.stderr


def test_narrow_terminals_and_other_commands_go_through_click():
    """On a narrow terminal, or for other options, the entry point hands over to click."""
    narrow = _entry("--help", columns="60")
    assert 0 == narrow.returncode
    assert "CLICK-LOADED" in narrow.stderr
    assert narrow.stdout.startswith("Usage: minzheng-plans")
    version = _entry("--version")
    assert 0 == version.returncode
    assert "CLICK-LOADED" in version.stderr
