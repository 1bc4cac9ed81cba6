"""The ``minzheng-plans`` command line.

Data goes to stdout (``--format json`` on every command that prints data), diagnostics to
stderr. Exit codes: 0 no error findings, 1 error findings, 2 bad usage or unreadable input.
Heavy modules are imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from decimal import Decimal

    from minzheng_plans.analysis.evaluate import Actual
    from minzheng_plans.core.model import Plan
    from minzheng_plans.plugins.host import PluginHost
    from minzheng_plans.registries.catalog import CatalogEntry
    from minzheng_plans.units.registry import Units

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "cli", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> NoReturn:
    click.echo(f"minzheng-plans: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _friendly(func: F) -> F:
    """Turn library errors into a one-paragraph message and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # Imported per call, not at module level: `--help` then loads click and nothing else.
        from minzheng_plans.core.errors import MinzhengError  # noqa: PLC0415

        try:
            return func(*args, **kwargs)
        except MinzhengError as err:
            _fail(str(err))
        except RecursionError:
            _fail("the input is nested too deeply to process")
        except MemoryError:
            _fail("the input is too large to process in memory")

    return wrapper  # type: ignore[return-value]


def _codes(values: Sequence[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _host(ctx: click.Context) -> PluginHost:
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    obj = ctx.ensure_object(dict)
    if "host" not in obj:
        obj["host"] = create_plugin_host(
            disabled=tuple(obj.get("disabled", ())), budget=obj.get("budget")
        )
    host: PluginHost = obj["host"]
    return host


FORMAT_JSON = click.Choice(["text", "json"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minzheng-plans")
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


@cli.command()
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
@_friendly
def load(
    ctx: click.Context, document: str, loader: str | None, fmt: str, output: str | None
) -> None:
    """Turn a published DOCUMENT (or a plan file) into a plan file."""
    import attrs  # noqa: PLC0415

    from minzheng_plans.files.planfile import dumps_plan  # noqa: PLC0415
    from minzheng_plans.output.report import findings_text  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    result = load_path(document, _host(ctx), loader=loader)
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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="text for people, json per the findings contract, sarif (SARIF 2.1.0) for CI.",
)
@click.option(
    "--lang",
    metavar="zh|en",
    help="Message language (default: the config's lang, else LANG, else en).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these codes or prefixes (MZ4, MZ401), comma-separated or repeated.",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these codes.")
@click.option("--loader", help="Force a loader for raw documents.")
@click.option("--no-bundled", is_flag=True, help="Do not resolve parents among bundled plans.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, exists=True),
    help="Read settings from this file instead of the nearest minzheng-plans.toml or "
    "pyproject.toml [tool.minzheng-plans].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes reading files; 0 uses every core.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when there are error findings (unreadable input still exits 2).",
)
@click.pass_context
@_friendly
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    lang: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    loader: str | None,
    no_bundled: bool,
    config_path: str | None,
    jobs: int,
    exit_zero: bool,
) -> None:
    """Check plan files and documents (files or directories); exit 1 on error findings."""
    from minzheng_plans.checking.config import load_config  # noqa: PLC0415
    from minzheng_plans.checking.runner import check_paths, collect_plan_paths  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.output.i18n import renderer, resolve_language  # noqa: PLC0415
    from minzheng_plans.output.report import findings_json, findings_text  # noqa: PLC0415
    from minzheng_plans.reading.document import DEFAULT_MAX_BYTES  # noqa: PLC0415

    missing = [p for p in paths if not _exists(p)]
    if missing:
        msg = f"no such file or directory: {', '.join(missing)}"
        raise UsageError(msg)
    config = load_config(paths, config_path)
    _configure_host(ctx, config.plugin_timeout, config.disable_plugins)
    language = resolve_language(lang or config.lang)
    render = renderer(language)
    files = collect_plan_paths(paths)
    # A progress bar only where a person watches: never in pipes, files or CI logs.
    show = sys.stderr.isatty() and len(files) > _PROGRESS_MIN_FILES
    with click.progressbar(
        length=len(files), label="Reading", file=sys.stderr, hidden=not show
    ) as bar:
        report = check_paths(
            files,
            _host(ctx),
            # The command line's --select replaces the file's; --ignore adds to it.
            select=_codes(select) or list(config.select),
            ignore=[*config.ignore, *_codes(ignore)],
            loader=loader,
            use_bundled=not no_bundled,
            jobs=jobs,
            progress=bar.update,
            max_bytes=config.max_file_bytes or DEFAULT_MAX_BYTES,
        )
    findings = config.apply(report.findings)
    if fmt == "json":
        from minzheng_plans import __version__  # noqa: PLC0415

        click.echo(
            findings_json(
                findings,
                {"plans": len(report.plans), "unreadable": report.unreadable},
                render=render,
                version=__version__,
                language=language,
                plugins=[
                    {"name": p.name, "distribution": p.distribution, "version": p.version}
                    for p in _host(ctx).plugins
                ],
                inputs=[
                    {"path": i.path, "sha256": i.sha256, "plan": i.plan} for i in report.inputs
                ],
            )
        )
    elif fmt == "sarif":
        click.echo(_sarif(ctx, findings, report, language))
    else:
        from minzheng_plans.output.i18n import translate  # noqa: PLC0415

        click.echo(
            findings_text(
                findings,
                render=render,
                style=_severity_style,
                translate=lambda text: translate(text, language),
            )
        )
    if report.unreadable:
        sys.exit(EXIT_USAGE)
    # Plugin and runtime problems (MZ0xx) are reported but do not fail the plans: the exit code
    # reflects only findings about the data, so a broken third-party plugin cannot fail CI.
    failed = any(f.severity == "error" and not f.code.startswith("MZ0") for f in findings)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _severity_style(label: str, severity: str) -> str:
    # click.echo drops the colour codes when stdout is not a terminal.
    return click.style(label, fg=_COLOURS.get(str(severity)), bold=str(severity) == "error" or None)


def _configure_host(ctx: click.Context, timeout: float | None, disabled: Sequence[str]) -> None:
    """Apply configuration-file plugin settings unless the command line set them."""
    obj = ctx.ensure_object(dict)
    parent = ctx.parent
    if (
        timeout is not None
        and parent is not None
        and parent.get_parameter_source("budget") is click.core.ParameterSource.DEFAULT
    ):
        obj["budget"] = timeout
    if disabled:
        obj["disabled"] = (*obj.get("disabled", ()), *disabled)


def _sarif(ctx: click.Context, findings: Sequence[Any], report: Any, language: str) -> str:
    from minzheng_plans import __version__  # noqa: PLC0415
    from minzheng_plans.checking.locate import LocatedInput, input_locator  # noqa: PLC0415
    from minzheng_plans.core.findings import CORE_CODES  # noqa: PLC0415
    from minzheng_plans.output.i18n import renderer, translate  # noqa: PLC0415
    from minzheng_plans.output.report import RuleDescriptor, findings_sarif  # noqa: PLC0415

    plans = {plan.id: plan for plan in report.plans}
    rules = [
        RuleDescriptor(code, severity, summary) for code, (severity, summary) in CORE_CODES.items()
    ]
    rules.extend(
        RuleDescriptor(i.rule.code, i.rule.severity, i.rule.summary, i.rule.name)
        for i in _host(ctx).rules()
    )
    return findings_sarif(
        findings,
        rules,
        version=__version__,
        render=renderer(language),
        translate=lambda text: translate(text, language),
        language=language,
        inputs=[(i.path, i.sha256) for i in report.inputs],
        relocate=input_locator(
            [
                LocatedInput(i.path, plans[i.plan])
                for i in report.inputs
                if i.plan is not None and i.plan in plans
            ]
        ),
    )


_PROGRESS_MIN_FILES = 20


def _exists(path: str) -> bool:
    from pathlib import Path  # noqa: PLC0415

    return Path(path).exists()


@cli.command()
@_friendly
def schema() -> None:
    """Print the plan-file JSON Schema (Draft 2020-12)."""
    from minzheng_plans.schema import schema_json  # noqa: PLC0415

    click.echo(schema_json(), nl=False)


@cli.command()
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.pass_context
@_friendly
def plugins(ctx: click.Context, fmt: str) -> None:
    """List plugins, where they come from and what they contribute."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    host = _host(ctx)
    contributions: dict[str, dict[str, list[str]]] = {p.name: {} for p in host.plugins}
    for hook, label, key in (
        ("register_loaders", "loaders", "name"),
        ("register_rules", "rules", "code"),
        ("register_units", "units", None),
        ("register_catalog", "catalog", "code"),
        ("register_jurisdictions", "jurisdictions", "code"),
    ):
        for item, info in host.collect(hook):
            text = str(item).split("#", 1)[0].strip() if key is None else getattr(item, key)
            if text:
                contributions[info.name].setdefault(label, []).append(text)
    # Build the registries too, so that contributions they refuse (MZ003, MZ006) are listed.
    host.loaders(), host.rules(), host.units(), host.catalog(), host.jurisdictions()
    rows: list[dict[str, Any]] = [
        {
            "name": p.name,
            "builtin": p.builtin,
            "distribution": p.distribution,
            "version": p.version,
            "hooks": list(p.hooks),
            "contributes": {
                k: len(v) if k == "units" else v for k, v in contributions[p.name].items()
            },
            **({"error": p.error} if p.error else {}),
        }
        for p in host.plugins
    ]
    if fmt == "json":
        click.echo(dumps_json({"plugins": rows, "findings": [f.text for f in host.findings]}))
        return
    for row in rows:
        origin = "built-in" if row["builtin"] else f"{row['distribution']} {row['version']}"
        click.echo(f"{row['name']}  ({origin})")
        if "error" in row:
            click.echo(f"    error: {row['error']}")
        for kind, items in row["contributes"].items():
            shown = items if isinstance(items, int) else ", ".join(items)
            click.echo(f"    {kind}: {shown}")
    for finding in host.findings:
        click.echo(str(finding), err=True)


@cli.command()
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.option("--lang", metavar="zh|en", help="Summary language (default: LANG, else en).")
@click.pass_context
@_friendly
def rules(ctx: click.Context, fmt: str, lang: str | None) -> None:
    """List every finding code: the core's and each rule with the plugin it comes from."""
    from minzheng_plans.core.findings import CORE_CODES  # noqa: PLC0415
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415
    from minzheng_plans.output.i18n import resolve_language, translate  # noqa: PLC0415

    language = resolve_language(lang)
    host = _host(ctx)
    rows: list[dict[str, Any]] = [
        {
            "code": code,
            "name": None,
            "severity": severity.value,
            "summary": translate(text, language),
            "plugin": "core",
        }
        for code, (severity, text) in CORE_CODES.items()
    ]
    rows.extend(
        {
            "code": info.rule.code,
            "name": info.rule.name,
            "severity": str(info.rule.severity),
            "summary": translate(info.rule.summary, language),
            "plugin": info.plugin.name,
        }
        for info in host.rules()
    )
    rows.sort(key=lambda row: str(row["code"]))
    if fmt == "json":
        click.echo(dumps_json({"rules": rows}))
        return
    for row in rows:
        name = f" {row['name']}" if row["name"] else ""
        click.echo(f"{row['code']}{name} [{row['severity']}] {row['summary']} ({row['plugin']})")


@cli.command()
@click.argument("query", required=False, default="")
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.pass_context
@_friendly
def catalog(ctx: click.Context, query: str, fmt: str) -> None:
    """Search canonical indicators by code, Chinese name, alias or English words.

    Without QUERY, list them all. One hit shows every field; several show one line each.
    Exits 1 when nothing matches (suggesting similar names on stderr).
    """
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    entries = _host(ctx).catalog()
    for conflict in entries.conflicts:  # plugins that claim the same code or name
        click.echo(f"minzheng-plans: warning: catalog: {conflict}", err=True)
    rows = [_entry_row(entry) for entry in entries.search(query)]
    if fmt == "json":
        click.echo(dumps_json({"query": query, "indicators": rows}))
    elif len(rows) == 1:
        for key, value in rows[0].items():
            shown = "; ".join(value) if isinstance(value, list) else value
            if shown or key == "unit":
                click.echo(f"{key + ':':<12}{shown}")
    else:
        for row in rows:
            click.echo(f"{row['code']:<44}{row['name']}  ({row['name_en']})")
    if not rows:
        candidates = entries.candidates(query)
        hint = ", ".join(f"{c.name} ({c.code})" for c in candidates)
        click.echo(
            f"no indicator matches {query!r}" + (f"; similar: {hint}" if hint else ""), err=True
        )
        sys.exit(EXIT_FINDINGS)


def _entry_row(entry: CatalogEntry) -> dict[str, Any]:
    return {
        "code": entry.code,
        "name": entry.name,
        "name_en": entry.name_en,
        "aliases": list(entry.aliases),
        "unit": entry.unit,
        "kind": entry.kind.value,
        "intensive": entry.intensive,
        "direction": entry.direction.value,
        "domain": entry.domain,
        "definition": entry.definition,
    }


# -- compare, evaluate, export, diff ------------------------------------------------------------


def _read_plans(ctx: click.Context, paths: Sequence[str]) -> list[Plan]:
    """Plan files (.toml, .json) directly; anything else through the loaders."""
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.files.planfile import read_plan  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    plans = []
    for path in paths:
        if not _exists(path):
            msg = f"no such file: {path}"
            raise UsageError(msg)
        if path.lower().endswith((".toml", ".json")):
            plans.append(read_plan(path))
        else:
            plans.append(load_path(path, _host(ctx)).plan)
    return plans


@cli.command()
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
@_friendly
def compare(
    ctx: click.Context, plans: tuple[str, ...], codes: tuple[str, ...], fmt: str, chart: str | None
) -> None:
    """Compare the same catalog indicators side by side across PLANS, in catalog units."""
    from minzheng_plans.analysis.compare import compare_plans  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415

    host = _host(ctx)
    wanted = _codes(codes)
    catalog = host.catalog()
    unknown = [code for code in wanted if code not in catalog]
    if unknown:
        msg = f"not a catalog code: {', '.join(unknown)} (see `minzheng-plans catalog`)"
        raise UsageError(msg)
    table = compare_plans(
        _read_plans(ctx, plans),
        wanted,
        catalog=catalog,
        units=host.units(),
        jurisdictions=host.jurisdictions(),
    )
    if fmt == "json":
        click.echo(table.json())
    elif fmt == "csv":
        click.echo(table.csv(), nl=False)
    else:
        click.echo(table.text())
    if chart:
        from minzheng_plans.output.chart import draw_comparison  # noqa: PLC0415

        code = wanted[0] if wanted else next(iter(table.codes()), None)
        if code is None:
            msg = "nothing to chart: no plan has a catalog indicator"
            raise UsageError(msg)
        result = draw_comparison(table, code, chart, catalog=catalog)
        if result.warning:
            click.echo(f"minzheng-plans: warning: {result.warning}", err=True)
        click.echo(f"chart of {code} written to {result.path}", err=True)


@cli.command()
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
@_friendly
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
    from minzheng_plans.analysis.evaluate import evaluate_plan, read_monitoring  # noqa: PLC0415

    host = _host(ctx)
    (loaded,) = _read_plans(ctx, [plan])
    result = evaluate_plan(
        loaded,
        read_monitoring(monitoring),
        stage="final" if stage == "final" else "mid",
        year=year,
        catalog=host.catalog(),
        units=host.units(),
    )
    language = _report_language(lang)
    click.echo(result.json(language) if fmt == "json" else result.text(language))


def _report_language(option: str | None) -> str:
    """``zh`` or ``en``: the option, else the environment as ``check`` reads it."""
    from minzheng_plans.output.i18n import resolve_language  # noqa: PLC0415

    return "zh" if resolve_language(option).startswith("zh") else "en"


@cli.command()
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
@_friendly
def export(
    ctx: click.Context, plans: tuple[str, ...], output: str, monitoring: tuple[str, ...]
) -> None:
    """Export PLANS as tidy rows (plan, indicator, kind, year, value, unit, normalised)."""
    from minzheng_plans.analysis.evaluate import read_monitoring  # noqa: PLC0415
    from minzheng_plans.analysis.export import export_plans  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415

    host = _host(ctx)
    loaded = _read_plans(ctx, plans)
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
    count = export_plans(loaded, output, actuals, catalog=host.catalog(), units=host.units())
    click.echo(f"{count} rows written to {output}", err=True)


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Labels' language (default: from LANGUAGE/LC_ALL/LANG, else en).",
)
@click.pass_context
@_friendly
def diff(ctx: click.Context, old: str, new: str, fmt: str, lang: str | None) -> None:
    """Semantic differences between two plans (a draft and its final text, or successive plans).

    Exits 1 when the plans differ, 0 when they do not (like diff(1)).
    """
    from minzheng_plans.analysis.diff import diff_plans  # noqa: PLC0415

    host = _host(ctx)
    before, after = _read_plans(ctx, [old, new])
    result = diff_plans(before, after, catalog=host.catalog(), units=host.units())
    click.echo(result.json() if fmt == "json" else result.text(_report_language(lang)))
    sys.exit(EXIT_FINDINGS if result else EXIT_OK)


_SIGNS = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def _split_operation(text: str) -> tuple[str, str, str] | None:
    """``a ÷ b`` or ``a × b`` (spaces around × and *, which also occur inside units)."""
    for operator in ("÷", " × ", " * "):
        if operator in text:
            left, _, right = text.partition(operator)
            return left.strip(), operator.strip().replace("*", "×"), right.strip()
    return None


def _converts_approximately(registry: Units, source: str, target: str) -> bool:
    from minzheng_plans.core.errors import IncompatibleUnitsError  # noqa: PLC0415

    try:
        registry.factor(source, target, approximate=True)
    except IncompatibleUnitsError:
        return False
    return True


@cli.command()
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
@_friendly
def convert(
    ctx: click.Context, quantity: str, unit: str, fmt: str, approximate: bool, places: int | None
) -> None:
    """Convert QUANTITY (678 元/人·月, ≥55%, 35-40张, or a ÷ b, a × b) to UNIT, exactly.

    Examples: minzheng-plans convert "678 元/人·月" "元/人·年";
    minzheng-plans convert --places 2 "5962 元/人·年 ÷ 678 元/人·月" "%"
    """
    from fractions import Fraction  # noqa: PLC0415

    from minzheng_plans.core.errors import IncompatibleUnitsError, UsageError  # noqa: PLC0415
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415
    from minzheng_plans.units.registry import to_decimal  # noqa: PLC0415

    registry = _host(ctx).units()
    operation = _split_operation(quantity)
    if operation is not None:
        # 5962 元/人·年 ÷ 678 元/人·月: an exact product or quotient, then converted.
        left, operator, right = operation
        product, source = registry.combine_fraction(
            registry.quantity(left), registry.quantity(right), divide=operator == "÷"
        )
        kind, comparator, ends = "value", "=", [product]
    else:
        parsed = registry.read(quantity)
        if parsed.kind not in {"value", "range"}:
            msg = (
                f"{quantity!r} is not a quantity to convert: give a number with a unit "
                "(678 元/人·月), or two joined by ÷ or ×"
            )
            raise UsageError(msg)
        kind, source = parsed.kind, parsed.unit
        comparator = str(parsed.comparator) if kind == "value" and parsed.comparator else "="
        written = [parsed.value] if kind == "value" else [parsed.low, parsed.high]
        ends = [Fraction(end) for end in written if end is not None]
    target = registry.normalise(unit)
    try:
        factor = registry.factor(source, target, approximate=approximate)
    except IncompatibleUnitsError as err:
        if approximate or not _converts_approximately(registry, source, target):
            raise
        msg = f"{err}; they convert only approximately: add --approximate (see docs/units.md)"
        raise UsageError(msg) from None
    results: list[Decimal] = []
    exact = True
    for end in ends:
        fraction = end * factor
        value = to_decimal(fraction, places)
        exact = exact and Fraction(value) == fraction
        results.append(value)
    if fmt == "json":
        tree: dict[str, object] = {
            "input": quantity,
            "from": {"unit": source, "dimension": registry.dimension(source)},
            "unit": target,
            "factor": str(factor),
            "exact": exact,
            "approximate": approximate,
        }
        if kind == "value":
            tree.update(value=results[0], comparator=comparator)
        else:
            tree.update(low=results[0], high=results[1])
        click.echo(dumps_json(tree))
        return
    spaced = f" {target}" if target else ""
    if kind == "value":
        shown = f"{_SIGNS[comparator]}{results[0]}{spaced}"
    else:
        shown = f"{results[0]}-{results[1]}{spaced}"
    note = "" if exact else "  (rounded)"
    click.echo(f"{quantity.strip()} = {shown}{note}")


from minzheng_plans.cli.places import places as _places  # noqa: E402 - registered last

cli.add_command(_places)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``minzheng-plans`` script."""
    cli.main(
        args=list(argv) if argv is not None else None,
        prog_name="minzheng-plans",
        standalone_mode=True,
    )
