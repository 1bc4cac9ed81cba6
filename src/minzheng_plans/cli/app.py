"""The ``minzheng-plans`` command line: the click group and its entry point.

Data goes to stdout (``--format json`` on every command that prints data), diagnostics to
stderr. Exit codes: 0 no error findings, 1 error findings, 2 bad usage or unreadable input.
Each command lives in its own module of this package and calls the library; heavy modules are
imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from minzheng_plans.cli.analysis import compare, diff, evaluate, export
from minzheng_plans.cli.check import check
from minzheng_plans.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, echo_text
from minzheng_plans.cli.convert import convert
from minzheng_plans.cli.listing import catalog, plugins, rules, schema
from minzheng_plans.cli.load import load
from minzheng_plans.cli.places import places

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "cli", "main"]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: this version, then each installed plugin distribution with its version."""
    if not value or ctx.resilient_parsing:
        return
    from minzheng_plans.core.version import own_version  # noqa: PLC0415
    from minzheng_plans.plugins.listing import installed_plugins  # noqa: PLC0415

    echo_text(f"minzheng-plans, version {own_version()}")
    found = installed_plugins()
    echo_text("plugins:" + ("" if found else " none"))
    for name, distribution, version in found:
        echo_text(f"  {name}  ({distribution} {version})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the installed plugins, and exit.",
)
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="Leave a plugin out of this run (repeatable).",
)
@click.option(
    "--plugin-timeout",
    "budget",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds a single plugin call may take before it is abandoned.",
)
@click.pass_context
def cli(ctx: click.Context, disabled: tuple[str, ...], budget: float) -> None:
    """Load, check and compare Chinese civil-affairs development plans (民政事业发展规划)."""
    ctx.ensure_object(dict).update(disabled=disabled, budget=budget if budget > 0 else None)


# In the order of the original single module; click lists commands sorted by name anyway.
for _command in (
    load,
    check,
    schema,
    plugins,
    rules,
    catalog,
    compare,
    evaluate,
    export,
    diff,
    convert,
    places,
):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``minzheng-plans`` script."""
    cli.main(
        args=list(argv) if argv is not None else None,
        prog_name="minzheng-plans",
        standalone_mode=True,
    )
