"""Optional libraries, imported on first use with an error that names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from minzheng_plans.core.errors import DocumentError

__all__ = ["optional_module"]


def optional_module(module: str, *, extra: str, what: str, path: str | None) -> ModuleType:
    """``module`` imported, or a :class:`DocumentError` saying which extra provides it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".", maxsplit=1)[0]
        msg = (
            f"reading {what} needs the Python package {package!r}, which is not "
            f"installed; install the {extra} extra "
            f"(in a checkout of minzheng-plans: pip install '.[{extra}]')"
        )
        raise DocumentError(msg, path=path) from None
