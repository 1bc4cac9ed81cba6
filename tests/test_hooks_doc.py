"""docs/reference/hooks.md documents every hook in hookspecs.py, with its exact signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from minzheng_plans.plugins import hookspecs
from minzheng_plans.plugins.hookspecs import HOOK_NAMES

HOOKS_DOC = Path(__file__).resolve().parents[1] / "docs" / "reference" / "hooks.md"


def _hookspecs() -> dict[str, str]:
    """Name -> ``def name(...) -> ...`` for every function marked as a hook specification."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    specs = {}
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(function, marker):
            signature = inspect.signature(function)
            params = ", ".join(str(p) for p in signature.parameters.values())
            specs[name] = f"def {name}({params}) -> {signature.return_annotation}:"
    return specs


def _sections(text: str) -> dict[str, str]:
    """Hook name -> its section text, for ``## `name` `` headings."""
    parts = re.split(r"^## `([a-z_]+)`\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


DOC = HOOKS_DOC.read_text(encoding="utf-8")
SECTIONS = _sections(DOC)
SPECS = _hookspecs()


def test_the_spec_module_and_the_host_know_the_same_hooks():
    """HOOK_NAMES, which the host checks plugins against, lists exactly the hookspecs."""
    assert sorted(SPECS) == sorted(HOOK_NAMES)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_has_a_section_with_its_signature(name):
    """Each hook has a heading, its exact signature, and the four parts of its contract."""
    assert name in SECTIONS, f"hooks.md has no '## `{name}`' section"
    section = SECTIONS[name]
    assert SPECS[name] in section, f"hooks.md does not show {SPECS[name]!r}"
    for part in ("Arguments", "Returns", "Called", "Results"):
        assert re.search(rf"^{part}\n: ", section, flags=re.MULTILINE), (name, part)
    assert re.search(r"\b(Collected|first result)\b", section), name


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_is_in_the_summary_table(name):
    """The at-a-glance table has a row per hook saying whether it is collected."""
    row = re.search(rf"^\| `{name}` \|.*\| (collected|first result) \|$", DOC, flags=re.MULTILINE)
    assert row is not None, name


def test_no_section_documents_a_hook_that_does_not_exist():
    """A renamed or removed hook leaves no stale section behind."""
    assert [] == sorted(set(SECTIONS) - set(SPECS))
