"""Tasks shared between this process and forked workers, with results sent back in memory.

:func:`run_tasks` forks the workers itself rather than through a
``concurrent.futures.ProcessPoolExecutor``. The pool hands each result to a thread of this
process, which then takes the interpreter's lock from the thread that is working, and a worker
whose result is not yet taken waits; here a worker appends each result to a memory file of its
own and goes on at once, and this process takes the results between its own tasks.

Whatever a worker does not deliver (it raised, was interrupted or was killed), this process
does itself once the worker has ended, so that the result, or the exception, is the one a
single process gives. What the system refuses degrades the sharing, never the result: a fork
(fewer workers, down to none), a memory file (an unnamed temporary file instead), a shared
lock (tasks dealt out in turn instead of taken as each process is free).

Linux only (``os.memfd_create`` and ``fork``); :mod:`minzheng_plans.checking.parallel` decides
when to use it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import signal
import struct
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

__all__ = ["run_tasks"]

T = TypeVar("T")

# A record's header: the task's index, the length of its pickled result.
_HEADER = struct.Struct("<IQ")


def run_tasks(
    count: int,
    workers: int,
    work: Callable[[int], T],
    *,
    shared: bool,
    pickled: Callable[[T], bytes] = pickle.dumps,
    unpickled: Callable[[bytes], T] = pickle.loads,
    done: Callable[[T], None] | None = None,
) -> list[T]:
    """``[work(0), …, work(count - 1)]``, worked on by this process and ``workers`` forked ones.

    ``shared``: every process takes the next task not yet taken (for many tasks of unequal
    size); otherwise worker ``k`` does task ``k`` and this process the tasks after the
    workers' (one part each). A worker's result comes back through ``pickled`` and
    ``unpickled``; ``done`` is called with each result as this process gets it.
    """
    tasks = _sharing(count, workers) if shared else functools.partial(_own_part, count, workers)
    results: dict[int, T] = {}
    forks: list[_Fork] = []
    try:
        for worker in range(workers):
            try:
                forks.append(_Fork.start(tasks(worker), work, pickled))
            except OSError:  # no more processes (a limit, memory): their tasks are done here
                break
        for index in tasks(workers):
            results[index] = work(index)
            if done is not None:
                done(results[index])
            _collect(forks, results, unpickled, done)
        for fork in forks:
            fork.wait()
        _collect(forks, results, unpickled, done)
    finally:
        for fork in forks:
            fork.stop()
    # Not delivered by a worker that ended early: done here, as one process would.
    for index in range(count):
        if index not in results:
            results[index] = work(index)
            if done is not None:
                done(results[index])
    return [results[index] for index in range(count)]


def _sharing(count: int, workers: int) -> Callable[[int], Iterator[int]]:
    """Each process's tasks when they share them: the next one not yet taken, through a
    counter in shared memory; where the system gives no shared lock (no ``/dev/shm``), every
    ``workers + 1``-th task from the process's own number."""
    import multiprocessing  # noqa: PLC0415 - a shared counter, only when forking

    try:
        counter = multiprocessing.get_context("fork").Value("q", 0)
    except OSError:
        return functools.partial(_every_nth, count, workers + 1)
    return functools.partial(_next_untaken, counter, count)


def _every_nth(count: int, processes: int, worker: int) -> Iterator[int]:
    return iter(range(worker, count, processes))


def _next_untaken(counter: Any, count: int, _worker: int) -> Iterator[int]:
    """The next task no process has taken yet, until there is none."""
    while True:
        with counter.get_lock():
            index = int(counter.value)
            counter.value = index + 1
        if index >= count:
            return
        yield index


def _own_part(count: int, workers: int, worker: int) -> Iterator[int]:
    """Worker ``k``'s task ``k``; this process's (``worker == workers``) those after them."""
    return iter(range(worker, worker + 1) if worker < workers else range(workers, count))


def _collect(
    forks: list[_Fork],
    results: dict[int, Any],
    unpickled: Callable[[bytes], Any],
    done: Callable[[Any], None] | None,
) -> None:
    for fork in forks:
        for index, data in fork.delivered():
            results[index] = unpickled(data)
            if done is not None:
                done(results[index])


class _Fork:
    """One forked worker: its process id and the memory file it appends its results to."""

    def __init__(self, pid: int, file: int) -> None:
        self.pid = pid
        self.file = file
        self.read = 0  # how far this process has taken the records
        self.running = True

    @classmethod
    def start(
        cls, tasks: Iterator[int], work: Callable[[int], Any], pickled: Callable[[Any], bytes]
    ) -> _Fork:
        file = _results_file()
        try:
            pid = os.fork()
        except OSError:
            os.close(file)
            raise
        if pid == 0:  # the worker: it never returns into the caller's code
            status = 1
            try:
                for index in tasks:
                    data = pickled(work(index))
                    _write_all(file, _HEADER.pack(index, len(data)) + data)
                status = 0
            except BaseException:  # noqa: BLE001, S110 - the parent redoes what is missing
                pass
            finally:
                # Not sys.exit: no atexit handler, no flush of the parent's buffered output.
                os._exit(status)
        return cls(pid, file)

    def delivered(self) -> Iterator[tuple[int, bytes]]:
        """The records completely written since the last call."""
        size = os.fstat(self.file).st_size
        while self.read + _HEADER.size <= size:
            index, length = _HEADER.unpack(_read_all(self.file, _HEADER.size, self.read))
            end = self.read + _HEADER.size + length
            if end > size:  # still being written
                return
            yield index, _read_all(self.file, length, self.read + _HEADER.size)
            self.read = end

    def wait(self) -> None:
        # An application that ignores SIGCHLD has its children reaped for it: waitpid still
        # waits for the worker to end, then finds no child to report.
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.running = False

    def stop(self) -> None:
        """The worker ended (killed if it still runs: this process is leaving early)."""
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait()
        os.close(self.file)


def _results_file() -> int:
    """A file descriptor for one worker's results: a memory file, or where the kernel refuses
    one (before Linux 3.17, or a sandbox that filters it) an unnamed temporary file."""
    try:
        return os.memfd_create("minzheng-plans-results", os.MFD_CLOEXEC)
    except OSError:
        import tempfile  # noqa: PLC0415 - only where memory files are refused

        with tempfile.TemporaryFile() as handle:
            return os.dup(handle.fileno())


def _write_all(file: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(file, view) :]


def _read_all(file: int, length: int, offset: int) -> bytes:
    parts: list[bytes] = []
    while length:
        part = os.pread(file, length, offset)
        if not part:  # cannot happen below the size fstat gave; never loop on it
            msg = "a worker's results ended early"
            raise EOFError(msg)
        parts.append(part)
        length -= len(part)
        offset += len(part)
    return b"".join(parts)
