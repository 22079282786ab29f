"""The document analysis of a large range, begun on another core while the change set's facts
are read, gives the very reports the analysis read file by file gives."""

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
    assert heuristic.AnalysisAhead([], load_lexicon()).findings() is None
    assert reports(repo, spec) == ahead


def test_findings_read_with_other_word_lists_are_not_used() -> None:
    shipped = load_lexicon()
    change = FileChange(path="docs/a.md", status="modified")
    findings = Findings(shipped, {"docs/a.md": (Signal("section_removed"),)})
    assert findings.of(change, shipped) == (Signal("section_removed"),)
    extended = load_lexicon(Rules(phrases=(("negations", ("nimmer",)),)))
    assert findings.of(change, extended) is None
