"""The init command: a commented insight.toml and the workflow that runs it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from insight.cli.common import (
    CONTEXT,
    echo_path,
    handle_errors,
    locale_option,
    make_console,
    output_options,
)
from insight.config import ENGINES, Settings, load_settings
from insight.errors import ConfigError
from insight.publish import scaffold
from insight.report.files import write_files
from insight.source.remote import redact


@click.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--repo", "-r", required=True, help="The docs repository to follow: a URL or a path.")
@click.option(
    "--branch",
    "-b",
    default="HEAD",
    show_default=True,
    help="The branch to follow (HEAD: the default branch).",
)
@locale_option
@click.option(
    "--engine",
    "-e",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="The engine the scheduled job uses.",
)
@click.option(
    "--mode",
    type=click.Choice(scaffold.MODES),
    help="push: commit the reports to the branch; pull-request: open a pull request for them "
    "(for protected branches); pages: keep them only on the published site; comment: a "
    "workflow that comments on the docs' own pull requests. Asked when not given on a "
    "terminal (default: push).",
)
@click.option(
    "--action",
    "action_ref",
    help="The GitHub Action the workflow uses (default: this project's, at the installed "
    "version's tag).",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@output_options
@handle_errors
def init(
    directory: Path,
    repo: str,
    branch: str,
    locales: tuple[str, ...],
    engine: str,
    mode: str | None,
    action_ref: str | None,
    force: bool,
) -> None:
    """Write a commented insight.toml and .github/workflows/insight.yml in DIRECTORY.

    The categories of insight.toml are proposed from the content roots of the repository's
    docs toolchain (docfx, MkDocs, Hugo, Docusaurus, mdBook), one per language tree, never
    code, CI or test folders; what they take of the documentation changed over the last
    100 commits, and what they leave out, is said.

    The workflow runs every day (and on demand): it reports on what is new upstream, keeps
    the reports and the state as --mode says, and publishes the site to GitHub Pages. With
    --mode comment, it comments on every pull request of the repository instead.

    \b
    Example:
      insight init --repo https://github.com/MicrosoftDocs/azure-ai-docs.git -l en_US --mode pages
    """
    console = make_console(click.get_current_context())
    locales = locales or ("en_US",)
    if mode is None:
        mode = _ask_mode() if sys.stdin.isatty() and sys.stdout.isatty() else "push"
    chosen: dict[str, Any] = {
        "locales": locales,
        "engine": engine,
        "action_ref": action_ref,
        "mode": mode,
    }
    files = scaffold.init_files(directory, repo=repo, branch=branch, **chosen)
    if not force:
        scaffold.refuse_to_overwrite(files)
    try:  # where to clone and how long to wait: the environment's, else the defaults
        settings = load_settings(overrides={"repo": repo}, directory=directory)
    except ConfigError:  # the file that is being replaced
        settings = Settings()
    console.progress(f"reading {redact(repo)} to propose categories")
    proposal, problem = scaffold.propose_categories(
        repo, branch, Path(settings.cache_dir), settings.git_timeout
    )
    console.notice(scaffold.describe(proposal) if proposal else str(problem))
    files = scaffold.init_files(directory, repo=repo, branch=branch, proposal=proposal, **chosen)
    if redact(repo) != repo:
        console.notice(
            "the credentials in the repository URL were left out of insight.toml; give them "
            "to the job as INSIGHT_REPO from a secret, or through a git credential helper"
        )
    for path in write_files(files):
        echo_path(path)
    console.notice(
        "for the model engine, add OPENAI_API_KEY (or the Azure OpenAI ones) to the secrets"
    )


def _ask_mode() -> str:
    click.echo(
        "How should the scheduled job keep the reports?\n"
        "  push          commit them to the branch (the branch must accept pushes)\n"
        "  pull-request  commit them to a branch and open one pull request (protected branches)\n"
        "  pages         keep them only on the published GitHub Pages site\n"
        "  comment       no schedule: comment on this repository's own pull requests",
        err=True,
    )
    mode: str = click.prompt(
        "Mode", type=click.Choice(scaffold.MODES), default="push", err=True, show_choices=False
    )
    return mode
