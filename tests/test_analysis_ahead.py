"""The document analysis of a large range, begun on another core while the change set's facts
are read (and the pages modified in place while git still looks for renames), gives the very
reports the analysis read file by file gives."""

from __future__ import annotations

import pytest
from docs_repo import DocsRepo

from insight.config import load_settings
from insight.engines import heuristic
from insight.lexicon import Rules
from insight.lexicon import load as load_lexicon
from insight.models import FileChange, Findings, Signal
from insight.report import serialize
from insight.report.pipeline import build_reports
from insight.source import repository
from insight.source.changes import DiffReading, file_changes

PAGES = heuristic.PARALLEL_MINIMUM + 20


def page(number: int, edited: bool) -> str:
    """A page with a parameter table and sections; edited, it loses a section, renames a
    parameter, fixes a typo or gains a section, by its number."""
    kind = number % 4
    sections = ["## Install", "## Configure", "## Troubleshoot"]
    if edited and kind == 0:
        sections.remove("## Troubleshoot")
    if edited and kind == 3:
        sections.append("## Monitor")
    parameter = "-TimeoutSec" if edited and kind == 1 else "-Timeout"
    wording = "recieve" if not edited or kind != 2 else "receive"
    body = "".join(
        f"{heading}\n\nRun `Set-Thing {parameter} 30` to {wording} the result of step {number}.\n\n"
        for heading in sections
    )
    return f"---\ntitle: Page {number}\n---\n\n# Page {number}\n\n{body}"


@pytest.fixture
def large_range(docs_repo: DocsRepo) -> tuple[DocsRepo, str]:
    for number in range(PAGES):
        docs_repo.write(f"docs/page-{number}.md", page(number, edited=False))
    base = docs_repo.commit("pages")
    for number in range(PAGES):
        docs_repo.write(f"docs/page-{number}.md", page(number, edited=True))
    head = docs_repo.commit("edits")
    return docs_repo, f"{base}...{head}"


def reports(repo: DocsRepo, spec: str) -> list[str]:
    settings = load_settings(overrides={"repo": str(repo.path), "engine": "heuristic"})
    return [serialize.dumps(report) for report in build_reports(settings, spec).reports]


def test_the_analysis_begun_ahead_gives_the_reports_of_the_analysis_file_by_file(
    large_range: tuple[DocsRepo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, spec = large_range
    ahead = reports(repo, spec)
    assert '"type": "breaking change"' in ahead[0] and '"type": "new feature"' in ahead[0]

    # Below the minimum, nothing is begun ahead: each file is analysed where it is described.
    monkeypatch.setattr(heuristic, "PARALLEL_MINIMUM", PAGES + 1)
    assert heuristic.AnalysisAhead(load_lexicon()).findings() is None
    assert reports(repo, spec) == ahead


REORGANISED = 1500
"""Files removed and as many added, each of its own lines: git's rename pass compares each
removed file with each added one, two million pairs, before it writes a line."""


def test_the_pages_modified_in_place_are_read_while_git_looks_for_renames(
    large_range: tuple[DocsRepo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = large_range
    for number in range(REORGANISED):
        repo.write(
            f"data/old/{number}.txt", "".join(f"{number} {n * 7919 % 1009}\n" for n in range(20))
        )
    moved = repo.commit("data")
    for number in range(REORGANISED):
        repo.remove(f"data/old/{number}.txt")
        lines = (f"{number} added {n * 104729 % 1013}\n" for n in range(20))
        repo.write(f"data/new/{number}.txt", "".join(lines))
    for number in range(PAGES):
        repo.write(f"docs/page-{number}.md", page(number, edited=False))
    head = repo.commit("reorganised, and the edits undone")
    spec = f"{moved}...{head}"
    commit_range = repository.resolve_range(repo.repo, spec)

    with DiffReading(repo.repo, commit_range) as reading:
        early = reading.modified()
        change_set = reading.change_set()
    assert {change.path for change in early} == {f"docs/page-{n}.md" for n in range(PAGES)}
    assert all(change.old_text and change.new_text for change in early)
    assert change_set.changes == file_changes(repo.repo, commit_range).changes
    assert len(change_set.changes) == PAGES + 2 * REORGANISED

    ahead = reports(repo, spec)
    assert '"type": "breaking change"' in ahead[0] and '"type": "minor update"' in ahead[0]
    monkeypatch.setattr(heuristic, "PARALLEL_MINIMUM", 10 * PAGES)
    assert reports(repo, spec) == ahead


def test_findings_read_with_other_word_lists_are_not_used() -> None:
    shipped = load_lexicon()
    change = FileChange(path="docs/a.md", status="modified")
    findings = Findings(shipped, {"docs/a.md": (Signal("section_removed"),)})
    assert findings.of(change, shipped) == (Signal("section_removed"),)
    extended = load_lexicon(Rules(phrases=(("negations", ("nimmer",)),)))
    assert findings.of(change, extended) is None
