"""The ``minzheng-plans`` script's entry point: ``--help`` without importing the command line.

Importing click and the command table costs more than starting the interpreter several times
over, and ``minzheng-plans --help`` is the command people run most to find their way. The top
level help is therefore also kept rendered in ``_help.txt`` (a test fails when it differs from
what click renders); every other invocation, and a terminal narrower than click's 80 columns
(where click would wrap differently), goes through click as usual.
"""

from __future__ import annotations

import gc
import os
import sys

__all__ = ["main", "render_help"]

_HELP_ARGS = (["--help"], ["-h"])
_HELP_FILE = os.path.join(os.path.dirname(__file__), "_help.txt")  # noqa: PTH118, PTH120 - pathlib costs an import here
# click wraps help to min(terminal width, 80) columns; at 80 or more the text is the same.
_CLICK_MAX_WIDTH = 80
# Objects the collector lets pile up before a pass over the youngest (700 by default).
_YOUNG_OBJECTS = 100_000


def _columns() -> int:
    # What shutil.get_terminal_size() reports, without importing shutil.
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return _CLICK_MAX_WIDTH


def render_help() -> str:
    """The top-level help exactly as click prints it at 80 columns or more."""
    from minzheng_plans.cli.app import cli  # noqa: PLC0415 - only when rendering

    # click formats to min(columns, 80) - 2 characters when it measures the terminal itself.
    width = _CLICK_MAX_WIDTH - 2
    context = cli.context_class(
        cli, info_name="minzheng-plans", terminal_width=width, **cli.context_settings
    )
    with context:
        return context.get_help() + "\n"


def main() -> None:
    """Print the rendered top-level help, or run the command line."""
    if sys.argv[1:] in _HELP_ARGS and _columns() >= _CLICK_MAX_WIDTH:
        try:
            with open(_HELP_FILE, encoding="utf-8") as handle:  # noqa: PTH123
                sys.stdout.write(handle.read())
        except OSError:
            pass  # a damaged installation: click renders it below
        else:
            return
    # Starting a command makes some 60,000 objects that live as long as the process (modules,
    # classes, the plugin host and its registries). At the default pace the collector walks
    # them again every 700 allocations, a twentieth of a small check for nothing; in larger
    # steps, as long-running tools do, it walks the young ones only when they have piled up.
    gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    from minzheng_plans.cli.app import main as cli_main  # noqa: PLC0415

    try:
        cli_main()
    finally:
        # Everything the run built dies with the process: frozen, it is skipped by the
        # collector's passes at shutdown (a tenth of a small check's time), and torn down
        # as usual otherwise.
        gc.freeze()
