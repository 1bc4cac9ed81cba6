"""A ``click-reference`` directive: the CLI reference, generated from the click app itself."""

from __future__ import annotations

import click
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _lines(command: click.Command, name: str, ctx: click.Context | None) -> list[str]:
    sub = click.Context(command, info_name=name, parent=ctx)
    # Directives cannot open sections, so each command is a rubric.
    lines = [
        f".. rubric:: {sub.command_path}",
        "",
        (command.help or "").strip(),
        "",
        ".. code-block:: text",
        "",
    ]
    lines += ["   " + line for line in command.get_help(sub).splitlines()]
    lines.append("")
    if isinstance(command, click.Group):
        for child_name in command.list_commands(sub):
            child = command.get_command(sub, child_name)
            if child is not None:
                lines += _lines(child, child_name, sub)
    return lines


class ClickReference(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from minzheng_plans.cli.app import cli  # noqa: PLC0415 - sys.path is set in conf.py

        lines = _lines(cli, "minzheng-plans", None)
        container = nodes.section()
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("click-reference", ClickReference)
    return {"parallel_read_safe": True}
