"""Benchmark runner: every figure is a ratio against a baseline measured in the same run.

    python benchmarks/run.py                 # the whole synthetic national corpus
    python benchmarks/run.py --fraction 0.02 # a small corpus, as CI runs it to keep this working

Figures (issue 9): (a) ``tomllib.loads`` of every plan file, the floor; (b) our load into the
typed model; (c) a full ``check`` of the tree including cross-level compliance, at 10 %, 50 %
and 100 % of the corpus, on one process and on all cores; (d) the peer: ``jsonschema``
validation of the same plans as JSON against our exported schema; (e) the text loaders over the
seed documents, in MB/s; (f) ``import minzheng_plans`` and ``minzheng-plans --help`` against
``python -c pass``; and the peak memory of (c).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402 - the sibling module, found through sys.path above

TARGETS = {
    "b/a": 2.0,  # our load costs at most twice the bare TOML parse
    "c/a": 3.0,  # the whole check costs at most three bare TOML parses
    "c/d": 1.0,  # and less than the jsonschema peer
    "help/pass": 3.0,  # `minzheng-plans --help` under three bare interpreter starts
}


def best_of(repeat: int, call: Callable[[], object]) -> float:
    """The fastest of ``repeat`` timings: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def corpus(fraction: float, cache: Path) -> list[Path]:
    """The corpus at ``fraction``, generated once into ``cache``."""
    folder = cache / f"corpus-{fraction:g}"
    marker = folder / ".complete"
    if not marker.exists():
        generate(folder, fraction)
        marker.write_text("", encoding="utf-8")
    return sorted(folder.glob("*.toml"))


def figure_load(files: Sequence[Path], repeat: int) -> dict[str, float]:
    from minzheng_plans.files.planfile import loads_plan  # noqa: PLC0415

    texts = [(str(f), f.read_text(encoding="utf-8")) for f in files]
    floor = best_of(repeat, lambda: [tomllib.loads(text) for _, text in texts])
    ours = best_of(repeat, lambda: [loads_plan(text, path=name) for name, text in texts])
    return {"a": floor, "b": ours, "b/a": ours / floor}


def figure_check(files: Sequence[Path], repeat: int, jobs: int) -> tuple[float, int]:
    from minzheng_plans.checking.runner import check_paths  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    host = create_plugin_host()
    findings: list[int] = []

    def run() -> None:
        report = check_paths(files, host, use_bundled=False, jobs=jobs)
        findings.append(len(report.findings))

    return best_of(repeat, run), findings[-1]


def figure_jsonschema(files: Sequence[Path], repeat: int) -> float | None:
    try:
        import jsonschema  # noqa: PLC0415

        from minzheng_plans.schema import plan_schema  # noqa: PLC0415
    except ImportError:
        return None
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    trees = [
        json.loads(dumps_json(tomllib.loads(f.read_text(encoding="utf-8")), indent=0))
        for f in files
    ]
    validator = jsonschema.Draft202012Validator(plan_schema())
    return best_of(repeat, lambda: [validator.is_valid(tree) for tree in trees])


def figure_text_loaders(repeat: int) -> dict[str, float | None]:
    from minzheng_plans.core.errors import DocumentError  # noqa: PLC0415
    from minzheng_plans.files.document import Document  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_document  # noqa: PLC0415

    if not SEEDS.is_dir():
        return {}
    host = create_plugin_host()
    rates: dict[str, float | None] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = Document.from_path(seed)
        try:
            seconds = best_of(repeat, lambda doc=doc: load_document(doc, host))
        except DocumentError:  # no installed loader recognises it: reported, not timed
            rates[seed.name[:3]] = None
            continue
        rates[seed.name[:3]] = len(doc.data) / seconds / 1e6
    return rates


def figure_startup(repeat: int) -> dict[str, float]:
    exe = Path(sys.executable)
    cli = exe.with_name("minzheng-plans")

    def timed(argv: list[str]) -> float:
        return best_of(repeat * 3, lambda: subprocess.run(argv, check=True, capture_output=True))

    bare = timed([sys.executable, "-c", "pass"])
    out = {"pass": bare, "import": timed([sys.executable, "-c", "import minzheng_plans"])}
    # The floor under --help: the CLI framework alone, as the library cannot import less.
    out["click"] = timed([sys.executable, "-c", "import click"])
    out["click/pass"] = out["click"] / bare
    out["help"] = timed([str(cli), "--help"]) if cli.exists() else float("nan")
    out["import/pass"] = out["import"] / bare
    out["help/pass"] = out["help"] / bare
    return out


def peak_memory_of_check(folder: Path) -> float:
    """Peak resident memory in MB of ``minzheng-plans check`` over ``folder``, in a child."""
    code = (
        "import sys, resource\n"
        "from minzheng_plans.cli.app import main\n"
        "try:\n"
        "    main(['check', '--no-bundled', '--format', 'json', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="minzheng_plans benchmarks (ratios, one run)")
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timings per figure; best kept")
    parser.add_argument("--cache", type=Path, default=ROOT / ".benchmarks")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        }
    }
    files = corpus(args.fraction, args.cache)
    result["plans"] = len(files)
    result["load"] = figure_load(files, args.repeat)
    floor = result["load"]["a"]

    scaling = {}
    for share in (0.1, 0.5, 1.0):
        subset = corpus(args.fraction * share, args.cache) if share < 1 else files
        seconds, _ = figure_check(subset, args.repeat, jobs=1)
        scaling[f"{share:.0%}"] = {"plans": len(subset), "seconds": seconds}
    serial = scaling["100%"]["seconds"]
    parallel, findings = figure_check(files, args.repeat, jobs=os.cpu_count() or 1)
    result["check"] = {
        "c": serial,
        "c/a": serial / floor,
        "findings": findings,
        "scaling": scaling,
        "per_plan_ms": {k: v["seconds"] / v["plans"] * 1e3 for k, v in scaling.items()},
        "parallel": parallel,
        "speedup": serial / parallel,
        "peak_mb": peak_memory_of_check(files[0].parent),
    }
    peer = figure_jsonschema(files, args.repeat)
    if peer is not None:
        result["check"]["d"] = peer
        result["check"]["c/d"] = serial / peer
    result["text_loaders_mb_s"] = figure_text_loaders(args.repeat)
    result["startup"] = figure_startup(args.repeat)

    ratios = {
        "b/a": result["load"]["b/a"],
        "c/a": result["check"]["c/a"],
        "c/d": result["check"].get("c/d", float("nan")),
        "help/pass": result["startup"]["help/pass"],
    }
    result["targets"] = {
        name: {"ratio": ratios[name], "target": limit, "met": ratios[name] <= limit}
        for name, limit in TARGETS.items()
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(_text(result))
    return 0


def _text(result: dict[str, Any]) -> str:
    check = result["check"]
    lines = [
        f"machine: {result['machine']}",
        f"plans: {result['plans']}",
        f"(a) tomllib.loads, all files      {result['load']['a']:8.3f} s  (floor)",
        (
            f"(b) load into the typed model     {result['load']['b']:8.3f} s  b/a = "
            f"{result['load']['b/a']:.2f}"
        ),
        f"(c) check, whole tree, 1 process  {check['c']:8.3f} s  c/a = {check['c/a']:.2f}",
    ]
    if "d" in check:
        lines.append(
            f"(d) jsonschema peer               {check['d']:8.3f} s  c/d = {check['c/d']:.2f}"
        )
    for share, per in check["per_plan_ms"].items():
        plans = check["scaling"][share]["plans"]
        lines.append(f"    check at {share:>4} ({plans:5d} plans): {per:.3f} ms per plan")
    lines.append(
        f"    check on {result['machine']['cpus']} cores: {check['parallel']:.3f} s, "
        f"speed-up {check['speedup']:.2f}x; findings {check['findings']}; "
        f"peak memory {check['peak_mb']:.0f} MB"
    )
    for seed, rate in result["text_loaders_mb_s"].items():
        shown = "no loader installed" if rate is None else f"{rate:.2f} MB/s"
        lines.append(f"(e) text loaders, seed {seed}: {shown}")
    startup = result["startup"]
    lines.append(
        f"(f) python -c pass {startup['pass'] * 1e3:.1f} ms; import {startup['import'] * 1e3:.1f}"
        f" ms ({startup['import/pass']:.2f}x); --help {startup['help'] * 1e3:.1f} ms "
        f"({startup['help/pass']:.2f}x); import click alone {startup['click'] * 1e3:.1f} ms "
        f"({startup['click/pass']:.2f}x)"
    )
    for name, target in result["targets"].items():
        verdict = "met" if target["met"] else "NOT MET"
        lines.append(f"target {name}: {target['ratio']:.2f} <= {target['target']}: {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
