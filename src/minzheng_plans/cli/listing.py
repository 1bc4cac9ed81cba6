"""``schema``, ``plugins``, ``rules``, ``catalog``: what the library and its plugins know."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from minzheng_plans.cli.common import EXIT_FINDINGS, FORMAT_JSON, echo_text, friendly, host

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import CatalogEntry

__all__ = ["catalog", "plugins", "rules", "schema"]


@click.command()
@friendly
def schema() -> None:
    """Print the plan-file JSON Schema (Draft 2020-12)."""
    from minzheng_plans.schema import schema_json  # noqa: PLC0415

    click.echo(schema_json(), nl=False)


# A contribution list longer than this is counted, not spelled out (the catalog has ~100 codes).
_LISTED = 12


@click.command()
@click.argument("names", nargs=-1)
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.pass_context
@friendly
def plugins(ctx: click.Context, names: tuple[str, ...], fmt: str) -> None:
    """List plugins (or only those NAMES), where they come from and what they contribute.

    Long lists (the catalog's codes) are counted in text; --format json gives every item.
    """
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415
    from minzheng_plans.plugins.listing import plugin_rows  # noqa: PLC0415

    found = host(ctx)
    rows = plugin_rows(found)
    if names:
        unknown = sorted(set(names) - {row["name"] for row in rows})
        if unknown:
            msg = f"no plugin named {', '.join(unknown)} (minzheng-plans plugins lists them)"
            raise UsageError(msg)
        rows = [row for row in rows if row["name"] in names]
    if fmt == "json":
        click.echo(dumps_json({"plugins": rows, "findings": [f.text for f in found.findings]}))
        return
    for row in rows:
        origin = "built-in" if row["builtin"] else f"{row['distribution']} {row['version']}"
        echo_text(f"{row['name']}  ({origin})")
        if "error" in row:
            echo_text(f"    error: {row['error']}")
        for kind, items in row["contributes"].items():
            echo_text(f"    {kind}: {_listed(items)}")
    for finding in found.findings:
        echo_text(str(finding), err=True)


def _listed(items: int | list[str]) -> str:
    if isinstance(items, int):
        return str(items)
    if len(items) <= _LISTED:
        return ", ".join(items)
    return f"{len(items)} entries: {', '.join(items[:3])}, … (--format json lists all)"


@click.command()
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.option("--lang", metavar="zh|en", help="Summary language (default: LANG, else en).")
@click.pass_context
@friendly
def rules(ctx: click.Context, fmt: str, lang: str | None) -> None:
    """List every finding code: the core's and each rule with the plugin it comes from."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415
    from minzheng_plans.output.i18n import resolve_language, translate  # noqa: PLC0415
    from minzheng_plans.plugins.listing import rule_rows  # noqa: PLC0415

    language = resolve_language(lang)
    rows = rule_rows(host(ctx), lambda text: translate(text, language))
    if fmt == "json":
        click.echo(dumps_json({"rules": rows}))
        return
    for row in rows:
        name = f" {row['name']}" if row["name"] else ""
        further = row["codes"][1:]
        also = f"; also {', '.join(further)}" if further else ""
        echo_text(
            f"{row['code']}{name} [{row['severity']}] {row['summary']} ({row['plugin']}){also}"
        )


@click.command()
@click.argument("query", required=False, default="")
@click.option("--format", "fmt", type=FORMAT_JSON, default="text", show_default=True)
@click.pass_context
@friendly
def catalog(ctx: click.Context, query: str, fmt: str) -> None:
    """Search canonical indicators by code, Chinese name, alias or English words.

    Without QUERY, list them all. One hit shows every field; several show one line each.
    Exits 1 when nothing matches (suggesting similar names on stderr).
    """
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    entries = host(ctx).catalog()
    for conflict in entries.conflicts:  # plugins that claim the same code or name
        echo_text(f"minzheng-plans: warning: catalog: {conflict}", err=True)
    rows = [_entry_row(entry) for entry in entries.search(query)]
    if fmt == "json":
        click.echo(dumps_json({"query": query, "indicators": rows}))
    elif len(rows) == 1:
        for key, value in rows[0].items():
            shown = "; ".join(value) if isinstance(value, list) else value
            if shown or key == "unit":
                echo_text(f"{key + ':':<12}{shown}")
    else:
        for row in rows:
            echo_text(f"{row['code']:<44}{row['name']}  ({row['name_en']})")
    if not rows:
        candidates = entries.candidates(query)
        hint = ", ".join(f"{c.name} ({c.code})" for c in candidates)
        echo_text(
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
