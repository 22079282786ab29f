"""Work spread over the machine's cores by forked processes that inherit their input.

A forked worker reads what it works on from its parent's memory, unpickled; only the jobs
(small) go to it and only the results come back. Where ``fork`` does not exist, or one
process is asked for, the work runs in the calling process.

Ctrl-C reaches the whole process group: the workers ignore it, and the parent, which
stops, ends them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Job = TypeVar("Job")
Result = TypeVar("Result")

_TASK: tuple[Callable[[Any, Any], Any], Any] | None = None
"""The function and the shared input of a forked worker, inherited from its parent."""


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_forked(
    function: Callable[[Shared, Job], Result],
    shared: Shared,
    jobs: Sequence[Job],
    workers: int,
) -> list[Result]:
    """``[function(shared, job) for job in jobs]``, in order, on up to ``workers`` processes.

    ``function`` must be a module-level function (a worker finds it by name). An exception
    it raises in a worker is raised here.
    """
    workers = min(workers, len(jobs))
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        return [function(shared, job) for job in jobs]
    context = mp.get_context("fork")
    # Ctrl-C waits, blocked, while the workers are forked, so that none of them sees it
    # before it ignores it.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(workers, initializer=_inherit, initargs=(function, shared))
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    with pool:  # a Ctrl-C that came meanwhile arrives here, and the pool is ended
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return pool.map(_run, jobs, chunksize=1)


def _inherit(function: Callable[[Any, Any], Any], shared: Any) -> None:
    global _TASK
    _TASK = (function, shared)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _run(job: Any) -> Any:
    assert _TASK is not None, "a forked worker without its task"
    function, shared = _TASK
    return function(shared, job)
