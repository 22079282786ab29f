"""A repository and its history: opening it, resolving a range, listing its commits.

Ranges read as GitHub compares them: ``A...B`` from the merge base, ``A..B`` straight.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import git

from insight.errors import GitSourceError
from insight.source.gitcli import where
from insight.source.limits import DEFAULT_GIT_TIMEOUT
from insight.source.remote import cached_clone, is_url, web_address


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


def open_repository(
    location: str, cache_dir: Path, timeout: float = DEFAULT_GIT_TIMEOUT
) -> git.Repo:
    """A work tree, a bare repository, or a URL cloned once into the cache and fetched after."""
    if is_url(location):
        return _pinned(cached_clone(location, cache_dir, timeout))
    try:
        return _pinned(git.Repo(location, search_parent_directories=False))
    except git.NoSuchPathError:
        raise GitSourceError(f"{Path(location).absolute()}: no such directory") from None
    except git.InvalidGitRepositoryError:
        raise GitSourceError(f"{Path(location).absolute()}: not a git repository") from None


def reopened(repo: git.Repo) -> git.Repo:
    """The same repository opened again, with git processes of its own: a forked process
    must not talk to its parent's (they answer one reader at a time)."""
    return _pinned(git.Repo(repo.git_dir))


def _pinned(repo: git.Repo) -> git.Repo:
    """Run every git command of ``repo`` on its git directory, whatever GitPython guessed.

    A bare repository without ``core.bare`` in its config (a plain copy of a ``.git``
    folder, some mirrors) looks to GitPython like a work tree's ``.git``; its commands would
    then run in the parent folder, which is no repository.
    """
    repo.git.update_environment(GIT_DIR=repo.git_dir)
    return repo


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
    if symmetric and not _on_first_parents(repo, left, head):
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
    # the left side as the merge base is in the head's history: the head is not behind it
    leads = commit_range.symmetric and commit_range.base == left
    if left == head or leads or not is_ancestor(repo, head, left):
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
    listed = [(commit.hexsha, commit.committed_datetime.date().isoformat()) for commit in commits]
    for position, (sha, _) in enumerate(listed):
        _COMMITS.add((str(repo.git_dir), sha))
        _FIRST_PARENTS[(str(repo.git_dir), sha)] = (head, position)
    return listed


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


_COMMITS: set[tuple[str, str]] = set()
"""(git directory, full SHA) of the commits read so far: a SHA names one object for good, so
the days of a backfill, named by their SHAs, are read once."""
_FIRST_PARENTS: dict[tuple[str, str], tuple[str, int]] = {}
"""(git directory, full SHA) of each commit a first-parent listing gave -> the head listed
from and its place in the list: each is in the history of those after it."""


def _on_first_parents(repo: git.Repo, ancestor: str, descendant: str) -> bool:
    """Whether one first-parent listing gave both, ``ancestor`` first (or the same commit):
    then it is their merge base, and git need not be asked."""
    first = _FIRST_PARENTS.get((str(repo.git_dir), ancestor))
    second = _FIRST_PARENTS.get((str(repo.git_dir), descendant))
    return first is not None and second is not None and first[0] == second[0] and first <= second


def _commit(repo: git.Repo, name: str) -> str:
    """git's own reading of ``name`` (reflog dates, ``:/text``…), which must be a commit."""
    known = (str(repo.git_dir), name)
    if known in _COMMITS:
        return name
    if name and not name.startswith("-"):
        # One call for a commit or a tag; after a colon, ``^{commit}`` would be read as part
        # of a path or a searched text, so such a name is read first and peeled after.
        with contextlib.suppress(git.GitCommandError):
            sha = _peeled(repo, name if ":" not in name else _verified(repo, name))
            if sha == name:
                _COMMITS.add(known)
            return sha
        with contextlib.suppress(git.GitCommandError):
            sha = _verified(repo, name)
            kind = repo.git.cat_file("-t", sha).strip()
            raise GitSourceError(
                f"'{name}' names a {kind}, not a commit, in {where(repo)}: "
                "give a commit, a branch or a tag"
            )
    raise GitSourceError(f"unknown revision '{name}' in {where(repo)}{_shallow_hint(repo)}")


def _verified(repo: git.Repo, name: str) -> str:
    """The SHA of the object ``name`` names."""
    return str(repo.git.rev_parse("--verify", "--quiet", "--end-of-options", name)).strip()


def _peeled(repo: git.Repo, name: str) -> str:
    """The SHA of the commit ``name`` names (a tag peeled to its commit)."""
    return _verified(repo, f"{name}^{{commit}}")


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


def commit_date(repo: git.Repo, sha: str) -> str:
    """The commit date in the committer's own time zone, so a re-run gives the same date."""
    return repo.commit(sha).committed_datetime.date().isoformat()


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
    return web_address(url)
