"""The GitHub Action, the project's workflows and the workflow ``insight init`` writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from llm_server import FakeModelService
from sample_docs import build

from insight.cli import cli
from insight.config import load_settings

ROOT = Path(__file__).resolve().parent.parent


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )
    if found is None:
        pytest.skip("actionlint is not installed (pip install '.[test]')")
    return found


def lint(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color"], cwd=directory, capture_output=True, text=True
    )


def test_project_workflows_and_action_are_clean() -> None:
    completed = lint(ROOT)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_action_is_a_composite_that_runs_and_publishes() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    scripts = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert 'insight "${arguments[@]}"' in scripts and "insight publish" in scripts
    assert "${{" not in scripts, "inputs reach scripts through env, never by interpolation"
    assert {"config", "engine", "openai-api-key", "azure-openai-api-key"} <= set(action["inputs"])
    assert {"mode", "branch", "github-token", "cache"} <= set(action["inputs"])
    assert {"changed", "reports", "breaking", "breaking-changes", "comment-url"} <= set(
        action["outputs"]
    )
    cached = [step for step in action["runs"]["steps"] if "actions/cache" in step.get("uses", "")]
    assert cached and "insight-cache" in cached[0]["with"]["path"]


def test_init_writes_a_loadable_config_and_a_clean_workflow(tmp_path: Path) -> None:
    target = tmp_path / "docs-watch"
    arguments = [
        "init",
        str(target),
        "--repo",
        'https://127.0.0.1:9/o/"quoted".git',
        "-l",
        "en_US",
        "-l",
        "ja_JP",
    ]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        str(target / "insight.toml"),
        str(target / ".github/workflows/insight.yml"),
    ]
    settings = load_settings(target / "insight.toml")
    assert settings.repo == 'https://127.0.0.1:9/o/"quoted".git'
    assert settings.locales == ("en_US", "ja_JP")

    workflow = yaml.safe_load((target / ".github/workflows/insight.yml").read_text())
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow[True]["schedule"][0]["cron"]  # PyYAML reads the key 'on' as True
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)
    completed = lint(target)
    assert completed.returncode == 0, completed.stdout + completed.stderr

    again = CliRunner().invoke(cli, arguments)
    assert again.exit_code == 2 and "exists; use --force" in again.stderr
    assert CliRunner().invoke(cli, [*arguments, "--force"]).exit_code == 0


def test_init_rejects_an_unknown_locale(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--repo", "x", "-l", "xx_XX"])
    assert result.exit_code == 2 and "unknown locale" in result.stderr
    assert not (tmp_path / "insight.toml").exists()


@pytest.mark.parametrize("mode", ["push", "pull-request", "pages", "comment"])
def test_every_workflow_init_writes_is_clean_and_uses_this_projects_action(
    tmp_path: Path, mode: str
) -> None:
    """actionlint on the workflow as written, and again with ``uses:`` pointed at this
    checkout's action.yml, so that its inputs are checked against the real ones."""
    target = tmp_path / mode
    result = CliRunner().invoke(cli, ["init", str(target), "--repo", str(ROOT), "--mode", mode])
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.split()[-1])
    text = written.read_text(encoding="utf-8")
    repository = metadata.metadata("insight-docs").get_all("Project-URL")
    home = next(url.split(", ", 1)[1] for url in repository if url.startswith("Repository,"))
    reference = f"{home.removeprefix('https://github.com/')}@v{metadata.version('insight-docs')}"
    assert f"uses: {reference}\n" in text
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)
    completed = lint(target)
    assert completed.returncode == 0, completed.stdout + completed.stderr

    workflow = yaml.safe_load(text)
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    ours = next(step for step in steps if step.get("uses") == reference)
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert ours["with"]["mode"] == mode and set(ours["with"]) <= set(action["inputs"])
    shutil.copy(ROOT / "action.yml", target / "action.yml")
    written.write_text(text.replace(f"uses: {reference}", "uses: ./"), encoding="utf-8")
    completed = lint(target)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_readme_shows_the_workflow_init_writes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--repo", str(ROOT), "--mode", "push"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / ".github/workflows/insight.yml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- init-workflow -->\n```yaml\n", 1)[1].split("```", 1)[0]
    assert shown == written, "README: paste the workflow insight init --mode push writes"


def _step_script(step_id: str) -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    return next(step["run"] for step in action["runs"]["steps"] if step.get("id") == step_id)


def test_the_action_marks_a_run_with_files_decided_offline_with_a_warning(
    tmp_path: Path, isolated: Path
) -> None:
    """The report step's own script, run by bash as the runner runs it (``-eo pipefail``),
    with the installed insight and a model service that fails one call."""
    done, output = _report_step(tmp_path, isolated, ["500"])
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning")]
    assert warnings == [
        "::warning title=insight: model failures::"
        + done.stderr.splitlines()[-1].removeprefix("insight: ")
    ]
    assert "1 file decided offline (the model failed)" in warnings[0]
    assert "changed<<" in output.read_text()  # insight wrote the outputs itself


def test_the_action_fails_the_step_when_the_model_is_down(tmp_path: Path, isolated: Path) -> None:
    done, output = _report_step(tmp_path, isolated, ["500"] * 50)
    assert done.returncode == 1
    assert "Error: the model failed for more than 50% of the files" in done.stderr
    assert "::warning" not in done.stdout and not output.exists()


def _report_step(
    tmp_path: Path, isolated: Path, faults: list[str]
) -> tuple[subprocess.CompletedProcess[str], Path]:
    sample = build(tmp_path / "sample-docs").working_tree_dir
    (isolated / "insight.toml").write_text(
        f'repo = "{sample}"\nbranch = "main"\nfirst_commits = 2\nlocales = ["en_US"]\n'
    )
    output, temporary = tmp_path / "github-output", tmp_path / "runner-temp"
    temporary.mkdir()
    with FakeModelService() as service:
        service.faults.extend(faults)
        environment = {
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "CONFIG_FILE": "insight.toml",
            "ENGINE": "llm",
            "PER_DAY": "false",
            "INPUT_OPENAI_API_KEY": "sk-test",
            "INPUT_OPENAI_BASE_URL": f"{service.url}/v1",
            "INSIGHT_MAX_RETRIES": "0",
            "INSIGHT_CONCURRENCY": "1",
            "INSIGHT_FALLBACK_SHARE": "0.5",
            "GITHUB_OUTPUT": str(output),
            "RUNNER_TEMP": str(temporary),
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _step_script("report")],
            cwd=isolated,
            env=environment,
            capture_output=True,
            text=True,
        )
    return done, output
