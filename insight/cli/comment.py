"""The comment command: a pull request's insight, posted as one comment kept up to date."""

from __future__ import annotations

import os
from pathlib import Path

import click

from insight import project
from insight.cli.common import (
    CONTEXT,
    ModelFlags,
    config_option,
    echo_path,
    engine_for,
    engine_option,
    handle_errors,
    locale_option,
    make_console,
    model_options,
    notice_summary,
    output_options,
)
from insight.cli.job import report_to_github
from insight.config import load_settings
from insight.publish.github import GitHub
from insight.report.comment import MARKER, pull_request_insight


@click.command(context_settings=CONTEXT)
@click.argument("range_spec", metavar="RANGE")
@click.option(
    "--pr",
    "number",
    type=click.IntRange(1),
    help="The pull request to comment on (required unless --dry-run).",
)
@click.option(
    "--repo", "-r", help="Work tree, bare repository or URL (default: the current directory)."
)
@locale_option
@config_option
@engine_option
@click.option("--dry-run", is_flag=True, help="Print the comment; post nothing.")
@model_options()
@output_options
@handle_errors
def comment(
    range_spec: str,
    number: int | None,
    repo: str | None,
    locales: tuple[str, ...],
    config_file: Path | None,
    engine: str | None,
    dry_run: bool,
    model_flags: ModelFlags,
) -> None:
    """Comment on a pull request with what it changes in the docs, updated in place.

    RANGE is the pull request's BASE...HEAD. The comment counts the files by type, lists
    each with its title and its published page, what moved where and the translations it
    leaves behind, in the first locale. A hidden marker finds the comment on the next push,
    which updates it rather than adding another. It talks to the API at GITHUB_API_URL
    (default https://api.github.com) for GITHUB_REPOSITORY, with the token GITHUB_TOKEN
    (never printed). Prints the comment's address.

    \b
    Example:
      GITHUB_REPOSITORY=octo/docs GITHUB_TOKEN=... insight comment main...feature --pr 42
    """
    console = make_console(click.get_current_context())
    if number is None and not dry_run:
        raise click.UsageError("--pr N is required (or --dry-run to print the comment)")
    github = None if dry_run else GitHub.from_environment(os.environ)  # before any work
    flags = {"repo": repo, "locales": locales, "engine": engine}
    settings = load_settings(config_file, {**flags, **model_flags.settings})
    engine_in_use = engine_for(settings, model_flags, console)
    insight = pull_request_insight(
        settings,
        range_spec,
        engine=engine_in_use,
        layouts=settings.translations,
        progress=console.progress,
        home=project.urls().get("Homepage", ""),
    )
    for notice in insight.outcome.notices:
        console.notice(notice)
    notice_summary(engine_in_use, console)
    if github is None or number is None:
        click.echo(insight.body, nl=False)
        return
    url, created = github.upsert_comment(number, MARKER, insight.body)
    console.notice(f"{'posted' if created else 'updated'} the comment on #{number}")
    echo_path(url)
    title = f"Diff Insight on #{number}: {range_spec}"
    report_to_github(console, insight.outcome.reports, [], title, {"comment-url": url})
