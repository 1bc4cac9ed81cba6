"""minzheng-plans-example: one loader and one rule, registered through the plugin hooks.

minzheng-plans imports this module through the entry point in ``pyproject.toml`` and calls
every function marked ``@hookimpl`` whose name is a hook (see the hooks reference).
"""

from minzheng_plans import Loader, Rule, hookimpl
from minzheng_plans_example.loader import LOADER
from minzheng_plans_example.rule import RULE

__all__ = ["register_loaders", "register_rules"]


@hookimpl
def register_loaders() -> list[Loader]:
    return [LOADER]


@hookimpl
def register_rules() -> list[Rule]:
    return [RULE]
