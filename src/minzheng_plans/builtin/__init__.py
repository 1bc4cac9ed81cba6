"""Built-in plugins, each written exactly like a third-party plugin module.

The host registers them by the names in :data:`minzheng_plans.plugins.builtins.BUILTIN_PLUGINS`.
"""
