# ruff: noqa: INP001 - a script run by path, not part of a package
"""Coverage-guided fuzzing of every parser and loader with atheris (not run in CI).

Install atheris (``pip install atheris``; it needs a clang-built CPython on some systems) and
run from the repository root::

    python fuzz/fuzz_load.py fuzz/corpus -max_total_time=3600
    python fuzz/fuzz_load.py fuzz/corpus -only_ascii=0 -max_len=200000 -jobs=2

``fuzz/corpus`` is created on first use; put seed documents (or the texts under
``tests/``) in it to start from real layouts. Every input goes, by its first byte, to one
target: whole-document loading with the jurisdiction plugins, the value parser, the unit
parser, the formula parser or the plan-file reader. Anything other than a library error
(:class:`~minzheng_plans.core.errors.MinzhengError`) is a crash that atheris saves as
``crash-<hash>``; replay it with ``python fuzz/fuzz_load.py crash-<hash>``. The documented
limits apply, so a slow input is a finding too (``-timeout=20``).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _src in sorted((ROOT / "plugins").glob("*/src")):
    sys.path.insert(0, str(_src))
sys.path.insert(0, str(ROOT / "src"))

import atheris  # noqa: E402 - sys.path first, so that the plugins import from source

with atheris.instrument_imports():
    import importlib

    from minzheng_plans.checking.runner import check_plans
    from minzheng_plans.core.errors import DocumentError, MinzhengError
    from minzheng_plans.core.values import parse_value
    from minzheng_plans.files.document import Document
    from minzheng_plans.files.planfile import dumps_plan, loads_plan
    from minzheng_plans.plugins.host import create_plugin_host
    from minzheng_plans.reading.loading import load_document
    from minzheng_plans.units.formula import parse_formula
    from minzheng_plans.units.registry import default_units

PLUGINS = ("chongqing", "henan", "national", "shanghai")
# No time budget: a hang must show up as an atheris timeout, not be isolated as a finding.
HOST = create_plugin_host(
    entry_points=False,
    extra=[importlib.import_module(f"minzheng_plans_{name}") for name in PLUGINS],
    budget=None,
)
UNITS = default_units()


def _document(data: bytes) -> None:
    try:
        result = load_document(Document.from_bytes("fuzz.txt", data), HOST)
    except DocumentError as err:
        if " failed: " in err.reason:  # a loader raised; the host only isolated it
            raise AssertionError(err.reason) from None
        return
    crashed = [f for f in result.findings if f.code in ("MZ004", "MZ005", "MZ007")]
    if crashed:
        raise AssertionError(crashed)
    dumps_plan(result.plan)
    check_plans([result.plan], HOST, bundled=())


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


TARGETS = (
    _document,
    lambda data: parse_value(_text(data)),
    lambda data: UNITS.parse(_text(data)),
    lambda data: parse_formula(_text(data)),
    lambda data: loads_plan(_text(data)),
    lambda data: loads_plan(_text(data), fmt="json"),
)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    with contextlib.suppress(MinzhengError):
        target(data[1:])


def main() -> None:
    corpus = ROOT / "fuzz" / "corpus"
    corpus.mkdir(exist_ok=True)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
