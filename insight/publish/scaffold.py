"""``insight init``: a commented ``insight.toml`` and the scheduled workflow for a repository."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import jinja2

from insight import i18n, project
from insight.errors import InsightError, UsageError
from insight.publish.proposal import Proposal, propose
from insight.resources import resource_dir, template_environment
from insight.source import categories, remote, repository
from insight.source.tree import Tree

CONFIG_NAME = "insight.toml"
MODES = ("push", "pull-request", "pages", "comment")
"""How the workflow keeps the reports: pushed to the branch, in a pull request, only on the
published site; or ``comment``, a workflow that comments on the docs' own pull requests."""
WORKFLOWS = Path(".github") / "workflows"


def workflow_path(mode: str) -> Path:
    """Where the workflow of ``mode`` goes: the schedule's, or the pull requests' comment."""
    return WORKFLOWS / ("insight-comment.yml" if mode == "comment" else "insight.yml")


PROPOSAL_COMMITS = 100
_ACTION_REF = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[\w./-]+$"
)


def _environment() -> jinja2.Environment:
    # GitHub's ${{ }} expressions must pass through untouched, so variables use <%= %>.
    return template_environment(
        resource_dir("templates") / "init",
        variable_start_string="<%=",
        variable_end_string="%>",
        trim_blocks=False,
        lstrip_blocks=False,
    )


def init_files(
    directory: Path,
    *,
    repo: str,
    branch: str = "HEAD",
    locales: Sequence[str] = ("en_US",),
    engine: str = "auto",
    action_ref: str | None = None,
    mode: str = "push",
    proposal: Proposal | None = None,
) -> dict[Path, str]:
    """The two files ``insight init`` writes, by path; nothing is written here.

    ``repo`` goes into ``insight.toml`` without the credentials of its URL; the categories of
    a ``proposal`` become real category entries. ``action_ref`` defaults to this project's
    Action at the installed version's tag.
    """
    for locale in locales:
        i18n.check_locale(locale)
    if mode not in MODES:
        raise UsageError(f"--mode {mode!r}: expected one of {', '.join(MODES)}")
    action_ref = action_ref or project.action_reference()
    if not _ACTION_REF.match(action_ref):
        raise UsageError(
            f"--action {action_ref!r}: expected OWNER/REPO@REF (or OWNER/REPO/PATH@REF)"
        )
    values = {  # TOML basic strings take JSON's escapes
        "repo": json.dumps(remote.redact(repo), ensure_ascii=False),
        "branch": json.dumps(branch, ensure_ascii=False),
        "locales": ", ".join(json.dumps(locale) for locale in locales),
        "supported": ", ".join(i18n.supported_locales()),
        "engine": engine,
        "action_ref": action_ref,
        "mode": mode,
        "documentation": project.urls().get("Documentation", ""),
        "proposed": [
            {
                "name": _toml_key(category.name),
                "folder": json.dumps(category.paths[0]),
                "files": files,
            }
            for category, files in (proposal.categories if proposal else ())
        ],
        "proposal_commits": PROPOSAL_COMMITS,
        "coverage": describe(proposal) if proposal else "",
    }
    environment = _environment()
    return {
        directory / CONFIG_NAME: environment.get_template("insight.toml.j2").render(values),
        directory / workflow_path(mode): environment.get_template("insight.yml.j2").render(values),
    }


def refuse_to_overwrite(files: dict[Path, str]) -> None:
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise UsageError(f"{existing[0]} exists; use --force to overwrite")


def propose_categories(
    repo: str, branch: str, cache_dir: Path, timeout: float
) -> tuple[Proposal | None, str | None]:
    """Categories from the repository's content roots, measured on its last commits.

    Returns the proposal, and a notice when the repository could not be read (then there
    is none, and the config keeps commented examples).
    """
    try:
        with repository.open_repository(repo, cache_dir, timeout) as opened:
            head = repository.resolve_commit(opened, branch)
            paths = repository.recently_changed_paths(opened, head, PROPOSAL_COMMITS)
            return propose(Tree(opened, head), paths), None
    except InsightError as error:
        return None, f"no categories proposed: {error}"


def describe(proposal: Proposal) -> str:
    """What a proposal covers and leaves out, in a line."""
    line = (
        f"{len(proposal.categories)} categories proposed; they take {proposal.share:.0%} "
        f"({proposal.covered:,} of {proposal.documents:,}) of the documentation files changed "
        f"in the last {PROPOSAL_COMMITS} commits"
    )
    if proposal.left_out:
        line += f"; left out: {categories.describe_folders(proposal.left_out)}"
    return line


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name, ensure_ascii=False)
