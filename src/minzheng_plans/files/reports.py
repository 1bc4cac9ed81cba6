"""The JSON report format: one versioned envelope for every report a command prints.

Every JSON *report* — ``check`` (findings), ``evaluate`` (an evaluation), ``compare`` (a
comparison table) and ``diff`` (the differences between two plans) — starts with two keys::

    {"schema": "minzheng-plans-report/1", "report": "check", ...}

``schema`` names the format and its major version: a program reading reports checks it and
refuses a major version it does not know; keys may be added within a version, never removed
or retyped. ``report`` says which of the four shapes follows. The shapes are published as a
JSON Schema (Draft 2020-12) in ``data/schema/report.schema.json``, read by
:func:`report_schema`. Listings (``plugins``, ``rules``, ``catalog``), conversions and plan
files are data, not reports, and carry no envelope; SARIF has its own ``$schema`` and
``version``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

__all__ = [
    "REPORT_KINDS",
    "REPORT_SCHEMA_ID",
    "ReportKind",
    "dumps_report",
    "report_schema",
    "versioned",
]

REPORT_SCHEMA_ID = "minzheng-plans-report/1"
ReportKind = Literal["check", "evaluation", "comparison", "diff"]
REPORT_KINDS: tuple[ReportKind, ...] = ("check", "evaluation", "comparison", "diff")


def versioned(kind: ReportKind, tree: Mapping[str, Any]) -> dict[str, Any]:
    """``tree`` behind the ``schema`` and ``report`` keys (which ``tree`` may not override)."""
    if kind not in REPORT_KINDS:
        msg = f"unknown report kind {kind!r}; one of {', '.join(REPORT_KINDS)}"
        raise ValueError(msg)
    return {"schema": REPORT_SCHEMA_ID, "report": kind} | {
        key: value for key, value in tree.items() if key not in {"schema", "report"}
    }


def dumps_report(kind: ReportKind, tree: Mapping[str, Any]) -> str:
    """The report as JSON text, exact decimals kept (see :func:`~.planfile.dumps_json`)."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    return dumps_json(versioned(kind, tree))


def report_schema() -> dict[str, Any]:
    """The published JSON Schema of every report (``data/schema/report.schema.json``)."""
    import json  # noqa: PLC0415 - only for the schema

    from minzheng_plans.files.resources import data_file  # noqa: PLC0415

    text = data_file("schema", "report.schema.json").read_text(encoding="utf-8")
    tree: dict[str, Any] = json.loads(text)
    return tree
