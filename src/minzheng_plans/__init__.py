"""minzheng_plans: typed, unit-aware Chinese civil-affairs development plans (民政事业发展规划).

The public API is what ``__all__`` lists; modules whose names start with ``_`` are private.
"""

from __future__ import annotations

from minzheng_plans.checking import CheckContext, CheckReport, check_paths, check_plans
from minzheng_plans.document import Document
from minzheng_plans.errors import (
    AmbiguousUnitError,
    DocumentError,
    IncompatibleUnitsError,
    LimitError,
    MinzhengError,
    PlanFileError,
    PlanStructureError,
    PluginHostError,
    SchemaVersionError,
    UnitError,
    UnknownUnitError,
    UsageError,
    ValueParseError,
)
from minzheng_plans.findings import Finding, Location, Severity, Suppression, make_finding
from minzheng_plans.hookspecs import Loader, LoadResult, Rule, hookimpl
from minzheng_plans.loading import load_document, load_path
from minzheng_plans.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Observation,
    Period,
    Plan,
    PlanRef,
    Project,
    Section,
    Source,
    SourceKind,
)
from minzheng_plans.planfile import SCHEMA_ID, dumps_plan, loads_plan, read_plan, write_plan
from minzheng_plans.plugins import PluginHost, create_plugin_host
from minzheng_plans.quantity import (
    Comparator,
    Comparison,
    Direction,
    Interval,
    Quantity,
    Range,
    Relative,
    Target,
)
from minzheng_plans.values import ParsedValue, parse_value

__all__ = [
    "SCHEMA_ID",
    "AmbiguousUnitError",
    "Attribute",
    "CheckContext",
    "CheckReport",
    "Comparator",
    "Comparison",
    "Direction",
    "Document",
    "DocumentError",
    "Finding",
    "IncompatibleUnitsError",
    "Indicator",
    "Interval",
    "Jurisdiction",
    "Level",
    "LimitError",
    "LoadResult",
    "Loader",
    "Location",
    "MinzhengError",
    "Observation",
    "ParsedValue",
    "Period",
    "Plan",
    "PlanFileError",
    "PlanRef",
    "PlanStructureError",
    "PluginHost",
    "PluginHostError",
    "Project",
    "Quantity",
    "Range",
    "Relative",
    "Rule",
    "SchemaVersionError",
    "Section",
    "Severity",
    "Source",
    "SourceKind",
    "Suppression",
    "Target",
    "UnitError",
    "UnknownUnitError",
    "UsageError",
    "ValueParseError",
    "__version__",
    "check_paths",
    "check_plans",
    "create_plugin_host",
    "dumps_plan",
    "hookimpl",
    "load_document",
    "load_path",
    "loads_plan",
    "make_finding",
    "parse_value",
    "read_plan",
    "write_plan",
]


def __getattr__(name: str) -> str:
    # Read lazily (attrs, pluggy): importlib.metadata costs milliseconds at import time.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("minzheng-plans")
        except PackageNotFoundError:  # a source checkout that was never installed
            return "0.0.0+unknown"
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
