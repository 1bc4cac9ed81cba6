"""``minzheng-plans load``: a published document (or a plan file) to a plan file."""

from __future__ import annotations

import click

from minzheng_plans.cli.common import friendly, host

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

    from minzheng_plans.files.planfile import dumps_plan  # noqa: PLC0415
    from minzheng_plans.output.report import findings_text  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    result = load_path(document, host(ctx), loader=loader)
    extra = tuple(f for f in result.findings if f not in result.plan.findings)
    plan = attrs.evolve(result.plan, findings=(*result.plan.findings, *extra))
    text = dumps_plan(plan, "json" if fmt == "json" else "toml")
    if output:
        with open(output, "w", encoding="utf-8") as handle:  # noqa: PTH123
            handle.write(text)
    else:
        click.echo(text, nl=False)
    if plan.findings:
        click.echo(findings_text(plan.findings), err=True)
