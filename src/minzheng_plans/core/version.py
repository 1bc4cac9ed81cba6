"""The installed version of minzheng-plans, read from its metadata when first asked for.

Every module that names the version (the package root, the plugin host, reports) asks here,
so none of them has to import the package root or read metadata at import time.
"""

from __future__ import annotations

from functools import cache

__all__ = ["DISTRIBUTION", "own_version"]

#: The distribution whose metadata holds the version.
DISTRIBUTION = "minzheng-plans"


@cache
def own_version() -> str:
    """The version of the installed distribution; ``0.0.0+unknown`` in an uninstalled checkout."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - only when asked

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0.0.0+unknown"
