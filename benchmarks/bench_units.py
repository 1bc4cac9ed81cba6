"""Cost of the unit layer, as ratios against plain Decimal work timed in the same process.

Run: ``python benchmarks/bench_units.py [--json]``. Absolute times depend on the machine;
the ratios are what to compare between runs. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import timeit
from decimal import Decimal

from minzheng_plans.core.quantity import Comparator, Comparison, Interval
from minzheng_plans.core.values import parse_value
from minzheng_plans.units.definitions import bundled_definitions
from minzheng_plans.units.registry import build_units, default_units

A, B = Decimal(678), Decimal(8136)


def _per_call(statement: object, number: int) -> float:
    timer = timeit.Timer(statement)  # type: ignore[arg-type]
    # Best of five repeats: the least disturbed by other work on a shared machine.
    return min(timer.repeat(repeat=5, number=number)) / number


def measure(number: int = 20_000) -> dict[str, float]:
    reg = default_units()
    reg.convert(A, "元/人·月", "元/人·年")  # fill the caches once
    child = Comparison(2025, Decimal("0.6"), Comparator.GE)
    parent = Comparison(2025, Decimal(55), Comparator.GE)

    def subset() -> bool:
        converted = reg.convert_target(child, "", "%")
        assert isinstance(converted, Comparison)
        mine = Interval.from_comparator(converted.comparator, converted.value)
        theirs = Interval.from_comparator(parent.comparator, parent.value)
        return mine.is_subset(theirs)

    fresh = build_units(bundled_definitions())
    counter = iter(range(1, 10**9))

    def uncached_parse() -> object:
        # A text never seen before, so neither cache helps.
        return fresh.parse(f"元/{next(counter)}万人·月")

    results = {
        "decimal_compare": _per_call(lambda: A < B, number),
        "decimal_multiply": _per_call(lambda: A * B, number),
        "cached_factor": _per_call(lambda: reg.factor("元/人·月", "元/人·年"), number),
        "cached_convert": _per_call(lambda: reg.convert(A, "元/人·月", "元/人·年"), number),
        "subset_check_across_units": _per_call(subset, number),
        "parse_value": _per_call(lambda: parse_value("≥55%"), number),
        "uncached_unit_parse": _per_call(uncached_parse, max(number // 20, 1)),
    }
    results["build_registry"] = _per_call(lambda: build_units(bundled_definitions()), 5)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--number", type=int, default=20_000, help="calls per measurement")
    args = parser.parse_args()
    results = measure(args.number)
    baseline = results["decimal_compare"]
    rows = {
        name: {"seconds": seconds, "x_decimal_compare": seconds / baseline}
        for name, seconds in results.items()
    }
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'measurement':28} {'per call':>12} {'x Decimal <':>12}")
    for name, row in rows.items():
        micro = row["seconds"] * 1e6
        print(f"{name:28} {micro:10.2f} µs {row['x_decimal_compare']:12.1f}")


if __name__ == "__main__":
    main()
