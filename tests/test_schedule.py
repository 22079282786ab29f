"""``insight run`` against an upstream repository that gains commits between runs."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo
from llm_server import FakeModelService

from insight.cli import cli
from insight.config import load_settings
from insight.engines.heuristic import HeuristicEngine
from insight.errors import OutputError, UsageError
from insight.models import Described, FileChange, Findings, SiteFacts
from insight.publish import schedule
from insight.publish.lock import directory_lock
from insight.publish.schedule import STATE_NAME, read_state, run


class Upstream:
    """A docs repository pushed to a bare remote that insight clones by URL."""

    def __init__(self, root: Path) -> None:
        self.remote = root / "upstream.git"
        git.Repo.init(self.remote, bare=True, initial_branch="main")
        self.docs = DocsRepo(root / "writer")
        self.docs.repo.create_remote("origin", str(self.remote))
        self.url = self.remote.as_uri()

    def commit(self, path: str, text: str, day: str) -> str:
        self.docs.write(path, text)
        sha = self.docs.commit(f"edit {path} on {day}", date=f"{day}T12:00:00+00:00")
        self.docs.repo.git.push("-q", "origin", "main")
        return sha


@pytest.fixture
def upstream(tmp_path: Path, isolated: Path) -> Upstream:
    source = Upstream(tmp_path)
    source.commit("articles/a.md", "# A\n\nFirst.\n", "2025-05-01")
    source.commit("articles/b.md", "# B\n\nSecond.\n", "2025-05-02")
    source.commit("articles/a.md", "# A\n\nFirst, edited.\n\n## New part\n\nMore.\n", "2025-05-03")
    (isolated / "insight.toml").write_text(
        f'repo = "{source.url}"\nbranch = "main"\nfirst_commits = 2\nlocales = ["en_US", "ja_JP"]\n'
    )
    return source


def invoke(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, ["run", *args], catch_exceptions=False)
    return result.exit_code, result.stdout.split(), result.stderr


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_first_run_then_nothing_new_then_new_commits(upstream: Upstream, isolated: Path) -> None:
    code, written, errors = invoke()
    assert code == 0, errors
    assert re.fullmatch(
        r"insight: 2 commits, 2 files \(.+\); 2 reports in reports", errors.splitlines()[-1]
    )
    assert written == [
        "reports/202505/en_US/report-20250503-upstream.md",
        "reports/202505/en_US/report-20250503-upstream.json",
        "reports/202505/ja_JP/report-20250503-upstream.md",
        "reports/202505/ja_JP/report-20250503-upstream.json",
    ]
    model = json.loads((isolated / written[1]).read_text())
    assert [item["path"] for item in model["items"]] == ["articles/a.md", "articles/b.md"]
    state = json.loads((isolated / "reports" / STATE_NAME).read_text())
    assert state["last"] == upstream.docs.repo.head.commit.hexsha
    assert state["repo"] == upstream.url and state["date"] == "2025-05-03"

    before = snapshot(isolated / "reports")
    code, written, errors = invoke()
    assert code == 0 and written == [] and "nothing new on main" in errors
    assert snapshot(isolated / "reports") == before

    head = upstream.commit("articles/c.md", "# C\n\nThird.\n", "2025-05-06")
    code, written, _ = invoke()
    assert written[0] == "reports/202505/en_US/report-20250506-upstream.md"
    model = json.loads((isolated / written[1]).read_text())
    assert [item["path"] for item in model["items"]] == ["articles/c.md"]
    assert read_state(isolated / "reports" / STATE_NAME).last == head


class KilledAfter:
    """The offline engine, interrupted as if the process were killed after ``calls`` ranges."""

    name = "heuristic"

    def __init__(self, calls: int) -> None:
        self.calls = calls
        self.engine = HeuristicEngine()

    def describe(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[Described]:
        if self.calls == 0:
            raise KeyboardInterrupt
        self.calls -= 1
        return self.engine.describe(changes, locales, facts, findings)

    def overview(self, category, items, locale):
        return self.engine.overview(category, items, locale)


def test_killed_run_leaves_the_state_and_the_rerun_gives_the_same_files(
    upstream: Upstream, isolated: Path, tmp_path: Path
) -> None:
    invoke()
    state_file = isolated / "reports" / STATE_NAME
    first_state = state_file.read_bytes()
    for number, day in enumerate(("2025-05-05", "2025-05-06", "2025-05-07")):
        upstream.commit(f"articles/day-{number}.md", f"# Day {number}\n\nText.\n", day)
    settings = load_settings(overrides={"out": "reports"})

    with pytest.raises(KeyboardInterrupt):
        run(settings, per_day=True, engine=KilledAfter(calls=1))
    assert state_file.read_bytes() == first_state
    assert not list((isolated / "reports").rglob("*.tmp"))

    resumed = run(settings, per_day=True)
    assert read_state(state_file).last == upstream.docs.repo.head.commit.hexsha
    assert len(resumed.written) == 3 * 2 * 2  # three days, two locales, Markdown and JSON

    clean_state = tmp_path / "clean-state.json"
    clean_state.write_bytes(first_state)
    clean = run(load_settings(overrides={"out": "clean", "state": str(clean_state)}), per_day=True)
    resumed_files = {path.relative_to("reports"): path.read_bytes() for path in resumed.written}
    clean_files = {path.relative_to("clean"): path.read_bytes() for path in clean.written}
    assert resumed_files == clean_files


def test_missed_week_per_day(upstream: Upstream, isolated: Path) -> None:
    invoke()
    days = ["2025-05-05", "2025-05-05", "2025-05-07", "2025-05-08", "2025-05-11"]
    for number, day in enumerate(days):
        upstream.commit(f"articles/week-{number}.md", f"# Week {number}\n", day)
    code, written, errors = invoke("--per-day")
    assert code == 0, errors
    markdown = [path for path in written if path.endswith(".md") and "/en_US/" in path]
    assert markdown == [
        "reports/202505/en_US/report-20250505-upstream.md",
        "reports/202505/en_US/report-20250507-upstream.md",
        "reports/202505/en_US/report-20250508-upstream.md",
        "reports/202505/en_US/report-20250511-upstream.md",
    ]
    first_day = json.loads((isolated / markdown[0].replace(".md", ".json")).read_text())
    assert [item["path"] for item in first_day["items"]] == [
        "articles/week-0.md",
        "articles/week-1.md",
    ]
    assert first_day["date"] == "2025-05-05"


def test_first_run_since_a_day_or_a_commit(upstream: Upstream, isolated: Path) -> None:
    config = isolated / "insight.toml"
    config.write_text(config.read_text().replace("first_commits = 2", 'since = "2025-05-02"'))
    code, written, _ = invoke()
    model = json.loads((isolated / written[1]).read_text())
    assert [item["path"] for item in model["items"]] == ["articles/a.md", "articles/b.md"]

    first = list(upstream.docs.repo.iter_commits("main"))[-1].hexsha
    config.write_text(config.read_text().replace('since = "2025-05-02"', f'since = "{first}"'))
    code, written, _ = invoke("--out", "again")
    assert code == 0
    model = json.loads((isolated / written[1]).read_text())
    assert [item["path"] for item in model["items"]] == ["articles/a.md", "articles/b.md"]


def test_first_run_never_takes_the_whole_history_by_accident(
    upstream: Upstream, isolated: Path
) -> None:
    config = isolated / "insight.toml"
    config.write_text(config.read_text().replace("first_commits = 2\n", ""))
    for number in range(12):
        upstream.commit(f"articles/many-{number}.md", f"# Many {number}\n", "2025-05-20")
    code, written, _ = invoke()
    assert code == 0
    model = json.loads((isolated / written[1]).read_text())
    assert len(model["items"]) == 10


def test_state_pointing_outside_the_history_is_a_clear_error(
    upstream: Upstream, isolated: Path
) -> None:
    invoke()
    state_file = isolated / "reports" / STATE_NAME
    state = json.loads(state_file.read_text())
    state["last"] = "0123456789abcdef0123456789abcdef01234567"
    state_file.write_text(json.dumps(state))
    upstream.commit("articles/z.md", "# Z\n", "2025-05-09")
    code, written, errors = invoke()
    assert code == 2 and written == []
    assert "last reported commit 0123456 is not in" in errors and "delete the state file" in errors


def test_broken_state_file(upstream: Upstream, isolated: Path) -> None:
    (isolated / "reports").mkdir()
    (isolated / "reports" / STATE_NAME).write_text("{not json")
    with pytest.raises(UsageError, match="not a usable state file"):
        run(load_settings())


def test_two_runs_on_one_day_lose_no_file(upstream: Upstream, isolated: Path) -> None:
    invoke()
    for number in range(15):
        upstream.commit(f"articles/first-{number}.md", f"# First {number}\n", "2026-07-20")
    code, written, errors = invoke()
    assert code == 0, errors
    assert written[1] == "reports/202607/en_US/report-20260720-upstream.json"
    first = json.loads((isolated / written[1]).read_text())
    assert len(first["items"]) == 15

    for number in range(11):
        upstream.commit(f"articles/second-{number}.md", f"# Second {number}\n", "2026-07-20")
    code, written, errors = invoke()
    assert code == 0, errors
    assert written[1] == "reports/202607/en_US/report-20260720-upstream.json"
    both = json.loads((isolated / written[1]).read_text())
    paths = {item["path"] for item in both["items"]}
    assert {item["path"] for item in first["items"]} <= paths and len(paths) == 26
    assert (
        read_state(isolated / "reports" / STATE_NAME).last == upstream.docs.repo.head.commit.hexsha
    )

    upstream.commit("articles/next-day.md", "# Next\n", "2026-07-21")
    code, written, _ = invoke()
    day_after = json.loads((isolated / written[1]).read_text())
    assert [item["path"] for item in day_after["items"]] == ["articles/next-day.md"]
    kept = json.loads((isolated / "reports/202607/en_US/report-20260720-upstream.json").read_text())
    assert kept == both


def test_a_same_day_run_with_per_day_keeps_the_earlier_files_whole(
    upstream: Upstream, isolated: Path
) -> None:
    invoke()
    upstream.commit("articles/morning.md", "# Morning\n", "2026-07-20")
    invoke("--per-day")
    upstream.commit("articles/evening.md", "# Evening\n", "2026-07-20")
    upstream.commit("articles/tomorrow.md", "# Tomorrow\n", "2026-07-21")
    code, written, errors = invoke("--per-day")
    assert code == 0, errors
    models = {path: json.loads((isolated / path).read_text()) for path in written[1::2]}
    day = models["reports/202607/en_US/report-20260720-upstream.json"]
    assert [item["path"] for item in day["items"]] == ["articles/evening.md", "articles/morning.md"]
    next_day = models["reports/202607/en_US/report-20260721-upstream.json"]
    assert [item["path"] for item in next_day["items"]] == ["articles/tomorrow.md"]


def test_max_calls_stops_a_run_before_any_call(
    upstream: Upstream, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeModelService() as service:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{service.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0000")
        monkeypatch.setenv("INSIGHT_TIMEOUT", "1")
        code, written, errors = invoke("--engine", "llm", "--max-calls", "1")
        assert code == 1 and written == []
        assert "more than --max-calls 1" in errors
        assert service.chat_requests() == []
        assert snapshot(isolated / "reports") == {}


def test_since_in_the_future_reports_nothing(upstream: Upstream, isolated: Path) -> None:
    config = isolated / "insight.toml"
    config.write_text(config.read_text().replace("first_commits = 2", 'since = "2999-01-01"'))
    code, written, errors = invoke()
    assert code == 0 and written == []
    assert "since 2999-01-01 is after the newest commit on main" in errors
    assert snapshot(isolated / "reports") == {}


def test_since_that_is_no_day_and_an_unclosed_glob_are_config_errors(
    upstream: Upstream, isolated: Path
) -> None:
    config = isolated / "insight.toml"
    text = config.read_text()
    config.write_text(text.replace("first_commits = 2", 'since = "2025-13-45"'))
    code, _, errors = invoke()
    assert code == 2 and "key 'since'" in errors and str(config.name) in errors
    config.write_text(text + '[categories.x]\npaths = ["x/[unclosed"]\n')
    code, _, errors = invoke()
    assert code == 2 and "[categories.x]: paths entry 'x/[unclosed'" in errors
    assert not (isolated / "reports").exists()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from insight.publish.lock import directory_lock
with directory_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_run_waits_for_the_first_or_stops_clearly(
    upstream: Upstream, isolated: Path
) -> None:
    invoke()
    state_file = isolated / "reports" / STATE_NAME
    before = state_file.read_bytes()
    upstream.commit("articles/late.md", "# Late\n", "2025-05-09")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(isolated / "reports"), "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        code, written, errors = invoke()
        assert time.monotonic() - started < 15
        assert code == 1 and written == []
        assert "reports: another insight run or publish is writing here (process" in errors
        assert len(errors.splitlines()) == 1
        assert state_file.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    # killed with its lock held: the lock of a process that is gone is taken over
    assert (isolated / "reports" / ".insight.lock").exists()
    code, written, errors = invoke()
    assert code == 0, errors
    assert read_state(state_file).last == upstream.docs.repo.head.commit.hexsha
    assert not (isolated / "reports" / ".insight.lock").exists()


def test_the_lock_is_released_for_the_next_writer(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "out"), "1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    started = time.monotonic()
    with directory_lock(tmp_path / "out", wait=10) as path:
        assert time.monotonic() - started > 0.5 and path.exists()
    holder.wait()
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        '{"pid": 99999999999999999999999, "host": "HOST"}',
        '{"pid": -4, "host": "HOST"}',
        "",
        "{not json",
    ],
    ids=["huge-pid", "negative-pid", "empty", "garbage"],
)
def test_a_lock_no_writer_can_hold_is_taken_over(tmp_path: Path, content: str) -> None:
    lock = tmp_path / "out" / ".insight.lock"
    lock.parent.mkdir()
    lock.write_text(content.replace("HOST", socket.gethostname()))
    old = time.time() - 60  # an empty file this old: its writer died before writing
    os.utime(lock, (old, old))
    with directory_lock(tmp_path / "out", wait=3) as path:
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert not lock.exists()


def test_a_lock_still_being_written_is_waited_for(tmp_path: Path) -> None:
    lock = tmp_path / "out" / ".insight.lock"
    lock.parent.mkdir()
    lock.write_text("")  # made a moment ago: its writer may be writing it now
    with (
        pytest.raises(OutputError, match="another insight run or publish"),
        directory_lock(tmp_path / "out", wait=0.5),
    ):
        pass
    assert lock.read_text() == ""


def paths_in(path: Path) -> set[str]:
    return {item["path"] for item in json.loads(path.read_text())["items"]}


def test_a_file_that_covers_more_is_never_replaced_even_without_a_base_in_the_state(
    upstream: Upstream, isolated: Path
) -> None:
    invoke()
    day = isolated / "reports/202607/en_US/report-20260720-upstream.json"
    upstream.commit("articles/first.md", "# First\n", "2026-07-20")
    invoke()
    state_file = isolated / "reports" / STATE_NAME
    older = json.loads(state_file.read_text())
    del older["base"]  # a state written before it kept one
    state_file.write_text(json.dumps(older))
    upstream.commit("articles/second.md", "# Second\n", "2026-07-20")
    code, _, errors = invoke()
    assert code == 0, errors
    assert paths_in(day) == {"articles/first.md", "articles/second.md"}


def test_a_commit_dated_back_onto_an_earlier_report_extends_it(
    upstream: Upstream, isolated: Path
) -> None:
    invoke()
    upstream.commit("articles/monday.md", "# Monday\n", "2026-07-20")
    invoke()
    upstream.commit("articles/tuesday.md", "# Tuesday\n", "2026-07-21")
    invoke()
    upstream.commit("articles/late.md", "# Late\n", "2026-07-20")  # committed with an old date
    code, written, errors = invoke()
    assert code == 0, errors
    monday = isolated / "reports/202607/en_US/report-20260720-upstream.json"
    assert str(monday.relative_to(isolated)) in written
    assert {"articles/monday.md", "articles/late.md"} <= paths_in(monday)


def test_a_model_outage_fails_the_run_writes_nothing_and_keeps_the_state(
    upstream: Upstream, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, errors = invoke("--engine", "heuristic")
    assert code == 0, errors
    before = snapshot(isolated / "reports")
    upstream.commit("articles/c.md", "# C\n\nNew page.\n", "2025-05-04")
    upstream.commit("articles/b.md", "# B\n\nSecond, edited.\n", "2025-05-05")
    with FakeModelService() as service:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{service.url}/v1")
        monkeypatch.setenv("INSIGHT_MAX_RETRIES", "0")
        service.faults.extend(["500"] * 50)
        code, written, errors = invoke("--engine", "llm", "--per-day")
    assert code == 1 and written == []
    assert "failed (HTTP 500)" in errors and "Error: the model failed" in errors
    assert snapshot(isolated / "reports") == before


def test_a_backfill_built_on_every_core_writes_what_one_core_writes(
    upstream: Upstream, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = isolated / "insight.toml"
    config.write_text(config.read_text().replace("first_commits = 2", 'since = "2025-05-02"'))
    for number in range(10):
        day = f"2025-05-{10 + number}"
        upstream.commit(f"articles/day-{number}.md", f"# Day {number}\n\nNew on {day}.\n", day)
        upstream.commit("articles/a.md", f"# A\n\nEdited on {day}.\n\n## Part {number}\n", day)
    assert schedule.PARALLEL_DAYS <= 12
    code, on_every_core, errors = invoke("--per-day", "--out", "cores")
    assert code == 0, errors
    monkeypatch.setattr(schedule, "PARALLEL_DAYS", 1000)
    code, on_one_core, errors = invoke("--per-day", "--out", "one")
    assert code == 0, errors
    assert len(on_every_core) == 2 * 2 * 12  # Markdown and JSON, two locales, twelve days
    assert [path.replace("cores/", "", 1) for path in on_every_core] == [
        path.replace("one/", "", 1) for path in on_one_core
    ]
    for cores, one in zip(on_every_core, on_one_core, strict=True):
        assert (isolated / cores).read_bytes() == (isolated / one).read_bytes()


@pytest.mark.parametrize("one_core", [True, False], ids=["one-core", "every-core"])
def test_each_day_of_a_backfill_finds_the_pages_that_show_a_shared_text(
    upstream: Upstream, isolated: Path, monkeypatch: pytest.MonkeyPatch, one_core: bool
) -> None:
    """The days share one scan of the pages for include references, brought up to date day
    by day (from the day's own changes, or from git's list of the files changed since the
    scan a process made last): each day's report says what a report of that day alone says."""
    if one_core:
        monkeypatch.setattr(schedule, "PARALLEL_DAYS", 1000)
    config = isolated / "insight.toml"
    config.write_text(config.read_text().replace("first_commits = 2", 'since = "2025-05-04"'))
    note, include = "articles/includes/note.md", "[!INCLUDE [note](includes/note.md)]"
    upstream.commit(note, "> [!NOTE]\n> In preview.\n", "2025-05-05")
    upstream.commit("articles/p.md", f"# P\n\nText.\n\n{include}\n", "2025-05-06")
    upstream.commit(note, "> [!NOTE]\n> In public preview.\n", "2025-05-07")
    upstream.commit("articles/x.md", f"# X\n\nMore text.\n\n{include}\n", "2025-05-08")
    upstream.commit(note, "> [!NOTE]\n> Generally available.\n", "2025-05-09")
    code, written, errors = invoke("--per-day")
    assert code == 0, errors
    models = [path for path in written if path.endswith(".json") and "/en_US/" in path]
    assert len(models) == 5
    shown = []
    for path in models:
        day = json.loads((isolated / path).read_text())
        spec = f"{day['range']['base']}...{day['range']['head']}"
        alone = CliRunner().invoke(
            cli,
            [
                "report",
                "--repo",
                str(upstream.docs.path),
                spec,
                "-e",
                "heuristic",
                "--out",
                "alone",
            ],
        )
        assert alone.exit_code == 0, alone.output
        model = next(p for p in alone.stdout.split() if p.endswith(".json") and "/en_US/" in p)
        assert json.loads(Path(model).read_text())["items"] == day["items"]
        shown += [item["explanation"] for item in day["items"] if item["path"] == note]
    assert "It shows on 1 page" in shown[1] and "It shows on 2 pages" in shown[2]
