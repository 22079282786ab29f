"""The reply cache file: someone else's database is left alone; a broken one costs no run."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from llm_server import FakeModelService
from sample_docs import SAMPLE_RANGE, build

from insight.cli import cli
from insight.llm.cache import BUSY_TIMEOUT, ReplyCache


def foreign_database(path: Path, table: str = "users") -> bytes:
    connection = sqlite3.connect(path)
    connection.execute(f"CREATE TABLE {table} (name TEXT)")
    connection.execute(f"INSERT INTO {table} VALUES ('ada')")
    connection.commit()
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("table", ["users", "replies"])
def test_cache_stats_leaves_a_foreign_database_as_it_is(tmp_path: Path, table: str) -> None:
    """Another program's table, even one named like the cache's, is never touched."""
    path = tmp_path / "app.sqlite3"
    before = foreign_database(path, table)
    for command in ("stats", "clear"):
        result = CliRunner().invoke(cli, ["cache", command, "--cache", str(path)])
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: {path}: not an insight reply cache (it has the tables {table}); "
            "it was left as it is\n"
        )
    assert path.read_bytes() == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["app.sqlite3"]


@pytest.mark.parametrize("kind", ["foreign", "garbage"])
def test_a_run_with_an_unusable_cache_goes_on_without_it(
    tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    sample = Path(build(tmp_path / "sample-docs").working_tree_dir)
    cache = tmp_path / "cache.sqlite3"
    if kind == "foreign":
        before = foreign_database(cache)
    else:
        before = b"SQLite format 3\x00" + b"\xff" * 4000
        cache.write_bytes(before)
    with FakeModelService() as service:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{service.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0000")
        monkeypatch.setenv("INSIGHT_TIMEOUT", "1")
        monkeypatch.setenv("INSIGHT_CACHE", str(cache))
        result = CliRunner().invoke(
            cli, ["report", "--repo", str(sample), SAMPLE_RANGE, "--engine", "llm"]
        )
        assert result.exit_code == 0, result.output
        assert service.chat_requests()
    assert "running without the reply cache" in result.stderr
    assert result.stdout.split()[0].endswith(".md")
    assert cache.read_bytes() == before


def test_a_cache_that_fails_mid_run_costs_the_cache_not_the_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "replies.sqlite3"
    cache = ReplyCache(path)
    cache.put("a", "file", {"type": "minor update"})
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the file for longer than we wait
    try:
        started = time.monotonic()
        with caplog.at_level(logging.WARNING):
            cache.put("b", "file", {"type": "new feature"})
        assert time.monotonic() - started < BUSY_TIMEOUT + 2
        assert cache.get("a") is None  # no longer read: the run goes on without the cache
        cache.put("c", "file", {})
    finally:
        other.rollback()
        other.close()
    assert "the run goes on without it" in caplog.text
    assert ReplyCache(path).get("a") == {"type": "minor update"}
