"""Which modules the host registers as built-in plugins, and which loaders answer first.

Names only (no imports of the modules), so that the plugin layer can register the built-ins
without depending on the layer they live in: the host imports each by name at run time.
"""

from __future__ import annotations

__all__ = ["BUILTIN_PLUGINS", "BUNDLED_PLACES", "PLAN_FILE_FORMATS", "PLAN_FILE_LOADERS"]

#: The built-in plugin whose register_jurisdictions contributes exactly the bundled places
#: (``registries.jurisdictions.bundled_jurisdictions``): the host then makes each of them a
#: Jurisdiction only when a run asks for it (``JurisdictionRegistry.over_bundled``).
BUNDLED_PLACES = "minzheng_plans.builtin.jurisdictions"

# Registered by import, in this order, before any entry point (datasette's approach): a
# source checkout without installed metadata then behaves exactly like a wheel.
BUILTIN_PLUGINS = (
    "minzheng_plans.builtin.loaders.planfile",
    "minzheng_plans.builtin.catalog",
    BUNDLED_PLACES,
    "minzheng_plans.builtin.loaders.tables",
    "minzheng_plans.builtin.units",
    "minzheng_plans.builtin.loaders.generic",
    "minzheng_plans.builtin.loaders.docx",
    "minzheng_plans.builtin.loaders.html",
    "minzheng_plans.builtin.loaders.pdf",
    "minzheng_plans.builtin.loaders.office",
    "minzheng_plans.builtin.rules.consistency",
    "minzheng_plans.builtin.rules.units",
    "minzheng_plans.builtin.rules.extraction",
    "minzheng_plans.builtin.rules.compliance",
    "minzheng_plans.builtin.rules.evaluation",
)

#: The formats of the library's own plan files.
PLAN_FILE_FORMATS = ("toml", "json")
#: The built-in loaders of those files; loading asks them before every other loader.
PLAN_FILE_LOADERS = tuple(f"plan-file.{fmt}" for fmt in PLAN_FILE_FORMATS)
