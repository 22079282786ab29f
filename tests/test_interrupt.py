"""Ctrl-C at any stage: one line, exit 130, within a second, nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docs_repo import DocsRepo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals to a process group")


def page(number: int, extra: str = "") -> str:
    sections = "".join(
        f"## Section {part}\n\nText {part}.\n\n| a | b |\n|---|---|\n| {part} | x |\n\n"
        f"```python\nprint({part})\n```\n\n"
        for part in range(30)
    )
    return f"---\ntitle: Page {number}\n---\n\n# Page {number}\n\n{sections}{extra}"


def wait_for_workers(pid: int) -> None:
    """Until the process has children (its analysis workers), where Linux tells."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + 5
    while children.exists() and not children.read_text().split() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_ctrl_c_while_files_are_analysed(docs_repo: DocsRepo, tmp_path: Path) -> None:
    for number in range(1500):
        docs_repo.write(f"articles/s{number % 9}/page-{number}.md", page(number))
    docs_repo.commit("base")
    for number in range(1500):
        docs_repo.write(f"articles/s{number % 9}/page-{number}.md", page(number, "## New\n"))
    docs_repo.commit("update")
    command = [sys.executable, "-m", "insight", "-v", "report", "--repo", str(docs_repo.path)]
    process = subprocess.Popen(
        [*command, "HEAD~1", "--engine", "heuristic", "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal's foreground job
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    assert "files changed" in first
    wait_for_workers(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
    started = time.monotonic()
    out, rest = process.communicate(timeout=30)
    assert time.monotonic() - started < 3  # promptly, with room for a busy machine
    assert process.returncode == 130
    assert (out, rest) == ("", "insight: interrupted\n")
    assert not (tmp_path / "out").exists()
