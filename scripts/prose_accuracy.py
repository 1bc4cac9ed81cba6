"""Rewrite the accuracy table of ``docs/loaders/prose-accuracy.md`` from a fresh score.

Usage::

    python scripts/prose_accuracy.py [--check]

Scores the prose corpus (``tests/layouts``, built-in loaders only) and the five seeds
(``../shared/seeds`` through the jurisdiction plugins) against their hand-written lists and
puts the table between the page's markers. ``--check`` writes nothing and exits 1 when the
page is stale; ``tests/test_prose_accuracy.py`` runs the same comparison.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "loaders" / "prose-accuracy.md"


def render(page: str) -> str:
    """``page`` with a fresh table between its markers."""
    sys.path.insert(0, str(ROOT))
    for source in sorted((ROOT / "plugins").glob("*/src")):
        sys.path.insert(0, str(source))
    from tests.layouts import _score_prose as score  # noqa: PLC0415

    table = score.accuracy_table(score.score_corpus(), score.score_seeds())
    head, _, rest = page.partition(score.TABLE_START)
    _, _, tail = rest.partition(score.TABLE_END)
    return f"{head}{score.TABLE_START}\n{table}\n{score.TABLE_END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    args = parser.parse_args(argv)
    page = PAGE.read_text(encoding="utf-8")
    fresh = render(page)
    if args.check:
        if fresh != page:
            sys.stdout.write(f"{PAGE} is stale: run python scripts/prose_accuracy.py\n")
            return 1
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
