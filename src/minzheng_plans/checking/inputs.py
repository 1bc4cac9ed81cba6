"""Reading one input of a check: its bytes, their SHA-256, and the plan (or why there is none).

A file that cannot be read, is over the size limit or does not load becomes a finding (MZ101
unreadable, MZ102 wrong structure, MZ103 unknown schema) naming the file and, where known, the
line; it never ends the run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from minzheng_plans.core.errors import (
    LimitError,
    MinzhengError,
    PlanStructureError,
    SchemaVersionError,
    UsageError,
)
from minzheng_plans.core.findings import Finding, Location, Severity
from minzheng_plans.core.messages import N_, ArgValue, Message
from minzheng_plans.core.model import Plan
from minzheng_plans.core.pickling import tuple_state
from minzheng_plans.files.document import DEFAULT_MAX_BYTES, Document
from minzheng_plans.files.planfile import STRUCTURE_MESSAGES
from minzheng_plans.plugins.guard import budget_clock
from minzheng_plans.plugins.host import PluginHost
from minzheng_plans.reading.loading import load_document

__all__ = [
    "MIN_PATHS_PER_WORKER",
    "UNREADABLE_CODES",
    "InputRecord",
    "Read",
    "processes",
    "read_path",
    "read_paths",
]

#: Fewer paths than this per worker are not worth a process (``check -j``): here, so that a
#: check of a few files need not load the pool's module to know it.
MIN_PATHS_PER_WORKER = 16


def processes(jobs: int, items: int) -> int:
    """The processes ``jobs`` (0: one per core) asks for, or 1 when ``items`` (paths or
    plans) are too few to share among them."""
    if items < MIN_PATHS_PER_WORKER * 2:
        return 1
    return jobs or os.cpu_count() or 1


#: The codes of an input that could not be read as a plan.
UNREADABLE_CODES = ("MZ101", "MZ102", "MZ103")


@tuple_state
@attrs.frozen
class InputRecord:
    """A file a check read, with its SHA-256, so that a result can be reproduced."""

    path: str
    sha256: str
    plan: str | None = None


def _reason(expected: str) -> ArgValue:
    """A structure problem's reason, as a message where it is one of the fixed phrases."""
    return Message(expected) if expected in STRUCTURE_MESSAGES else expected


def _read_error_findings(err: MinzhengError, path: Path) -> tuple[Finding, ...]:
    if isinstance(err, PlanStructureError):
        # One finding per field, each at its own line: a list in one message would need line
        # breaks, which text output escapes.
        return tuple(
            Finding(
                "MZ102",
                Severity.ERROR,
                N_("{key}: {expected}"),
                {"key": problem.key, "expected": _reason(problem.expected)},
                location=Location(str(path), problem.line, problem.column),
            )
            for problem in err.problems
        )
    code = "MZ103" if isinstance(err, SchemaVersionError) else "MZ101"
    location = Location(str(path), getattr(err, "line", None), getattr(err, "column", None))
    if err.message is not None:
        # A reason the catalogs know: shown in the report's language.
        where = ":".join(
            str(part)
            for part in (
                getattr(err, "path", None) or path,
                getattr(err, "line", None),
                getattr(err, "column", None),
            )
            if part is not None
        )
        args: dict[str, ArgValue] = {"file": where, "reason": err.message}
        return (Finding(code, Severity.ERROR, N_("{file}: {reason}"), args, location=location),)
    return (Finding(code, Severity.ERROR, "{error}", {"error": str(err)}, location=location),)


def _at_path(findings: Iterable[Finding], path: Path) -> tuple[Finding, ...]:
    """``findings`` with ``path`` as their location where they name none."""
    return tuple(
        f if f.location is not None else attrs.evolve(f, location=Location(str(path)))
        for f in findings
    )


@tuple_state
@attrs.frozen
class Read:
    """What reading one path gave: a plan or not, findings, and the input record."""

    plan: Plan | None
    findings: tuple[Finding, ...]
    record: InputRecord | None


def read_path(
    path: Path, host: PluginHost, loader: str | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Read:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            # Refused before reading: a runaway file must not be loaded into memory first.
            error = LimitError(f"{path}: file size", max_bytes, size, setting="max-file-bytes")
            return Read(None, _read_error_findings(error, path), None)
        data = path.read_bytes()
    except OSError as err:
        finding = Finding(
            "MZ101",
            Severity.ERROR,
            "{error}",
            {"error": f"{path}: {err.strerror or err}"},
            location=Location(str(path)),
        )
        return Read(None, (finding,), None)
    digest = hashlib.sha256(data).hexdigest()
    try:
        result = load_document(Document.from_bytes(str(path), data), host, loader=loader)
    except UsageError:
        raise  # an unknown --loader: the command line is wrong, not this file
    except MinzhengError as err:
        # Any library error (a value out of bounds from a loader, too) ends this file only;
        # what the plugins reported before it (a sniff past its budget) is kept.
        found = (*_at_path(err.findings, path), *_read_error_findings(err, path))
        return Read(None, found, InputRecord(str(path), digest))
    stored = set(result.plan.findings)  # a set: a list made this quadratic (#17)
    # Findings of the reading itself (a sniff that raised) name the input they were about.
    extra = _at_path((f for f in result.findings if f not in stored), path)
    return Read(result.plan, extra, InputRecord(str(path), digest, result.plan.id))


def read_paths(
    paths: Sequence[Path],
    host: PluginHost,
    loader: str | None,
    max_bytes: int,
    progress: Callable[[int], None] | None = None,
) -> list[Read]:
    """Every path read in this process, in order, ``progress`` called with 1 after each."""
    results = []
    # The budget's machinery armed once for the batch; each call keeps a budget of its own.
    with budget_clock(host.budget):
        for path in paths:
            results.append(read_path(path, host, loader, max_bytes))
            if progress is not None:
                progress(1)
    return results
