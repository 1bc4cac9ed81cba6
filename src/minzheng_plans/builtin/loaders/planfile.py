"""Built-in loaders for plan files themselves (TOML and JSON), registered like any plugin."""

from __future__ import annotations

import re
from collections.abc import Callable

from minzheng_plans.files.document import Document
from minzheng_plans.files.planfile import SCHEMA_ID, decode_plan, loads_plan
from minzheng_plans.plugins.builtins import PLAN_FILE_FORMATS, PLAN_FILE_LOADERS
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

__all__ = ["register_loaders"]

# The schema line itself, not just the project name: a text that merely mentions
# minzheng-plans (a plugin's marker line, a README) is not a plan file.
_MARK = re.compile(
    r"""["']?schema["']?\s*[=:]\s*["']""" + re.escape(SCHEMA_ID.split("/", 1)[0]) + "/"
)


def _sniffer(suffix: str) -> Callable[[Document, LoadContext], float]:
    def sniff(document: Document, _context: LoadContext) -> float:
        if document.text is None:
            # Named as a plan file but not text: claim it weakly, so that the reader learns
            # which line is not UTF-8 rather than that no loader knows the file.
            return 0.3 if document.suffix == suffix else 0.0
        head = document.text[:4096]
        if _MARK.search(head) and (document.suffix == suffix or _looks_like(head, suffix)):
            return 1.0
        return 0.3 if document.suffix == suffix else 0.0

    return sniff


def _looks_like(head: str, suffix: str) -> bool:
    stripped = head.lstrip()
    return stripped.startswith("{") if suffix == ".json" else not stripped.startswith("{")


def _loader(fmt: str, name: str) -> Loader:
    suffix = f".{fmt}"

    def load(document: Document, _context: LoadContext) -> LoadResult:
        # Plan files are UTF-8 only; the document's fallback decodings (GB18030, UTF-16) are
        # for published documents, and would let the CLI read a file the API refuses.
        text = decode_plan(document.data, path=document.name)
        plan = loads_plan(text, path=document.name, fmt="json" if fmt == "json" else "toml")
        return LoadResult(plan)

    return Loader(
        name=name,
        description=f"A minzheng-plans plan file in {fmt.upper()} (schema {SCHEMA_ID})",
        sniff=_sniffer(suffix),
        load=load,
    )


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        _loader(fmt, name) for fmt, name in zip(PLAN_FILE_FORMATS, PLAN_FILE_LOADERS, strict=True)
    ]
