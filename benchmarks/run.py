"""Benchmark runner: every figure is a ratio against a baseline measured in the same run.

    python benchmarks/run.py                  # the whole synthetic national corpus
    python benchmarks/run.py --json           # the same figures as JSON
    python benchmarks/run.py --save benchmarks/last-run.json --write-doc docs/performance.md
    python benchmarks/run.py --fraction 0.01 --repeat 1   # what CI runs, to keep this working

Figures (issues 9 and 21), each beside its target (:mod:`report`): start-up of ``check`` on one
small plan file and of ``--help`` against ``python -c pass``; the national check against
``tomllib`` on the synthetic corpus (:mod:`corpus`) and on replicated bundled plans
(:mod:`replicas`), its cost per plan at 10 %, 50 % and 100 %, and its speed-up on every core;
the text loaders in MB/s on the seed documents; the DOCX, web-page and PDF readers against
their libraries' own parse (:mod:`editions`); our load against ``tomllib``; the ``jsonschema``
peer; peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# Siblings of this script, found through the path set above.
import figures  # noqa: E402
import replicas  # noqa: E402
import report  # noqa: E402
from corpus import generate  # noqa: E402

#: Plans in the replicated corpus at fraction 1 (about a quarter of the synthetic corpus:
#: each is a seed-sized plan, several times the synthetic plans' size).
REPLICATED_PLANS = 800


def corpus(fraction: float, cache: Path) -> list[Path]:
    """The synthetic corpus at ``fraction``, generated once into ``cache``."""
    folder = cache / f"corpus-{fraction:g}"
    marker = folder / ".complete"
    if not marker.exists():
        generate(folder, fraction)
        marker.write_text("", encoding="utf-8")
    return sorted(folder.glob("*.toml"))


def replicated(plans: int, cache: Path) -> list[Path]:
    """``plans`` replicated bundled plans, generated once into ``cache``."""
    folder = cache / f"replicas-{plans}"
    marker = folder / ".complete"
    if not marker.exists():
        replicas.generate(folder, plans)
        marker.write_text("", encoding="utf-8")
    return sorted(folder.glob("*.toml"))


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:  # noqa: PTH123
            names = [line.split(":", 1)[1].strip() for line in handle if "model name" in line]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release().split('-')[0]}",
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
    }


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _stolen() -> float | None:
    """CPU seconds the host has taken from this machine's processors since boot (the steal
    column of ``/proc/stat`` on a Linux guest); None where there is no such column."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:  # noqa: PTH123
            fields = handle.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def measure(args: argparse.Namespace) -> dict[str, Any]:
    os.environ.setdefault("MINZHENG_PLANS_CACHE_DIR", str(args.cache / "compiled"))
    result: dict[str, Any] = {
        "machine": machine(),
        "run": {
            "date": dt.date.today().isoformat(),  # noqa: DTZ011 - the local date of the run
            "fraction": args.fraction,
            "repeat": args.repeat,
            "load_average": {"before": _load()},
        },
    }
    stolen = _stolen()
    result["startup"] = figures.startup(args.repeat, args.cache / "startup-cache")

    def synthetic(share: float) -> list[Path]:
        return corpus(args.fraction * share, args.cache)

    def copies(share: float) -> list[Path]:
        return replicated(max(5, round(REPLICATED_PLANS * args.fraction * share)), args.cache)

    files = synthetic(1.0)
    result["load"] = figures.floor_and_load(files, args.repeat)
    result["national"] = figures.national("synthetic", synthetic, args.repeat, parallel=True)
    result["replicas"] = figures.national("replicated", copies, args.repeat, parallel=False)
    peer = figures.jsonschema_peer(files, args.repeat)
    if peer is not None:
        check = result["national"]["scaling"]["100%"]["seconds"]
        result["peer"] = {"d": peer, "c/d": check / peer}
    result["memory_mb"] = figures.peak_memory_mb(files[0].parent)
    result["text_loaders_mb_s"] = figures.text_loaders(args.repeat)
    result["formats"] = figures.format_loaders(args.repeat)
    result["run"]["load_average"]["after"] = _load()
    after = _stolen()
    if stolen is not None and after is not None:
        result["run"]["stolen_seconds"] = round(after - stolen, 2)
    result["targets"] = report.judge(result)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="minzheng_plans benchmarks (ratios, one run)")
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the corpora")
    parser.add_argument("--repeat", type=int, default=3, help="timings per figure; best kept")
    parser.add_argument("--cache", type=Path, default=ROOT / ".benchmarks")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--save", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument(
        "--write-doc", type=Path, help="rewrite this page's figures block (docs/performance.md)"
    )
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    result = measure(args)
    encoded = json.dumps(result, indent=2, ensure_ascii=False)
    if args.save:
        args.save.write_text(encoded + "\n", encoding="utf-8")
    if args.write_doc:
        page = args.write_doc.read_text(encoding="utf-8")
        clean: dict[str, Any] = json.loads(encoded)
        args.write_doc.write_text(
            report.replace_block(page, report.markdown(clean)), encoding="utf-8"
        )
    print(encoded if args.json else report.text(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
