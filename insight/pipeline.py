"""The stages joined: git range -> file changes -> categories -> engine -> report models."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import git

from insight import categories, gitsource, i18n
from insight.config import Settings
from insight.engines.base import Engine
from insight.engines.heuristic import HeuristicEngine
from insight.models import Described, FileChange, Report, ReportItem

LOG = logging.getLogger(__name__)
Progress = Callable[[str], None]
REPORT_TITLE = "Diff Insight Report - {category}"


@dataclass
class Outcome:
    reports: list[Report]
    notices: list[str] = field(default_factory=list)


def create_engine(settings: Settings) -> Engine:
    """The engine the settings ask for; ``auto`` is the offline one until a model is configured."""
    return HeuristicEngine()


def build_reports(
    settings: Settings,
    spec: str,
    *,
    date: str | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
    repo: git.Repo | None = None,
) -> Outcome:
    """Every category x locale report of a range, as models; nothing is written here.

    ``repo`` is the repository when the caller has opened (and fetched) it already.
    """
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    repo = repo or gitsource.open_repository(settings.repo, Path(settings.cache_dir))
    commit_range = gitsource.resolve_range(repo, spec)
    say(f"reading {spec}")
    change_set = gitsource.file_changes(
        repo, commit_range, patch_limit=settings.patch_limit, rename_limit=settings.rename_limit
    )
    LOG.info(
        "%s: %d files changed from %s to %s (read in %.2f s)",
        spec,
        len(change_set.changes),
        commit_range.base[:7],
        commit_range.head[:7],
        time.perf_counter() - started,
    )
    notices = list(change_set.notices)
    if not change_set.changes:
        notices.append(f"range {spec} has no changes; nothing written")
        return Outcome([], notices)
    groups, unmatched = categories.assign(
        change_set.changes, settings.categories, gitsource.repository_name(settings.repo)
    )
    if unmatched:
        notices.append(f"{unmatched} changed files matched no category and were left out")
    if not groups:
        notices.append("no changed file matched a category; nothing written")
        return Outcome([], notices)
    members = [change for group in groups.values() for change in group]
    say(f"describing {len(members)} files")
    engine = engine or create_engine(settings)
    started = time.perf_counter()
    described = engine.describe(members, settings.locales)
    elapsed = time.perf_counter() - started
    LOG.info("%s engine described %d files in %.2f s", engine.name, len(members), elapsed)
    by_path = {change.path: result for change, result in zip(members, described, strict=True)}
    report_date = date or gitsource.commit_date(repo, commit_range.head)
    link = gitsource.permalink(repo, commit_range, settings.compare_url)
    reports = []
    for category, group in groups.items():
        for locale in settings.locales:
            say(f"writing {category} in {locale}")
            items = [report_item(change, by_path[change.path], locale) for change in group]
            overview = engine.overview(category, items, locale)
            reports.append(
                Report(
                    title=REPORT_TITLE.format(category=category),
                    locale=locale,
                    date=report_date,
                    permalink=link,
                    summary=overview.summary,
                    overview=overview.overview,
                    items=items,
                )
            )
    return Outcome(reports, notices)


def report_item(change: FileChange, described: Described, locale: str) -> ReportItem:
    """One file of one report: the change's facts, the engine's verdict and its words."""
    assessment = described.assessment
    writeup = described.writeups[locale]
    explanation = writeup.explanation
    if change.patch_too_large:
        messages = i18n.catalogue(locale)
        note = messages.text(
            "explain.patch_too_large", size=max(1, round(change.patch_size / 1024))
        )
        explanation = messages.sentences([explanation, note])
    return ReportItem(
        path=change.path,
        status=change.status,
        additions=change.additions,
        deletions=change.deletions,
        changes=change.changes,
        patch=change.patch,
        type=assessment.type,
        title=writeup.title,
        explanation=explanation,
        old_path=change.old_path,
        binary=change.binary or None,
        reason=assessment.reason,
        confidence=assessment.confidence,
        trivial=assessment.trivial,
        engine=assessment.engine,
        signals=[signal.to_dict() for signal in assessment.signals],
    )
