"""``minzheng-plans places QUERY``: look a division of China up by code, name or short form.

Kept in its own module (the command group registers it): it needs the plugin host's
jurisdiction registry and nothing else of the other commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from minzheng_plans.cli.common import echo_text

if TYPE_CHECKING:
    from minzheng_plans.registries.placeindex import PlaceIndex, PlaceLookup
    from minzheng_plans.registries.places import Division

__all__ = ["places"]

# The command group's exit codes (cli.app): 2 is bad usage or nothing to answer with.
_EXIT_NOTHING = 2


@click.command()
@click.argument("query")
@click.option("--year", type=click.IntRange(1949, 2100), help="Prefer divisions valid in YEAR.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def places(ctx: click.Context, query: str, year: int | None, fmt: str) -> None:
    """Look up a division by GB/T 2260 code, name, short form (杭州) or qualified name
    (南京市鼓楼区): code, name, level, parent, years valid and the names it is written by.

    An ambiguous name (鼓楼区) lists every match with its parent; a misspelt one gets
    suggestions. Exits 2 when nothing matches.
    """
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415
    from minzheng_plans.registries.placeindex import place_record  # noqa: PLC0415

    registry = _registry(ctx)
    lookup = registry.lookup(query, year=year)
    index = registry.places()
    if fmt == "json":
        click.echo(
            dumps_json(
                {
                    "query": query,
                    "year": year,
                    "status": lookup.status,
                    "matches": [
                        _with_match(place_record(m.place, index), m) for m in lookup.matches
                    ],
                    "suggestions": [place_record(p, index) for p in lookup.suggestions],
                }
            )
        )
    else:
        _print_text(lookup, index)
    if not lookup.matches:
        hint = ", ".join(_label(p, index) for p in lookup.suggestions)
        when = f" in {year}" if year is not None else ""
        echo_text(
            f"minzheng-plans: error: no division matches {query!r}{when}"
            + (f"; did you mean {hint}?" if hint else ""),
            err=True,
        )
        sys.exit(_EXIT_NOTHING)


def _registry(ctx: click.Context) -> Any:
    """The plugin host's registry (plugin places included); the group shares one host."""
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    obj = ctx.ensure_object(dict)
    if "host" not in obj:
        obj["host"] = create_plugin_host(
            disabled=tuple(obj.get("disabled", ())), budget=obj.get("budget")
        )
    return obj["host"].jurisdictions()


def _with_match(record: dict[str, Any], match: Any) -> dict[str, Any]:
    return {**record, "matched": {"as": match.how, "written": match.written}}


def _label(place: Division, index: PlaceIndex) -> str:
    parent = index.get(place.parent) if place.parent else None
    under = f", {parent.name}" if parent is not None else ""
    return f"{place.name} ({place.code}{under})"


def _years(place: Division) -> str:
    if place.since is None and place.until is None:
        return "current (in force before 2011)"
    if place.until is None:
        return f"current, since {place.since}"
    start = place.since if place.since is not None else "before 2011"
    return f"{start}–{place.until} (no longer current)"


def _print_text(lookup: PlaceLookup, index: PlaceIndex) -> None:
    if len(lookup.matches) > 1:
        echo_text(f"{lookup.query} names {len(lookup.matches)} divisions:")
        for match in lookup.matches:
            place = match.place
            parent = index.get(place.parent) if place.parent else None
            under = f"{place.parent} {parent.name}" if parent is not None else "—"
            years = "" if place.current else f"  [{_years(place)}]"
            echo_text(f"  {place.code}  {place.name}  {place.level.value}  in {under}{years}")
        echo_text("Qualify the name with its parent (南京市鼓楼区) or give the code.")
        return
    for match in lookup.matches:
        place = match.place
        parent = index.get(place.parent) if place.parent else None
        rows = [
            ("code", place.code),
            ("name", place.name + (f" ({place.name_en})" if place.name_en else "")),
            ("level", place.level.value + (f" ({place.kind})" if place.kind else "")),
            ("parent", f"{place.parent} {parent.name}" if parent is not None else "—"),
            ("valid", _years(place)),
        ]
        if place.successors:
            rows.append(
                (
                    "replaced by",
                    ", ".join(_label(p, index) for p in _known(place.successors, index)),
                )
            )
        names = [*place.short, *place.aliases]
        names += [f"{old} (until {until})" if until else old for old, until in place.former]
        rows.append(("also", "; ".join(names) or "—"))
        if match.how != "name":
            rows.append(("matched", f"{match.written} ({match.how})"))
        for key, value in rows:
            echo_text(f"{key + ':':<13}{value}")


def _known(codes: tuple[str, ...], index: PlaceIndex) -> list[Division]:
    return [p for p in (index.get(c) for c in codes) if p is not None]
