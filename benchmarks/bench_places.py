"""Cost of the place registry, as ratios against a plain dict lookup timed in the same process.

Run: ``python benchmarks/bench_places.py [--json]``. The first lookup builds the index (read
``data/divisions.tsv`` and the overlay, index every name); every later one only looks names
up. Absolute times depend on the machine; the ratios are what to compare between runs. Not a
test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import timeit

_FIRST = """
import time
start = time.perf_counter()
from minzheng_plans.registries.jurisdictions import default_jurisdictions
default_jurisdictions().lookup("杭州")
print(time.perf_counter() - start)
"""


def _per_call(statement: object, number: int) -> float:
    timer = timeit.Timer(statement)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=5, number=number)) / number


def measure(number: int = 2_000) -> dict[str, float]:
    from minzheng_plans.registries.jurisdictions import default_jurisdictions  # noqa: PLC0415
    from minzheng_plans.registries.resolve import resolve_jurisdiction  # noqa: PLC0415

    firsts = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", _FIRST], capture_output=True, text=True, check=True
        )
        firsts.append(float(done.stdout))
    registry = default_jurisdictions()
    registry.lookup("杭州")
    plain = {"杭州": "330100"}
    title = "南京市鼓楼区民政事业发展“十四五”规划"
    started = time.perf_counter()
    registry.lookup("杭洲市")  # the first miss imports rapidfuzz
    first_suggestion = time.perf_counter() - started
    return {
        "dict_lookup": _per_call(lambda: plain.get("杭州"), number * 50),
        "lookup_name": _per_call(lambda: registry.lookup("杭州"), number),
        "lookup_ambiguous": _per_call(lambda: registry.lookup("鼓楼区"), number),
        "lookup_qualified": _per_call(lambda: registry.lookup("南京市鼓楼区"), number),
        "lookup_with_suggestions": _per_call(lambda: registry.lookup("杭洲市"), 50),
        "resolve_title": _per_call(lambda: resolve_jurisdiction(registry, title=title), number),
        "first_lookup_in_fresh_process": min(firsts),
        "first_suggestion": first_suggestion,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    results = measure()
    base = results["dict_lookup"]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, seconds in results.items():
        print(f"{name:<32} {seconds * 1e6:12.1f} µs  {seconds / base:10.0f}x dict lookup")
    ratio = results["first_lookup_in_fresh_process"] / results["lookup_name"]
    print(f"first lookup / later lookup: {ratio:.0f}x")


if __name__ == "__main__":
    main()
