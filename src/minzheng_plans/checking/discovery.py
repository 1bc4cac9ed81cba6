"""Which files a check reads: files named directly, and plan files found under directories."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from minzheng_plans.files.document import DEFAULT_MAX_BYTES

__all__ = ["PLAN_SUFFIXES", "collect_plan_paths"]

#: Suffixes of plan files looked for under a directory.
PLAN_SUFFIXES = (".toml", ".json")


def collect_plan_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and plan files (``.toml``, ``.json``) found under directories.

    Under a directory, hidden folders (``.git``, ``.venv``) are skipped, and so are well-formed
    TOML and JSON files with neither a ``schema`` nor a ``plan`` key (``pyproject.toml``,
    ``package.json``); a file that does not parse is kept, to be reported. A file named
    directly is always read.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in PLAN_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                    and _looks_like_plan_file(p)
                )
            )
        else:
            found.append(path)
    return found


def _looks_like_plan_file(path: Path) -> bool:
    """False only for a well-formed TOML/JSON file that is clearly something else.

    A file that cannot be read or parsed is kept, so that checking reports it: a broken plan
    file must never be skipped silently.
    """
    import json  # noqa: PLC0415 - only when a directory is searched

    import tomli  # noqa: PLC0415 - the compiled parser: the standard library's is pure Python

    try:
        if path.stat().st_size > DEFAULT_MAX_BYTES:
            return True
        text = path.read_bytes().decode("utf-8-sig")
        tree = json.loads(text) if path.suffix == ".json" else tomli.loads(text)
    except (OSError, ValueError, RecursionError):  # decode and parse errors are ValueErrors
        return True
    return isinstance(tree, dict) and ("schema" in tree or "plan" in tree)
