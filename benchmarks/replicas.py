"""A corpus of replicated bundled plans: seed-sized plans (dozens to hundreds of indicators,
sections, projects, provenance) in the numbers of a national check.

Replica ``r`` of the bundled plans (``data/plans``) is the same family of plans with ids
ending ``-r{r}``, titles ending ``（副本{r}）`` and jurisdictions of its own: each code of the
family (the plans' and their parents') becomes ``9`` + the replica's three digits + two
digits of its own (``500000-WS`` keeps its suffix), in the unused 9xxxxx range, so that, as in
a real national check, each jurisdiction has one plan per period. The ``based_on`` references
and parent codes within the family follow, so each replica resolves its parents within
itself.

Run ``python benchmarks/replicas.py OUT_DIR --plans 800``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs

from minzheng_plans.core.model import Plan
from minzheng_plans.files.planfile import dumps_plan, loads_plan
from minzheng_plans.files.resources import data_file

__all__ = ["bundled_sources", "generate"]


def bundled_sources() -> list[Plan]:
    """The bundled plans as they are shipped."""
    folder = data_file("plans")
    return [
        loads_plan(item.read_text(encoding="utf-8"), path=item.name)
        for item in sorted(folder.iterdir(), key=lambda item: item.name)
        if item.name.endswith(".toml")
    ]


def _family_codes(plans: list[Plan]) -> dict[str, int]:
    """Each GB/T 2260 code of the family (plans and parents) with its two-digit member number."""
    codes = {plan.jurisdiction.code.split("-")[0] for plan in plans}
    codes |= {plan.jurisdiction.parent for plan in plans if plan.jurisdiction.parent}
    return {code: number for number, code in enumerate(sorted(codes))}


def _code(code: str, number: int, members: dict[str, int]) -> str:
    base, dash, suffix = code.partition("-")
    return f"9{number:03d}{members[base]:02d}{dash}{suffix}"


def _replica(
    plan: Plan, number: int, ids: set[str], titles: set[str], members: dict[str, int]
) -> Plan:
    def title(text: str) -> str:
        return f"{text}（副本{number}）"

    place = plan.jurisdiction
    jurisdiction = attrs.evolve(
        place,
        code=_code(place.code, number, members),
        parent=_code(place.parent, number, members) if place.parent else None,
    )

    based_on = tuple(
        attrs.evolve(
            ref,
            id=f"{ref.id}-r{number}" if ref.id in ids else ref.id,
            title=title(ref.title) if ref.title in titles else ref.title,
        )
        for ref in plan.based_on
    )
    return attrs.evolve(
        plan,
        id=f"{plan.id}-r{number}",
        title=title(plan.title),
        based_on=based_on,
        jurisdiction=jurisdiction,
    )


def generate(out: Path, plans: int) -> int:
    """Write ``plans`` plan files (whole replicas, then part of one); return the count."""
    out.mkdir(parents=True, exist_ok=True)
    sources = bundled_sources()
    ids = {plan.id for plan in sources}
    titles = {plan.title for plan in sources}
    members = _family_codes(sources)
    written = 0
    number = 0
    while written < plans:
        for plan in sources[: plans - written]:
            copy = _replica(plan, number, ids, titles, members)
            (out / f"{copy.id}.toml").write_text(dumps_plan(copy), encoding="utf-8")
            written += 1
        number += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=800)
    args = parser.parse_args()
    print(generate(args.out, args.plans), "plans written to", args.out)


if __name__ == "__main__":
    main()
