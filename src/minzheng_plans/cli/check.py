"""``minzheng-plans check``: check plan files and documents; exit 1 on error findings."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from minzheng_plans.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    exists,
    friendly,
    host,
    split_codes,
)

if TYPE_CHECKING:
    from minzheng_plans.checking.runner import CheckReport
    from minzheng_plans.core.findings import Finding

__all__ = ["check"]

# A progress bar only where a person watches, and only for a run long enough to need one.
_PROGRESS_MIN_FILES = 20

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


@click.command()
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
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="One MZ504 line per indicator the catalog does not know, with its nearest "
    "candidates (by default one line per plan counts them).",
)
@click.pass_context
@friendly
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
    verbose: bool,
) -> None:
    """Check plan files and documents (files or directories); exit 1 on error findings."""
    from minzheng_plans.checking.config import load_config  # noqa: PLC0415
    from minzheng_plans.checking.discovery import collect_plan_paths  # noqa: PLC0415
    from minzheng_plans.checking.policy import fails_run  # noqa: PLC0415
    from minzheng_plans.checking.runner import check_paths  # noqa: PLC0415
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.files.document import DEFAULT_MAX_BYTES  # noqa: PLC0415
    from minzheng_plans.output.i18n import resolve_language  # noqa: PLC0415

    missing = [p for p in paths if not exists(p)]
    if missing:
        msg = f"no such file or directory: {', '.join(missing)}"
        raise UsageError(msg)
    config = load_config(paths, config_path)
    _configure_host(ctx, config.plugin_timeout, config.disable_plugins)
    language = resolve_language(lang or config.lang)
    files = collect_plan_paths(paths)
    show = sys.stderr.isatty() and len(files) > _PROGRESS_MIN_FILES
    with click.progressbar(
        length=len(files), label="Reading", file=sys.stderr, hidden=not show
    ) as bar:
        report = check_paths(
            files,
            host(ctx),
            # The command line's --select replaces the file's; --ignore adds to it.
            select=split_codes(select) or list(config.select),
            ignore=[*config.ignore, *split_codes(ignore)],
            loader=loader,
            use_bundled=not no_bundled,
            jobs=jobs,
            progress=bar.update,
            max_bytes=config.max_file_bytes or DEFAULT_MAX_BYTES,
        )
    findings = config.apply(report.findings)
    if not verbose:
        from minzheng_plans.text.coding import summarise_uncatalogued  # noqa: PLC0415

        findings = summarise_uncatalogued(findings)
    click.echo(_render(ctx, fmt, findings, report, language))
    if report.unreadable:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if fails_run(findings) and not exit_zero else EXIT_OK)


def _render(
    ctx: click.Context,
    fmt: str,
    findings: Sequence[Finding],
    report: CheckReport,
    language: str,
) -> str:
    from minzheng_plans.output.check import check_json, check_sarif, check_text  # noqa: PLC0415

    if fmt == "json":
        return check_json(findings, report, host(ctx), language)
    if fmt == "sarif":
        return check_sarif(findings, report, host(ctx), language)
    return check_text(findings, report, language, style=_severity_style)


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
