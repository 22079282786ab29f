"""The offline engine: rubric rules for the type, message catalogues for the words.

Deterministic and free: no network, the same input gives the same report.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Sequence

from insight import i18n
from insight.analysis import rules
from insight.engines.digest import compose_overview
from insight.engines.writeup import write
from insight.models import (
    Assessment,
    CallEstimate,
    Described,
    FileChange,
    Overview,
    ReportItem,
    Writeup,
)

PARALLEL_MINIMUM = 400
"""Below this many files, starting worker processes costs more than it saves."""
_WORK: tuple[Sequence[FileChange], Sequence[str]] = ((), ())
"""The changes a forked worker describes; it inherits them from its parent, unpickled."""


def _keep_work(changes: Sequence[FileChange], locales: Sequence[str]) -> None:
    global _WORK
    _WORK = (changes, locales)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _describe_slice(bounds: tuple[int, int]) -> list[Described]:
    changes, locales = _WORK
    return HeuristicEngine(workers=1).describe(changes[bounds[0] : bounds[1]], locales)


class HeuristicEngine:
    name = "heuristic"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or _usable_cores()

    def describe(self, changes: Sequence[FileChange], locales: Sequence[str]) -> list[Described]:
        """Every change's assessment and writeups; a large range on every core (if fork exists)."""
        if (
            self.workers > 1
            and len(changes) >= PARALLEL_MINIMUM
            and "fork" in mp.get_all_start_methods()
        ):
            return self._describe_in_processes(changes, locales)
        described = []
        for change in changes:
            assessment = self.assess(change)
            writeups = {locale: self.write(change, assessment, locale) for locale in locales}
            described.append(Described(assessment, writeups))
        return described

    def _describe_in_processes(
        self, changes: Sequence[FileChange], locales: Sequence[str]
    ) -> list[Described]:
        size = -(-len(changes) // (self.workers * 4))
        slices = [(start, start + size) for start in range(0, len(changes), size)]
        context = mp.get_context("fork")
        # Ctrl-C reaches the whole process group; the workers ignore it (the parent stops and
        # ends them). It waits, blocked, while they are forked, so none sees it before then.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = context.Pool(self.workers, initializer=_keep_work, initargs=(changes, locales))
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            raise
        with pool:  # a Ctrl-C that came meanwhile arrives here, and the pool is ended
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            return [described for part in pool.map(_describe_slice, slices) for described in part]

    def assess(self, change: FileChange) -> Assessment:
        """The type, reason, confidence and trivial mark of one file, from its structure."""
        return rules.assess(change, rules.signals_of(change))

    def write(self, change: FileChange, assessment: Assessment, locale: str) -> Writeup:
        """The title and explanation of one file in one locale."""
        return write(change, assessment, i18n.catalogue(locale))

    def overview(self, category: str, items: Sequence[ReportItem], locale: str) -> Overview:
        return compose_overview(category, items, i18n.catalogue(locale))

    def estimate(
        self, changes: Sequence[FileChange], locales: Sequence[str], reports: int
    ) -> list[CallEstimate]:
        return []

    def summary(self) -> str | None:
        return None

    def close(self) -> None:
        """Nothing to let go of."""


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
