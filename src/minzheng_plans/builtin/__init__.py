"""Built-in plugins, each written exactly like a third-party plugin module."""

__all__ = ["BUILTIN_PLUGINS"]

# Registered by import, in this order, before any entry point (datasette's approach): a
# source checkout without installed metadata then behaves exactly like a wheel.
BUILTIN_PLUGINS = (
    "minzheng_plans.builtin.loaders.planfile",
    "minzheng_plans.builtin.catalog",
    "minzheng_plans.builtin.jurisdictions",
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
)
