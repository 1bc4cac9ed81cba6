"""Catalog codes for loaded indicators, with MZ504 for names the catalog does not know.

A plan read from a long document can name dozens of indicators the catalog lacks; one MZ504
per name is what a catalog maintainer needs, and a wall of lines for everyone else.
:func:`summarise_uncatalogued` folds them into one MZ504 per plan that counts them and lists
them in its arguments (``--format json`` shows ``args.names``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import Indicator

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import Catalog, Match

__all__ = ["SUMMARY_MESSAGE", "UNCATALOGUED_CODE", "assign_codes", "summarise_uncatalogued"]

#: The code of an indicator name the catalog does not know.
UNCATALOGUED_CODE = "MZ504"

SUMMARY_MESSAGE = (
    "{count} indicators are not in the catalog: {names} (add --verbose to list each with its "
    "nearest candidates)"
)

# An uncatalogued name with and without near candidates.
_UNCATALOGUED = {
    True: "Indicator {name} is not in the catalog (nearest: {candidates})",
    False: "Indicator {name} is not in the catalog (no catalog entry is near it)",
}

# A summary names this many indicators in its text; JSON output (args.names) has them all.
_NAMED_IN_TEXT = 5


def assign_codes(
    indicators: Iterable[Indicator],
    catalog: Catalog,
    *,
    plan: str | None = None,
    file: str | None = None,
) -> tuple[list[Indicator], list[Finding]]:
    """Each indicator with its catalog ``code`` where ``catalog`` matches its name.

    An unmatched name gets an MZ504 info finding listing the nearest candidates, so that a
    catalog maintainer can add an alias; the indicator keeps ``code = None``.
    """
    coded: list[Indicator] = []
    findings: list[Finding] = []
    # One lookup per name and unit: a catalog match costs about a millisecond, and a document
    # can state one name thousands of times.
    matches: dict[tuple[str, str], Match] = {}
    for indicator in indicators:
        if indicator.code is not None:
            coded.append(indicator)
            continue
        key = (indicator.name, indicator.unit)
        match = matches.get(key)
        if match is None:
            match = matches[key] = catalog.match(indicator.name, indicator.unit)
        if match.entry is not None:
            coded.append(attrs.evolve(indicator, code=match.entry.code))
            continue
        coded.append(indicator)
        near = ", ".join(f"{code} {name}" for code, name, _score in match.candidates[:3])
        line = indicator.source.line if indicator.source else None
        args = {"name": indicator.name, "candidates": near} if near else {"name": indicator.name}
        findings.append(
            make_finding(
                "MZ504",
                Severity.INFO,
                _UNCATALOGUED[bool(near)],
                plan=plan,
                indicator=indicator.id,
                file=file,
                line=line,
                **args,
            )
        )
    return coded, findings


def summarise_uncatalogued(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` with each plan's MZ504 findings folded into one, where it has more than one.

    The summary stands where the plan's first MZ504 stood, keeps its severity, and carries
    ``count``, the first few names in ``names`` and every ``id name`` in ``all_names`` (joined
    by ``; ``). Other findings, and a plan's single MZ504, are kept as they are.
    """
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        if finding.code == UNCATALOGUED_CODE:
            groups.setdefault(finding.plan, []).append(finding)
    out: list[Finding] = []
    for finding in findings:
        group = groups.get(finding.plan) if finding.code == UNCATALOGUED_CODE else None
        if group is None or len(group) == 1:
            out.append(finding)
        elif finding is group[0]:
            out.append(_summary(group))
    return out


def _summary(group: Sequence[Finding]) -> Finding:
    names = [str(dict(f.args).get("name", f.indicator or "?")) for f in group]
    shown = "、".join(names[:_NAMED_IN_TEXT]) + ("…" if len(names) > _NAMED_IN_TEXT else "")
    first = group[0]
    return make_finding(
        UNCATALOGUED_CODE,
        first.severity,
        SUMMARY_MESSAGE,
        plan=first.plan,
        count=len(group),
        names=shown,
        all_names="; ".join(
            f"{f.indicator} {name}" if f.indicator else name
            for f, name in zip(group, names, strict=True)
        ),
    )
