"""A ``units-table`` directive: every unit of the bundled registry, generated from it."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def table_lines() -> list[str]:
    """RST list-table rows: name, aliases, definition, dimension, description."""
    from minzheng_plans.units.registry import default_units  # noqa: PLC0415 - sys.path set in conf.py

    registry = default_units()
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "",
        "   * - Unit",
        "     - Other spellings",
        "     - Definition",
        "     - Dimension",
        "     - Meaning",
    ]
    for unit in registry.definitions:
        definition = "base unit" if unit.is_base else unit.definition or ""
        if unit.approximately:
            definition += f" (≈ {unit.approximately} when approximate)"
        lines += [
            f"   * - ``{unit.name}``",
            f"     - {_cell(', '.join(unit.aliases))}",
            f"     - {_cell(definition)}",
            f"     - ``{registry.dimension(unit.name)}``",
            f"     - {_cell(unit.en)}",
        ]
    lines += ["", "Scale words: " + ", ".join(f"{s.name} = {s.factor}" for s in registry.scales)]
    return lines


class UnitsTable(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        self.state.nested_parse(StringList(table_lines()), self.content_offset, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("units-table", UnitsTable)
    return {"parallel_read_safe": True}
