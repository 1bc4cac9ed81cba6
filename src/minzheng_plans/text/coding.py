"""Catalog codes for loaded indicators, with MZ504 for names the catalog does not know."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import Indicator

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import Catalog, Match

__all__ = ["assign_codes"]


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
        findings.append(
            make_finding(
                "MZ504",
                Severity.INFO,
                "Indicator {name} is not in the catalog (nearest: {candidates})",
                plan=plan,
                indicator=indicator.id,
                file=file,
                line=indicator.source.line if indicator.source else None,
                name=indicator.name,
                candidates=near or "none",
            )
        )
    return coded, findings
