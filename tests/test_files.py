"""Writing files: the mode a file gets, what is never replaced, what a killed run left."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from insight.config import DEFAULT_OUTPUT
from insight.errors import OutputError, UsageError
from insight.models import Report
from insight.report import serialize
from insight.report.files import (
    PARALLEL_MINIMUM,
    contained,
    report_files,
    report_path,
    write_files,
)
from insight.report.render import render_markdown
from insight.resources import DEFAULT_TEMPLATE


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "site" / "index.html"
    write_files({target: "x"})
    assert mode(target) == 0o644
    os.umask(0o002)
    other = tmp_path / "site" / "other.html"
    write_files({other: "x"})
    assert mode(other) == 0o664


def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    shared, private = tmp_path / "shared.md", tmp_path / "private.md"
    shared.write_text("old")
    shared.chmod(0o664)
    private.write_text("old")
    private.chmod(0o600)
    write_files({shared: "new", private: "new"})
    assert (mode(shared), mode(private)) == (0o664, 0o600)
    assert shared.read_text() == "new"


def test_a_symlink_or_fifo_is_not_replaced(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep")
    link, fifo = tmp_path / "link.md", tmp_path / "fifo.md"
    link.symlink_to(elsewhere)
    os.mkfifo(fifo)
    for target in (link, fifo):
        with pytest.raises(OutputError, match="not a regular file"):
            write_files({tmp_path / "first.md": "x", target: "y"})
    assert link.is_symlink() and elsewhere.read_text() == "keep"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "elsewhere.txt",
        "fifo.md",
        "link.md",
    ]


def test_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "en_US"
    folder.mkdir(parents=True)
    stale = [folder / ".index.html.k3j_a9x2.tmp", folder / ".feed.xml.abcdefgh.tmp"]
    for path in stale:
        path.write_text("half")
        os.utime(path, (time.time() - 60, time.time() - 60))
    mine = folder / ".notes.tmp"
    mine.write_text("not ours")
    write_files({folder / "index.html": "page"})
    assert sorted(path.name for path in folder.iterdir()) == [".notes.tmp", "index.html"]


@pytest.mark.parametrize(
    "relative",
    ["../outside/x.md", "a/../../x.md", "/etc/x.md", "", "a\\..\\..\\x.md", "a/\n/x.md"],
)
def test_a_derived_path_stays_inside_its_folder(tmp_path: Path, relative: str) -> None:
    with pytest.raises(OutputError, match="a path outside"):
        contained(tmp_path, relative)


def test_a_symlink_out_of_the_folder_is_outside(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "escape").symlink_to(tmp_path)
    with pytest.raises(OutputError, match="a path outside"):
        contained(tmp_path / "out", "escape/x.md")
    assert contained(tmp_path / "out", "en_US/x.md") == tmp_path / "out" / "en_US" / "x.md"


@pytest.mark.parametrize(
    ("locale", "category", "pattern"),
    [
        ("../../../../outside", "docs", DEFAULT_OUTPUT),
        ("en_US", "../../x", DEFAULT_OUTPUT),
        ("/abs", "x", "{locale}/{category}.md"),
    ],
)
def test_a_report_path_stays_inside_the_output_folder(
    tmp_path: Path, locale: str, category: str, pattern: str
) -> None:
    made = Report(f"Diff Insight Report - {category}", locale, "2025-06-01", "", "", "", [])
    with pytest.raises(OutputError, match="a path outside"):
        report_files([made], pattern, tmp_path / "reports", DEFAULT_TEMPLATE)


def test_ctrl_c_while_writing_leaves_no_temporary_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def interrupted(source: object, target: object) -> None:
        calls.append(target)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files({tmp_path / "a.md": "a", tmp_path / "b.md": "b"})
    assert calls and list(tmp_path.iterdir()) == []


GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def large_reports() -> list[Report]:
    """Two golden reports grown past the size that is rendered on every core."""
    reports = []
    for name in ("202502_en_US_report-20250225-misc", "202504_zh_CN_report-20250405-misc"):
        report = serialize.load(GOLDEN / f"{name}.json")
        copies = -(-PARALLEL_MINIMUM // len(report.items))
        items = [
            replace(item, path=f"copy-{copy}/{item.path}")
            for copy in range(copies)
            for item in report.items
        ]
        reports.append(replace(report, items=items))
    return reports


def test_large_runs_render_every_file_as_one_process_would(tmp_path: Path) -> None:
    reports = large_reports()
    files = report_files(reports, DEFAULT_OUTPUT, tmp_path, DEFAULT_TEMPLATE)
    expected = {}
    for report in reports:
        path = report_path(report, DEFAULT_OUTPUT, tmp_path)
        expected[path] = render_markdown(report, DEFAULT_TEMPLATE)
        expected[path.with_suffix(".json")] = serialize.dumps(report)
    assert list(files) == list(expected)
    assert files == expected
    write_files(files)  # rendered on every core, each process into the files it writes
    assert {path: path.read_text("utf-8") for path in expected} == expected


def test_a_template_error_in_a_large_run_is_one_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md.j2"
    broken.write_text("{{ report.no_such_field }}\n")  # found only while rendering
    with pytest.raises(UsageError, match=re.escape(f"template {broken}: ")):
        write_files(report_files(large_reports(), DEFAULT_OUTPUT, tmp_path / "out", str(broken)))
    assert not (tmp_path / "out").exists()
