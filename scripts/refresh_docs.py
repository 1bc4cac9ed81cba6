"""Rewrite the output that ``README.md`` shows from a real run of what it shows.

Usage::

    python scripts/refresh_docs.py [--check] [FILE.md ...]

Every ```` ```console ```` block of the file (default ``README.md``) is a transcript: each
``$ command`` is run from the repository root and its output (and ``[exit N]`` when it does
not exit 0) replaces what was shown. Every ```` ```python ```` block written as a Python
session (``>>>``) is run the same way and each example's output replaced. Runs use the
environment and the normalisation of ``docs/_ext/docrun.py``. ``--check`` writes nothing and
exits 1 with a diff when anything is stale (``tests/test_readme.py`` does the same check).

The tutorials and how-tos need no refreshing: their output is produced when the docs are built
(the ``{run}`` and ``{run-python}`` directives).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import docrun  # noqa: E402 - found through the path set above


def refreshed(path: Path) -> str:
    """The text of ``path`` with every shown output replaced by a real run's."""
    text = path.read_text(encoding="utf-8")
    # Run top down, as a reader would (a step may read a file an earlier one wrote) ...
    with docrun.Workspace() as workspace:
        bodies = [(b, docrun.refresh_block(b, workspace.path)) for b in docrun.checked_blocks(path)]
    # ... and replace bottom up, so that the line numbers of the blocks above stay valid.
    for block, body in reversed(bodies):
        if body is not None and body != block.body:
            text = docrun.replace_block(text, block, body)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "README.md"])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    stale = False
    for path in args.files:
        old = path.read_text(encoding="utf-8")
        new = refreshed(path)
        if new == old:
            continue
        stale = True
        if args.check:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"{path} (shown)",
                    f"{path} (run)",
                )
            )
        else:
            path.write_text(new, encoding="utf-8")
            print(f"refreshed {path}")  # noqa: T201 - a script's report
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
