"""Where the bundled data lives: ``minzheng_plans/_data`` in a wheel, ``data/`` in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["data_file"]


@cache
def _data_root() -> Traversable:
    # A package on a file system (every wheel install, an editable install, a checkout): its
    # _data folder, else data/ at the repository root, found without importlib.resources,
    # whose import costs more than a small check's reading.
    package = Path(__file__).resolve().parents[1]
    here = package / "_data"
    if here.is_dir():
        return here
    if package.is_dir():
        # An editable install or a source checkout: data/ sits at the repository root.
        checkout = package.parents[1] / "data"
        if checkout.is_dir():
            return checkout
    else:
        from importlib import resources  # noqa: PLC0415 - a package in a zip archive

        packaged = resources.files("minzheng_plans") / "_data"
        if packaged.is_dir():
            return packaged
    msg = "the bundled data folder is missing: reinstall minzheng-plans"
    raise FileNotFoundError(msg)


def data_file(*parts: str) -> Traversable:
    """A bundled data file or folder, e.g. ``data_file("units.toml")``."""
    node = _data_root()
    for part in parts:
        node = node / part
    return node
