"""Where the bundled data lives: ``minzheng_plans/_data`` in a wheel, ``data/`` in a checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["data_file"]


@cache
def _data_root() -> Traversable:
    packaged = resources.files("minzheng_plans") / "_data"
    if packaged.is_dir():
        return packaged
    # An editable install or a source checkout: data/ sits at the repository root.
    checkout = Path(__file__).resolve().parents[3] / "data"
    if checkout.is_dir():
        return checkout
    msg = "the bundled data folder is missing: reinstall minzheng-plans"
    raise FileNotFoundError(msg)


def data_file(*parts: str) -> Traversable:
    """A bundled data file or folder, e.g. ``data_file("units.toml")``."""
    node = _data_root()
    for part in parts:
        node = node / part
    return node
