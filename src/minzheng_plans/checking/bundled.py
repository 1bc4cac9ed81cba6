"""The plans shipped with the library (``data/plans``): parents a checked plan may cite.

Every check resolves parents among them, so the plans read are kept in the compiled cache
(:mod:`minzheng_plans.files.cache`), keyed by the digest of every file's name and text.
"""

from __future__ import annotations

from functools import cache

from minzheng_plans.core.model import Plan
from minzheng_plans.files.cache import cached, digest
from minzheng_plans.files.resources import data_file

__all__ = ["bundled_plans"]


@cache
def bundled_plans() -> tuple[Plan, ...]:
    """The plans shipped in ``data/plans`` (read once per process)."""
    folder = data_file("plans")
    if not folder.is_dir():
        return ()
    texts = [
        (item.name, item.read_text(encoding="utf-8"))
        for item in sorted(folder.iterdir(), key=lambda t: t.name)
        if item.name.endswith(".toml")
    ]
    key = digest(*(part for pair in texts for part in pair))
    return cached("bundled-plans", (key,), lambda: _read(texts))


def _read(texts: list[tuple[str, str]]) -> tuple[Plan, ...]:
    from minzheng_plans.files.planfile import loads_plan  # noqa: PLC0415 - only on a cache miss

    return tuple(loads_plan(text, path=f"<bundled>/{name}") for name, text in texts)
