"""minzheng_plans: typed, unit-aware Chinese civil-affairs development plans (民政事业发展规划).

The public API is what ``__all__`` lists; modules whose names start with ``_`` are private.
Names load lazily on first use, so ``import minzheng_plans`` and ``minzheng-plans --help`` stay
cheap: pint, babel and the plugin machinery are imported only when something needs them.
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing costs more than the rest of this module, and
# type checkers treat any constant of this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from minzheng_plans.catalog import (
        Catalog,
        CatalogEntry,
        IndicatorKind,
        Match,
        default_catalog,
        normalise_name,
    )
    from minzheng_plans.checking import CheckContext, CheckReport, check_paths, check_plans
    from minzheng_plans.compare import ComparisonRow, ComparisonTable, compare_plans
    from minzheng_plans.config import Config, load_config
    from minzheng_plans.diff import PlanDiff, diff_plans
    from minzheng_plans.document import Document
    from minzheng_plans.errors import (
        AmbiguousUnitError,
        ConfigError,
        DocumentError,
        FormulaError,
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
    from minzheng_plans.evaluate import Evaluation, Monitoring, evaluate_plan, read_monitoring
    from minzheng_plans.export import export_plans, tidy_rows
    from minzheng_plans.findings import Finding, Location, Severity, Suppression, make_finding
    from minzheng_plans.formatting import format_number, format_percent, format_quantity
    from minzheng_plans.formula import Formula, infer_dimension, parse_formula
    from minzheng_plans.hookspecs import Loader, LoadResult, Rule, hookimpl
    from minzheng_plans.jurisdictions import JurisdictionRegistry, default_jurisdictions
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
    from minzheng_plans.targets import TargetComparison, Verdict, compare_targets
    from minzheng_plans.units import Unit, Units, build_units, default_units
    from minzheng_plans.values import ParsedValue, parse_value

# Public name -> defining module, for __getattr__. tests/test_public_api.py keeps this, __all__
# and the TYPE_CHECKING imports (which give type checkers the same names) in step.
_EXPORTS: dict[str, str] = {
    "Catalog": "minzheng_plans.catalog",
    "CatalogEntry": "minzheng_plans.catalog",
    "IndicatorKind": "minzheng_plans.catalog",
    "Match": "minzheng_plans.catalog",
    "default_catalog": "minzheng_plans.catalog",
    "normalise_name": "minzheng_plans.catalog",
    "CheckContext": "minzheng_plans.checking",
    "CheckReport": "minzheng_plans.checking",
    "check_paths": "minzheng_plans.checking",
    "check_plans": "minzheng_plans.checking",
    "ComparisonRow": "minzheng_plans.compare",
    "ComparisonTable": "minzheng_plans.compare",
    "compare_plans": "minzheng_plans.compare",
    "PlanDiff": "minzheng_plans.diff",
    "diff_plans": "minzheng_plans.diff",
    "Evaluation": "minzheng_plans.evaluate",
    "Monitoring": "minzheng_plans.evaluate",
    "evaluate_plan": "minzheng_plans.evaluate",
    "read_monitoring": "minzheng_plans.evaluate",
    "export_plans": "minzheng_plans.export",
    "tidy_rows": "minzheng_plans.export",
    "Config": "minzheng_plans.config",
    "load_config": "minzheng_plans.config",
    "Document": "minzheng_plans.document",
    "AmbiguousUnitError": "minzheng_plans.errors",
    "ConfigError": "minzheng_plans.errors",
    "DocumentError": "minzheng_plans.errors",
    "FormulaError": "minzheng_plans.errors",
    "IncompatibleUnitsError": "minzheng_plans.errors",
    "LimitError": "minzheng_plans.errors",
    "MinzhengError": "minzheng_plans.errors",
    "PlanFileError": "minzheng_plans.errors",
    "PlanStructureError": "minzheng_plans.errors",
    "PluginHostError": "minzheng_plans.errors",
    "SchemaVersionError": "minzheng_plans.errors",
    "UnitError": "minzheng_plans.errors",
    "UnknownUnitError": "minzheng_plans.errors",
    "UsageError": "minzheng_plans.errors",
    "ValueParseError": "minzheng_plans.errors",
    "Finding": "minzheng_plans.findings",
    "Location": "minzheng_plans.findings",
    "Severity": "minzheng_plans.findings",
    "Suppression": "minzheng_plans.findings",
    "make_finding": "minzheng_plans.findings",
    "format_number": "minzheng_plans.formatting",
    "format_percent": "minzheng_plans.formatting",
    "format_quantity": "minzheng_plans.formatting",
    "Formula": "minzheng_plans.formula",
    "infer_dimension": "minzheng_plans.formula",
    "parse_formula": "minzheng_plans.formula",
    "LoadResult": "minzheng_plans.hookspecs",
    "Loader": "minzheng_plans.hookspecs",
    "Rule": "minzheng_plans.hookspecs",
    "hookimpl": "minzheng_plans.hookspecs",
    "JurisdictionRegistry": "minzheng_plans.jurisdictions",
    "default_jurisdictions": "minzheng_plans.jurisdictions",
    "load_document": "minzheng_plans.loading",
    "load_path": "minzheng_plans.loading",
    "Attribute": "minzheng_plans.model",
    "Indicator": "minzheng_plans.model",
    "Jurisdiction": "minzheng_plans.model",
    "Level": "minzheng_plans.model",
    "Observation": "minzheng_plans.model",
    "Period": "minzheng_plans.model",
    "Plan": "minzheng_plans.model",
    "PlanRef": "minzheng_plans.model",
    "Project": "minzheng_plans.model",
    "Section": "minzheng_plans.model",
    "Source": "minzheng_plans.model",
    "SourceKind": "minzheng_plans.model",
    "SCHEMA_ID": "minzheng_plans.planfile",
    "dumps_plan": "minzheng_plans.planfile",
    "loads_plan": "minzheng_plans.planfile",
    "read_plan": "minzheng_plans.planfile",
    "write_plan": "minzheng_plans.planfile",
    "PluginHost": "minzheng_plans.plugins",
    "create_plugin_host": "minzheng_plans.plugins",
    "Comparator": "minzheng_plans.quantity",
    "Comparison": "minzheng_plans.quantity",
    "Direction": "minzheng_plans.quantity",
    "Interval": "minzheng_plans.quantity",
    "Quantity": "minzheng_plans.quantity",
    "Range": "minzheng_plans.quantity",
    "Relative": "minzheng_plans.quantity",
    "Target": "minzheng_plans.quantity",
    "TargetComparison": "minzheng_plans.targets",
    "Verdict": "minzheng_plans.targets",
    "compare_targets": "minzheng_plans.targets",
    "Unit": "minzheng_plans.units",
    "Units": "minzheng_plans.units",
    "build_units": "minzheng_plans.units",
    "default_units": "minzheng_plans.units",
    "ParsedValue": "minzheng_plans.values",
    "parse_value": "minzheng_plans.values",
}

__all__ = [
    "SCHEMA_ID",
    "AmbiguousUnitError",
    "Attribute",
    "Catalog",
    "CatalogEntry",
    "CheckContext",
    "CheckReport",
    "Comparator",
    "Comparison",
    "ComparisonRow",
    "ComparisonTable",
    "Config",
    "ConfigError",
    "Direction",
    "Document",
    "DocumentError",
    "Evaluation",
    "Finding",
    "Formula",
    "FormulaError",
    "IncompatibleUnitsError",
    "Indicator",
    "IndicatorKind",
    "Interval",
    "Jurisdiction",
    "JurisdictionRegistry",
    "Level",
    "LimitError",
    "LoadResult",
    "Loader",
    "Location",
    "Match",
    "MinzhengError",
    "Monitoring",
    "Observation",
    "ParsedValue",
    "Period",
    "Plan",
    "PlanDiff",
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
    "TargetComparison",
    "Unit",
    "UnitError",
    "Units",
    "UnknownUnitError",
    "UsageError",
    "ValueParseError",
    "Verdict",
    "__version__",
    "build_units",
    "check_paths",
    "check_plans",
    "compare_plans",
    "compare_targets",
    "create_plugin_host",
    "default_catalog",
    "default_jurisdictions",
    "default_units",
    "diff_plans",
    "dumps_plan",
    "evaluate_plan",
    "export_plans",
    "format_number",
    "format_percent",
    "format_quantity",
    "hookimpl",
    "infer_dimension",
    "load_config",
    "load_document",
    "load_path",
    "loads_plan",
    "make_finding",
    "normalise_name",
    "parse_formula",
    "parse_value",
    "read_monitoring",
    "read_plan",
    "tidy_rows",
    "write_plan",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups skip __getattr__
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("minzheng-plans")
        except PackageNotFoundError:  # a source checkout that was never installed
            return "0.0.0+unknown"
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
