"""Work spread over the machine's cores by forked processes that inherit their input.

A forked worker reads what it works on from its parent's memory, unpickled; only the jobs
(small) go to it, and each result comes back as a file in a private temporary folder (a
pipe moves a large result, a report's Markdown say, several times more slowly). Where
``fork`` does not exist, or one process is asked for, the work runs in the calling process.

Ctrl-C reaches the whole process group: the workers ignore it, and the parent, which
stops, ends them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Job = TypeVar("Job")
Result = TypeVar("Result")

_TASK: tuple[Callable[[Any, Any], Any], Any, Path] | None = None
"""The function, the shared input and the results folder of a forked worker, inherited."""


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

    The calling process is one of them: it does every ``workers``-th job (from the last of
    the first round) while the forked ones share the others, so its own results need no
    copying. ``function`` must be a module-level function (a worker finds it by name). An
    exception it raises anywhere is raised here.
    """
    workers = min(workers, len(jobs))
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        return [function(shared, job) for job in jobs]
    mine = set(range(workers - 1, len(jobs), workers))
    theirs = [(index, job) for index, job in enumerate(jobs) if index not in mine]
    with tempfile.TemporaryDirectory(prefix="insight-") as folder:
        results = Path(folder)
        context = mp.get_context("fork")
        # Ctrl-C waits, blocked, while the workers are forked, so that none of them sees it
        # before it ignores it.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = context.Pool(
                workers - 1, initializer=_inherit, initargs=(function, shared, results)
            )
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            raise
        with pool:  # a Ctrl-C that came meanwhile arrives here, and the pool is ended
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            pending = pool.map_async(_run, theirs, chunksize=1)
            own = {index: function(shared, jobs[index]) for index in sorted(mine)}
            pending.get()
        return [
            own[index] if index in own else _load(results / str(index))
            for index in range(len(jobs))
        ]


def _inherit(function: Callable[[Any, Any], Any], shared: Any, results: Path) -> None:
    global _TASK
    _TASK = (function, shared, results)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _run(numbered: tuple[int, Any]) -> None:
    assert _TASK is not None, "a forked worker without its task"
    function, shared, results = _TASK
    index, job = numbered
    with open(results / str(index), "wb") as stream:
        pickle.dump(function(shared, job), stream, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: Path) -> Any:
    with open(path, "rb") as stream:
        return pickle.load(stream)
