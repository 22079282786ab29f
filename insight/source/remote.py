"""Remote repositories: telling a URL from a path, cloning and fetching into the cache.

Credentials in a URL never reach the disk (git gets them per command in its environment)
nor a message (``redact``). A clone or fetch silent for ``git_timeout`` seconds is stopped.
Also what a URL names: the repository (``repository_name``) and its forge (``web_address``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import git

from insight.errors import GitSourceError, InsightError
from insight.source.gitcli import git_executable, git_message

_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>(?!//)[^\\].*)$")
_URL_CREDENTIALS = re.compile(r"://[^/\s]*@")


def is_url(location: str) -> bool:
    """A remote to clone rather than a path on this machine."""
    if "://" in location:
        return True
    return bool(_SCP_LIKE.match(location)) and not Path(location).exists()


def cached_clone(url: str, cache_dir: Path, timeout: float) -> git.Repo:
    """The mirror of ``url`` in the cache, fetched; credentials never reach the disk.

    The user and password of an http(s) URL are taken out of it: the mirror's config keeps
    the URL without them, and git gets them per command as an ``Authorization`` header in
    its environment. A clone is made beside the cache entry and renamed into place, so an
    interrupted one leaves nothing behind.
    """
    clean, environment = _credentials(url)
    name = repository_name(clean)
    target = cache_dir / "repos" / f"{name}-{hashlib.sha256(clean.encode()).hexdigest()[:12]}.git"
    try:
        if target.exists():
            _network_git(["--git-dir", str(target), "config", "remote.origin.url", clean], {})
            _network_git(
                ["--git-dir", str(target), "fetch", "--prune", "--progress", "origin"],
                environment,
                clean,
                timeout,
            )
            return git.Repo(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            _network_git(
                ["clone", "--mirror", "--progress", clean, str(partial)],
                environment,
                clean,
                timeout,
            )
            partial.rename(target)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        return git.Repo(target)
    except OSError as error:
        raise GitSourceError(f"{target}: cannot write the clone cache: {error.strerror}") from None


def _credentials(url: str) -> tuple[str, dict[str, str]]:
    """``url`` without its user and password, and the environment that gives them to git."""
    parts = urlsplit(url) if "://" in url else None
    if parts is None or "@" not in parts.netloc:
        return url, {}
    userinfo, _, host = parts.netloc.rpartition("@")
    user, has_password, password = userinfo.partition(":")
    if parts.scheme not in ("http", "https"):
        if has_password:
            raise GitSourceError(
                f"{redact(url)}: a password in a {parts.scheme} URL is not supported; "
                "use an SSH key or a git credential helper"
            )
        return url, {}
    pair = f"{unquote(user)}:{unquote(password)}".encode()
    header = "Authorization: Basic " + base64.b64encode(pair).decode("ascii")
    index = int(os.environ.get("GIT_CONFIG_COUNT", "0") or 0)
    environment = {
        "GIT_CONFIG_COUNT": str(index + 1),
        f"GIT_CONFIG_KEY_{index}": "http.extraHeader",
        f"GIT_CONFIG_VALUE_{index}": header,
    }
    return urlunsplit(parts._replace(netloc=host)), environment


def _network_git(
    arguments: list[str],
    environment: dict[str, str],
    remote: str | None = None,
    timeout: float | None = None,
) -> None:
    """Run git; when it talks to ``remote``, stop it after ``timeout`` seconds of silence.

    git runs in its own process group (with its helpers, such as git-remote-https), which
    is killed whole on a timeout, on Ctrl-C and on any other way out of here.
    """
    command = [git_executable(), *arguments]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **environment}
    where = redact(remote) if remote else "git"
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
            start_new_session=os.name == "posix",
        )
        try:
            silent_since, size = time.monotonic(), 0
            while process.poll() is None:
                time.sleep(0.05)
                grown = os.fstat(errors.fileno()).st_size
                if grown != size:
                    silent_since, size = time.monotonic(), grown
                elif timeout is not None and time.monotonic() - silent_since > timeout:
                    raise InsightError(
                        f"{where}: no answer from the remote in {timeout:g} s "
                        "(the git_timeout setting)"
                    )
        finally:
            _stop(process)
        if process.returncode != 0:
            errors.seek(0)
            detail = git_message(errors.read().decode("utf-8", "replace"))
            verb = "cannot clone or fetch" if remote else "git failed"
            raise GitSourceError(f"{where}: {verb}: {redact(detail)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows
        process.kill()
    process.wait()


def repository_name(location: str) -> str:
    """The name a user would call the repository: its directory, without ``.git``."""
    if is_url(location):
        match = _SCP_LIKE.match(location)
        path = match.group("path") if match and "://" not in location else urlsplit(location).path
    else:
        path = str(Path(location).resolve())
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name[: -len(".git")] if name.endswith(".git") and len(name) > 4 else name or "repository"


def web_address(url: str) -> tuple[str, str] | None:
    """(host, OWNER/REPO path) of a remote's URL, credentials and ``.git`` removed; None for
    a path on this machine or a scheme no forge serves pages on."""
    if "://" in url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ssh", "git") or not parts.hostname:
            return None
        host, path = parts.hostname, parts.path
    else:
        match = _SCP_LIKE.match(url)
        if not match:
            return None
        host, path = match.group("host"), match.group("path")
    path = path.strip("/")
    path = path[: -len(".git")] if path.endswith(".git") else path
    return (host, path) if path else None


def redact(text: str) -> str:
    """Text fit for a message: the user and password of every URL in it removed."""
    return _URL_CREDENTIALS.sub("://", text)
