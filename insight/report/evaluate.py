"""``insight eval``: an engine's types against a team's hand labels, as a user's runs give them.

A labelled file with ``repo`` and ``range`` is judged by the report pipeline run over that
range: once per distinct repository and range, in one locale, with one category that holds
every file, nothing written. The whole range informs the verdicts (addresses, moves,
navigation) but only its labelled files are described, so a model is asked about those
alone. Each labelled file is matched to the report item of the same path (for a rename, also
the same old path). A labelled file without a range is typed from its patch as ``insight
classify`` types a diff holding only that file. The numbers (``scores``) are given per
repository, for the patch-only files, and overall; nothing here prints.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import git

from insight.config import Settings
from insight.engines.base import Engine
from insight.errors import GitSourceError
from insight.lexicon import load as load_lexicon
from insight.models import CHANGE_TYPES, MINOR, Category, Described, ReportItem
from insight.report.classify import classify_alone
from insight.report.labelled import LabelledFile
from insight.report.pipeline import build_reports, report_item
from insight.report.scores import Scores, count_only, names_something, score, share
from insight.source import repository
from insight.source.remote import is_url

Progress = Callable[[str], None]
EVERY_FILE = Category("all", ("**",))
SCHEMA = "insight.eval/v1"


@dataclass
class RangeRun:
    """One pipeline run over one range of one repository."""

    repo: str
    range: str
    labelled: set[str] = field(default_factory=set)
    """The paths (and old paths) its labelled files name: the files the run describes."""
    seconds: float = 0.0
    files: int = 0
    """Files the range changed."""
    items: int = 0
    """Files it described: the labelled ones the range changed."""
    error: str | None = None
    """Why the range could not be run; its labelled files are then unmatched."""
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Judged:
    """One labelled file and the engine's answer, or why there is none."""

    labelled: LabelledFile
    predicted: str | None
    reason: str
    """The engine's reason for its type; without a type, why the file has none."""
    title: str = ""
    trivial: bool = False
    reported_status: str | None = None
    """The status of the file as the report has it (git may see a rename the reader did not)."""
    reported_old_path: str | None = None
    count_only: bool = False
    names_something: bool = False
    confidence: float | None = None
    """How sure the engine says it is of its type (``ReportItem.confidence``)."""


@dataclass(frozen=True)
class Measures:
    """The numbers of a set of labelled files: one repository's, the patches', or all."""

    files: int
    matched: int
    all: Scores
    modified: Scores
    """Over the files labelled ``modified`` only, where the judgement is hardest."""
    readers: Scores | None
    """The second reader's labels against the first's on the same files, when every matched
    file has both: how far two careful people agree, the bar for the engine."""
    readers_modified: Scores | None
    count_only: int
    """Titles of modified files that give only line counts."""
    names_something: int
    """Titles of modified files that name something of the change."""
    trivial: int
    """Files the engine marks trivial (no model call needed)."""
    trivial_minor: int
    """Of those, the files labelled minor update."""
    unmatched: tuple[Judged, ...]
    """The files without a type, each with the reason."""

    @property
    def count_only_share(self) -> float:
        return share(self.count_only, self.modified.files)

    @property
    def names_something_share(self) -> float:
        return share(self.names_something, self.modified.files)

    @property
    def trivial_precision(self) -> float:
        return share(self.trivial_minor, self.trivial)


@dataclass
class Evaluation:
    """Every labelled file judged, the runs that judged them, and the files left out."""

    engine: str
    locale: str
    judged: list[Judged]
    runs: list[RangeRun]
    skipped: dict[str, int]
    """Repositories that were not found, with how many labelled files each had."""
    seconds: float = 0.0

    def groups(self) -> dict[str | None, list[Judged]]:
        """The judged files by repository (sorted by name), then (under None) the patch-only
        ones."""
        groups: dict[str | None, list[Judged]] = {}
        for judged in self.judged:
            groups.setdefault(judged.labelled.repo, []).append(judged)
        return dict(sorted(groups.items(), key=lambda group: (group[0] is None, group[0] or "")))

    def errors(self) -> list[Judged]:
        """The files the engine typed otherwise than their label."""
        return [
            judged
            for judged in self.judged
            if judged.predicted and judged.predicted != judged.labelled.label
        ]


def find_repositories(
    names: Iterable[str], mirrors: Path | None = None, given: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Where each named repository is: ``given`` (a path that exists, or a URL) first, else a
    folder of ``mirrors`` named ``NAME``, ``OWNER+NAME`` (for ``NAME``, ``OWNER/NAME`` or
    ``OWNER-NAME``), or either with ``.git``, that is a git directory, holds one in
    ``repo/``, or is a work tree. A name found nowhere is left out."""
    given = given or {}
    found: dict[str, str] = {}
    folders = sorted(mirrors.iterdir()) if mirrors is not None and mirrors.is_dir() else []
    for name in names:
        location = given.get(name)
        if location is not None:
            if is_url(location) or Path(location).expanduser().exists():
                found[name] = location if is_url(location) else str(Path(location).expanduser())
            continue
        mirrored = next(
            (
                git_dir
                for folder in folders
                if _names(folder, name)
                for git_dir in _git_dirs(folder)
            ),
            None,
        )
        if mirrored is not None:
            found[name] = str(mirrored)
    return found


def _names(folder: Path, name: str) -> bool:
    """Whether a mirror folder (``OWNER+NAME``, ``NAME``, maybe with ``.git``) is ``name``'s."""
    stem = folder.name.removesuffix(".git")
    owner, _, repo = stem.rpartition("+")
    return name in {stem, repo, f"{owner}/{repo}", f"{owner}-{repo}"} - {"", "/", "-"}


def _git_dirs(folder: Path) -> Iterable[Path]:
    for candidate in (folder / "repo", folder):
        bare = (candidate / "HEAD").is_file() and (candidate / "objects").is_dir()
        if bare or (candidate / ".git").exists():
            yield candidate


def evaluate(
    labelled: Sequence[LabelledFile],
    settings: Settings,
    engine: Engine,
    locations: Mapping[str, str],
    *,
    strict: bool = False,
    progress: Progress | None = None,
) -> Evaluation:
    """Judge every labelled file with ``engine`` in the first locale of ``settings``.

    ``locations`` gives each repository's work tree, git directory or URL by the name the
    labelled files use (``find_repositories``); the files of a repository it lacks are
    skipped. The files of a range that cannot be run are unmatched (``strict``: its error
    is raised).
    """
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    locale = settings.locales[0]
    skipped = Counter(row.repo for row in labelled if row.repo and row.repo not in locations)
    runs: dict[tuple[str, str], RangeRun] = {}
    for row in labelled:
        if row.run and row.run[0] in locations:
            run = runs.setdefault(row.run, RangeRun(*row.run))
            run.labelled.update(filter(None, (row.path, row.old_path)))
    items = _run_ranges(runs, settings, engine, locations, strict, say)
    judged: dict[int, Judged] = {}
    for row in labelled:
        if row.run in runs:
            judged[row.line] = _judge(row, runs[row.run].error, items.get(row.run, []))
    patches = [row for row in labelled if row.run is None]
    if patches:
        say(f"typing {len(patches)} labelled files from their patches")
        lexicon = load_lexicon(settings.rules)
        classified = classify_alone([row.change() for row in patches], engine, locale, lexicon)
        for row, result in zip(patches, classified, strict=True):
            described = Described(result.assessment, {locale: result.writeup})
            judged[row.line] = _judge(row, None, [report_item(result.change, described, locale)])
    return Evaluation(
        engine=engine.name,
        locale=locale,
        judged=[judged[row.line] for row in labelled if row.line in judged],
        runs=list(runs.values()),
        skipped=dict(skipped),
        seconds=time.perf_counter() - started,
    )


def _run_ranges(
    runs: Mapping[tuple[str, str], RangeRun],
    settings: Settings,
    engine: Engine,
    locations: Mapping[str, str],
    strict: bool,
    say: Progress,
) -> dict[tuple[str, str], list[ReportItem]]:
    """The report items of every run, each range run once and each repository opened once."""
    every_file = replace(settings, categories=(EVERY_FILE,), locales=settings.locales[:1])
    opened: dict[str, git.Repo | GitSourceError] = {}
    items: dict[tuple[str, str], list[ReportItem]] = {}
    try:
        for number, (key, run) in enumerate(runs.items(), 1):
            say(f"running {run.repo} {run.range} ({number}/{len(runs)})")
            started = time.perf_counter()
            location = locations[run.repo]
            try:
                repo = _opened(opened, run.repo, location, settings)
                outcome = build_reports(
                    replace(every_file, repo=location),
                    run.range,
                    engine=engine,
                    repo=repo,
                    only=run.labelled,
                )
            except GitSourceError as error:
                if strict:
                    message = f"repository {run.repo}, range {run.range}: {error}"
                    raise GitSourceError(message) from None
                run.error = str(error)
            else:
                items[key] = [item for report in outcome.reports for item in report.items]
                run.files, run.items = outcome.tally.files, len(items[key])
                run.notices = list(outcome.notices)
            run.seconds = time.perf_counter() - started
    finally:  # GitPython keeps git processes per repository until it is closed
        for found in opened.values():
            if isinstance(found, git.Repo):
                found.close()
    return items


def _opened(
    opened: dict[str, git.Repo | GitSourceError], name: str, location: str, settings: Settings
) -> git.Repo:
    """The repository ``name``, opened (or cloned and fetched) the first time it is asked for."""
    if name not in opened:
        try:
            opened[name] = repository.open_repository(
                location, Path(settings.cache_dir), settings.git_timeout
            )
        except GitSourceError as error:
            opened[name] = error
    found = opened[name]
    if isinstance(found, GitSourceError):
        raise found
    return found


def _judge(row: LabelledFile, error: str | None, items: Sequence[ReportItem]) -> Judged:
    """A labelled file against the report items of its run (or of its own patch)."""
    if error is not None:
        return Judged(row, None, f"the range could not be run: {error}")
    item, why_not = match(row, items)
    if item is None:
        return Judged(row, None, why_not)
    if item.type not in CHANGE_TYPES:
        return Judged(row, None, f"the report item has an unknown type {item.type!r}")
    return Judged(
        row,
        item.type,
        item.reason or "",
        title=item.title,
        trivial=bool(item.trivial),
        reported_status=item.status,
        reported_old_path=item.old_path,
        count_only=count_only(item.title),
        names_something=names_something(item.title, row.path, item.patch or row.patch),
        confidence=item.confidence,
    )


def match(row: LabelledFile, items: Sequence[ReportItem]) -> tuple[ReportItem | None, str]:
    """The report item of a labelled file, or None and why there is none.

    The item of the same path; of several (a path both removed and added), the one with the
    same old path. A labelled path that is only some item's old path is not matched.
    """
    same_path = [item for item in items if item.path == row.path]
    if row.old_path:
        renamed = [item for item in same_path if item.old_path == row.old_path]
        if renamed:
            return renamed[0], ""
    if same_path:
        return same_path[0], ""
    moved = [item for item in items if item.old_path == row.path]
    if moved:
        return None, f"the report has it only as the old path of {moved[0].path}"
    return None, "the range changes no file at this path"


def measure(judged: Sequence[Judged]) -> Measures:
    """The numbers of these judged files."""
    matched = [each for each in judged if each.predicted]
    modified = [each for each in matched if each.labelled.status == "modified"]
    agreed = all(each.labelled.second_label for each in matched)
    trivial = [each for each in matched if each.trivial]
    return Measures(
        files=len(judged),
        matched=len(matched),
        all=score(_pairs(matched)),
        modified=score(_pairs(modified)),
        readers=score(_reader_pairs(matched)) if matched and agreed else None,
        readers_modified=score(_reader_pairs(modified)) if matched and agreed else None,
        count_only=sum(each.count_only for each in modified),
        names_something=sum(each.names_something for each in modified),
        trivial=len(trivial),
        trivial_minor=sum(1 for each in trivial if each.labelled.label == MINOR),
        unmatched=tuple(each for each in judged if not each.predicted),
    )


def _pairs(judged: Iterable[Judged]) -> list[tuple[str, str]]:
    return [(each.labelled.label, each.predicted or "") for each in judged]


def _reader_pairs(judged: Iterable[Judged]) -> list[tuple[str, str]]:
    return [(each.labelled.label, each.labelled.second_label or "") for each in judged]


def to_json(evaluation: Evaluation, labels: str) -> dict[str, Any]:
    """Every number of an evaluation, per repository and overall, and the files behind them."""
    groups = evaluation.groups()
    return {
        "schema": SCHEMA,
        "labels": labels,
        "engine": evaluation.engine,
        "locale": evaluation.locale,
        "seconds": round(evaluation.seconds, 3),
        "skipped": evaluation.skipped,
        "runs": [
            {name: value for name, value in vars(run).items() if name != "labelled"}
            | {"seconds": round(run.seconds, 3)}
            for run in evaluation.runs
        ],
        "repositories": {
            name: _measures_json(measure(judged)) for name, judged in groups.items() if name
        },
        "patches": _measures_json(measure(groups[None])) if None in groups else None,
        "overall": _measures_json(measure(evaluation.judged)),
        "errors": [_file_json(judged) for judged in evaluation.errors()],
        "files": [_file_json(judged) for judged in evaluation.judged],
    }


def _measures_json(measures: Measures) -> dict[str, Any]:
    numbers = {
        name: asdict(value) if isinstance(value, Scores) else value
        for name, value in vars(measures).items()
        if name != "unmatched"
    }
    return numbers | {
        "count_only_share": measures.count_only_share,
        "names_something_share": measures.names_something_share,
        "trivial_precision": measures.trivial_precision,
        "unmatched": [_file_json(judged) for judged in measures.unmatched],
    }


def _file_json(judged: Judged) -> dict[str, Any]:
    row = judged.labelled
    return {
        "id": row.id,
        "line": row.line,
        "repo": row.repo,
        "range": row.range,
        "path": row.path,
        "status": row.status,
        "gold": row.label,
        "predicted": judged.predicted,
        "title": judged.title,
        "reason": judged.reason,
        "confidence": judged.confidence,
    }
