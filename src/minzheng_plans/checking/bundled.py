"""The plans shipped with the library (``data/plans``): parents a checked plan may cite.

Every check resolves parents among them, so the plans read are kept in the compiled cache
(:mod:`minzheng_plans.files.cache`), keyed by every file's name, size and modification time
(:func:`~minzheng_plans.files.cache.file_stamp`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from minzheng_plans.core.model import Plan
from minzheng_plans.files.cache import cached, file_stamp
from minzheng_plans.files.resources import data_file

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["bundled_plans"]


@cache
def bundled_plans() -> tuple[Plan, ...]:
    """The plans shipped in ``data/plans`` (read once per process)."""
    folder = data_file("plans")
    if not folder.is_dir():
        return ()
    files = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".toml")), key=lambda t: t.name
    )
    key = tuple(file_stamp(item) for item in files)
    return cached("bundled-plans", key, lambda: _read(files))


def _read(files: list[Traversable]) -> tuple[Plan, ...]:
    from minzheng_plans.files.planfile import loads_plan  # noqa: PLC0415 - only on a cache miss

    return tuple(
        loads_plan(item.read_text(encoding="utf-8"), path=f"<bundled>/{item.name}")
        for item in files
    )
