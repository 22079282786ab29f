"""The git executable: which one runs, where, and the line of its stderr worth showing."""

from __future__ import annotations

import re

import git

_PROGRESS = re.compile(
    r"^(remote: )?(Cloning into|Counting|Compressing|Enumerating|Receiving|Resolving|Total|"
    r"Unpacking|Writing|Updating files|Checking)"
)


def git_executable() -> str:
    """The git that GitPython runs, so that every process of a run uses the same one."""
    return git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"


def git_message(stderr: str) -> str:
    """git's meaningful line: its first ``fatal:`` or ``error:`` (the cause; later ones and
    hints follow from it), else its last line that is not progress; without the prefix."""
    lines = [line.strip() for line in re.split(r"[\r\n]+", stderr) if line.strip()]
    lines = [line for line in lines if not _PROGRESS.match(line)]
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    chosen = errors[0] if errors else (lines or ["unknown error"])[-1]
    return re.sub(r"^(fatal|error):\s*", "", chosen)


def where(repo: git.Repo) -> str:
    """The repository as a message names it: its work tree, else its git directory."""
    return str(repo.working_tree_dir or repo.git_dir)
