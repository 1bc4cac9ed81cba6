"""Linear-time assertions that hold on a busy machine.

Timing n characters once against 8n once is at the mercy of a garbage collection or a context
switch in the short run. Instead the short input is parsed eight times in a row, so both runs
handle the same number of characters: linear cost gives a ratio near 1, quadratic near 8.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

RUNS = 5
ALLOWED_RATIO = 3.0


def _best(call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(parse: Callable[[str], object], make: Callable[[int], str], n: int) -> None:
    """Parsing ``make(8n)`` costs at most ``ALLOWED_RATIO`` times eight parses of ``make(n)``."""
    small, large = make(n), make(8 * n)
    gc.disable()  # a collection inside one run but not the other is the commonest noise
    try:
        eight_small = _best(lambda: [parse(small) for _ in range(8)])
        one_large = _best(lambda: parse(large))
    finally:
        gc.enable()
    assert one_large <= ALLOWED_RATIO * eight_small + 0.005, (one_large, eight_small)
