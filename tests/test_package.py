"""The package people adopt: the wheel holds the licence, ``py.typed`` and the schemas, and
its metadata has the project's URLs and licence; completion and ``--help`` tell the rest."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from click.testing import CliRunner

import insight
from insight.cli import cli
from insight.config import environment_keys

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel CI built (dist/), else one built here from the checkout."""
    version = insight.__version__
    built = sorted((ROOT / "dist").glob(f"insight_docs-{version}-*.whl"))
    if built:
        return built[-1]
    target = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(target), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return next(target.glob("insight_docs-*.whl"))


def test_the_wheel_holds_the_licence_py_typed_the_schemas_and_the_word_lists(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
        licence = archive.read(f"{info}/licenses/LICENSE").decode("utf-8")
    assert {
        "insight/py.typed",
        "insight/schemas/insight.toml.schema.json",
        "insight/schemas/insight.report.v1.schema.json",
        "insight/templates/report.md.j2",
        "insight/lexicon/en.toml",
        "insight/lexicon/zh.toml",
        "insight/lexicon/ja.toml",
    } <= names
    assert licence.startswith("MIT License")
    assert metadata["License-Expression"] == "MIT"
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL"))
    assert urls["Repository"] == "https://github.com/insight-docs/insight"
    assert {"Homepage", "Documentation", "Issues", "Changelog"} <= set(urls)
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and "Topic :: Documentation" in classifiers


def test_help_names_the_environment_variables_and_completion() -> None:
    shown = CliRunner().invoke(cli, ["--help"]).stdout
    flat = " ".join(shown.split())
    assert all(f"INSIGHT_{key.upper()}" in flat for key in environment_keys())
    assert "GITHUB_TOKEN" in flat and 'eval "$(insight completion bash)"' in flat


def test_shell_completion_completes_commands_and_options() -> None:
    script = CliRunner().invoke(cli, ["completion", "bash"])
    assert script.exit_code == 0 and "_INSIGHT_COMPLETE=bash_complete" in script.stdout
    environment = {**os.environ, "_INSIGHT_COMPLETE": "bash_complete", "COMP_CWORD": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "insight"],
        env={**environment, "COMP_WORDS": "insight ov"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.split() == ["plain,override"]
    completed = subprocess.run(
        [sys.executable, "-m", "insight"],
        env={**environment, "COMP_WORDS": "insight init --mo", "COMP_CWORD": "2"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "plain,--mode" in completed.stdout.split()
