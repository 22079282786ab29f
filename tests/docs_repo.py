"""Real temporary git repositories, built commit by commit with GitPython."""

from __future__ import annotations

import os
from pathlib import Path

import git

FIXTURES = Path(__file__).parent / "fixtures"
DEFAULT_DATE = "2025-05-28T10:00:00+08:00"


class DocsRepo:
    """A docs repository to write, move and commit files in, with fixed dates."""

    def __init__(self, path: Path, bare_remote: str | None = None) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.repo = git.Repo.init(path, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Docs Writer")
            config.set_value("user", "email", "writer@example.com")
            config.set_value("core", "autocrlf", "false")
        if bare_remote:
            self.repo.create_remote("origin", bare_remote)

    def write(self, relative: str, content: str | bytes) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)

    def remove(self, relative: str) -> None:
        self.repo.git.rm("-q", relative)

    def move(self, old: str, new: str) -> None:
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.repo.git.mv(old, new)

    def symlink(self, relative: str, target: str) -> None:
        link = self.path / relative
        if link.exists() or link.is_symlink():
            link.unlink()
        os.symlink(target, link)

    def commit(self, message: str, date: str = DEFAULT_DATE) -> str:
        self.repo.git.add("-A")
        environment = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        self.repo.git.commit("-q", "--allow-empty", "-m", message, env=environment)
        return self.repo.head.commit.hexsha

    def branch(self, name: str, start: str = "HEAD") -> None:
        self.repo.git.checkout("-q", "-b", name, start)

    def checkout(self, name: str) -> None:
        self.repo.git.checkout("-q", name)

    def numstat(self, spec: str) -> dict[str, tuple[int, int]]:
        """``git diff -M --numstat`` as {path: (additions, deletions)}; binary counts 0/0."""
        output = self.repo.git.diff("-M", "--numstat", "-z", *spec_arguments(spec))
        counts: dict[str, tuple[int, int]] = {}
        fields = output.split("\0")
        index = 0
        while index < len(fields) and fields[index]:
            added, deleted, path = fields[index].split("\t", 2)
            if not path:  # a rename: old and new path follow
                path = fields[index + 2]
                index += 2
            counts[path] = (
                0 if added == "-" else int(added),
                0 if deleted == "-" else int(deleted),
            )
            index += 1
        return counts


def spec_arguments(spec: str) -> list[str]:
    return [spec] if (".." in spec) else [f"{spec}...HEAD"]
