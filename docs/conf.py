"""Sphinx configuration for minzheng_plans."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent / "src"))

project = "minzheng_plans"
author = "minzheng_plans developers"
copyright = "2026, minzheng_plans developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "clidoc",
    "schemadoc",
    "findingsdoc",
    "catalogdoc",
    "unitsdoc",
    "layoutsdoc",
    "importgraph",
    "rundoc",
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "minzheng_plans"
language = "en"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = False
intersphinx_mapping: dict[str, tuple[str, None]] = {}
suppress_warnings = ["myst.header"]
# Commands are copied from the pages: "--places" must not become an en dash, nor "x" curly.
smartquotes = False
# minzheng_plans.strategies needs hypothesis (the test extra); the docs build with the docs
# extra alone, so autodoc imports it with hypothesis mocked.
autodoc_mock_imports = ["hypothesis"]
