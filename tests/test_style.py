"""The code style we aim for, checked: ruff lint and format are clean, and so is mypy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> list[str]:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return [found]


@pytest.mark.parametrize(
    "arguments", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"]
)
def test_ruff_is_clean(arguments: list[str]) -> None:
    completed = subprocess.run(
        [*tool("ruff"), *arguments], cwd=ROOT, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_mypy_is_clean() -> None:
    """The type checker reads the checkout's source with the settings in pyproject.toml."""
    completed = subprocess.run(
        [*tool("mypy"), "--no-incremental"], cwd=ROOT, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_one_factory_makes_every_template_environment() -> None:
    """Reports, pages, feeds, the init files and the prompts are rendered by environments of
    ``insight.resources.template_environment`` alone: one set of rules for all of them."""
    package = ROOT / "insight"
    made = [
        path.relative_to(package).as_posix()
        for path in sorted(package.rglob("*.py"))
        if "jinja2.Environment(" in path.read_text("utf-8")
    ]
    assert made == ["resources.py"]
