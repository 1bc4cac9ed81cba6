"""The findings reference and SARIF's rules array come from the registry: keep it complete."""

from __future__ import annotations

import re
from pathlib import Path

from minzheng_plans.core.findings import CORE_CODES
from minzheng_plans.plugins.host import create_plugin_host

ROOT = Path(__file__).resolve().parents[1]


def _registered() -> set[str]:
    return set(CORE_CODES) | {i.rule.code for i in create_plugin_host(entry_points=False).rules()}


def test_every_code_in_the_source_is_registered():
    """Each MZ code the package or a bundled plugin can emit is a core code or a rule's."""
    sources = [*(ROOT / "src" / "minzheng_plans").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]
    used = {
        code
        for path in sources
        for code in re.findall(r"\"(MZ\d{3})\"", path.read_text(encoding="utf-8"))
        if not code.startswith("MZ9")  # the third-party range, used by examples
    }
    assert [] == sorted(used - _registered())


def test_the_directive_lists_every_registered_code():
    """The Sphinx directive behind docs/reference/findings.md renders each code with an anchor."""
    import sys  # noqa: PLC0415

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        from findingsdoc import registered_codes  # noqa: PLC0415
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    assert _registered() == {row[0] for row in registered_codes()}
    page = (ROOT / "docs" / "reference" / "findings.md").read_text(encoding="utf-8")
    assert ".. findings-reference::" in page
