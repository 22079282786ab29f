"""Work spread over the machine's cores by forked processes that inherit their input.

A forked worker reads what it works on from its parent's memory, unpickled; only the jobs
(small) go to it, and each result comes back as a file in a private temporary folder (a
pipe moves a large result, a report's Markdown say, several times more slowly). Where
``fork`` does not exist, or one process is asked for, the work runs in the calling process.

``Ahead`` begins a list of jobs on forked processes while the caller does other work, and
the caller joins in when it asks for the results.

Ctrl-C reaches the whole process group: the workers ignore it, and the parent, which
stops, ends them. A forked worker forks no further: what it is given runs in it alone.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

Shared = TypeVar("Shared")
Job = TypeVar("Job")
Result = TypeVar("Result")

_FORKED = False
"""Whether this process is a forked worker."""


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def forked() -> bool:
    """Whether this process is a forked worker (not the one the user started)."""
    return _FORKED


def _can_fork() -> bool:
    return not _FORKED and "fork" in mp.get_all_start_methods()


def map_forked(
    function: Callable[[Shared, Job], Result],
    shared: Shared,
    jobs: Sequence[Job],
    workers: int,
) -> list[Result]:
    """``[function(shared, job) for job in jobs]``, in order, on up to ``workers`` processes.

    The calling process is one of them: the jobs are taken in order by whichever process is
    free, so none waits long for the others at the end, and the caller's own results need no
    copying. ``function`` must be a module-level function (a worker finds it by name). An
    exception it raises anywhere is raised here.
    """
    return Ahead(function, shared, jobs, workers).results()


def interleaved(parts: Sequence[Sequence[Result]], count: int) -> list[Result]:
    """The ``count`` results of shares that each took every ``len(parts)``-th item (share
    ``start`` from item ``start``), back in the items' order."""
    return [parts[index % len(parts)][index // len(parts)] for index in range(count)]


def _become_worker() -> None:
    """In a forked worker: Ctrl-C is the parent's to handle (it ends the workers), and work
    is not forked again (a pool's worker may not start processes)."""
    global _FORKED
    _FORKED = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _save(path: Path, value: Any) -> None:
    with open(path, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: Path) -> Any:
    with open(path, "rb") as stream:
        return pickle.load(stream)


class Ahead(Generic[Shared, Job, Result]):
    """``[function(shared, job) for job in jobs]`` begun on forked processes as soon as it is
    made, while the caller goes on with other work; ``results`` joins in and returns them.

    The jobs are taken in order, one at a time, by whichever process is free: the forked
    ones from the start, the caller once it asks for the results. So the caller's other work
    is overlapped, and none waits long for the others at the end. ``workers`` counts the
    caller: one process is forked on a machine of two cores.
    """

    def __init__(
        self,
        function: Callable[[Shared, Job], Result],
        shared: Shared,
        jobs: Sequence[Job],
        workers: int | None = None,
    ) -> None:
        self._function = function
        self._shared = shared
        self._jobs = jobs
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._processes: list[Any] = []
        self._next: Any = None
        forked = min(workers or usable_cores(), len(jobs)) - 1
        if forked > 0 and _can_fork():
            self._start(forked)

    def _start(self, count: int) -> None:
        context = mp.get_context("fork")
        self._folder = tempfile.TemporaryDirectory(prefix="insight-")
        self._next = context.Value("i", 0)
        # Ctrl-C waits, blocked, while the workers are forked, so that none of them sees it
        # before it ignores it.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(count):
                process = context.Process(target=self._work, daemon=True)
                process.start()
                self._processes.append(process)
        except BaseException:
            self.close()
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    def _take(self) -> int:
        """The next job nobody has taken, or ``len(jobs)`` when all are."""
        with self._next.get_lock():
            index: int = self._next.value
            self._next.value = min(index + 1, len(self._jobs))
        return index

    def _work(self) -> None:
        """A forked process: jobs until none is left; a failure is passed to the caller (who
        reads the results only once every process has ended)."""
        _become_worker()
        assert self._folder is not None
        folder = Path(self._folder.name)
        try:
            while (index := self._take()) < len(self._jobs):
                _save(folder / str(index), self._function(self._shared, self._jobs[index]))
        except BaseException as error:  # raised again in the caller
            _save(folder / f"error-{os.getpid()}", error)
            os._exit(1)

    def results(self) -> list[Result]:
        """Every job's result, in order: the jobs still untaken done here, the others waited
        for. An exception raised in a forked process is raised here."""
        if not self._processes:
            return [self._function(self._shared, job) for job in self._jobs]
        assert self._folder is not None
        try:
            own = {}
            while (index := self._take()) < len(self._jobs):
                own[index] = self._function(self._shared, self._jobs[index])
            folder = Path(self._folder.name)
            for process in self._processes:
                process.join()
                failure = folder / f"error-{process.pid}"
                if failure.exists():
                    raise _load(failure)
                if process.exitcode != 0:
                    raise RuntimeError(f"a worker process ended with code {process.exitcode}")
            return [
                own[index] if index in own else _load(folder / str(index))
                for index in range(len(self._jobs))
            ]
        finally:
            self.close()

    def close(self) -> None:
        """End the forked processes still running and remove their results."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
                process.join()
        self._processes = []
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
