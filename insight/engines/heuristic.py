"""The offline engine: rubric rules for the type, message catalogues for the words.

Deterministic and free: no network, the same input gives the same report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from insight import i18n
from insight.analysis import verdict
from insight.analysis.document.spelling import read_word_list
from insight.engines import writeup
from insight.engines.digest import compose_overview
from insight.lexicon import Lexicon
from insight.lexicon import load as load_lexicon
from insight.models import (
    Assessment,
    CallEstimate,
    Described,
    FileChange,
    Findings,
    Overview,
    PageFacts,
    ReportItem,
    Signal,
    SiteFacts,
    Writeup,
)
from insight.parallel import Ahead, interleaved, map_forked, usable_cores

PARALLEL_MINIMUM = 400
"""Below this many files, starting worker processes costs more than it saves."""
SHARES = 16
"""Shares of the analysis begun ahead: small enough that neither process waits long for the
other at the end."""


def _describe_share(
    work: tuple[Sequence[FileChange], Sequence[str], SiteFacts | None, Findings | None, Lexicon],
    share: tuple[int, int],
) -> list[Described]:
    """Every ``step``-th change from ``start``: a share of the pages, the media and the
    configuration alike, wherever the range lists them."""
    changes, locales, facts, findings, lexicon = work
    start, step = share
    engine = HeuristicEngine(workers=1, lexicon=lexicon)
    return engine.describe(changes[start::step], locales, facts, findings)


def _analyze_share(
    work: tuple[Sequence[FileChange], Lexicon], share: tuple[int, int]
) -> list[tuple[Signal, ...]]:
    changes, lexicon = work
    start, step = share
    return [verdict.signals_of(change, lexicon) for change in changes[start::step]]


class AnalysisAhead:
    """The document analysis of a large range begun on another core while the caller reads
    the rest of the change set (it needs none of it); nothing for a small range.

    ``begin`` starts the files known first (those modified in place, read while git still
    looks for renames); ``complete`` gives the whole range, whose other files begin then.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._parts: list[tuple[Sequence[FileChange], Ahead[Any, Any, list[tuple[Signal, ...]]]]]
        self._parts = []

    def begin(self, changes: Sequence[FileChange]) -> None:
        """Begin ``changes``, if many are to be read (the range is large, then)."""
        read = [change for change in changes if verdict.read_through(change)]
        if len(read) >= PARALLEL_MINIMUM:
            self._start(read, None)

    def complete(self, changes: Sequence[FileChange]) -> None:
        """Every change the range describes: those not begun begin now, if the range is
        large; a few left after the first ones are the caller's to read."""
        if not self._parts and len(changes) < PARALLEL_MINIMUM:
            return
        begun = {change.path for part, _ in self._parts for change in part}
        rest = [c for c in changes if c.path not in begun and verdict.read_through(c)]
        if rest:
            self._start(rest, None if len(rest) >= PARALLEL_MINIMUM else 1)

    def _start(self, changes: Sequence[FileChange], workers: int | None) -> None:
        if workers is None:  # many files: one of them is bound to ask whether a word is English
            read_word_list()
        shares = [(start, SHARES) for start in range(SHARES)]
        ahead = Ahead(_analyze_share, (changes, self.lexicon), shares, workers)
        self._parts.append((changes, ahead))

    def findings(self) -> Findings | None:
        """Each change's signals (the caller helps with those not begun yet)."""
        if not self._parts:
            return None  # a small range (or nothing to read): each file read where described
        found: dict[str, tuple[Signal, ...]] = {}
        for changes, ahead in self._parts:
            signals = interleaved(ahead.results(), len(changes))
            found.update(zip((change.path for change in changes), signals, strict=True))
        return Findings(self.lexicon, found)

    def close(self) -> None:
        for _, ahead in self._parts:
            ahead.close()


class HeuristicEngine:
    name = "heuristic"

    def __init__(self, workers: int | None = None, lexicon: Lexicon | None = None) -> None:
        """``lexicon``: the words the analysis reads (the config's ``[rules]`` added to the
        shipped lists, ``insight.lexicon.load``); by default the shipped lists alone."""
        self.workers = workers or usable_cores()
        self.lexicon = lexicon or load_lexicon()

    def describe(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[Described]:
        """Every change's assessment and writeups; a large range on every core (if fork exists)."""
        if self.workers > 1 and len(changes) >= PARALLEL_MINIMUM:
            step = self.workers * 4
            shares = [(start, step) for start in range(step)]
            work = (changes, locales, facts, findings, self.lexicon)
            parts = map_forked(_describe_share, work, shares, self.workers)
            return interleaved(parts, len(changes))
        described = []
        for change in changes:
            page = facts.get(change.path) if facts else None
            found = findings.of(change, self.lexicon) if findings else None
            assessment = self.assess(change, page, found)
            told = writeup.story(change, assessment, page, self.lexicon)  # worded per locale
            writeups = {locale: writeup.words(told, i18n.catalogue(locale)) for locale in locales}
            described.append(Described(assessment, writeups))
        return described

    def assess(
        self,
        change: FileChange,
        page: PageFacts | None = None,
        signals: Sequence[Signal] | None = None,
    ) -> Assessment:
        """The type, reason, confidence and trivial mark of one file, from its structure (its
        ``signals``, read here unless given) and what the change set says of it."""
        if signals is None:
            signals = verdict.signals_of(change, self.lexicon)
        return verdict.assess(change, signals, page, lexicon=self.lexicon)

    def write(
        self,
        change: FileChange,
        assessment: Assessment,
        locale: str,
        page: PageFacts | None = None,
    ) -> Writeup:
        """The title and explanation of one file in one locale."""
        return writeup.write(change, assessment, i18n.catalogue(locale), page, self.lexicon)

    def overview(self, category: str, items: Sequence[ReportItem], locale: str) -> Overview:
        return compose_overview(category, items, i18n.catalogue(locale))

    def estimate(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        reports: int,
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[CallEstimate]:
        return []

    def summary(self) -> str | None:
        return None

    def close(self) -> None:
        """Nothing to let go of."""
