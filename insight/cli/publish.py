"""The publish command: the reports -> a static site with feeds."""

from __future__ import annotations

from pathlib import Path

import click

from insight.cli.common import (
    CONTEXT,
    config_option,
    echo_path,
    handle_errors,
    make_console,
    output_options,
)
from insight.config import load_settings
from insight.report.overrides import load_overrides, overrides_file


@click.command(context_settings=CONTEXT)
@click.argument("reports_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--out",
    "-o",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Site directory (default: the 'site' setting, site).",
)
@click.option("--base-url", help="The site's public address, for absolute links in its feeds.")
@config_option
@output_options
@handle_errors
def publish(
    reports_dir: Path | None, site_dir: Path | None, base_url: str | None, config_file: Path | None
) -> None:
    """Build the static site of the reports: pages per locale, Atom feeds and index.json.

    REPORTS_DIR defaults to the 'out' setting (reports). Each locale gets a home page of the
    newest reports, an archive by month and by category, a page per report with a language
    switcher, an Atom feed, and a feed per category. Prints the site's index page.

    \b
    Example:
      insight publish reports --out site --base-url https://docs-team.github.io/insight/
    """
    console = make_console(click.get_current_context())
    settings = load_settings(config_file, {"site_url": base_url})
    source, target = reports_dir or Path(settings.out), site_dir or Path(settings.site)
    from insight.publish import site  # markdown-it-py and the site's templates: only to publish

    overrides = load_overrides(overrides_file(settings.source))
    written = site.publish(source, target, settings.site_url, overrides)
    pages = sum(1 for path in written if path.suffix == ".html")
    feeds = sum(1 for path in written if path.suffix == ".xml")
    console.notice(f"{pages} pages and {feeds} feeds written to {target}")
    echo_path(target / "index.html")
