"""The Python API: what ``__all__`` promises is there, and the README's example runs."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest
from sample_docs import CONFIG, ROOT, build

import insight


def test_every_public_name_resolves() -> None:
    for name in insight.__all__:
        assert getattr(insight, name) is not None, name
    with pytest.raises(AttributeError):
        insight.no_such_name  # noqa: B018


def test_the_readme_example_writes_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert example, "README: no Python example under '## Python API'"
    repo = build(tmp_path / "sample-docs")
    code = example.group(1).replace("/tmp/sample-docs", str(repo.working_tree_dir))
    code = code.replace("tests/fixtures/sample-docs/insight.toml", str(CONFIG))
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert "Diff Insight Report - openai: 7 files, 4 breaking" in lines
    written = [tmp_path / line for line in lines if line.startswith("api-reports/")]
    assert len(written) == 4 and all(path.is_file() for path in written)


def _git_children() -> list[str]:
    """The git processes this one started that still run (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") :]
                if name == "git" and int(rest.split()[2]) == os.getpid():
                    found.append((entry / "cmdline").read_text().replace("\0", " ").strip())
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_building_reports_leaves_no_git_process_running(tmp_path: Path) -> None:
    """A program that builds report after report through the API (a service, a notebook)
    gathers nothing: the repository each call opens is closed when it returns (GitPython
    keeps ``git cat-file`` processes per repository until it is closed)."""
    repo = build(tmp_path / "sample-docs")
    settings = insight.load_settings(
        CONFIG,
        overrides={"repo": str(repo.working_tree_dir), "engine": "heuristic", "locales": ["en_US"]},
    )
    before = _git_children()
    for _ in range(3):
        assert insight.build_reports(settings, "main~2...main").reports
    assert _git_children() == before
