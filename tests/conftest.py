"""Fixtures: real temporary git repositories; every test in a clean environment.

The tests import ``insight`` as installed (``pip install '.[test]'``, then ``pytest``): this
folder is not a package, so the checkout's ``insight/`` is not on the import path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docs_repo import DocsRepo

ENVIRONMENT_PREFIXES = ("INSIGHT_", "OPENAI_", "AZURE_OPENAI_", "GITHUB_")


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the caller's settings, model credentials, GitHub job files, nor cache."""
    for name in list(os.environ):
        if name.startswith(ENVIRONMENT_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def docs_repo(tmp_path: Path) -> DocsRepo:
    return DocsRepo(tmp_path / "docs")


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with no config file."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work
