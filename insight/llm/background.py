"""Work on daemon threads, so that Ctrl-C never waits for a model call that hangs.

An executor's threads are joined when the interpreter exits, so a call that hangs would hold
an interrupted run until its timeout and retries ran out. Threads here are daemons: a run
that stops leaves them behind. This module imports nothing heavy: the offline engine's
overviews run on it too.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import TypeVar

_Label = TypeVar("_Label")
_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def in_background(
    work: Callable[[_Item], _Result], items: dict[_Label, _Item], workers: int
) -> dict[_Label, Future[_Result]]:
    """``work`` over ``items`` on at most ``workers`` daemon threads, a future per item; a
    cancelled future is never started."""
    jobs: queue.SimpleQueue[tuple[Future[_Result], _Item] | None] = queue.SimpleQueue()
    futures: dict[_Label, Future[_Result]] = {}
    for label, item in items.items():
        futures[label] = Future()
        jobs.put((futures[label], item))

    def worker() -> None:
        while (job := jobs.get()) is not None:
            future, item = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work(item))
            except BaseException as error:
                future.set_exception(error)

    for _ in range(min(workers, len(items))):
        jobs.put(None)
        threading.Thread(target=worker, name="insight-model", daemon=True).start()
    return futures


def gather(futures: Mapping[_Label, Future[_Result]]) -> list[_Result]:
    """Each future's result, in order; on Ctrl-C or an error the others are cancelled, and
    nothing waits for those already running."""
    try:
        return [future.result() for future in futures.values()]
    except BaseException:
        for future in futures.values():
            future.cancel()
        raise
