"""The public surface: everything in __all__ exists, and nothing private leaks into it."""

from __future__ import annotations

import minzheng_plans


def test_all_names_are_importable():
    """Every name in __all__ resolves on the package."""
    missing = [name for name in minzheng_plans.__all__ if not hasattr(minzheng_plans, name)]
    assert [] == missing


def test_all_is_unique_and_public():
    """__all__ lists each name once and holds no private names."""
    names = minzheng_plans.__all__
    assert len(set(names)) == len(names)
    assert [] == [n for n in names if n.startswith("_") and n != "__version__"]


def test_version_is_a_string():
    """__version__ is read from the installed metadata."""
    assert isinstance(minzheng_plans.__version__, str)
