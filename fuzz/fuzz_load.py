# ruff: noqa: INP001 - a script run by path, not part of a package
"""Coverage-guided fuzzing of every parser and loader with atheris (not run in CI).

Install atheris (``pip install atheris``; it needs a clang-built CPython on some systems) and
run from the repository root::

    python fuzz/fuzz_load.py fuzz/corpus -max_total_time=3600
    python fuzz/fuzz_load.py fuzz/corpus -only_ascii=0 -max_len=200000 -jobs=2

``fuzz/corpus`` is created on first use and seeded with the crafted hostile inputs of
``tests/hostile/`` and the pathological prose shapes of #17 (:func:`seed`); put seed documents
in it too to start from real layouts. Every input goes, by its first byte, to one
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

    from minzheng_plans.analysis.monitoring import loads_monitoring
    from minzheng_plans.checking.runner import check_plans
    from minzheng_plans.core.errors import DocumentError, MinzhengError
    from minzheng_plans.core.values import parse_value
    from minzheng_plans.files.document import Document
    from minzheng_plans.files.planfile import dumps_plan, loads_plan
    from minzheng_plans.output.i18n import renderer
    from minzheng_plans.output.report import findings_json, findings_sarif, findings_text
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


def _report(data: bytes) -> None:
    """A plan file checked and reported in every format and language: what happens after
    parsing (numbers at their bounds, messages, names with controls) must not crash."""
    plan = loads_plan(_text(data))
    findings = check_plans([plan], HOST, bundled=())
    for language in ("en", "zh_CN"):
        render = renderer(language)
        findings_text(findings, render)
        findings_json(findings, render=render)
        findings_sarif(findings, (), version="fuzz", render=render, language=language)


# Appended only: an input's first byte picks its target, so saved inputs keep their target.
TARGETS = (
    _document,
    lambda data: parse_value(_text(data)),
    lambda data: UNITS.parse(_text(data)),
    lambda data: parse_formula(_text(data)),
    lambda data: loads_plan(_text(data)),
    lambda data: loads_plan(_text(data), fmt="json"),
    _report,
    lambda data: loads_monitoring(_text(data)),
)
DOCUMENT, PLAN_JSON, REPORT, MONITORING = 0, 5, 6, 7

# The prose shapes that were quadratic (#17), at a size a fuzzer's input can have.
_SHAPES = (
    "到2025年,社区养老服务" + "全覆盖" * 2000 + "。",
    "全覆盖," * 1500,
    "新建" + "、5个养老院" * 1000 + "。",
    "达到5%\n" * 1200,
    "较2020年" * 800 + "达到5%",
)


def seeds() -> list[bytes]:
    """The crafted inputs, each prefixed with the byte that picks its target."""
    found = []
    # Files only: the sub-folders hold inputs for readers another issue bounds first.
    for path in sorted(p for p in (ROOT / "tests" / "hostile").iterdir() if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".json":
            found.append(bytes([PLAN_JSON]) + data)
        elif path.name.startswith("monitoring"):
            found.append(bytes([MONITORING]) + data)
        elif path.suffix == ".toml":
            found.append(bytes([REPORT]) + data)
        else:
            found.append(bytes([DOCUMENT]) + data)
    title = "某县“十四五”民政事业发展规划\n"
    found.extend(bytes([DOCUMENT]) + (title + shape).encode() for shape in _SHAPES)
    return found


def seed(corpus: Path) -> None:
    """Write :func:`seeds` into an empty ``corpus``."""
    if any(corpus.iterdir()):
        return
    for number, data in enumerate(seeds()):
        (corpus / f"seed-{number:03d}").write_bytes(data)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    with contextlib.suppress(MinzhengError):
        target(data[1:])


def main() -> None:
    corpus = ROOT / "fuzz" / "corpus"
    corpus.mkdir(exist_ok=True)
    seed(corpus)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
