"""``compare``, ``evaluate``, ``export``, ``diff``: analyses of plans already read."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from minzheng_plans.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORMAT_JSON,
    echo_text,
    friendly,
    host,
    read_plans,
    report_language,
    split_codes,
)

if TYPE_CHECKING:
    from minzheng_plans.analysis.monitoring import Actual

__all__ = ["compare", "diff", "evaluate", "export"]


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--indicator",
    "codes",
    multiple=True,
    metavar="CODE",
    help="Catalog code(s) to compare (repeatable or comma-separated); default: all.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, writable=True),
    help="Also draw the first indicator as FILE.svg or FILE.png (the plot extra).",
)
@click.pass_context
@friendly
def compare(
    ctx: click.Context, plans: tuple[str, ...], codes: tuple[str, ...], fmt: str, chart: str | None
) -> None:
    """Compare the same catalog indicators side by side across PLANS, in catalog units."""
    from minzheng_plans.analysis.compare import compare_plans  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.output.comparison import (  # noqa: PLC0415
        comparison_csv,
        comparison_json,
        comparison_text,
    )

    found = host(ctx)
    wanted = split_codes(codes)
    catalog = found.catalog()
    unknown = [code for code in wanted if code not in catalog]
    if unknown:
        msg = f"not a catalog code: {', '.join(unknown)} (see `minzheng-plans catalog`)"
        raise UsageError(msg)
    table = compare_plans(
        read_plans(ctx, plans),
        wanted,
        catalog=catalog,
        units=found.units(),
        jurisdictions=found.jurisdictions(),
    )
    if fmt == "json":
        click.echo(comparison_json(table))
    elif fmt == "csv":
        click.echo(comparison_csv(table), nl=False)
    else:
        echo_text(comparison_text(table))
    if chart:
        from minzheng_plans.output.chart import draw_comparison  # noqa: PLC0415

        code = wanted[0] if wanted else next(iter(table.codes()), None)
        if code is None:
            msg = "nothing to chart: no plan has a catalog indicator"
            raise UsageError(msg)
        result = draw_comparison(table, code, chart, catalog=catalog)
        if result.warning:
            echo_text(f"minzheng-plans: warning: {result.warning}", err=True)
        echo_text(f"chart of {code} written to {result.path}", err=True)


@click.command()
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option(
    "--monitoring",
    required=True,
    type=click.Path(dir_okay=False),
    help="Actual values by year: a .toml or .csv file (layout in the docs).",
)
@click.option(
    "--stage",
    type=click.Choice(["mid", "final"]),
    default="mid",
    show_default=True,
    help="Mid-term (middle year of the period) or final (last year) evaluation.",
)
@click.option("--year", type=int, help="Evaluate as of this year instead of the stage's.")
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Report language (default: from LANGUAGE/LC_ALL/LANG, else en).",
)
@click.pass_context
@friendly
def evaluate(
    ctx: click.Context,
    plan: str,
    monitoring: str,
    stage: str,
    year: int | None,
    fmt: str,
    lang: str | None,
) -> None:
    """Evaluate PLAN's progress from monitoring values: met, on track, off track."""
    from minzheng_plans.analysis.evaluate import evaluate_plan  # noqa: PLC0415
    from minzheng_plans.analysis.monitoring import read_monitoring  # noqa: PLC0415
    from minzheng_plans.output.evaluation import evaluation_json, evaluation_text  # noqa: PLC0415

    found = host(ctx)
    (loaded,) = read_plans(ctx, [plan])
    result = evaluate_plan(
        loaded,
        read_monitoring(monitoring),
        stage="final" if stage == "final" else "mid",
        year=year,
        catalog=found.catalog(),
        units=found.units(),
    )
    language = report_language(lang)
    if fmt == "json":
        click.echo(evaluation_json(result, language))
    else:
        echo_text(evaluation_text(result, language))


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--to",
    "output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="FILE.csv, FILE.sqlite (or .db) or FILE.xlsx (the excel extra).",
)
@click.option(
    "--monitoring",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Monitoring files naming their plan (plan = ...) to add actual rows (repeatable).",
)
@click.pass_context
@friendly
def export(
    ctx: click.Context, plans: tuple[str, ...], output: str, monitoring: tuple[str, ...]
) -> None:
    """Export PLANS as tidy rows (plan, indicator, kind, year, value, unit, normalised)."""
    from minzheng_plans.analysis.export import export_plans  # noqa: PLC0415
    from minzheng_plans.analysis.monitoring import read_monitoring  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415

    found = host(ctx)
    loaded = read_plans(ctx, plans)
    actuals: list[tuple[str, Actual]] = []
    for path in monitoring:
        values = read_monitoring(path)
        if values.plan is None:
            if len(loaded) != 1:
                msg = f'{path}: name its plan (plan = "...") when exporting several plans'
                raise UsageError(msg)
            plan_id = loaded[0].id
        else:
            plan_id = values.plan
        actuals.extend((plan_id, actual) for actual in values.actuals)
    count = export_plans(loaded, output, actuals, catalog=found.catalog(), units=found.units())
    click.echo(f"{count} rows written to {output}", err=True)


@click.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Labels' language (default: from LANGUAGE/LC_ALL/LANG, else en).",
)
@click.pass_context
@friendly
def diff(ctx: click.Context, old: str, new: str, fmt: str, lang: str | None) -> None:
    """Semantic differences between two plans (a draft and its final text, or successive plans).

    Exits 1 when the plans differ, 0 when they do not (like diff(1)).
    """
    from minzheng_plans.analysis.diff import diff_plans  # noqa: PLC0415
    from minzheng_plans.output.diff import diff_json, diff_text  # noqa: PLC0415

    found = host(ctx)
    before, after = read_plans(ctx, [old, new])
    result = diff_plans(before, after, catalog=found.catalog(), units=found.units())
    if fmt == "json":
        click.echo(diff_json(result))
    else:
        echo_text(diff_text(result, report_language(lang)))
    sys.exit(EXIT_FINDINGS if result else EXIT_OK)
