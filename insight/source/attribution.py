"""Who changed what: the commits of a range that touched each path, and their pull requests.

One ``git log`` of the whole range gives every commit with its parents, author, date, subject
and the paths it touched (renames followed to the path at the range's head). A commit's pull
request is read from its own subject when it was squash-merged (GitHub's ``Title (#123)``),
else from the merge commit that brought it in (``Merge pull request #123 from …``): the
commits reached from that merge's second parent that are not on the first-parent line of
the head, nor brought in by an older merge.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from typing import IO

import git

from insight.errors import GitSourceError
from insight.models import Attribution, Commit, Coverage
from insight.source.gitcli import git_executable, git_message, where
from insight.source.repository import CommitRange

_HEADER = "\x01"
_FIELD = "\x1f"
_FORMAT = f"--format={_HEADER}%H{_FIELD}%P{_FIELD}%an{_FIELD}%aI{_FIELD}%cs{_FIELD}%s"
_SQUASHED = re.compile(r"\(#(\d+)\)\s*$")
_MERGED = re.compile(r"^Merge pull request #(\d+) from ")


@dataclass
class _Logged:
    sha: str
    parents: list[str]
    author: str
    date: str
    committed: str
    """The committer's day (``YYYY-MM-DD``): what a report's coverage counts in."""
    subject: str
    paths: list[tuple[str, str | None]]
    """(path, old path of a rename or copy) of every path the commit touched."""


class StartedLog:
    """The range's ``git log``, running beside the caller (into a temporary file, so that it
    never waits on a full pipe) until ``coverage`` or ``attribution`` reads it; ``close``
    ends it unread."""

    def __init__(self, repo: git.Repo, commit_range: CommitRange) -> None:
        self._where = where(repo)
        self._range = commit_range
        self._logged: list[_Logged] | None = None
        self._output: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            _command(repo, commit_range), stdout=self._output, stderr=self._errors
        )

    def coverage(self) -> Coverage:
        """What the range covers: its ends, how many commits, the first and last commit days."""
        days = [entry.committed for entry in self._read()]
        return Coverage(
            base=self._range.base,
            head=self._range.head,
            commits=len(days),
            first_date=min(days) if days else None,
            last_date=max(days) if days else None,
        )

    def attribution(self) -> dict[str, Attribution]:
        """The commits (most recent first) and pull requests of each path the range touched,
        keyed by the path at the range's head."""
        return _attributed(self._read())

    def _read(self) -> list[_Logged]:
        """The log's commits, newest first: waited for and read once."""
        if self._logged is None:
            assert self._process is not None, "the log was closed"
            returncode = self._process.wait()
            self._process = None
            self._output.seek(0)
            self._errors.seek(0)
            output, errors = self._output.read(), self._errors.read()
            self.close()
            if returncode != 0:
                detail = git_message(errors.decode("utf-8", "replace"))
                raise GitSourceError(f"git log failed in {self._where}: {detail}")
            self._logged = _parse(output.decode("utf-8", "replace"))
        return self._logged

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None
        self._output.close()
        self._errors.close()


def _attributed(logged: list[_Logged]) -> dict[str, Attribution]:
    requests = _pull_requests(logged)
    aliases: dict[str, str] = {}
    touched: dict[str, list[Commit]] = defaultdict(list)
    for entry in logged:  # newest first: a rename maps the older name onto the newer one
        commit = Commit(
            sha=entry.sha,
            subject=entry.subject,
            author=entry.author,
            date=entry.date,
            pull_request=requests.get(entry.sha),
        )
        for path, old_path in entry.paths:
            final = aliases.get(path, path)
            if not touched[final] or touched[final][-1].sha != entry.sha:
                touched[final].append(commit)
            if old_path is not None:
                aliases[old_path] = final
    return {
        path: Attribution(
            commits=tuple(commits),
            pull_requests=tuple(
                dict.fromkeys(c.pull_request for c in commits if c.pull_request is not None)
            ),
        )
        for path, commits in touched.items()
    }


def _pull_requests(logged: list[_Logged]) -> dict[str, int]:
    """The pull request of each commit that names one or was merged by one."""
    by_sha = {entry.sha: entry for entry in logged}
    mainline: set[str] = set()
    current = logged[0].sha if logged else None
    while current in by_sha:
        mainline.add(current)
        parents = by_sha[current].parents
        current = parents[0] if parents else None
    found: dict[str, int] = {}
    for entry in logged:
        squashed = _SQUASHED.search(entry.subject)
        if squashed and len(entry.parents) < 2:
            found[entry.sha] = int(squashed.group(1))
    for entry in reversed(logged):  # oldest merge first: each commit goes to the first one
        merged = _MERGED.match(entry.subject)
        if not merged or len(entry.parents) < 2:
            continue
        number = int(merged.group(1))
        found[entry.sha] = number
        waiting = list(entry.parents[1:])
        while waiting:
            sha = waiting.pop()
            if sha not in by_sha or sha in mainline or sha in found:
                continue
            found[sha] = number
            waiting.extend(by_sha[sha].parents)
    return found


def _command(repo: git.Repo, commit_range: CommitRange) -> list[str]:
    return [
        git_executable(),
        f"--git-dir={repo.git_dir}",
        "log",
        "--date-order",
        "-M",
        "--name-status",
        "-z",
        "--no-color",
        _FORMAT,
        f"{commit_range.base}..{commit_range.head}",
    ]


def _parse(output: str) -> list[_Logged]:
    """``git log -z`` fields: a header (``\\x01SHA␟PARENTS␟AUTHOR␟DATE␟SUBJECT``), then per
    path its status letter and its one or two paths (two for a rename or copy)."""
    logged: list[_Logged] = []
    tokens = iter(output.split("\0"))
    for token in tokens:
        text = token.lstrip("\n")
        if text.startswith(_HEADER):
            sha, parents, author, date, committed, subject = text[1:].split(_FIELD, 5)
            logged.append(_Logged(sha, parents.split(), author, date, committed, subject, []))
        elif text and logged:
            if text[0] in "RC":
                old_path, path = next(tokens), next(tokens)
                logged[-1].paths.append((path, old_path))
            else:
                logged[-1].paths.append((next(tokens), None))
    return logged
