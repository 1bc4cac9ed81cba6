"""Plan ids are unique in a run: two inputs with one id are told apart and reported (MZ107).

Two plan files can carry one id (a draft beside the final version, two places a loader could
not resolve). Left alone, their findings would be filed under one id and located in one file,
and each could be taken for the other's parent. :func:`separate_duplicates` keeps the first
input's id, gives every later one ``{id}#2``, ``{id}#3`` … (its loading findings and its own
waivers follow it), and reports an MZ107 error on each later input naming both files. The
rules see distinct plans; :meth:`~minzheng_plans.plugins.context.CheckContext.parents` never
takes a plan with the same original id as a parent (``twins``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from minzheng_plans.core.findings import ArgValue, Finding, Location, Severity
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Plan

__all__ = ["DUPLICATE_CODE", "Separated", "renamed_plan", "separate_duplicates"]

#: The code of a plan id that a second input of the run also carries.
DUPLICATE_CODE = "MZ107"

DUPLICATE = (
    "Plan id {id} of {file} is also the id of {other}; the plans are checked apart and this "
    "one's findings are reported under {renamed}. Give each plan its own id."
)


@attrs.frozen
class Separated:
    """The plans of a run with unique ids, the MZ107 findings, and each renamed plan's group.

    ``twins`` maps the id of every plan in a group of duplicates to the id they shared.
    """

    plans: tuple[Plan, ...]
    findings: tuple[Finding, ...] = ()
    twins: Mapping[str, str] = attrs.field(factory=dict)


def renamed_plan(plan: Plan, new_id: str) -> Plan:
    """``plan`` under ``new_id``: its stored findings and own waivers follow it."""
    old = plan.id
    findings = tuple(
        attrs.evolve(f, plan=new_id) if f.plan in (None, old) else f for f in plan.findings
    )
    waivers = tuple(attrs.evolve(w, plan=new_id) if w.plan == old else w for w in plan.waivers)
    return attrs.evolve(plan, id=new_id, findings=findings, waivers=waivers)


def separate_duplicates(
    plans: Sequence[Plan], sources: Sequence[str | None] | None = None
) -> Separated:
    """``plans`` with every id used once; ``sources[i]`` is the file plan ``i`` came from.

    A plan given without a file is named by its place among the given plans.
    """
    named = list(sources) if sources is not None else [None] * len(plans)
    taken = {plan.id for plan in plans}
    first: dict[str, int] = {}
    out: list[Plan] = []
    findings: list[Finding] = []
    twins: dict[str, str] = {}
    for index, plan in enumerate(plans):
        original = plan.id
        if original not in first:
            first[original] = index
            out.append(plan)
            continue
        number = 2
        while f"{original}#{number}" in taken:
            number += 1
        new_id = f"{original}#{number}"
        taken.add(new_id)
        twins[original] = original
        twins[new_id] = original
        out.append(renamed_plan(plan, new_id))
        findings.append(
            _duplicate(
                original,
                new_id,
                _label(named[index], index),
                _label(named[first[original]], first[original]),
                named[index],
            )
        )
    return Separated(tuple(out), tuple(findings), twins)


def _label(source: str | None, index: int) -> ArgValue:
    if source is not None:
        return source
    return Message(N_("the given plan number {number}"), {"number": index + 1})


def _duplicate(
    original: str, new_id: str, file: ArgValue, other: ArgValue, path: str | None
) -> Finding:
    return Finding(
        DUPLICATE_CODE,
        Severity.ERROR,
        DUPLICATE,
        {"id": original, "file": file, "other": other, "renamed": new_id},
        plan=new_id,
        location=Location(path) if path is not None else None,
        related=(original,),
    )
