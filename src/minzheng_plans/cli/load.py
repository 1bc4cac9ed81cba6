"""``minzheng-plans load``: a published document (or a plan file) to a plan file."""

from __future__ import annotations

from typing import Literal

import click

from minzheng_plans.cli.common import echo_text, friendly, host

__all__ = ["load"]


@click.command()
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("--loader", help="Force a loader by name (see `minzheng-plans plugins`).")
@click.option(
    "--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the plan file here instead of stdout.",
)
@click.pass_context
@friendly
def load(
    ctx: click.Context, document: str, loader: str | None, fmt: str, output: str | None
) -> None:
    """Turn a published DOCUMENT (or a plan file) into a plan file."""
    import attrs  # noqa: PLC0415

    from minzheng_plans.core.errors import (  # noqa: PLC0415
        DocumentError,
        LimitError,
        PlanFileError,
    )
    from minzheng_plans.files.planfile import dumps_plan, loads_plan  # noqa: PLC0415
    from minzheng_plans.output.report import findings_text  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    result = load_path(document, host(ctx), loader=loader)
    stored = set(result.plan.findings)  # a set: a list made this quadratic (#17)
    extra = tuple(f for f in result.findings if f not in stored)
    plan = attrs.evolve(result.plan, findings=(*result.plan.findings, *extra))
    kind: Literal["toml", "json"] = "json" if fmt == "json" else "toml"
    text = dumps_plan(plan, kind)
    try:
        # Loading fits every plan to the plan-file limits; a file the reader would still
        # refuse (a plugin's plan past a limit the fitting does not know) is not written.
        loads_plan(text, fmt=kind)
    except (PlanFileError, LimitError) as err:
        msg = (
            "the plan read from it would not read back as a plan file, so none was written: "
            + str(err).removeprefix("<string>: ")
        )
        raise DocumentError(msg, path=document) from None
    if output:
        from minzheng_plans.files.atomic import atomic_write_text  # noqa: PLC0415

        # Written whole or not at all: a failing run never leaves half a plan file.
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False)
    if plan.findings:
        echo_text(findings_text(plan.findings), err=True)
