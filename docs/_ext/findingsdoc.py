"""A ``findings-reference`` directive: every finding code, generated from the rule registry.

The core's own codes come from ``CORE_CODES``; every rule from the built-in plugins through the
plugin host, exactly as ``minzheng-plans rules`` lists them, so a new rule cannot be missing
from the page. Each code gets an anchor (``#mz401``), which SARIF ``helpUri`` links point at,
and a link to the page that describes its family in detail when that page exists.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

# Family prefix -> the page describing those rules in detail (linked when it exists).
DETAIL_PAGES = (
    ("MZ0", "reference/findings"),
    ("MZ1", "reference/plan-file"),
    ("MZ2", "reference/rules-consistency"),
    ("MZ3", "reference/rules-consistency"),
    ("MZ4", "reference/compliance"),
    ("MZ504", "catalog"),
    ("MZ505", "reference/indicator-table"),
    ("MZ506", "loaders/prose-and-projects"),
    ("MZ507", "loaders/table-layouts"),
    ("MZ508", "loaders/table-layouts"),
    ("MZ509", "reference/places"),
    ("MZ50", "loaders/text-toolkit"),
    ("MZ5", "reference/rules-consistency"),
    ("MZ6", "reference/rules-evaluation"),
    ("MZ105", "reference/configuration"),
    ("MZ106", "reference/plan-file"),
)


def registered_codes() -> list[tuple[str, str, str, str, str]]:
    """``(code, name, severity, summary, plugin)`` for the core and every built-in rule."""
    from minzheng_plans.core.findings import CORE_CODES  # noqa: PLC0415 - sys.path set in conf.py
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    rows = [
        (code, "", severity.value, summary, "core")
        for code, (severity, summary) in CORE_CODES.items()
    ]
    rows.extend(
        (i.rule.code, i.rule.name, str(i.rule.severity), i.rule.summary, i.plugin.name)
        for i in create_plugin_host(entry_points=False).rules()
    )
    return sorted(rows)


class FindingsReference(SphinxDirective):
    has_content = False

    def _detail(self, code: str) -> str:
        # The longest matching prefix whose page exists: MZ504 before MZ50 before MZ5.
        for prefix, doc in sorted(DETAIL_PAGES, key=lambda item: -len(item[0])):
            if code.startswith(prefix) and doc in self.env.found_docs and doc != self.env.docname:
                return f" See :doc:`/{doc}`."
        return ""

    def run(self) -> list[nodes.Node]:
        lines: list[str] = []
        for code, name, severity, summary, plugin in registered_codes():
            title = f"{code} ``{name}``" if name else code
            lines += [
                f".. _{code.lower()}:",
                "",
                f".. rubric:: {title} ({severity})",
                "",
                f"{summary}. *From* ``{plugin}``.{self._detail(code)}",
                "",
            ]
        container = nodes.section()
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("findings-reference", FindingsReference)
    return {"parallel_read_safe": True}
