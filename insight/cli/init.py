"""The init command: a commented insight.toml and the workflow that runs it."""

from __future__ import annotations

from pathlib import Path

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
    "--action",
    "action_ref",
    default=scaffold.ACTION_REF,
    show_default=True,
    help="The GitHub Action the workflow uses.",
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
    action_ref: str,
    force: bool,
) -> None:
    """Write a commented insight.toml and .github/workflows/insight.yml in DIRECTORY.

    The categories of insight.toml are proposed from the content roots of the repository's
    docs toolchain (docfx, MkDocs, Hugo, Docusaurus, mdBook), one per language tree, never
    code, CI or test folders; what they take of the documentation changed over the last
    100 commits, and what they leave out, is said.

    The workflow runs every day (and on demand): it reports on what is new upstream,
    commits the reports and the state, and publishes the site to GitHub Pages.

    \b
    Example:
      insight init --repo https://github.com/MicrosoftDocs/azure-ai-docs.git -l en_US -l zh_CN
    """
    console = make_console(click.get_current_context())
    locales = locales or ("en_US",)
    files = scaffold.init_files(
        directory, repo=repo, branch=branch, locales=locales, engine=engine, action_ref=action_ref
    )
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
    files = scaffold.init_files(
        directory,
        repo=repo,
        branch=branch,
        locales=locales,
        engine=engine,
        action_ref=action_ref,
        proposal=proposal,
    )
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
