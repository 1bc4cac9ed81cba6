"""A ``plan-schema-reference`` directive: the plan-file field reference, generated from the schema.

The tables are built from :func:`minzheng_plans.schema.plan_schema` at build time, so the
reference cannot drift from the model.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _label(name: str) -> str:
    return f"plan-schema-{name.lower()}"


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f":ref:`{name} <{_label(name)}>`"
    if "const" in schema:
        return f"``{json.dumps(schema['const'], ensure_ascii=False)}``"
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    if "oneOf" in schema:
        return "one of " + ", ".join(_type(option) for option in schema["oneOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {_type(schema['items'])}"
    if kind == "object" and "additionalProperties" in schema:
        return f"table of {_type(schema['additionalProperties'])}"
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return str(kind)


def _constraints(schema: dict[str, Any]) -> str:
    parts = []
    words = {
        "minimum": "≥ {}",
        "maximum": "≤ {}",
        "exclusiveMinimum": "> {}",
        "exclusiveMaximum": "< {}",
        "pattern": "matches ``{}``",
    }
    # maxLength is the same everywhere (MAX_TEXT_LENGTH) and stated once above the tables.
    for option in [schema, *schema.get("anyOf", []), schema.get("items", {})]:
        for key, template in words.items():
            if key in option:
                value = option[key]
                if isinstance(value, int) and abs(value) >= 10**9:
                    value = f"{'-' if value < 0 else ''}1e{len(str(abs(value))) - 1}"
                parts.append(template.format(value))
    return "; ".join(dict.fromkeys(parts))


def _table(properties: dict[str, Any], required: list[str]) -> list[str]:
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 18 30 10 14 28",
        "",
        "   * - Key",
        "     - Type",
        "     - Required",
        "     - Default",
        "     - Constraints",
    ]
    for name, schema in properties.items():
        default = schema.get("default")
        shown = "" if default is None else f"``{json.dumps(default, ensure_ascii=False)}``"
        lines += [
            f"   * - ``{name}``",
            f"     - {_type(schema)}",
            f"     - {'yes' if name in required else ''}",
            f"     - {shown}",
            f"     - {_constraints(schema) or schema.get('description', '')}",
        ]
    return [*lines, ""]


def _definition(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f".. _{_label(name)}:", "", f".. rubric:: {name}", ""]
    if schema.get("description"):
        lines += [schema["description"], ""]
    if "enum" in schema:
        values = ", ".join(f"``{value}``" for value in schema["enum"])
        lines += [f"A string, one of: {values}.", ""]
    elif "oneOf" in schema:
        lines += [f"Exactly {_type(schema)}.", ""]
    elif "properties" in schema:
        lines += _table(schema["properties"], schema.get("required", []))
    return lines


def reference_lines() -> list[str]:
    """The reStructuredText of the whole field reference."""
    from minzheng_plans.schema import CROSS_FIELD_RULES, plan_schema  # noqa: PLC0415

    schema = plan_schema()
    lines = [".. rubric:: Top level", "", schema["description"], ""]
    lines += _table(schema["properties"], schema["required"])
    lines += ["Checked by the loader only (a JSON Schema cannot state these):", ""]
    lines += [f"- ``{where}``: {rule}" for where, rule in CROSS_FIELD_RULES.items()]
    lines.append("")
    for name, definition in schema["$defs"].items():
        lines += _definition(name, definition)
    return lines


class PlanSchemaReference(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        self.state.nested_parse(StringList(reference_lines()), self.content_offset, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("plan-schema-reference", PlanSchemaReference)
    return {"parallel_read_safe": True}
