"""Tasks shared with forked workers come back complete and in order, whatever a worker does."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from minzheng_plans.checking._forked import run_tasks

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_shared_tasks_are_each_done_once_and_returned_in_order():
    """Many tasks taken in turn by three processes: every result once, in task order, and
    the workers did some of them."""

    def work(index: int) -> tuple[int, int]:
        time.sleep(0.002)  # long enough that the workers, once forked, find tasks left
        return index * index, os.getpid()

    results = run_tasks(60, 2, work, shared=True)
    assert [n * n for n in range(60)] == [square for square, _pid in results]
    assert os.getpid() in {pid for _square, pid in results}
    assert len({pid for _square, pid in results}) > 1
    assert _no_children_left()


def test_own_parts_go_one_to_each_worker_and_the_rest_here():
    """Without sharing, worker k does task k and this process the tasks after the workers'."""
    results = run_tasks(4, 2, lambda index: (index, os.getpid()), shared=False)
    assert [0, 1, 2, 3] == [index for index, _pid in results]
    pids = [pid for _index, pid in results]
    assert [os.getpid(), os.getpid()] == pids[2:]
    assert len(set(pids[:2])) == 2
    assert os.getpid() not in pids[:2]


def test_done_is_called_once_per_result():
    """``done`` sees every result, this process's and the workers', exactly once."""
    seen: list[int] = []
    run_tasks(30, 1, lambda index: index, shared=True, done=seen.append)
    assert list(range(30)) == sorted(seen)


def test_what_a_failing_worker_does_not_deliver_is_done_here():
    """A task that raises in a worker is done again here; its result is the one-process one."""
    parent = os.getpid()

    def work(index: int) -> int:
        if index == 0 and os.getpid() != parent:
            msg = "a worker's bug"
            raise RuntimeError(msg)
        return index + 100

    assert [100, 101, 102] == run_tasks(3, 2, work, shared=False)


def test_what_a_killed_worker_does_not_deliver_is_done_here():
    """A worker killed in the middle of its task: the task is done here, nothing is lost."""
    parent = os.getpid()

    def work(index: int) -> int:
        if index == 1 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return -index

    assert [0, -1, -2] == run_tasks(3, 2, work, shared=False)
    assert _no_children_left()


def test_an_error_here_stops_the_workers_and_propagates():
    """An exception in this process's own task reaches the caller; no worker is left running."""

    def work(index: int) -> int:
        if index == 2:
            msg = "bad input"
            raise ValueError(msg)
        return index

    with pytest.raises(ValueError, match="bad input"):
        run_tasks(3, 2, work, shared=False)
    assert _no_children_left()


def test_a_task_that_fails_everywhere_raises_here_as_in_one_process():
    """A task that raises wherever it runs raises its own exception here, not a pool's."""

    def work(index: int) -> int:
        if index == 0:
            msg = "always"
            raise KeyError(msg)
        return index

    with pytest.raises(KeyError, match="always"):
        run_tasks(2, 1, work, shared=False)
    assert _no_children_left()


def test_without_memory_files_the_results_go_through_a_temporary_file(monkeypatch):
    """Where the kernel refuses a memory file, the workers' results still all come back."""

    def refused(*_args: object) -> int:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(os, "memfd_create", refused)
    assert [0, 2, 4] == run_tasks(3, 2, lambda index: index * 2, shared=False)


def test_without_a_shared_counter_the_tasks_are_dealt_out_in_turn(monkeypatch):
    """Where no shared lock can be made, each process takes every other task; none is lost."""
    import multiprocessing.context  # noqa: PLC0415

    def refused(*_args: object, **_kwargs: object) -> object:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Value", refused)
    results = run_tasks(6, 1, lambda index: (index, os.getpid()), shared=True)
    assert list(range(6)) == [index for index, _pid in results]
    assert [os.getpid()] * 3 == [pid for _index, pid in results[1::2]]


def test_when_no_process_can_be_forked_everything_is_done_here(monkeypatch):
    """A refused fork (a process limit) leaves the work to this process, complete."""

    def refused() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    results = run_tasks(5, 2, lambda index: (index, os.getpid()), shared=True)
    assert [(index, os.getpid()) for index in range(5)] == results


def test_an_application_that_ignores_sigchld_still_gets_every_result():
    """With SIGCHLD ignored the kernel reaps the workers itself; the results all come back."""
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert [1, 2, 3, 4] == run_tasks(4, 2, lambda index: index + 1, shared=False)
    finally:
        signal.signal(signal.SIGCHLD, previous)
