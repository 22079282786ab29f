"""No control character or lone surrogate is written raw: not into a report, a page or a feed.

The text comes from where it really comes from: a file name in a real repository, a model
answering on 127.0.0.1, a report's front matter; the feeds are read back by an XML parser.
"""

from __future__ import annotations

import json
import re
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo
from llm_server import FakeModelService, agreeable
from sample_docs import SAMPLE_RANGE, build

from insight.cli import cli

RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def written_text(root: Path) -> dict[str, str]:
    return {
        str(path): path.read_bytes().decode("utf-8")  # strict: a lone surrogate cannot be here
        for path in root.rglob("*")
        if path.is_file()
    }


def assert_clean(root: Path) -> None:
    for path, text in written_text(root).items():
        assert not RAW.search(text), (path, RAW.findall(text))
        if path.endswith(".xml"):
            xml.dom.minidom.parseString(text.encode())


def test_terminal_escapes_in_a_file_name_reach_no_report_or_page(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    name = "docs/esc\x1b]0;PWN\x07\x1b[31mred.md"
    docs_repo.write("docs/base.md", "# Base\n")
    docs_repo.commit("base")
    docs_repo.write(name, "# Escapes\n\nText.\n")
    docs_repo.commit("hostile name")
    result = CliRunner().invoke(
        cli, ["report", "--repo", str(docs_repo.path), "HEAD~1..HEAD", "-e", "heuristic"]
    )
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(cli, ["publish", "reports", "--out", "site"]).exit_code == 0
    assert_clean(isolated / "reports")
    assert_clean(isolated / "site")
    markdown = next((isolated / "reports").rglob("*.md")).read_text()
    assert "docs/esc\\u001b]0;PWN\\u0007\\u001b[31mred.md" in markdown
    model = json.loads(next((isolated / "reports").rglob("*.json")).read_text())
    assert model["items"][0]["path"] == name  # the model keeps the name exactly


def hostile_summaries(purpose: str, request: dict[str, Any]) -> dict[str, Any]:
    answer = agreeable(purpose, request)
    if purpose == "summary":
        answer["summary"] = "Sum \x0b\x01 ctrl \ufffe end"
    if purpose == "file":
        for text in answer["texts"].values():
            text["title"] += " \x1b[31mred\x07"
    return answer


def test_control_characters_from_a_model_leave_the_feeds_well_formed(
    tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = build(tmp_path / "sample-docs").working_tree_dir
    with FakeModelService(responder=hostile_summaries) as service:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{service.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        arguments = ["report", "--repo", sample, SAMPLE_RANGE, "-e", "llm", "--no-cache"]
        result = CliRunner().invoke(cli, [*arguments, "-l", "en_US"])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(cli, ["publish", "reports", "--out", "site"]).exit_code == 0
    assert_clean(isolated / "reports")
    assert_clean(isolated / "site")
    feed = (isolated / "site" / "en_US" / "feed.xml").read_text()
    assert "Sum \n\\u0001 ctrl \\ufffe end" in feed  # a vertical tab is a line break


def test_a_markdown_report_whose_title_holds_controls_and_a_surrogate_publishes(
    isolated: Path,
) -> None:
    report = (
        "---\n"
        'title: "[en_US] Diff Insight Report - docs \\x01\\x0b\\uFFFE \\uD800"\n'
        "date: '2025-03-01'\n"
        "summary: Old.\n"
        "---\n\n# Summary Table\n"
    )
    (isolated / "reports").mkdir()
    (isolated / "reports" / "old.md").write_text(report)
    result = CliRunner().invoke(cli, ["publish", "reports", "--out", "site"])
    assert result.exit_code == 0, result.output
    assert_clean(isolated / "site")


def test_a_model_whose_title_holds_a_lone_surrogate_renders_and_publishes(
    tmp_path: Path, isolated: Path
) -> None:
    golden = Path(__file__).parent / "fixtures" / "golden" / "202504_en_US_report-20250411-openai"
    model = json.loads(golden.with_suffix(".json").read_text())
    model["items"][0]["title"] = "x\ud800y"
    target = isolated / "reports" / "202504" / "en_US" / "report-20250411-openai.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(model))  # ASCII, with the surrogate as \ud800
    rendered = CliRunner().invoke(cli, ["render", str(target), "-o", "out.md"])
    assert rendered.exit_code == 0, rendered.output
    assert "x\\ud800y" in (isolated / "out.md").read_text()
    assert CliRunner().invoke(cli, ["publish", "reports", "--out", "site"]).exit_code == 0
    assert_clean(isolated / "site")
