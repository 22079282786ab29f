"""The config file is found from any folder of the repository, up to its root, and its
relative paths are then taken from its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli
from insight.config import load_settings


@pytest.fixture
def repository(docs_repo: DocsRepo) -> tuple[DocsRepo, str]:
    docs_repo.write("docs/a.md", "# A\n\nOne.\n")
    base = docs_repo.commit("Start")
    docs_repo.write("docs/a.md", "# A\n\nTwo.\n\n## More\n\nText.\n")
    docs_repo.write(".github/workflows/.keep", "")
    docs_repo.commit("Edit")
    return docs_repo, base


def test_insight_toml_is_found_from_a_subfolder(
    repository: tuple[DocsRepo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, base = repository
    (docs.path / "insight.toml").write_text('engine = "heuristic"\nout = "docs-reports"\n')
    monkeypatch.chdir(docs.path / ".github" / "workflows")
    settings = load_settings()
    assert settings.source == str(docs.path / "insight.toml")
    assert settings.out == str(docs.path / "docs-reports")
    assert settings.repo == str(docs.path)

    result = CliRunner().invoke(cli, ["report", f"{base}...HEAD"])
    assert result.exit_code == 0, result.output
    assert list((docs.path / "docs-reports").rglob("*.md"))
    assert not (docs.path / ".github" / "workflows" / "docs-reports").exists()


def test_tool_insight_in_pyproject_is_found_too(
    repository: tuple[DocsRepo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, _ = repository
    (docs.path / "pyproject.toml").write_text(
        '[project]\nname = "d"\n\n[tool.insight]\nsite = "public"\n'
    )
    monkeypatch.chdir(docs.path / "docs")
    settings = load_settings()
    assert settings.source == str(docs.path / "pyproject.toml")
    assert settings.site == str(docs.path / "public")


def test_the_search_stops_at_the_repository_root(
    repository: tuple[DocsRepo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, _ = repository
    (docs.path.parent / "insight.toml").write_text('out = "not-this-one"\n')
    monkeypatch.chdir(docs.path / "docs")
    settings = load_settings()
    assert settings.source == "defaults" and settings.out == "reports"


def test_an_explicit_config_keeps_paths_as_given(
    repository: tuple[DocsRepo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, _ = repository
    (docs.path / "insight.toml").write_text('out = "docs-reports"\n')
    monkeypatch.chdir(docs.path / "docs")
    assert load_settings(Path("../insight.toml")).out == "docs-reports"
