"""Every English message id the library can emit, found in its own source (for translators).

Finding messages are string literals (or module-level string constants, or tables of them)
passed as the third argument of :func:`~minzheng_plans.core.findings.make_finding` or
:class:`Finding`, or as the first of a rule's ``context.finding(...)``; the other messages of
reports are marked with :func:`~minzheng_plans.core.messages.N_` or built as a
:class:`~minzheng_plans.core.messages.Message`; rule summaries and the core codes' summaries
are message ids too. Reading the source with :mod:`ast` finds
them all without running any rule, so a test can fail on a message nobody translated, and
``python -m minzheng_plans.output.messages`` can add new ids to the ``.po`` files.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from minzheng_plans.core.findings import is_code

__all__ = ["collect_message_ids", "message_ids_in_source", "update_catalogs"]

_PACKAGE = Path(__file__).parents[1]
# Where the message is among the positional arguments of each call.
_CALLS = {"make_finding": 2, "Finding": 2, "finding": 0, "N_": 0, "Message": 0}


def _constants(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = value.value
    return found


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _starts_with_code(node: ast.Call) -> bool:
    first = node.args[0] if node.args else None
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and is_code(first.value)


def message_ids_in_source(text: str, filename: str = "<source>") -> Iterator[tuple[str, int]]:
    """Message ids with the line they are used on, from one module's source text."""
    tree = ast.parse(text, filename)
    constants = _constants(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        position = _CALLS.get(_call_name(node) or "")
        if position is None:
            continue
        if any(keyword.arg == "translations" for keyword in node.keywords):
            continue  # a plugin's own sentence: it carries its translations, no catalog does
        if position == 0 and _starts_with_code(node):
            # ``finding(code, severity, message, …)``: the table reader's own helper
            # (text/rows.py) takes the arguments of make_finding, a rule's context does not.
            position = 2
        arg: ast.expr | None = node.args[position] if len(node.args) > position else None
        for keyword in node.keywords:
            if keyword.arg == "message":
                arg = keyword.value
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield arg.value, node.lineno
        elif isinstance(arg, ast.Name) and arg.id in constants:
            yield constants[arg.id], node.lineno
        elif isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name):
            # A table of messages (``_MESSAGES[reason]``): every string constant in the module
            # named in the table's values counts.
            yield from _table_messages(tree, arg.value.id, constants, node.lineno)


def _table_messages(
    tree: ast.Module, name: str, constants: dict[str, str], line: int
) -> Iterator[tuple[str, int]]:
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            for value in node.value.values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.value, line
                elif isinstance(value, ast.Name) and value.id in constants:
                    yield constants[value.id], line


def _sources() -> list[tuple[Path, Path]]:
    """The package's modules, and in a source checkout the bundled jurisdiction plugins'."""
    found = [(path, _PACKAGE.parent) for path in sorted(_PACKAGE.rglob("*.py"))]
    plugins = _PACKAGE.parents[1] / "plugins"
    if plugins.is_dir():
        found += [(path, plugins) for path in sorted(plugins.glob("*/src/**/*.py"))]
    return found


def collect_message_ids(*, include_rules: bool = True) -> dict[str, list[str]]:
    """Every message id the library and its bundled plugins and plans can show, with places."""
    from minzheng_plans.checking.bundled import bundled_plans  # noqa: PLC0415
    from minzheng_plans.core.findings import CORE_CODES  # noqa: PLC0415

    found: dict[str, list[str]] = {}
    for path, base in _sources():
        relative = path.relative_to(base).as_posix()
        for message, line in message_ids_in_source(path.read_text(encoding="utf-8"), relative):
            found.setdefault(message, []).append(f"{relative}:{line}")
    # Findings recorded in the bundled plan files are shown by every check that reads them.
    for plan in bundled_plans():
        for finding in plan.findings:
            found.setdefault(finding.message, []).append(f"data/plans:{plan.id}")
    from minzheng_plans.output.phrases import MESSAGES as PHRASES  # noqa: PLC0415
    from minzheng_plans.output.report import TEXT_MESSAGES  # noqa: PLC0415

    for text in TEXT_MESSAGES:
        found.setdefault(text, []).append("report:text")
    for text in PHRASES:
        found.setdefault(text, []).append("report:phrases")
    for code, (_severity, summary) in CORE_CODES.items():
        found.setdefault(summary, []).append(f"core:{code}")
    if include_rules:
        from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

        for info in create_plugin_host(entry_points=False).rules():
            found.setdefault(info.rule.summary, []).append(f"rule:{info.rule.code}")
    return found


def update_catalogs(locale_dir: Path | None = None) -> list[str]:
    """Add missing message ids to every ``.po`` file; return what was added.

    A new id gets an empty translation (English keeps the id itself, so that the English
    catalog stays complete); existing translations are kept untouched.
    """
    from babel.messages.pofile import read_po, write_po  # noqa: PLC0415

    from minzheng_plans.output.i18n import DEFAULT_LANGUAGE, DOMAIN, LOCALE_DIR  # noqa: PLC0415

    root = locale_dir or LOCALE_DIR
    ids = collect_message_ids()
    added: list[str] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        path = folder / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=folder.name)
        for message, places in ids.items():
            if message not in catalog:
                text = message if folder.name == DEFAULT_LANGUAGE else ""
                catalog.add(message, text, auto_comments=places[:1])
                added.append(f"{folder.name}: {message}")
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, sort_output=True)
    return added


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for line in update_catalogs():
        sys.stdout.write(line + "\n")
