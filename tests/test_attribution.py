"""Who changed what: commits and pull requests per file, on real repositories with merge
commits and squash merges, in the JSON model and on the site; the Markdown stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli

PAGE = "---\ntitle: {title}\n---\n# {title}\n\n{body}\n"


def _merge(docs: DocsRepo, branch: str, message: str, date: str) -> str:
    environment = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    docs.repo.git.merge("--no-ff", "-q", "-m", message, branch, env=environment)
    return docs.repo.head.commit.hexsha


def _history(docs: DocsRepo) -> dict[str, str]:
    """main: a base, a pull request merged with a merge commit (two commits, one a rename),
    a squash-merged pull request, and a commit pushed straight to main."""
    docs.write("docs/setup.md", PAGE.format(title="Setup", body="Install the tool."))
    docs.write("docs/old-name.md", PAGE.format(title="Usage", body="Run it."))
    docs.write("docs/faq.md", PAGE.format(title="FAQ", body="Ask us."))
    shas = {"base": docs.commit("Start the docs", "2025-05-01T10:00:00+00:00")}
    docs.branch("feature")
    docs.write(
        "docs/setup.md",
        PAGE.format(title="Setup", body="Install the tool.\n\n## Proxy\n\nSet HTTPS_PROXY."),
    )
    shas["feature_setup"] = docs.commit("Document the proxy", "2025-05-02T10:00:00+00:00")
    docs.move("docs/old-name.md", "docs/usage.md")
    shas["feature_move"] = docs.commit("Rename the usage page", "2025-05-03T10:00:00+00:00")
    docs.checkout("main")
    docs.write("docs/faq.md", PAGE.format(title="FAQ", body="Ask us on the forum."))
    shas["direct"] = docs.commit("Point the FAQ to the forum", "2025-05-04T10:00:00+00:00")
    shas["merge"] = _merge(
        docs, "feature", "Merge pull request #12 from writer/feature", "2025-05-05T10:00:00+00:00"
    )
    docs.write(
        "docs/setup.md",
        PAGE.format(
            title="Setup", body="Install the tool.\n\n## Proxy\n\nSet HTTPS_PROXY or HTTP_PROXY."
        ),
    )
    shas["squash"] = docs.commit("Name both proxy variables (#15)", "2025-05-06T10:00:00+00:00")
    return shas


def _report(docs: DocsRepo, base: str, out: Path) -> None:
    arguments = ["report", "--repo", str(docs.path), f"{base}...main", "-e", "heuristic"]
    result = CliRunner().invoke(cli, [*arguments, "-o", str(out)])
    assert result.exit_code == 0, result.output


def _items(out: Path) -> dict[str, dict]:
    model = json.loads(next(out.rglob("*.json")).read_text(encoding="utf-8"))
    return {item["path"]: item for item in model["items"]}


def test_commits_and_pull_requests_per_file(docs_repo: DocsRepo, tmp_path: Path) -> None:
    shas = _history(docs_repo)
    out = tmp_path / "reports"
    _report(docs_repo, shas["base"], out)
    items = _items(out)

    setup = items["docs/setup.md"]
    assert [commit["sha"] for commit in setup["commits"]] == [shas["squash"], shas["feature_setup"]]
    assert [commit.get("pull_request") for commit in setup["commits"]] == [15, 12]
    assert setup["pull_requests"] == [15, 12]
    newest = setup["commits"][0]
    assert newest["subject"] == "Name both proxy variables (#15)"
    assert newest["author"] == "Docs Writer"
    assert newest["date"].startswith("2025-05-06T10:00:00")

    moved = items["docs/usage.md"]  # renamed on the branch: the rename's commit, its PR
    assert moved["old_path"] == "docs/old-name.md"
    assert [commit["sha"] for commit in moved["commits"]] == [shas["feature_move"]]
    assert moved["pull_requests"] == [12]

    direct = items["docs/faq.md"]  # straight to main: no pull request to name
    assert [commit["sha"] for commit in direct["commits"]] == [shas["direct"]]
    assert "pull_request" not in direct["commits"][0] and "pull_requests" not in direct


def test_a_merge_of_main_into_a_branch_keeps_each_commit_with_its_own_request(
    docs_repo: DocsRepo, tmp_path: Path
) -> None:
    """A branch that merged main (and with it pull request #3) before it was merged itself
    as #4: the commits of #3 stay #3's."""
    docs_repo.write("docs/a.md", PAGE.format(title="A", body="One."))
    docs_repo.write("docs/b.md", PAGE.format(title="B", body="One."))
    base = docs_repo.commit("Start", "2025-05-01T10:00:00+00:00")
    docs_repo.branch("first")
    docs_repo.write("docs/a.md", PAGE.format(title="A", body="Two."))
    first = docs_repo.commit("Edit A", "2025-05-02T10:00:00+00:00")
    docs_repo.checkout("main")
    docs_repo.branch("second")
    docs_repo.write("docs/b.md", PAGE.format(title="B", body="Two."))
    second = docs_repo.commit("Edit B", "2025-05-03T10:00:00+00:00")
    docs_repo.checkout("main")
    _merge(docs_repo, "first", "Merge pull request #3 from w/first", "2025-05-04T10:00:00+00:00")
    docs_repo.checkout("second")
    _merge(docs_repo, "main", "Merge branch 'main' into second", "2025-05-05T10:00:00+00:00")
    docs_repo.checkout("main")
    _merge(docs_repo, "second", "Merge pull request #4 from w/second", "2025-05-06T10:00:00+00:00")

    out = tmp_path / "reports"
    _report(docs_repo, base, out)
    items = _items(out)
    assert [(c["sha"], c["pull_request"]) for c in items["docs/a.md"]["commits"]] == [(first, 3)]
    assert [(c["sha"], c["pull_request"]) for c in items["docs/b.md"]["commits"]] == [(second, 4)]


def test_the_markdown_is_unchanged_and_the_site_lists_the_commits(
    docs_repo: DocsRepo, tmp_path: Path
) -> None:
    shas = _history(docs_repo)
    out, site = tmp_path / "reports", tmp_path / "site"
    _report(docs_repo, shas["base"], out)
    markdown = next(out.rglob("*.md")).read_text(encoding="utf-8")
    assert shas["feature_setup"][:7] not in markdown and "#15" not in markdown

    assert CliRunner().invoke(cli, ["publish", str(out), "--out", str(site)]).exit_code == 0
    page = next((site / "en_US" / "reports").glob("*.html")).read_text(encoding="utf-8")
    assert shas["squash"][:7] in page and "Name both proxy variables" in page
    assert "Docs Writer" in page and "#15" in page and "#12" in page
