"""``catalog-reference`` and ``jurisdiction-reference`` directives, generated from data/."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        lines.append(f"   * - {_cell(row[0])}")
        lines.extend(f"     - {_cell(cell)}" for cell in row[1:])
    lines.append("")
    return lines


class CatalogReference(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from minzheng_plans.registries.catalog import DOMAINS, default_catalog  # noqa: PLC0415

        catalog = default_catalog()
        lines: list[str] = [f"{len(catalog)} indicators in {len(DOMAINS)} domains.", ""]
        for domain, (prefix, label_zh, label_en) in DOMAINS.items():
            entries = sorted((e for e in catalog if e.domain == domain), key=lambda e: e.code)
            if not entries:
                continue
            # Directives cannot open sections, so each domain is a rubric.
            lines += [f".. rubric:: {label_en.capitalize()} ({label_zh}, ``{prefix}-``)", ""]
            rows = [
                [
                    f"``{e.code}``",
                    f"{e.name}\n\n{e.name_en}",
                    "; ".join(e.aliases),
                    e.unit,
                    e.kind.value,
                    e.direction.value,
                ]
                for e in entries
            ]
            lines += _table(["Code", "Name", "Aliases", "Unit", "Kind", "Better"], rows)
        container = nodes.section()
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return container.children


class JurisdictionReference(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from minzheng_plans.registries.places import bundled_places  # noqa: PLC0415

        # The hand-kept overlay's places (the country, zones, English names); the ~3,600
        # generated divisions are looked up with `minzheng-plans places`, not listed here.
        rows = [
            [f"``{p.code}``", p.name, p.name_en or "", p.level.value, p.parent or ""]
            for p in bundled_places().places
            if p.name_en or p.aliases or p.level.value in {"national", "zone"}
        ]
        lines = _table(["Code", "Name", "English name", "Level", "Parent"], rows)
        container = nodes.section()
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("catalog-reference", CatalogReference)
    app.add_directive("jurisdiction-reference", JurisdictionReference)
    return {"parallel_read_safe": True}
