"""Regenerate ``data/plans/<plan id>.toml`` from the seed documents with the loader plugins.

Usage::

    python scripts/regenerate_plans.py [--seeds DIR] [--out DIR] [--check] [--installed]

Every ``*.txt`` in the seeds folder (default ``../shared/seeds`` beside the repository) is
loaded by whichever loader claims it most confidently, exactly as ``minzheng-plans load``
does, and written as a plan file named by the plan's id. The loader plugins are the ones in
``plugins/*/src`` of this repository (so that an uninstalled checkout regenerates the same
files), or with ``--installed`` the installed entry points. ``--check`` writes nothing and
exits 1 when a file would change, listing the differences; documents no loader claims are
reported and skipped.

The committed files hold no long passages of the documents: a definition cell longer than
``MAX_COPIED`` characters is cut to that length with "…" (the loaders themselves keep every
character; only the bundled copies are excerpts). Quotes are already kept to the clause.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minzheng_plans.core.model import Plan

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = ROOT / ".." / "shared" / "seeds"
DEFAULT_OUT = ROOT / "data" / "plans"


MAX_COPIED = 39


def excerpt(plan: Plan) -> Plan:
    """``plan`` with every long text copied from its document cut to ``MAX_COPIED``."""
    import attrs  # noqa: PLC0415

    def cut(text: str | None) -> str | None:
        if text is None or len(text) <= MAX_COPIED:
            return text
        return text[: MAX_COPIED - 1] + "…"

    indicators = tuple(attrs.evolve(i, definition=cut(i.definition)) for i in plan.indicators)
    return attrs.evolve(plan, indicators=indicators)


def plugin_modules(root: Path = ROOT) -> list[object]:
    """The plugin packages of ``root/plugins/*/src``, imported (their folders go on sys.path)."""
    modules = []
    for source in sorted((root / "plugins").glob("*/src")):
        if str(source) not in sys.path:
            sys.path.insert(0, str(source))
        modules.extend(
            importlib.import_module(package.parent.name)
            for package in sorted(source.glob("minzheng_plans_*/__init__.py"))
        )
    return modules


def generate(seeds: Path, *, installed: bool = False) -> tuple[dict[str, str], list[str]]:
    """Plan-file texts by file name, and a note for each document no loader read."""
    from minzheng_plans.core.errors import DocumentError  # noqa: PLC0415 - after sys.path is set
    from minzheng_plans.files.planfile import dumps_plan  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    if installed:
        host = create_plugin_host()
    else:
        host = create_plugin_host(entry_points=False, extra=plugin_modules())
    files: dict[str, str] = {}
    skipped: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        try:
            result = load_path(path, host)
        except DocumentError as err:
            skipped.append(f"{path.name}: {err.reason}")
            continue
        name = f"{result.plan.id}.toml"
        if name in files:
            skipped.append(f"{path.name}: plan id {result.plan.id} already written")
            continue
        files[name] = dumps_plan(excerpt(result.plan))
    return files, skipped


def differences(files: dict[str, str], out: Path) -> list[str]:
    """Unified diffs between ``files`` and what ``out`` holds; empty when they agree."""
    diffs: list[str] = []
    for name, text in sorted(files.items()):
        path = out / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            diffs.extend(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"{name} (committed)",
                    tofile=f"{name} (regenerated)",
                )
            )
    return diffs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--installed", action="store_true", help="use installed plugins")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"no seeds folder at {args.seeds}", file=sys.stderr)  # noqa: T201
        return 2
    files, skipped = generate(args.seeds, installed=args.installed)
    for note in skipped:
        print(f"skipped {note}", file=sys.stderr)  # noqa: T201
    if args.check:
        diffs = differences(files, args.out)
        sys.stdout.writelines(diffs)
        return 1 if diffs else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
