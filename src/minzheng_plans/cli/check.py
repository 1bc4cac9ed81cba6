"""``minzheng-plans check``: check plan files and documents; exit 1 on error findings.

The command reads its options and the configuration, then asks the library: the policy
(selection, severities, waivers, baseline, the exit rule) is applied by
:func:`minzheng_plans.checking.runner.check_paths`, whose report says the exit code.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from minzheng_plans.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    OUTPUT,
    chosen_format,
    echo_text,
    emit,
    exists,
    friendly,
    host,
    split_codes,
)

if TYPE_CHECKING:
    from minzheng_plans.checking.baseline import Baseline
    from minzheng_plans.checking.runner import CheckReport

__all__ = ["check"]

# A progress bar only where a person watches, and only for a run long enough to need one.
_PROGRESS_MIN_FILES = 20

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "html", "xlsx"]),
    default="text",
    show_default=True,
    help="text for people, json per the findings contract, sarif (SARIF 2.1.0) for CI, "
    "html (one self-contained page), xlsx (the findings workbook; needs -o).",
)
@OUTPUT
@click.option(
    "--lang",
    metavar="zh|en",
    help="Message language (default: the config's lang, else LANG, else en; html and xlsx "
    "default to zh).",
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
    help="Exit 0 even when there are error findings or rules that did not run "
    "(unreadable input still exits 2).",
)
@click.option(
    "--isolated",
    is_flag=True,
    help="Read no configuration file (neither minzheng-plans.toml nor pyproject.toml).",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Do not fail the run because a rule or loader could not run on an input (it is "
    "still reported).",
)
@click.option(
    "--show-waived",
    is_flag=True,
    help="List waived findings and those in the baseline, with their justification.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, exists=True),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_path",
    type=click.Path(dir_okay=False),
    help="Record every finding of this run in FILE (a baseline for --baseline).",
)
@click.option(
    "--monitoring",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Actual values by year (.toml or .csv) for the evaluation rules (MZ6xx); repeatable.",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="One MZ504 line per indicator the catalog does not know, with its nearest "
    "candidates (by default one line per plan counts them; verbose = true in the "
    "configuration does the same).",
)
@click.pass_context
@friendly
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    loader: str | None,
    no_bundled: bool,
    config_path: str | None,
    jobs: int,
    exit_zero: bool,
    isolated: bool,
    allow_incomplete: bool,
    show_waived: bool,
    baseline_path: str | None,
    write_path: str | None,
    monitoring: tuple[str, ...],
    verbose: bool,
) -> None:
    """Check plan files and documents (files or directories); exit 1 on error findings."""
    from minzheng_plans.checking.config import load_config  # noqa: PLC0415
    from minzheng_plans.checking.discovery import collect_plan_paths  # noqa: PLC0415
    from minzheng_plans.checking.policy import Policy  # noqa: PLC0415
    from minzheng_plans.checking.runner import check_paths, record_baseline  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.files.document import DEFAULT_MAX_BYTES  # noqa: PLC0415
    from minzheng_plans.output.i18n import resolve_language  # noqa: PLC0415

    missing = [p for p in paths if not exists(p)]
    if missing:
        msg = f"no such file or directory: {', '.join(missing)}"
        raise UsageError(msg)
    fmt = chosen_format(ctx, fmt, output)
    if fmt == "xlsx" and output is None:
        msg = "the xlsx workbook is a file: give -o FILE.xlsx"
        raise UsageError(msg)
    if isolated and config_path:
        msg = "--isolated reads no configuration file; it cannot be combined with --config"
        raise UsageError(msg)
    config = load_config(paths, config_path, isolated=isolated)
    _configure_host(ctx, config.plugin_timeout, config.disable_plugins)
    # The pages and workbooks officials open are Chinese unless asked otherwise.
    readable = "zh" if fmt in {"html", "xlsx"} else None
    language = resolve_language(lang or config.lang or readable)
    policy = Policy.from_config(
        config,
        # The command line's --select replaces the file's; --ignore adds to it.
        select=split_codes(select),
        ignore=split_codes(ignore),
        allow_incomplete=allow_incomplete,
        baseline=_read_baseline(baseline_path) if baseline_path else None,
        # Writing a baseline records every finding; the old one (perhaps not written yet)
        # is not needed for that.
        read_baseline_file=not write_path,
        verbose=verbose,
    )
    values = []
    if monitoring:
        from minzheng_plans.files.monitoring import read_monitoring  # noqa: PLC0415 - rarely

        values = [read_monitoring(path) for path in monitoring]
    files = collect_plan_paths(paths)
    run = functools.partial(
        check_paths,
        files,
        host(ctx),
        loader=loader,
        use_bundled=not no_bundled,
        jobs=jobs,
        max_bytes=config.max_file_bytes or DEFAULT_MAX_BYTES,
        policy=policy,
        monitoring=values,
    )
    if sys.stderr.isatty() and len(files) > _PROGRESS_MIN_FILES:
        with click.progressbar(length=len(files), label="Reading", file=sys.stderr) as bar:
            report = run(progress=bar.update)
    else:
        # No bar at all: building even a hidden one imports click's terminal machinery.
        report = run()
    if write_path:
        report = record_baseline(report, write_path)
    if fmt == "xlsx":
        from minzheng_plans.output.check import write_check_workbook  # noqa: PLC0415

        assert output is not None
        write_check_workbook(
            output, report.findings, report, host(ctx), language, use_bundled=not no_bundled
        )
        echo_text(f"workbook written to {output}", err=True)
    else:
        text = _render(
            ctx,
            fmt,
            report,
            language,
            show_waived=show_waived,
            use_bundled=not no_bundled,
            styled=output is None,
        )
        emit(text, output)
    code = report.exit_code
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def _read_baseline(path: str) -> Baseline:
    from minzheng_plans.checking.baseline import read_baseline  # noqa: PLC0415 - only when given

    return read_baseline(path)


def _render(
    ctx: click.Context,
    fmt: str,
    report: CheckReport,
    language: str,
    *,
    show_waived: bool,
    use_bundled: bool,
    styled: bool,
) -> str:
    from minzheng_plans.output.check import (  # noqa: PLC0415
        check_html,
        check_json,
        check_sarif,
        check_text,
    )

    if fmt == "json":
        return check_json(report.findings, report, host(ctx), language)
    if fmt == "sarif":
        return check_sarif(report.findings, report, host(ctx), language)
    if fmt == "html":
        return check_html(report.findings, report, host(ctx), language, use_bundled=use_bundled)
    # Colours only for a terminal (click.echo drops them for pipes; a file keeps none).
    style = _severity_style if styled else None
    return check_text(report, language, show_waived=show_waived, style=style)


def _severity_style(label: str, severity: str) -> str:
    # click.echo drops the colour codes when stdout is not a terminal; NO_COLOR (no-color.org),
    # set to anything but the empty string, turns them off on a terminal too.
    if os.environ.get("NO_COLOR"):
        return label
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
