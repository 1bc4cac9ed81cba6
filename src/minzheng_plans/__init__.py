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

    from minzheng_plans.analysis.compare import ComparisonRow, ComparisonTable, compare_plans
    from minzheng_plans.analysis.diff import PlanDiff, diff_plans
    from minzheng_plans.analysis.evaluate import Evaluation, evaluate_plan
    from minzheng_plans.analysis.export import export_plans, tidy_rows
    from minzheng_plans.checking.config import Config, load_config
    from minzheng_plans.checking.policy import Policy
    from minzheng_plans.checking.runner import CheckReport, check_paths, check_plans
    from minzheng_plans.core.direction import direction_of
    from minzheng_plans.core.errors import (
        AmbiguousUnitError,
        ConfigError,
        DocumentError,
        FormulaError,
        IncompatibleUnitsError,
        LimitError,
        MinzhengError,
        NumberBoundsError,
        PlanFileError,
        PlanStructureError,
        PluginHostError,
        SchemaVersionError,
        UnitError,
        UnknownUnitError,
        UsageError,
        ValueParseError,
    )
    from minzheng_plans.core.findings import (
        Finding,
        Location,
        Severity,
        Suppression,
        Waiver,
        make_finding,
    )
    from minzheng_plans.core.formatting import (
        format_number,
        format_percent,
        format_quantity,
        format_target,
    )
    from minzheng_plans.core.messages import N_, Message
    from minzheng_plans.core.model import (
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
    from minzheng_plans.core.quantity import (
        Comparator,
        Comparison,
        Direction,
        Interval,
        Quantity,
        Range,
        Relative,
        Target,
    )
    from minzheng_plans.core.targets import TargetComparison, Verdict, compare_targets
    from minzheng_plans.core.values import ParsedValue, parse_value
    from minzheng_plans.files.document import Document
    from minzheng_plans.files.monitoring import Monitoring, read_monitoring
    from minzheng_plans.files.planfile import (
        SCHEMA_ID,
        dumps_plan,
        loads_plan,
        read_plan,
        write_plan,
    )
    from minzheng_plans.plugins.context import CheckContext, LoadContext
    from minzheng_plans.plugins.hookspecs import Loader, LoadResult, Rule, hookimpl
    from minzheng_plans.plugins.host import PluginHost, create_plugin_host
    from minzheng_plans.reading.assemble import assemble_plan, document_text, open_document, plan_id
    from minzheng_plans.reading.loading import load_document, load_path
    from minzheng_plans.registries.catalog import (
        Catalog,
        CatalogEntry,
        IndicatorKind,
        Match,
        default_catalog,
        normalise_name,
    )
    from minzheng_plans.registries.jurisdictions import (
        JurisdictionRegistry,
        default_jurisdictions,
        lookup_places,
    )
    from minzheng_plans.registries.placeindex import PlaceLookup, PlaceMatch
    from minzheng_plans.registries.places import Division
    from minzheng_plans.registries.resolve import Resolution, resolve_jurisdiction
    from minzheng_plans.units.dimensions import infer_dimension
    from minzheng_plans.units.formula import Formula, parse_formula
    from minzheng_plans.units.registry import Unit, Units, build_units, default_units

# Public name -> defining module, for __getattr__. tests/test_public_api.py keeps this, __all__
# and the TYPE_CHECKING imports (which give type checkers the same names) in step.
_EXPORTS: dict[str, str] = {
    "Catalog": "minzheng_plans.registries.catalog",
    "CatalogEntry": "minzheng_plans.registries.catalog",
    "IndicatorKind": "minzheng_plans.registries.catalog",
    "Match": "minzheng_plans.registries.catalog",
    "default_catalog": "minzheng_plans.registries.catalog",
    "normalise_name": "minzheng_plans.registries.catalog",
    "CheckContext": "minzheng_plans.plugins.context",
    "LoadContext": "minzheng_plans.plugins.context",
    "CheckReport": "minzheng_plans.checking.runner",
    "check_paths": "minzheng_plans.checking.runner",
    "check_plans": "minzheng_plans.checking.runner",
    "ComparisonRow": "minzheng_plans.analysis.compare",
    "ComparisonTable": "minzheng_plans.analysis.compare",
    "compare_plans": "minzheng_plans.analysis.compare",
    "PlanDiff": "minzheng_plans.analysis.diff",
    "diff_plans": "minzheng_plans.analysis.diff",
    "Evaluation": "minzheng_plans.analysis.evaluate",
    "Monitoring": "minzheng_plans.files.monitoring",
    "evaluate_plan": "minzheng_plans.analysis.evaluate",
    "read_monitoring": "minzheng_plans.files.monitoring",
    "export_plans": "minzheng_plans.analysis.export",
    "tidy_rows": "minzheng_plans.analysis.export",
    "Config": "minzheng_plans.checking.config",
    "load_config": "minzheng_plans.checking.config",
    "Document": "minzheng_plans.files.document",
    "assemble_plan": "minzheng_plans.reading.assemble",
    "document_text": "minzheng_plans.reading.assemble",
    "open_document": "minzheng_plans.reading.assemble",
    "plan_id": "minzheng_plans.reading.assemble",
    "AmbiguousUnitError": "minzheng_plans.core.errors",
    "ConfigError": "minzheng_plans.core.errors",
    "DocumentError": "minzheng_plans.core.errors",
    "FormulaError": "minzheng_plans.core.errors",
    "IncompatibleUnitsError": "minzheng_plans.core.errors",
    "LimitError": "minzheng_plans.core.errors",
    "NumberBoundsError": "minzheng_plans.core.errors",
    "MinzhengError": "minzheng_plans.core.errors",
    "PlanFileError": "minzheng_plans.core.errors",
    "PlanStructureError": "minzheng_plans.core.errors",
    "PluginHostError": "minzheng_plans.core.errors",
    "SchemaVersionError": "minzheng_plans.core.errors",
    "UnitError": "minzheng_plans.core.errors",
    "UnknownUnitError": "minzheng_plans.core.errors",
    "UsageError": "minzheng_plans.core.errors",
    "ValueParseError": "minzheng_plans.core.errors",
    "direction_of": "minzheng_plans.core.direction",
    "Finding": "minzheng_plans.core.findings",
    "Location": "minzheng_plans.core.findings",
    "Severity": "minzheng_plans.core.findings",
    "Suppression": "minzheng_plans.core.findings",
    "Waiver": "minzheng_plans.core.findings",
    "Policy": "minzheng_plans.checking.policy",
    "make_finding": "minzheng_plans.core.findings",
    "Message": "minzheng_plans.core.messages",
    "N_": "minzheng_plans.core.messages",
    "format_number": "minzheng_plans.core.formatting",
    "format_percent": "minzheng_plans.core.formatting",
    "format_quantity": "minzheng_plans.core.formatting",
    "format_target": "minzheng_plans.core.formatting",
    "Formula": "minzheng_plans.units.formula",
    "infer_dimension": "minzheng_plans.units.dimensions",
    "parse_formula": "minzheng_plans.units.formula",
    "LoadResult": "minzheng_plans.plugins.hookspecs",
    "Loader": "minzheng_plans.plugins.hookspecs",
    "Rule": "minzheng_plans.plugins.hookspecs",
    "hookimpl": "minzheng_plans.plugins.hookspecs",
    "JurisdictionRegistry": "minzheng_plans.registries.jurisdictions",
    "default_jurisdictions": "minzheng_plans.registries.jurisdictions",
    "lookup_places": "minzheng_plans.registries.jurisdictions",
    "Division": "minzheng_plans.registries.places",
    "PlaceLookup": "minzheng_plans.registries.placeindex",
    "PlaceMatch": "minzheng_plans.registries.placeindex",
    "Resolution": "minzheng_plans.registries.resolve",
    "resolve_jurisdiction": "minzheng_plans.registries.resolve",
    "load_document": "minzheng_plans.reading.loading",
    "load_path": "minzheng_plans.reading.loading",
    "Attribute": "minzheng_plans.core.model",
    "Indicator": "minzheng_plans.core.model",
    "Jurisdiction": "minzheng_plans.core.model",
    "Level": "minzheng_plans.core.model",
    "Observation": "minzheng_plans.core.model",
    "Period": "minzheng_plans.core.model",
    "Plan": "minzheng_plans.core.model",
    "PlanRef": "minzheng_plans.core.model",
    "Project": "minzheng_plans.core.model",
    "Section": "minzheng_plans.core.model",
    "Source": "minzheng_plans.core.model",
    "SourceKind": "minzheng_plans.core.model",
    "SCHEMA_ID": "minzheng_plans.files.planfile",
    "dumps_plan": "minzheng_plans.files.planfile",
    "loads_plan": "minzheng_plans.files.planfile",
    "read_plan": "minzheng_plans.files.planfile",
    "write_plan": "minzheng_plans.files.planfile",
    "PluginHost": "minzheng_plans.plugins.host",
    "create_plugin_host": "minzheng_plans.plugins.host",
    "Comparator": "minzheng_plans.core.quantity",
    "Comparison": "minzheng_plans.core.quantity",
    "Direction": "minzheng_plans.core.quantity",
    "Interval": "minzheng_plans.core.quantity",
    "Quantity": "minzheng_plans.core.quantity",
    "Range": "minzheng_plans.core.quantity",
    "Relative": "minzheng_plans.core.quantity",
    "Target": "minzheng_plans.core.quantity",
    "TargetComparison": "minzheng_plans.core.targets",
    "Verdict": "minzheng_plans.core.targets",
    "compare_targets": "minzheng_plans.core.targets",
    "Unit": "minzheng_plans.units.registry",
    "Units": "minzheng_plans.units.registry",
    "build_units": "minzheng_plans.units.registry",
    "default_units": "minzheng_plans.units.registry",
    "ParsedValue": "minzheng_plans.core.values",
    "parse_value": "minzheng_plans.core.values",
}

__all__ = [
    "N_",
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
    "Division",
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
    "LoadContext",
    "LoadResult",
    "Loader",
    "Location",
    "Match",
    "Message",
    "MinzhengError",
    "Monitoring",
    "NumberBoundsError",
    "Observation",
    "ParsedValue",
    "Period",
    "PlaceLookup",
    "PlaceMatch",
    "Plan",
    "PlanDiff",
    "PlanFileError",
    "PlanRef",
    "PlanStructureError",
    "PluginHost",
    "PluginHostError",
    "Policy",
    "Project",
    "Quantity",
    "Range",
    "Relative",
    "Resolution",
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
    "Waiver",
    "__version__",
    "assemble_plan",
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
    "direction_of",
    "document_text",
    "dumps_plan",
    "evaluate_plan",
    "export_plans",
    "format_number",
    "format_percent",
    "format_quantity",
    "format_target",
    "hookimpl",
    "infer_dimension",
    "load_config",
    "load_document",
    "load_path",
    "loads_plan",
    "lookup_places",
    "make_finding",
    "normalise_name",
    "open_document",
    "parse_formula",
    "parse_value",
    "plan_id",
    "read_monitoring",
    "read_plan",
    "resolve_jurisdiction",
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
        from minzheng_plans.core.version import own_version  # noqa: PLC0415

        return own_version()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
