"""What a new user sees: the last line of a run, hints, compare links, help, the Quick start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def two_commits(docs: DocsRepo) -> None:
    docs.write("articles/search/index.md", "# Search\n\nText.\n")
    docs.write("articles/speech/a.md", "# A\n")
    docs.commit("base", date="2025-05-27T08:00:00+00:00")
    docs.write("articles/search/index.md", "# Search\n\nText.\n\n## New\n\nMore.\n")
    docs.write("articles/speech/a.md", "# A\n\nMore.\n")
    docs.write("articles/speech/b.md", "# B\n")
    docs.write("includes/c.md", "# C\n")
    docs.commit("update", date="2025-05-28T08:00:00+00:00")


def invoke(*args: str) -> tuple[int, list[str], list[str]]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout.split(), result.stderr.splitlines()


def test_a_report_ends_with_one_line_of_what_it_read_and_wrote(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    two_commits(docs_repo)
    code, written, errors = invoke(
        "report", "--repo", str(docs_repo.path), "HEAD~1", "-e", "heuristic"
    )
    assert code == 0 and len(written) == 2
    model = json.loads((isolated / written[1]).read_text())
    types = [item["type"] for item in model["items"]]
    assert len(types) == 4
    assert errors[-1].startswith("insight: 1 commit, 4 files (")
    assert errors[-1].endswith("); 1 report in reports")
    for kind in set(types):
        assert f"{types.count(kind)} {kind}" in errors[-1]


def test_a_local_clone_without_a_forge_remote_has_no_compare_link(
    docs_repo: DocsRepo, isolated: Path, tmp_path: Path
) -> None:
    two_commits(docs_repo)
    clone = git.Repo.clone_from(docs_repo.path, tmp_path / "clone")
    code, written, _ = invoke(
        "report", "--repo", clone.working_tree_dir, "HEAD~1", "-e", "heuristic"
    )
    assert code == 0
    markdown = (isolated / written[0]).read_text()
    assert "View Diff" not in markdown and "](" + "HEAD" not in markdown
    assert json.loads((isolated / written[1]).read_text())["permalink"] == ""


def test_a_reversed_range_gets_a_hint(docs_repo: DocsRepo, isolated: Path) -> None:
    two_commits(docs_repo)
    code, written, errors = invoke("report", "--repo", str(docs_repo.path), "HEAD...HEAD~1")
    assert code == 0 and written == []
    assert "has no changes; nothing written" in errors[0]
    assert "is 1 commit behind" in errors[0] and "did you mean" in errors[0]


def test_unmatched_files_name_their_folders(docs_repo: DocsRepo, isolated: Path) -> None:
    two_commits(docs_repo)
    (isolated / "insight.toml").write_text('[categories.search]\npaths = ["articles/search"]\n')
    _, written, errors = invoke(
        "report", "--repo", str(docs_repo.path), "HEAD~1", "-e", "heuristic"
    )
    assert (
        "insight: 3 changed files matched no category and went to 'other' "
        "(most in articles/speech (2), includes (1))"
    ) in errors
    assert [path for path in written if path.endswith(".md")] == [
        "reports/202505/en_US/report-20250528-search.md",
        "reports/202505/en_US/report-20250528-other.md",
    ]
    left_out = 'catch_all = false\n[categories.search]\npaths = ["articles/search"]\n'
    (isolated / "insight.toml").write_text(left_out)
    _, _, errors = invoke("report", "--repo", str(docs_repo.path), "HEAD~1", "-e", "heuristic")
    assert (
        "insight: 3 changed files matched no category and were left out "
        "(most in articles/speech (2), includes (1))"
    ) in errors
    (isolated / "insight.toml").write_text(
        'catch_all = false\n[categories.x]\npaths = ["includes"]\n'
    )
    docs_repo.write("articles/speech/c.md", "# C\n")
    docs_repo.commit("one more page", date="2025-05-29T08:00:00+00:00")
    _, written, errors = invoke("report", "--repo", str(docs_repo.path), "HEAD~1")
    assert written == []
    assert (
        "insight: no changed file matched a category (most in articles/speech (1)); nothing written"
    ) in errors


@pytest.mark.parametrize("command", ["report", "run"])
def test_a_category_that_matches_no_file_is_a_configuration_error_before_any_work(
    docs_repo: DocsRepo, isolated: Path, command: str
) -> None:
    two_commits(docs_repo)
    (isolated / "insight.toml").write_text(
        f'repo = "{docs_repo.path}"\n[categories.search]\npaths = ["articles/search"]\n'
        '[categories.typo]\npaths = ["articles/serach", "refrence/**/*.md"]\n'
    )
    arguments = ["report", "HEAD~1"] if command == "report" else ["run"]
    code, written, errors = invoke(*arguments, "-e", "heuristic")
    assert code == 2 and written == [] and len(errors) == 1
    assert (
        "[categories.typo] paths ['articles/serach', 'refrence/**/*.md'] match no file"
        in (errors[0])
    )
    assert not [path for path in isolated.rglob("*") if path.is_file()][1:]  # the config alone


def sample_docs(destination: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "tests" / "sample_docs.py"), str(destination)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_quick_start_runs_again_and_again(tmp_path: Path, isolated: Path) -> None:
    destination = tmp_path / "sample-docs"
    assert sample_docs(destination).returncode == 0
    head = git.Repo(destination).head.commit.hexsha
    again = sample_docs(destination)
    assert again.returncode == 0, again.stderr
    assert git.Repo(destination).head.commit.hexsha == head
    config = str(ROOT / "tests" / "fixtures" / "sample-docs" / "insight.toml")
    arguments = ["report", "--repo", str(destination), "main~2...main", "--config", config]
    first = CliRunner().invoke(cli, [*arguments, "--engine", "heuristic"])
    second = CliRunner().invoke(cli, [*arguments, "--engine", "heuristic"])
    assert first.exit_code == second.exit_code == 0 and first.stdout == second.stdout

    (destination / "extra.md").write_text("# Mine\n")
    changed = sample_docs(destination)
    assert changed.returncode != 0
    assert "exists and is not the sample repository" in changed.stderr
    assert (destination / "extra.md").exists()


def test_revisions_git_knows_are_read_by_git(docs_repo: DocsRepo, isolated: Path) -> None:
    two_commits(docs_repo)
    repo = str(docs_repo.path)
    for spec in ("HEAD@{yesterday}", "HEAD@{1}...HEAD", ":/update"):
        result = CliRunner().invoke(cli, ["report", "--repo", repo, spec, "-e", "heuristic"])
        assert result.exit_code == 0, result.output
    for spec, message in [
        ("HEAD:articles", "'HEAD:articles' names a tree, not a commit"),
        ("HEAD:articles/search/index.md", "names a blob, not a commit"),
        ("HEAD@{tomorrow", "unknown revision 'HEAD@{tomorrow'"),
        ("--output=x", "unknown revision '--output=x'"),
    ]:
        result = CliRunner().invoke(cli, ["report", "--repo", repo, "--", spec])
        assert result.exit_code == 2, result.output
        assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_range_past_a_shallow_boundary_is_one_line(docs_repo: DocsRepo, tmp_path: Path) -> None:
    two_commits(docs_repo)
    docs_repo.write("articles/search/index.md", "# Search\n\nThird.\n")
    docs_repo.commit("third")
    shallow = tmp_path / "shallow"
    git.Repo.clone_from(docs_repo.path.as_uri(), shallow, depth=1)
    result = CliRunner().invoke(cli, ["report", "--repo", str(shallow), "HEAD~2"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown revision 'HEAD~2'")
    assert "shallow clone" in result.stderr and len(result.stderr.splitlines()) == 1


def test_usage_errors_are_one_line_with_where_help_is() -> None:
    for arguments, message in [
        (["report"], "Error: Missing argument 'RANGE'. Try 'insight report --help'.\n"),
        (
            ["reprt"],
            "Error: No such command 'reprt'. Did you mean 'report'? Try 'insight --help'.\n",
        ),
        (["run", "--max-calls", "-1"], None),
    ]:
        result = CliRunner().invoke(cli, arguments, prog_name="insight")
        assert result.exit_code == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1, result.stderr
        if message:
            assert result.stderr == message


def test_report_help_lists_the_locales_and_the_engines_default() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["report", "--help"])
    text = " ".join(result.stdout.split())
    assert "one of en_US, ja_JP, zh_CN" in text
    assert "(default: auto, the model when credentials are set, else heuristic" in text


ESCAPES = "\x1b[31mred\x1b]0;title\x07\x9b2J\u202e"


def test_terminal_escapes_in_file_names_never_reach_the_terminal(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    name = f"ev{ESCAPES}il"
    docs_repo.write("articles/search/index.md", "# Search\n")
    docs_repo.write(f"{name}/page.md", "# Page\n")
    docs_repo.commit("base")
    docs_repo.write("articles/search/index.md", "# Search\n\nMore.\n")
    docs_repo.write(f"{name}/page.md", "# Page\n\nMore.\n")
    docs_repo.commit("update")
    (isolated / "insight.toml").write_text(
        'catch_all = false\n[categories.search]\npaths = ["articles/search"]\n'
    )
    result = CliRunner().invoke(cli, ["report", "--repo", str(docs_repo.path), "HEAD~1"])
    assert result.exit_code == 0
    assert "matched no category" in result.stderr and "\\u001b[31mred" in result.stderr
    patch = docs_repo.repo.git.diff("HEAD~1", "HEAD", "--", f"{name}/page.md")
    for output_format in ("table", "jsonl"):
        shown = CliRunner().invoke(cli, ["classify", "-f", output_format], input=patch + "\n")
        assert shown.exit_code == 0, shown.output
        for character in "\x1b\x07\x9b\u202e":
            assert character not in shown.output
    lines = CliRunner().invoke(cli, ["classify", "-f", "jsonl"], input=patch + "\n").stdout
    for character in "\x1b\x07\x9b\u202e":
        assert character not in result.output
    assert json.loads(lines)["path"] in (f"{name}/page.md", f'"{name}/page.md"')


def test_an_error_naming_a_hostile_path_is_escaped(isolated: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--repo", f"no{ESCAPES}where", "HEAD"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "no\\u001b[31mred" in result.stderr
    assert not set("\x1b\x07\x9b\u202e") & set(result.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_render_shows_a_file_names_escapes_the_same_to_a_terminal_a_pipe_and_a_file(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    """No raw terminal escape from a file name reaches a report, however it is rendered: a
    pipe gets the bytes of the written file exactly."""
    import pty

    docs_repo.write("a.md", "# A\n")
    docs_repo.commit("base")
    docs_repo.write(f"{ESCAPES}.md", "# B\n")
    docs_repo.commit("hostile name")
    result = CliRunner().invoke(cli, ["report", "--repo", str(docs_repo.path), "HEAD~1"])
    model = isolated / result.stdout.split()[1]
    command = [sys.executable, "-m", "insight", "render", str(model)]
    piped = subprocess.run(command, capture_output=True, check=True).stdout
    assert piped == model.with_suffix(".md").read_bytes()
    assert b"\\u001b" in piped and b"\x1b" not in piped
    controller, terminal = pty.openpty()
    with subprocess.Popen(command, stdout=terminal, stderr=terminal) as process:
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            shown += chunk
    os.close(controller)
    assert process.returncode == 0
    assert b"\\u001b" in shown and b"\x1b" not in shown


def test_the_last_line_says_how_many_files_the_categories_took(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    two_commits(docs_repo)
    (isolated / "insight.toml").write_text(
        'catch_all = false\n[categories.none]\npaths = ["no-such-folder"]\n'
    )
    docs_repo.write("no-such-folder/page.md", "# Page\n\nText.\n")
    docs_repo.commit("one page in a category")
    code, _, errors = invoke("report", "--repo", str(docs_repo.path), "HEAD~2", "-e", "heuristic")
    assert code == 0
    assert "files (1 in categories: 1 new feature)" in errors[-1], errors[-1]
