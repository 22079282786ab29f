"""A git repository and a commit range -> the file changes GitHub's compare would list.

One ``git diff --raw -z -p`` call gives, in one consistent order, every path unquoted
(``--raw -z``) and every patch (``-p``); unidiff counts the hunks. The counts equal
``git diff -M --numstat`` file by file.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, cast
from urllib.parse import unquote, urlsplit, urlunsplit

import git

from insight.errors import GitSourceError, InsightError
from insight.models import DOCUMENT_SUFFIXES, Coverage, FileChange
from insight.source.diff import count_lines, join_type_change

DEFAULT_RENAME_LIMIT = 50_000
DEFAULT_GIT_TIMEOUT = 120.0
"""Seconds a clone or fetch may go without a word from the remote."""
DEFAULT_PATCH_LIMIT = 100 * 1024
DOCUMENT_LIMIT = 2 * 1024 * 1024
"""Whole documents larger than this are not read (the patch still is)."""

_STATUS = {
    "A": "added",
    "D": "removed",
    "M": "modified",
    "R": "renamed",
    "C": "copied",
    "T": "changed",
}
_NULL_SHA = "0" * 40
_REGULAR_MODES = ("100644", "100755", "000000")
_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>(?!//)[^\\].*)$")
_URL_CREDENTIALS = re.compile(r"://[^/\s]*@")
_PROGRESS = re.compile(
    r"^(remote: )?(Cloning into|Counting|Compressing|Enumerating|Receiving|Resolving|Total|"
    r"Unpacking|Writing|Updating files|Checking)"
)
_RENAME_WARNING = re.compile(r"rename detection was skipped|diff\.renameLimit", re.IGNORECASE)


@dataclass(frozen=True)
class CommitRange:
    """A resolved range: the diff runs from ``base`` to ``head``."""

    spec: str
    left: str
    """The commit the user named on the left (``A`` in ``A...B``), full SHA."""
    base: str
    """Where the diff starts: the merge base for ``A...B``, ``A`` itself for ``A..B``."""
    head: str
    symmetric: bool


@dataclass
class ChangeSet:
    changes: list[FileChange]
    notices: list[str] = field(default_factory=list)


def is_url(location: str) -> bool:
    """A remote to clone rather than a path on this machine."""
    if "://" in location:
        return True
    return bool(_SCP_LIKE.match(location)) and not Path(location).exists()


def open_repository(
    location: str, cache_dir: Path, timeout: float = DEFAULT_GIT_TIMEOUT
) -> git.Repo:
    """A work tree, a bare repository, or a URL cloned once into the cache and fetched after."""
    if is_url(location):
        return _pinned(_cached_clone(location, cache_dir, timeout))
    try:
        return _pinned(git.Repo(location, search_parent_directories=False))
    except git.NoSuchPathError:
        raise GitSourceError(f"{Path(location).absolute()}: no such directory") from None
    except git.InvalidGitRepositoryError:
        raise GitSourceError(f"{Path(location).absolute()}: not a git repository") from None


def _pinned(repo: git.Repo) -> git.Repo:
    """Run every git command of ``repo`` on its git directory, whatever GitPython guessed.

    A bare repository without ``core.bare`` in its config (a plain copy of a ``.git``
    folder, some mirrors) looks to GitPython like a work tree's ``.git``; its commands would
    then run in the parent folder, which is no repository.
    """
    repo.git.update_environment(GIT_DIR=repo.git_dir)
    return repo


def _cached_clone(url: str, cache_dir: Path, timeout: float) -> git.Repo:
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
    command = [_git(), *arguments]
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


def git_message(stderr: str) -> str:
    """git's meaningful line: its first ``fatal:`` or ``error:`` (the cause; later ones and
    hints follow from it), else its last line that is not progress; without the prefix."""
    lines = [line.strip() for line in re.split(r"[\r\n]+", stderr) if line.strip()]
    lines = [line for line in lines if not _PROGRESS.match(line)]
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    chosen = errors[0] if errors else (lines or ["unknown error"])[-1]
    return re.sub(r"^(fatal|error):\s*", "", chosen)


def repository_name(location: str) -> str:
    """The name a user would call the repository: its directory, without ``.git``."""
    if is_url(location):
        match = _SCP_LIKE.match(location)
        path = match.group("path") if match and "://" not in location else urlsplit(location).path
    else:
        path = str(Path(location).resolve())
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name[: -len(".git")] if name.endswith(".git") and len(name) > 4 else name or "repository"


def resolve_range(repo: git.Repo, spec: str) -> CommitRange:
    """``A...B`` from the merge base (as GitHub compares), ``A..B`` straight, ``A`` alone."""
    if "..." in spec:
        left_name, right_name = spec.split("...", 1)
        symmetric = True
    elif ".." in spec:
        left_name, right_name = spec.split("..", 1)
        symmetric = False
    else:
        left_name, right_name, symmetric = spec, "HEAD", True
    left = _commit(repo, left_name or "HEAD")
    head = _commit(repo, right_name or "HEAD")
    base = left
    if symmetric:
        bases = repo.merge_base(left, head)
        if not bases:
            raise GitSourceError(
                f"range {spec}: the two sides share no history (no merge base)"
                + _shallow_hint(repo)
            )
        base = bases[0].hexsha
    return CommitRange(spec=spec, left=left, base=base, head=head, symmetric=symmetric)


def is_ancestor(repo: git.Repo, ancestor: str, descendant: str) -> bool:
    """Whether ``ancestor`` is in the history of ``descendant`` (itself included)."""
    try:
        repo.git.merge_base("--is-ancestor", ancestor, descendant)
    except git.GitCommandError:  # not an ancestor, or not a commit of this repository
        return False
    return True


def count_commits(repo: git.Repo, commit_range: CommitRange) -> int:
    """The commits the diff of the range spans: from its base to its head, or undone."""
    return int(repo.git.rev_list("--count", f"{commit_range.base}...{commit_range.head}"))


def reversed_hint(repo: git.Repo, commit_range: CommitRange) -> str:
    """``… did you mean B...A?`` when the right side is behind the left, else ``""``."""
    left, head = commit_range.left, commit_range.head
    if left == head or not is_ancestor(repo, head, left):
        return ""
    ahead = int(repo.git.rev_list("--count", f"{head}..{left}"))
    dots = "..." if commit_range.symmetric else ".."
    what = "nothing new" if commit_range.symmetric else "those commits undone"
    return (
        f"{head[:7]} is {_plural(ahead, 'commit')} behind {left[:7]}, so this shows {what}; "
        f"did you mean {head[:7]}{dots}{left[:7]}?"
    )


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def resolve_commit(repo: git.Repo, name: str) -> str:
    """The full SHA of a commit name (branch, tag, SHA, ``HEAD~3``), or a usage error."""
    return _commit(repo, name)


def first_parent_commits(repo: git.Repo, start: str, head: str) -> list[tuple[str, str]]:
    """(SHA, committer's own date) of each commit after ``start`` up to ``head``, oldest first."""
    commits = repo.iter_commits(f"{start}..{head}", first_parent=True, reverse=True)
    return [(commit.hexsha, commit.committed_datetime.date().isoformat()) for commit in commits]


def last_commit_before(repo: git.Repo, head: str, day: str) -> str | None:
    """The newest first-parent commit of ``head`` made before ``day``, by the committer's own
    date (as ``--per-day`` groups them); ``head`` itself when ``day`` is after it."""
    for line in repo.git.log("--first-parent", "--format=%H %cI", head).splitlines():
        sha, committed = line.split(" ", 1)
        if committed[:10] < day:
            return sha
    return None


def recently_changed_paths(repo: git.Repo, head: str, commits: int) -> list[str]:
    """The paths each of the last ``commits`` first-parent commits of ``head`` changed."""
    output = repo.git.log(
        "--first-parent", f"--max-count={commits}", "--name-only", "--format=", "-z", head
    )
    return [path.strip("\n") for path in output.split("\0") if path.strip("\n")]


def ancestor(repo: git.Repo, head: str, generations: int) -> str:
    """``head`` ``generations`` first parents back, or the root commit if history is shorter."""
    found = repo.git.rev_list(f"--max-count={generations + 1}", "--first-parent", head).split()
    return found[-1]


def _commit(repo: git.Repo, name: str) -> str:
    """git's own reading of ``name`` (reflog dates, ``:/text``…), which must be a commit."""
    if name and not name.startswith("-"):
        with contextlib.suppress(git.GitCommandError):
            sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", name).strip()
            try:  # a tag is peeled to its commit
                return str(repo.git.rev_parse("--verify", "--quiet", f"{sha}^{{commit}}")).strip()
            except git.GitCommandError:
                kind = repo.git.cat_file("-t", sha).strip()
                raise GitSourceError(
                    f"'{name}' names a {kind}, not a commit, in {_where(repo)}: "
                    "give a commit, a branch or a tag"
                ) from None
    raise GitSourceError(f"unknown revision '{name}' in {_where(repo)}{_shallow_hint(repo)}")


def _shallow_hint(repo: git.Repo) -> str:
    """A hint for a shallow clone, whose history stops at a boundary; else ``""``."""
    try:
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except git.GitCommandError:
        return ""
    return (
        " (a shallow clone: its history stops early; deepen it with git fetch --unshallow)"
        if shallow
        else ""
    )


def _where(repo: git.Repo) -> str:
    return str(repo.working_tree_dir or repo.git_dir)


def commit_date(repo: git.Repo, sha: str) -> str:
    """The commit date in the committer's own time zone, so a re-run gives the same date."""
    return repo.commit(sha).committed_datetime.date().isoformat()


_DIFF_OPTIONS = (
    "-M",
    "--raw",
    "-z",
    "-p",
    "--no-abbrev",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


def file_changes(
    repo: git.Repo,
    commit_range: CommitRange,
    *,
    patch_limit: int = DEFAULT_PATCH_LIMIT,
    rename_limit: int = DEFAULT_RENAME_LIMIT,
    documents: bool = True,
) -> ChangeSet:
    """Every changed path of the range, with exact counts, its patch and (for docs) both texts.

    The patches are parsed while git still writes them, and the whole documents are read by a
    second git process at the same time, so the three overlap on a multi-core machine.
    """
    command = [_git(), f"--git-dir={repo.git_dir}", "diff", commit_range.base, commit_range.head]
    command += [f"-l{rename_limit}", *_DIFF_OPTIONS]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        stdout = cast(io.BufferedReader, process.stdout)
        records, rest = _read_raw(stdout)
        wanted = [index for index, record in enumerate(records) if _is_document(record)]
        wanted = wanted if documents else []
        shas = [sha for index in wanted for sha in (records[index].old_sha, records[index].new_sha)]
        blobs = _BlobReader(repo, shas)
        sections = _sections(rest, stdout)
        changes = []
        for record in records:
            halves = [
                _change_from_section(record, section, patch_limit)
                for section in itertools.islice(sections, 2 if record.status == "T" else 1)
            ]
            changes.append(join_type_change(*halves) if len(halves) == 2 else halves[0])
        leftover = next(sections, None)
        errors = cast(IO[bytes], process.stderr).read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise InsightError(f"git diff failed in {_where(repo)}: {git_message(errors)}")
    if leftover is not None or len(changes) != len(records):
        raise InsightError(f"git diff in {_where(repo)}: patches and file records do not pair up")
    notices = []
    if _RENAME_WARNING.search(errors):
        notices.append(
            f"git skipped exhaustive rename detection (more than {rename_limit} candidates); "
            "raise rename_limit to find every rename"
        )
    texts = blobs.texts()
    for index in wanted:
        record, change = records[index], changes[index]
        if not change.binary:
            old, new = texts.get(record.old_sha), texts.get(record.new_sha)
            changes[index] = replace(change, old_text=old, new_text=new)
    return ChangeSet(changes, notices)


def _git() -> str:
    return git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"


@dataclass(frozen=True)
class _RawRecord:
    status: str
    old_mode: str
    new_mode: str
    old_sha: str
    new_sha: str
    path: str
    old_path: str | None


def _read_raw(stream: io.BufferedReader) -> tuple[list[_RawRecord], bytes]:
    """The ``--raw -z`` records, which git writes first, and the bytes read past them."""
    buffer = b""
    while True:
        separator = buffer.find(b"\0\0")
        if separator >= 0:
            return _parse_raw(buffer[: separator + 1]), buffer[separator + 2 :]
        block = stream.read1(1 << 16)
        if not block:
            return _parse_raw(buffer), b""
        buffer += block


def _parse_raw(output: bytes) -> list[_RawRecord]:
    records = []
    position = 0
    while output.startswith(b":", position):
        header_end = output.index(b"\0", position)
        old_mode, new_mode, old_sha, new_sha, status = (
            output[position + 1 : header_end].decode("ascii").split(" ")
        )
        letter = status[0]
        names = 2 if letter in "RC" else 1
        paths = []
        position = header_end + 1
        for _ in range(names):
            end = output.index(b"\0", position)
            paths.append(_decode(output[position:end]))
            position = end + 1
        records.append(
            _RawRecord(
                status=letter,
                old_mode=old_mode,
                new_mode=new_mode,
                old_sha=old_sha,
                new_sha=new_sha,
                path=paths[-1],
                old_path=paths[0] if names == 2 else None,
            )
        )
    return records


def _sections(head: bytes, stream: io.BufferedReader) -> Iterator[bytes]:
    """The patch of each file, as git writes it: a file's section starts at a ``diff --git``
    line (no line of a hunk can start so: its lines start with a marker)."""
    buffer = head
    start = 0
    while True:
        found = buffer.find(b"\ndiff --git ", start + 1)
        if found >= 0:
            yield buffer[start : found + 1]
            start = found + 1
            continue
        block = stream.read1(1 << 20)
        if not block:
            if buffer[start:]:
                yield buffer[start:]
            return
        buffer, start = buffer[start:] + block, 0


def _change_from_section(record: _RawRecord, section: bytes, patch_limit: int) -> FileChange:
    binary = b"\nBinary files " in section or b"\nGIT binary patch\n" in section
    hunks_at = section.find(b"\n@@ -")
    patch_bytes = b"" if binary or hunks_at < 0 else section[hunks_at + 1 :]
    if patch_bytes.endswith(b"\n"):
        patch_bytes = patch_bytes[:-1]
    patch_text = _decode(patch_bytes)
    additions, deletions = count_lines(patch_text) if patch_text else (0, 0)
    too_large = len(patch_bytes) > patch_limit
    return FileChange(
        path=record.path,
        status=_STATUS.get(record.status, "modified"),
        additions=additions,
        deletions=deletions,
        old_path=record.old_path,
        binary=binary,
        patch=None if too_large or not patch_text else patch_text,
        patch_too_large=too_large,
        patch_size=len(patch_bytes),
    )


def _is_document(record: _RawRecord) -> bool:
    """A regular Markdown or YAML file (not a symlink, not a submodule) on both sides."""
    regular = all(mode in _REGULAR_MODES for mode in (record.old_mode, record.new_mode))
    return regular and record.path.lower().endswith(DOCUMENT_SUFFIXES)


class _BlobReader:
    """Blob texts read by a ``git cat-file --batch`` process that runs beside the caller.

    Its input and output are temporary files, not pipes: no Python thread has to feed it,
    so it runs at full speed while the caller parses the diff.
    """

    def __init__(self, repo: git.Repo, shas: list[str]) -> None:
        self._shas = sorted({sha for sha in shas if sha != _NULL_SHA})
        self._where = _where(repo)
        self._process: subprocess.Popen[bytes] | None = None
        if not self._shas:
            return
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in texts()
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in texts()
        command = [_git(), f"--git-dir={repo.git_dir}", "cat-file", "--batch"]
        with tempfile.TemporaryFile() as request:
            request.write("\n".join(self._shas).encode("ascii") + b"\n")
            request.seek(0)
            self._process = subprocess.Popen(
                command, stdin=request, stdout=self._output, stderr=self._errors
            )

    def texts(self) -> dict[str, str]:
        """Texts of blobs up to ``DOCUMENT_LIMIT`` bytes, by SHA; larger ones are left out."""
        if self._process is None:
            return {}
        with self._output, self._errors:
            if self._process.wait() != 0:
                self._errors.seek(0)
                detail = git_message(self._errors.read().decode("utf-8", "replace"))
                raise InsightError(f"git cat-file failed in {self._where}: {detail}")
            self._output.seek(0)
            output = self._output.read()
        texts: dict[str, str] = {}
        position = 0
        for sha in self._shas:
            header_end = output.index(b"\n", position)
            name, _kind, size = output[position:header_end].decode("ascii").split(" ")
            start, position = header_end + 1, header_end + 1 + int(size) + 1
            if name == sha and int(size) <= DOCUMENT_LIMIT:
                texts[sha] = _decode(output[start : start + int(size)])
        return texts


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def permalink(repo: git.Repo, commit_range: CommitRange, template: str | None = None) -> str:
    """The compare URL of the range, from the ``origin`` remote.

    - GitHub (and hosts named like it):
      ``https://github.com/OWNER/REPO/compare/OWNER:abc1234...OWNER:def5678``;
    - GitLab: ``https://gitlab.com/OWNER/REPO/-/compare/abc1234...def5678``;
    - any other host (Gitea, Forgejo): ``https://HOST/OWNER/REPO/compare/abc1234...def5678``;
    - no ``origin`` on a forge (none, or a path on this machine): no link, ``""``.
    A ``compare_url`` template from the configuration wins (placeholders ``{base}``,
    ``{head}``, ``{dots}``, ``{base_sha}``, ``{head_sha}``).
    """
    left, head = commit_range.left[:7], commit_range.head[:7]
    dots = "..." if commit_range.symmetric else ".."
    if template:
        return template.format(
            base=left, head=head, dots=dots, base_sha=commit_range.left, head_sha=commit_range.head
        )
    web = _web_url(repo)
    if web is None:
        return ""
    host, path = web
    if "github" in host:
        owner = path.split("/", 1)[0]
        return f"https://{host}/{path}/compare/{owner}:{left}{dots}{owner}:{head}"
    if "gitlab" in host:
        return f"https://{host}/{path}/-/compare/{left}{dots}{head}"
    return f"https://{host}/{path}/compare/{left}{dots}{head}"


def _web_url(repo: git.Repo) -> tuple[str, str] | None:
    """(host, OWNER/REPO path) of ``origin``, credentials and ``.git`` removed."""
    try:
        url = repo.remotes.origin.url
    except (AttributeError, ValueError, IndexError):
        return None
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


def coverage(repo: git.Repo, commit_range: CommitRange) -> Coverage:
    """What a range covers: its ends, how many commits, the first and last commit days."""
    days = repo.git.log("--format=%cs", f"{commit_range.base}..{commit_range.head}").split()
    return Coverage(
        base=commit_range.base,
        head=commit_range.head,
        commits=len(days),
        first_date=min(days) if days else None,
        last_date=max(days) if days else None,
    )
