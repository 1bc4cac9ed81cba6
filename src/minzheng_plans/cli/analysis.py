"""``compare``, ``evaluate``, ``export``, ``diff``: analyses of plans already read."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from minzheng_plans.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORMAT_JSON,
    OUTPUT,
    chosen_format,
    echo_text,
    emit,
    friendly,
    host,
    read_plans,
    split_codes,
)

if TYPE_CHECKING:
    from minzheng_plans.files.monitoring import Actual

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
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page, the table and a chart per indicator.",
)
@OUTPUT
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Language of the table: the html page defaults to zh, text to LANGUAGE/LC_ALL/LANG "
    "(else en).",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, writable=True),
    help="Also draw the first indicator as FILE.svg or FILE.png (the plot extra).",
)
@click.pass_context
@friendly
def compare(
    ctx: click.Context,
    plans: tuple[str, ...],
    codes: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str | None,
    chart: str | None,
) -> None:
    """Compare the same catalog indicators side by side across PLANS, in catalog units."""
    from minzheng_plans.analysis.compare import compare_plans  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.output.comparison import (  # noqa: PLC0415
        comparison_csv,
        comparison_json,
        comparison_text,
    )
    from minzheng_plans.output.i18n import resolve_language  # noqa: PLC0415

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
    fmt = chosen_format(ctx, fmt, output)
    if fmt == "json":
        emit(comparison_json(table), output)
    elif fmt == "csv":
        if output is None:
            click.echo(comparison_csv(table), nl=False)
        else:
            emit(comparison_csv(table), output)
    elif fmt == "html":
        from minzheng_plans.output.html import render_comparison_html  # noqa: PLC0415

        emit(render_comparison_html(table, lang=lang or "zh"), output)
    else:
        emit(comparison_text(table, resolve_language(lang)), output, for_people=True)
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page with a chart per indicator.",
)
@OUTPUT
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Report language (default: from LANGUAGE/LC_ALL/LANG, else en; html defaults to zh).",
)
@click.option(
    "--isolated",
    is_flag=True,
    help="Read no configuration file (its ignore, severity, waivers and progress-margin).",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Do not fail because an evaluation rule could not run (it is still reported).",
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
    output: str | None,
    lang: str | None,
    isolated: bool,
    allow_incomplete: bool,
) -> None:
    """Evaluate PLAN's progress from monitoring values: met, on track, off track.

    The evaluation rules (MZ6xx, and MZ209 for completion statuses) report what the values
    say as findings, under the configuration's policy; the exit code follows them as in
    check (1 when a binding target was missed).
    """
    from minzheng_plans.analysis.evaluate import (  # noqa: PLC0415
        EVALUATION_CODES,
        evaluate_plan,
    )
    from minzheng_plans.checking.config import load_config  # noqa: PLC0415
    from minzheng_plans.checking.policy import Policy  # noqa: PLC0415
    from minzheng_plans.checking.runner import check_plans  # noqa: PLC0415
    from minzheng_plans.files.monitoring import read_monitoring  # noqa: PLC0415
    from minzheng_plans.output.evaluation import evaluation_json, evaluation_text  # noqa: PLC0415
    from minzheng_plans.output.i18n import resolve_language  # noqa: PLC0415

    found = host(ctx)
    (loaded,) = read_plans(ctx, [plan])
    values = read_monitoring(monitoring)
    result = evaluate_plan(
        loaded,
        values,
        stage="final" if stage == "final" else "mid",
        year=year,
        catalog=found.catalog(),
        units=found.units(),
    )
    policy = Policy.from_config(
        load_config([plan], isolated=isolated),
        select=EVALUATION_CODES,
        allow_incomplete=allow_incomplete,
    )
    report = check_plans(
        [loaded], found, bundled=(), policy=policy, monitoring=[values], as_of=result.year
    )
    fmt = chosen_format(ctx, fmt, output)
    if fmt == "html":
        from minzheng_plans.output.html import render_evaluation_html  # noqa: PLC0415

        emit(render_evaluation_html(result, lang=lang or "zh", plan=loaded), output)
    else:
        language = resolve_language(lang)
        render = evaluation_json if fmt == "json" else evaluation_text
        emit(render(result, language, report=report), output, for_people=fmt != "json")
    sys.exit(report.exit_code)


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
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Language of the findings' messages in a SQLite export (default zh).",
)
@click.option("--no-bundled", is_flag=True, help="Do not check against bundled parent plans.")
@click.pass_context
@friendly
def export(
    ctx: click.Context,
    plans: tuple[str, ...],
    output: str,
    monitoring: tuple[str, ...],
    lang: str | None,
    no_bundled: bool,
) -> None:
    """Export PLANS as tidy rows (plan, indicator, kind, year, value, unit, normalised)."""
    from minzheng_plans.analysis.export import export_plans  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.files.monitoring import read_monitoring  # noqa: PLC0415

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
    findings = None
    render = None
    if output.lower().endswith((".sqlite", ".sqlite3", ".db")):
        # A database holds what a check of these plans finds, beside their figures.
        from minzheng_plans.checking.bundled import bundled_plans  # noqa: PLC0415
        from minzheng_plans.checking.runner import check_plans  # noqa: PLC0415
        from minzheng_plans.output.i18n import renderer, resolve_language  # noqa: PLC0415

        findings = check_plans(loaded, found, bundled=() if no_bundled else bundled_plans())
        render = renderer(resolve_language(lang or "zh"))
    count = export_plans(
        loaded,
        output,
        actuals,
        catalog=found.catalog(),
        units=found.units(),
        findings=findings,
        render=render,
    )
    echo_text(f"{count} rows written to {output}", err=True)


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
    from minzheng_plans.output.i18n import resolve_language  # noqa: PLC0415

    found = host(ctx)
    before, after = read_plans(ctx, [old, new])
    result = diff_plans(before, after, catalog=found.catalog(), units=found.units())
    if fmt == "json":
        click.echo(diff_json(result))
    else:
        echo_text(diff_text(result, resolve_language(lang)))
    sys.exit(EXIT_FINDINGS if result else EXIT_OK)
