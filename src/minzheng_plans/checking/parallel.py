"""Reading many inputs in forked processes, and running rules there too.

Workers are forked (:mod:`minzheng_plans.checking._forked`) so that they inherit the plugin
host with every plugin already registered (nothing about a plugin has to be picklable); where
fork is unavailable (Windows, macOS defaults), or the work is small, everything stays in this
process. Nothing goes to the workers (they inherit the batches of paths) and only reads and
findings come back. Once every plan is read, :func:`divide` forks again, so that divisible
plan-set rules run on parts of the plans in workers that inherit every plan (nothing is
pickled to them).
"""

from __future__ import annotations

import gc
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import attrs

from minzheng_plans.checking.inputs import MIN_PATHS_PER_WORKER, Read, processes, read_paths
from minzheng_plans.checking.locate import finding_lines
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import Plan
from minzheng_plans.plugins.host import PluginHost

__all__ = ["MIN_PATHS_PER_WORKER", "ReadJob", "divide", "read_all"]

T = TypeVar("T")


@attrs.frozen
class ReadJob:
    """What every worker needs beyond its paths: the host is inherited through the fork.

    ``per_plan`` is run on the plans of each batch (the rules whose findings depend on one plan
    only); its findings come back with the reads.
    """

    host: PluginHost
    loader: str | None
    max_bytes: int
    per_plan: Callable[[Sequence[Plan]], list[Finding]] = attrs.field(eq=False)


Lines = Mapping[str, int] | None
Batch = tuple[list[Read], list[Finding], list[Lines]]


def _work_batch(paths: Sequence[Path], job: ReadJob) -> Batch:
    """Read a batch and run the per-plan rules on it: both are independent of other plans.

    The worker also scans each plan file for the lines findings point to, while the file is
    at hand: the parent, which runs serially, then never reads or scans a file again.
    """
    reads = read_paths(paths, job.host, job.loader, job.max_bytes)
    lines = [_lines(path, read) for path, read in zip(paths, reads, strict=True)]
    return reads, job.per_plan([r.plan for r in reads if r.plan is not None]), lines


@contextmanager
def _frozen() -> Iterator[None]:
    """What this process holds frozen for the collector while it forks workers: their
    collector then leaves the inherited objects alone, where its passes would touch (and so
    copy) every inherited page.

    Objects the application had frozen already (a pre-fork server freezes its own before it
    forks) stay frozen: the collector cannot unfreeze part of what it holds frozen, so then
    what the check froze stays frozen with them, rather than everything being unfrozen.
    """
    theirs = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not theirs:
            gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a while (left as it was when it was already off).

    Pickling or unpickling a batch makes a hundred thousand objects and no garbage cycle: each
    collection they set off would walk them and free nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _pickled(batch: Batch) -> bytes:
    with _collector_paused():
        return pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> Batch:
    with _collector_paused():
        batch: Batch = pickle.loads(data)  # noqa: S301 - our own worker's bytes, never a file's
    return batch


def _lines(path: Path, read: Read) -> Lines:
    if read.plan is None:
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return finding_lines(path, text)


def read_all(
    paths: Sequence[Path],
    job: ReadJob,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> tuple[list[Read], list[Finding] | None, list[Lines] | None]:
    """Every path read; ``job.per_plan``'s findings and each file's finding lines
    (:func:`~minzheng_plans.checking.locate.finding_lines`) when workers ran (else None).

    ``jobs`` is the number of processes (0: one per core); ``progress`` is called with the
    number of paths read since its last call.
    """
    jobs = processes(jobs, len(paths))
    if jobs == 1 or not _can_fork():
        return read_paths(paths, job.host, job.loader, job.max_bytes, progress), None, None
    from minzheng_plans.checking._forked import run_tasks  # noqa: PLC0415 - only when forking

    batches = _batches(paths, jobs)

    def done(batch: Batch) -> None:
        if progress is not None:
            progress(len(batch[0]))
        # What was read is kept for the run: frozen, the collector's full passes (which the
        # growing heap triggers, each longer than the last) no longer walk it.
        gc.freeze()

    with _frozen():
        finished = run_tasks(
            len(batches),
            jobs - 1,
            lambda index: _work_batch(batches[index], job),
            shared=True,
            pickled=_pickled,
            unpickled=_unpickled,
            done=done,
        )
    results: list[Read] = []
    findings: list[Finding] = []
    lines: list[Lines] = []
    for reads, found, scanned in finished:
        results.extend(reads)
        findings.extend(found)
        lines.extend(scanned)
    return results, findings, lines


def _batches(paths: Sequence[Path], jobs: int) -> list[Sequence[Path]]:
    """``paths`` cut in batches that shrink as the work runs out (guided scheduling).

    Large batches first keep the pool's overhead low; small ones last mean that no process
    waits long for another's last batch once the queue is empty.
    """
    batches: list[Sequence[Path]] = []
    start = 0
    while start < len(paths):
        size = max(MIN_PATHS_PER_WORKER, (len(paths) - start) // (jobs * 4))
        batches.append(paths[start : start + size])
        start += size
    return batches


def divide(items: Sequence[T], jobs: int, work: Callable[[Sequence[T]], Any]) -> list[Any]:
    """``work`` of each part of ``items``, in order: ``items`` cut in ``jobs`` consecutive parts
    (0: one per core), the first parts worked on by forked workers, the last by this process.

    The workers inherit everything this process holds (the plans, the plan index, the host),
    so nothing is sent to them and only ``work``'s results come back. With one job, few
    items or no fork, ``work`` runs once on every item here: ``[work(items)]``.
    """
    jobs = processes(jobs, len(items))
    if jobs == 1 or not _can_fork():
        return [work(items)]
    from minzheng_plans.checking._forked import run_tasks  # noqa: PLC0415 - only when forking

    size = -(-len(items) // jobs)
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    with _frozen():
        return run_tasks(
            len(bounds),
            len(bounds) - 1,
            lambda index: work(items[bounds[index][0] : bounds[index][1]]),
            shared=False,
        )


def _can_fork() -> bool:
    import multiprocessing  # noqa: PLC0415

    return "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"
