"""The plan-file JSON Schema (Draft 2020-12), derived from the model and the converter's rules.

Nothing here restates the model: the schema is built by walking the attrs classes of
:mod:`minzheng_plans.core.model` and their type hints, and it takes every rule the converter adds
(exact numbers within :data:`~minzheng_plans.files.converter.MAX_MAGNITUDE`, ISO dates, targets
tagged
by ``comparator``, omitted defaults, no unknown keys) from :mod:`minzheng_plans.files.converter`. A
field type or validator this module does not know raises :class:`TypeError` when the schema is
built, so that a model change cannot leave the schema silently behind; the test suite builds it.

Some rules relate two fields or the whole file and cannot be stated in a JSON Schema; they are
listed in :data:`CROSS_FIELD_RULES` and in the schema's ``$comment``, and only the loader checks
them.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, get_args, get_origin

import attrs

from minzheng_plans.core import findings as _findings
from minzheng_plans.core.findings import ArgValue, Finding
from minzheng_plans.core.messages import Message
from minzheng_plans.core.model import Period, Plan
from minzheng_plans.core.quantity import (
    MAX_YEAR,
    MIN_YEAR,
    Comparison,
    Range,
    Target,
    check_finite,
    check_year,
)
from minzheng_plans.files.converter import (
    COLLECTIONS,
    DATE_PATTERN,
    LEGACY_COLLECTIONS,
    MAX_MAGNITUDE,
    MAX_TEXT_LENGTH,
    TARGET_TAGS,
)
from minzheng_plans.files.planfile import (
    MAX_NESTING,
    SCHEMA_ID,
    YEARS_AFTER_PERIOD,
    YEARS_BEFORE_PERIOD,
)

__all__ = ["CROSS_FIELD_RULES", "DIALECT", "plan_schema", "schema_json", "to_json_value"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# What each field validator of the model means as JSON Schema keywords.
_VALIDATOR_KEYWORDS: Mapping[object, Mapping[str, Any]] = {
    check_year: {"minimum": MIN_YEAR, "maximum": MAX_YEAR},
    # JSON numbers are finite by grammar; to_json_value turns TOML's nan and inf into values
    # that no number field accepts.
    check_finite: {},
    _findings._check_code: {"pattern": f"^{_findings._CODE.pattern}$"},
    _findings._check_reason: {"pattern": r"\S"},
}

# Validators that compare two fields: the schema states them in words only.
_CROSS_FIELD_VALIDATORS: Mapping[object, str] = {
    Period._ordered: "end is not before start",
    Range._ordered: "high is not below low",
}

CROSS_FIELD_RULES: Mapping[str, str] = {
    "plan.period": _CROSS_FIELD_VALIDATORS[Period._ordered],
    "target (range)": _CROSS_FIELD_VALIDATORS[Range._ordered],
    "indicators[].id": "unique within the plan",
    "waivers[].plan": "the plan's own id, when given",
    "indicators[].target.year": (
        f"from {YEARS_BEFORE_PERIOD} years before the period start to "
        f"{YEARS_AFTER_PERIOD} years after its end"
    ),
    "(whole file)": f"tables and arrays nest at most {MAX_NESTING} levels deep",
}
"""Rules the loader checks that a JSON Schema cannot state, by where they apply."""

_NONE = type(None)
_UNIONS = (typing.Union, types.UnionType)


def _describe(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    # Docstrings are reStructuredText; the schema's readers expect Markdown literals.
    return doc.split("\n\n", 1)[0].replace("\n", " ").replace("``", "`").strip()


def _validators(field: attrs.Attribute[Any]) -> list[object]:
    validator = field.validator
    if validator is None:
        return []
    # attrs combines a field's validators into an and_() that keeps them in _validators.
    return list(getattr(validator, "_validators", (validator,)))


class _Builder:
    """Collects ``$defs`` while describing types; one per schema build."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self._field_overrides: Mapping[tuple[type, str], Callable[[], dict[str, Any]]] = {
            # The converter reads and writes a finding's argument pairs as one table.
            (Finding, "args"): lambda: {
                "type": "object",
                "additionalProperties": self.type_schema(ArgValue),
                "default": {},
            },
            # A message in a placeholder is written the same way: its arguments as a table,
            # its own translations as language → template.
            (Message, "args"): lambda: {
                "type": "object",
                "additionalProperties": self.type_schema(ArgValue),
                "default": {},
            },
            (Message, "translations"): lambda: {
                "type": "object",
                "additionalProperties": self.type_schema(str),
                "default": {},
            },
        }

    def type_schema(self, type_: Any) -> dict[str, Any]:
        origin = get_origin(type_)
        if origin in _UNIONS:
            members = [arg for arg in get_args(type_) if arg is not _NONE]
            inner = self._union(members)
            if len(members) == len(get_args(type_)):
                return inner
            # cattrs reads null (JSON only; TOML has none) as an unset optional field.
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            args = get_args(type_)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
        simple = _SIMPLE.get(type_)
        if simple is not None:
            return dict(simple)
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return self._enum(type_)
        if attrs.has(type_):
            return self._ref(type_)
        msg = f"schema.py cannot describe {type_!r}: teach it this type"
        raise TypeError(msg)

    def _union(self, members: list[Any]) -> dict[str, Any]:
        if set(members) == set(get_args(Target)):
            return self._target()
        if len(members) == 1:
            return self.type_schema(members[0])
        # An integer is a number: ``str | int | Decimal`` needs no integer branch.
        kept = [m for m in members if not (m is int and Decimal in members)]
        return {"anyOf": [self.type_schema(member) for member in kept]}

    def _enum(self, cls: type[enum.Enum]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {
                "title": name,
                "description": _describe(cls),
                "type": "string",
                "enum": [member.value for member in cls],
            }
        return {"$ref": f"#/$defs/{name}"}

    def _ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursive classes (Section) refer to themselves
            self.defs[name] = self.record(cls)
        return {"$ref": f"#/$defs/{name}"}

    def record(self, cls: type, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
        """An object schema for an attrs class: its fields, the required ones, no others."""
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        notes: list[str] = []
        for field in attrs.fields(cls):
            if field.name in exclude or (cls is Finding and field.name == "literal"):
                # ``literal`` marks a finding read from a file; it is never written.
                continue
            override = self._field_overrides.get((cls, field.name))
            schema = override() if override else self.type_schema(hints[field.name])
            for validator in _validators(field):
                if validator in _CROSS_FIELD_VALIDATORS:
                    notes.append(_CROSS_FIELD_VALIDATORS[validator])
                elif validator in _VALIDATOR_KEYWORDS:
                    schema.update(_VALIDATOR_KEYWORDS[validator])
                else:
                    msg = f"schema.py does not know the validator {validator!r} of {cls}"
                    raise TypeError(msg)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif field.default is not None and "default" not in schema:
                # The converter omits a field equal to its default, so it is never required.
                schema["default"] = _json_default(field.default)
            properties[field.name] = schema
        description = _describe(cls)
        if notes:
            description += " Checked by the loader, not by this schema: " + "; ".join(notes) + "."
        result: dict[str, Any] = {
            "title": cls.__name__,
            "description": description,
            "type": "object",
            "properties": properties,
        }
        if required:
            result["required"] = required
        result["additionalProperties"] = False
        return result

    def _target(self) -> dict[str, Any]:
        if "Target" not in self.defs:
            branches = [self._ref(Comparison)]
            for cls, tag in TARGET_TAGS.items():
                self._ref(cls)
                record = self.defs[cls.__name__]
                # The tag comes first, as the converter writes it.
                record["properties"] = {"comparator": {"const": tag}, **record["properties"]}
                record["required"] = ["comparator", *record.get("required", [])]
                branches.append({"$ref": f"#/$defs/{cls.__name__}"})
            self.defs["Target"] = {
                "title": "Target",
                "description": (
                    "A target, told apart by its comparator: one of "
                    + ", ".join(f"'{c}'" for c in _comparison_values())
                    + " (or none, meaning '=') for a Comparison, "
                    + ", ".join(f"'{tag}' for a {cls.__name__}" for cls, tag in TARGET_TAGS.items())
                    + "."
                ),
                "oneOf": branches,
            }
        return {"$ref": "#/$defs/Target"}


def _comparison_values() -> list[str]:
    comparator = attrs.fields(Comparison).comparator
    enum_type = typing.get_type_hints(Comparison)[comparator.name]
    return [member.value for member in enum_type]


def _json_default(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


_SIMPLE: Mapping[object, Mapping[str, Any]] = {
    str: {"type": "string", "maxLength": MAX_TEXT_LENGTH},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {
        "type": "number",
        "exclusiveMinimum": -MAX_MAGNITUDE,
        "exclusiveMaximum": MAX_MAGNITUDE,
    },
    dt.date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
}


@cache
def _schema_text() -> str:
    return json.dumps(_build(), ensure_ascii=False, indent=2) + "\n"


def _build() -> dict[str, Any]:
    builder = _Builder()
    meta = builder.record(Plan, exclude=COLLECTIONS)
    meta["description"] = "Plan metadata: the [plan] table. " + meta["description"]
    builder.defs["Plan"] = meta
    hints = typing.get_type_hints(Plan)
    collections = {name: builder.type_schema(hints[name]) for name in COLLECTIONS}
    for old, new in LEGACY_COLLECTIONS.items():
        collections[old] = {
            **collections[new],
            "description": f"The old name of {new}, read as {new}; not together with it.",
            "deprecated": True,
        }
    return {
        "$schema": DIALECT,
        "$id": f"urn:{SCHEMA_ID.replace('/', ':')}",
        "title": "minzheng-plans plan file",
        "description": (
            "A development plan (民政事业发展规划) as TOML or JSON: metadata under 'plan', "
            "the collections at the top level. Numbers are exact decimals."
        ),
        "$comment": "Generated from the model by minzheng_plans.schema; do not edit. "
        "Checked by the loader only: "
        + "; ".join(f"{where}: {rule}" for where, rule in CROSS_FIELD_RULES.items())
        + ".",
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA_ID, "description": "The plan-file format version."},
            "plan": {"$ref": "#/$defs/Plan"},
            **collections,
        },
        "required": ["schema", "plan"],
        "additionalProperties": False,
        "dependentSchemas": {
            old: {"not": {"required": [new]}} for old, new in LEGACY_COLLECTIONS.items()
        },
        "$defs": dict(sorted(builder.defs.items())),
    }


def plan_schema() -> dict[str, Any]:
    """The plan-file JSON Schema (Draft 2020-12) as a fresh dict the caller may change."""
    result: dict[str, Any] = json.loads(_schema_text())
    return result


def schema_json() -> str:
    """The schema as the JSON text ``minzheng-plans schema`` prints and the package ships."""
    return _schema_text()


def to_json_value(tree: object) -> object:
    """The JSON value a parsed TOML plan file stands for, to validate it against the schema.

    Dates and times become ISO text (as the JSON form writes them). TOML's ``nan`` and ``inf``
    have no JSON form; they become a table that no field of the schema accepts, so that a
    validator refuses them where the loader does.
    """
    if isinstance(tree, Mapping):
        return {str(key): to_json_value(value) for key, value in tree.items()}
    if isinstance(tree, list | tuple):
        return [to_json_value(value) for value in tree]
    if isinstance(tree, dt.date | dt.time):
        return tree.isoformat()
    if isinstance(tree, Decimal) and not tree.is_finite():
        return {"non-finite number": [str(tree)]}
    return tree
