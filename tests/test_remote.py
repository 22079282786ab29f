"""Repository URLs: credentials never reach the disk or a message; silent remotes time out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo
from git_http import PasswordGitServer, SilentServer

from insight.cli import cli
from insight.errors import GitSourceError, InsightError
from insight.source import repository
from insight.source.remote import redact

SECRET = "p@ss:w0rd-s3cret"
USERINFO = "reader:p%40ss%3Aw0rd-s3cret"


@pytest.fixture
def remote(docs_repo: DocsRepo, tmp_path: Path) -> Path:
    docs_repo.write("articles/a.md", "# A\n")
    docs_repo.commit("one")
    docs_repo.write("articles/a.md", "# A\n\nMore.\n")
    docs_repo.commit("two")
    bare = tmp_path / "served" / "docs.git"
    git.Repo.init(bare, bare=True, initial_branch="main")
    docs_repo.repo.create_remote("upstream", str(bare))
    docs_repo.repo.git.push("-q", "upstream", "main")
    return bare


def files_containing(root: Path, text: str) -> list[Path]:
    return [
        path for path in root.rglob("*") if path.is_file() and text.encode() in path.read_bytes()
    ]


def test_credentials_are_sent_but_never_stored(
    remote: Path, docs_repo: DocsRepo, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with PasswordGitServer(remote, "reader", SECRET) as server:
        url = server.url(USERINFO)
        clone = repository.open_repository(url, cache)
        assert repository.resolve_commit(clone, "main") == docs_repo.repo.head.commit.hexsha
        assert clone.remotes.origin.url == server.url()
        docs_repo.write("articles/b.md", "# B\n")
        head = docs_repo.commit("three")
        docs_repo.repo.git.push("-q", "upstream", "main")
        server.refresh()
        again = repository.open_repository(url, cache)
        assert repository.resolve_commit(again, "main") == head
        assert server.expected in server.authorizations
    for secret in (SECRET, "w0rd-s3cret", server.expected.split()[1]):
        assert files_containing(cache, secret) == []


def test_a_mirror_that_kept_credentials_loses_them_on_the_next_fetch(
    remote: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with PasswordGitServer(remote, "reader", SECRET) as server:
        clone = repository.open_repository(server.url(USERINFO), cache)
        with clone.config_writer() as config:
            config.set_value('remote "origin"', "url", server.url(USERINFO))
        repository.open_repository(server.url(USERINFO), cache)
    assert files_containing(cache, "w0rd-s3cret") == []


def test_wrong_password_shows_gits_message_without_the_password(
    remote: Path, tmp_path: Path
) -> None:
    with PasswordGitServer(remote, "reader", SECRET) as server:
        url = server.url("reader:wr%40ng@se-cret")
        with pytest.raises(GitSourceError) as raised:
            repository.open_repository(url, tmp_path / "cache")
    message = str(raised.value)
    assert "se-cret" not in message and "wr%40ng" not in message and "wr@ng" not in message
    assert message.startswith(f"{server.url()}: cannot clone or fetch: ")
    assert "could not read Username" in message
    assert "\n" not in message and not message.endswith("'")
    assert not (tmp_path / "cache" / "repos").exists() or not any(
        (tmp_path / "cache" / "repos").iterdir()
    )


def test_a_missing_repository_names_gits_reason(tmp_path: Path) -> None:
    url = (tmp_path / "missing.git").as_uri()
    with pytest.raises(GitSourceError) as raised:
        repository.open_repository(url, tmp_path / "cache")
    assert "does not appear to be a git repository" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://user:p@ss@host/x.git", "https://host/x.git"),
        ("clone https://tok@host/x and https://a:b@c/d", "clone https://host/x and https://c/d"),
        ("git@github.com:o/r.git", "git@github.com:o/r.git"),
    ],
)
def test_redact_takes_the_whole_userinfo(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_a_password_in_an_ssh_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GitSourceError, match="credential helper") as raised:
        repository.open_repository("ssh://me:hunter2@127.0.0.1:9/x.git", tmp_path / "cache")
    assert "hunter2" not in str(raised.value)


def test_a_silent_remote_is_an_error_after_git_timeout(tmp_path: Path, isolated: Path) -> None:
    with SilentServer() as server:
        url = f"http://reader:s3cret@127.0.0.1:{server.port}/docs.git"
        started = time.monotonic()
        with pytest.raises(InsightError) as raised:
            repository.open_repository(url, tmp_path / "cache", timeout=1)
        assert time.monotonic() - started < 10
        message = str(raised.value)
        assert message == (
            f"http://127.0.0.1:{server.port}/docs.git: no answer from the remote in 1 s "
            "(the git_timeout setting)"
        )
        result = CliRunner().invoke(
            cli, ["report", "--repo", url, "HEAD"], env={"INSIGHT_GIT_TIMEOUT": "1"}
        )
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert not any((tmp_path / "cache" / "repos").iterdir())


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_ctrl_c_while_git_waits_stops_within_a_second(tmp_path: Path) -> None:
    with SilentServer() as server:
        url = f"http://127.0.0.1:{server.port}/docs.git"
        environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        process = subprocess.Popen(
            [sys.executable, "-m", "insight", "report", "--repo", url, "HEAD"],
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        out, err = process.communicate(timeout=10)
        assert time.monotonic() - started < 3  # promptly, with room for a busy machine
    assert process.returncode == 130
    assert err == "insight: interrupted\n" and out == ""
    assert not any((tmp_path / "cache" / "insight" / "repos").iterdir())
