"""The one interface every engine implements (offline heuristic, LLM, auto)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from insight.models import (
    CallEstimate,
    Described,
    FileChange,
    Findings,
    Overview,
    ReportItem,
    SiteFacts,
)


class Engine(Protocol):
    """Turns file changes into types and texts, and a category's items into an overview."""

    name: str

    def describe(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[Described]:
        """One ``Described`` per change, in the same order; a writeup for every locale.

        ``facts`` holds what the change set says of each file (its address, where its old
        address leads, where its lost text went), by path; ``findings``, the document
        analysis of the files when it was worked out already (the engine reads any it lacks).

        The type of a change does not depend on the language: an engine decides it once
        per file and writes the title and explanation per locale.
        """
        ...

    def overview(self, category: str, items: Sequence[ReportItem], locale: str) -> Overview:
        """The ``# Highlights`` ... ``# Insights`` Markdown and the summary of one report."""
        ...

    def estimate(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        reports: int,
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[CallEstimate]:
        """The model calls ``describe`` (and ``reports`` overviews) would make; none offline."""
        ...

    def summary(self) -> str | None:
        """A line on what the run's model work cost, then a line per kind of call that failed;
        None for an engine without a model."""
        ...

    def close(self) -> None:
        """Let go of what the engine holds open (the model's connections, the reply cache)."""
        ...
