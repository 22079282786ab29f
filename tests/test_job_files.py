"""On GitHub Actions: ``insight run`` and ``report`` write the job's outputs and summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_schedule import Upstream, upstream  # noqa: F401 - the fixture

from insight.cli import cli


def outputs_of(path: Path) -> dict[str, str]:
    """``$GITHUB_OUTPUT``'s ``name<<DELIMITER`` blocks, the last value of each name winning."""
    found = {}
    for name, _delimiter, value in re.findall(
        r"^([\w-]+)<<(\S+)\n(.*?)\n\2$", path.read_text(encoding="utf-8"), re.M | re.S
    ):
        found[name] = value
    return found


@pytest.fixture
def job_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    output, summary = tmp_path / "github-output", tmp_path / "step-summary"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    return output, summary


def test_run_writes_outputs_and_summary(
    upstream: Upstream,  # noqa: F811
    job_files: tuple[Path, Path],
) -> None:
    output, summary = job_files
    upstream.commit("articles/b.md", "# B\n\nGone soon.\n", "2025-05-04")
    upstream.docs.remove("articles/b.md")
    upstream.docs.commit("remove b", date="2025-05-05T12:00:00+00:00")
    upstream.docs.repo.git.push("-q", "origin", "main")

    result = CliRunner().invoke(cli, ["run", "-e", "heuristic"])
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    values = outputs_of(output)
    reports = json.loads(values["reports"])
    assert reports and reports == [path for path in written if path.endswith(".md")]
    assert values["changed"] == "true" and values["breaking"] == "true"
    assert values["breaking-changes"] == "1" and values["files"] == "1"
    assert values["new-features"] == values["minor-updates"] == "0"

    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Diff Insight Reports\n")
    assert re.search(r"- Range `[0-9a-f]{7}\.\.\.[0-9a-f]{7}`: 2 commits", text)
    assert "### Breaking changes (1)" in text and "`articles/b.md`" in text
    assert all(f"`{path}`" in text for path in reports)

    again = CliRunner().invoke(cli, ["run", "-e", "heuristic"])  # nothing new
    assert again.exit_code == 0
    assert outputs_of(output)["changed"] == "false" and outputs_of(output)["reports"] == "[]"
    assert "Nothing new: no report written." in summary.read_text(encoding="utf-8")


def test_report_writes_them_too_and_nothing_without_github(
    upstream: Upstream,  # noqa: F811
    job_files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output, summary = job_files
    arguments = ["report", "--repo", upstream.url, "main~2...main", "-e", "heuristic"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert outputs_of(output)["changed"] == "true"
    assert "main~2...main" in summary.read_text(encoding="utf-8")

    monkeypatch.delenv("GITHUB_OUTPUT")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    output.unlink()
    summary.unlink()
    assert CliRunner().invoke(cli, [*arguments, "-o", "elsewhere"]).exit_code == 0
    assert not output.exists() and not summary.exists()
