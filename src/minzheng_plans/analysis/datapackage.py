"""The Frictionless data package written beside a CSV export (``datapackage.json``).

A Tabular Data Package (v1 descriptor, read by ``frictionless validate``, pandas users'
``frictionless`` and the Open Knowledge tools) whose Table Schema says what each column is:
codes and ids are strings (so ``000000`` keeps its zeros), numbers are numbers, years are
years, fixed vocabularies are enums. Without it, tools infer ``jurisdiction_code`` as an
integer and report type errors on every row.

Several CSV exports into one folder share its ``datapackage.json``: each is a resource named
after its file, and writing one replaces only that resource.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from minzheng_plans.analysis.export import EXPORT_COLUMNS
from minzheng_plans.analysis.export_fields import ENUMS, TIDY_FIELDS
from minzheng_plans.core.errors import UsageError

__all__ = ["DESCRIPTOR", "descriptor_text", "resource", "table_schema", "write_descriptor"]

DESCRIPTOR = "datapackage.json"
_NAME = re.compile(r"[^a-z0-9._-]+")


def table_schema() -> dict[str, Any]:
    """The Table Schema of the tidy CSV (every column of :data:`EXPORT_COLUMNS`)."""
    fields = []
    for name in EXPORT_COLUMNS:
        field = TIDY_FIELDS[name]
        entry: dict[str, Any] = {
            "name": name,
            "title": field.label,
            "description": field.description,
            "type": field.type,
        }
        if field.type == "number":
            entry["bareNumber"] = True
        constraints: dict[str, Any] = {}
        if name in {"plan", "indicator", "name", "kind", "year", "jurisdiction_code"}:
            constraints["required"] = True
        if name in ENUMS:
            constraints["enum"] = list(ENUMS[name])
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    return {"fields": fields, "missingValues": [""]}


def resource(csv_path: Path) -> dict[str, Any]:
    """The data resource describing one CSV export, by its file name."""
    name = _NAME.sub("-", csv_path.stem.lower()).strip("-._") or "indicator-values"
    return {
        "name": name,
        "path": csv_path.name,
        "profile": "tabular-data-resource",
        "title": "民政规划指标数值（基期值、目标值、实际值）",
        "description": "One row per plan, indicator, kind (baseline, target, actual) and year.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
        "schema": table_schema(),
    }


def descriptor_text(csv_path: str | Path) -> str:
    """The ``datapackage.json`` to write beside ``csv_path``, merged with an existing one.

    An existing descriptor keeps its other resources and keys; one that is not a JSON object
    with a ``resources`` list is refused (:class:`UsageError`) rather than overwritten.
    """
    data_file = Path(csv_path)
    target = data_file.with_name(DESCRIPTOR)
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "minzheng-plans-export",
        "title": "民政事业发展规划指标",
        "resources": [],
    }
    if target.exists():
        try:
            existing = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            msg = f"{target} exists and is not a readable data package ({err}); move it first"
            raise UsageError(msg) from None
        if not isinstance(existing, dict) or not isinstance(existing.get("resources"), list):
            msg = f"{target} exists and is not a data package (no resources list); move it first"
            raise UsageError(msg)
        package = existing
    mine = resource(data_file)
    package["resources"] = [
        other
        for other in package["resources"]
        if not isinstance(other, dict)
        or (other.get("path") != mine["path"] and other.get("name") != mine["name"])
    ] + [mine]
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def write_descriptor(csv_path: str | Path, text: str | None = None) -> Path:
    """Write ``datapackage.json`` beside ``csv_path`` (``text``, else :func:`descriptor_text`)
    atomically; its path."""
    from minzheng_plans.files.atomic import atomic_write_text  # noqa: PLC0415

    target = Path(csv_path).with_name(DESCRIPTOR)
    atomic_write_text(target, descriptor_text(csv_path) if text is None else text)
    return target
