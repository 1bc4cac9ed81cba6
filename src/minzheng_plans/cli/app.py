"""The ``minzheng-plans`` command line: the click group and its entry point.

Data goes to stdout (``--format json`` on every command that prints data), diagnostics to
stderr. Exit codes: 0 no error findings, 1 error findings, 2 bad usage or unreadable input.
Each command lives in its own module of this package and calls the library; heavy modules are
imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from minzheng_plans.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, echo_text

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


# Where each command lives: a run imports only the module of the command it runs (the
# pattern of click's documentation, "Lazily Loading Subcommands").
_COMMANDS = {
    "load": "minzheng_plans.cli.load:load",
    "check": "minzheng_plans.cli.check:check",
    "schema": "minzheng_plans.cli.listing:schema",
    "plugins": "minzheng_plans.cli.listing:plugins",
    "rules": "minzheng_plans.cli.listing:rules",
    "catalog": "minzheng_plans.cli.listing:catalog",
    "compare": "minzheng_plans.cli.analysis:compare",
    "evaluate": "minzheng_plans.cli.analysis:evaluate",
    "export": "minzheng_plans.cli.analysis:export",
    "diff": "minzheng_plans.cli.analysis:diff",
    "convert": "minzheng_plans.cli.convert:convert",
    "places": "minzheng_plans.cli.places:places",
}


class _LazyGroup(click.Group):
    """A group whose commands are imported when one is asked for, not all at start-up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None or cmd_name not in _COMMANDS:
            return found
        import importlib  # noqa: PLC0415

        module, _, name = _COMMANDS[cmd_name].partition(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        self.add_command(command, cmd_name)
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``minzheng-plans`` script."""
    cli.main(
        args=list(argv) if argv is not None else None,
        prog_name="minzheng-plans",
        standalone_mode=True,
    )
