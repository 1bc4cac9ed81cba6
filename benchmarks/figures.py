"""The measurements of ``benchmarks/run.py``: each figure against a baseline timed in the same
process (or, for start-up, the same command loop), best of ``repeat`` timings.

Nothing here asserts a time: the runner reports each ratio beside its target.
"""

from __future__ import annotations

import io
import json
import os
import resource
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
SMALL_PLAN = ROOT / "examples" / "lanxi-county-2021-2025.toml"


def best_of(repeat: int, call: Callable[[], object]) -> float:
    """The fastest of ``repeat`` timings: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


# -- the national check ---------------------------------------------------------------------


def floor_and_load(files: Sequence[Path], repeat: int) -> dict[str, float]:
    """(a) ``tomllib.loads`` of every file, the floor; (b) our load into the typed model."""
    from minzheng_plans.files.planfile import loads_plan  # noqa: PLC0415

    texts = [(str(f), f.read_text(encoding="utf-8")) for f in files]
    floor = best_of(repeat, lambda: [tomllib.loads(text) for _, text in texts])
    ours = best_of(repeat, lambda: [loads_plan(text, path=name) for name, text in texts])
    return {"a": floor, "b": ours, "b/a": ours / floor}


def check_seconds(files: Sequence[Path], repeat: int, jobs: int) -> tuple[float, int]:
    """A full check of ``files`` (parents among them only), and its number of findings.

    One untimed run first: the host's registries are built once per process, which a
    national check pays once and a per-plan figure must not count.
    """
    from minzheng_plans.checking.runner import check_paths  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    host = create_plugin_host()
    check_paths(files[:20], host, use_bundled=False, jobs=1, isolated=True)
    findings: list[int] = []

    def run() -> None:
        report = check_paths(files, host, use_bundled=False, jobs=jobs, isolated=True)
        findings.append(len(report.findings))

    return best_of(repeat, run), findings[-1]


def tomllib_seconds(files: Sequence[Path], repeat: int) -> float:
    texts = [f.read_text(encoding="utf-8") for f in files]
    return best_of(repeat, lambda: [tomllib.loads(text) for text in texts])


def national(
    name: str, files_at: Callable[[float], list[Path]], repeat: int, *, parallel: bool
) -> dict[str, Any]:
    """A corpus checked at 10 %, 50 % and 100 %: check/tomllib, cost per plan, and (when
    ``parallel``) the speed-up of ``-j 0`` over one process."""
    scaling: dict[str, dict[str, float]] = {}
    for share in (0.1, 0.5, 1.0):
        files = files_at(share)
        seconds, findings = check_seconds(files, repeat, jobs=1)
        floor = tomllib_seconds(files, repeat)
        scaling[f"{share:.0%}"] = {
            "plans": len(files),
            "seconds": seconds,
            "tomllib": floor,
            "ratio": seconds / floor,
            "per_plan_ms": seconds / len(files) * 1e3,
            "findings": findings,
        }
    full = scaling["100%"]
    result: dict[str, Any] = {
        "corpus": name,
        "plans": full["plans"],
        "scaling": scaling,
        "check/tomllib": full["ratio"],
        "per_plan_growth": full["per_plan_ms"] / scaling["10%"]["per_plan_ms"],
    }
    if parallel:
        files = files_at(1.0)
        jobs = os.cpu_count() or 1
        seconds, findings = check_seconds(files, repeat, jobs=0)
        result["parallel"] = {
            "cores": jobs,
            "seconds": seconds,
            "speedup": full["seconds"] / seconds,
            "same_findings": findings == full["findings"],
        }
    return result


def jsonschema_peer(files: Sequence[Path], repeat: int) -> float | None:
    """(d) the peer: ``jsonschema`` validation of the same plans as JSON against our schema."""
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


def peak_memory_mb(folder: Path) -> float:
    """Peak resident memory in MB of ``minzheng-plans check`` over ``folder``, in a child.

    Read from the child's own address space (``VmHWM`` on Linux): Linux carries
    ``ru_maxrss`` over ``exec`` from the process that started the child, so in this
    benchmark, whose process holds every corpus it has checked, it would report the
    benchmark's peak rather than the check's.
    """
    code = (
        "import sys, resource\n"
        "from minzheng_plans.cli.app import main\n"
        "try:\n"
        "    main(['check', '--no-bundled', '--isolated', '-j', '1', '--format', 'json',"
        " sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "try:\n"
        "    with open('/proc/self/status', encoding='ascii') as status:\n"
        "        peak = next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
        "except (OSError, StopIteration):\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(peak, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True
    )
    return int(out.stderr.strip().splitlines()[-1]) / 1024


# -- start-up ---------------------------------------------------------------------------------


def _child_environment(cache: Path) -> dict[str, str]:
    """What a user's shell gives: byte-code written and read, our compiled cache in a folder
    of the benchmark's own (warmed before timing)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["MINZHENG_PLANS_CACHE_DIR"] = str(cache)
    env.pop("MINZHENG_PLANS_NO_CACHE", None)
    env["COLUMNS"] = "100"
    return env


def startup(repeat: int, cache: Path) -> dict[str, Any]:
    """Commands against ``python -c pass``, timed in turn in one loop, best of each.

    ``check`` is a small plan file (``examples/lanxi-county-2021-2025.toml``) with the default
    options, what a pre-commit hook runs on each save; ``check (no cache)`` the same with the
    compiled cache turned off.
    """
    cli = Path(sys.executable).with_name("minzheng-plans")
    env = _child_environment(cache)
    commands: dict[str, list[str]] = {
        "pass": [sys.executable, "-c", "pass"],
        "import": [sys.executable, "-c", "import minzheng_plans"],
        "click": [sys.executable, "-c", "import click"],
        "help": [str(cli), "--help"],
        "check": [str(cli), "check", str(SMALL_PLAN)],
    }
    cold_env = {**env, "MINZHENG_PLANS_NO_CACHE": "1"}
    for argv in commands.values():  # byte-code and the compiled cache written once
        subprocess.run(argv, capture_output=True, env=env, check=False, cwd=ROOT)
    wall = dict.fromkeys([*commands, "check (no cache)"], float("inf"))
    cpu = dict(wall)
    runs = [(name, argv, env) for name, argv in commands.items()]
    runs.append(("check (no cache)", commands["check"], cold_env))
    for _ in range(max(3, repeat * 5)):
        for name, argv, environment in runs:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=environment, check=False, cwd=ROOT)
            wall[name] = min(wall[name], time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            cpu[name] = min(cpu[name], used)
    bare = wall["pass"]
    return {
        "seconds": wall,
        "cpu_seconds": cpu,
        "ratios": {name: seconds / bare for name, seconds in wall.items() if name != "pass"},
        "cpu_ratios": {name: used / cpu["pass"] for name, used in cpu.items() if name != "pass"},
    }


# -- loaders ----------------------------------------------------------------------------------


def text_loaders(repeat: int) -> dict[str, float | None]:
    """(e) MB/s of source text for each seed document, read by the loader it selects."""
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
            load_document(doc, host)  # the toolkit's imports and registries, once
            seconds = best_of(repeat, lambda doc=doc: load_document(doc, host))
        except DocumentError:  # no installed loader recognises it: reported, not timed
            rates[seed.name[:3]] = None
            continue
        rates[seed.name[:3]] = len(doc.data) / seconds / 1e6
    return rates


def _library_docx(data: bytes) -> None:
    import docx  # noqa: PLC0415

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def _library_html(data: bytes) -> None:
    import lxml.html  # noqa: PLC0415

    lxml.html.document_fromstring(data).text_content()


def _library_pdf(data: bytes) -> None:
    import pdfplumber  # noqa: PLC0415

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def _python_walk_html(data: bytes) -> None:
    """The least a reader written in Python does: visit every element's text and tail."""
    import lxml.html  # noqa: PLC0415

    for element in lxml.html.document_fromstring(data).iter():
        _ = (element.tag, element.text, element.tail)


def _output_html(content: Any) -> None:
    """What any reader of the page must build, and nothing more: its paragraphs and grids
    made again from their values (every place, cell, paragraph and grid a new object)."""
    from minzheng_plans.text.grid import Grid, GridCell, Paragraph, Place  # noqa: PLC0415

    def place(at: Any) -> Place:
        return Place(at.line, at.page, at.table, at.row, at.column, at.paragraph)

    for block in content.blocks:
        if isinstance(block, Paragraph):
            Paragraph(block.text, place(block.place), block.heading_level)
            continue
        rows = [[GridCell(c.text, place(c.place), c.merged) for c in row] for row in block.rows]
        Grid(rows, place(block.place), block.caption, block.notes)


LIBRARIES: dict[str, Callable[[bytes], None]] = {
    "docx": _library_docx,
    "html": _library_html,
    "pdf": _library_pdf,
}


def format_loaders(repeat: int) -> dict[str, Any]:
    """Each format's reader and whole loader against its library's own parse of one file.

    The reader (``reading.formats``: the file to paragraphs and tables with provenance) is
    what the library's parse compares with; the whole loader adds the text pipeline the text
    loaders share, which figure (e) measures.
    """
    from minzheng_plans.files.document import Document  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_document  # noqa: PLC0415

    try:
        from editions import editions  # noqa: PLC0415 - a sibling of this module

        documents = editions()
    except ImportError as err:
        return {"unavailable": str(err)}
    readers = _readers()
    host = create_plugin_host()
    out: dict[str, Any] = {}
    for fmt, data in documents.items():
        name = f"plan.{fmt}"
        library = LIBRARIES[fmt]
        library(data)
        readers[fmt](data, name=name)
        load_document(Document.from_bytes(name, data), host)
        floor = best_of(repeat, lambda data=data, library=library: library(data))
        reader = best_of(
            repeat, lambda data=data, fmt=fmt, name=name: readers[fmt](data, name=name)
        )
        loader = best_of(
            repeat,
            lambda data=data, name=name: load_document(Document.from_bytes(name, data), host),
        )
        out[fmt] = {
            "bytes": len(data),
            "library": floor,
            "reader": reader,
            "loader": loader,
            "reader/library": reader / floor,
            "loader/library": loader / floor,
        }
        if fmt == "html":
            walk = best_of(repeat, lambda data=data: _python_walk_html(data))
            out[fmt]["python_walk/library"] = walk / floor
            # The reader's floor: the library's parse plus building what the reader returns.
            content = readers[fmt](data, name=name).content  # type: ignore[attr-defined]
            output = best_of(repeat, lambda content=content: _output_html(content))
            out[fmt]["output/library"] = output / floor
    return out


def _readers() -> dict[str, Callable[..., object]]:
    from minzheng_plans.reading.formats.docx import read_docx  # noqa: PLC0415
    from minzheng_plans.reading.formats.html import read_html  # noqa: PLC0415
    from minzheng_plans.reading.formats.pdf import read_pdf  # noqa: PLC0415

    return {"docx": read_docx, "html": read_html, "pdf": read_pdf}
