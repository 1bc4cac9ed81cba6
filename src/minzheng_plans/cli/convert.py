"""``minzheng-plans convert``: a quantity in another unit, exactly."""

from __future__ import annotations

import click

from minzheng_plans.cli.common import FORMAT_JSON, echo_text, friendly, host

__all__ = ["convert"]


@click.command()
@click.argument("quantity")
@click.argument("unit")
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.option(
    "--approximate",
    is_flag=True,
    help="Also bridge dimensions approximately (a year of 365 days); see docs/units.md.",
)
@click.option(
    "--places",
    type=click.IntRange(0, 28),
    default=None,
    help="Round the result half-even to this many decimal places.",
)
@click.pass_context
@friendly
def convert(
    ctx: click.Context, quantity: str, unit: str, fmt: str, approximate: bool, places: int | None
) -> None:
    """Convert QUANTITY (678 元/人·月, ≥55%, 35-40张, or a ÷ b, a × b) to UNIT, exactly.

    Examples: minzheng-plans convert "678 元/人·月" "元/人·年";
    minzheng-plans convert --places 2 "5962 元/人·年 ÷ 678 元/人·月" "%"
    """
    from minzheng_plans.core.errors import IncompatibleUnitsError, UsageError  # noqa: PLC0415
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415
    from minzheng_plans.output.conversion import conversion_text  # noqa: PLC0415
    from minzheng_plans.units.conversion import (  # noqa: PLC0415
        convert_quantity,
        converts_approximately,
    )

    units = host(ctx).units()
    try:
        result = convert_quantity(units, quantity, unit, approximate=approximate, places=places)
    except IncompatibleUnitsError as err:
        if approximate or not converts_approximately(units, err.source, err.target):
            raise
        msg = f"{err}; they convert only approximately: add --approximate (see docs/units.md)"
        raise UsageError(msg) from None
    if fmt == "json":
        click.echo(dumps_json(result.to_dict()))
    else:
        echo_text(conversion_text(result))
