"""Which plans a plan is checked against: its 依据 references, else the nearest ancestor's plan.

Used by the MZ4xx compliance rules (:mod:`minzheng_plans.builtin.rules.compliance`): a
``based_on`` reference matches a known plan by id or title (titles compared without
punctuation and jurisdiction names, among the plans of ancestor jurisdictions whose period
overlaps); a plan whose references find nothing gets the nearest ancestor's plan known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.model import Plan, PlanRef

if TYPE_CHECKING:
    from minzheng_plans.plugins.context import CheckContext

__all__ = ["ParentSearch", "resolve_parents", "search_parents"]

_TITLE_NOISE = re.compile(r"[\s\u3000《》“”\"'‘’「」『』()（）·•,，、]")


def _title_key(title: str, names: Iterable[str] = ()) -> str:
    value = _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))
    for name in sorted(names, key=len, reverse=True):
        if name:
            value = value.replace(name, "")
    return value


def _periods_overlap(a: Plan, b: Plan) -> bool:
    return a.period.start <= b.period.end and b.period.start <= a.period.end


@attrs.frozen
class ParentSearch:
    """Where a plan's parents were found.

    ``parents`` are the plans to check against; ``missing`` the ``based_on`` references that
    match no known plan; ``ancestors`` the jurisdiction codes above the plan, nearest first;
    ``stand_in`` the code of the nearest ancestor whose plan was missing when a farther
    ancestor's plan was used instead (None otherwise).
    """

    parents: tuple[Plan, ...]
    missing: tuple[PlanRef, ...]
    ancestors: tuple[str, ...]
    stand_in: str | None = None


def search_parents(plan: Plan, context: CheckContext) -> ParentSearch:
    """The plans ``plan`` is checked against (see :func:`resolve_parents`), and how they
    were found."""
    found = list(context.parents(plan))
    ancestors = context.ancestor_codes(plan)
    candidates = [
        other
        for code in ancestors
        for other in context.plans_of(code)
        if other.id != plan.id and _periods_overlap(plan, other)
    ]
    missing: list[PlanRef] = []
    for ref in plan.based_on:
        if any(_ref_matches(ref, other) for other in found):
            continue
        key = _title_key(ref.title, _names(candidates))
        hits = [
            other
            for other in candidates
            if key and (key == _title_key(other.title, _names(candidates)))
        ]
        if hits:
            found.extend(h for h in hits if h not in found)
        elif ref.id is None or ref.id not in {p.id for p in found}:
            missing.append(ref)
    stand_in: str | None = None
    if not found:
        # Standards only tighten downwards (a district at least as strict as its city, the city
        # as the nation), so the nearest ancestor plan known is a sound stand-in for a missing
        # or unnamed parent: the same period first, else one that overlaps it.
        for position, code in enumerate(ancestors):
            mine = [o for o in candidates if o.jurisdiction.code == code]
            same = [o for o in mine if o.period == plan.period] or mine
            if same:
                found.extend(same)
                stand_in = ancestors[0] if position > 0 else None
                break
    return ParentSearch(tuple(found), tuple(missing), ancestors, stand_in)


def resolve_parents(plan: Plan, context: CheckContext) -> tuple[list[Plan], list[PlanRef]]:
    """The plans ``plan`` is based on, and the ``based_on`` references that match none.

    A reference matches by id or exact title (:meth:`CheckContext.parents`), else by title
    among plans of ancestor jurisdictions whose period overlaps (titles compared without
    punctuation and jurisdiction names). A plan whose ``based_on`` finds nothing (or is empty)
    gets the nearest ancestor jurisdiction's plan (the registry's parent chain, for any place
    in China) for the same period, else for an overlapping one, if one is known.
    """
    search = search_parents(plan, context)
    return list(search.parents), list(search.missing)


def _names(plans: Iterable[Plan]) -> set[str]:
    return {p.jurisdiction.name for p in plans} | {"全国", "国家"}


def _ref_matches(ref: PlanRef, plan: Plan) -> bool:
    if ref.id is not None:
        return ref.id == plan.id
    return _title_key(ref.title) == _title_key(plan.title)
