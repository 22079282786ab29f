"""``insight comment``: one comment per pull request, created, then updated in place, through
a loopback stand-in of GitHub's API; the token never shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docs_repo import DocsRepo
from github_server import fake_github

TOKEN = "ghs_S3cretT0kenThatMustNeverShow"
REPOSITORY = "octo/docs"
PAGE = "---\ntitle: {title}\n---\n# {title}\n\n{body}\n"


def _insight(
    arguments: list[str], environment: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "insight", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        cwd=cwd,
        timeout=120,
    )


def _docs(docs: DocsRepo) -> tuple[str, str]:
    docs.write("mkdocs.yml", "site_name: Docs\nsite_url: https://docs.example.com/\n")
    docs.write("docs/index.md", PAGE.format(title="Home", body="Welcome."))
    docs.write("docs/setup.md", PAGE.format(title="Setup", body="## Proxy\n\nSet HTTPS_PROXY.\n"))
    docs.write("docs/old.md", PAGE.format(title="Old", body="Old text."))
    base = docs.commit("Start")
    docs.branch("feature")
    docs.write("docs/setup.md", PAGE.format(title="Setup", body="Proxies are set elsewhere.\n"))
    docs.write("docs/new.md", PAGE.format(title="New page", body="## Usage\n\nNew things.\n"))
    docs.move("docs/old.md", "docs/renamed.md")
    head = docs.commit("Rework the setup (#7)")
    return base, head


def _comment(docs: DocsRepo, spec: str) -> list[str]:
    return ["comment", spec, "--pr", "7", "--repo", str(docs.path), "-e", "heuristic"]


def _api(url: str) -> dict[str, str]:
    return {"GITHUB_API_URL": url, "GITHUB_REPOSITORY": REPOSITORY, "GITHUB_TOKEN": TOKEN}


@pytest.fixture
def job_files(tmp_path: Path) -> dict[str, str]:
    return {
        "GITHUB_OUTPUT": str(tmp_path / "github-output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary"),
    }


def test_first_comment_is_created_then_updated_in_place(
    docs_repo: DocsRepo, tmp_path: Path, job_files: dict[str, str]
) -> None:
    base, head = _docs(docs_repo)
    with fake_github(REPOSITORY, TOKEN) as github:
        for index in range(3):  # others' comments first: ours is found on a later page
            github.add_comment(7, f"Looks good {index}")
        environment = {**_api(github.url), **job_files}
        arguments = _comment(docs_repo, f"{base}...{head}")
        first = _insight(arguments, environment, tmp_path)
        assert first.returncode == 0, first.stderr
        ours = [comment for comment in github.comments[7] if comment["user"]["login"] == "bot"]
        assert len(ours) == 1 and len(github.comments[7]) == 4
        assert first.stdout.strip() == ours[0]["html_url"]
        assert "posted the comment on #7" in first.stderr
        body = ours[0]["body"]
        assert body.startswith("<!-- insight:pull-request-insight -->")
        assert "`docs/setup.md`" in body and "`docs/new.md`" in body
        assert "`docs/old.md` → `docs/renamed.md`" in body
        assert "https://docs.example.com/new/" in body

        docs_repo.write("docs/later.md", PAGE.format(title="Later", body="Added on a push."))
        newer = docs_repo.commit("A second push")
        arguments[1] = f"{base}...{newer}"
        second = _insight(arguments, environment, tmp_path)
        assert second.returncode == 0, second.stderr
        assert "updated the comment on #7" in second.stderr
        assert len(github.comments[7]) == 4, "the comment is updated, not added again"
        assert "`docs/later.md`" in ours[0]["body"]
        assert second.stdout.strip() == ours[0]["html_url"]
        methods = [method for method, _, _ in github.requests]
        assert methods.count("POST") == 1 and methods.count("PATCH") == 1
        assert {auth for _, _, auth in github.requests} == {f"Bearer {TOKEN}"}

    outputs = Path(job_files["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
    assert "comment-url<<" in outputs and ours[0]["html_url"] in outputs
    everything = [
        first.stdout,
        first.stderr,
        second.stdout,
        second.stderr,
        outputs,
        Path(job_files["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8"),
        *(comment["body"] for comment in github.comments[7]),
    ]
    assert not any(TOKEN in text for text in everything)


def test_api_errors_are_one_line_without_the_token(docs_repo: DocsRepo, tmp_path: Path) -> None:
    base, head = _docs(docs_repo)
    with fake_github(REPOSITORY, "another-token") as github:
        environment = _api(github.url)
        arguments = _comment(docs_repo, f"{base}...{head}")
        refused = _insight(arguments, environment, tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"Error: GitHub API: GET /repos/{REPOSITORY}/issues/7/comments: "
        "401 Unauthorized: Bad credentials"
    ]
    assert TOKEN not in refused.stdout + refused.stderr and "Traceback" not in refused.stderr

    missing = _insight(arguments, {"GITHUB_REPOSITORY": REPOSITORY}, tmp_path)
    assert missing.returncode == 2 and "GITHUB_TOKEN is not set" in missing.stderr


def test_dry_run_prints_the_comment(docs_repo: DocsRepo, tmp_path: Path) -> None:
    base, head = _docs(docs_repo)
    printed = _insight(
        [
            "comment",
            f"{base}...{head}",
            "--dry-run",
            "--repo",
            str(docs_repo.path),
            "-e",
            "heuristic",
        ],
        {},
        tmp_path,
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("<!-- insight:pull-request-insight -->\n## Diff Insight")
    assert "| File | Title | Page |" in printed.stdout
