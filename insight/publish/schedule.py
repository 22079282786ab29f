"""The scheduled job: report on what is new upstream since the last run, then remember it.

The state file (``.insight-state.json`` beside the reports, committed with them) holds the
last head commit that was reported. The state advances only after every report of the run
is written, so a run that fails or is killed part-way is simply done again next time, and
gives the same files.

A report file is never replaced by one that covers fewer changes: the state also holds where
the last run's reports started (``base``), and a run whose reports would get the same file
names (two runs on one day, with the default daily pattern) reports from there, so its
reports hold the changes of both runs. Before writing, the JSON model of each file to be
replaced is read too: one whose range starts earlier on the same history makes the step
report from that start.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from pathlib import Path

import git

from insight.config import Settings, is_day
from insight.engines.base import Engine
from insight.engines.heuristic import HeuristicEngine
from insight.errors import ConfigError, GitSourceError, InsightError, ModelError
from insight.models import Progress, Report
from insight.parallel import Ahead, forked, usable_cores
from insight.publish.lock import directory_lock
from insight.report import serialize
from insight.report.files import report_files, write_files
from insight.report.pipeline import (
    Outcome,
    Tally,
    build_reports,
    create_engine,
    estimate_reports,
)
from insight.report.translations import translation_reports
from insight.source import remote, repository
from insight.source.translations import NoTranslations, translation_debt
from insight.source.tree import TreeCache

STATE_NAME = ".insight-state.json"
PARALLEL_DAYS = 4
"""Steps from which the offline engine builds them on every core."""
DAY_RUNS_PER_CORE = 6
"""Runs of consecutive days per core: more balance the cores, fewer share more trees."""


@dataclass(frozen=True)
class State:
    repo: str
    branch: str
    last: str
    """Full SHA of the newest commit already reported."""
    date: str
    base: str | None = None
    """Where the reports dated ``date`` start; a run whose files share their names starts here."""


@dataclass(frozen=True)
class Step:
    """One range to report, and the date its reports carry (None: the head commit's date)."""

    base: str
    head: str
    date: str | None = None


@dataclass
class RunOutcome:
    written: list[Path] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    """The reports written, as models."""
    notices: list[str] = field(default_factory=list)
    state: State | None = None
    tally: Tally | None = None
    """What the run read and found; None when there was nothing new."""


def state_path(settings: Settings) -> Path:
    return Path(settings.state) if settings.state else Path(settings.out) / STATE_NAME


def read_state(path: Path) -> State | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        values = {key: str(data[key]) for key in ("repo", "branch", "last", "date")}
        base = data.get("base")
        return State(**values, base=str(base) if base else None)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"{path}: not a usable state file ({error}); fix or delete it") from None


def write_state(path: Path, state: State) -> None:
    write_files({path: json.dumps(asdict(state), indent=2) + "\n"})


def first_base(repo: git.Repo, settings: Settings, head: str) -> str:
    """Where a first run starts: ``since`` (a commit or a day), else ``first_commits`` back."""
    if settings.since and is_day(settings.since):
        before = repository.last_commit_before(repo, head, settings.since)
        return before or repository.ancestor(repo, head, 10**9)
    if settings.since:
        return repository.resolve_commit(repo, settings.since)
    return repository.ancestor(repo, head, settings.first_commits)


def plan(repo: git.Repo, start: str, head: str, per_day: bool) -> list[Step]:
    """One step for the whole span, or one per day that has commits (by the commits' dates)."""
    if not per_day:
        return [Step(start, head)]
    days: dict[str, str] = {}
    for sha, day in repository.first_parent_commits(repo, start, head):
        days[day] = sha
    steps, base = [], start
    for day, last in days.items():
        steps.append(Step(base, last, day))
        base = last
    return steps


def same_files(pattern: str, day: str, other_day: str) -> bool:
    """Whether reports dated ``day`` and ``other_day`` get the same file names."""
    return Date.fromisoformat(day).strftime(pattern) == Date.fromisoformat(other_day).strftime(
        pattern
    )


def run(
    settings: Settings,
    *,
    per_day: bool = False,
    engine: Engine | None = None,
    progress: Progress | None = None,
    max_calls: int | None = None,
) -> RunOutcome:
    """Fetch, report on ``last...head`` for every category x locale, write, then advance.

    Where the repository has per-language trees (found in it, or the layout of the
    ``[translations]`` table), the run also writes a translation debt report per language
    and locale for the same commits, for each language behind.

    The whole run holds the lock of the output directory (and of the state file's, when it
    is elsewhere), so that a second run waits or stops rather than moving the state back.
    """
    directories = {Path(settings.out).absolute(), state_path(settings).parent.absolute()}
    with contextlib.ExitStack() as held:
        for directory in sorted(directories):
            held.enter_context(directory_lock(directory))
        if engine is None:
            engine = held.enter_context(
                contextlib.closing(create_engine(settings, progress=progress))
            )
        location, cache = settings.repo, Path(settings.cache_dir)
        repo = held.enter_context(repository.open_repository(location, cache, settings.git_timeout))
        return _run(repo, settings, per_day, engine, progress, max_calls)


def _run(
    repo: git.Repo,
    settings: Settings,
    per_day: bool,
    engine: Engine,
    progress: Progress | None,
    max_calls: int | None,
) -> RunOutcome:
    head = repository.resolve_commit(repo, settings.branch)
    path = state_path(settings)
    state = read_state(path)
    start = state.last if state else first_base(repo, settings, head)
    outcome = RunOutcome()
    if start == head:
        if state is None and settings.since and is_day(settings.since):
            newest = repository.commit_date(repo, head)
            outcome.notices.append(
                f"since {settings.since} is after the newest commit on {settings.branch} "
                f"({head[:7]}, {newest}); nothing written"
            )
        else:
            outcome.notices.append(
                f"nothing new on {settings.branch} since {head[:7]}; nothing written"
            )
        return outcome
    _check_known(repo, settings, path, start)
    steps = plan(repo, start, head, per_day)
    first = steps[0]
    if (
        state
        and state.base
        and same_files(
            settings.output, first.date or repository.commit_date(repo, first.head), state.date
        )
    ):
        _check_known(repo, settings, path, state.base)
        steps[0] = Step(state.base, first.head, first.date)
    trees = TreeCache()  # the days of a backfill share what they read of their trees
    if max_calls is not None:
        _check_budget(settings, repo, steps, engine, max_calls, trees)
    outcome.tally = Tally()
    files: dict[Path, str] = {}
    for index, (step, built, step_files) in enumerate(
        _built(settings, repo, steps, engine, progress, trees)
    ):
        steps[index] = step
        outcome.notices.extend(built.notices)
        outcome.tally.add(built.tally)
        outcome.reports.extend(built.reports)
        files.update(step_files)
    files.update(_translation_files(settings, repo, steps[0].base, head))
    outcome.written = write_files(files)  # all or nothing: a failed step writes no other
    outcome.state = State(
        repo=remote.redact(settings.repo),
        branch=settings.branch,
        last=head,
        date=repository.commit_date(repo, head),
        base=steps[-1].base,
    )
    write_state(path, outcome.state)
    return outcome


def _translation_files(settings: Settings, repo: git.Repo, base: str, head: str) -> dict[Path, str]:
    """Translation debt reports of ``base..head``; none where the repository has no
    translations to find (a configured layout that matches nothing is an error)."""
    try:
        check = translation_debt(repo, f"{base}..{head}", settings.translations)
    except NoTranslations:
        if settings.translations is not None:
            raise
        return {}
    return translation_reports(check, settings.locales, Path(settings.out))


Built = tuple[Step, Outcome, Mapping[Path, str]]
"""A step as built (from where an existing report it replaces starts), its reports and files."""


def _built(
    settings: Settings,
    repo: git.Repo,
    steps: list[Step],
    engine: Engine,
    progress: Progress | None,
    trees: TreeCache,
) -> list[Built]:
    """Every step built, in order. The days of a long offline backfill are built on every
    core, a few consecutive days at a time (consecutive days share their trees); a model's
    engine, which holds connections, is never forked."""
    work = (settings, repo, steps, engine, progress, trees)
    if not isinstance(engine, HeuristicEngine) or len(steps) < PARALLEL_DAYS:
        return _build_days(work, range(len(steps)))
    size = -(-len(steps) // (usable_cores() * DAY_RUNS_PER_CORE))
    runs = [range(start, min(start + size, len(steps))) for start in range(0, len(steps), size)]
    ahead = Ahead(_build_days, work, runs)
    return [built for run in ahead.results() for built in run]


def _build_days(
    work: tuple[Settings, git.Repo, list[Step], Engine, Progress | None, TreeCache],
    indexes: range,
) -> list[Built]:
    settings, repo, steps, engine, progress, trees = work
    with contextlib.ExitStack() as stack:
        if forked():  # quiet, and with git processes of its own
            repo = stack.enter_context(contextlib.closing(repository.reopened(repo)))
            progress = None
        found = []
        for index in indexes:
            step = steps[index]
            built, files = _build(settings, repo, step, engine, progress, trees)
            earlier = _earlier_base(repo, step, files)
            if earlier is not None:  # a file there covers more: report from where it starts
                step = Step(earlier, step.head, step.date)
                built, files = _build(settings, repo, step, engine, progress, trees)
            # A forked process renders its days' files on its own core; the caller's are
            # rendered as they are written.
            found.append((step, built, dict(files) if forked() else files))
        return found


def _build(
    settings: Settings,
    repo: git.Repo,
    step: Step,
    engine: Engine,
    progress: Progress | None,
    trees: TreeCache,
) -> tuple[Outcome, Mapping[Path, str]]:
    built = build_reports(
        settings,
        f"{step.base}...{step.head}",
        date=step.date,
        engine=engine,
        progress=progress,
        repo=repo,
        trees=trees,
    )
    return built, report_files(
        built.reports, settings.output, Path(settings.out), settings.template
    )


def _earlier_base(repo: git.Repo, step: Step, files: Mapping[Path, str]) -> str | None:
    """Where an existing report that ``files`` would replace starts, when that is before
    ``step``'s base on the same history (so the step alone would cover fewer changes)."""
    found = None
    for path in files:
        if path.suffix != ".json" or not path.is_file():
            continue
        try:
            covered = serialize.load(path).range
        except InsightError:  # not a model of ours: the writer refuses or replaces it
            continue
        if (
            covered is not None
            and covered.base != step.base
            and repository.is_ancestor(repo, covered.base, step.base)
            and repository.is_ancestor(repo, covered.head, step.head)
            and (found is None or repository.is_ancestor(repo, covered.base, found))
        ):
            found = covered.base
    return found


def _check_budget(
    settings: Settings,
    repo: git.Repo,
    steps: list[Step],
    engine: Engine,
    max_calls: int,
    trees: TreeCache,
) -> None:
    """Stop before any call when the whole run (every step) needs more than ``max_calls``."""
    needed = 0
    for step in steps:
        spec = f"{step.base}...{step.head}"
        estimates, _ = estimate_reports(settings, spec, engine, repo, trees)
        needed += sum(estimate.calls for estimate in estimates)
    if needed > max_calls:
        raise ModelError(
            f"this run needs about {needed} model calls, more than --max-calls {max_calls}; "
            "nothing was called and the state is unchanged"
        )


def _check_known(repo: git.Repo, settings: Settings, path: Path, sha: str) -> None:
    try:
        repository.resolve_commit(repo, sha)
    except GitSourceError:
        where = remote.redact(settings.repo)
        raise GitSourceError(
            f"{path}: the last reported commit {sha[:7]} is not in {where} "
            "(was history rewritten?); delete the state file or set 'since'"
        ) from None
