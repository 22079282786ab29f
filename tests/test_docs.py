"""The documentation site builds with ``mkdocs build --strict``: every page, link and
snippet of the README it quotes resolves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_documentation_site_builds_strictly(tmp_path: Path) -> None:
    pytest.importorskip(
        "material", reason="mkdocs-material is not installed (pip install '.[docs]')"
    )
    site = tmp_path / "site"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    commands = (site / "commands" / "index.html").read_text(encoding="utf-8")
    assert "insight comment RANGE --pr N" in commands and "insight override" in commands
    assert (site / "schemas" / "insight.toml.schema.json").is_file()
    assert (site / "recipes" / "action-modes" / "index.html").is_file()
    samples = sorted((site / "samples").rglob("index.html"))
    assert len(samples) == 1 + len(list((ROOT / "reports").rglob("*.md")))
    assert "Diff Insight Report - openai" in (site / "samples" / "index.html").read_text()
    assert "Unreleased" in (site / "changelog" / "index.html").read_text(encoding="utf-8")
