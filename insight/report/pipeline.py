"""The stages joined: git range -> file changes -> categories -> engine -> report models."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from insight import i18n
from insight.analysis.site.facts import site_facts
from insight.analysis.site.includes import include_scan
from insight.config import Settings
from insight.engines.base import Engine
from insight.engines.heuristic import AnalysisAhead, HeuristicEngine
from insight.errors import ConfigError, ModelError, UsageError
from insight.escape import web_address
from insight.lexicon import load as load_lexicon
from insight.llm.background import gather, in_background
from insight.models import (
    CHANGE_TYPES,
    FALLBACK_ENGINE,
    Attribution,
    CallEstimate,
    Coverage,
    Described,
    FileChange,
    Findings,
    PageFacts,
    Progress,
    Report,
    ReportItem,
    SiteFacts,
    report_title,
)
from insight.report.overrides import apply_overrides, load_overrides, overrides_file
from insight.source import categories, remote, repository
from insight.source.attribution import StartedLog
from insight.source.changes import ChangeSet, DiffReading
from insight.source.tree import Tree, TreeCache

LOG = logging.getLogger(__name__)
OVERVIEWS_AT_ONCE = 4


@dataclass
class Tally:
    """What a run read and found, for its last line."""

    commits: int = 0
    files: int = 0
    types: Counter[str] = field(default_factory=Counter)
    offline: int = 0
    """Files the model engine was asked for and the offline engine decided."""

    def add(self, other: Tally) -> None:
        self.commits += other.commits
        self.files += other.files
        self.types.update(other.types)
        self.offline += other.offline

    def line(self, reports: int, where: Path) -> str:
        """``3 commits, 12 files (1 breaking change, 11 minor updates); 4 reports in reports``."""
        found = ", ".join(
            _count(self.types[kind], kind) for kind in CHANGE_TYPES if self.types[kind]
        )
        reported = sum(self.types.values())
        files = _count(self.files, "file")
        if found:
            left_out = f"{reported:,} in categories: " if reported != self.files else ""
            files += f" ({left_out}{found})"
        line = f"{_count(self.commits, 'commit')}, {files}; {_count(reports, 'report')} in {where}"
        if self.offline:
            line += f"; {_count(self.offline, 'file')} decided offline (the model failed)"
        return line


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@dataclass
class Outcome:
    reports: list[Report]
    notices: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


def create_engine(
    settings: Settings,
    *,
    environ: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    no_cache: bool = False,
    batch: bool = False,
) -> Engine:
    """The engine the settings ask for.

    ``heuristic`` is always the offline engine. ``auto`` uses the model when the environment
    has credentials (skipping the files the offline analysis finds trivial), else the offline
    engine; ``llm`` sends every file to the model and needs credentials.
    """
    offline = HeuristicEngine(lexicon=load_lexicon(settings.rules))
    if settings.engine == "heuristic":
        return offline
    from insight.engines.llm import LLMEngine, LLMOptions
    from insight.llm.cache import ReplyCache
    from insight.llm.client import CallSettings, Endpoint, ModelClient
    from insight.llm.pacing import Pacer

    endpoint = Endpoint.from_environment(os.environ if environ is None else environ)
    if endpoint is None:
        if settings.engine == "llm":
            raise UsageError(
                "engine 'llm' needs model credentials: OPENAI_API_KEY, or AZURE_OPENAI_ENDPOINT "
                "and AZURE_OPENAI_API_KEY, or OPENAI_BASE_URL for a compatible server"
            )
        return offline
    calls = CallSettings(
        timeout=settings.timeout,
        max_retries=settings.max_retries,
        backoff=settings.backoff,
        temperature=settings.temperature,
    )
    options = LLMOptions(
        model=settings.model,
        overview_model=settings.overview_model or settings.model,
        concurrency=settings.concurrency,
        patch_budget=settings.patch_budget,
        skip_trivial=settings.engine == "auto",
        batch=batch,
        batch_poll=settings.batch_poll,
        tokens_per_minute=settings.tokens_per_minute,
        fallback=settings.fallback,
        fallback_share=settings.fallback_share,
    )
    LOG.info("model calls go to %s", endpoint.describe())
    try:
        replies = ReplyCache(None if no_cache else reply_cache_path(settings))
    except UsageError as error:  # a cache is a saving, not a need: run without it
        LOG.warning("%s; running without the reply cache", error)
        replies = ReplyCache(None)
    return LLMEngine(
        ModelClient(endpoint, calls, Pacer(settings.concurrency, progress=progress)),
        replies,
        options,
        offline=offline,
        progress=progress,
    )


def reply_cache_path(settings: Settings) -> Path:
    """The model reply cache: the ``cache`` setting, else a file in ``cache_dir``."""
    from insight.llm.cache import FILE_NAME

    return Path(settings.cache) if settings.cache else Path(settings.cache_dir) / FILE_NAME


@dataclass
class _Range:
    """A range read and sorted into categories, before any engine looks at it."""

    repo: git.Repo
    commit_range: repository.CommitRange
    groups: dict[str, list[FileChange]]
    notices: list[str]
    tally: Tally
    facts: SiteFacts = field(default_factory=dict)
    """What the change set says of each file, by path."""
    findings: Findings | None = None
    """The document analysis of the files, when a large range had it worked out ahead."""
    attribution: dict[str, Attribution] = field(default_factory=dict)
    """The commits and pull requests of each path the range touched."""
    coverage: Coverage | None = None
    """The range's ends, commits and days."""

    @property
    def members(self) -> list[FileChange]:
        return [change for group in self.groups.values() for change in group]


@contextmanager
def _repository(settings: Settings, repo: git.Repo | None) -> Iterator[git.Repo]:
    """``repo``, or the settings' repository opened for the run and closed after it (GitPython
    keeps git processes per repository until it is closed: a caller of the Python API that
    builds many reports would gather them)."""
    if repo is not None:
        yield repo
        return
    with repository.open_repository(
        settings.repo, Path(settings.cache_dir), settings.git_timeout
    ) as opened:
        yield opened


def _read(
    settings: Settings,
    spec: str,
    repo: git.Repo,
    say: Progress,
    trees: TreeCache | None = None,
    only: Collection[str] | None = None,
) -> _Range:
    started = time.perf_counter()
    commit_range = repository.resolve_range(repo, spec)
    say(f"reading {spec}")
    tree = Tree(repo, commit_range.head, trees)
    include_scan(tree)  # it does not depend on the changes: it runs while they are read
    log = StartedLog(repo, commit_range)  # nor does the log: it runs until its turn
    try:
        read = _read_changes(settings, spec, repo, commit_range, tree, log, started, only)
        if trees is not None:
            # The next range of the run brings this scan up to date (the files changed in
            # between) when it needs one, rather than scanning every page again.
            include_scan(tree).lines()
        return read
    finally:
        log.close()
        tree.close()


def _read_changes(
    settings: Settings,
    spec: str,
    repo: git.Repo,
    commit_range: repository.CommitRange,
    tree: Tree,
    log: StartedLog,
    started: float,
    only: Collection[str] | None,
) -> _Range:
    # the analysis runs on another core while the rest is read
    with closing(AnalysisAhead(load_lexicon(settings.rules))) as ahead:
        with DiffReading(
            repo, commit_range, patch_limit=settings.patch_limit, rename_limit=settings.rename_limit
        ) as reading:
            ahead.begin(_described(reading.modified(), only))
            change_set = reading.change_set()
        return _sorted(settings, spec, commit_range, tree, log, started, only, change_set, ahead)


def _sorted(
    settings: Settings,
    spec: str,
    commit_range: repository.CommitRange,
    tree: Tree,
    log: StartedLog,
    started: float,
    only: Collection[str] | None,
    change_set: ChangeSet,
    ahead: AnalysisAhead,
) -> _Range:
    """The range's changes sorted into categories, with what the change set says of each."""
    repo = tree.repo
    LOG.info(
        "%s: %d files changed from %s to %s (read in %.2f s)",
        spec,
        len(change_set.changes),
        commit_range.base[:7],
        commit_range.head[:7],
        time.perf_counter() - started,
    )
    notices = list(change_set.notices)
    hint = repository.reversed_hint(repo, commit_range)
    if not change_set.changes:
        notices.append(
            f"range {spec} has no changes; nothing written" + (f" ({hint})" if hint else "")
        )
        tally = _tally(repo, log.coverage(), commit_range, 0)
        return _Range(repo, commit_range, {}, notices, tally)
    if hint:
        notices.append(f"range {spec}: {hint}")
    changes = change_set.changes
    # the head's file list from the base's, when a day before read it (a backfill), and its
    # search for include references brought up to date, the pages read searched as they are
    texts = {change.path: change.new_text for change in changes if change.new_text is not None}
    tree.cache.follow(commit_range.base, commit_range.head, change_set.objects, texts)
    _check_categories(settings, tree, changes)
    base = Tree(repo, commit_range.base, tree.cache)
    ahead.complete(_described(changes, only))
    try:
        facts = site_facts(changes, tree, settings.docs_url, base, ahead.lexicon)
        findings = ahead.findings()
    finally:
        base.close()
    groups, unmatched = categories.assign(
        changes, settings.categories, remote.repository_name(settings.repo), settings.catch_all
    )
    taken = [
        c for c in changes if any(categories.member(c.path, one) for one in settings.categories)
    ]
    if settings.categories and len(taken) < len(changes):
        in_categories = {change.path for change in taken}
        folders = categories.top_folders(
            (change.path for change in changes if change.path not in in_categories), 3
        )
        where = f" (most in {categories.describe_folders(folders)})" if folders else ""
        left = len(changes) - len(taken)
        if not unmatched:
            notices.append(
                f"{_count(left, 'changed file')} matched no category and went to "
                f"'{settings.catch_all}'{where}"
            )
        elif groups:
            notices.append(
                f"{_count(left, 'changed file')} matched no category and were left out{where}"
            )
        else:
            notices.append(f"no changed file matched a category{where}; nothing written")
    if only is not None:
        groups = {
            name: kept
            for name, group in groups.items()
            if (kept := [c for c in group if _named(c, only)])
        }
    touched = log.attribution() if groups else {}
    covered = log.coverage()
    tally = _tally(repo, covered, commit_range, len(changes))
    return _Range(repo, commit_range, groups, notices, tally, facts, findings, touched, covered)


def _tally(
    repo: git.Repo, covered: Coverage, commit_range: repository.CommitRange, files: int
) -> Tally:
    """The commits and files a range read; from the merge base, the commits it covers are
    those of the diff."""
    if commit_range.symmetric:
        return Tally(covered.commits, files)
    return Tally(repository.count_commits(repo, commit_range), files)


def _described(changes: list[FileChange], only: Collection[str] | None) -> list[FileChange]:
    """The changes the reports describe: all, or those ``only`` names."""
    return changes if only is None else [c for c in changes if _named(c, only)]


def _named(change: FileChange, only: Collection[str]) -> bool:
    return change.path in only or change.old_path in only


def _check_categories(settings: Settings, tree: Tree, changes: list[FileChange]) -> None:
    """A category that no file of the head commit nor of the range belongs to is a typo (or a
    folder gone): its files would be skipped for good, so it is a configuration error."""
    idle = categories.matching_nothing(settings.categories, tree.paths)
    idle = categories.matching_nothing(
        idle, (path for change in changes for path in (change.path, change.old_path) if path)
    )
    if idle:
        shown = ", ".join(f"[categories.{c.name}] paths {list(c.paths)}" for c in idle)
        raise ConfigError(
            f"{settings.origin('categories')}: {shown} match no file of "
            f"{remote.redact(settings.repo)} at {tree.commit[:7]} (a typo, or a folder gone?)"
        )


def estimate_reports(
    settings: Settings,
    spec: str,
    engine: Engine,
    repo: git.Repo | None = None,
    trees: TreeCache | None = None,
) -> tuple[list[CallEstimate], list[str]]:
    """The model calls and tokens a report run would cost (the cache's replies are free)."""
    with _repository(settings, repo) as opened:
        read = _read(settings, spec, opened, lambda _message: None, trees)
    if not read.groups:
        return [], read.notices
    reports = len(read.groups) * len(settings.locales)
    estimates = engine.estimate(read.members, settings.locales, reports, read.facts, read.findings)
    return estimates, read.notices


def build_reports(
    settings: Settings,
    spec: str,
    *,
    date: str | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
    repo: git.Repo | None = None,
    max_calls: int | None = None,
    trees: TreeCache | None = None,
    only: Collection[str] | None = None,
) -> Outcome:
    """Every category x locale report of a range, as models; nothing is written here.

    ``repo`` is the repository when the caller has opened (and fetched) it already. With
    ``max_calls``, a run that would need more model calls stops before making any. ``trees``
    keeps what the run read of the head trees, for the next range of the same run. With
    ``only``, the reports hold just the files whose path or old path it names (to measure an
    engine on some files of a large range): the other files still inform them (addresses,
    moves, navigation), but are not described.
    """
    say = progress or (lambda _message: None)
    with _repository(settings, repo) as opened:
        read = _read(settings, spec, opened, say, trees, only)
        if not read.groups:
            return Outcome([], read.notices, read.tally)
        if engine is not None:
            return _describe(settings, read, engine, date, say, max_calls)
        with closing(create_engine(settings, progress=progress)) as created:
            return _describe(settings, read, created, date, say, max_calls)


def _describe(
    settings: Settings,
    read: _Range,
    engine: Engine,
    date: str | None,
    say: Progress,
    max_calls: int | None,
) -> Outcome:
    """The read range typed, described and summed up by ``engine``, as report models."""
    members = read.members
    if max_calls is not None:
        report_count = len(read.groups) * len(settings.locales)
        estimates = engine.estimate(
            members, settings.locales, report_count, read.facts, read.findings
        )
        needed = sum(estimate.calls for estimate in estimates)
        if needed > max_calls:
            raise ModelError(
                f"this run needs about {needed} model calls, more than --max-calls "
                f"{max_calls}; nothing was called (see --dry-run)"
            )
    say(f"describing {_count(len(members), 'file')}")
    started = time.perf_counter()
    described = engine.describe(members, settings.locales, read.facts, read.findings)
    elapsed = time.perf_counter() - started
    LOG.info("%s engine described %d files in %.2f s", engine.name, len(members), elapsed)
    by_path = {change.path: result for change, result in zip(members, described, strict=True)}
    read.tally.offline += sum(1 for r in described if r.assessment.engine == FALLBACK_ENGINE)
    report_date = date or repository.commit_date(read.repo, read.commit_range.head)
    link = repository.permalink(read.repo, read.commit_range, settings.compare_url)
    covered = read.coverage
    jobs = [
        (
            category,
            locale,
            [
                report_item(
                    change,
                    by_path[change.path],
                    locale,
                    read.facts.get(change.path),
                    read.attribution.get(change.path),
                )
                for change in group
            ],
        )
        for category, group in read.groups.items()
        for locale in settings.locales
    ]
    read.notices.extend(
        apply_overrides(
            ((locale, items) for _, locale, items in jobs),
            load_overrides(overrides_file(settings.source)),
        )
    )
    first_locale = settings.locales[0]
    read.tally.types.update(
        item.type for _, locale, items in jobs if locale == first_locale for item in items
    )
    say(f"writing {_count(len(jobs), 'overview')}")
    # A model's overviews are network-bound; on daemon threads, Ctrl-C does not wait for them.
    overviews = gather(
        in_background(
            lambda job: engine.overview(job[0], job[2], job[1]),
            dict(enumerate(jobs)),
            OVERVIEWS_AT_ONCE,
        )
    )
    reports = [
        Report(
            title=report_title(category),
            locale=locale,
            date=report_date,
            permalink=link,
            summary=overview.summary,
            overview=overview.overview,
            items=items,
            range=covered,
        )
        for (category, locale, items), overview in zip(jobs, overviews, strict=True)
    ]
    return Outcome(reports, read.notices, read.tally)


def report_item(
    change: FileChange,
    described: Described,
    locale: str,
    page: PageFacts | None = None,
    attributed: Attribution | None = None,
) -> ReportItem:
    """One file of one report: the change's facts, the engine's verdict and its words, and
    who made the change (``attributed``, when known)."""
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
        fingerprint=change.fingerprint,
        **_site_fields(page),
        **_attribution_fields(attributed),
    )


def _attribution_fields(attributed: Attribution | None) -> dict[str, Any]:
    if attributed is None or not attributed.commits:
        return {}
    return {
        "commits": [commit.to_dict() for commit in attributed.commits],
        "pull_requests": list(attributed.pull_requests) or None,
    }


def _site_fields(site: PageFacts | None) -> dict[str, Any]:
    """The page facts a report item carries, the unknown ones left out; an address only when
    it is http(s) or a plain path (a repository's ``javascript:`` goes nowhere)."""
    if site is None:
        return {}
    return {
        "url": web_address(site.url),
        "page_title": site.page_title,
        "redirect": web_address(site.redirect),
        "included_in": list(site.included_in) or None,
    }
