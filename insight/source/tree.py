"""The files of one commit: what the site's configuration says, and which pages include what.

The site analysis reads a few configuration files (``mkdocs.yml``, ``docfx.json``, redirect
maps) and searches the pages for references to changed include files. Both go through git
directly, at the head commit of the range, so nothing depends on a work tree.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from functools import cached_property

import git

from insight.errors import GitSourceError

CONFIG_LIMIT = 8 * 1024 * 1024
"""Configuration and redirect files larger than this are not read."""


class Tree:
    """The tree of ``commit`` in ``repo``; read lazily, each file at most once."""

    def __init__(self, repo: git.Repo, commit: str) -> None:
        self.repo = repo
        self.commit = commit
        self._texts: dict[str, str | None] = {}

    def _git(self, *arguments: str) -> subprocess.CompletedProcess[bytes]:
        executable = git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"
        return subprocess.run(
            [executable, f"--git-dir={self.repo.git_dir}", *arguments],
            capture_output=True,
            check=False,
        )

    @cached_property
    def paths(self) -> frozenset[str]:
        """Every file of the commit."""
        done = self._git("ls-tree", "-r", "-z", "--name-only", self.commit)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitSourceError(f"cannot list {self.commit[:7]}: {message[-1] if message else ''}")
        names = done.stdout.decode("utf-8", "replace")  # a name that is not UTF-8 is no config
        return frozenset(name for name in names.split("\0") if name)

    def read(self, path: str) -> str | None:
        """The text of ``path``, or None when it is not there, is too large or is binary."""
        if path not in self._texts:
            self._texts[path] = self._read(path) if path in self.paths else None
        return self._texts[path]

    def _read(self, path: str) -> str | None:
        size = self._git("cat-file", "-s", f"{self.commit}:{path}")
        if size.returncode != 0 or int(size.stdout or 0) > CONFIG_LIMIT:
            return None
        done = self._git("cat-file", "blob", f"{self.commit}:{path}")
        if done.returncode != 0 or b"\0" in done.stdout[:8000]:
            return None
        return done.stdout.decode("utf-8", "replace")

    def grep(self, needles: Iterable[str], suffixes: Sequence[str]) -> dict[str, list[str]]:
        """The lines of files ending in ``suffixes`` that contain any of ``needles``, by file."""
        wanted = sorted(set(needles))
        if not wanted:
            return {}
        arguments = ["grep", "-I", "-F", "-z", "--no-color"]
        for needle in wanted:
            arguments += ["-e", needle]
        arguments += [self.commit, "--", *(f"*{suffix}" for suffix in suffixes)]
        done = self._git(*arguments)
        if done.returncode not in (0, 1):  # 1: nothing found
            return {}
        found: dict[str, list[str]] = {}
        prefix = f"{self.commit}:"
        for record in done.stdout.decode("utf-8", "replace").split("\n"):
            # -z: "COMMIT:PATH\0LINE"
            name, _, line = record.partition("\0")
            if name.startswith(prefix) and line:
                found.setdefault(name[len(prefix) :], []).append(line)
        return found
