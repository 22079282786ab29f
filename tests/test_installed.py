"""What users run: the installed package, its shipped files and its console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from llm_server import FakeModelService
from sample_docs import CONFIG, SAMPLE_RANGE, build

import insight
from insight.resources import resource_dir

CHECKOUT = Path(__file__).resolve().parent.parent
PACKAGE = Path(insight.__file__).resolve().parent
FROM_CHECKOUT = PACKAGE == CHECKOUT / "insight"


def console_script() -> str:
    """The ``insight`` program installed beside this Python."""
    script = Path(sys.executable).parent / ("insight.exe" if os.name == "nt" else "insight")
    assert script.exists(), f"{script}: not installed; run pip install '.[test]'"
    return str(script)


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI tests the installed wheel")
def test_ci_imports_insight_from_the_installed_package() -> None:
    assert not FROM_CHECKOUT, f"insight imported from the checkout: {PACKAGE}"
    assert PACKAGE.parent.name in ("site-packages", "dist-packages"), PACKAGE


@pytest.mark.parametrize("name", ["templates", "prompts"])
def test_shipped_folders_are_found(name: str) -> None:
    folder = resource_dir(name)
    assert folder.is_dir()
    if not FROM_CHECKOUT:
        assert folder.parent == PACKAGE


def test_the_console_script_reports_through_the_model(tmp_path: Path) -> None:
    """``insight report --engine llm`` as a user runs it, against a model server on loopback."""
    repo = build(tmp_path / "sample-docs")
    environment = {
        **os.environ,
        "OPENAI_BASE_URL": "",
        "OPENAI_API_KEY": "sk-installed-test",
        "INSIGHT_CACHE": str(tmp_path / "replies.sqlite3"),
        "INSIGHT_BACKOFF": "0.01",
    }
    with FakeModelService() as service:
        environment["OPENAI_BASE_URL"] = f"{service.url}/v1"
        done = subprocess.run(
            [
                console_script(),
                "report",
                "--repo",
                str(repo.working_tree_dir),
                SAMPLE_RANGE,
                "--config",
                str(CONFIG),
                "--engine",
                "llm",
                "-l",
                "en_US",
                "--out",
                str(tmp_path / "out"),
            ],
            capture_output=True,
            text=True,
            env=environment,
            cwd=tmp_path,
            timeout=120,
        )
        asked = service.chat_requests("file")
    assert done.returncode == 0, done.stderr
    assert asked, "no file call reached the model server"
    written = [Path(line) for line in done.stdout.split() if line.endswith(".json")]
    assert written
    items = [item for path in written for item in json.loads(path.read_text())["items"]]
    assert any(item["engine"] == "llm" for item in items)
    assert "sk-installed-test" not in done.stderr + done.stdout
