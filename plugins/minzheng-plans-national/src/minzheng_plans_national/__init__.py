"""minzheng-plans loaders for national plans (全国): the “十四五”民政事业发展规划 of 民政部 and
国家发展改革委.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Document, LoadContext, Loader, LoadResult, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "national.table"

# The loader's module (and the text toolkit it imports) is imported on the first sniff or
# load, not when the plugin is registered: a check of plan files never needs it.


def _sniff(document: Document, context: LoadContext) -> float:
    from minzheng_plans_national import mca  # noqa: PLC0415 - the toolkit loads on first use

    return mca.sniff(document, context)


def _load(document: Document, context: LoadContext) -> LoadResult:
    from minzheng_plans_national import mca  # noqa: PLC0415

    return mca.load(document, context)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="“十四五”民政事业发展规划 (民政部, 国家发展改革委): indicator table with "
            "one cell per line, prose targets and 专栏 projects",
            sniff=_sniff,
            load=_load,
        )
    ]
